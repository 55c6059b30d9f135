package link

import (
	"strings"
	"unicode"
)

// personName is a defendant's name reduced to what linking compares:
// folded lowercase tokens, given name first, with generational suffixes,
// surname particles and punctuation removed.
type personName struct {
	tokens []string // tokens[0] is the given name; the rest are middle and family names
	suffix string   // "jr", "sr", "ii", "iii", "iv" when written; kept apart so Jr. and Sr. never merge
}

// suffixes are generational suffixes. "v" is left out on purpose: a trailing
// single "V" is far more often a middle initial than "the fifth".
var suffixes = map[string]string{
	"jr": "jr", "jnr": "jr", "junior": "jr",
	"sr": "sr", "snr": "sr", "senior": "sr",
	"ii": "ii", "2nd": "ii", "iii": "iii", "3rd": "iii", "iv": "iv", "4th": "iv",
}

// particles join compound surnames ("de la Cruz", "Agustin-Vasquez y
// Guardado"). They carry no identity and are often dropped by one publisher
// and kept by another, so they are removed before comparison.
var particles = map[string]bool{
	"de": true, "del": true, "la": true, "las": true, "los": true, "y": true, "e": true,
	"da": true, "das": true, "do": true, "dos": true, "di": true, "du": true,
	"van": true, "von": true, "der": true, "den": true, "le": true,
}

// foldTable maps accented Latin letters (already lowercased) to ASCII so
// "García" and "Garcia" compare equal. It covers Latin-1 and Latin
// Extended-A, which is what US press releases print.
var foldTable = func() map[rune]string {
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ďđð", "e": "èéêëēĕėęě",
		"g": "ĝğġģ", "h": "ĥħ", "i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ",
		"l": "ĺļľŀł", "n": "ñńņňŉ", "o": "òóôõöøōŏő", "r": "ŕŗř",
		"s": "śŝşš", "t": "ţťŧ", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ",
		"z": "źżž", "ss": "ß", "ae": "æ", "oe": "œ", "th": "þ",
	}
	m := make(map[rune]string)
	for ascii, accented := range groups {
		for _, r := range accented {
			m[r] = ascii
		}
	}
	return m
}()

// fold lowercases s and strips accents from Latin letters.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if r < 128 {
			b.WriteRune(r)
			continue
		}
		if a, ok := foldTable[r]; ok {
			b.WriteString(a)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// rawTokens splits a folded name into words: hyphens and whitespace
// separate words, periods and apostrophes are dropped ("O'Brien" → obrien,
// "J." → j), and quoted or bracketed nicknames are skipped.
func rawTokens(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0     // inside ( ) or [ ]
	quote := false // inside "…"
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			flush()
			depth++
		case r == ')' || r == ']':
			flush()
			if depth > 0 {
				depth--
			}
		case r == '"' || r == '“' || r == '”':
			flush()
			quote = !quote
		case depth > 0 || quote:
			// nickname or note: skipped
		case r == '.' || r == '\'' || r == '’':
			// "J." → "j", "O'Brien" → "obrien"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		default: // space, hyphen, slash, anything else separates words
			flush()
		}
	}
	flush()
	return out
}

// parseName reads a defendant's name as a release or docket prints it:
// "John A. Smith Jr.", "SMITH, JOHN A.", "Raul Moises Martinez-Rivera".
// It returns ok=false when fewer than two name words remain, which is too
// little to link on.
func parseName(s string) (personName, bool) {
	f := fold(strings.TrimSpace(s))
	if f == "" {
		return personName{}, false
	}
	// "Last, First Middle" → "First Middle Last", unless what follows the
	// comma is only a suffix ("Rickey Lee Miller, Jr.").
	if i := strings.IndexByte(f, ','); i >= 0 {
		left, right := f[:i], f[i+1:]
		rt := rawTokens(right)
		onlySuffix := len(rt) > 0
		for _, t := range rt {
			if _, ok := suffixes[t]; !ok {
				onlySuffix = false
			}
		}
		if !onlySuffix && len(rt) > 0 && len(rawTokens(left)) > 0 {
			f = right + " " + left
		} else {
			f = left + " " + right
		}
	}
	var n personName
	toks := rawTokens(f)
	kept := toks[:0]
	for i, t := range toks {
		if suf, ok := suffixes[t]; ok && i > 0 {
			n.suffix = suf
			continue
		}
		kept = append(kept, t)
	}
	// Drop particles, but never the given name and never so many that fewer
	// than two words remain.
	words := make([]string, 0, len(kept))
	for i, t := range kept {
		if i > 0 && particles[t] && len(kept) > 2 {
			continue
		}
		words = append(words, t)
	}
	if len(words) < 2 {
		return personName{}, false
	}
	n.tokens = words
	return n, true
}

// familyKeys are the blocking keys of a name: each full (non-initial) word
// after the given name, paired with the given name's initial, plus a
// four-letter prefix of each so spelling variants of a surname ("Lopez",
// "Lopes") meet in one block and can be reviewed. Middle names are
// included because a publisher may drop the last of two surnames
// ("Martinez Rivera" → "Martinez").
func (n personName) familyKeys() []string {
	init := n.tokens[0][:1]
	keys := make([]string, 0, 2*(len(n.tokens)-1))
	for _, t := range n.tokens[1:] {
		if len(t) < 2 {
			continue
		}
		keys = append(keys, "w:"+init+":"+t)
		if len(t) > 4 {
			keys = append(keys, "p:"+init+":"+t[:4])
		}
	}
	return keys
}

// Name agreement levels, weakest first.
type nameLevel int

const (
	nameNone       nameLevel = iota // different people, or too little to say
	nameFuzzy                       // one word differs by one letter: never merged without review or a docket
	nameInitial                     // a given name matches only by its initial ("J. Smith")
	nameCompatible                  // same given name; middle names or initials missing on one side
	nameExact                       // identical words
)

func (l nameLevel) String() string {
	switch l {
	case nameFuzzy:
		return "name_fuzzy"
	case nameInitial:
		return "name_initial"
	case nameCompatible:
		return "name_compatible"
	case nameExact:
		return "name_exact"
	}
	return "name_none"
}

// tokenMatch reports whether two name words agree: equal, or one is the
// initial of the other.
func tokenMatch(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) == 1 && len(b) > 1 {
		return b[0] == a[0]
	}
	if len(b) == 1 && len(a) > 1 {
		return a[0] == b[0]
	}
	return false
}

// editDistance1 reports whether a and b differ by exactly one substitution,
// insertion, deletion or adjacent swap. Only words of four letters or more
// qualify: on short words one letter is a different name.
func editDistance1(a, b string) bool {
	if a == b || len(a) < 4 || len(b) < 4 {
		return false
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swap
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// subsequence reports whether every word of short appears, in order, in
// long (equal or as an initial), with at most `fuzzy` words allowed to
// differ by one letter, and at least one full word matching exactly. It
// returns how many fuzzy matches it spent.
func subsequence(short, long []string, fuzzy int) (ok bool, spent int) {
	j := 0
	exactFull := false
	for _, s := range short {
		found := false
		for j < len(long) {
			l := long[j]
			j++
			if tokenMatch(s, l) {
				if s == l && len(s) > 1 {
					exactFull = true
				}
				found = true
				break
			}
			if spent < fuzzy && editDistance1(s, l) {
				spent++
				found = true
				break
			}
		}
		if !found {
			return false, spent
		}
	}
	return exactFull || spent > 0 && len(short) > 0, spent
}

// compareNames says how well two parsed names agree.
//
// The given name must agree (equal, or an initial of the other); the words
// after it must line up in order, the shorter list inside the longer one,
// with middle names and initials optional. "Smith, John" and "John Smith"
// are equal after parsing. One word may differ by a single letter, which
// only ever yields nameFuzzy. Different given names ("Maria" / "Mario"),
// conflicting middle names, or Jr. against Sr. give nameNone.
func compareNames(a, b personName) nameLevel {
	if a.suffix != "" && b.suffix != "" && a.suffix != b.suffix {
		return nameNone // father and son
	}
	ga, gb := a.tokens[0], b.tokens[0]
	givenInitial := false
	givenFuzzy := false
	switch {
	case ga == gb:
	case tokenMatch(ga, gb):
		givenInitial = true
	case editDistance1(ga, gb):
		givenFuzzy = true
	default:
		return nameNone
	}
	if len(ga) == 1 || len(gb) == 1 {
		givenInitial = true // "J. Smith" and "J. Smith" may still be James and John
	}
	fa, fb := a.tokens[1:], b.tokens[1:]
	short, long := fa, fb
	if len(fb) < len(fa) {
		short, long = fb, fa
	}
	budget := 1
	if givenFuzzy {
		budget = 0 // one misspelt word is the most we tolerate
	}
	ok, spent := subsequence(short, long, budget)
	if !ok {
		return nameNone
	}
	if givenFuzzy || spent > 0 {
		return nameFuzzy
	}
	if givenInitial {
		return nameInitial
	}
	if len(fa) == len(fb) {
		same := true
		for i := range fa {
			if fa[i] != fb[i] {
				same = false
				break
			}
		}
		if same {
			return nameExact
		}
	}
	return nameCompatible
}
