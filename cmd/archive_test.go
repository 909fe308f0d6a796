package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"github.com/iomparse/iomparse/model"
)

// warcFixtures are the archives cmd/warc/testdata/main.go writes with wget
// from a server holding our pages.
const warcFixtures = "warc/testdata"

// fixtureArchive is what reading one of the fixtures gives.
type fixtureArchive struct {
	name    string
	parsed  int
	skipped map[string]int // records skipped, by reason
	failed  int
}

var fixtureArchives = []fixtureArchive{
	{"crawl.warc.gz", 11, map[string]int{"request": 15, "not-a-page": 4, "http-status": 2, "metadata": 1, "warcinfo": 1}, 0},
	{"crawl.warc", 4, map[string]int{"request": 7, "not-a-page": 3, "http-status": 2, "metadata": 1, "warcinfo": 1}, 0},
	{"encoded.warc.gz", 5, map[string]int{"request": 6, "not-a-page": 2, "encoding": 1, "metadata": 1, "warcinfo": 1}, 0},
	// One gzip member damaged: its record fails, and every other is read.
	{"corrupt.warc.gz", 10, map[string]int{"request": 15, "not-a-page": 4, "http-status": 2, "metadata": 1, "warcinfo": 1}, 1},
}

// TestArchiveFixtures reads each fixture archive: one record per page,
// with the facts of the page served read from its file, its URL, fetch
// date and place in the archive on its source; the other records are
// counted by reason in the summary and the report, a damaged record is
// one error named by its offset.
func TestArchiveFixtures(t *testing.T) {
	for _, a := range fixtureArchives {
		t.Run(a.name, func(t *testing.T) {
			checkFixtureArchive(t, filepath.Join(warcFixtures, a.name), a)
		})
	}
}

func checkFixtureArchive(t *testing.T, path string, a fixtureArchive) {
	report := filepath.Join(t.TempDir(), "report.json")
	code, stdout, stderr := runIn(context.Background(), "", "parse", "--report", report, path)
	wantCode := ExitOK
	if a.failed > 0 {
		wantCode = ExitInput
		// The damaged byte lands where the crawl put it: in the deflate
		// stream (the member's checksum fails), or so that the member
		// still inflates, to a record cut short.
		assert.Regexp(t, `(?m)^`+regexp.QuoteMeta(path)+`#\d+: error: (corrupt gzip member|malformed record): .* \[unreadable\]$`, stderr)
	}
	require.Equal(t, wantCode, code, stderr)
	assert.NotContains(t, stderr, ": warning:", "a crawl's requests, redirects and images are no warnings")

	records := decodeRecords(t, stdout)
	require.Len(t, records, a.parsed)
	for _, r := range records {
		src := r.Sources[0]
		require.NotNil(t, src.Archive, src.Path)
		assert.Equal(t, path, src.Archive.Path)
		assert.Equal(t, fmt.Sprintf("%s#%d", path, src.Archive.Offset), src.Path)
		assert.NotEmpty(t, src.Archive.RecordID)
		fetched, err := time.Parse(time.RFC3339, src.Fetched)
		if assert.NoError(t, err, src.Path) {
			assert.Equal(t, 2026, fetched.Year(), "the fixtures were crawled in 2026")
		}
		u, err := url.Parse(src.URL)
		require.NoError(t, err)
		assert.Equal(t, "127.0.0.1", u.Hostname(), "the URL the page was fetched from, not its canonical link")
		// The same facts as the file the server sent, parsed alone.
		_, fileOut, _ := runIn(context.Background(), "", "parse", servedFile(u.Path))
		assert.Equal(t, facts(decodeRecords(t, fileOut)[0]), facts(r), src.Path)
	}

	rep := readReport(t, report)
	assert.Equal(t, a.skipped, rep.Totals.SkippedRecords)
	assert.Equal(t, rep.Totals.Seen, rep.Totals.Records, "every input is a record of the archive")
	assert.Equal(t, a.failed, rep.Totals.Failed)
	for _, f := range rep.Files {
		require.NotNil(t, f.Offset, f.Path)
		assert.Equal(t, path, f.Archive)
		assert.Equal(t, fmt.Sprintf("%s#%d", path, *f.Offset), f.Path)
		if f.Reason == "http-status" {
			assert.Regexp(t, `^HTTP (404 Not Found|301 Moved Permanently to http://127.0.0.1:\d+/pages/faq-en.txt)$`, f.Detail)
		}
	}
	var skipped []string
	for reason, n := range a.skipped {
		skipped = append(skipped, fmt.Sprintf("%d %s", n, reason))
	}
	for _, s := range skipped {
		assert.Contains(t, stderr, s, "the summary counts the records skipped by reason")
	}
}

// servedFile is the fixture the crawl's server sent for a URL path:
// /html/NAME and /pages/NAME are testdata's, /enc/CODING/NAME is
// testdata/html/NAME (cmd/warc/testdata/main.go).
func servedFile(path string) string {
	if strings.HasPrefix(path, "/enc/") {
		return "../testdata/html/" + path[strings.LastIndexByte(path, '/')+1:]
	}
	return "../testdata" + path
}

func decodeRecords(t *testing.T, jsonl string) []model.Record {
	t.Helper()
	var records []model.Record
	for line := range strings.Lines(jsonl) {
		var r model.Record
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		records = append(records, r)
	}
	return records
}

// facts is a record without what names its pages (paths, URLs, dates,
// archives), with its sources and diagnostics in an order that does not
// depend on those names: what must not change whether a page is read
// from a file, a compressed file or an archive.
func facts(r model.Record) model.Record {
	r.Sources = slices.Clone(r.Sources)
	for i := range r.Sources {
		s := &r.Sources[i]
		s.Path, s.URL, s.Fetched, s.Archive = "", "", "", nil
	}
	slices.SortFunc(r.Sources, func(a, b model.Source) int { return strings.Compare(a.SHA256, b.SHA256) })
	r.Diagnostics = slices.Clone(r.Diagnostics)
	for i := range r.Diagnostics {
		r.Diagnostics[i].Path = ""
	}
	slices.SortFunc(r.Diagnostics, func(a, b model.Diagnostic) int {
		return strings.Compare(fmt.Sprint(a.Line, a.Code, a.Message), fmt.Sprint(b.Line, b.Code, b.Message))
	})
	return r
}

// recordFacts is the facts of records in an order that does not depend
// on their paths.
func recordFacts(t *testing.T, jsonl string) []string {
	var out []string
	for _, r := range decodeRecords(t, jsonl) {
		b, err := json.Marshal(facts(r))
		require.NoError(t, err)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// crawledFiles are the pages crawl.warc.gz holds, as files: the HTML
// fixtures, three text pages, and the redirect's target.
func crawledFiles(t *testing.T) []string {
	html, err := filepath.Glob("../testdata/html/*.html")
	require.NoError(t, err)
	return append(html, "../testdata/pages/gh-health-en.txt", "../testdata/pages/gh-health-fr.txt",
		"../testdata/pages/gh-health-es.txt", "../testdata/pages/faq-en.txt")
}

// TestArchivePairs: ingest of an archive pairs as ingest of its pages'
// files, keeping every source's URL; the records that pair with none are
// in the order of their offsets (#8625 before #23512, which order the
// other way as strings); pairing works across an archive and files.
func TestArchivePairs(t *testing.T) {
	archive := filepath.Join(warcFixtures, "crawl.warc.gz")
	code, fromArchive, stderr := runIn(context.Background(), "", "ingest", "-f", "jsonl", archive)
	require.Equal(t, ExitOK, code, stderr)
	code, fromFiles, stderr := runIn(context.Background(), "", append([]string{"ingest", "-f", "jsonl"}, crawledFiles(t)...)...)
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, recordFacts(t, fromFiles), recordFacts(t, fromArchive))

	var rest []int
	for _, r := range decodeRecords(t, fromArchive) {
		if r.PrimaID == "GH10P0310" {
			require.Len(t, r.Sources, 3)
			for _, s := range r.Sources {
				assert.Regexp(t, `^http://127\.0\.0\.1:\d+/pages/gh-health-(en|fr|es)\.txt$`, s.URL)
			}
		}
		if r.Kind != model.KindProject {
			rest = append(rest, r.Sources[0].Archive.Offset)
		}
	}
	assert.Len(t, rest, 2)
	assert.True(t, slices.IsSorted(rest), "records that pair with none, by offset: %v", rest)
	assert.Less(t, fmt.Sprint(rest[1]), fmt.Sprint(rest[0]), "the fixture's offsets order the other way as strings")

	// The French page from an archive, the English one from a file.
	code, mixed, stderr := runIn(context.Background(), "", "ingest", "-f", "jsonl",
		filepath.Join(warcFixtures, "crawl.warc"), "../testdata/pages/gh-health-en.txt")
	require.Equal(t, ExitOK, code, stderr)
	for _, r := range decodeRecords(t, mixed) {
		if r.PrimaID == "GH10P0310" {
			assert.Equal(t, []string{"en", "fr"}, r.Languages)
			require.Len(t, r.Sources, 2)
			assert.Empty(t, r.Sources[0].URL, "the file")
			assert.NotEmpty(t, r.Sources[1].URL, "the archive's record")
		}
	}
}

// TestArchiveCrawl is the check, with a crawler: wget records our
// pages from a local server into an archive (cmd/warc/testdata/main.go,
// run fresh), and ingest reads it as it reads the pages' files. Skipped
// without wget, and with -short.
func TestArchiveCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls with wget: not with -short")
	}
	for _, tool := range []string{"wget", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	gen := exec.Command("go", "run", "./cmd/warc/testdata", "-o", dir)
	gen.Dir = ".."
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("go run ./cmd/warc/testdata: %v\n%s", err, out)
	}
	for _, a := range fixtureArchives {
		t.Run(a.name, func(t *testing.T) {
			checkFixtureArchive(t, filepath.Join(dir, a.name), a)
		})
	}
	code, fromArchive, stderr := runIn(context.Background(), "", "ingest", "-f", "jsonl", filepath.Join(dir, "crawl.warc.gz"))
	require.Equal(t, ExitOK, code, stderr)
	_, fromFiles, _ := runIn(context.Background(), "", append([]string{"ingest", "-f", "jsonl"}, crawledFiles(t)...)...)
	assert.Equal(t, recordFacts(t, fromFiles), recordFacts(t, fromArchive))
}

// warcResponse is one response record of a WARC archive, as a crawler
// writes it: an HTTP message with the given status line, Content-Type and
// body.
func warcResponse(uri, status, contentType, body string) string {
	msg := "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body
	return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
		"\r\nWARC-Date: 2026-03-01T10:20:30Z\r\nWARC-Record-ID: <urn:uuid:" + fmt.Sprintf("%08d", len(uri)) + "-0000-4000-8000-000000000000>" +
		"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " + fmt.Sprint(len(msg)) + "\r\n\r\n" + msg + "\r\n\r\n"
}

// TestArchiveServed holds what a server says of a page to its place: its
// charset before the page's own declaration, text/html making a fragment
// HTML; a response that is no page is skipped with its reason, told with
// -v only.
func TestArchiveServed(t *testing.T) {
	dir := t.TempDir()
	const fixture = "../testdata/html/diaspora-fr.html" // declares UTF-8
	page, err := os.ReadFile(fixture)
	require.NoError(t, err)
	// Sent in windows-1252, as the server says: read as the server says,
	// not as the page declares, with no guess.
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(page)
	require.NoError(t, err)
	archive := filepath.Join(dir, "served.warc")
	require.NoError(t, os.WriteFile(archive, []byte(
		warcResponse("https://www.iom.int/fr/diaspora", "200 OK", "text/html; charset=windows-1252", string(cp1252))+
			warcResponse("https://www.iom.int/frag", "200 OK", "text/html", "<div><h1>Un fragment</h1><p>Texte.</p></div>")+
			warcResponse("https://www.iom.int/gone", "410 Gone", "text/html", "<p>Gone</p>")+
			warcResponse("https://www.iom.int/data", "200 OK", "text/csv", "a,b,c\n")), 0o644))

	code, stdout, stderr := runIn(context.Background(), "", "parse", "-v", archive)
	require.Equal(t, ExitOK, code, stderr)
	assert.NotContains(t, stderr, "encoding-guessed")
	assert.Contains(t, stderr, archive+"#", "records named by offset")
	assert.Regexp(t, `(?m)^`+regexp.QuoteMeta(archive)+`#\d+: info: http-status record skipped: HTTP 410 Gone \[skipped\]$`, stderr)
	assert.Regexp(t, `(?m)^`+regexp.QuoteMeta(archive)+`#\d+: info: not-a-page record skipped: text/csv \[skipped\]$`, stderr)
	records := decodeRecords(t, stdout)
	require.Len(t, records, 2)
	assert.Equal(t, "https://www.iom.int/fr/diaspora", records[0].Sources[0].URL, "the URL fetched, not the canonical link")
	assert.Equal(t, "2026-03-01T10:20:30Z", records[0].Sources[0].Fetched)
	_, fromFile, _ := runIn(context.Background(), "", "parse", fixture)
	fileRecord := decodeRecords(t, fromFile)[0]
	assert.NotEmpty(t, fileRecord.Sources[0].URL, "the file's canonical link")
	want, got := facts(fileRecord), facts(records[0])
	got.Sources[0].SHA256, got.Sources[0].Bytes = want.Sources[0].SHA256, want.Sources[0].Bytes // the bytes differ, not the text
	assert.Equal(t, want, got, "decoded as the server said")
	assert.Equal(t, "html", records[1].Sources[0].Format, "a fragment served as HTML")

	_, _, quiet := runIn(context.Background(), "", "parse", archive)
	assert.NotContains(t, quiet, "skipped [", "skipped records are told with -v only")
	assert.Contains(t, quiet, "4 records of 1 archive: 2 parsed (1 project, 0 news, 1 page), 2 skipped (1 http-status, 1 not-a-page), 0 failed")
}

// TestArchiveBudget reads an archive of pages near --max-bytes each: the
// bytes read ahead of the workers stay within the budget, and every byte
// taken is given back.
func TestArchiveBudget(t *testing.T) {
	const maxBytes = 16 << 10
	var b strings.Builder
	body := strings.Repeat("Une ligne de texte d'une page.\n", maxBytes/32)
	for i := range 60 {
		b.WriteString(warcResponse(fmt.Sprintf("https://www.iom.int/p%d", i), "200 OK", "text/plain", body))
	}
	archive := filepath.Join(t.TempDir(), "big.warc")
	require.NoError(t, os.WriteFile(archive, []byte(b.String()), 0o644))
	for _, jobs := range []int{1, 4} {
		flags := &readFlags{jobs: jobs, maxBytes: maxBytes}
		src := newPageSource(IO{}, []string{archive}, flags)
		diag := diagFlags{quiet: true}
		rep := newReporter(IO{ErrOut: io.Discard}, &diag, "", src.summary)
		require.NoError(t, readInputs(context.Background(), IO{ErrOut: io.Discard}, jobs, &diag, src, nopStage{}, rep))
		assert.Equal(t, 60, rep.counts[stateParsed])
		assert.Zero(t, src.budget.held, "every page's bytes given back")
		assert.LessOrEqual(t, src.budget.peak, int64(inputBatch*maxBytes))
	}
}

// nopStage takes outcomes and does nothing with them.
type nopStage struct{}

func (nopStage) start(*reporter) error        { return nil }
func (nopStage) prepare(*outcome)             {}
func (nopStage) take(*outcome) error          { return nil }
func (nopStage) finish(context.Context) error { return nil }
func (nopStage) close()                       {}

// TestByteBudget: a page waits while others hold the budget and it would
// go over, passes alone whatever its size, and stops waiting when the run
// ends.
func TestByteBudget(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b := newByteBudget(ctx, 100)
	defer b.stop()
	require.True(t, b.acquire(ctx, 250), "alone, over the limit")
	released := make(chan bool)
	go func() { released <- b.acquire(ctx, 10) }()
	b.release(250)
	require.True(t, <-released, "room again")
	require.True(t, b.acquire(ctx, 90))
	stopped := make(chan bool)
	go func() { stopped <- b.acquire(ctx, 10) }()
	cancel()
	require.False(t, <-stopped, "the run ended while it waited")
	assert.False(t, b.acquire(ctx, 1), "nothing is taken once the run ended")
}
