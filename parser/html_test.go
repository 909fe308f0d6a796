package parser

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

// parseFile reads, decodes and parses one file as the commands do.
func parseFile(t *testing.T, path string) (model.Record, []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text, _, diags := Decode(path, data, "")
	return Parse(Document{Path: path, Data: text, Diagnostics: diags}), text
}

// comparable strips from a record what differs between twins by nature:
// its sources, and the path and line of its diagnostics.
func comparable(r model.Record) model.Record {
	r.Sources = nil
	diags := make([]model.Diagnostic, len(r.Diagnostics))
	for i, d := range r.Diagnostics {
		d.Path, d.Line = "", 0
		diags[i] = d
	}
	r.Diagnostics = diags
	return r
}

func asJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ") // records always marshal
	return string(b)
}

// TestHTMLTwins checks that every HTML page of testdata/html gives the
// record its text twin (same name, .txt) gives, sources aside; that the
// HTML record says format html; and that its fields and diagnostics name
// lines of the HTML file that hold what they say.
func TestHTMLTwins(t *testing.T) {
	pages, err := filepath.Glob("../testdata/html/*.html")
	if err != nil || len(pages) < 7 {
		t.Fatalf("want at least 7 HTML twins, found %d (%v)", len(pages), err)
	}
	for _, page := range pages {
		t.Run(filepath.Base(page), func(t *testing.T) {
			got, src := parseFile(t, page)
			want, _ := parseFile(t, strings.TrimSuffix(page, ".html")+".txt")
			if g, w := asJSON(comparable(got)), asJSON(comparable(want)); g != w {
				t.Errorf("HTML record differs from its text twin's\n--- html\n%s\n--- text\n%s", g, w)
			}
			if want.Kind != model.KindProject && want.Kind != model.KindNews {
				t.Errorf("twin parses as %q; fixtures should be projects or news", want.Kind)
			}
			if len(got.Sources) != 1 || got.Sources[0].Format != FormatHTML {
				t.Fatalf("sources = %+v, want one source of format html", got.Sources)
			}
			if want.Sources[0].Format != FormatText {
				t.Errorf("text twin has format %q", want.Sources[0].Format)
			}
			lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
			for _, f := range got.Sources[0].Fields {
				if f.Line < 1 || f.Line > len(lines) || !strings.Contains(lines[f.Line-1], strings.SplitN(f.Label, " ", 2)[0]) {
					t.Errorf("field %q names line %d, which does not hold it", f.Label, f.Line)
				}
			}
			for _, d := range got.Diagnostics {
				if d.Line < 0 || d.Line > len(lines) {
					t.Errorf("diagnostic %v names a line outside the file (%d lines)", d, len(lines))
				}
			}
		})
	}
}

// TestHTMLCharsets checks that the declared windows-1252 page and the
// undeclared UTF-8 page (its first accent after a long ASCII head) decode
// with every accent right and no warning.
func TestHTMLCharsets(t *testing.T) {
	tests := []struct {
		file    string
		charset string
		want    []string // exact texts the record must hold
	}{
		{"maroc-cp1252.html", CharsetWindows1252, []string{
			"Renforcer l’engagement de la diaspora marocaine en faveur de l’économie sociale et solidaire",
			"Ce projet, mis en œuvre à Rabat, Fès et Tanger, s’appuie sur les compétences des Marocains résidant à l’étranger pour « créer des emplois là où l’on en a le plus besoin ».",
			"Les coopératives bénéficiaires reçoivent une formation en gestion financière, l’accès à des mentors et un appui à la commercialisation, à hauteur de 3\u00a0000 € par coopérative.",
			"Être naïf ne suffit pas : la maîtrise des marchés, où qu’ils soient, exige un contrôle de qualité rigoureux — déjà éprouvé par 12 coopératives pilotes.",
		}},
		{"andes-es-undeclared.html", CharsetUTF8, []string{
			"Fortalecimiento de la vinculación de la diáspora andina con el desarrollo económico local",
			"¿Cómo puede la diáspora contribuir al desarrollo de sus comunidades de origen? El proyecto acompañó a asociaciones de migrantes en España y los Estados Unidos para invertir en pequeñas empresas rurales.",
			"Se crearon fondos de coinversión en Nariño, Loja y Cajamarca, con la participación de los gobiernos locales y de las cooperativas de ahorro.",
			"¡Más de 300 familias se beneficiaron! Además, la pequeña y mediana empresa recibió asistencia técnica en diseño, señalización y comercialización.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := "../testdata/html/" + tt.file
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text, charset, diags := Decode(path, data, "")
			if charset != tt.charset || len(diags) > 0 {
				t.Errorf("Decode: charset %q, diagnostics %v; want %q and none", charset, diags, tt.charset)
			}
			rec := Parse(Document{Path: path, Data: text, Diagnostics: diags})
			all := asJSON(rec)
			for _, w := range tt.want {
				if !strings.Contains(all, asJSON(w)) {
					t.Errorf("record lacks %q\n%s", w, all)
				}
			}
			for _, bad := range []string{"\ufffd", "Ã", "â€"} {
				if strings.Contains(all, bad) {
					t.Errorf("record holds mojibake %q", bad)
				}
			}
			if len(rec.MemberStates) == 0 || rec.MemberStates[len(rec.MemberStates)-1].Code == "" {
				t.Errorf("member states %+v: the accented name is not recognised", rec.MemberStates)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
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
		if got := LooksLikeHTML([]byte(tt.in)); got != tt.want {
			t.Errorf("LooksLikeHTML(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if !isHTMLDocument("page.HTM", []byte("<div>fragment</div>")) || isHTMLDocument("page.txt", []byte("<div>fragment</div>")) {
		t.Error("a fragment is HTML by its .htm name only")
	}
}

func TestDecode(t *testing.T) {
	longHead := "<!DOCTYPE html><html><head>" + strings.Repeat("<link rel=\"preload\" href=\"/a.css\">\n", 60) + "</head><body>"
	tests := []struct {
		name    string
		in      string
		forced  string
		want    string
		charset string
		guessed int // line of the encoding-guessed warning, -1 for none
	}{
		{"ascii", "Prima ID\nRW10P0522\n", "", "Prima ID\nRW10P0522\n", "utf-8", -1},
		{"utf-8", "Année\n", "", "Année\n", "utf-8", -1},
		{"utf-8 BOM", "\xef\xbb\xbfAnnée", "", "Année", "utf-8", -1},
		{"utf-8 BOM beats --encoding", "\xef\xbb\xbfAnnée", "windows-1252", "Année", "utf-8", -1},
		{"utf-16le BOM", "\xff\xfeA\x00n\x00\xe9\x00e\x00", "", "Anée", "utf-16le", -1},
		{"utf-16be BOM", "\xfe\xff\x00A\x00\xe9", "", "Aé", "utf-16be", -1},
		{"text in windows-1252", "Ann\xe9e\nD\xe9but", "", "Année\nDébut", "windows-1252", 1},
		{"text, accent on line 3", "a\nb\nF\xe8s", "", "a\nb\nFès", "windows-1252", 3},
		{"--encoding", "Ann\xe9e \x80", "latin1", "Année €", "windows-1252", -1},
		{"--encoding iso-8859-15", "\xa4", "iso-8859-15", "€", "iso-8859-15", -1},
		{"--encoding utf-8 on bad bytes", "Ann\xe9e", "utf-8", "Ann\ufffde", "utf-8", -1},
		{"meta charset", "<html><head><meta charset=\"windows-1252\"></head><body>Ann\xe9e \x9cuvre", "", "<html><head><meta charset=\"windows-1252\"></head><body>Année œuvre", "windows-1252", -1},
		{"http-equiv", "<html><head>\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">\n<body>F\xe8s", "", "<html><head>\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">\n<body>Fès", "windows-1252", -1},
		{"meta after the first kilobyte", longHead[:len(longHead)-6] + "<meta charset=iso-8859-15></head><body>\xa4", "", longHead[:len(longHead)-6] + "<meta charset=iso-8859-15></head><body>€", "iso-8859-15", -1},
		{"undeclared utf-8 behind a long ASCII head", longHead + "Perú", "", longHead + "Perú", "utf-8", -1},
		{"undeclared windows-1252 page", longHead + "Per\xfa", "", longHead + "Perú", "windows-1252", 61},
		{"declared utf-8, really windows-1252", "<html><meta charset=utf-8>\nPer\xfa", "", "<html><meta charset=utf-8>\nPerú", "windows-1252", 2},
		{"declared windows-1252, really utf-8", "<html><meta charset=windows-1252>\nPerú", "", "<html><meta charset=windows-1252>\nPerú", "utf-8", 1},
		{"declared utf-16 without BOM", "<html><meta charset=utf-16>Perú", "", "<html><meta charset=utf-16>Perú", "utf-8", -1},
		{"unknown declaration", "<html><meta charset=klingon>Perú", "", "<html><meta charset=klingon>Perú", "utf-8", -1},
		{"meta in the body is not a declaration", "<html><body><meta charset=utf-8>Per\xfa", "", "<html><body><meta charset=utf-8>Perú", "windows-1252", 1},
		{"CRLF kept", "a\r\nF\xe8s\r\n", "", "a\r\nFès\r\n", "windows-1252", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, charset, diags := Decode("p", []byte(tt.in), tt.forced)
			if string(out) != tt.want || charset != tt.charset {
				t.Errorf("Decode = %q, %q; want %q, %q", out, charset, tt.want, tt.charset)
			}
			line := -1
			for _, d := range diags {
				if d.Code == model.CodeEncodingGuessed {
					line = d.Line
				}
			}
			if line != tt.guessed {
				t.Errorf("encoding-guessed at line %d, want %d (diagnostics %v)", line, tt.guessed, diags)
			}
		})
	}
	if _, err := LookupEncoding("klingon"); err == nil {
		t.Error("LookupEncoding accepts an unknown name")
	}
	if name, err := LookupEncoding("CP1252"); err != nil || name != CharsetWindows1252 {
		t.Errorf("LookupEncoding(CP1252) = %q, %v", name, err)
	}
}

// TestRenderHTML checks the line stream HTML renders to, with the source
// line of each line.
func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "no: text" per line
	}{
		{"blocks, br, inline glue",
			"<html><body>\n<h1>Title</h1>\n<p>Who we are<b>WHO WE ARE</b>The\n   International <i>Org</i></p>\n<div>a<br>b<br/>\nc</div></body></html>",
			"2: Title|3: Who we areWHO WE AREThe International Org|5: a|5: b|6: c"},
		{"dropped content",
			"<body><script>var x = '<p>no</p>';</script><style>p{}</style><noscript>no</noscript><template><p>no</p></template><!-- no --><p>yes &amp; &eacute;&#233;&nbsp;&#x2019;</p></body>",
			"1: yes & éé\u00a0’"},
		{"list items",
			"<body><ul>\n<li><a>Item</a></li>\n<li>\n<h2>Section</h2>\n<p>Para</p>\n<ul><li>Sub</li></ul>\n</li>\n<li></li>\n</ul></body>",
			"2: - Item|3: -|4: Section|5: Para|6: - Sub|8: -"},
		{"pre keeps lines",
			"<body><pre>one\n two\n\nthree</pre></body>",
			"1: one|2: two|4: three"},
		{"text after the last tag", "<body><p>a</p>\n\ntail", "1: a|3: tail"},
		{"lone CR counts as a line end", "<body>\r<p>a</p>\r\n<p>b</p></body>", "2: a|3: b"},
		{"private-use characters are text", "<body><p>a\ue0009\ue001b</p></body>", "1: a\ue0009\ue001b"},
		{"drupal fields",
			"<body><div class=\"field\">\n<div class=\"field__label\">Start Date:</div>\n<div class=\"field__item\">2022</div></div>\n<div class=\"field\"><span class=\"field__label\">Prima ID</span> FJ10P0002</div></body>",
			"1: -|2: Start Date|3: 2022|4: -|4: Prima ID|4: FJ10P0002"},
		{"several fields in one list item",
			"<body><ul><li><b class=\"field__label\">Year</b><i class=\"field__item\">2021</i>\n<b class=\"field__label\">Coverage</b><i class=\"field__item\">National</i></li></ul></body>",
			"1: -|1: Year|1: 2021|2: -|2: Coverage|2: National"},
		{"description list that is not fields", "<body><dl><dt>Term</dt><dd>Meaning</dd></dl></body>", "1: Term|1: Meaning"},
		{"table that is not fields", "<body><table><tr><td>a</td><td>b</td></tr></table></body>", "1: a|1: b"},
		{"field table", "<body><table>\n<tr><td>Prima ID</td><td>FJ10P0002</td></tr>\n<tr><td colspan=2>note</td></tr></table></body>", "2: -|2: Prima ID|2: FJ10P0002|3: note"},
		{"chrome without a menu is dropped", "<body><header><p>Logo</p></header><nav><ul><li>Home</li></ul></nav><h1>T</h1><footer>f</footer></body>", "1: T"},
		{"article header is content", "<body><article><header><h1>T</h1></header><p>b</p></article></body>", "1: T|1: b"},
		{"h1 is the title: breadcrumbs and dates before it go, news headers stay",
			"<body><div class=\"breadcrumb\"><a>Home</a> / <a>News</a></div>\n<p>News</p><p>Global</p><p>9 December 2016</p>\n<h1>Headline</h1><p>Body</p></body>",
			"2: News|2: Global|3: Headline|3: Body"},
		{"implied ends: li, p, dt, dd, td, tr",
			"<body><ul><li>one<li>two</ul><p>a<p>b<div>c</div><dl><dt>Prima ID<dd>FJ10P0002<dt>Year<dd>2021</dl><table><tr><td>x<td>y<tr><td>z</table>",
			"1: - one|1: - two|1: a|1: b|1: c|1: -|1: Prima ID|1: FJ10P0002|1: -|1: Year|1: 2021|1: x|1: y|1: z"},
		{"an unclosed head ends at the body's content",
			"<html><head><title>no</title><meta charset=utf-8>\n<p>yes</p>", "2: yes"},
		{"raw text runs to its end tag; comments and doctypes give nothing",
			"<!DOCTYPE html><!-- <p>no</p> --><script>if (a</b) { x = '</scr' + 'ipt>'; }</script><p>yes</p><style>p > b {}</STYLE ><p>too</p><?xml no?>",
			"1: yes|1: too"},
		{"attributes: bare, single-quoted, references, a \">\" inside quotes",
			"<body><div class=field><span class='field__label' title=\"a>b\">Prima&#32;ID</span><span class=\"field__item\">FJ10P0002</span></div></body>",
			"1: -|1: Prima ID|1: FJ10P0002"},
		{"a \"<\" that opens no tag is text, \"</ \" a comment; a tag cut off at the end is dropped",
			"<p>1 < 2 <3 </ 4</p><p>end<a href=\"x", "1: 1 < 2 <3|1: end"},
		{"stray end tags are ignored, </br> is a break, </span> does not close a div",
			"<body></div></em><p>a</br>b</p><span><div>c</span>d</div></body>", "1: a|1: b|1: cd"},
		{"upper-case tags", "<BODY><P CLASS=x>A<BR>B</P></BODY>", "1: A|1: B"},
		{"textarea content is text", "<body><textarea>a &amp; <b>b</b></textarea></body>", "1: a & <b>b</b>"},
		// Found by review: none of these may lose the page's text.
		{"a self-closed svg ends there", "<p>Hello <svg/> world</p><div><svg class=icon /><span>Visible text</span></div>", "1: Hello world|1: Visible text"},
		{"html tags end an svg left open", "<svg><path d=1><p>breakout</p>", "1: breakout"},
		{"an svg title is no raw text", "<svg><title/></svg><p>All of this</p>", "1: All of this"},
		{"a comment may end with --!>", "<p>a<!-- c --!> visible</p><p>x</p>", "1: a visible|1: x"},
		{"a title outside a head is not text", "<!DOCTYPE html>\n<meta charset=\"utf-8\">\n<title>Migration &amp; Development | IOM</title>\n<p>First</p>", "4: First"},
		{"an old script hiding a script in a comment",
			"<script><!-- document.write(\"<script src=a.js></script>\"); //--></script><p>Body</p>", "1: Body"},
		{"a stray </p> breaks the line; any heading end closes a heading",
			"<div>Some text</p>More text</div><h2>Title</h3>After", "1: Some text|1: More text|1: Title|1: After"},
		{"a field table keeps what lies between its rows",
			"<table><tr><th>Start Date</th><td>2022</td></tr><form><tr><th>Prima ID</th><td>FJ10P0002</td></tr></form>Loose text<tr><td>x</td><td>y</td><p>in row</p></tr></table>",
			"1: -|1: Start Date|1: 2022|1: -|1: Prima ID|1: FJ10P0002|1: Loose text|1: -|1: x|1: y|1: in row"},
		{"a line end written as a reference is no line of the file", "<pre>-&#10;Start Date&#10;2022</pre>", "1: -|1: Start Date|1: 2022"},
		{"a field with no value stays alone",
			"<body><article><h1>T</h1>\n<div class=\"field\"><div class=\"field__label\">End Date</div></div>\n<div class=\"field\"><div class=\"field__label\">Year</div><div class=\"field__item\">2021</div></div><p>Body</p></article></body>",
			"1: T|2: -|2: End Date|3: -|3: Year|3: 2021|3: Body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, _ := renderHTML([]byte(tt.in), nil)
			var got []string
			for _, l := range lines {
				got = append(got, strconv.Itoa(l.No)+": "+l.Text)
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("render\n got %q\nwant %q", g, tt.want)
			}
		})
	}
}

func TestMemberStateItems(t *testing.T) {
	got := memberStateItems(Line{Text: "Fiji Atlantis Major Samoa Tonga Fiji", Items: []string{"Fiji", "Atlantis Major", "Samoa Tonga", "Fiji"}})
	var names []string
	for _, m := range got {
		names = append(names, m.Name+"/"+m.Code+"/"+strconv.FormatBool(m.Repeat))
	}
	want := "Fiji/FJ/false|Atlantis Major//false|Samoa/WS/false|Tonga/TO/false|Fiji/FJ/true"
	if g := strings.Join(names, "|"); g != want {
		t.Errorf("memberStateItems = %s, want %s", g, want)
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
		lines, _ := renderHTML([]byte(page), nil)
		var text strings.Builder
		for _, l := range lines {
			text.WriteString(l.Text)
		}
		if !strings.HasSuffix(text.String(), "deep text") {
			t.Errorf("%s: the text is lost (%d lines)", name, len(lines))
		}
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
		s := newHTMLScanner(page, &htmlMemory{})
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
	fixtures, _ := filepath.Glob("../testdata/html/*.html") // a bad pattern is impossible here
	for _, p := range fixtures {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(data))
	}
	for _, page := range pages {
		var mem htmlMemory
		root, _ := parseHTML([]byte(page), &mem)
		var order []*node
		var visit func(n *node)
		visit = func(n *node) {
			order = append(order, n)
			for c := n.first; c != nil; c = c.next {
				visit(c)
			}
		}
		visit(root)
		if len(order) != len(mem.nodes) {
			t.Fatalf("%.40q: %d nodes in the tree, %d in the array", page, len(order), len(mem.nodes))
		}
		for i, n := range order {
			if n != &mem.nodes[i] {
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
	var mem htmlMemory
	root, _ := parseHTML([]byte(page), &mem)
	defer mem.release()
	var visit func(n *node)
	visit = func(n *node) {
		for c := n.first; c != nil; c = c.next {
			if c.kind == elementNode {
				if got := c.class & (classFieldLabel | classFieldItem); got != want[c.name] {
					t.Errorf("<%s>: field classes %b, want %b", c.name, got, want[c.name])
				}
				delete(want, c.name)
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
	_, meta := renderHTML([]byte(`<link rel="canonical" href="https://www.iom.int/news?page=2&region=asia&lang=fr">`), nil)
	if meta.url != "https://www.iom.int/news?page=2&region=asia&lang=fr" {
		t.Errorf("canonical URL %q", meta.url)
	}
}

// FuzzRenderHTML checks that any input renders without panicking, with
// every line numbered within the input.
func FuzzRenderHTML(f *testing.F) {
	pages, _ := filepath.Glob("../testdata/html/*.html") // a bad pattern is impossible here
	for _, p := range pages {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("<body><li>a\r\rb<pre>\n\n</pre><table><tr><td>Prima ID<td>x</table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := newHTMLScanner(data, &htmlMemory{}).lineAt(len(data)) // the last line, maybe empty after a final line end
		lines, _ := renderHTML(data, nil)
		for _, l := range lines {
			if l.No < 1 || l.No > n {
				t.Fatalf("line %q numbered %d, outside 1..%d", l.Text, l.No, n)
			}
		}
		rec := Parse(Document{Path: "f.html", Data: data, Format: FormatHTML})
		for _, d := range rec.Diagnostics {
			if d.Line < 0 || d.Line > n {
				t.Fatalf("diagnostic %v outside 1..%d", d, n)
			}
		}
	})
}

// TestHTMLMeta checks the facts read from <head> when the body does not
// give them, and that the body wins when it does.
func TestHTMLMeta(t *testing.T) {
	page := func(head, body string) model.Record {
		return Parse(Document{Path: "p.html", Data: []byte("<!DOCTYPE html><html lang=\"fr-FR\"><head>" + head + "</head><body>" + body + "</body></html>")})
	}
	news := `<p>Communiqué</p><p>Global</p><p>Rabat - L'OIM et le ministère ont lancé le projet dans les régions de l'Oriental.</p>`
	rec := page(`<meta property="og:title" content="Lancement du projet"><meta property="article:published_time" content="2016-12-09T10:00:00+01:00"><link rel="canonical" href="https://morocco.iom.int/fr/news/x">`, news)
	if rec.Kind != model.KindNews || rec.Date != "2016-12-09" || rec.Title["fr"] != "Lancement du projet" || rec.Sources[0].URL != "https://morocco.iom.int/fr/news/x" {
		t.Errorf("news from head: %s", asJSON(rec))
	}
	rec = page(`<meta property="og:title" content="Head title">`, `<h1>Body title</h1><p>Un paragraphe.</p>`)
	if rec.Title["fr"] != "Body title" {
		t.Errorf("the body's title should win: %v", rec.Title)
	}
	rec = page("", `<h1>Xyz</h1>`)
	if !reflect.DeepEqual(rec.Languages, []string{"fr"}) {
		t.Errorf("<html lang> should decide when the content does not: %v", rec.Languages)
	}
	rec = page("", `<h1>The project and the people</h1>`)
	if !reflect.DeepEqual(rec.Languages, []string{"en"}) {
		t.Errorf("the content should win over <html lang>: %v", rec.Languages)
	}
}

// TestHTMLMarkerReferences: a character reference to annotate's marker
// characters neither crashes the renderer nor moves positions outside the
// file (found by review; kept in the fuzz corpus too).
func TestHTMLMarkerReferences(t *testing.T) {
	for _, page := range []string{
		"<p>IOM migration a&#xE000;</p>",
		"<p>IOM &#xE000;99999&#xE001; migration</p>",
		"<p>&#xE001;&#xE000;</p><p>&#xE000;12",
	} {
		rec := Parse(Document{Path: "m.html", Data: []byte(page), Format: FormatHTML})
		for _, d := range rec.Diagnostics {
			if d.Line > 1 {
				t.Errorf("%q: diagnostic at line %d of a one-line page", page, d.Line)
			}
		}
		for _, l := range rec.Sources[0].Fields {
			if l.Line > 1 {
				t.Errorf("%q: field at line %d", page, l.Line)
			}
		}
	}
}

// TestHTMLLongLine: HTML lines are bounded like text lines.
func TestHTMLLongLine(t *testing.T) {
	long := strings.Repeat("migration ", 100)
	rec := New(Options{MaxLineBytes: 100}).Parse(Document{Path: "l.html", Data: []byte("<html><body><h1>IOM</h1><p>" + long + "</p></body></html>"), Format: FormatHTML})
	found := false
	for _, d := range rec.Diagnostics {
		found = found || d.Code == model.CodeLineTooLong
	}
	if !found {
		t.Errorf("no line-too-long diagnostic: %v", rec.Diagnostics)
	}
}

// BenchmarkRenderHTML renders each HTML fixture to lines: the HTML path
// alone, without the grammar that reads the lines.
func BenchmarkRenderHTML(b *testing.B) {
	pages, _ := filepath.Glob("../testdata/html/*.html") // a bad pattern is impossible here
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(p), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var mem htmlMemory // reused, as a Parser reuses it
			for b.Loop() {
				renderHTML(data, &mem)
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
	var mem htmlMemory
	for b.Loop() {
		for _, data := range pages {
			renderHTML(data, &mem)
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
	label, line := declaredCharset([]byte(page))
	if label != "windows-1252" || line != 4 {
		t.Errorf("declaredCharset = %q, %d; want windows-1252, 4", label, line)
	}
	label, line = declaredCharset([]byte("<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; ch&#97;rset=koi8-r\">"))
	if label != "koi8-r" || line != 2 {
		t.Errorf("a declaration spelled with a reference: %q, %d; want koi8-r, 2", label, line)
	}
	label, _ = declaredCharset([]byte("<html><head><title>charset</title></head><body>" + strings.Repeat("x", 3000) + "<meta charset=latin1></body>"))
	if label != "" {
		t.Errorf("a <meta> in the body declared %q", label)
	}
}
