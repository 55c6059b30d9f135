package normalize

import (
	"regexp"
	"strings"

	"casetrack/data"
)

// Statute citations as releases and dockets print them. Each pattern yields
// the title, the first section and what follows it; continuations ("and
// 2252A(a)(5)", ", (b)(1)") are read by parseContinuations.
var (
	reUSC = newStartRe(`\b(\d{1,2})\s*U\.?\s?S\.?\s?C(?:\.|ode)?(?:\s*A\.?)?,?\s*(?:§{1,2}|[Ss]ections?|[Ss]ecs?\.)?\s*(\d{2,5}[A-Za-z]?)((?:\s?\([0-9A-Za-z]{1,4}\))*)`,
		"0", "1", "2", "3", "4", "5", "6", "7", "8", "9").wordStarting()
	reTitle = newStartRe(`(?i)\bTitle\s+(\d{1,2}),?\s+(?:of\s+the\s+)?United\s+States\s+Code,?\s+(?:§{1,2}|Sections?|Secs?\.)\s*(\d{2,5}[A-Za-z]?)((?:\s?\([0-9A-Za-z]{1,4}\))*)`,
		"t", "T").wordStarting()
	reDocketStat = newStartRe(`\b(8|18|21|26|31|42):(\d{3,5}[A-Za-z]?)((?:\([0-9A-Za-z]{1,4}\))*)`,
		"8:", "18:", "21:", "26:", "31:", "42:").wordStarting()
	reContinue = regexp.MustCompile(`^\s*(?:,\s*(?:and|or)?|and|or|&)\s*(?:§{1,2}\s*|[Ss]ections?\s+)?(?:(\d{3,5}[A-Za-z]?)((?:\s?\([0-9A-Za-z]{1,4}\))*)|((?:\([0-9A-Za-z]{1,4}\))+))`)
	reSubsec   = regexp.MustCompile(`\(([0-9A-Za-z]{1,4})\)`)
)

// ParseStatutes returns the U.S. Code citations in text, normalised as
// "18 U.S.C. 2252A(a)(2)" (title, "U.S.C.", section with subsections, no §),
// in order of appearance and without duplicates. It reads the forms seen in
// releases and dockets: "18 U.S.C. § 2252A(a)(2)", "18 USC 2422(b)",
// "Title 18, United States Code, Section 1591", "18 U.S.C. §§ 2251(a) and
// (e)", "18 U.S.C. 2252A(a)(2) and 2252A(a)(5)", and "18:2252(a)(4)(B)".
// A bare number is never a statute: HSI's tip line 866-347-2423 is not
// 18 U.S.C. 2423.
func ParseStatutes(text string) []string {
	if !strings.Contains(text, "U") && !strings.Contains(text, "u") && !strings.Contains(text, ":") {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(title, sec, subs string) {
		s := title + " U.S.C. " + normSection(sec) + normSubs(subs)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	type hit struct {
		pos              int
		title, sec, subs string
		end              int
	}
	var hits []hit
	for _, re := range []*startRe{reUSC, reTitle, reDocketStat} {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			hits = append(hits, hit{pos: m[0], title: text[m[2]:m[3]], sec: text[m[4]:m[5]], subs: text[m[6]:m[7]], end: m[1]})
		}
	}
	// document order
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].pos < hits[j-1].pos; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	for _, h := range hits {
		add(h.title, h.sec, h.subs)
		sec := h.sec
		rest := text[h.end:]
		for {
			m := reContinue.FindStringSubmatchIndex(rest)
			if m == nil {
				break
			}
			if m[2] >= 0 {
				sec = rest[m[2]:m[3]]
				add(h.title, sec, rest[m[4]:m[5]])
			} else {
				add(h.title, sec, rest[m[6]:m[7]])
			}
			rest = rest[m[1]:]
		}
	}
	return out
}

func normSection(s string) string {
	if n := len(s); n > 0 && s[n-1] >= 'a' && s[n-1] <= 'z' {
		return s[:n-1] + strings.ToUpper(s[n-1:])
	}
	return s
}

func normSubs(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, m := range reSubsec.FindAllStringSubmatch(s, -1) {
		b.WriteString("(" + m[1] + ")")
	}
	return b.String()
}

// statuteTable answers StatuteCategories from data/statutes.csv.
type statuteTable struct {
	byStatute map[string][]data.StatuteRule // rules per statute, file order
}

func newStatuteTable() (*statuteTable, error) {
	rules, err := data.StatuteRules()
	if err != nil {
		return nil, err
	}
	t := &statuteTable{byStatute: map[string][]data.StatuteRule{}}
	for _, r := range rules {
		t.byStatute[r.Statute] = append(t.byStatute[r.Statute], r)
	}
	return t, nil
}

var (
	reCondMinor   = regexp.MustCompile(`(?i)\b(?:minors?|child|children|juveniles?|teens?|teenagers?|girls?|boys?|under (?:the age of )?1[0-8]|1[0-7]-year-olds?|(?:[1-9]|1[0-7]) years? old)\b`)
	reCondForce   = regexp.MustCompile(`(?i)\b(?:force|fraud|coercion|adults?|women)\b`)
	reCondPossess = regexp.MustCompile(`(?i)\bpossess`)
	reCondTravel  = regexp.MustCompile(`(?i)\btravel`)
)

func condHolds(cond, context string) bool {
	switch cond {
	case "":
		return true
	case "minor":
		return reCondMinor.MatchString(context)
	case "force":
		return reCondForce.MatchString(context)
	case "possess":
		return reCondPossess.MatchString(context)
	case "travel":
		return reCondTravel.MatchString(context)
	}
	return false
}

// categories maps one normalised statute: the longest listed prefix decides;
// among its rules every conditional rule whose wording holds contributes,
// and the unconditional rule applies when none does.
func (t *statuteTable) categories(statute, context string) []string {
	key := statute
	for {
		if rules, ok := t.byStatute[key]; ok {
			var out []string
			fallback := ""
			for _, r := range rules {
				if r.Condition == "" {
					if fallback == "" {
						fallback = r.Category
					}
					continue
				}
				if condHolds(r.Condition, context) {
					out = appendUnique(out, r.Category)
				}
			}
			if len(out) == 0 && fallback != "" {
				out = []string{fallback}
			}
			return out
		}
		// drop the last subsection: "2252A(a)(5)" → "2252A(a)" → "2252A"
		i := strings.LastIndexByte(key, '(')
		if i < 0 || !strings.HasSuffix(key, ")") {
			break
		}
		key = key[:i]
	}
	return []string{"other"}
}

func appendUnique(list []string, s ...string) []string {
	for _, x := range s {
		found := false
		for _, y := range list {
			if y == x {
				found = true
				break
			}
		}
		if !found {
			list = append(list, x)
		}
	}
	return list
}
