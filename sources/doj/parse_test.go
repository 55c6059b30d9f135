package doj

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/sources"
)

// fixtureDoc reads a real DOJ fixture from ../shared as a Document.
func fixtureDoc(t *testing.T, name string) sources.Document {
	t.Helper()
	p := testshared.Path(t, "fixtures", "doj", name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	return sources.Document{
		Source: Name, URL: "file://" + p, Status: 200, Body: b,
		SHA256: hex.EncodeToString(h[:]), FetchedAt: time.Date(2020, 7, 1, 0, 0, 0, 0, time.UTC),
	}
}

func byKey(recs []sources.Record) map[string]sources.Record {
	m := map[string]sources.Record{}
	for _, r := range recs {
		m[r.Key] = r
	}
	return m
}

func TestParse2020Page(t *testing.T) {
	doc := fixtureDoc(t, "api_v1_press_releases_pagesize100_page0_c2020.json")
	recs, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 100 {
		t.Fatalf("got %d records, want 100", len(recs))
	}
	m := byKey(recs)
	if len(m) != 100 {
		t.Errorf("got %d distinct keys, want 100", len(m))
	}
	for _, r := range recs {
		if r.Source != "doj" || r.Key == "" || r.URL == "" || r.Title == "" {
			t.Errorf("incomplete record %s %q", r.Key, r.Title)
		}
		if strings.ContainsAny(r.Title, "\r\n\u0092") || strings.Contains(r.Title, "  ") {
			t.Errorf("%s: title not folded: %q", r.Key, r.Title)
		}
		if strings.Contains(r.Body, "<p") || strings.Contains(r.Body, "</") {
			t.Errorf("%s: markup left in body: %.80q", r.Key, r.Body)
		}
		if r.Published.IsZero() || r.Published.Hour() != 0 || r.Published.Location() != time.UTC {
			t.Errorf("%s: published %v, want a UTC midnight", r.Key, r.Published)
		}
		// Every release on this 2020 page was changed after it was published
		// and before the page was fetched.
		if r.Changed.Year() < 2009 || r.Changed.Year() > 2020 || r.Changed.Before(r.Published) {
			t.Errorf("%s: changed %v published %v", r.Key, r.Changed, r.Published)
		}
		if r.RawSHA256 != doc.SHA256 || !r.FetchedAt.Equal(doc.FetchedAt) {
			t.Errorf("%s: raw sha %q fetched %v not carried from the document", r.Key, r.RawSHA256, r.FetchedAt)
		}
		if r.Kept != "" {
			t.Errorf("%s: package Parse must not filter, Kept=%q", r.Key, r.Kept)
		}
	}

	// The child-exploitation release the end-to-end test relies on.
	r, ok := m["3db05e91-0f54-4d64-8a0f-e91288dd8977"]
	if !ok {
		t.Fatal("release 3db05e91 missing")
	}
	if r.Title != "Seven Defendants Convicted for Participation in International Child Exploitation Enterprise" {
		t.Errorf("title %q", r.Title)
	}
	if want := time.Date(2009, 1, 14, 0, 0, 0, 0, time.UTC); !r.Published.Equal(want) {
		t.Errorf("published %v, want %v", r.Published, want)
	}
	if want := time.Unix(1410830148, 0).UTC(); !r.Changed.Equal(want) {
		t.Errorf("changed %v, want %v", r.Changed, want)
	}
	if len(r.Components) != 1 || r.Components[0] != "Criminal Division" {
		t.Errorf("components %q", r.Components)
	}
	if r.Publisher != "DOJ" || r.District != "" {
		t.Errorf("publisher %q district %q, want DOJ and none", r.Publisher, r.District)
	}
	if r.URL != "https://www.justice.gov/opa/pr/seven-defendants-convicted-participation-international-child-exploitation-enterprise" {
		t.Errorf("url %q", r.URL)
	}
	paras := strings.Split(r.Body, "\n")
	if len(paras) != 10 {
		t.Errorf("body has %d paragraphs, want 10:\n%s", len(paras), r.Body)
	}
	if !strings.HasPrefix(paras[0], "WASHINGTON AND PENSACOLA, Fla. – Seven U.S. defendants") {
		t.Errorf("first paragraph %.80q", paras[0])
	}
	if !strings.Contains(r.Body, "visit www.projectsafechildhood.gov.") {
		t.Errorf("link text lost or split: %q", paras[len(paras)-2])
	}

	// Raw newlines and a Windows-1252 apostrophe in 2009 titles.
	if got := m["23ba9493-4573-40dc-bd07-47af615ff63b"].Title; !strings.Contains(got, "$132 Million Scheme to Defraud") {
		t.Errorf("folded title %q", got)
	}
	if got := m["9b0ccf66-6e1f-4175-9e3a-a2d2fbb565e5"].Title; got != "President’s Corporate Fraud Task Force Adds Six New Member Agencies" {
		t.Errorf("C1 title %q", got)
	}
	// An Interpol release: nested divs still give paragraphs.
	ip := m["8a0f7395-f556-45bf-8890-eeea2d0cbae0"]
	if !strings.HasPrefix(ip.Body, "WASHINGTON - INTERPOL Washington") || !strings.Contains(ip.Body, "\nIn April, INTERPOL Washington") {
		t.Errorf("interpol body %.200q", ip.Body)
	}
}

func TestParse2024List(t *testing.T) {
	doc := fixtureDoc(t, "api_v1_press_releases_list_example_2024.json")
	recs, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	id := recs[0]
	if id.Key != "edd715cc-54ac-4dfc-a206-4671e6a7441d" {
		t.Fatalf("first key %s", id.Key)
	}
	if id.Title != "U.S. Attorney’s Office Highlights Success of Drug Distribution Prosecution Efforts in Southern Idaho" {
		t.Errorf("title %q", id.Title)
	}
	if want := time.Date(2024, 8, 7, 0, 0, 0, 0, time.UTC); !id.Published.Equal(want) {
		t.Errorf("published %v", id.Published)
	}
	if want := time.Date(2024, 8, 7, 22, 45, 53, 0, time.UTC); !id.Changed.Equal(want) {
		t.Errorf("changed %v, want %v (from the <time> wrapper)", id.Changed, want)
	}
	if id.Publisher != "USAO" || id.District != "D. Idaho" {
		t.Errorf("publisher %q district %q", id.Publisher, id.District)
	}
	if strings.Join(id.Components, "|") != "Drug Enforcement Administration (DEA)|U.S. Attorneys (USAO)|USAO - Idaho" {
		t.Errorf("components %q", id.Components)
	}
	if strings.Join(id.Topics, "|") != "Drug Trafficking" {
		t.Errorf("topics %q", id.Topics)
	}
	paras := strings.Split(id.Body, "\n")
	if paras[0] != "BOISE – U.S. Attorney Josh Hurwit announced the results of three separate drug distribution cases in Southern Idaho today." {
		t.Errorf("first paragraph %q", paras[0])
	}
	if paras[2] != "1. Large Scale Methamphetamine Trafficker Sentenced to 10 Years in Federal Prison" {
		t.Errorf("third paragraph %q", paras[2])
	}
	if strings.Contains(id.Body, "&nbsp;") || strings.Contains(id.Body, "\u00a0") || strings.Contains(id.Body, "  ") {
		t.Error("no-break spaces or double spaces left in body")
	}
	mn := recs[1]
	if mn.Key != "98baba74-8922-41de-95f1-73a82695a3d1" || mn.District != "D. Minn." || mn.Publisher != "USAO" {
		t.Errorf("second record %s %q %q", mn.Key, mn.District, mn.Publisher)
	}
	if mn.Title != "Rochester Man Indicted for Illegal Possession of a Firearm, Fentanyl Trafficking" {
		t.Errorf("title %q", mn.Title)
	}
	if !strings.Contains(mn.Body, "the FBI, and the Bureau of Alcohol, Tobacco, Firearms and Explosives") {
		t.Errorf("body lacks the investigating-agency sentence")
	}
}

func TestParse2024ByUUID(t *testing.T) {
	recs, err := Parse(fixtureDoc(t, "api_v1_press_release_by_uuid_fields_example_2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("got %d records", len(recs))
	}
	r := recs[0]
	if r.Key != "98baba74-8922-41de-95f1-73a82695a3d1" || r.Body != "" || len(r.Components) != 0 {
		t.Errorf("record %+v", r)
	}
	if !r.Published.Equal(time.Date(2024, 8, 7, 0, 0, 0, 0, time.UTC)) || !r.Changed.IsZero() {
		t.Errorf("published %v changed %v", r.Published, r.Changed)
	}
	// With fields=date,title,url,uuid the office comes from the URL alone.
	if r.Publisher != "USAO" || r.District != "D. Minn." {
		t.Errorf("publisher %q district %q from %s", r.Publisher, r.District, r.URL)
	}
}

// TestParseShapes covers value shapes no fixture holds but the two formats
// imply (numbers where strings were, a single term as a string, null lists).
// The JSON here is hand-written.
func TestParseShapes(t *testing.T) {
	body := `{"metadata":{"responseInfo":{"status":"200"},"resultset":{"count":1,"pagesize":"50","page":"0"}},
	"results":[{"uuid":"u-1","title":"A &amp; B\n  charged","body":"\u003Cp\u003EOne\u003C/p\u003E\u003Cp\u003ETwo\u003Cbr\u003Elines\u003C/p\u003E",
	"date":1723032000,"changed":"2024-08-07T22:06:46+00:00","created":"<time datetime=\"2024-08-07T21:41:22+00:00\">1723066882</time>\n",
	"component":"USAO - Northern District of Alabama","topic":"Human Trafficking","attachment":"","image":"","number":""},
	{"uuid":"u-2","title":"AT&T","component":[],"topic":null,"changed":1723070753,"date":"","teaser":"<p>Only a teaser</p>"},
	{"uuid":"u-3","title":"x","component":["Federal Bureau of Investigation (FBI)"],"topic":[{"name":"Project Safe Childhood"}],"created":"1723066882"}]}`
	recs, err := Parse(sources.Document{URL: "t", Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d", len(recs))
	}
	a, b, c := recs[0], recs[1], recs[2]
	if a.Title != "A & B charged" || a.Body != "One\nTwo\nlines" {
		t.Errorf("a: %q %q", a.Title, a.Body)
	}
	if a.District != "N.D. Ala." || a.Publisher != "USAO" || len(a.Topics) != 1 || a.Topics[0] != "Human Trafficking" {
		t.Errorf("a: district %q publisher %q topics %q", a.District, a.Publisher, a.Topics)
	}
	if !a.Changed.Equal(time.Date(2024, 8, 7, 22, 6, 46, 0, time.UTC)) || !a.Published.Equal(time.Date(2024, 8, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("a: changed %v published %v", a.Changed, a.Published)
	}
	if b.Title != "AT&T" || b.Body != "Only a teaser" || !b.Published.IsZero() || b.Changed.Unix() != 1723070753 || b.Components != nil && len(b.Components) != 0 {
		t.Errorf("b: %+v", b)
	}
	if c.Publisher != "FBI" || c.Changed.Unix() != 1723066882 {
		t.Errorf("c: publisher %q changed %v (falls back to created)", c.Publisher, c.Changed)
	}
	if a.RawSHA256 == "" || a.RawSHA256 != b.RawSHA256 {
		t.Errorf("raw sha not computed when the document has none: %q", a.RawSHA256)
	}
}

func TestParseEmptyResults(t *testing.T) {
	recs, err := Parse(sources.Document{Body: []byte(`{"metadata":{"responseInfo":{"status":200},"resultset":{"count":"5","pagesize":"50","page":"3"}},"results":[]}`)})
	if err != nil || len(recs) != 0 {
		t.Fatalf("past-the-end page: %d records, err %v; want none and no error", len(recs), err)
	}
}

func TestParseLayoutErrors(t *testing.T) {
	full, err := os.ReadFile(testshared.Path(t, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"truncated":      string(full[:len(full)/2]),
		"empty":          "  \n",
		"html":           "<!DOCTYPE html><html><body>Access Denied</body></html>",
		"other json":     `{"data":[{"id":1}]}`,
		"results object": `{"metadata":{},"results":{"uuid":"x"}}`,
		"api error":      `{"metadata":{"responseInfo":{"status":500,"developerMessage":"Internal"}},"results":[]}`,
		"no uuid":        `{"metadata":{"responseInfo":{"status":200}},"results":[{"title":"t"}]}`,
		"bad changed":    `{"results":[{"uuid":"u","changed":"yesterday"}]}`,
		"array":          `[{"uuid":"u"}]`,
	}
	for name, body := range cases {
		recs, err := Parse(sources.Document{URL: "u", Body: []byte(body)})
		if !errors.Is(err, sources.ErrLayout) {
			t.Errorf("%s: err %v (records %d), want ErrLayout", name, err, len(recs))
		}
	}
}

func TestDistrictMatching(t *testing.T) {
	ix, err := defaultIndex()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"USAO - Idaho":                        "D. Idaho",
		"USAO-Idaho":                          "D. Idaho",
		"usao - idaho":                        "D. Idaho",
		"USAO - Alabama, Northern":            "N.D. Ala.",
		"USAO - Northern District of Alabama": "N.D. Ala.",
		"U.S. Attorney's Office, Eastern District of Virginia": "E.D. Va.",
		"USAO - Virginia, Eastern":                             "E.D. Va.",
		"USAO - West Virginia, Northern":                       "N.D.W. Va.",
		"USAO - E.D. Va.":                                      "E.D. Va.",
		"USAO - District of Columbia":                          "D.D.C.",
		"USAO - Guam and Northern Mariana Islands":             "D. Guam",
		"USAO - Virgin Islands":                                "D.V.I.",
		"U.S. Attorneys (USAO)":                                "",
		"Criminal Division":                                    "",
		"USAO - Atlantis":                                      "",
		"Idaho":                                                "", // not a USAO component
	}
	for comp, want := range cases {
		if got := ix.fromComponent(comp); got != want {
			t.Errorf("%q → %q, want %q", comp, got, want)
		}
	}
	if got := ix.fromURL("https://www.justice.gov/usao-sdtx/pr/x"); got != "S.D. Tex." {
		t.Errorf("url → %q", got)
	}
	if got := ix.fromURL("https://www.justice.gov/opa/pr/x"); got != "" {
		t.Errorf("opa url → %q", got)
	}
}

func TestDetect(t *testing.T) {
	for _, name := range []string{
		"api_v1_press_releases_pagesize100_page0_c2020.json",
		"api_v1_press_releases_list_example_2024.json",
		"api_v1_press_release_by_uuid_fields_example_2024.json",
	} {
		doc := fixtureDoc(t, name)
		if !Detect(name, doc.Body[:min(512, len(doc.Body))]) {
			t.Errorf("%s not detected", name)
		}
	}
	for name, head := range map[string]string{
		"page.html":    `{"metadata":{"responseInfo":{}}}`,
		"x.json":       `{"data":[1,2]}`,
		"release.json": `<html>`,
		"docket.json":  `{"count": 3, "next": null, "results": []}`,
	} {
		if Detect(name, []byte(head)) {
			t.Errorf("%s %q detected as DOJ", name, head)
		}
	}
}

// BenchmarkParse2020Page measures decoding the 496 kB, 100-release page.
func BenchmarkParse2020Page(b *testing.B) {
	p := testshared.Path(b, "fixtures", "doj", "api_v1_press_releases_pagesize100_page0_c2020.json")
	raw, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	doc := sources.Document{URL: p, Body: raw}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if recs, err := Parse(doc); err != nil || len(recs) != 100 {
			b.Fatal(len(recs), err)
		}
	}
}
