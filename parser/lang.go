package parser

import (
	"math/bits"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/ascii"
)

// functionWords are frequent words that belong to one of the three
// languages only. Counting them in the title and body decides the language
// of a page's content, which may differ from its menu's (the Development
// Fund serves English content under French and Spanish menus).
var functionWords = map[string]string{
	"the": "en", "and": "en", "of": "en", "to": "en", "is": "en", "for": "en", "with": "en", "which": "en", "this": "en", "that": "en", "from": "en", "will": "en", "have": "en", "has": "en", "are": "en", "was": "en", "its": "en", "their": "en",
	"le": "fr", "les": "fr", "et": "fr", "des": "fr", "du": "fr", "au": "fr", "aux": "fr", "une": "fr", "est": "fr", "dans": "fr", "pour": "fr", "sur": "fr", "qui": "fr", "ce": "fr", "cette": "fr", "sont": "fr", "avec": "fr", "leur": "fr", "il": "fr",
	"el": "es", "los": "es", "las": "es", "y": "es", "del": "es", "una": "es", "es": "es", "para": "es", "con": "es", "por": "es", "su": "es", "sus": "es", "como": "es", "esta": "es", "este": "es", "al": "es", "lo": "es", "entre": "es",
}

// undetermined is the BCP 47 code of a page whose language nothing tells.
const undetermined = "und"

// langVotes counts evidence for each language: labels and value names weigh
// more than function words, and the menu decides only when the content says
// nothing. words counts the words read so far, which are bounded.
type langVotes struct {
	votes [3]int // by index in model.Languages
	words int
}

// maxVoteWords bounds the words read for function words: the first few
// hundred tell the language as well as a whole page does.
const maxVoteWords = 600

func (v *langVotes) add(lang string, weight int) {
	if i := model.LangRank(lang); i < len(v.votes) {
		v.votes[i] += weight
	}
}

// addText counts the function words of a piece of text. A word starts at an
// ASCII letter and runs to the next space, apostrophe, comma or full stop;
// it is a function word only when it is up to eight ASCII letters that
// functionWordTable holds. addText reads every word of a page's first few
// hundred, so it reads eight bytes at a time where it can: it finds the
// word's end among them and packs them into its key at once.
func (v *langVotes) addText(text string) {
	i := 0
	for v.words < maxVoteWords {
		for i < len(text) && !ascii.IsLetter(text[i]) {
			i++
		}
		if i == len(text) {
			return
		}
		v.words++
		var n int // the word's length
		var key uint64
		if i+8 <= len(text) {
			w := load64(text, i)
			if ends := voteWordEnds(w); ends != 0 {
				n = bits.TrailingZeros64(ends) / 8 // at least 1: the word starts with a letter
				key = bits.ReverseBytes64(w|lowerCase) >> (64 - 8*n)
			} else {
				n = voteWordEnd(text, i+8) - i
				key = bits.ReverseBytes64(w | lowerCase)
			}
		} else {
			n = voteWordEnd(text, i) - i
			for k := i; k < i+n; k++ {
				key = key<<8 | uint64(text[k]|0x20)
			}
		}
		// The key of a word packs its bytes, lower-cased by setting bit
		// 0x20, the first in the highest byte. That bit turns a byte that
		// is no ASCII letter into no letter either, so a word of up to
		// eight bytes has a function word's key only when it is that word.
		if n <= 8 {
			if rank, ok := functionWordTable.lookup(key); ok {
				v.votes[rank]++
			}
		}
		i += n
	}
}

// lowerCase sets the bit that lower-cases an ASCII letter in each byte.
const lowerCase = 0x2020202020202020

// voteWordEnd returns the index of the first byte at or after i that ends
// a word for addText, or len(text).
func voteWordEnd(text string, i int) int {
	for i < len(text) && !isVoteWordEnd(text[i]) {
		i++
	}
	return i
}

func isVoteWordEnd(c byte) bool { return c == ' ' || c == '\'' || c == ',' || c == '.' }

// voteWordEnds marks, with its high bit, each byte of w that ends a word
// for addText; above the first such byte, bytes may be marked wrongly, which
// the lowest mark tells nothing of. It is the usual test for a zero byte,
// (x - 0x01…) &^ x & 0x80…, of w with each end byte subtracted by xor.
func voteWordEnds(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(x uint64) uint64 { return (x - ones) &^ x & highs }
	return zero(w^(' '*ones)) | zero(w^('\''*ones)) | zero(w^(','*ones)) | zero(w^('.'*ones))
}

// load64 returns the eight bytes of s from byte i as a little-endian
// integer, the first in the lowest byte; the compiler makes it one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// functionWordTable holds the function words, each packed into an integer
// by wordKey, with their language's index in model.Languages, in an
// open-addressing hash table of fixed size: addText looks up most words of
// a page, and this costs a multiplication and a probe or two where a map
// lookup cost several times that.
var functionWordTable = func() (t wordTable) {
	if 2*len(functionWords) > len(t.keys) {
		panic("parser: too many function words for their table")
	}
	for w, lang := range functionWords {
		k, ok := wordKey(w)
		if !ok || k == 0 {
			panic("parser: function word " + w + " is not a word of up to 8 ASCII letters")
		}
		rank := model.LangRank(lang)
		if rank >= len(langVotes{}.votes) {
			panic("parser: function word " + w + " has no language that votes")
		}
		i := wordSlot(k)
		for t.keys[i] != 0 {
			i = (i + 1) % len(t.keys)
		}
		t.keys[i], t.ranks[i] = k, uint8(rank)
	}
	return t
}()

// wordTable is an open-addressing hash table from word keys to the index
// of their language in model.Languages; a zero key marks an empty slot. It
// is kept at most half full, so that a lookup ends within a few slots.
type wordTable struct {
	keys  [1 << wordTableBits]uint64
	ranks [1 << wordTableBits]uint8
}

const wordTableBits = 8

// wordSlot returns the slot where a key's probe starts: the top bits of the
// key times a large odd constant (Fibonacci hashing).
func wordSlot(k uint64) int { return int((k * 0x9E3779B97F4A7C15) >> (64 - wordTableBits)) }

// lookup returns the language index of the word with key k.
func (t *wordTable) lookup(k uint64) (int, bool) {
	for i := wordSlot(k); k != 0; i = (i + 1) % len(t.keys) {
		switch t.keys[i] {
		case k:
			return int(t.ranks[i]), true
		case 0:
			return 0, false
		}
	}
	return 0, false // the empty word
}

// wordKey packs a word of up to eight ASCII letters, lower-cased, into an
// integer, one byte per letter; ok is false for any other word, which is no
// function word.
func wordKey(w string) (key uint64, ok bool) {
	if len(w) > 8 {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			return 0, false // a bracket, a digit, an accent: no function word
		}
		key = key<<8 | uint64(c)
	}
	return key, true
}

// functionWordLang returns the language of w when it is a function word in
// any case.
func functionWordLang(w string) (string, bool) {
	k, ok := wordKey(w)
	if !ok {
		return "", false
	}
	rank, ok := functionWordTable.lookup(k)
	if !ok {
		return "", false
	}
	return model.Languages[rank], true
}

// decide returns the language with the most evidence, or the menu's
// language when there is none, or "und"; ties go to the menu's language, then to the
// order of model.Languages.
func (v *langVotes) decide(menuLang string) string {
	best, bestVotes := "", 0
	for i, lang := range model.Languages {
		n := v.votes[i]
		if n > bestVotes || (n == bestVotes && n > 0 && lang == menuLang) {
			best, bestVotes = lang, n
		}
	}
	if best == "" && menuLang != "" {
		return menuLang
	}
	if best == "" {
		return undetermined
	}
	return best
}
