package flagvalue

import (
	"strings"
	"testing"
)

// TestParseSize: sizes as people write them, and the ones refused.
func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{in: "16777216", want: 16 << 20},
		{in: "16M", want: 16 << 20},
		{in: "16m", want: 16 << 20},
		{in: "16MiB", want: 16 << 20},
		{in: "16mib", want: 16 << 20},
		{in: "16MB", want: 16_000_000},
		{in: "1GiB", want: 1 << 30},
		{in: "1G", want: 1 << 30},
		{in: "2GB", want: 2_000_000_000},
		{in: "512K", want: 512 << 10},
		{in: "512 KiB", want: 512 << 10},
		{in: "100B", want: 100},
		{in: "1T", want: 1 << 40},
		{in: "9223372036854775807", want: 1<<63 - 1},
		{in: "-5", want: -5}, // refused by the flag's validation, with its own message
		{in: "", err: "not a size"},
		{in: "M", err: "not a size"},
		{in: "1.5G", err: "not a size"},
		{in: "16X", err: "not a size"},
		{in: "0x10", err: "not a size"},
		{in: "99999999999999999999", err: "too large"},
		{in: "9223372036854775807K", err: "too large"},
		{in: "8388608T", err: "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("parseSize(%q) = %d, %v; want an error %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
	for n, want := range map[int64]string{16 << 20: "16MiB", 256 << 20: "256MiB", 1 << 30: "1GiB", 1000: "1000", 1536: "1536", 3 << 10: "3KiB"} {
		b := Size(n)
		if got := b.String(); got != want {
			t.Errorf("Size(%d).String() = %q, want %q", n, got, want)
		}
	}
}
