package cmd

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/cmd/internal/changes"
	"github.com/iomparse/iomparse/cmd/internal/jsonstream"
	"github.com/iomparse/iomparse/cmd/internal/spool"
	"github.com/iomparse/iomparse/cmd/internal/walk"
	"github.com/iomparse/iomparse/model"
)

// diffSide is one of diff's two scrapes, read as ingest reads it: its
// records spooled (memory holds their keys), and paired by project. Its
// groups are merged only when compared, each once.
type diffSide struct {
	sp *spool.Spool
	// keys holds every record's pairing keys, by spool index: matching
	// goes by them once the spool has dropped its own.
	keys []model.PairKeys
	// urls holds, by spool index, the URL of the first source of a record
	// that pairs with no other (its key when known), else "".
	urls []string
	// groups are pairing's groups, and the records that pair with none,
	// one each: every record of the side, as ingest would write it.
	groups [][]int
	// root is the folder every record's path is in: paths are keys
	// relative to it, so two scrapes in different folders match.
	root string
}

// loadSide reads the side at arg (records or pages: sideSource) through
// the pipeline of every command, with rep accounting for its inputs.
func loadSide(ctx context.Context, opts *diffOptions, rep *reporter, arg string) (*diffSide, error) {
	src, closeInput, err := sideSource(opts, arg)
	if err != nil {
		return nil, err
	}
	defer closeInput()
	sp, err := spool.New(recordKinds)
	if err != nil {
		return nil, failedf("%v", err)
	}
	s := &diffSide{sp: sp}
	st := &sideStage{side: s}
	if err := readInputs(ctx, opts.io, opts.read.jobs, opts.diag, src, st, rep); err != nil {
		return s, err
	}
	s.keys = sp.AllKeys()
	if err := sp.Finish(); err != nil {
		return s, err
	}
	s.groups = sp.GroupList()
	s.root = commonFolder(s.keys)
	return s, nil
}

// sideSource picks the source of a side, and returns it with what closes
// its input once read: a folder is pages; a file, or standard input, is
// records when it starts as JSON does (or is gzip), else a page. Any
// source of pages serves (a WARC archive's, once there is one): a side
// only takes records. A side that cannot be read at all is trouble at
// once, rather than a side with nothing in it, which would show every
// record of the other as added or removed.
func sideSource(opts *diffOptions, arg string) (src source, closeInput func(), err error) {
	stdio, paths := opts.io, []string{arg}
	closeInput = func() {}
	var head []byte
	if arg == "-" {
		br := bufio.NewReaderSize(stdio.In, 64<<10)
		head, _ = br.Peek(jsonstream.SniffWindow) // a read error shows when the source reads
		stdio.In = br
	} else {
		info, err := os.Stat(stdio.path(arg))
		if err != nil {
			return nil, nil, failedf("cannot read %s: %s", arg, describeError(err))
		}
		if info.IsDir() {
			return newPageSource(stdio, paths, &opts.read), closeInput, nil
		}
		f, err := walk.Open(stdio.path(arg))
		if err != nil {
			return nil, nil, failedf("cannot read %s: %s", arg, describeError(err))
		}
		br := bufio.NewReaderSize(f, 64<<10)
		head, _ = br.Peek(jsonstream.SniffWindow)
		if info.Mode().IsRegular() {
			f.Close() // read-only: nothing to lose; the source opens it again
		} else {
			// A pipe (<(zcat old.jsonl.gz)) can be read only once: the
			// source reads on from what was peeked, as from standard
			// input, and the walk would skip it as not a regular file.
			stdio.In, paths = br, []string{"-"}
			closeInput = func() { f.Close() } // read-only: nothing to lose
		}
	}
	// Empty input is no records file: a page, skipped as empty. Data
	// compressed in a format iomparse does not read goes to the records'
	// reader, which says so.
	layout, _, _ := jsonstream.Sniff(head)
	if jsonstream.IsGzip(head) || jsonstream.Compressed(head) != "" || layout != jsonstream.NotJSON && len(bytes.TrimSpace(head)) > 0 {
		return newRecordSource(stdio, paths, &opts.read), closeInput, nil
	}
	return newPageSource(stdio, paths, &opts.read), closeInput, nil
}

// sideStage spools the records of a side. A page's diagnostics are not
// reported: they stay in its record, which is compared as it is, and are
// check's business; what could not be read is, as trouble.
type sideStage struct {
	side    *diffSide
	encoded bufpool.Pool
}

func (s *sideStage) start(*reporter) error { return nil }

func (s *sideStage) prepare(o *outcome) {
	if o.record == nil {
		return
	}
	o.diags = nil
	o.encoded, o.encodeErr = o.record.AppendJSON(s.encoded.Get(2048))
}

func (s *sideStage) take(o *outcome) error {
	defer s.encoded.Put(o.encoded) // spooled (copied) by then
	switch {
	case o.record == nil:
		return nil
	case o.encodeErr != nil:
		return o.encodeErr
	}
	url := ""
	if model.PairKey(o.record) == "" && len(o.record.Sources) > 0 {
		url = strings.Clone(o.record.Sources[0].URL)
	}
	s.side.urls = append(s.side.urls, url)
	return s.side.sp.AddEncoded(o.encoded, o.record)
}

func (s *sideStage) finish(context.Context) error { return nil }
func (s *sideStage) close()                       {}

// record reads group g back, merged when it is a project's several
// records, as ingest would write it.
//
// Records are read with pread (spool.RawInto), as the reduce reads them:
// diff reads two spools in key order, at random in each, and a mapping
// would keep the pages around every record read resident. A system call a
// record costs little next to decoding it, and keeps nothing resident.
func (s *diffSide) record(g int, buf *[]byte) (*model.Record, error) {
	members := s.groups[g]
	rs := make([]model.Record, len(members))
	for k, i := range members {
		var err error
		if *buf, err = s.sp.RawInto(*buf, i); err != nil {
			return nil, err
		}
		if err := model.DecodeJSON(*buf, &rs[k]); err != nil { // copies what it keeps
			return nil, fmt.Errorf("spool file corrupted: %w", err)
		}
	}
	if len(rs) == 1 {
		return &rs[0], nil
	}
	merged, _ := model.Merge(rs) // the conflicts are no change
	return &merged, nil
}

func (s *diffSide) close() { s.sp.Close() }

// entries are the side's records as matching sees them: their keys, kind,
// and whether the filter keeps them.
func (s *diffSide) entries(filter *recordFilter) []changes.Entry {
	out := make([]changes.Entry, len(s.groups))
	for g, members := range s.groups {
		e := &out[g]
		e.Group = g
		first := &s.keys[members[0]]
		e.Kind = first.Kind
		var langs []string
		for _, i := range members {
			k := &s.keys[i]
			if k.Kind == model.KindProject {
				e.Kind = model.KindProject
			}
			for _, l := range s.sp.Languages(i, nil) {
				if !slices.Contains(langs, l) {
					langs = append(langs, l)
				}
			}
			if e.Keys[0] == "" && k.Kind == model.KindProject {
				e.Keys[0] = k.PrimaID
			}
			if e.Keys[1] == "" && k.Kind == model.KindProject {
				e.Keys[1] = k.ProjectID
			}
		}
		if e.Keys[0] == "" && e.Keys[1] == "" { // not a project, or one without ids: by URL, else path
			e.Class = changes.ClassOther
			e.Keys[0], e.Keys[1] = s.urls[members[0]], relativePath(first.Path, s.root)
		}
		e.Pass = filter.matchKeys(e.Kind, langs)
	}
	return out
}

// commonFolder is the deepest folder that holds every record's first path
// ("" when there is none: paths in different roots, or no folder at all).
func commonFolder(keys []model.PairKeys) string {
	root, first := "", true
	for i := range keys {
		dir := path.Dir(cleanPath(keys[i].Path))
		if first {
			root, first = dir, false
		}
		for root != "" && dir != root && !strings.HasPrefix(dir, strings.TrimSuffix(root, "/")+"/") {
			if root == "." || root == "/" {
				root = ""
			} else {
				root = path.Dir(root)
			}
		}
	}
	if root == "." {
		return ""
	}
	return root
}

// relativePath is p relative to root, which holds it.
func relativePath(p, root string) string {
	p = cleanPath(p)
	if root == "" {
		return p
	}
	return strings.TrimPrefix(p, strings.TrimSuffix(root, "/")+"/")
}

// cleanPath is p with forward slashes and without "." or "..", so paths
// written on any system and given as "./pages/x" or "pages/x" compare.
func cleanPath(p string) string { return path.Clean(filepath.ToSlash(p)) }
