package normalize

import (
	"strings"
	"unicode/utf8"
)

// sentence is one sentence of a record body, located by byte offsets.
//
// masked is the sentence with quoted speech blanked out (same length, so
// offsets agree), and low is masked with ASCII letters lower-cased (again the
// same length). Rules read low: what a speaker says inside quotation marks
// is neither news nor an agency credit; who said it (outside the marks) is.
type sentence struct {
	idx        int
	start, end int // body[start:end] is the sentence text
	text       string
	masked     string
	low        string
	para       int
}

// abbreviations that end with a period but do not end a sentence.
var abbrevs = map[string]bool{
	"U.S": true, "Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true, "Mr": true, "Ms": true, "Mrs": true,
	"Dr": true, "Jr": true, "Sr": true, "St": true, "Ft": true, "Mt": true, "No": true, "Nos": true, "Inc": true,
	"Co": true, "Corp": true, "Ltd": true, "Gen": true, "Brig": true, "Maj": true, "Lt": true, "Sgt": true, "Capt": true, "Col": true,
	"Rev": true, "vs": true, "v": true, "Ala": true, "Ariz": true, "Ark": true, "Calif": true, "Cal": true,
	"Colo": true, "Conn": true, "Del": true, "Fla": true, "Ga": true, "Ill": true, "Ind": true, "Kan": true,
	"Ky": true, "La": true, "Md": true, "Mass": true, "Mich": true, "Minn": true, "Miss": true, "Mo": true,
	"Mont": true, "Neb": true, "Nev": true, "Okla": true, "Ore": true, "Pa": true, "Tenn": true, "Tex": true,
	"Va": true, "Vt": true, "Wash": true, "Wis": true, "Wyo": true, "N.M": true, "N.Y": true, "N.J": true,
	"N.C": true, "S.C": true, "N.D": true, "S.D": true, "D.C": true, "W.Va": true, "P.R": true, "a.m": true,
	"p.m": true, "U.S.C": true, "Sec": true, "Gov": true, "Sen": true, "Rep": true, "Supt": true, "Det": true,
	"Ofc": true, "Dist": true, "Cir": true, "Ct": true, "Cty": true, "Twp": true, "N.H": true, "R.I": true,
	"approx": true, "e.g": true, "i.e": true, "etc": true, "a.k.a": true, "aka": true, "f.k.a": true, "S.A": true, "N.V": true, "L.L.C": true, "L.P": true,
}

// words that, after an abbreviation such as "U.S.", show a new sentence began.
var sentenceStarters = map[string]bool{
	"He": true, "She": true, "They": true, "The": true, "On": true, "In": true, "At": true, "A": true, "An": true,
	"His": true, "Her": true, "Their": true, "It": true, "This": true, "That": true, "According": true,
	"After": true, "Before": true, "During": true, "Members": true, "If": true, "Upon": true, "Officers": true,
}

// splitSentences splits body into sentences with byte offsets. Paragraphs
// (separated by "\n") never share a sentence. Quoted speech is masked per
// paragraph: a quotation opened and never closed runs to the paragraph end,
// which is how releases print multi-paragraph quotes.
func splitSentences(body string) []sentence {
	var out []sentence
	para := 0
	pos := 0
	for pos <= len(body) {
		nl := strings.IndexByte(body[pos:], '\n')
		pend := len(body)
		if nl >= 0 {
			pend = pos + nl
		}
		if pend > pos {
			masked := maskQuotes(body[pos:pend])
			out = appendParagraph(out, body, pos, pend, masked, para)
			para++
		}
		if nl < 0 {
			break
		}
		pos = pend + 1
	}
	for i := range out {
		out[i].idx = i
	}
	return out
}

func appendParagraph(out []sentence, body string, pstart, pend int, masked string, para int) []sentence {
	text := body[pstart:pend]
	start := 0
	var add func(a, b int)
	emit := func(a, b int) {
		for b-a > maxSentence {
			cut := sentenceCut(text, a, a+maxSentence)
			add(a, cut)
			a = cut
		}
		add(a, b)
	}
	add = func(a, b int) {
		// trim spaces
		for a < b && isSpace(text[a]) {
			a++
		}
		for b > a && isSpace(text[b-1]) {
			b--
		}
		if b-a < 2 {
			return
		}
		m := masked[a:b]
		out = append(out, sentence{
			start: pstart + a, end: pstart + b, text: text[a:b], masked: m, low: lowerASCII(m), para: para,
		})
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		// a boundary needs end punctuation, optional closing quotes, then space
		j := i + 1
		for j < len(text) {
			if text[j] == '"' || text[j] == '\'' || text[j] == ')' {
				j++
				continue
			}
			if strings.HasPrefix(text[j:], "”") || strings.HasPrefix(text[j:], "’") {
				j += len("”")
				continue
			}
			break
		}
		if j >= len(text) || !isSpace(text[j]) {
			continue
		}
		k := j
		for k < len(text) && isSpace(text[k]) {
			k++
		}
		if k >= len(text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[k:])
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '"' || r == '“' || r == '‘' || r == '(' || r == '\'') {
			continue
		}
		if c == '.' {
			w := wordBefore(text, i)
			if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
				continue // an initial: "Michael K. Judy"
			}
			if abbrevs[w] {
				nw := wordAfter(text, k)
				if !sentenceStarters[nw] {
					continue
				}
			}
		}
		emit(start, j)
		start = k
		i = k - 1
	}
	emit(start, len(text))
	return out
}

func wordBefore(s string, i int) string {
	j := i
	for j > 0 {
		c := s[j-1]
		if c == ' ' || c == '\t' || c == '(' || c == ',' || c == '"' {
			break
		}
		j--
	}
	return s[j:i]
}

func wordAfter(s string, k int) string {
	j := k
	for j < len(s) && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z') {
		j++
	}
	return s[k:j]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' }

// maskQuotes blanks the inside of quotations in one paragraph, keeping the
// byte length. Curly quotes open and close; a straight double quote toggles.
func maskQuotes(p string) string {
	if !strings.ContainsAny(p, "\"“”") {
		return p
	}
	b := []byte(p)
	in := false
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == '“':
			in = true
		case r == '”':
			in = false
		case r == '"':
			in = !in
		default:
			if in {
				for k := 0; k < size; k++ {
					b[i+k] = ' '
				}
			}
		}
		i += size
	}
	return string(b)
}

// lowerASCII lower-cases ASCII letters only, so byte offsets are kept.
func lowerASCII(s string) string {
	has := false
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			has = true
			break
		}
	}
	if !has {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// token is one word of a sentence, folded for dictionary matching.
type token struct {
	norm       string
	start, end int // byte offsets in the sentence
}

// tokenize folds text for alias matching: lower case, periods dropped
// ("U.S." → "us"), possessive 's and trailing apostrophes dropped
// ("Sheriff's" → "sheriff"), "&" read as "and", hyphens split words.
func tokenize(s string, dst []token) []token {
	dst = dst[:0]
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			if r == '&' {
				dst = append(dst, token{norm: "and", start: i, end: i + size})
			}
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) && r2 != '.' && r2 != '\'' && r2 != '’' {
				break
			}
			j += sz
		}
		dst = append(dst, token{norm: foldToken(s[i:j]), start: i, end: j})
		i = j
	}
	// drop tokens that folded to nothing
	k := 0
	for _, t := range dst {
		if t.norm != "" {
			dst[k] = t
			k++
		}
	}
	return dst[:k]
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0xC0 && r != '’' && r != '“' && r != '”' && r != '–' && r != '—' && r != '‘'
}

func foldToken(w string) string {
	plain, upper := true, false
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c == '.' || c == '\'' || c >= 0x80:
			plain = false
		case c >= 'A' && c <= 'Z':
			upper = true
		}
	}
	if plain {
		// no periods, apostrophes or non-ASCII: only the case to fold
		if upper {
			return strings.ToLower(w)
		}
		return w
	}
	w = strings.ReplaceAll(w, "’", "'")
	w = strings.TrimRight(w, ".'")
	if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S") {
		w = w[:len(w)-2]
	}
	w = strings.TrimRight(w, ".'")
	if strings.ContainsAny(w, ".'") {
		w = dropPunct.Replace(w)
	}
	return strings.ToLower(w)
}

var dropPunct = strings.NewReplacer(".", "", "'", "")
