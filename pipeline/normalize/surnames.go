package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bare surnames. A release names a defendant in full once and then by
// surname ("Cochran pleaded guilty"); link resolves such a surname to the
// defendant named earlier. When no earlier name fits (a co-defendant named
// only by surname, or a sentence read alone), the surname itself is the
// defendant, but only where it stands as the subject or object of the stage
// verb: right before it ("Akhimie pleaded guilty", "Flores was arrested"),
// opening the clause whose verb it is ("Chavez was found ... and arrested"),
// or right after an active stage verb ("police arrested Tao for ...",
// "the jury convicted Panzera of ...", "arrested Holloway, Lamar, and
// Murphy"). A capitalised word elsewhere may be a place, a company or a
// sentence-initial common word, so it is left alone.

// auxiliaries may stand between a subject and its stage verb.
var surnameAux = map[string]bool{"was": true, "has": true, "had": true, "have": true, "been": true, "is": true,
	"also": true, "later": true, "then": true, "subsequently": true, "ultimately": true, "eventually": true,
	"previously": true, "quickly": true, "safely": true, "successfully": true, "formally": true, "officially": true,
	"finally": true, "initially": true, "both": true, "each": true, "were": true}

// leadIn words open an adverbial lead-in ending in a comma, after which
// the clause's subject stands: "On June 17, Akhimie pleaded guilty".
var leadIn = map[string]bool{"on": true, "in": true, "subsequently": true, "later": true, "after": true, "then": true,
	"ultimately": true, "additionally": true, "previously": true, "following": true, "during": true, "eventually": true,
	"finally": true, "meanwhile": true, "earlier": true, "also": true, "that": true, "today": true, "yesterday": true}

// subjectBoundary words may precede a subject surname in mid-clause.
var subjectBoundary = map[string]bool{"while": true, "and": true, "when": true, "after": true, "but": true}

// objectFollow are the words that may follow an object surname ("arrested
// Tao for ...", "convicted Said of ..."); any other lower-case word makes
// the capitalised word an adjective ("arrested Cuban nationals").
var objectFollow = map[string]bool{"on": true, "in": true, "for": true, "with": true, "at": true, "after": true,
	"of": true, "to": true, "during": true, "without": true, "and": true, "but": true, "who": true, "from": true,
	"near": true, "as": true, "before": true, "following": true, "when": true, "while": true, "because": true,
	"under": true, "inside": true, "outside": true, "last": true, "earlier": true, "this": true, "today": true,
	"yesterday": true, "shortly": true, "upon": true}

// monthOrDay: a capitalised date word may follow an object surname.
var monthOrDay = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`jan jan. january feb feb. february mar mar. march apr apr. april may jun jun. june
		jul jul. july aug aug. august sep sep. sept sept. september oct oct. october nov nov. november dec dec. december
		monday tuesday wednesday thursday friday saturday sunday`) {
		monthOrDay[w] = true
	}
}

// notSurname are capitalised words that open clauses or follow verbs but
// name no one (nameStop holds the rest).
var notSurname = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`deputies troopers authorities prosecutors jurors jury witnesses everyone nobody
		someone anyone bail sentencing trial evidence police investigators agents officers he she they it who which
		that there here this these those what when where while then however subsequently later ultimately additionally
		meanwhile further furthermore also previously officials members suspects defendants individuals people
		immigration homeland customs border ice hsi ero fbi dea atf usms cbp uscis dhs doj court courts congress`) {
		notSurname[w] = true
	}
}

// wordSpan is one word of a clause: byte offsets in the sentence text.
type wordSpan struct{ a, b int }

// clauseWords splits text[start:end] at spaces; punctuation stays on words.
func clauseWords(text string, start, end int, dst []wordSpan) []wordSpan {
	dst = dst[:0]
	i := start
	for i < end {
		for i < end && text[i] == ' ' {
			i++
		}
		j := i
		for j < end && text[j] != ' ' {
			j++
		}
		if j > i {
			dst = append(dst, wordSpan{i, j})
		}
		i = j
	}
	return dst
}

// surnameWord returns w trimmed of trailing punctuation when it looks like
// one capitalised surname ("Navarro-Jaimes", "Tao"), else "".
func surnameWord(w string) string {
	w = strings.TrimRight(w, ".,;:)")
	if strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’") {
		return ""
	}
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || len(w) < 3 {
		return ""
	}
	lower := 0
	for _, c := range w[size:] {
		switch {
		case unicode.IsLower(c):
			lower++
		case c == '-' || c == '\'' || c == '’' || unicode.IsUpper(c):
		default:
			return ""
		}
	}
	if lower == 0 {
		return "" // an acronym: ICE, HSI
	}
	k := strings.ToLower(w)
	if _, num := numWords[k]; num || nameStop[k] || notSurname[k] || monthOrDay[k] || titleWords[k] {
		return ""
	}
	return w
}

// bareSurnames returns the sentence offsets of single-word surnames that
// are the subject or object of one of the clause's stage verbs.
func bareSurnames(s sentence, c *clause, buf *[]wordSpan) [][2]int {
	if len(c.hits) == 0 || !hasUpper(s.masked[c.start:c.end]) {
		return nil
	}
	ws := clauseWords(s.masked, c.start, c.end, *buf)
	*buf = ws
	// index of the word where each hit starts
	var out [][2]int
	add := func(i int) {
		w := s.masked[ws[i].a:ws[i].b]
		sw := surnameWord(w)
		if sw == "" {
			return
		}
		a := ws[i].a
		if i > 0 && titleWords[strings.ToLower(strings.TrimRight(s.masked[ws[i-1].a:ws[i-1].b], ".,"))] {
			return
		}
		for _, o := range out {
			if o[0] == a {
				return
			}
		}
		out = append(out, [2]int{a, a + len(sw)})
	}
	lowWord := func(i int) string {
		return strings.TrimRight(s.low[ws[i].a:ws[i].b], ".,;:")
	}
	// the subject opening the clause (after a lead-in ending in a comma:
	// "On June 17, Akhimie pleaded guilty")
	first := 0
	if leadIn[lowWord(0)] {
		for i := 0; i < len(ws) && i < 8; i++ {
			if strings.HasSuffix(s.masked[ws[i].a:ws[i].b], ",") {
				first = i + 1
				break
			}
		}
	}
	for _, f := range []int{0, first} {
		if f+1 >= len(ws) || s.masked[ws[f].b-1] == ',' {
			continue
		}
		next := lowWord(f + 1)
		coDef := next == "and" && f+3 < len(ws) && (lowWord(f+2) == "his" || lowWord(f+2) == "her") && strings.HasPrefix(lowWord(f+3), "co-defendant")
		if coDef || next == "was" || next == "has" || next == "had" || next == "pleaded" || next == "pled" || next == "also" || next == "later" || next == "subsequently" {
			// the clause must report a stage after the subject
			for _, h := range c.hits {
				if c.start+h.pos > ws[f].b {
					add(f)
					break
				}
			}
		}
	}
	for _, h := range c.hits {
		hs, he := c.start+h.pos, c.start+h.end
		// subject right before the verb, auxiliaries skipped
		i := -1
		for k := range ws {
			if ws[k].a >= hs {
				i = k
				break
			}
		}
		if i > 0 {
			j := i - 1
			aux, plural := false, false
			for j >= 0 && surnameAux[lowWord(j)] {
				switch lowWord(j) {
				case "was", "has", "had", "been", "is":
					aux = true
				case "were", "have":
					plural = true // one surname is no plural subject: "Others were arrested"
				}
				j--
			}
			if plural {
				aux = false
			}
			if j >= 0 && j < i && !strings.HasSuffix(s.masked[ws[j].a:ws[j].b], ",") {
				passive := h.typ == Convicted && h.plea == "plea" || aux
				if passive && (j == 0 || subjectBoundary[strings.ToLower(s.masked[ws[j-1].a:ws[j-1].b])] || leadComma(s.masked, ws, j-1)) {
					add(j)
				}
			}
		}
		// object right after an active verb: "arrested Tao for", "arrested
		// Holloway, Lamar, and Murphy"
		verb := s.low[hs:he]
		switch verb {
		case "arrested", "apprehended", "convicted", "charged", "sentenced", "indicted", "captured":
		default:
			continue
		}
		k := -1
		for x := range ws {
			if ws[x].a >= he {
				k = x
				break
			}
		}
		if k < 0 || ws[k].a != he+1 {
			continue
		}
		var list []int
		for k < len(ws) {
			w := s.masked[ws[k].a:ws[k].b]
			if surnameWord(w) == "" {
				break
			}
			list = append(list, k)
			if !strings.HasSuffix(w, ",") {
				k++
				break
			}
			k++
			if k < len(ws) && lowWord(k) == "and" {
				k++
			}
		}
		if len(list) == 0 {
			continue
		}
		last := s.masked[ws[list[len(list)-1]].a:ws[list[len(list)-1]].b]
		ok := strings.HasSuffix(last, ".") || strings.HasSuffix(last, ",") || strings.HasSuffix(last, ";") || k >= len(ws)
		if !ok && k < len(ws) {
			nw := s.masked[ws[k].a:ws[k].b]
			lw := strings.TrimRight(strings.ToLower(nw), ".,;:")
			r, _ := utf8.DecodeRuneInString(nw)
			ok = objectFollow[lw] && unicode.IsLower(r) || monthOrDay[lw]
		}
		if ok {
			for _, x := range list {
				add(x)
			}
		}
	}
	return out
}

// leadComma reports that word i ends a lead-in with a comma ("On June 17,",
// "Subsequently,", "According to court documents,"), not a place ("of Les
// Irois, Haiti was convicted"): a capitalised word before the comma must
// open the clause.
func leadComma(text string, ws []wordSpan, i int) bool {
	w := text[ws[i].a:ws[i].b]
	if !strings.HasSuffix(w, ",") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return i == 0 || !unicode.IsUpper(r)
}
