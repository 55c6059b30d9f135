package link

import (
	"reflect"
	"testing"
)

func mustName(t *testing.T, s string) personName {
	t.Helper()
	n, ok := parseName(s)
	if !ok {
		t.Fatalf("parseName(%q) failed", s)
	}
	return n
}

func TestParseName(t *testing.T) {
	cases := []struct {
		in     string
		tokens []string
		suffix string
	}{
		{"John A. Smith", []string{"john", "a", "smith"}, ""},
		{"Smith, John A.", []string{"john", "a", "smith"}, ""},
		{"SMITH, JOHN A., JR.", []string{"john", "a", "smith"}, "jr"},
		{"Rickey Lee Miller, Jr.", []string{"rickey", "lee", "miller"}, "jr"},
		{"Pablo Duran Jr.", []string{"pablo", "duran"}, "jr"},
		{"John Smith III", []string{"john", "smith"}, "iii"},
		{"Lizamarie Rivera-García", []string{"lizamarie", "rivera", "garcia"}, ""},
		{"Fredi Agustin-Vasquez y Guardado", []string{"fredi", "agustin", "vasquez", "guardado"}, ""},
		{"Juan De La Cruz", []string{"juan", "cruz"}, ""},
		{"Sean O'Brien", []string{"sean", "obrien"}, ""},
		{`Michael "Mikey" Jones`, []string{"michael", "jones"}, ""},
		{"José Núñez (a/k/a Pepe)", []string{"jose", "nunez"}, ""},
	}
	for _, c := range cases {
		n := mustName(t, c.in)
		if !reflect.DeepEqual(n.tokens, c.tokens) || n.suffix != c.suffix {
			t.Errorf("parseName(%q) = %v %q, want %v %q", c.in, n.tokens, n.suffix, c.tokens, c.suffix)
		}
	}
	for _, bad := range []string{"", "Kane", "Jr.", "  "} {
		if _, ok := parseName(bad); ok {
			t.Errorf("parseName(%q) ok, want too little to link on", bad)
		}
	}
}

func TestCompareNames(t *testing.T) {
	cases := []struct {
		a, b string
		want nameLevel
	}{
		// Word order with a comma, accents, case.
		{"Smith, John", "John Smith", nameExact},
		{"José García", "JOSE GARCIA", nameExact},
		// Suffixes dropped, but Jr. and Sr. are two people.
		{"Jose Rodriguez Jr.", "Jose Rodriguez", nameExact},
		{"John Smith Jr.", "John Smith Sr.", nameNone},
		// Middle names and initials optional; conflicting middles are not.
		{"Carlos Alberto Mendez", "Carlos Mendez", nameCompatible},
		{"Carlos A. Mendez", "Carlos Alberto Mendez", nameCompatible},
		{"John Allen Smith", "John Robert Smith", nameNone},
		// Compound surnames written differently.
		{"Raul Moises Martinez Rivera", "Raul Martinez", nameCompatible},
		{"Raul Moises Martinez Rivera", "Raul Martinez-Rivera", nameCompatible},
		// Given-name initial only.
		{"J. Smith", "John Smith", nameInitial},
		{"J. Smith", "J. Smith", nameInitial},
		// One letter off: fuzzy, never more.
		{"Maria Lopez", "Maria Lopes", nameFuzzy},
		{"Maria Lopez", "Mario Lopez", nameFuzzy},
		// Two differences: two people.
		{"Maria Lopez", "Mario Lopes", nameNone},
		// Different given names.
		{"Richard James Miller", "Rickey Lee Miller", nameNone},
		{"Anthony Jones", "Kristian Jones", nameNone},
		// Sharing only an initial is not enough.
		{"John Q. Adams", "John Q. Smith", nameNone},
	}
	for _, c := range cases {
		a, b := mustName(t, c.a), mustName(t, c.b)
		if got := compareNames(a, b); got != c.want {
			t.Errorf("compareNames(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := compareNames(b, a); got != c.want {
			t.Errorf("compareNames(%q, %q) = %v, want %v (not symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestEditDistance1(t *testing.T) {
	yes := [][2]string{{"lopez", "lopes"}, {"maria", "mario"}, {"smith", "smyth"}, {"garcia", "garica"}, {"martin", "martins"}}
	no := [][2]string{{"lopez", "lopez"}, {"ann", "anne"}, {"lopez", "lopesz2"}, {"maria", "mariana"}, {"jones", "jonas1"}}
	for _, p := range yes {
		if !editDistance1(p[0], p[1]) || !editDistance1(p[1], p[0]) {
			t.Errorf("editDistance1(%q, %q) = false, want true", p[0], p[1])
		}
	}
	for _, p := range no {
		if editDistance1(p[0], p[1]) {
			t.Errorf("editDistance1(%q, %q) = true, want false", p[0], p[1])
		}
	}
}

func TestFamilyKeysMeetAcrossSpellings(t *testing.T) {
	share := func(a, b string) bool {
		ka := map[string]bool{}
		for _, k := range mustName(t, a).familyKeys() {
			ka[k] = true
		}
		for _, k := range mustName(t, b).familyKeys() {
			if ka[k] {
				return true
			}
		}
		return false
	}
	for _, p := range [][2]string{
		{"Smith, John", "John Smith"},
		{"Raul Moises Martinez Rivera", "Raul Martinez"},
		{"Maria Lopez", "Maria Lopes"}, // prefix key: exported for review when keys agree
		{"J. Smith", "John Smith"},
	} {
		if !share(p[0], p[1]) {
			t.Errorf("%q and %q share no block", p[0], p[1])
		}
	}
	if share("John Smith", "Mary Smith") {
		t.Error("John Smith and Mary Smith share a block; the given initial should separate them")
	}
}

func TestNormDocket(t *testing.T) {
	cases := map[string]string{
		"2:17-cr-00378-SPL-1":            "2:17-cr-00378",
		"2:17-CR-378":                    "2:17-cr-00378",
		"5:23-CR-211-XR":                 "5:23-cr-00211",
		"1:17-mj-00110-DJS":              "1:17-mj-00110",
		"Case No. 4:13-cr-03121-RGK-CRZ": "4:13-cr-03121",
		"":                               "",
		"no docket":                      "",
	}
	for in, want := range cases {
		if got, _ := normDocket(in); got != want {
			t.Errorf("normDocket(%q) = %q, want %q", in, got, want)
		}
	}
}
