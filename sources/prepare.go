package sources

import (
	"strings"
	"unicode/utf8"
)

// DefaultMaxBody is the body cap when none is configured: a few times the
// longest real release (about 100 KB), small enough that extracting one
// document takes a fraction of a second.
const DefaultMaxBody = 4 << 20

// Prepare makes a parsed record fit to extract and store, before either:
// text that is not valid UTF-8 is repaired (each invalid byte becomes
// U+FFFD; DuckDB cannot store it), and a body longer than maxBody bytes
// (maxBody <= 0: no cap) is cut at a line, word or character boundary
// before the cap, the original length kept in BodyBytes. It reports whether
// it repaired text and whether it cut the body. Callers warn about both.
func (r *Record) Prepare(maxBody int) (repaired, cut bool) {
	for _, f := range []*string{&r.Source, &r.Key, &r.URL, &r.Publisher, &r.Title, &r.Body, &r.District, &r.Kept, &r.RawSHA256} {
		repaired = validUTF8(f) || repaired
	}
	for _, list := range [][]string{r.Topics, r.Components} {
		for i := range list {
			repaired = validUTF8(&list[i]) || repaired
		}
	}
	if maxBody > 0 && len(r.Body) > maxBody {
		if r.BodyBytes == 0 {
			r.BodyBytes = len(r.Body)
		}
		r.Body = r.Body[:cutPoint(r.Body, maxBody)]
		cut = true
	}
	return repaired, cut
}

// validUTF8 replaces the invalid bytes of *s and reports whether there were any.
func validUTF8(s *string) bool {
	if utf8.ValidString(*s) {
		return false
	}
	*s = strings.ToValidUTF8(*s, "\uFFFD")
	return true
}

// cutPoint is where to cut s to at most limit bytes: after the last line
// break in the final 64 KB before limit, else after the last space there,
// else at the last character boundary.
func cutPoint(s string, limit int) int {
	base := max(0, limit-64<<10)
	window := s[base:limit]
	if i := strings.LastIndexByte(window, '\n'); i >= 0 {
		return base + i + 1
	}
	if i := strings.LastIndexByte(window, ' '); i >= 0 {
		return base + i + 1
	}
	n := limit
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// FirstInvalidUTF8 returns the offset of the first byte of b that is not
// valid UTF-8, or -1.
func FirstInvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
