package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/cmd/internal/encode"
)

const pagesDir = "../testdata/pages"

// TestFlagValues: numeric flags are range-checked (issue 13): absurd
// values are usage errors, large sane ones work, and the largest size
// loses nothing.
func TestFlagValues(t *testing.T) {
	_, want, _ := runCmd(t, "", "ingest", "-q", "-f", "jsonl", pagesDir)
	_, parsed, _ := runCmd(t, "", "parse", "-q", "-f", "jsonl", pagesDir)
	_, wantPaired, _ := runCmd(t, parsed, "pair", "-q", "-f", "jsonl")
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
		err   string
		same  string // the stdout wanted, when the run succeeds
	}{
		{name: "jobs 0", args: []string{"ingest", "-j", "0", pagesDir}, code: ExitUsage, err: "--jobs must be between 1 and 1024, not 0"},
		{name: "jobs negative", args: []string{"check", "-j", "-3", pagesDir}, code: ExitUsage, err: "--jobs must be between 1 and 1024"},
		{name: "jobs huge", args: []string{"ingest", "-j", "9223372036854775807", pagesDir}, code: ExitUsage, err: "not 9223372036854775807"},
		{name: "jobs hundred million", args: []string{"parse", "-j", "100000000", pagesDir}, code: ExitUsage, err: "--jobs must be between"},
		{name: "jobs past int64", args: []string{"ingest", "-j", "99999999999999999999", pagesDir}, code: ExitUsage, err: "out of range"},
		{name: "jobs pair", args: []string{"pair", "-j", "5000"}, code: ExitUsage, err: "--jobs must be between"},
		{name: "jobs at the bound", args: []string{"ingest", "-q", "-f", "jsonl", "-j", "1024", pagesDir}, same: want},
		{name: "max-bytes largest", args: []string{"ingest", "-q", "-f", "jsonl", "--max-bytes", "9223372036854775807", pagesDir}, same: want},
		{name: "max-bytes largest, pair", args: []string{"pair", "-q", "-f", "jsonl", "--max-bytes", "9223372036854775807"}, stdin: parsed, same: wantPaired},
		{name: "max-bytes 16M", args: []string{"ingest", "-q", "-f", "jsonl", "--max-bytes", "16M", pagesDir}, same: want},
		{name: "max-bytes 1GiB", args: []string{"ingest", "-q", "-f", "jsonl", "--max-bytes", "1GiB", pagesDir}, same: want},
		{name: "max-bytes 0", args: []string{"ingest", "--max-bytes", "0", pagesDir}, code: ExitUsage, err: "--max-bytes must be positive, not 0"},
		{name: "max-bytes negative", args: []string{"check", "--max-bytes", "-1", pagesDir}, code: ExitUsage, err: "--max-bytes must be positive"},
		{name: "max-bytes past int64", args: []string{"ingest", "--max-bytes", "99999999999999999999", pagesDir}, code: ExitUsage, err: "too large a size"},
		{name: "max-bytes bad unit", args: []string{"ingest", "--max-bytes", "16Q", pagesDir}, code: ExitUsage, err: "not a size"},
		{name: "max-bytes small refuses", args: []string{"check", "--max-bytes", "1K", pagesDir}, code: ExitInput, err: "larger than --max-bytes (1024 bytes) [too-large]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.err) {
				t.Fatalf("exit %d, want %d with %q; stderr:\n%s", code, tt.code, tt.err, errOut)
			}
			if tt.same != "" && out != tt.same {
				t.Errorf("stdout differs from the default run's:\n%.300s", out)
			}
		})
	}
}

// TestCommandFirst: flags before the command's name are moved after it,
// unless the word is a flag's value.
func TestCommandFirst(t *testing.T) {
	root := newRootCmd(IO{})
	tests := []struct {
		args, want string
	}{
		{"ingest pages", "ingest pages"},
		{"--strict check pages", "check --strict pages"},
		{"--redact -q ingest -f csv pages", "ingest --redact -q -f csv pages"},
		{"-j 4 ingest pages", "ingest -j 4 pages"},
		{"-o check ingest pages", "ingest -o check pages"}, // -o takes "check"
		{"-qo check ingest pages", "ingest -qo check pages"},
		{"--output=check ingest pages", "ingest --output=check pages"},
		{"-q pages", "-q pages"},                                   // no command: cobra says so
		{"__complete ingest --kind ", "__complete ingest --kind "}, // cobra's own
		{"--version", "--version"},
		{"-- ingest", "-- ingest"},
	}
	for _, tt := range tests {
		got := strings.Join(commandFirst(root, strings.Split(tt.args, " ")), " ")
		if got != tt.want {
			t.Errorf("commandFirst(%s) = %s, want %s", tt.args, got, tt.want)
		}
	}
}

// TestFlagsAsTyped: flags as people type them (issue 17): before the
// command, -v verbose and -V the version, enum values in any case, a
// misspelt flag answered with the closest one.
func TestFlagsAsTyped(t *testing.T) {
	_, wantCSV, _ := runCmd(t, "", "ingest", "-q", "-f", "csv", pagesDir)
	_, redacted, _ := runCmd(t, "", "ingest", "-q", "-f", "jsonl", "--redact", "../testdata/news")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a part of stdout
		same   string // all of stdout
		stderr string // a part of stderr
		nostd  string // not in stderr
	}{
		{name: "strict before check", args: []string{"--strict", "check", pagesDir}, stderr: "6 files: 6 parsed"},
		{name: "quiet before", args: []string{"-q", "ingest", "-f", "csv", pagesDir}, same: wantCSV},
		{name: "bool of the command before it", args: []string{"--redact", "ingest", "-q", "-f", "jsonl", "../testdata/news"}, same: redacted},
		{name: "strict before fails on a warning", args: []string{"--strict", "check", "../testdata/bad/unknown-values.txt"}, code: ExitInput},
		{name: "-v is verbose", args: []string{"-v", "check", "../testdata/layouts/longlist-fr.txt"}, stderr: "info:"},
		{name: "-v after the command", args: []string{"check", "-v", "../testdata/layouts/longlist-fr.txt"}, stderr: "info:"},
		{name: "without -v no info", args: []string{"check", "../testdata/layouts/longlist-fr.txt"}, nostd: "info:"},
		{name: "-V is the version", args: []string{"-V"}, stdout: "iomparse "},
		{name: "--version", args: []string{"--version"}, stdout: "iomparse "},
		{name: "format upper case", args: []string{"ingest", "-q", "-f", "CSV", pagesDir}, same: wantCSV},
		{name: "check format upper case", args: []string{"check", "-f", "GitHub", "../testdata/bad/unknown-values.txt"}, code: ExitOK, stdout: "::warning file="},
		{name: "kind and lang upper case", args: []string{"ingest", "-q", "--kind", "Project", "--lang", "EN", "-f", "csv", pagesDir}, stdout: "project,"},
		{name: "encoding upper case", args: []string{"check", "--encoding", "UTF-8", pagesDir}},
		{name: "progress upper case", args: []string{"--progress", "NEVER", "check", pagesDir}},
		{name: "bad progress", args: []string{"check", "--progress", "sometimes", pagesDir}, code: ExitUsage, stderr: `unknown --progress value "sometimes": use auto, always, never`},
		{name: "shell upper case", args: []string{"completion", "BASH"}, stdout: "# bash completion V2 for iomparse"},
		{name: "misspelt flag", args: []string{"check", "--stirct", pagesDir}, code: ExitUsage, stderr: "unknown flag: --stirct (did you mean --strict?)"},
		{name: "misspelt flag before the command", args: []string{"--stirct", "check", pagesDir}, code: ExitUsage, stderr: "did you mean --strict?"},
		{name: "misspelt local flag", args: []string{"ingest", "--max-byte", "1M", pagesDir}, code: ExitUsage, stderr: "did you mean --max-bytes?"},
		{name: "prefix of a flag", args: []string{"ingest", "--spreadsheet", pagesDir}, code: ExitUsage, stderr: "did you mean --spreadsheet-safe?"},
		{name: "one dash", args: []string{"ingest", "-redact", pagesDir}, code: ExitUsage, stderr: "did you mean --redact?"},
		{name: "nothing near", args: []string{"ingest", "--xyzzy", pagesDir}, code: ExitUsage, stderr: "unknown flag: --xyzzy\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if !strings.Contains(out, tt.stdout) || tt.same != "" && out != tt.same {
				t.Errorf("stdout:\n%.400s", out)
			}
			if !strings.Contains(errOut, tt.stderr) || tt.nostd != "" && strings.Contains(errOut, tt.nostd) {
				t.Errorf("stderr:\n%s", errOut)
			}
		})
	}
}

// TestOutputFormatFromExtension: -o picks the format by its extension when
// -f is not given; -f and another format's extension are a usage error;
// -o - is standard output.
func TestOutputFormatFromExtension(t *testing.T) {
	dir := t.TempDir()
	abs, err := filepath.Abs(pagesDir)
	if err != nil {
		t.Fatal(err)
	}
	_, wantCSV, _ := runCmd(t, "", "ingest", "-q", "-f", "csv", abs)
	_, wantJSONL, _ := runCmd(t, "", "ingest", "-q", "-f", "jsonl", abs)
	_, wantYAML, _ := runCmd(t, "", "ingest", "-q", "-f", "yaml", abs)
	_, wantJSON, _ := runCmd(t, "", "ingest", "-q", abs)
	tests := []struct {
		name string
		args []string
		file string // the file written, relative to dir
		want string // its content; "" for no file
		out  string // stdout
		code int
		err  string
	}{
		{name: "csv", args: []string{"-o", "r.csv"}, file: "r.csv", want: wantCSV},
		{name: "upper-case extension", args: []string{"-o", "R.CSV"}, file: "R.CSV", want: wantCSV},
		{name: "jsonl", args: []string{"-o", "r.jsonl"}, file: "r.jsonl", want: wantJSONL},
		{name: "ndjson", args: []string{"-o", "r.ndjson"}, file: "r.ndjson", want: wantJSONL},
		{name: "yml", args: []string{"-o", "r.yml"}, file: "r.yml", want: wantYAML},
		{name: "json", args: []string{"-o", "r.json"}, file: "r.json", want: wantJSON},
		{name: "unknown extension: the default", args: []string{"-o", "records.out"}, file: "records.out", want: wantJSON},
		{name: "-f agrees", args: []string{"-f", "csv", "-o", "a.csv"}, file: "a.csv", want: wantCSV},
		{name: "-f without extension", args: []string{"-f", "csv", "-o", "table"}, file: "table", want: wantCSV},
		{name: "-f contradicts", args: []string{"-f", "json", "-o", "b.csv"}, file: "b.csv", code: ExitUsage, err: "-f json but -o b.csv names csv by its extension"},
		{name: "keyed is not jsonl", args: []string{"-f", "jsonl-keyed", "-o", "c.jsonl"}, file: "c.jsonl", code: ExitUsage, err: "names jsonl"},
		{name: "gzip", args: []string{"-o", "r.jsonl.gz"}, file: "r.jsonl.gz", code: ExitUsage, err: "does not compress"},
		{name: "dash is stdout", args: []string{"-o", "-"}, file: "-", out: wantJSON},
		{name: "dash with a format", args: []string{"-f", "csv", "-o", "-"}, file: "-", out: wantCSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"ingest", "-q"}, tt.args...)
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append(args, abs), IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr, Dir: dir})
			out := stdout.String()
			if code != tt.code || !strings.Contains(stderr.String(), tt.err) {
				t.Fatalf("exit %d, want %d with %q; stderr:\n%s", code, tt.code, tt.err, stderr.String())
			}
			if out != tt.out {
				t.Errorf("stdout:\n%.300s\nwant\n%.300s", out, tt.out)
			}
			b, err := os.ReadFile(filepath.Join(dir, tt.file))
			switch {
			case tt.want == "" && err == nil:
				t.Errorf("%s written", tt.file)
			case tt.want != "" && string(b) != tt.want:
				t.Errorf("%s: %v:\n%.300s\nwant\n%.300s", tt.file, err, b, tt.want)
			}
		})
	}
}

// TestCSVFlags: --fields chooses and orders the columns (names in any
// case, the extra ones too), --csv-bom starts with a byte-order mark,
// --spreadsheet-safe neutralises formulas; all three are for CSV only.
func TestCSVFlags(t *testing.T) {
	news := "../testdata/news"
	_, plain, _ := runCmd(t, "", "ingest", "-q", "-f", "csv", news)
	tests := []struct {
		name   string
		args   []string
		code   int
		header string // the first line
		has    string
		err    string
	}{
		{name: "fields", args: []string{"--fields", "prima_id,KIND,place_country,office,urls,links,office_since"}, header: "prima_id,kind,place_country,office,urls,links,office_since"},
		{name: "fields repeated", args: []string{"--fields", "kind", "--fields", "date"}, header: "kind,date"},
		{name: "unknown field", args: []string{"--fields", "kind,titel_en"}, code: ExitUsage, err: `unknown --fields column "titel_en" (did you mean title_en?)`},
		{name: "field twice", args: []string{"--fields", "kind,kind"}, code: ExitUsage, err: "--fields names kind twice"},
		{name: "no field", args: []string{"--fields", ""}, code: ExitUsage, err: "--fields names no column"},
		{name: "bom", args: []string{"--csv-bom"}, header: "\ufeff" + csvDefaultHeaderLine},
		{name: "fields for json", args: []string{"-f", "json", "--fields", "kind"}, code: ExitUsage, err: "--fields applies to -f csv only, not json"},
		{name: "bom for jsonl", args: []string{"-f", "jsonl", "--csv-bom"}, code: ExitUsage, err: "--csv-bom applies to -f csv only"},
		{name: "safe for yaml", args: []string{"-f", "yaml", "--spreadsheet-safe"}, code: ExitUsage, err: "--spreadsheet-safe applies to -f csv only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"ingest", "-q", "-f", "csv"}, tt.args...)
			code, out, errOut := runCmd(t, "", append(args, news)...)
			if code != tt.code || !strings.Contains(errOut, tt.err) {
				t.Fatalf("exit %d, want %d with %q; stderr:\n%s", code, tt.code, tt.err, errOut)
			}
			if tt.code != ExitOK {
				return
			}
			if header, _, _ := strings.Cut(out, "\n"); header != tt.header {
				t.Errorf("header %q, want %q", header, tt.header)
			}
		})
	}
	t.Run("bom keeps the rest", func(t *testing.T) {
		_, out, _ := runCmd(t, "", "ingest", "-q", "-f", "csv", "--csv-bom", news)
		if out != "\ufeff"+plain {
			t.Errorf("--csv-bom changed more than the first bytes")
		}
	})
	t.Run("spreadsheet-safe", func(t *testing.T) {
		dir := t.TempDir()
		page := "=HYPERLINK(\"http://x\")\n-\nPrima ID\nKE10P0099\n-\nProject Status\nActive\nThe project does things.\n"
		if err := os.WriteFile(filepath.Join(dir, "f.txt"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		_, exact, _ := runCmd(t, "", "ingest", "-q", "-f", "csv", dir)
		_, safe, _ := runCmd(t, "", "ingest", "-q", "-f", "csv", "--spreadsheet-safe", dir)
		if !strings.Contains(exact, `"=HYPERLINK(""http://x"")"`) || !strings.Contains(safe, `"'=HYPERLINK(""http://x"")"`) {
			t.Errorf("without:\n%s\nwith --spreadsheet-safe:\n%s", exact, safe)
		}
	})
}

// csvDefaultHeaderLine is the default header, as a line.
var csvDefaultHeaderLine = strings.Join(encode.CSVHeader(), ",")

// TestCompletion: every enumerated flag and comma list completes, per
// command, and never with file names.
func TestCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want []string // the candidates, in order
		dir  string   // the directive line
	}{
		{[]string{"check", "--format", ""}, []string{"text", "json", "github"}, ":4"},
		{[]string{"check", "-f", ""}, []string{"text", "json", "github"}, ":4"},
		{[]string{"ingest", "--format", ""}, encode.Formats(), ":4"},
		{[]string{"parse", "--kind", ""}, []string{"project", "news", "page"}, ":6"},
		{[]string{"parse", "--kind", "project,"}, []string{"project,news", "project,page"}, ":6"},
		{[]string{"pair", "--lang", "en,FR,"}, []string{"en,FR,es"}, ":6"},
		{[]string{"ingest", "--encoding", ""}, encodingNames, ":4"},
		{[]string{"check", "--encoding", ""}, encodingNames, ":4"},
		{[]string{"ingest", "--fields", "prima_id,"}, prefixed("prima_id,", slices.DeleteFunc(columnNames(encode.CSVColumns()), func(s string) bool { return s == "prima_id" })), ":6"},
		{[]string{"check", "--progress", ""}, []string{"auto", "always", "never"}, ":4"},
		{[]string{"--progress", ""}, []string{"auto", "always", "never"}, ":4"},
		{[]string{"ingest", "-j", ""}, nil, ":4"},
		{[]string{"pair", "--max-bytes", ""}, nil, ":4"},
		{[]string{"completion", ""}, []string{"bash", "fish", "powershell", "zsh"}, ":4"},
		{[]string{"man", ""}, nil, ":16"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runCmd(t, "", append([]string{"__complete"}, tt.args...)...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			var got []string
			for _, l := range lines[:len(lines)-1] {
				name, _, _ := strings.Cut(l, "\t") // a description may follow
				got = append(got, name)
			}
			if !slices.Equal(got, tt.want) || lines[len(lines)-1] != tt.dir {
				t.Errorf("got %q %s, want %q %s", got, lines[len(lines)-1], tt.want, tt.dir)
			}
		})
	}
}

func prefixed(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}
