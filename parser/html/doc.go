// Package html is the parser's HTML stage: it renders an HTML document to
// the same stream of lines a scraped text page is, so that one grammar
// (menu, title, fields, body) serves both, and tells what it learned from
// the markup on the way: the site chrome, rendered apart; the first <h1>
// of the content, the page's headline; and what the <head> says (language,
// canonical URL, og:title, publication date). It reads the markup only:
// the one thing of the grammar it needs, whether a text is a field label,
// it is given as a function, and it never calls back into the grammar.
//
// The rendering rules:
//
//   - block elements and <br> end a line; inline elements glue, as the
//     scraped text does ("Who we areWHO WE AREThe International…");
//   - a list item is "- text" when it holds only inline content, and a line
//     "-" followed by its content's lines when it holds a nested list, a
//     heading or another block: the shape of the site menu in scraped text;
//   - script, style, noscript, template, the <head> and comments give
//     nothing; entities are decoded and white space is collapsed, but in
//     <pre> and <textarea>, which show their text as written, a line end
//     ends a line;
//   - where the markup labels fields (Drupal's field__label / field__item,
//     <dl> and two-column tables whose labels the label function knows)
//     each field becomes the Dash triple "-", label, value, whatever the
//     page's own layout, and a value made of several items (one
//     field__item per member state) keeps them apart in text.Line.Items,
//     so member states are not split by name;
//   - site chrome (<nav>, and <header>/<footer> outside the content) is
//     rendered apart, in Page.Chrome: the parser looks there for the site
//     menu, which scraped text shows first.
//
// Positions. The scanner (scan.go) gives every element and text the line
// of the source file where it starts, counted as text.Split counts lines
// (LF, CRLF, lone CR), so diagnostics on an HTML page name real lines of
// the file. The scanner and the tree builder (tree.go) are our own, not
// golang.org/x/net/html's, which has no source positions and was a third
// of a large run: FuzzTokenizer holds the scanner to x/net/html's
// Tokenizer, and the package also sniffs whether a document is HTML and
// which character set it declares (sniff.go).
//
// It imports parser/text, parser/budget and model/ascii of iomparse's,
// and golang.org/x/net/html for the entity table and the element names.
package html
