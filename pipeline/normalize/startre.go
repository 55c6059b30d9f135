package normalize

import (
	"regexp"
	"strings"
)

// startRe is a regular expression run only where a match can start.
//
// Go's regexp has no prefilter for a pattern that opens with an alternation
// or \b: it tries the pattern at every byte of the text, which is where
// most of extraction's time went. A startRe is given the literals every
// match of the pattern begins with; it finds their occurrences with a byte
// table and runs the pattern anchored there. The results are exactly the
// plain regexp's (leftmost-first, same submatches): the anchored run starts
// one byte early, so a \b at the match start sees the real preceding
// character. TestStartReSameAsRegexp checks every startRe against its plain
// pattern over the real corpus.
//
// The literals must cover every match: if a match can begin otherwise, it is
// missed. Keep them lower-case for lower-cased text.
type startRe struct {
	plain    *regexp.Regexp // the pattern as written, for tests and reference
	anchored *regexp.Regexp // ^(?:pattern): a match at the text's start
	shifted  *regexp.Regexp // ^(?s:.)(?:pattern): a match one character in
	lits     keySet
	// wordStart: every alternative begins with \b before a word character,
	// so a candidate after a word character is skipped without a run.
	wordStart bool
}

// newStartRe compiles pattern with the literals its matches begin with.
func newStartRe(pattern string, lits ...string) *startRe {
	r := &startRe{
		plain:    regexp.MustCompile(pattern),
		anchored: regexp.MustCompile(`^(?:` + pattern + `)`),
		shifted:  regexp.MustCompile(`^(?s:.)(?:` + pattern + `)`),
		lits:     newKeySet(lits...),
	}
	return r
}

// wordStarting marks a pattern whose every alternative opens with \b
// followed by a word character (a cheap pre-check, not needed for results).
func (r *startRe) wordStarting() *startRe {
	r.wordStart = true
	return r
}

// next returns the first candidate start at or after from, or -1.
func (r *startRe) next(s string, from int) int {
	for i := from; i < len(s); i++ {
		g := r.lits.idx[s[i]]
		if g == 0 || i+1 < len(s) && !r.lits.hasPair(s[i], s[i+1]) {
			continue
		}
		if r.wordStart && i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for _, l := range r.lits.groups[g-1] {
			if len(s)-i >= len(l) && s[i+1:i+len(l)] == l[1:] {
				return i
			}
		}
	}
	return -1
}

// keySet is a set of literals found in one pass over a text: a table of
// their first bytes, and the literals grouped by first byte.
type keySet struct {
	idx    [256]uint16 // 1 + index into groups; 0: no literal starts with this byte
	groups [][]string
	all    []string
	// pair marks the first two bytes of the literals (a literal of one
	// byte marks every pair it starts)
	pair [1 << 16 / 64]uint64
}

// newKeySet builds the set; literals must not be empty (the literals are
// compile-time constants: an empty one is a programming error).
func newKeySet(lits ...string) keySet {
	var k keySet
	for _, l := range lits {
		if l == "" {
			panic("keySet: empty literal")
		}
		g := k.idx[l[0]]
		if g == 0 {
			k.groups = append(k.groups, nil)
			g = uint16(len(k.groups))
			k.idx[l[0]] = g
		}
		k.groups[g-1] = append(k.groups[g-1], l)
		k.all = append(k.all, l)
		if len(l) == 1 {
			for c := 0; c < 256; c++ {
				k.setPair(l[0], byte(c))
			}
		} else {
			k.setPair(l[0], l[1])
		}
	}
	return k
}

func (k *keySet) setPair(a, b byte) {
	i := int(a)<<8 | int(b)
	k.pair[i>>6] |= 1 << (i & 63)
}

func (k *keySet) hasPair(a, b byte) bool {
	i := int(a)<<8 | int(b)
	return k.pair[i>>6]&(1<<(i&63)) != 0
}

// in reports whether any of the literals occurs in s (strings.Contains for
// each, in one pass).
func (k *keySet) in(s string) bool {
	if len(s) > longText {
		// long texts: the vectorised search of each literal is faster
		for _, l := range k.all {
			if strings.Contains(s, l) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(s); i++ {
		g := k.idx[s[i]]
		if g == 0 || i+1 < len(s) && !k.hasPair(s[i], s[i+1]) {
			continue
		}
		for _, l := range k.groups[g-1] {
			if len(s)-i >= len(l) && s[i+1:i+len(l)] == l[1:] {
				return true
			}
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// at runs the pattern anchored at p; it returns the submatch indices in s
// (nil when no match starts at p).
func (r *startRe) at(s string, p int, sub bool) []int {
	if p == 0 {
		if sub {
			return r.anchored.FindStringSubmatchIndex(s)
		}
		return r.anchored.FindStringIndex(s)
	}
	var m []int
	if sub {
		m = r.shifted.FindStringSubmatchIndex(s[p-1:])
	} else {
		m = r.shifted.FindStringIndex(s[p-1:])
	}
	if m == nil {
		return nil
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += p - 1
		}
	}
	m[0] = p
	return m
}

func (r *startRe) find(s string, from int, sub bool) []int {
	for p := r.next(s, from); p >= 0; p = r.next(s, p+1) {
		if m := r.at(s, p, sub); m != nil {
			return m
		}
	}
	return nil
}

// MatchString reports whether s contains a match.
func (r *startRe) MatchString(s string) bool {
	for p := r.next(s, 0); p >= 0; p = r.next(s, p+1) {
		if p == 0 {
			if r.anchored.MatchString(s) {
				return true
			}
		} else if r.shifted.MatchString(s[p-1:]) {
			return true
		}
	}
	return false
}

// FindStringIndex returns the leftmost match, as regexp does.
func (r *startRe) FindStringIndex(s string) []int { return r.find(s, 0, false) }

// FindString returns the text of the leftmost match ("" when none).
func (r *startRe) FindString(s string) string {
	if m := r.find(s, 0, false); m != nil {
		return s[m[0]:m[1]]
	}
	return ""
}

// FindStringSubmatch returns the leftmost match and its groups, as regexp does.
func (r *startRe) FindStringSubmatch(s string) []string {
	m := r.find(s, 0, true)
	if m == nil {
		return nil
	}
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// FindAllStringIndex returns the successive non-overlapping matches (all
// when n < 0), as regexp does; the literals are never empty, so neither is
// a match.
func (r *startRe) FindAllStringIndex(s string, n int) [][]int { return r.findAll(s, n, false) }

// FindAllStringSubmatchIndex is FindAllStringIndex with groups.
func (r *startRe) FindAllStringSubmatchIndex(s string, n int) [][]int { return r.findAll(s, n, true) }

func (r *startRe) findAll(s string, n int, sub bool) [][]int {
	var out [][]int
	for from := 0; n < 0 || len(out) < n; {
		m := r.find(s, from, sub)
		if m == nil {
			break
		}
		out = append(out, m)
		from = m[1]
		if m[1] == m[0] {
			from++
		}
	}
	return out
}

// upperLits are the starts of a capitalised word (\p{Lu}): an ASCII
// capital, or any non-ASCII lead byte (the pattern itself decides).
var upperLits = func() []string {
	var out []string
	for c := 'A'; c <= 'Z'; c++ {
		out = append(out, string(c))
	}
	for b := 0xC2; b <= 0xF4; b++ {
		out = append(out, string([]byte{byte(b)}))
	}
	return out
}()

// maskSet is a keySet whose literals carry bits: masks returns the union of
// the bits of the literals that occur in a text, in one pass.
type maskSet struct {
	keys keySet
	bits map[string]uint64
	all  uint64
}

func newMaskSet(lits []string, masks []uint64) *maskSet {
	m := &maskSet{keys: newKeySet(lits...), bits: map[string]uint64{}}
	for i, l := range lits {
		m.bits[l] |= masks[i]
		m.all |= masks[i]
	}
	return m
}

func (m *maskSet) masks(s string) uint64 {
	var got uint64
	if len(s) > longText {
		for _, l := range m.keys.all {
			if b := m.bits[l]; got&b != b && strings.Contains(s, l) {
				got |= b
			}
		}
		return got
	}
	k := &m.keys
	for i := 0; i < len(s); i++ {
		g := k.idx[s[i]]
		if g == 0 || i+1 < len(s) && !k.hasPair(s[i], s[i+1]) {
			continue
		}
		for _, l := range k.groups[g-1] {
			if len(s)-i >= len(l) && s[i+1:i+len(l)] == l[1:] {
				got |= m.bits[l]
			}
		}
		if got == m.all {
			break
		}
	}
	return got
}

// longText is the length from which searching each literal with the
// vectorised strings.Contains beats one table-driven pass.
const longText = 400
