package pacer

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"casetrack/internal/testshared"
	"casetrack/sources"
)

func TestNormalizeStatutes(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		// Forms printed on the real dockets in shared/fixtures/pacer.
		{"18:2252(a)(4)(B) POSSESSION OF CHILD PORNOGRAPHY", []string{"18 U.S.C. 2252(a)(4)(B)"}},
		{"18:2252A(a)(2) RECEIPT OF CHILD PORNOGRAPHY", []string{"18 U.S.C. 2252A(a)(2)"}},
		{"Production of Child Pornography 18:2251(a) & (e)", []string{"18 U.S.C. 2251(a)"}},
		{"Possession of Child Pornography 18:2252(a)(4) & 2252(b)(2)", []string{"18 U.S.C. 2252(a)(4)"}},
		{"18:513A.F (18:513(a) and 2 -UTTERING AND POSSESSING COUNTERFEIT SECURITY", []string{"18 U.S.C. 513(a)"}},
		{"8:1326(a) and (b)(1) Reentry of Removed Alien", []string{"8 U.S.C. 1326(a)"}},
		{"8:1326.F--REENTRY OF DEPORTED ALIENS", []string{"8 U.S.C. 1326"}},
		{"18:1326 Illegal Reentry Following Deportation", []string{"8 U.S.C. 1326"}}, // title misprinted on cand_3
		{"18:1201(a)(1) KIDNAPPING/Kidnapping", []string{"18 U.S.C. 1201(a)(1)"}},
		{"Count 1 18:371 - Conspiracy to Manufacture and Sell Armor-Piercing Ammunition", []string{"18 U.S.C. 371"}},
		{"18:2251(a)&(e) - Production of Child Pornography; 18:2252(a)(4) & 2252(b)(2) - Possession of Child Pornography.",
			[]string{"18 U.S.C. 2251(a)", "18 U.S.C. 2252(a)(4)"}},
		{"REENTRY OF DEPORTED ALIENS", nil},
		{"CONSPIRACY TO DISTRIBUTE COCAINE BASE", nil},
		// AO codes and prose forms.
		{"18:2252A.F", []string{"18 U.S.C. 2252A"}},
		{"18:922G.F FELON IN POSSESSION", []string{"18 U.S.C. 922(g)"}},
		{"8:1324A.F BRINGING IN AND HARBORING CERTAIN ALIENS", []string{"8 U.S.C. 1324(a)"}},
		{"8 U.S.C. 1324a unlawful employment", []string{"8 U.S.C. 1324a"}},
		{"in violation of 18 U.S.C. § 2252A(a)(5)(B)", []string{"18 U.S.C. 2252A(a)(5)(B)"}},
		{"18 USC 2422(b) enticement", []string{"18 U.S.C. 2422(b)"}},
		{"Title 18, United States Code, Section 1591(a)", []string{"18 U.S.C. 1591(a)"}},
		{"21:952 and 960 IMPORTATION OF MARIJUANA", []string{"21 U.S.C. 952"}},
	}
	for _, c := range cases {
		if got := NormalizeStatutes(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("NormalizeStatutes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := NormalizeStatute("no statute here"); got != "" {
		t.Errorf("NormalizeStatute = %q", got)
	}
}

func TestParseCaseNumber(t *testing.T) {
	cases := map[string]caseNumber{
		"4:13-cr-03121-RGK-CRZ-1": {"4:13-cr-03121", "cr", "RGK", 1},
		"2:20-cr-00606-1":         {"2:20-cr-00606", "cr", "", 1},
		"1:09-cr-00073-JRH-BKE-6": {"1:09-cr-00073", "cr", "JRH", 6},
		"3:22-cr-00137-jdp":       {"3:22-cr-00137", "cr", "jdp", 0},
		"3:08-cv-00159-WHA":       {"3:08-cv-00159", "cv", "WHA", 0},
		"2:18-mj-137":             {"2:18-mj-00137", "mj", "", 0},
	}
	for in, want := range cases {
		got, ok := parseCaseNumber(in)
		if !ok || got != want {
			t.Errorf("parseCaseNumber(%q) = %+v %v, want %+v", in, got, ok, want)
		}
	}
	if _, ok := parseCaseNumber("5:18-~gr-00001"); ok {
		t.Error("malformed number accepted")
	}
}

func TestHarmonizeCaseName(t *testing.T) {
	cases := map[string]string{
		"USA v. Mitchell et al":                     "United States v. Mitchell",
		"Spoon et al v. Ethicon, Inc. et al":        "Spoon v. Ethicon, Inc.",
		"Kaplun v. United States of America":        "Kaplun v. United States",
		"In the Matter of Search Warrants Executed": "In the Matter of Search Warrants Executed",
		"Peralta v. City Of New York ;":             "Peralta v. City Of New York",
	}
	for in, want := range cases {
		if got := harmonizeCaseName(in); got != want {
			t.Errorf("harmonizeCaseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRejectsOtherPages(t *testing.T) {
	s := newSource(t)
	for name, body := range map[string]string{
		"empty":      "",
		"login page": `<html><body><form action="/cgi-bin/login.pl"><input name="login"></form>PACER Login</body></html>`,
		"json":       `{"count": 0}`,
		"civil-ish":  `<html><body><h3>Something else</h3></body></html>`,
	} {
		_, err := s.Parse(sources.Document{Body: []byte(body)})
		if !errors.Is(err, sources.ErrLayout) {
			t.Errorf("%s: err = %v, want ErrLayout", name, err)
		}
	}
}

func TestDetectAndKeys(t *testing.T) {
	root := testshared.Path(t, "fixtures", "pacer")
	s := newSource(t)
	wantKeys := map[string]string{
		"district_dockets/ned.html":               "ned:4:13-cr-03121-1",
		"district_dockets/gasd.html":              "gasd:1:09-cr-00073-6",
		"district_dockets/cand.html":              "cand:3:08-cv-00159",
		"docket_history_reports/nynd_112359.html": "nynd:1:17-cr-00299:history",
		"case_queries/akd_58813.html":             "akd:3:17-cr-00168:query",
		"internet_archive_xml/almd_49523.xml":     "almd:2:12-cr-00221:recap",
		"district_dockets/nvd_128568.html":        "nvd:2:18-mj-00137-1",
		"district_dockets/nysd_491943.html":       "nysd:1:18-mj-03161-1",
		"docket_history_reports/vaed_275314.html": "vaed:1:12-cr-00003:history",
		"case_queries/wiwd_50107.html":            "wiwd:3:22-cr-00137:query",
		"docket_history_reports/nysd_475766.html": "nysd:1:17-cr-00350:history",
		"district_dockets/txsd_1.html":            "txsd:2:20-cr-00606-1",
		"district_dockets/wawd.html":              "wawd:2:15-cr-00099-1",
		"district_dockets/utd.html":               "utd:2:08-cr-00125-1",
		"district_dockets/azd.html":               "azd:2:17-cr-00378-1",
		"docket_history_reports/ned_74660.html":   "ned:8:16-cr-00362:history",
		"case_queries/casd_587221.html":           "casd:3:18-cr-03298:query",
		"district_dockets/dcd_1.html":             "dcd:1:17-cr-00201-1",
		"district_dockets/casd_2.html":            "casd:3:07-cr-03257-1",
		"district_dockets/caed_2.html":            "caed:1:02-cr-05210-1",
		"district_dockets/ncwd_1.html":            "ncwd:1:03-cr-00076-1",
		"district_dockets/mowd.html":              "mowd:2:08-cr-04005-1",
		"district_dockets/moed.html":              "moed:4:17-cr-00367-1",
		"district_dockets/hid.html":               "hid:1:04-cr-00233-1",
		"district_dockets/cand_3.html":            "cand:3:09-cr-00418-1",
	}
	for rel, key := range wantKeys {
		if key == "" {
			continue
		}
		p := filepath.Join(root, rel)
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		head := raw
		if len(head) > 8192 {
			head = head[:8192]
		}
		if !Detect(filepath.Base(p), head) {
			t.Errorf("Detect(%s) = false", rel)
		}
		recs, err := s.Parse(sources.Document{Body: raw})
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		r := recs[0]
		if r.Key != key || r.Source != "pacer" || r.Publisher != "court" || !strings.HasPrefix(r.URL, "https://ecf.") {
			t.Errorf("%s: key %q source %q publisher %q url %q", rel, r.Key, r.Source, r.Publisher, r.URL)
		}
	}
	for _, f := range []string{"rss_feeds/sdny_1.xml", "rss_feeds/wvsd.xml"} {
		raw, _ := os.ReadFile(filepath.Join(root, f))
		if !Detect(filepath.Base(f), raw[:min(len(raw), 8192)]) {
			t.Errorf("Detect(%s) = false", f)
		}
	}
	if Detect("notes.html", []byte("<html><body>DOJ press release</body></html>")) {
		t.Error("Detect accepted a non-PACER page")
	}
}

// feedFetcher serves the recorded RSS feed for one URL and fails the test on
// any other request.
type feedFetcher struct {
	t    *testing.T
	urls map[string][]byte
	hits int
}

func (f *feedFetcher) Fetch(_ context.Context, req *http.Request) (sources.Document, error) {
	body, ok := f.urls[req.URL.String()]
	if !ok {
		f.t.Errorf("unexpected request %s", req.URL)
		return sources.Document{}, errors.New("unexpected URL")
	}
	f.hits++
	return sources.Document{URL: req.URL.String(), Status: 200, Body: body}, nil
}

func TestCrawlRSSCursor(t *testing.T) {
	raw, err := os.ReadFile(testshared.Path(t, "fixtures", "pacer", "rss_feeds", "sdny_1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	const feed = "https://ecf.nysd.uscourts.gov/cgi-bin/rss_outside.pl"
	s, err := New(Config{Feeds: []string{feed}})
	if err != nil {
		t.Fatal(err)
	}
	f := &feedFetcher{t: t, urls: map[string][]byte{feed: raw}}
	var got []sources.Document
	emit := func(d sources.Document) error { got = append(got, d); return nil }
	cur, err := s.Crawl(context.Background(), f, "", emit)
	if err != nil {
		t.Fatal(err)
	}
	// Newest item in the recorded feed: Wed, 18 Apr 2018 00:09:55 GMT.
	if cur != "2018-04-18T00:09:55Z" || len(got) != 1 {
		t.Fatalf("cursor %q, %d documents", cur, len(got))
	}
	// Nothing newer on the second run: no document, same cursor.
	got = nil
	cur2, err := s.Crawl(context.Background(), f, cur, emit)
	if err != nil || cur2 != cur || len(got) != 0 {
		t.Fatalf("second crawl: cursor %q err %v docs %d", cur2, err, len(got))
	}
	// An emit failure keeps the old cursor.
	_, err = s.Crawl(context.Background(), f, "2018-01-01T00:00:00Z", func(sources.Document) error { return errors.New("disk full") })
	if err == nil {
		t.Fatal("emit error swallowed")
	}
	recs, err := s.Parse(got0(t, s, f, feed))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if ct := r.Docket.CaseType; ct != "cr" && ct != "mj" {
			t.Errorf("kept a %s item %s", ct, r.Key)
		}
	}
}

func got0(t *testing.T, s *Source, f sources.Fetcher, feed string) sources.Document {
	t.Helper()
	var d sources.Document
	_, err := s.Crawl(context.Background(), f, "", func(doc sources.Document) error { d = doc; return nil })
	if err != nil {
		t.Fatal(err)
	}
	return d
}
