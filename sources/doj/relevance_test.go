package doj

import (
	"strings"
	"testing"

	"casetrack/sources"
)

func TestRelevanceOn2020Page(t *testing.T) {
	src, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := src.Parse(fixtureDoc(t, "api_v1_press_releases_pagesize100_page0_c2020.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := byKey(recs)
	for key, prefix := range map[string]string{
		"3db05e91-0f54-4d64-8a0f-e91288dd8977": "wording: child pornography", // child exploitation enterprise
		"8c73df2e-2564-4a8a-9329-aed9b24741f9": "wording: smuggl",            // smuggling East Africans
		"8a0f7395-f556-45bf-8890-eeea2d0cbae0": "wording: sexual assault of a minor",
	} {
		r, ok := m[key]
		if !ok {
			t.Errorf("%s not kept", key)
			continue
		}
		if !strings.HasPrefix(r.Kept, prefix) {
			t.Errorf("%s kept for %q, want prefix %q", key, r.Kept, prefix)
		}
	}
	for _, key := range []string{
		"9d306755-cb13-4a2b-ad62-efb903f910c9", // Tyson Foods OSHA plea
		"2eaaa9c9-fc3f-4daa-b249-fd3325a92378", // Eli Lilly off-label settlement
		"10903296-4092-4161-8b4f-1e8fde300e14", // judge charged with sexual abuse of adults
	} {
		if _, ok := m[key]; ok {
			t.Errorf("%s kept for %q; it is outside the charge set", key, m[key].Kept)
		}
	}
	// A 2009-14 Main Justice page is mostly civil and white-collar news.
	if len(recs) < 3 || len(recs) > 10 {
		t.Errorf("kept %d of 100; expected a handful", len(recs))
	}

	all, err := New(Config{KeepAll: true})
	if err != nil {
		t.Fatal(err)
	}
	every, err := all.Parse(fixtureDoc(t, "api_v1_press_releases_pagesize100_page0_c2020.json"))
	if err != nil || len(every) != 100 || every[0].Kept != "all" {
		t.Errorf("KeepAll: %d records, kept %q, err %v", len(every), every[0].Kept, err)
	}
}

func TestRelevanceRules(t *testing.T) {
	rec := func(title, body string, topics, comps []string) sources.Record {
		return sources.Record{Title: title, Body: body, Topics: topics, Components: comps}
	}
	cases := []struct {
		rec  sources.Record
		want string // "" = not relevant
	}{
		{rec("x", "", []string{"Firearms Offenses", "Human Trafficking"}, nil), "topic: Human Trafficking"},
		{rec("x", "", []string{"project safe childhood"}, nil), "topic: project safe childhood"},
		{rec("x", "", nil, []string{"Criminal Division", "Child Exploitation and Obscenity Section"}), "component: Child Exploitation and Obscenity Section"},
		{rec("Man sentenced", "He pleaded guilty to violating 18 U.S.C. § 2252A(a)(2).", nil, nil), "statute: 18 U.S.C. 2252A"},
		{rec("Man sentenced", "a violation of Title 18, United States Code, Section 1591", nil, nil), "statute: 18 U.S.C. 1591"},
		{rec("Man sentenced", "charged under 8 USC 1326(a)", nil, nil), "statute: 8 U.S.C. 1326"},
		{rec("Man sentenced", "violating 18 U.S.C. 2251(a) and (e)", nil, nil), "statute: 18 U.S.C. 2251"},
		{rec("Man sentenced", "violating 18 U.S.C. § 922(g)", nil, nil), ""},
		{rec("Man sentenced", "a violation of 21 U.S.C. 841 and 18 U.S.C. 924(c)", nil, nil), ""},
		{rec("Man Sentenced for Sex Trafficking of a Minor", "", nil, nil), "wording: Sex Trafficking"},
		{rec("x", "attempted online enticement of a minor", nil, nil), "wording: enticement of a minor"},
		{rec("x", "Mexican national pleads guilty to illegal reentry", nil, nil), "wording: illegal reentry"},
		{rec("x", "transporting illegal aliens within the United States", nil, nil), "wording: transporting illegal aliens"},
		{rec("Tax preparer sentenced", "filed false returns", []string{"Tax"}, []string{"Tax Division"}), ""},
	}
	for _, c := range cases {
		got, ok := Relevant(c.rec)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("Relevant(%q / %q) = %q, %v; want %q", c.rec.Title, c.rec.Body, got, ok, c.want)
		}
	}
}

func TestCustomRules(t *testing.T) {
	rel, err := NewRelevance(Rules{Phrases: []string{`wire fraud`}, Statutes: []string{"18 U.S.C. 1343"}})
	if err != nil {
		t.Fatal(err)
	}
	if why, ok := rel.Relevant(sources.Record{Body: "violating 18 U.S.C. 1343"}); !ok || why != "statute: 18 U.S.C. 1343" {
		t.Errorf("custom statute: %q %v", why, ok)
	}
	if _, ok := rel.Relevant(sources.Record{Body: "child pornography", Topics: []string{"Human Trafficking"}}); ok {
		t.Error("custom rules must replace the defaults, not add to them")
	}
	if _, err := NewRelevance(Rules{Statutes: []string{"section 1591"}}); err == nil {
		t.Error("malformed statute accepted")
	}
	if _, err := NewRelevance(Rules{Phrases: []string{`(unclosed`}}); err == nil {
		t.Error("malformed phrase accepted")
	}
	if _, err := New(Config{Rules: Rules{Phrases: []string{`(`}}}); err == nil {
		t.Error("New accepted a malformed phrase")
	}
}

func TestCitations(t *testing.T) {
	got := strings.Join(citations("18 U.S.C. §§ 2252A(a)(2), 18 USC 2422(b), 8 U.S.C. Section 1324(a)(1)(A)(ii); Title 18, United States Code, Sections 1594"), "|")
	want := "18 U.S.C. 2252A|18 U.S.C. 2422|8 U.S.C. 1324|18 U.S.C. 1594"
	if got != want {
		t.Errorf("citations = %q, want %q", got, want)
	}
}
