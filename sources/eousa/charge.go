package eousa

import (
	"strings"
)

// LIONS writes a charge (GS_COUNT.CHARGE, GS_PART_COUNT.CHARGE,
// GS_CASE.LEAD_CHARGE, PENT_PROV) as "TT :SSSSStail": a zero-padded title,
// a space, a colon, a five-character zero-padded section and a free-form
// subsection tail typed as entered ("18 :02252a", "21 :00841a1",
// "08 :01326(a)", "18 :00510(C)"). See NOTES §6 in the shared fixtures.
//
// One case is unconfirmed: 2252A. If the section is a strict five-character
// field it reads "18 :2252Aa2"; if it is zero-padded digits it reads
// "18 :02252Aa2". Both are accepted: a tail that starts with an upper-case
// A directly after one of the sections that have an "A" sibling (2251A,
// 2252A, 2260A, 1028A, 1593A) is read as part of the section when what
// follows is a lower-case subsection letter or nothing. A lower-case "a"
// stays a subsection: "18 :02252a" is 2252(a).

// aSections are the sections with a lettered sibling section.
var aSections = map[string]bool{"2251": true, "2252": true, "2260": true, "1028": true, "1593": true}

// Charge is one parsed LIONS charge string.
type Charge struct {
	Raw     string // as written, trimmed
	Title   string // "18"
	Section string // "2252A"
	Tail    string // subsection tail as written: "a2", "(a)"
}

// ParseCharge splits a LIONS charge string. ok is false for blank,
// withheld ("*") or unreadable values.
func ParseCharge(s string) (c Charge, ok bool) {
	s = strings.TrimSpace(s)
	c.Raw = s
	p, ok := splitCharge(s)
	if !ok {
		return c, false
	}
	c.Title = s[p.title0:p.title1]
	c.Section = s[p.sec0:p.sec1]
	if p.addA {
		c.Section += "A"
	}
	c.Tail = strings.TrimSpace(s[p.tail0:])
	return c, true
}

// chargeParts holds byte offsets into a charge string.
type chargeParts struct {
	title0, title1 int // title without leading zeros
	sec0, sec1     int // section digits (without leading zeros), plus a strict-field letter
	addA           bool
	tail0          int
}

// splitCharge finds the parts of a charge without allocating, so the
// pass-1 filter can run it on every count of a release.
func splitCharge[T string | []byte](s T) (p chargeParts, ok bool) {
	colon := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			colon = i
			break
		}
	}
	if colon <= 0 {
		return p, false
	}
	// title: digits, possibly blank-padded, leading zeros dropped
	t0, t1 := 0, colon
	for t0 < t1 && s[t0] == ' ' {
		t0++
	}
	for t1 > t0 && s[t1-1] == ' ' {
		t1--
	}
	for t0 < t1-1 && s[t0] == '0' {
		t0++
	}
	if t0 == t1 {
		return p, false
	}
	for i := t0; i < t1; i++ {
		if s[i] < '0' || s[i] > '9' {
			return p, false
		}
	}
	if t1-t0 == 1 && s[t0] == '0' {
		return p, false
	}
	r := colon + 1
	for r < len(s) && s[r] == ' ' {
		r++
	}
	i := r
	for i < len(s) && i-r < 5 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == r {
		return p, false
	}
	s0 := r
	for s0 < i && s[s0] == '0' {
		s0++
	}
	if s0 == i {
		return p, false
	}
	s1 := i
	if i-r < 5 && i < len(s) && isUpper(s[i]) {
		s1 = i + 1 // strict five-character field: "2252A"
	} else if i < len(s) && s[i] == 'A' && isASection(s[s0:i]) && (i+1 == len(s) || isLower(s[i+1]) || s[i+1] == '(' || s[i+1] == ' ') {
		p.addA = true
	}
	p.title0, p.title1, p.sec0, p.sec1 = t0, t1, s0, s1
	p.tail0 = s1
	if p.addA {
		p.tail0 = s1 + 1
	}
	return p, true
}

func isASection[T string | []byte](sec T) bool {
	return aSections[string(sec)]
}

// Statute renders the charge in casetrack's form, "18 U.S.C. 2252A(a)(2)".
// An unparenthesised tail is split into subsections following the Code's
// levels: lower-case letter, number, upper-case letter, lower-case roman
// numeral: "a5B" → (a)(5)(B), "a1Aii" → (a)(1)(A)(ii). Letters typed side
// by side at the first level are separate subsections: "ab2" → (a)(b)(2).
// A tail that already has parentheses is kept as written ("(a)").
func (c Charge) Statute() string {
	if c.Title == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(c.Title)
	b.WriteString(" U.S.C. ")
	b.WriteString(c.Section)
	tail := c.Tail
	if strings.ContainsAny(tail, "()") {
		b.WriteString(strings.ReplaceAll(tail, " ", ""))
		return b.String()
	}
	afterUpper := false
	for i := 0; i < len(tail); {
		ch := tail[i]
		j := i + 1
		switch {
		case ch >= '0' && ch <= '9':
			for j < len(tail) && tail[j] >= '0' && tail[j] <= '9' {
				j++
			}
			afterUpper = false
		case isLower(ch) && afterUpper && isRoman(ch):
			for j < len(tail) && isRoman(tail[j]) {
				j++
			}
		case isLower(ch) || isUpper(ch):
			afterUpper = isUpper(ch)
		default:
			i = j // punctuation typed as a separator
			continue
		}
		b.WriteByte('(')
		b.WriteString(tail[i:j])
		b.WriteByte(')')
		i = j
	}
	return b.String()
}

func isRoman(c byte) bool { return c == 'i' || c == 'v' || c == 'x' }

// Base is the title and section alone, "18 U.S.C. 2252A": the unit the
// charge set is written in.
func (c Charge) Base() string {
	if c.Title == "" {
		return ""
	}
	return c.Title + " U.S.C. " + c.Section
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// DefaultChargeSet is the set of statutes (title and section) whose counts
// make a defendant relevant to casetrack: the taxonomy's trafficking and
// child-exploitation statutes (shared/docs/taxonomy.md) plus the contrast
// rows, 8 U.S.C. 1324 (smuggling) and 1326 (illegal reentry).
func DefaultChargeSet() map[string]bool {
	set := map[string]bool{}
	for _, s := range []string{
		// trafficking set
		"1591", "1594", "1589", "1590", "1581", "1584", "1592",
		// child exploitation
		"2251", "2251A", "2252", "2252A", "2260", "2422", "2423", "2425",
		"2241", "2243", "2244",
	} {
		set["18 U.S.C. "+s] = true
	}
	set["8 U.S.C. 1324"] = true
	set["8 U.S.C. 1326"] = true
	return set
}

// DefaultProgramCategories are the program categories that keep a case on
// their own: 080 Project Safe Childhood, 05E slavery/involuntary servitude
// and trafficking in persons.
func DefaultProgramCategories() map[string]bool {
	return map[string]bool{"080": true, "05E": true}
}

// chargeMatcher tests raw charge bytes against a charge set without
// allocating: the key "18 U.S.C. 2252A" is assembled in a stack buffer.
type chargeMatcher struct {
	set map[string]bool
}

// match reports whether the raw charge field names a statute in the set.
func (m chargeMatcher) match(raw []byte) bool {
	p, ok := splitCharge(raw)
	if !ok {
		return false
	}
	var buf [48]byte
	k := append(buf[:0], raw[p.title0:p.title1]...)
	k = append(k, " U.S.C. "...)
	k = append(k, raw[p.sec0:p.sec1]...)
	if p.addA {
		k = append(k, 'A')
	}
	return m.set[string(k)]
}
