package parser

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser/html"
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

// renderHTML renders an HTML page to the lines the grammar reads, the menu
// first (see htmlLines), and its head.
func renderHTML(data []byte) ([]Line, html.Meta) {
	var r html.Renderer
	page := r.Render(data, isLabel)
	lines, _ := htmlLines(page, nil)
	return lines, page.Meta
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
			lines, _ := renderHTML([]byte(tt.in))
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
	items := []string{"Fiji", "Atlantis Major", "Samoa Tonga", "Fiji"}
	got := memberStateItems(Line{Text: "Fiji Atlantis Major Samoa Tonga Fiji", Items: &items})
	var names []string
	for _, m := range got {
		names = append(names, m.Name+"/"+m.Code+"/"+strconv.FormatBool(m.Repeat))
	}
	want := "Fiji/FJ/false|Atlantis Major//false|Samoa/WS/false|Tonga/TO/false|Fiji/FJ/true"
	if g := strings.Join(names, "|"); g != want {
		t.Errorf("memberStateItems = %s, want %s", g, want)
	}
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

// TestHTMLMenuFoundOnce: the site menu is found once, on the lines the
// markup gave, and the grammar takes it as found. A menu without its known
// last item ends after its last item there; dropping the lines between it
// and the <h1> does not stretch it over the title (it did when the menu was
// looked for again on the lines left).
func TestHTMLMenuFoundOnce(t *testing.T) {
	page := `<body><p>-</p><p>Who we are</p><ul><li>A</li><li>B</li></ul>` +
		`<p>A long sentence that is not shaped like any menu line at all, for it ends with a full stop.</p>` +
		`<h1>Title</h1><ul><li>item</li></ul><p>Body text about migration.</p></body>`
	rec := Parse(Document{Path: "m.html", Data: []byte(page)})
	if rec.Title["en"] != "Title" || len(rec.Body["en"]) != 2 {
		t.Errorf("title %q, body %q; want the <h1> and the two lines after it", rec.Title, rec.Body)
	}
}
