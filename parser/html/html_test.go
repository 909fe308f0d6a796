package html

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/net/html/atom"

	"github.com/iomparse/iomparse/model/growth"
	"github.com/iomparse/iomparse/parser/text"
)

func TestLooksLike(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html>\n<html>", true},
		{"<!doctype HTML><title>x</title>", true},
		{"\ufeff  \r\n<html lang=\"fr\">", true},
		{"<HEAD><meta charset=utf-8>", true},
		{"<body>text</body>", true},
		{"<!-- saved from url=(0042)https://www.iom.int/ -->\n<html>", true},
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">", true},
		{"<meta charset=\"windows-1252\"><p>x", true},
		{"-\nWho we are\n- 2030 Agenda", false},
		{"Better Border Data\n<html> mentioned in prose", false},
		{"<htmlish>", false},
		{"<bodyguard>", false},
		{"<!-- a comment never closed <html>", false},
		{"", false},
		{"<div>fragment</div>", false},
	}
	for _, tt := range tests {
		if got := LooksLike([]byte(tt.in)); got != tt.want {
			t.Errorf("LooksLike(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if !IsDocument("page.HTM", []byte("<div>fragment</div>")) || IsDocument("page.txt", []byte("<div>fragment</div>")) {
		t.Error("a fragment is HTML by its .htm name only")
	}
}

// TestHTMLHostileShapes: pages built to exhaust the parser (deep nesting,
// many blocks, text in many pieces) render their text, in time linear in
// their size.
func TestHTMLHostileShapes(t *testing.T) {
	for name, page := range map[string]string{
		"200,000 nested inline tags": "<html><body>" + strings.Repeat("<b>", 200000) + "deep text",
		"100,000 nested blocks":      "<body>" + strings.Repeat("<div>", 100000) + "deep text",
		"text in 100,000 pieces":     "<p>" + strings.Repeat("a<!---->", 100000) + " deep text",
		"100,000 stray end tags":     "<p>" + strings.Repeat("a</x>", 100000) + " deep text",
	} {
		lines := new(Renderer).Render([]byte(page), testLabels).Lines
		var text strings.Builder
		for _, l := range lines {
			text.WriteString(l.Text)
		}
		if !strings.HasSuffix(text.String(), "deep text") {
			t.Errorf("%s: the text is lost (%d lines)", name, len(lines))
		}
	}
}

// TestRenderGrowth holds rendering to linear work on pages that repeat a
// tag whose handling went through what came before it: an <html> with
// thousands of attributes then thousands of <html lang=en>, each of which
// looked for its attribute among them all (2.9 MB: 58 s); and <svg><b>,
// each <b> leaving the SVG by looking for it from the bottom of the
// stack.
func TestRenderGrowth(t *testing.T) {
	for name, page := range map[string]func(n int) []byte{
		"repeated html": func(n int) []byte {
			return []byte("<html" + strings.Repeat(" class=x", n) + ">" + strings.Repeat("<html lang=en>", n) + "<body><p>x</p>")
		},
		"svg breakouts": func(n int) []byte { return []byte("<body>" + strings.Repeat("<svg><b>x", n)) },
	} {
		t.Run(name, func(t *testing.T) {
			small, large := page(2000), page(20000)
			var r Renderer
			growth.Check(t, func() { r.Render(small, testLabels); r.Release() }, func() { r.Render(large, testLabels); r.Release() })
		})
	}
}

// TestLineAt: the scanner's line of an offset is one more than the line
// ends (LF, CRLF, lone CR) before it, or before the largest offset asked
// so far, for pages of every mix of line ends.
func TestLineAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		page := make([]byte, rng.IntN(12))
		for i := range page {
			page[i] = "ab\r\n"[rng.IntN(4)]
		}
		s := newScanner(page, &memory{})
		maxOff := 0
		for range 8 {
			off := rng.IntN(len(page) + 1)
			maxOff = max(maxOff, off)
			want := 1
			for i := range maxOff {
				if c := page[i]; c == '\n' || c == '\r' && (i+1 == len(page) || page[i+1] != '\n') {
					want++
				}
			}
			if got := s.lineAt(off); got != want {
				t.Fatalf("%q: lineAt(%d) = %d, want %d", page, off, got, want)
			}
		}
	}
}

// TestKeptAttr: the attributes kept are those whose name, folded to lower
// case, is one of the names read downstream.
func TestKeptAttr(t *testing.T) {
	kept := []string{"class", "role", "lang", "rel", "href", "property", "content", "http-equiv", "charset"}
	names := []string{"id", "style", "src", "alt", "data-x", "classes", "clas", "xlass", "rol", "ref", "hreF",
		"lang:", "l\x00ng", "ROLE", "Role", "LANG", "HREF", "contenT", "CHARSET", "chars3t", "c0ntent", "propertY",
		"HTTP-EQUIV", "http_equiv", "http-equiV", "rEl", "r\xc9l", "role\x00", "=", "\"", "class\t"}
	names = append(names, kept...)
	for _, name := range names {
		lower := strings.ToLower(name)
		wantOK := slices.Contains(kept, lower)
		got, ok := keptAttr([]byte(name))
		if ok != wantOK || ok && got != lower {
			t.Errorf("keptAttr(%q) = %q, %v; want %v", name, got, ok, wantOK)
		}
	}
}

// TestNodesInDocumentOrder: the builder's array of nodes is the tree in
// document order, which readMeta and markFieldContainers rely on, for the
// fixtures and for pages the builder repairs.
func TestNodesInDocumentOrder(t *testing.T) {
	pages := []string{
		"<p>a<div>b</p>c<p>d<li>e<li>f<table><tr><td>g<tr><td>h</table></br></p>",
		"<html><head><title>t</title></head><body><body class=x><h1>a<h2>b</h1><dl><dt>c<dd>d</dl>",
		"<svg><title>x</title><p>y</svg><b><i>z</b></i><select><option>1<option>2</select>",
		"<head>text<meta name=x><script>a<b</script>" + strings.Repeat("<div>", 600) + "deep",
	}
	fixtures, _ := filepath.Glob("../../testdata/html/*.html") // a bad pattern is impossible here
	for _, p := range fixtures {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(data))
	}
	for _, page := range pages {
		var mem memory
		root, _ := parseTree([]byte(page), &mem)
		var order []*node
		var visit func(n *node)
		visit = func(n *node) {
			order = append(order, n)
			for c := n.first; c != nil; c = c.next {
				visit(c)
			}
		}
		visit(root)
		if len(order) != mem.nodes.len() {
			t.Fatalf("%.40q: %d nodes in the tree, %d in the array", page, len(order), mem.nodes.len())
		}
		for i, n := range order {
			if n != mem.nodes.at(i) {
				t.Fatalf("%.40q: node %d of the tree is not the array's", page, i)
			}
		}
		mem.release()
	}
}

// TestTagNames: the cache of element names gives what folding the name
// and looking it up gives, for names that collide in it, in any case,
// unknown ones and long ones, however often each is asked.
func TestTagNames(t *testing.T) {
	names := []string{"div", "DIV", "Div", "li", "LI", "body", "tbody", "h5", "aside", "thead", "time",
		"p", "P", "x", "foo-bar", "my:tag", "a1", "tab", "tablE", strings.Repeat("Long", 20), "svg", "SVG"}
	var cache tagNames
	for range 3 {
		for _, name := range names {
			tag, lower := lowerName([]byte(name))
			gotTag, gotLower, gotClass := cache.lookup([]byte(name))
			if gotTag != tag || gotLower != lower || gotClass != classOf(tag) {
				t.Errorf("lookup(%q) = %v %q %b, want %v %q %b", name, gotTag, gotLower, gotClass, tag, lower, classOf(tag))
			}
		}
	}
}

// TestFieldClasses: an element is a field label or item by the first of
// its class attributes, as attr reads it, with references decoded; a
// repeated <body> gives the first its class when it had none.
func TestFieldClasses(t *testing.T) {
	page := `<html class="field__label"><html class="field__item"><body><body class=" field__item x">` +
		`<div class="a field__label" class="field__item">` +
		`<span class="field__label&#32;field__item"></span><p CLASS=field__itemx>` +
		`<i class="field__label field__item"></i><b class="Field__Label"></b>`
	want := map[string]elemClass{
		"html": classFieldLabel, "body": classFieldItem, "div": classFieldLabel,
		"span": classFieldLabel | classFieldItem, "p": 0, "i": classFieldLabel | classFieldItem, "b": 0,
	}
	var mem memory
	root, _ := parseTree([]byte(page), &mem)
	defer mem.release()
	var visit func(n *node)
	visit = func(n *node) {
		for c := n.first; c != nil; c = c.next {
			if c.kind == elementNode {
				if got := c.class & (classFieldLabel | classFieldItem); got != want[c.data] {
					t.Errorf("<%s>: field classes %b, want %b", c.data, got, want[c.data])
				}
				delete(want, c.data)
			}
			visit(c)
		}
	}
	visit(root)
	if len(want) > 0 {
		t.Errorf("elements not found: %v", want)
	}
}

// TestHTMLAttributeReferences: in attributes, a named reference without
// its ";" followed by a letter, a digit or "=" stays as written, so URLs
// keep their query strings.
func TestHTMLAttributeReferences(t *testing.T) {
	for in, want := range map[string]string{
		"https://x/?page=2&region=asia&not=1&copy=3": "https://x/?page=2&region=asia&not=1&copy=3",
		"a &amp; b": "a & b", "a &amp b": "a & b", "&copy3": "&copy3", "&copy 3": "© 3", "&copy;3": "©3",
		"&#38;": "&", "&#38": "&", "&#x26;x": "&x", "&": "&", "&&": "&&", "&lt=": "&lt=", "&lt;=": "<=",
		"&notit;": "&notit;", "&zzz;": "&zzz;",
	} {
		if got := decodeAttr(in); got != want {
			t.Errorf("decodeAttr(%q) = %q, want %q", in, got, want)
		}
	}
	page := new(Renderer).Render([]byte(`<link rel="canonical" href="https://www.iom.int/news?page=2&region=asia&lang=fr">`), testLabels)
	if page.Meta.URL != "https://www.iom.int/news?page=2&region=asia&lang=fr" {
		t.Errorf("canonical URL %q", page.Meta.URL)
	}
}

// FuzzRender checks that any input renders without panicking, with every
// line, the content's and the chrome's, numbered within the input; that
// the <h1> found is one of the lines; that the tree's nodes are at most
// two per "<" and the root (parseTree); and that searching the stack of
// open elements down it and through its index builds the same tree.
func FuzzRender(f *testing.F) {
	pages, _ := filepath.Glob("../../testdata/html/*.html") // a bad pattern is impossible here
	hostile, _ := filepath.Glob("../../testdata/hostile/*.html")
	pages = append(pages, hostile...)
	for _, p := range pages {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("<body><li>a\r\rb<pre>\n\n</pre><table><tr><td>Prima ID<td>x</table>"))
	f.Add([]byte("<nav><ul><li>-<li>Who we are</ul></nav><p>x</p></p></br><h1>T</h1>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStackIndex(t, data)
		n := newScanner(data, &memory{}).lineAt(len(data)) // the last line, maybe empty after a final line end
		var r Renderer
		page := r.Render(data, testLabels)
		if nodes, limit := r.mem.nodes.len(), 2*bytes.Count(data, []byte("<"))+2; nodes > limit {
			t.Fatalf("%d nodes for %d allotted", nodes, limit)
		}
		if page.H1 < -1 || page.H1 > len(page.Lines) {
			t.Fatalf("H1 = %d of %d lines", page.H1, len(page.Lines))
		}
		for _, lines := range append([][]text.Line{page.Lines}, page.Chrome...) {
			for _, l := range lines {
				if l.No < 1 || l.No > n {
					t.Fatalf("line %q numbered %d, outside 1..%d", l.Text, l.No, n)
				}
			}
		}
		r.Release()
	})
}

// testLabels stands for the parser's label predicate in this package's
// tests: a few of the labels it knows.
func testLabels(s string) bool {
	switch s {
	case "Prima ID", "Start Date", "Year", "Budget Amount (USD)":
		return true
	}
	return false
}

// BenchmarkRenderHTML renders each HTML fixture to lines: the HTML path
// alone, without the grammar that reads the lines.
func BenchmarkRenderHTML(b *testing.B) {
	pages, _ := filepath.Glob("../../testdata/html/*.html") // a bad pattern is impossible here
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(p), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var r Renderer // reused, as a Parser reuses it
			for b.Loop() {
				r.Render(data, testLabels)
				r.Release()
			}
		})
	}
}

// BenchmarkRenderHTMLCorpus renders every .html file under the folder
// IOMPARSE_BENCH_HTML (a generated corpus, say); skipped when unset.
func BenchmarkRenderHTMLCorpus(b *testing.B) {
	dir := os.Getenv("IOMPARSE_BENCH_HTML")
	if dir == "" {
		b.Skip("IOMPARSE_BENCH_HTML is not set")
	}
	var pages [][]byte
	size := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".html") {
			data, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, data)
			size += len(data)
		}
		return nil
	})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var r Renderer
	for b.Loop() {
		for _, data := range pages {
			r.Render(data, testLabels)
			r.Release()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
}

func TestCharsetIndex(t *testing.T) {
	for in, want := range map[string]int{
		`<meta charset="utf-8">`: 6,
		`<META CHARSET=latin1>`:  6,
		`<meta http-equiv="Content-Type" content="text/html; ChArSeT=iso-8859-1">`: 52,
		`<p>cc Charset charset</p>`: 6,
		`<p>charse</p>`:             -1,
		`<p>char set</p>`:           -1,
		`c`:                         -1,
		``:                          -1,
	} {
		if got := charsetIndex([]byte(in)); got != want {
			t.Errorf("charsetIndex(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestDeclaredCharsetFarFromMention: the first "charset" of a page is not
// always its declaration; the one further on is still found.
func TestDeclaredCharsetFarFromMention(t *testing.T) {
	page := "<html><head>\n<!-- no charset here -->\n<script>" + strings.Repeat("x", 3000) + "</script>\n<meta charset=\"windows-1252\">\n</head><body>é</body></html>"
	label, line := DeclaredCharset([]byte(page))
	if label != "windows-1252" || line != 4 {
		t.Errorf("DeclaredCharset = %q, %d; want windows-1252, 4", label, line)
	}
	label, line = DeclaredCharset([]byte("<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; ch&#97;rset=koi8-r\">"))
	if label != "koi8-r" || line != 2 {
		t.Errorf("a declaration spelled with a reference: %q, %d; want koi8-r, 2", label, line)
	}
	label, _ = DeclaredCharset([]byte("<html><head><title>charset</title></head><body>" + strings.Repeat("x", 3000) + "<meta charset=latin1></body>"))
	if label != "" {
		t.Errorf("a <meta> in the body declared %q", label)
	}
}

// dumpTree writes the tree of n, one node a line, indented by depth: what
// two ways of building it must agree on.
func dumpTree(b *strings.Builder, n *node, depth int) {
	fmt.Fprintf(b, "%*s%d %q %d %v\n", depth, "", n.kind, n.data, n.line, n.attrs)
	for c := n.first; c != nil; c = c.next {
		dumpTree(b, c, depth+1)
	}
}

// checkStackIndex holds the builder's two ways of searching the stack of
// open elements, down the stack and through its index, to the same tree
// of page.
func checkStackIndex(t *testing.T, page []byte) {
	t.Helper()
	var shallow, deep strings.Builder
	var mem memory
	root, _ := parseTreeDeep(page, &mem, 1<<30)
	dumpTree(&shallow, root, 0)
	mem.release()
	root, _ = parseTreeDeep(page, &mem, 0)
	dumpTree(&deep, root, 0)
	if shallow.String() != deep.String() {
		t.Fatalf("%q: the stack's index builds\n%s\nwhere going down the stack builds\n%s", page, deep.String(), shallow.String())
	}
}

// TestStackIndex: searched through its index, the stack of open elements
// gives the trees that searching down it gives, on random pages of the
// tags that close others, stop a search, or nest.
func TestStackIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var tags []string
	for _, name := range []string{"p", "li", "dd", "dt", "div", "address", "span", "b", "table", "tr", "td", "th", "tbody",
		"caption", "template", "button", "h1", "h2", "svg", "math", "select", "option", "x", "html", "head", "body", "ul", "br", "title"} {
		tags = append(tags, "<"+name+">", "</"+name+">")
	}
	tags = append(tags, "text", "<p class=a class=b>", "<html lang=en>", "<svg/>")
	for range 20000 {
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteString(strings.Repeat("<span>", 60))
		}
		for range rng.IntN(40) {
			b.WriteString(tags[rng.IntN(len(tags))])
		}
		checkStackIndex(t, []byte(b.String()))
	}
}

// TestLabelled: whether a term or a cell is a label, noted while another
// is rendered or found by rendering it, is what rendering it alone as a
// label tells, with or without a bound on the length of a label, on
// random pages of nested description lists and tables whose terms hold
// labels, colons, spaces and blocks.
func TestLabelled(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	parts := []string{"<dl>", "</dl>", "<dt>", "<dd>", "<table>", "<tr>", "<td>", "<th>", "</table>", "<div>", "</div>",
		"<pre>", "</pre>", "<br>", "<b>", "</b>", "<script>x</script>", "Start Date", "Start", " Date", "Prima ID", ":", " : ",
		"\u00a0", "\n", "x", "Year:", " ", "Year", "<p>", "</p>"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		page := []byte(b.String())
		var mem memory
		root, lines := parseTree(page, &mem)
		markFieldContainers(&mem.nodes)
		r := &renderer{h1: -1, at: 1, maxLine: lines, mem: &renderMemory{isLabel: testLabels, notes: labelNotes{isLabel: testLabels}}}
		var check func(n *node)
		check = func(n *node) {
			if n.tag == atom.Dt || n.tag == atom.Td || n.tag == atom.Th {
				want := testLabels(r.label(n).Text)
				if got := r.labelled(n); got != want {
					t.Fatalf("%q: labelled(%s on line %d) = %v, its label %q says %v", page, n.data, n.line, got, r.label(n).Text, want)
				}
			}
			for c := n.first; c != nil; c = c.next {
				check(c)
			}
		}
		check(root)
		bounded := Renderer{LabelMax: len("Budget Amount (USD)")}
		var unbounded Renderer
		if got, want := bounded.Render(page, testLabels), unbounded.Render(page, testLabels); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: rendered with a bound on labels\n%+v\nwithout\n%+v", page, got, want)
		}
	}
}

// TestNodeSize: a page has a node for every few bytes of markup, so a node
// stays as small as its doc comment says.
func TestNodeSize(t *testing.T) {
	if size := unsafe.Sizeof(node{}); size > 96 {
		t.Errorf("a node takes %d bytes, more than 96", size)
	}
}

// TestNestingCost holds rendering a page whose elements nest as deep as
// the tree goes to about the cost of the same elements one after the
// other: rendering them once went, for each, through those around it
// (terms of nested <dl> and cells of nested tables rendered again for
// every list and table around them, 16 MB: 35 s; a <header> looking for
// the <article> around it; a field label for another field around it).
func TestNestingCost(t *testing.T) {
	for name, unit := range map[string][2]string{
		"description lists": {"<dl><dt>Start Date x", "<dd>2020</dl>"},
		"empty lists":       {"<dl><dt>", "</dl>"},
		"tables":            {"<table><tr><td>Start Date x", "<td>2020</table>"},
		"headers":           {"<div><header>x", "</header></div>"},
		"field labels":      {"<div><div class=field__label>Label</div>x", "</div>"},
	} {
		t.Run(name, func(t *testing.T) {
			const n = 5000
			flat := []byte("<body><article>" + strings.Repeat(unit[0]+unit[1], n))
			nested := []byte("<body><article>" + strings.Repeat(unit[0], n) + strings.Repeat(unit[1], n))
			r := Renderer{LabelMax: len("Budget Amount (USD)")} // as the parser renders
			render := func(page []byte) func() { return func() { r.Render(page, testLabels); r.Release() } }
			if ratio := growth.Ratio(render(flat), render(nested)); ratio > 4 {
				t.Errorf("nested, the page costs %.1f times as much as flat", ratio)
			}
		})
	}
}
