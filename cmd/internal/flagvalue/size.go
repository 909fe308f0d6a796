// Package flagvalue holds what iomparse's flags take beyond pflag's own
// kinds: sizes as people write them (Size: 16M, 1GiB), and the name
// meant when one is misspelt (Closest, Suggest). It knows nothing of the
// commands, so that the rules can be tested alone and cmd stays about the
// commands.
package flagvalue

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Size is a flag's size in bytes, written as people write sizes:
// plain bytes (16777216), or a number with a unit, in any case. K, M, G
// and T, with or without "iB", are powers of 1024, as in GNU coreutils and
// as file sizes are usually shown (16M, 16MiB: 16,777,216 bytes); KB, MB,
// GB and TB are powers of 1000 (16MB: 16,000,000 bytes); B is bytes. A
// size past the int64 range is refused rather than wrapped. A *Size is a
// pflag.Value over the caller's int64: (*Size)(&n).
type Size int64

// sizeUnits are the units Size takes, lower case.
var sizeUnits = map[string]int64{
	"": 1, "b": 1,
	"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	"t": 1 << 40, "tib": 1 << 40, "tb": 1e12,
}

var errSize = errors.New("not a size: give bytes (16777216) or a number and a unit (512K, 16M, 1GiB, 2GB)")

// parseSize reads a size as Size describes it.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || i == 0 && (s[i] == '-' || s[i] == '+')) {
		i++
	}
	num, unit := s[:i], strings.ToLower(strings.TrimSpace(s[i:]))
	mult, ok := sizeUnits[unit]
	if !ok || num == "" || num == "-" || num == "+" {
		return 0, errSize
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, errors.New("too large a size: at most 9223372036854775807 bytes")
		}
		return 0, errSize
	}
	if n > math.MaxInt64/mult || n < math.MinInt64/mult {
		return 0, errors.New("too large a size: at most 9223372036854775807 bytes")
	}
	return n * mult, nil
}

// Set reads s as Size describes it.
func (b *Size) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = Size(n)
	return nil
}

// String writes the size with the largest binary unit that divides it, so
// that help shows the defaults as 16MiB and 256MiB.
func (b *Size) String() string {
	n := int64(*b)
	for _, u := range []struct {
		name string
		size int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n != 0 && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

// Type names the value in help: "--max-bytes size".
func (*Size) Type() string { return "size" }
