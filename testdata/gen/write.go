package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// pagesPerFolder keeps folders small, as crawlers do.
const pagesPerFolder = 1000

// write renders the planned pages into out, on every core: each page
// depends only on its plan, so the files are the same whatever the order.
func write(out string, pages []page) error {
	for d := 0; d*pagesPerFolder < len(pages); d++ {
		if err := os.MkdirAll(filepath.Join(out, fmt.Sprintf("%04d", d)), 0o755); err != nil {
			return err
		}
	}
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf []byte
			for i := w; i < len(pages); i += workers {
				buf = render(buf[:0], &pages[i])
				name := filepath.Join(out, fmt.Sprintf("%04d", i/pagesPerFolder), fmt.Sprintf("p%07d%s", i+1, pages[i].t.ext))
				if err := os.WriteFile(name, buf, 0o644); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// render appends one page to dst: its template's lines, with the
// project's facts in their value lines, the Prima ID dropped from a project
// older than Prima, paragraphs added after fillAt, and the template's
// identifiers replaced by the project's.
func render(dst []byte, pg *page) []byte {
	t, p := pg.t, pg.p
	var skip []int
	if p != nil && p.prima == "" {
		skip = t.primaLines
	}
	for i, l := range t.lines {
		if len(skip) > 0 && i >= skip[0] && i <= skip[len(skip)-1] {
			continue
		}
		if p != nil {
			switch i {
			case t.start, t.year:
				l = setValue(l, strconv.Itoa(p.start))
			case t.end:
				end := p.end
				if pg.conflict == otherEnd {
					end = otherEndYear(end)
				}
				l = setValue(l, strconv.Itoa(end))
			case t.budget:
				amount := p.budget
				if pg.conflict == otherBudget {
					amount -= amount / 10
				}
				l = setValue(l, formatBudget(amount, t.devfundBudget))
			}
			if t.idLines[i] {
				l = replaceIDs(l, t, p)
			}
		}
		dst = append(dst, l...)
		ended := i < len(t.lines)-1 || t.eol
		if ended {
			dst = append(dst, '\n')
		}
		if i == t.fillAt && pg.target > t.size {
			nl := "\n"
			if strings.HasSuffix(l, "\r") {
				nl = "\r\n"
			}
			dst = addParagraphs(dst, fillers[t.lang], pg.target-t.size, pg.fill, nl, ended)
		}
	}
	return dst
}

// replaceIDs puts the project's identifiers in place of the template's on
// one line (a URL may spell the Prima ID in lower case).
func replaceIDs(l string, t *template, p *project) string {
	for _, id := range t.primas {
		l = strings.ReplaceAll(l, id, p.prima)
		l = strings.ReplaceAll(l, strings.ToLower(id), strings.ToLower(p.prima))
	}
	for _, id := range t.projects {
		l = strings.ReplaceAll(l, id, p.projectID)
	}
	return l
}

// addParagraphs appends paragraphs drawn from pool until want bytes are
// added, never the same twice in a row. Each ends with nl, or, when the line
// before them had no line end (ended is false), starts with one.
func addParagraphs(dst []byte, pool []string, want int, seed uint64, nl string, ended bool) []byte {
	rng := rand.New(rand.NewPCG(seed, 0))
	last := -1
	for added := 0; added < want; {
		i := rng.IntN(len(pool))
		if i == last && len(pool) > 1 {
			continue
		}
		last = i
		if !ended { // after a last line with no line end, which the page keeps
			dst = append(dst, nl...)
		}
		dst = append(dst, pool[i]...)
		if ended {
			dst = append(dst, nl...)
		}
		added += len(pool[i]) + len(nl)
	}
	return dst
}

// setValue replaces the value on a line, keeping its indentation and line
// end (a bullet page indents its values; a page may end lines with \r).
func setValue(line, v string) string {
	trimmed := strings.TrimSpace(line)
	at := strings.Index(line, trimmed)
	return line[:at] + v + line[at+len(trimmed):]
}

// otherEndYear is the end year a disagreeing version states: 2024, as
// French and Spanish pages often do whatever the English one says
// (VOCABULARY.md), or the year after when that is the true one.
func otherEndYear(end int) int {
	if end == 2024 {
		return 2025
	}
	return 2024
}

// formatBudget writes an amount as iom.int does (81675.00) or as the
// Development Fund does (103,058).
func formatBudget(amount int, devfund bool) string {
	if !devfund {
		return strconv.Itoa(amount) + ".00"
	}
	s := strconv.Itoa(amount)
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
