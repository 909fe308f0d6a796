package parser

import (
	"reflect"
	"testing"
)

func TestJoinWrapped(t *testing.T) {
	lines := func(texts ...string) []Line {
		var out []Line
		no := 1
		for _, t := range texts {
			if t != "" {
				out = append(out, Line{No: no, Text: t})
			}
			no++
		}
		return out
	}
	tests := []struct {
		name string
		in   []Line
		want []string
	}{
		{"one paragraph a line", lines(
			"IOM is organising a two-day conference in Rwanda to discuss the role IT can play in the transfer of skills.",
			"The meeting, which begins on 31 January in Butare, is part of IOM’s MIDA Great Lakes programme.",
		), []string{
			"IOM is organising a two-day conference in Rwanda to discuss the role IT can play in the transfer of skills.",
			"The meeting, which begins on 31 January in Butare, is part of IOM’s MIDA Great Lakes programme.",
		}},
		{"wrapped with blank lines", lines(
			"Kigali - IOM is organising a two-day conference in Rwanda",
			"to discuss the role information technology can play today.",
			"It will bring together some 65 rectors and deans.",
			"",
			"The meeting, which begins on 31 January in Butare, is part",
			"of the MIDA Great Lakes programme, which seeks to",
			"encourage expatriates to take a more active role.",
		), []string{
			"Kigali - IOM is organising a two-day conference in Rwanda to discuss the role information technology can play today. It will bring together some 65 rectors and deans.",
			"The meeting, which begins on 31 January in Butare, is part of the MIDA Great Lakes programme, which seeks to encourage expatriates to take a more active role.",
		}},
		{"wrapped without blank lines", lines(
			"Kigali - IOM is organising a two-day conference in Rwanda",
			"to discuss the role information technology can play in",
			"the transfer of skills from qualified expatriates.",
			"The meeting, which begins on 31 January in Butare, is part",
			"of the MIDA Great Lakes programme, which seeks to",
			"encourage expatriates to take a more active role.",
			"For further information, please contact:",
			"Jane Roe, Tel: +250 000 000",
		), []string{
			"Kigali - IOM is organising a two-day conference in Rwanda to discuss the role information technology can play in the transfer of skills from qualified expatriates.",
			"The meeting, which begins on 31 January in Butare, is part of the MIDA Great Lakes programme, which seeks to encourage expatriates to take a more active role.",
			"For further information, please contact:",
			"Jane Roe, Tel: +250 000 000",
		}},
		{"a word hyphenated at the wrap", lines(
			"IOM, the leading inter-governmental organization in the inter-",
			"national field, works with partners on migration issues and",
			"with governments across the region on the ground.",
			"Another paragraph follows here, a short one.",
		), []string{
			"IOM, the leading inter-governmental organization in the inter-national field, works with partners on migration issues and with governments across the region on the ground.",
			"Another paragraph follows here, a short one.",
		}},
		{"zero-width lines dropped", []Line{{No: 1, Text: "First paragraph."}, {No: 2, Text: "\u200b"}, {No: 3, Text: "Second paragraph."}},
			[]string{"First paragraph.", "Second paragraph."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := joinWrapped(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("joinWrapped() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
