package cmd

import (
	"runtime"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpoolReadsBack: every record comes back as it went in, from the
// mapped file and from pread alike (the way where mapping is not
// supported).
func TestSpoolReadsBack(t *testing.T) {
	sp, err := newSpool()
	require.NoError(t, err)
	defer sp.close()
	var records []model.Record
	for i, title := range []string{"Première", "Second", "", "Cuarto \"quoted\""} {
		r := model.Record{Kind: model.KindProject, PrimaID: "XX10P000" + string(rune('0'+i)), Languages: []string{"fr"}}
		if title != "" {
			r.Title = map[string]string{"fr": title}
		}
		records = append(records, r)
		require.NoError(t, sp.add(&r))
	}
	require.NoError(t, sp.finish())
	if runtime.GOOS == "linux" {
		assert.NotNil(t, sp.mapped, "the spool should be mapped")
	}
	readAll := func() {
		for i, want := range records {
			got, err := sp.get(i)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			fromFile, err := sp.rawInto(nil, i)
			require.NoError(t, err)
			if mapped, ok := sp.mappedRaw(i); ok {
				assert.Equal(t, fromFile, mapped)
			}
		}
	}
	readAll()
	unmapSpool(sp.mapped)
	sp.mapped = nil
	readAll()
}

// TestIsBinary holds isBinary's table to its definition: a NUL, or more
// than a tenth of the first 8 KiB control characters other than white space.
func TestIsBinary(t *testing.T) {
	for c := 0; c < 256; c++ {
		isControl := c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f'
		assert.Equal(t, isControl, controlBytes[c] == 1, "byte %#x", c)
	}
	tests := []struct {
		in   string
		want bool
	}{
		{"plain text\nwith lines\r\n\tand tabs\f", false},
		{"a\x00b", true},
		{"\x01\x02abcdefghijklmnopqr", false}, // two in twenty: not over a tenth
		{"\x01\x02\x03abcdefghijklmnopq", true},
		{strings.Repeat("a", 8192) + strings.Repeat("\x01", 8192), false}, // past the first 8 KiB
		{"", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, isBinary([]byte(tt.in)), "%q", tt.in)
	}
}
