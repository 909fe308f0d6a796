package parser_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/iomparse/iomparse/parser"
)

// hostileShape is an adversarial page: a shape that real pages have a few
// of, repeated until the page has the size asked. Each once took time or
// memory out of proportion to its size, or may have.
type hostileShape struct {
	name   string
	format string
	build  func(size int) []byte
}

// repeated returns head, as many units as fit in size bytes, and tail.
func repeated(head, unit, tail string) func(size int) []byte {
	return func(size int) []byte {
		n := max(1, (size-len(head)-len(tail))/len(unit))
		var b strings.Builder
		b.Grow(len(head) + n*len(unit) + len(tail))
		b.WriteString(head)
		for range n {
			b.WriteString(unit)
		}
		b.WriteString(tail)
		return []byte(b.String())
	}
}

// numbered returns head, as many units as fit in size bytes, each with
// its number for %d, and tail.
func numbered(head, unit, tail string) func(size int) []byte {
	return func(size int) []byte {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; b.Len() < size-len(tail); i++ {
			fmt.Fprintf(&b, unit, i)
		}
		b.WriteString(tail)
		return []byte(b.String())
	}
}

const contactOpening = "Title\n\nFor further information, please contact Jane Roe, "

var hostileShapes = []hostileShape{
	// Text pages.
	{"contact-tel", parser.FormatText, repeated(contactOpening, "Tel: 555 1234, ", "\n")},
	{"contact-email-phone", parser.FormatText, repeated(contactOpening, "jroe@iom.int +41 22 717 9111 ", "\n")},
	{"contact-names", parser.FormatText, repeated(contactOpening, "Jane Roe, ", "\n")},
	{"contact-honorifics", parser.FormatText, repeated(contactOpening, "Mr. Roe. ", "\n")},
	{"contact-labels", parser.FormatText, repeated(contactOpening, "Tel (mobile): ", "\n")},
	{"contact-iom", parser.FormatText, repeated(contactOpening, "Jane Roe at IOM Egypt at the Ministry ", "\n")},
	{"contact-openings", parser.FormatText, repeated("Title\n\n", "For further information. ", "\n")},
	{"contact-paras", parser.FormatText, repeated(contactOpening+"\n", "Jane Roe\n", "")},
	{"dash-unknown", parser.FormatText, repeated("Title\n-\nStart Date\n2020\n", "-\nLabel\nvalue\n", "")},
	{"dash-known", parser.FormatText, repeated("Title\n", "-\nStart Date\n2020\n", "")},
	{"dash-empty-items", parser.FormatText, repeated("Title\n-\nStart Date\n2020\n", "-\n", "")},
	{"dash-no-values", parser.FormatText, repeated("Title\n-\nStart Date\n2020\n", "-\nLabel\n", "")},
	{"dash-bare-labels", parser.FormatText, repeated("Title\n-\nStart Date\n2020\n", "Start Date\n", "")},
	{"bullet-unknown", parser.FormatText, repeated("Title\n• Start Date\n  2020\n", "• Label\n  value\n", "")},
	{"inline-fields", parser.FormatText, repeated("Title\n", "Start Date: 2020\n", "")},
	{"member-states-line", parser.FormatText, numbered("Title\n-\nBenefiting Member States\n", "Kenya Atlantis%d ", "\n")},
	{"member-states-known", parser.FormatText, repeated("Title\n-\nBenefiting Member States\n", "Kenya Fiji Samoa Tonga ", "\n")},
	{"devfund-alternating", parser.FormatText, numbered("Title\nTitle\nAfrica\nAB.1234\nXX10P0001\n100\n", "Fiji\nFoo%d\n", "")},
	{"long-letters", parser.FormatText, repeated("", "a", "")},
	{"long-parens", parser.FormatText, repeated("", "(", "")},
	{"long-paren-digits", parser.FormatText, repeated("", "(1", "")},
	{"long-quotes", parser.FormatText, repeated("", "\"", "")},
	{"long-dashes", parser.FormatText, repeated("", "-", "")},
	{"long-spaced-dashes", parser.FormatText, repeated("T", " - ", "x")},
	{"long-dots", parser.FormatText, repeated("", ".", "")},
	{"long-ats", parser.FormatText, repeated("", "a@", "")},
	{"long-digits", parser.FormatText, repeated("", "1 ", "")},
	{"long-pluses", parser.FormatText, repeated("", "+1", "")},
	{"long-www", parser.FormatText, repeated("", "www.", "")},
	{"long-domains", parser.FormatText, repeated("", "a.org/", "")},
	{"long-schemes", parser.FormatText, repeated("", "http://", "")},
	{"long-labels", parser.FormatText, repeated("", "a.a-", "")},
	{"long-commas", parser.FormatText, repeated("Headline", ",", " 9 December 2016\n\nBody")},
	{"dateline-dashes", parser.FormatText, repeated("Title\n\nRabat ", "- ", "9 December 2016 - text")},
	{"headline-dashes", parser.FormatText, repeated("Headline", " - ", "9 December 2016\n\nBody")},
	{"date-lines", parser.FormatText, repeated("Title\n", "Sep 26, 2015\n", "")},
	{"dateline-paras", parser.FormatText, repeated("Title\n", "RABAT, 9 December 2016 - text.\n", "")},
	{"menu-headings", parser.FormatText, repeated("-\nWho we are\n", "Who we are\n", "")},
	{"menu-items", parser.FormatText, repeated("-\nWho we are\n", "- item\n", "")},
	{"menu-dashes", parser.FormatText, repeated("-\nWho we are\n", "-\n", "")},
	{"menu-office", parser.FormatText, repeated("-\nWho we are\nIOM has had a presence in ", "Rwanda ", "\n- 2030 Agenda\nT\n")},
	{"wrapped", parser.FormatText, repeated("Title\n", "The project supports the government of Rwanda with a\n", "")},
	{"split-nodes", parser.FormatText, repeated("Title\n", "mettre en\nuvre le projet\n", "")},
	{"links", parser.FormatText, repeated("News\nTitle\nKigali - text\n", "see www.iom.int and a.org ", "\n")},
	{"links-unique", parser.FormatText, numbered("News\nTitle\nKigali - text\n", "see www.a%d.org ", "\n")},
	{"blank-lines", parser.FormatText, repeated("Title\n", "\n", "x")},
	{"cr-lines", parser.FormatText, repeated("Title\r", "x\r", "")},
	{"short-lines", parser.FormatText, repeated("Title\n", "x\n", "")},
	// HTML pages.
	{"nav-li", parser.FormatHTML, repeated("<html><body><nav><ul>", "<li><div>Who we are</div></li>", "</ul></nav><h1>T</h1><p>x</p></body></html>")},
	{"html-attrs", parser.FormatHTML, func(size int) []byte {
		n := size / 22
		return []byte("<html" + strings.Repeat(" class=x", n) + ">" + strings.Repeat("<html lang=en>", n) + "<body><p>x</p></body></html>")
	}},
	{"tag-attrs", parser.FormatHTML, repeated("<html><body><div", " class=x role=y", "><p>x</p></body></html>")},
	{"nested-dl", parser.FormatHTML, repeated("<html><body>", "<dl><dt>Start Date x<dd>2020", "")},
	{"nested-dl-empty", parser.FormatHTML, repeated("<html><body>", "<dl><dt>", "")},
	{"nested-table", parser.FormatHTML, repeated("<html><body>", "<table><tr><td>Start Date x<td>", "")},
	{"nested-div", parser.FormatHTML, repeated("<html><body>", "<div>x", "")},
	{"nested-span", parser.FormatHTML, repeated("<html><body>", "<span>x", "")},
	{"nested-ul-li", parser.FormatHTML, repeated("<html><body>", "<ul><li>x", "")},
	{"nested-li-div", parser.FormatHTML, repeated("<html><body><ul>", "<li><div>x", "")},
	{"unclosed-li", parser.FormatHTML, repeated("<html><body><ul>", "<li>x", "")},
	{"unclosed-p", parser.FormatHTML, repeated("<html><body>", "<p>x", "")},
	{"deep-end-tags", parser.FormatHTML, repeated("<html><body>"+strings.Repeat("<span>", 600), "</b>", "")},
	{"deep-li", parser.FormatHTML, repeated("<html><body>"+strings.Repeat("<span>", 600), "<li>", "")},
	{"deep-td", parser.FormatHTML, repeated("<html><body><table>"+strings.Repeat("<span>", 600), "<td>", "")},
	{"deep-p-div", parser.FormatHTML, repeated("<html><body><p><button>"+strings.Repeat("<span>", 600), "<div>", "")},
	{"deep-headings", parser.FormatHTML, repeated("<html><body>"+strings.Repeat("<span>", 600), "<h2>", "")},
	{"article-headers", parser.FormatHTML, repeated("<html><body><article>", "<header>x", "")},
	{"deep-headers", parser.FormatHTML, repeated("<html><body><article>"+strings.Repeat("<div>", 600), "<header>x</header>", "")},
	{"chrome-headers", parser.FormatHTML, repeated("<html><body>", "<header>- x</header>", "")},
	{"field-labels", parser.FormatHTML, repeated("<html><body>", "<div class=field__label>Start Date</div><div class=field__item>2020</div>", "")},
	{"nested-field-labels", parser.FormatHTML, repeated("<html><body>", "<div><div class=field__label>Label</div>x", "")},
	{"deep-field-labels", parser.FormatHTML, repeated("<html><body>"+strings.Repeat("<div>", 600), "<div class=field__label>Label</div>x", "")},
	{"field-items", parser.FormatHTML, repeated("<html><body><div><div class=field__label>Benefiting Member States</div>", "<div class=field__item>Fiji</div>", "</div>")},
	{"dl-flat", parser.FormatHTML, repeated("<html><body><dl>", "<dt>Label<dd>x", "")},
	{"dl-known", parser.FormatHTML, repeated("<html><body><dl>", "<dt>Start Date<dd>2020", "")},
	{"table-flat", parser.FormatHTML, repeated("<html><body><table>", "<tr><td>Label<td>x", "")},
	{"table-known", parser.FormatHTML, repeated("<html><body><table>", "<tr><td>Start Date<td>2020", "")},
	{"comments", parser.FormatHTML, repeated("<html><body>", "<!--x-->y", "")},
	{"open-comment", parser.FormatHTML, repeated("<html><body><!--", "-", "")},
	{"lone-lt", parser.FormatHTML, repeated("<html><body>", "<", "")},
	{"open-tags", parser.FormatHTML, repeated("<html><body>", "<a", "")},
	{"entities", parser.FormatHTML, repeated("<html><body><p>", "&amp;", "")},
	{"bare-amps", parser.FormatHTML, repeated("<html><body><p>", "&", "")},
	{"script-end", parser.FormatHTML, repeated("<html><body><script>", "</scrip", "")},
	{"script-escaped", parser.FormatHTML, repeated("<html><body><script><!--", "<script>", "")},
	{"textarea", parser.FormatHTML, repeated("<html><body><textarea>", "</textare", "")},
	{"svg", parser.FormatHTML, repeated("<html><body>", "<svg><b>x", "")},
	{"options", parser.FormatHTML, repeated("<html><body><select>", "<option>x", "")},
	{"headings", parser.FormatHTML, repeated("<html><body>", "<h1>x", "")},
	{"pre-lines", parser.FormatHTML, repeated("<html><body><pre>", "x\n", "")},
	{"repeat-html", parser.FormatHTML, repeated("<html><body>", "<html><head><body>", "")},
	{"chrome-menus", parser.FormatHTML, repeated("<html><body><nav><ul>", "<li>-</li><li>Who we are</li>", "</ul></nav>")},
	{"brs", parser.FormatHTML, repeated("<html><body><p>", "x<br>", "")},
}

var hostileSurvey = flag.Bool("hostile.survey", false, "print the time and allocations of every hostile shape at -hostile.size")
var hostileSize = flag.Int("hostile.size", 1<<20, "the size of the pages of -hostile.survey and -hostile.write")
var hostileWrite = flag.String("hostile.write", "", "write every hostile shape at -hostile.size into this folder")

// TestHostileSurvey prints the cost of each shape, for a person hunting
// for slow shapes: it asserts nothing.
func TestHostileSurvey(t *testing.T) {
	if *hostileWrite != "" {
		for _, s := range hostileShapes {
			ext := ".txt"
			if s.format == parser.FormatHTML {
				ext = ".html"
			}
			if err := os.WriteFile(filepath.Join(*hostileWrite, s.name+ext), s.build(*hostileSize), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !*hostileSurvey {
		t.Skip("-hostile.survey not set")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p := parser.New(parser.Options{})
	for _, s := range hostileShapes {
		if !strings.Contains(s.name, os.Getenv("HOSTILE")) || os.Getenv("HOSTILE_SKIP") != "" && strings.Contains(s.name, os.Getenv("HOSTILE_SKIP")) {
			continue
		}
		small, large := s.build(*hostileSize/10), s.build(*hostileSize)
		parse := func(data []byte) func() {
			return func() { p.Parse(parser.Document{Path: "x", Data: data, Format: s.format}) }
		}
		runtime.GC()
		start := cpuTime()
		parse(small)()
		ds := cpuTime() - start
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		start = cpuTime()
		parse(large)()
		d := cpuTime() - start
		runtime.ReadMemStats(&m1)
		t.Logf("%-22s %8.3fs ratio %5.1f alloc/byte %6.1f", s.name, d.Seconds(), d.Seconds()/ds.Seconds(), float64(m1.TotalAlloc-m0.TotalAlloc)/float64(len(large)))
	}
}

// cpuTime is the CPU time of the calling thread.
func cpuTime() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

var hostileCorpus = flag.String("hostile.corpus", "", "print the allocations per byte of the pages under these folders (comma-separated)")

// TestCorpusSurvey prints how much parsing the pages of a corpus allocates
// per byte of page.
func TestCorpusSurvey(t *testing.T) {
	if *hostileCorpus == "" {
		t.Skip("-hostile.corpus not set")
	}
	p := parser.New(parser.Options{})
	type stat struct {
		ratios []float64
		worst  string
	}
	stats := map[string]*stat{}
	for _, dir := range strings.Split(*hostileCorpus, ",") {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil || len(data) == 0 {
				return err
			}
			text, _, pre := parser.Decode(path, data, "")
			doc := parser.Document{Path: path, Data: text, Diagnostics: pre}
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			rec := p.Parse(doc)
			runtime.ReadMemStats(&m1)
			kind := rec.Sources[0].Format
			s := stats[kind]
			if s == nil {
				s = &stat{}
				stats[kind] = s
			}
			r := float64(m1.TotalAlloc-m0.TotalAlloc) / float64(len(data))
			if len(s.ratios) == 0 || r > slices.Max(s.ratios) {
				s.worst = path
			}
			s.ratios = append(s.ratios, r)
			return nil
		})
	}
	for kind, s := range stats {
		slices.Sort(s.ratios)
		n := len(s.ratios)
		t.Logf("%s: %d pages, alloc/byte median %.1f p99 %.1f max %.1f (%s)", kind, n, s.ratios[n/2], s.ratios[n*99/100], s.ratios[n-1], s.worst)
	}
}
