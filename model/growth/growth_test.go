package growth

import (
	"flag"
	"testing"
)

// update is accepted so that `go test ./... -update` runs in every package.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

// sink keeps the compiler from dropping the work below.
var sink int

func work(n int) {
	for i := range n {
		sink += i
	}
}

func TestRatioTellsLinearFromQuadratic(t *testing.T) {
	linear := Ratio(func() { work(100_000) }, func() { work(1_000_000) })
	quadratic := Ratio(func() { work(300 * 300) }, func() { work(3000 * 3000) })
	if linear > MaxRatio {
		t.Errorf("linear work: ratio %.1f, want at most %.0f", linear, MaxRatio)
	}
	if quadratic < MaxRatio {
		t.Errorf("quadratic work: ratio %.1f, want more than %.0f", quadratic, MaxRatio)
	}
}
