package ice

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/sources"
)

func readDoc(t *testing.T, name, u string) sources.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return sources.Document{Source: Name, URL: u, Status: 200, Body: b}
}

func parseOne(t *testing.T, doc sources.Document) sources.Record {
	t.Helper()
	recs, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("got %d records", len(recs))
	}
	return recs[0]
}

// realSentences returns the verbatim ICE sentences of one release in the
// shared corpus, so the tests check that the constructed pages really
// carry real language and that Parse keeps it intact.
func realSentences(t *testing.T, docID string) []string {
	t.Helper()
	f, err := os.Open(testshared.Path(t, "fixtures", "ice", "bln_ice_event_candidates.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e struct {
			DocumentID   string `json:"document_id"`
			EvidenceText string `json:"evidence_text"`
		}
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.DocumentID == docID {
			out = append(out, e.EvidenceText)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no sentences for %s", docID)
	}
	return out
}

func TestParseFullStructure(t *testing.T) {
	r := parseOne(t, readDoc(t, "release_tucson_constructed.html", "https://www.ice.gov/news/releases/arizona-man-sentenced-85-years-attempt-engage-child-sex-following-ice-tucson"))
	if r.Title != "Arizona man sentenced to 8.5 years for attempt to engage child for sex following ICE Tucson investigation" {
		t.Errorf("title %q", r.Title)
	}
	if r.Key != "/news/releases/arizona-man-sentenced-85-years-attempt-engage-child-sex-following-ice-tucson" || r.Publisher != "ICE" || r.Source != "ice" {
		t.Errorf("key %q publisher %q", r.Key, r.Publisher)
	}
	if !r.Published.Equal(time.Date(2025, 9, 19, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("published %v", r.Published)
	}
	if !r.Changed.Equal(time.Date(2025, 9, 19, 18, 2, 11, 0, time.UTC)) {
		t.Errorf("changed %v", r.Changed)
	}
	if strings.Join(r.Topics, "|") != "Child Exploitation" {
		t.Errorf("topics %q", r.Topics)
	}
	paras := strings.Split(r.Body, "\n")
	want := realSentences(t, "10fe3a93f9f74dd4a59b")
	if len(paras) != len(want) {
		t.Fatalf("body has %d paragraphs, want %d:\n%s", len(paras), len(want), r.Body)
	}
	for i := range want {
		if paras[i] != want[i] {
			t.Errorf("paragraph %d:\n got %q\nwant %q", i, paras[i], want[i])
		}
	}
	for _, junk := range []string{"mission", "footer", "Newsroom", "Related release", "Updated"} {
		if strings.Contains(r.Body, junk) {
			t.Errorf("body contains %q", junk)
		}
	}
	if r.RawSHA256 == "" {
		t.Error("raw sha not set")
	}
}

func TestParseMetaFallbacks(t *testing.T) {
	r := parseOne(t, readDoc(t, "release_houston_metafallback_constructed.html", "http://localhost:8080/news/releases/3-illegal-aliens-arrested-southeast-texas-following-execution-search-warrant"))
	if !r.Published.Equal(time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("published %v (from the .nr-meta date text)", r.Published)
	}
	// Without dataLayer the .nr-meta topic text is kept whole: topic names
	// can contain commas, so splitting it would be a guess.
	if strings.Join(r.Topics, "|") != "Child Exploitation, Enforcement and Removal" {
		t.Errorf("topics %q", r.Topics)
	}
	if r.URL != "http://localhost:8080/news/releases/3-illegal-aliens-arrested-southeast-texas-following-execution-search-warrant" {
		t.Errorf("relative canonical resolved to %q", r.URL)
	}
	if !r.Changed.IsZero() {
		t.Errorf("changed %v without a modified_time", r.Changed)
	}
	want := realSentences(t, "25337143f99f5309e3fa")
	if r.Body != strings.Join(want, "\n") {
		t.Errorf("body %q", r.Body)
	}
}

func TestParseWithoutNrClasses(t *testing.T) {
	r := parseOne(t, readDoc(t, "release_jacksonville_nonrclasses_constructed.html", "file:///saved/release.html"))
	if r.Title != "2 Hondurans indicted for transporting minors across state lines for sexual activity" {
		t.Errorf("title %q (og:title without the ICE suffix)", r.Title)
	}
	if r.Key != "/news/releases/2-hondurans-indicted-transporting-minors-across-state-lines-sexual-activity" ||
		r.URL != "https://www.ice.gov/news/releases/2-hondurans-indicted-transporting-minors-across-state-lines-sexual-activity" {
		t.Errorf("key %q url %q (from og:url)", r.Key, r.URL)
	}
	if !r.Published.Equal(time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)) || !r.Changed.Equal(time.Date(2025, 6, 13, 13, 41, 0, 0, time.UTC)) {
		t.Errorf("published %v changed %v", r.Published, r.Changed)
	}
	want := realSentences(t, "d706530cbf6f823aa503")
	if r.Body != strings.Join(want, "\n") {
		t.Errorf("body:\n%s", r.Body)
	}
	if len(r.Topics) != 0 {
		t.Errorf("topics %q from a page that has none", r.Topics)
	}
}

func TestParseTopicsWithCommasFromDataLayer(t *testing.T) {
	page := `<html><head><title>x</title><meta property="article:published_time" content="2025-03-01"></head><body>
	<div class="nr-title"><h1>Title</h1></div><div class="nr-body"><p>HOUSTON — A sentence long enough to count as a release body for this test.</p></div>
	<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({"entityBundle":"news_release","entityTaxonomy":{"news_release_topics":{"10":"Enforcement and Removal","7":"Firearms, Ammunition and Explosives"}}});</script></body></html>`
	r := parseOne(t, sources.Document{URL: "https://www.ice.gov/news/releases/x", Body: []byte(page)})
	if strings.Join(r.Topics, "|") != "Firearms, Ammunition and Explosives|Enforcement and Removal" {
		t.Errorf("topics %q, want both names whole, in id order", r.Topics)
	}
}

func TestParseLayoutErrors(t *testing.T) {
	changed := readDoc(t, "release_layout_changed_constructed.html", "https://www.ice.gov/news/releases/arizona-man-sentenced-85-years-attempt-engage-child-sex-following-ice-tucson")
	if recs, err := Parse(changed); !errors.Is(err, sources.ErrLayout) || len(recs) != 0 {
		t.Errorf("JS shell: %d records, err %v; want ErrLayout", len(recs), err)
	}
	cases := map[string]string{
		"empty":         "",
		"json":          `{"results":[]}`,
		"access denied": `<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>Reference #18.</p></body></html>`,
		"other bundle":  `<html><body><div class="nr-title"><h1>About ICE</h1></div><div class="nr-body"><p>A page about the agency that is long enough to be a body.</p></div><script>window.dataLayer.push({"entityBundle":"page"});</script></body></html>`,
		"no title":      `<html><body><div class="nr-body"><p>Body text without any title anywhere on this page at all.</p></div></body></html>`,
	}
	for name, body := range cases {
		if recs, err := Parse(sources.Document{URL: "https://www.ice.gov/x", Body: []byte(body)}); !errors.Is(err, sources.ErrLayout) {
			t.Errorf("%s: %d records, err %v; want ErrLayout", name, len(recs), err)
		}
	}
}

func TestParseListingPageIsNotARelease(t *testing.T) {
	doc := readDoc(t, "listing_page0_constructed.html", "https://www.ice.gov/newsroom?page=0")
	recs, err := Parse(doc)
	if err != nil || len(recs) != 0 {
		t.Errorf("listing: %d records, err %v; want none and no error", len(recs), err)
	}
	items, err := ParseListing(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []ListItem{
		{"/news/releases/arizona-man-sentenced-85-years-attempt-engage-child-sex-following-ice-tucson", time.Date(2025, 9, 19, 0, 0, 0, 0, time.UTC)},
		{"/news/releases/3-illegal-aliens-arrested-southeast-texas-following-execution-search-warrant", time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC)},
		{"/news/releases/2-hondurans-indicted-transporting-minors-across-state-lines-sexual-activity", time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)},
	}
	if len(items) != len(want) {
		t.Fatalf("items %v", items)
	}
	for i := range want {
		if items[i].Path != want[i].Path || !items[i].Date.Equal(want[i].Date) {
			t.Errorf("item %d = %+v, want %+v", i, items[i], want[i])
		}
	}
}

func TestDetect(t *testing.T) {
	for _, name := range []string{"release_tucson_constructed.html", "release_houston_metafallback_constructed.html", "release_jacksonville_nonrclasses_constructed.html"} {
		d := readDoc(t, name, "")
		if !Detect(name, d.Body) {
			t.Errorf("%s not detected", name)
		}
	}
	if Detect("page.json", []byte(`<html class="nr-body">`)) {
		t.Error("json name detected")
	}
	if Detect("x.html", []byte(`<html><body>Some other site</body></html>`)) {
		t.Error("unrelated html detected")
	}
	if Detect("x.html", []byte(`{"metadata":{}}`)) {
		t.Error("json content detected")
	}
}
