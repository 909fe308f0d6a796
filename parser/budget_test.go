package parser

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

var calibrationDirs = flag.String("budget.corpus", "", "also calibrate the budget on the pages under these folders (comma-separated): a generated corpus, ../shared/seeds")

// TestBudgetCalibration measures the work and the memory per byte that
// parsing each page of testdata (and of the folders of -budget.corpus)
// takes, and holds DefaultBudget to its promise: 100 times the most work
// per byte any page takes, and 4 times the most memory per byte beyond
// the floor. The pages of testdata/hostile, built to cost the most, are
// held 16 times below it.
func TestBudgetCalibration(t *testing.T) {
	dirs := []string{"../testdata"}
	if *calibrationDirs != "" {
		dirs = append(dirs, strings.Split(*calibrationDirs, ",")...)
	}
	p := New(Options{})
	b := DefaultBudget()
	var maxWork, maxMem, hostileWork float64
	var worstWork, worstMem string
	pages := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, ".go") || strings.Contains(path, "/golden/") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil || len(data) == 0 {
				return err
			}
			text, _, pre := Decode(path, data, "")
			_, work, mem, err := p.parse(context.Background(), Document{Path: path, Data: text, Diagnostics: pre}, 1<<62, 1<<62)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			size := float64(len(text))
			if strings.Contains(filepath.ToSlash(path), "testdata/hostile/") {
				hostileWork = max(hostileWork, float64(work)/size)
				return nil
			}
			if r := float64(work) / size; r > maxWork {
				maxWork, worstWork = r, path
			}
			if r := float64(mem) / (size + float64(b.Floor)); r > maxMem {
				maxMem, worstMem = r, path
			}
			pages++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d pages: work per byte at most %.2f (%s), memory per byte at most %.2f (%s)", pages, maxWork, worstWork, maxMem, worstMem)
	if float64(b.Work) < 16*hostileWork {
		t.Errorf("the work budget, %d a byte, is less than 16 times what a hostile fixture takes (%.2f)", b.Work, hostileWork)
	}
	if float64(b.Work) < 100*maxWork {
		t.Errorf("the work budget, %d a byte, is less than 100 times the most a page takes (%.2f)", b.Work, maxWork)
	}
	if float64(min(b.Memory, b.HTMLMemory)) < 4*maxMem {
		t.Errorf("the memory budget, %d a byte, is less than 4 times the most a page takes (%.2f)", min(b.Memory, b.HTMLMemory), maxMem)
	}
}

// TestTooComplex: a page over its budget gives the record of a page that
// is not read, with the too-complex error at its path, and ParseContext
// the error; whatever budget it went over.
func TestTooComplex(t *testing.T) {
	data, err := os.ReadFile("../testdata/pages/gh-health-en.txt")
	if err != nil {
		t.Fatal(err)
	}
	pre := []model.Diagnostic{{Severity: model.SeverityWarning, Code: model.CodeEncodingGuessed, Path: "p.txt", Message: "guessed"}}
	for name, b := range map[string]Budget{
		// A floor below zero takes off: a tenth of a unit a byte.
		"work":   {Work: 1, Memory: 1 << 20, HTMLMemory: 1 << 20, Floor: -int64(len(data)) * 9 / 10},
		"memory": {Work: 1 << 20, Memory: 1, HTMLMemory: 1, Floor: 0},
	} {
		t.Run(name, func(t *testing.T) {
			p := New(Options{Budget: b})
			for _, format := range []string{FormatText, FormatHTML} {
				doc := Document{Path: "p.txt", Data: data, Format: format, Diagnostics: pre}
				rec, err := p.ParseContext(context.Background(), doc)
				if !errors.Is(err, ErrTooComplex) {
					t.Fatalf("%s: error %v, want %v", format, err, ErrTooComplex)
				}
				if got := p.Parse(doc); !reflect.DeepEqual(got, rec) {
					t.Errorf("%s: Parse gives\n%+v\nParseContext\n%+v", format, got, rec)
				}
				if rec.Kind != model.KindPage || rec.Title != nil || rec.Body != nil || rec.Sources[0].Fields != nil ||
					rec.Sources[0].Path != "p.txt" || rec.Sources[0].Bytes != len(data) {
					t.Errorf("%s: the record of a page not read is %+v", format, rec)
				}
				d := rec.Diagnostics
				if len(d) != 2 || d[0] != pre[0] || d[1].Code != model.CodeTooComplex || d[1].Severity != model.SeverityError || d[1].Path != "p.txt" {
					t.Errorf("%s: diagnostics %+v", format, d)
				}
			}
		})
	}
}

// TestBoundedMemory: a page of one-letter lines, the shape whose lines
// take the most memory for its bytes, is refused before its lines are
// made once it is large: parsing it allocates about its size, not the 36
// times its size its lines would take.
func TestBoundedMemory(t *testing.T) {
	page := []byte("A title\n" + strings.Repeat("x\n", 4<<20))
	p := New(Options{})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := p.ParseContext(context.Background(), Document{Path: "lines.txt", Data: page})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooComplex) {
		t.Fatalf("error %v, want %v", err, ErrTooComplex)
	}
	if perByte := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(page)); perByte > 2 {
		t.Errorf("parsing allocated %.1f bytes for each byte of the page", perByte)
	}
}

// countdown is a context that is done once its Err has been asked n
// times: a run interrupted at a point of the parse that does not depend
// on the machine's speed.
type countdown struct {
	context.Context
	n int
}

func (c *countdown) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestParseContextCancel: a parse whose context is done stops, at the next
// look at the context, with its error and no record; one whose context is
// done before it starts does not start. The looks come every few
// milliseconds of work (budget.Meter), on every shape of page.
func TestParseContextCancel(t *testing.T) {
	p := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if rec, err := p.ParseContext(ctx, Document{Path: "p.txt", Data: []byte("T\nbody")}); !errors.Is(err, context.Canceled) || rec.Sources != nil {
		t.Errorf("a cancelled parse gives %v and %+v", err, rec)
	}
	for _, page := range []Document{
		{Path: "big.txt", Data: []byte("-\nWho we are\n- 2030 Agenda\nT\n" + strings.Repeat("Some text about migration.\n", 100_000))},
		{Path: "big.html", Data: []byte("<html><body><h1>T</h1>" + strings.Repeat("<p>Some <b>text</b> about migration, and about the programmes that help people who move, and the governments that welcome them.</p>", 40_000))},
	} {
		rec, err := p.ParseContext(&countdown{context.Background(), 2}, page)
		if !errors.Is(err, context.Canceled) || rec.Sources != nil {
			t.Errorf("%s: cancelled midway, the parse gives %v and %d sources", page.Path, err, len(rec.Sources))
		}
		if _, err := p.ParseContext(context.Background(), page); err != nil {
			t.Errorf("%s: %v", page.Path, err)
		}
	}
}
