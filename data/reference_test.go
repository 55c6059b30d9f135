package data

import (
	"regexp"
	"strings"
	"testing"
)

var statuteForm = regexp.MustCompile(`^(8|18) U\.S\.C\. \d+[A-Z]?(\([a-z0-9]+\))*$`)

func TestStatuteRules(t *testing.T) {
	rules, err := StatuteRules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 40 {
		t.Fatalf("only %d statute rules", len(rules))
	}
	seen := map[string]bool{}
	lastCond := map[string]string{}
	for _, r := range rules {
		if !statuteForm.MatchString(r.Statute) {
			t.Errorf("statute %q is not in the normalised form", r.Statute)
		}
		key := r.Statute + "|" + r.Condition
		if seen[key] {
			t.Errorf("duplicate rule %s", key)
		}
		seen[key] = true
		lastCond[r.Statute] = r.Condition
	}
	// Every statute needs an unconditional fallback as its last rule, or a
	// citation whose wording says nothing would fall through to "other".
	for st, c := range lastCond {
		if c != "" {
			t.Errorf("statute %s has no unconditional last rule", st)
		}
	}
	// The statutes taxonomy.md names must all be present.
	for _, st := range []string{
		"8 U.S.C. 1324", "8 U.S.C. 1325", "8 U.S.C. 1326", "18 U.S.C. 1591", "18 U.S.C. 1594(a)",
		"18 U.S.C. 1594(c)", "18 U.S.C. 1589", "18 U.S.C. 1590", "18 U.S.C. 1581", "18 U.S.C. 1584",
		"18 U.S.C. 1592", "18 U.S.C. 2251(a)", "18 U.S.C. 2251(b)", "18 U.S.C. 2251(c)", "18 U.S.C. 2251A",
		"18 U.S.C. 2260(a)", "18 U.S.C. 2251(d)", "18 U.S.C. 2252(a)(1)", "18 U.S.C. 2252(a)(2)",
		"18 U.S.C. 2252(a)(3)", "18 U.S.C. 2252A(a)(1)", "18 U.S.C. 2252A(a)(2)", "18 U.S.C. 2252A(a)(3)",
		"18 U.S.C. 2252A(a)(4)", "18 U.S.C. 2252(a)(4)", "18 U.S.C. 2252A(a)(5)", "18 U.S.C. 2422(b)",
		"18 U.S.C. 2425", "18 U.S.C. 2423(a)", "18 U.S.C. 2423(b)", "18 U.S.C. 2423(c)", "18 U.S.C. 2423(d)",
		"18 U.S.C. 2241(c)", "18 U.S.C. 2243", "18 U.S.C. 2244", "18 U.S.C. 2252A(g)", "18 U.S.C. 2250",
		"18 U.S.C. 1962", "18 U.S.C. 1952", "18 U.S.C. 2421",
	} {
		if _, ok := lastCond[st]; !ok {
			t.Errorf("taxonomy statute %s missing from statutes.csv", st)
		}
	}
}

// aliasKey folds an alias the way release text is folded before matching:
// case, possessive 's, punctuation and "&"/"and" do not distinguish aliases.
func aliasKey(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.ReplaceAll(s, "'s", "")
	s = strings.ReplaceAll(s, "&", " and ")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == '\'':
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestAgencyAliases(t *testing.T) {
	as, err := AgencyAliases()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	codes := map[string]bool{}
	for _, a := range as {
		k := aliasKey(a.Alias)
		if prev, ok := seen[k]; ok {
			t.Errorf("alias %q duplicates %q", a.Alias, prev)
		}
		seen[k] = a.Alias
		codes[a.Agency] = true
	}
	for _, c := range AgencyCodes {
		if !codes[c] {
			t.Errorf("agency code %s has no alias", c)
		}
	}
	// Spot checks of the crediting rules the taxonomy states.
	want := map[string]string{
		"Homeland Security Investigations": "HSI", "ICE's HSI": "HSI", "Border Patrol": "CBP",
		"Sheriff's Office": "STATE_LOCAL", "Internet Crimes Against Children": "ICAC",
		"NCMEC": NotCredited, "U.S. Attorney's Office": NotCredited, "National Police": NotCredited,
		"Enforcement and Removal Operations": "ICE_ERO", "U.S. Marshals Service": "USMS",
	}
	for alias, code := range want {
		got := ""
		for _, a := range as {
			if aliasKey(a.Alias) == aliasKey(alias) {
				got = a.Agency
			}
		}
		if got != code {
			t.Errorf("alias %q = %q, want %q", alias, got, code)
		}
	}
}
