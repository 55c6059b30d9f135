package normalize

import (
	"strings"
	"unicode/utf8"
)

// maxSentence bounds a sentence: text with no sentence end for longer is
// read in pieces of at most this many bytes, cut at a space. Reading a
// sentence costs more than its length (every stage phrase in it is read
// against the whole of it), so an unbounded one made a body with no
// punctuation take hours. The longest sentence of the 1,124 real releases
// of TestGoldenExtraction is 1,289 bytes.
const maxSentence = 2048

// sentenceCut returns where to end a piece of text[a:limit]: after its last
// space, else at the last character boundary before limit.
func sentenceCut(text string, a, limit int) int {
	if i := strings.LastIndexByte(text[a+1:limit], ' '); i >= 0 {
		return a + 1 + i + 1
	}
	for limit > a+1 && !utf8.RuneStart(text[limit]) {
		limit--
	}
	return limit
}

// stopped reports whether the extraction's context is done; the long loops
// ask it once per sentence or clause.
func (d *doc) stopped() bool { return d.ctx.Err() != nil }

// Lookups over the whole release, answered once per release (or once per
// word) instead of once per sentence, clause or name: asked that often
// over the body, they made extraction take time in the square of the body
// (TestExtractionLinearInBody).

// sentenceClauses returns where each sentence's clauses are in d.clauses:
// sentence si has d.clauses[b[si]:b[si+1]] (read appends them in sentence
// order).
func (d *doc) sentenceClauses() []int {
	b := make([]int, len(d.sents)+1)
	for _, c := range d.clauses {
		b[c.sent+1]++
	}
	for i := 1; i < len(b); i++ {
		b[i] += b[i-1]
	}
	return b
}

// bodyFact is f(), a fact about the whole body, remembered under key.
func (d *doc) bodyFact(key string, f func() bool) bool {
	if v, ok := d.facts[key]; ok {
		return v
	}
	if d.facts == nil {
		d.facts = map[string]bool{}
	}
	v := f()
	d.facts[key] = v
	return v
}

// bodyHasWord is hasWord(d.rec.Body, w), remembered per word.
func (d *doc) bodyHasWord(w string) bool {
	if has, ok := d.bodyWords[w]; ok {
		return has
	}
	if d.bodyWords == nil {
		d.bodyWords = map[string]bool{}
	}
	has := hasWord(d.rec.Body, w)
	d.bodyWords[w] = has
	return has
}

// wordBefore is hasWord(d.lowBody[:at], w): w occurs as a whole word in the
// body before byte at. The end of the first whole-word occurrence in the
// body is remembered per word; an occurrence that ends exactly at at (a
// whole word in the prefix, though the body goes on) is checked directly.
func (d *doc) wordBefore(w string, at int) bool {
	end, ok := d.firstWordEnd[w]
	if !ok {
		end = -1
		for from := 0; ; {
			i := strings.Index(d.lowBody[from:], w)
			if i < 0 {
				break
			}
			i += from
			j := i + len(w)
			if (i == 0 || !isAlnum(d.lowBody[i-1])) && (j == len(d.lowBody) || !isAlnum(d.lowBody[j])) {
				end = j
				break
			}
			from = i + 1
		}
		if d.firstWordEnd == nil {
			d.firstWordEnd = map[string]int{}
		}
		d.firstWordEnd[w] = end
	}
	if end >= 0 && end < at {
		return true
	}
	i := at - len(w)
	return i >= 0 && d.lowBody[i:at] == w && (i == 0 || !isAlnum(d.lowBody[i-1]))
}

// sameNameCandidates calls f with the index in d.defs of every defendant
// whose name can be key's (sameName), and maybe some others, indexing the
// defendants appended since the last call. findMention scanned every defendant
// for every name mention, which grew with the square of the defendants a
// body names. Two names are the same only when one's words (two at least)
// are all in the other, so they share a pair of distinct words: defendants
// are indexed by each pair of their names' words; the rare name with fewer
// than two distinct words is checked against every defendant.
func (d *doc) sameNameCandidates(key []string, f func(i int)) {
	if d.defPairs == nil {
		d.defPairs = map[[2]string][]int{}
	}
	for ; d.defsIndexed < len(d.defs); d.defsIndexed++ {
		d.indexDef(d.defsIndexed)
	}
	words := distinctWords(key)
	if len(words) < 2 {
		for i := range d.defs {
			f(i)
		}
		return
	}
	forPairs(words, func(p [2]string) {
		for _, i := range d.defPairs[p] {
			f(i)
		}
	})
	for _, i := range d.defFew {
		f(i)
	}
}

// reindexDef indexes again a defendant whose name grew (its key only ever
// gains words: the longer name is the same person).
func (d *doc) reindexDef(df *defendant) {
	for i := 0; i < d.defsIndexed; i++ {
		if d.defs[i] == df {
			d.indexDef(i)
			return
		}
	}
}

func (d *doc) indexDef(i int) {
	words := distinctWords(d.defs[i].key)
	if len(words) < 2 {
		d.defFew = append(d.defFew, i)
		return
	}
	forPairs(words, func(p [2]string) {
		if list := d.defPairs[p]; len(list) == 0 || list[len(list)-1] != i {
			d.defPairs[p] = append(list, i)
		}
	})
}

// forPairs calls f with every pair of words, each pair in sorted order.
func forPairs(words []string, f func([2]string)) {
	for a := range words {
		for b := a + 1; b < len(words); b++ {
			p := [2]string{words[a], words[b]}
			if p[1] < p[0] {
				p[0], p[1] = p[1], p[0]
			}
			f(p)
		}
	}
}

func distinctWords(key []string) []string {
	return appendUnique(make([]string, 0, len(key)), key...)
}
