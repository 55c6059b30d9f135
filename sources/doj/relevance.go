package doj

import (
	"fmt"
	"regexp"
	"strings"

	"casetrack/sources"
)

// Rules say which releases belong to casetrack's charge set (see
// ../shared/docs/taxonomy.md). A release is kept when ANY rule matches; the
// first match, in the order topics, components, statutes, phrases, becomes
// Record.Kept. Over-inclusion is cheap (pipeline/normalize decides what a
// release proves and finds no event in an unrelated one); a miss is not.
type Rules struct {
	// Topics match DOJ topic names, case-insensitive substring:
	// "Human Trafficking" keeps a release tagged "Human Trafficking".
	Topics []string
	// Components match DOJ component names the same way:
	// "Child Exploitation" keeps releases co-issued by CEOS.
	Components []string
	// Statutes are sections in casetrack's normalised form
	// ("18 U.S.C. 2252A", "8 U.S.C. 1324"); a release citing that section
	// in its title or body in any common spelling ("18 U.S.C. § 2252A(a)(2)",
	// "Title 18, United States Code, Section 2252A", "18 USC 2252A") is kept.
	// The section must match exactly: "2252" does not keep "2252A".
	Statutes []string
	// Phrases are case-insensitive regular expressions (RE2) over the title
	// and body text.
	Phrases []string
}

// DefaultRules returns the rules for the taxonomy's charge categories
// except `other`: sex trafficking, forced labor, child sexual abuse material,
// enticement, transportation and travel of minors, child sexual abuse,
// alien smuggling and immigration violations.
func DefaultRules() Rules {
	return Rules{
		Topics: []string{
			"Human Trafficking", "Project Safe Childhood", "Child Exploitation",
			"Child Pornography", "Sex Trafficking", "Human Smuggling", "Immigration",
		},
		Components: []string{
			"Child Exploitation", "Human Trafficking",
		},
		Statutes: []string{
			"18 U.S.C. 1581", "18 U.S.C. 1584", "18 U.S.C. 1589", "18 U.S.C. 1590",
			"18 U.S.C. 1591", "18 U.S.C. 1592", "18 U.S.C. 1594",
			"18 U.S.C. 2241", "18 U.S.C. 2243", "18 U.S.C. 2244",
			"18 U.S.C. 2251", "18 U.S.C. 2251A", "18 U.S.C. 2252", "18 U.S.C. 2252A", "18 U.S.C. 2260",
			"18 U.S.C. 2422", "18 U.S.C. 2423", "18 U.S.C. 2425",
			"8 U.S.C. 1324", "8 U.S.C. 1325", "8 U.S.C. 1326",
		},
		Phrases: []string{
			`child pornography`,
			`child sexual abuse material`,
			`\bCSAM\b`,
			`sex(?:ual)? trafficking`,
			`human trafficking`,
			`forced labou?r`,
			`involuntary servitude`,
			`\bpeonage\b`,
			`child exploitation`,
			`sexual(?:ly)? exploit\w*(?: of)?(?: a| an)? (?:minors?|child|children)`,
			`enticement of (?:a )?minor`,
			`(?:coerc|entic)\w* (?:a )?minors?\b`,
			`illicit sexual conduct`,
			`transportation of (?:a )?minors?`,
			`sexual (?:abuse|assault) of (?:a )?(?:minors?|child|children)`,
			`Project Safe Childhood`,
			`alien smuggling`,
			`smuggl\w+ (?:of )?(?:\w+ ){0,3}aliens?\b`,
			`harbou?r\w* (?:\w+ ){0,3}aliens?\b`,
			`transport\w* (?:\w+ ){0,3}(?:illegal|undocumented) aliens?\b`,
			`illegal(?:ly)? re-?entry`,
			`re-?entry (?:of |by )?(?:an? )?(?:previously )?(?:removed|deported) alien`,
		},
	}
}

// Relevance is a compiled Rules. Build it with NewRelevance; it is
// immutable and safe for concurrent use.
type Relevance struct {
	topics, components []string // lowercased
	statutes           map[string]bool
	phrases            []*regexp.Regexp
}

// NewRelevance compiles r. A zero Rules compiles DefaultRules().
func NewRelevance(r Rules) (*Relevance, error) {
	if len(r.Topics)+len(r.Components)+len(r.Statutes)+len(r.Phrases) == 0 {
		r = DefaultRules()
	}
	rel := &Relevance{statutes: map[string]bool{}}
	for _, t := range r.Topics {
		rel.topics = append(rel.topics, strings.ToLower(strings.TrimSpace(t)))
	}
	for _, c := range r.Components {
		rel.components = append(rel.components, strings.ToLower(strings.TrimSpace(c)))
	}
	for _, s := range r.Statutes {
		k, ok := statuteKey(s)
		if !ok {
			return nil, fmt.Errorf("relevance statute %q: want the form \"18 U.S.C. 2252A\"", s)
		}
		rel.statutes[k] = true
	}
	for _, p := range r.Phrases {
		re, err := regexp.Compile(`(?i)` + p)
		if err != nil {
			return nil, fmt.Errorf("relevance phrase %q: %w", p, err)
		}
		rel.phrases = append(rel.phrases, re)
	}
	return rel, nil
}

var defaultRelevance = func() *Relevance {
	rel, err := NewRelevance(DefaultRules())
	if err != nil { // the defaults are constants; a failure is a programming error caught by tests
		return &Relevance{statutes: map[string]bool{}}
	}
	return rel
}()

// Relevant applies DefaultRules to rec. See (*Relevance).Relevant.
func Relevant(rec sources.Record) (reason string, ok bool) {
	return defaultRelevance.Relevant(rec)
}

// Relevant reports whether rec belongs to the charge set and why, as
// "topic: <name>", "component: <name>", "statute: <18 U.S.C. 2252A>" or
// "wording: <matched text>".
func (rel *Relevance) Relevant(rec sources.Record) (reason string, ok bool) {
	for _, t := range rec.Topics {
		lt := strings.ToLower(t)
		for _, want := range rel.topics {
			if want != "" && strings.Contains(lt, want) {
				return "topic: " + t, true
			}
		}
	}
	for _, c := range rec.Components {
		lc := strings.ToLower(c)
		for _, want := range rel.components {
			if want != "" && strings.Contains(lc, want) {
				return "component: " + c, true
			}
		}
	}
	text := rec.Title + "\n" + rec.Body
	if len(rel.statutes) > 0 {
		for _, cite := range citations(text) {
			if rel.statutes[cite] {
				return "statute: " + cite, true
			}
		}
	}
	for _, re := range rel.phrases {
		if m := re.FindString(text); m != "" {
			return "wording: " + clipWords(m, 80), true
		}
	}
	return "", false
}

var (
	// "18 U.S.C. § 2252A(a)(2)", "18 USC 2422(b)", "18 U.S.C. Sections 1591 and 1594"
	uscCite = regexp.MustCompile(`(?i)\b(18|8)\s*U\.?\s?S\.?\s?C\.?\s*(?:§§?|sections?|secs?\.?)?\s*(\d{3,4}[A-Z]?)\b`)
	// "Title 18, United States Code, Section 1591"
	titleCite = regexp.MustCompile(`(?i)\btitle\s+(18|8),?\s+(?:of\s+the\s+)?united\s+states\s+code,?\s+(?:§§?|sections?)\s*(\d{3,4}[A-Z]?)\b`)
	// "18 U.S.C. 2252A" in a Rules entry
	ruleCite = regexp.MustCompile(`^(\d{1,2})\s*U\.?\s?S\.?\s?C\.?\s*§?\s*(\d{3,4}[A-Za-z]?)$`)
)

// citations returns the sections cited in text as "18 U.S.C. 2252A", in
// order of appearance (titleCite matches after uscCite matches).
func citations(text string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{uscCite, titleCite} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			out = append(out, m[1]+" U.S.C. "+strings.ToUpper(m[2]))
		}
	}
	return out
}

func statuteKey(s string) (string, bool) {
	m := ruleCite.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	return m[1] + " U.S.C. " + strings.ToUpper(m[2]), true
}

func clipWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n]
	}
	return s
}
