package pacer

import (
	"regexp"
	"strconv"
	"strings"
)

// Statute citations as docket forms print them. Each regexp captures
// title, section number, section letters and the subsection chain.
var (
	// "18:2252(a)(4)(B)", "18:2252A.F", "8:1326(a)", "18:513A.F"; the AO
	// offense-code suffix (".F" felony, ".M" misdemeanour, ".P" petty) is
	// captured separately.
	reColonCite = regexp.MustCompile(`(?:^|[^\d:/])(\d{1,2})\s?:\s?([1-9]\d{0,4})([A-Za-z]{0,2})((?:\s?\([A-Za-z0-9]{1,5}\))*)(\.[A-Z]{1,2}\b)?`)
	// "18 U.S.C. § 2252A(a)(2)", "18 USC 2422(b)", "18 U.S.C.A. 1591".
	reUSCCite = regexp.MustCompile(`(?i)\b(\d{1,2})\s*U\.?\s?S\.?\s?C\.?(?:A\.?)?\s*(?:§+\s*|sec(?:tion|\.)?\s*)?([1-9]\d{0,4})([A-Za-z]{0,2})((?:\s?\([A-Za-z0-9]{1,5}\))*)`)
	// "Title 18, United States Code, Section 1591(a)".
	reTitleCite = regexp.MustCompile(`(?i)\btitle\s+(\d{1,2}),?\s+united\s+states\s+code,?\s+sections?\s+([1-9]\d{0,4})([A-Za-z]{0,2})((?:\s?\([A-Za-z0-9]{1,5}\))*)`)
	reSubSpace  = regexp.MustCompile(`\s+`)
)

// letteredSections are real sections whose number ends in a letter. An AO
// code such as "18:2252A.F" means section 2252A; "18:513A.F" or "18:922G.F"
// means subsection (a) / (g) of 513 / 922, because there is no 513A or 922G.
var letteredSections = map[string]bool{
	"18:1028A": true, "18:2252A": true, "18:2251A": true, "18:2260A": true,
	"18:2339A": true, "18:2339B": true, "18:2339C": true, "18:2339D": true,
	"18:1030A": true, "18:229A": true, "18:175B": true, "18:2332A": true,
	"18:2332B": true, "18:2332F": true, "18:2332G": true, "18:2332H": true,
	"18:1466A": true, "18:1992A": true,
}

// NormalizeStatutes returns every statute cited in a count or complaint
// text, normalised to "18 U.S.C. 2252(a)(4)(B)" (title, "U.S.C.", section
// with its subsections, no "§"), in order of appearance without repeats.
// It accepts the docket forms ("18:2252(a)(4)(B)", "18:2252A.F",
// "8:1326(a)"), "18 U.S.C. § 2252A(a)(2)", "18 USC 2422(b)" and "Title 18,
// United States Code, Section 1591". Text without a citation gives nil.
func NormalizeStatutes(text string) []string {
	type hit struct {
		pos int
		s   string
	}
	var hits []hit
	add := func(re *regexp.Regexp, colon bool) {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			g := func(i int) string {
				if m[2*i] < 0 {
					return ""
				}
				return text[m[2*i]:m[2*i+1]]
			}
			ao := ""
			if colon {
				ao = g(5)
			}
			if s := formatCite(g(1), g(2), g(3), g(4), ao); s != "" {
				hits = append(hits, hit{m[2], s})
			}
		}
	}
	add(reColonCite, true)
	add(reUSCCite, false)
	add(reTitleCite, false)
	if len(hits) == 0 {
		return nil
	}
	// Order of appearance (the three forms were collected separately).
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].pos < hits[j-1].pos; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	out := make([]string, 0, len(hits))
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.s] {
			seen[h.s] = true
			out = append(out, h.s)
		}
	}
	return preferFull(out)
}

// preferFull drops an AO-coded citation ("18 U.S.C. 513(a)" from
// "18:513A.F") when the same text also gives a longer citation of the same
// section that starts the same way ("18:513(a) and 2"), keeping the first
// position. It keeps everything else.
func preferFull(cites []string) []string {
	if len(cites) < 2 {
		return cites
	}
	out := cites[:0:0]
	for i, c := range cites {
		dup := false
		for j, d := range cites {
			if i != j && len(d) > len(c) && strings.HasPrefix(d, c) && d[len(c)] == '(' {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

// NormalizeStatute returns the first statute in text (see NormalizeStatutes),
// or "" when there is none.
func NormalizeStatute(text string) string {
	if s := NormalizeStatutes(text); len(s) > 0 {
		return s[0]
	}
	return ""
}

func formatCite(title, section, letters, subs, ao string) string {
	t, err := strconv.Atoi(title)
	if err != nil || t < 1 || t > 54 {
		return ""
	}
	// Dockets now and then print title 18 for the title-8 immigration
	// sections (cand_3: "18:1326 Illegal Reentry"); title 18 has no
	// sections between 1308 and 1340, so the title is certainly 8.
	if n, _ := strconv.Atoi(section); t == 18 && n >= 1321 && n <= 1330 {
		t = 8
	}
	title = strconv.Itoa(t)
	subs = reSubSpace.ReplaceAllString(subs, "")
	if letters != "" {
		up := strings.ToUpper(letters)
		key := title + ":" + section + up
		switch {
		case letteredSections[key]:
			letters = up
		case ao != "" && subs == "":
			// AO offense code: trailing letters are subsections.
			var b strings.Builder
			for _, r := range strings.ToLower(letters) {
				b.WriteString("(" + string(r) + ")")
			}
			subs = b.String()
			letters = ""
		default:
			// A letter that is neither a known section nor an AO code:
			// keep it as printed ("2252A(a)(2)", "8 U.S.C. 1324a").
		}
	}
	return title + " U.S.C. " + section + letters + subs
}
