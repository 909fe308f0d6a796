package parquet

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"reflect"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// amountPrecision is the precision of the budget.amount column: 38 digits,
// the widest DECIMAL that DuckDB, Spark and Arrow's decimal128 (pandas)
// all read as a decimal, and the most that fits the column's 16-byte
// FIXED_LEN_BYTE_ARRAY. Fixing it keeps the column's type the same from
// one file to the next; only the scale depends on the amounts.
const amountPrecision = 38

// defaultAmountScale is the scale of a file with no amount to decide on:
// the two decimals of the "Budget Amount (USD)" the IOM pages write.
const defaultAmountScale = 2

// amountShape returns the digits an amount needs before and after the
// decimal point in a DECIMAL: "300000.00" needs 6 and 2, "0.5" 0 and 1,
// "-103058" 6 and 0. d must be a valid model.Decimal (no exponent, no
// leading zeros), which model.Record.AppendJSON checks.
func amountShape(d model.Decimal) (intDigits, scale int) {
	s := strings.TrimPrefix(string(d), "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "0" {
		whole = "" // a DECIMAL(p, p) holds 0.5: the zero is no digit
	}
	return len(whole), len(frac)
}

// amountStats counts the amounts written by their shape, to choose the
// column's scale once they are all known. The counts are capped, so the
// table's size does not depend on the amounts: a shape past the cap never
// fits a DECIMAL(38, s) anyway.
type amountStats struct {
	counts [amountPrecision + 2][amountPrecision + 2]int64 // [integer digits][scale]
	total  int64
}

func (st *amountStats) add(d model.Decimal) {
	i, s := amountShape(d)
	st.counts[min(i, amountPrecision+1)][min(s, amountPrecision+1)]++
	st.total++
}

// scale returns the scale of the budget.amount column: the one at which
// the most amounts fit DECIMAL(38, scale) exactly, and the smallest of
// those, so that amounts all written with two decimals get DECIMAL(38, 2)
// and DuckDB shows 300000.00, and an amount written with none (103058,
// from another site) shows as 103058.00 beside them, its digits kept. An
// amount that fits no scale the others allow (more than 38 digits, or a
// scale no other amount needs that would push theirs out) is written as a
// null amount; budget.amount_text keeps its digits in every case.
func (st *amountStats) scale() int {
	if st.total == 0 {
		return defaultAmountScale
	}
	best, bestFit := 0, int64(-1)
	for scale := 0; scale <= amountPrecision; scale++ {
		var fit int64
		for i := 0; i+scale <= amountPrecision; i++ {
			for s := 0; s <= scale; s++ {
				fit += st.counts[i][s]
			}
		}
		if fit > bestFit {
			best, bestFit = scale, fit
		}
	}
	return best
}

// amountTag is the struct tag that gives budget.amount its scale (see
// budgetRow.Amount).
func amountTag(scale int) reflect.StructTag {
	return reflect.StructTag(fmt.Sprintf(`parquet:"amount,optional,decimal(%d:%d)"`, scale, amountPrecision))
}

// encodeAmount returns d as the unscaled value of a DECIMAL(38, scale): a
// 16-byte big-endian two's complement integer, as the Parquet format
// stores a DECIMAL in a FIXED_LEN_BYTE_ARRAY. It reports false when d has
// more decimals than scale or more digits than the precision allows: no
// digit is ever rounded away. The arithmetic is on two uint64 words, as
// 38 digits fit 127 bits, so that no big.Int is made for each record.
func encodeAmount(d model.Decimal, scale int) ([16]byte, bool) {
	var out [16]byte
	intDigits, s := amountShape(d)
	if s > scale || intDigits+scale > amountPrecision {
		return out, false
	}
	text := string(d)
	neg := strings.HasPrefix(text, "-")
	var hi, lo uint64
	digit := func(c byte) {
		h, l := bits.Mul64(lo, 10)
		hi = hi*10 + h
		var carry uint64
		lo, carry = bits.Add64(l, uint64(c-'0'), 0)
		hi += carry
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= '0' && c <= '9' {
			digit(c)
		}
	}
	for ; s < scale; s++ {
		digit('0')
	}
	if neg {
		var borrow uint64
		lo, borrow = bits.Sub64(0, lo, 0)
		hi, _ = bits.Sub64(0, hi, borrow)
	}
	binary.BigEndian.PutUint64(out[:8], hi)
	binary.BigEndian.PutUint64(out[8:], lo)
	return out, true
}
