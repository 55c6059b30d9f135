package courtlistener

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"casetrack/internal/clstandin"
	"casetrack/internal/testshared"
	"casetrack/pipeline/normalize"
	"casetrack/sources"
	"casetrack/sources/pacer"
)

// httpFetcher is the test's sources.Fetcher: a plain http.Client wrapper.
type httpFetcher struct{ c *http.Client }

func (f httpFetcher) Fetch(ctx context.Context, req *http.Request) (sources.Document, error) {
	resp, err := f.c.Do(req)
	if err != nil {
		return sources.Document{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return sources.Document{}, err
	}
	return sources.Document{URL: req.URL.String(), Status: resp.StatusCode, Body: b, FetchedAt: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}, nil
}

// testToken is the token the stand-in requires; not a real token.
const testToken = "test-token-not-real"

// testQuery and testCourts are what newTestSource configures; the stand-in
// answers that search and nothing else.
const testQuery = `"2252" OR "1326"`

var testCourts = []string{"ned", "azd", "utd", "wawd"}

// newStandIn starts the shared CourtListener stand-in (constructed v4
// responses built from real PACER dockets' juriscraper JSON; see
// internal/clstandin) expecting this package's test configuration.
func newStandIn(t *testing.T) *clstandin.Server {
	return clstandin.New(t, clstandin.Options{Token: testToken, Query: testQuery, Courts: testCourts})
}

func newTestSource(t *testing.T, srv *httptest.Server, token string) *Source {
	t.Helper()
	s, err := New(Config{BaseURL: srv.URL + "/api/rest/v4/", Token: token, Query: testQuery, Courts: testCourts})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCrawlAndParseMatchPacer crawls the stand-in and checks that each
// CourtListener docket maps to the same sources.Docket, and the same
// court-verified events, as the PACER parser gives for the real page.
func TestCrawlAndParseMatchPacer(t *testing.T) {
	si := newStandIn(t)
	s := newTestSource(t, si.Server, testToken)
	f := httpFetcher{si.Client()}
	var docs []sources.Document
	cur, err := s.Crawl(context.Background(), f, "", func(d sources.Document) error { docs = append(docs, d); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(clstandin.Cases) {
		t.Fatalf("%d documents, want %d", len(docs), len(clstandin.Cases))
	}
	// Newest date_modified: ned's 2024-03-01T10:00:00.123456-07:00.
	if cur != "2024-03-01T17:00:00.123456Z" {
		t.Errorf("cursor %q", cur)
	}
	if si.Hits("search/") != 2 || si.Hits("docket-entries/") < 4+3 {
		t.Errorf("pagination not followed: %v", si.AllHits())
	}
	ps, err := pacer.New(pacer.Config{})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := normalize.New()
	for i, doc := range docs {
		recs, err := s.Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		cl := recs[0]
		raw, _ := os.ReadFile(testshared.Path(t, "fixtures", "pacer", "district_dockets", clstandin.Cases[i].File+".html"))
		precs, err := ps.Parse(sources.Document{Body: raw})
		if err != nil {
			t.Fatal(err)
		}
		pr := precs[0]
		if cl.Source != Name || cl.Key != pr.Key || cl.Publisher != "court" || !strings.HasPrefix(cl.URL, "https://www.courtlistener.com/docket/") {
			t.Errorf("%s: record %q %q %q %q (pacer key %q)", clstandin.Cases[i].File, cl.Source, cl.Key, cl.Publisher, cl.URL, pr.Key)
		}
		a, b := cl.Docket, pr.Docket
		if a.Court != b.Court || a.District != b.District || a.DocketNumber != b.DocketNumber || a.CaseName != b.CaseName ||
			!a.DateFiled.Equal(b.DateFiled) || !a.DateTerminated.Equal(b.DateTerminated) || a.CaseType != b.CaseType ||
			a.DefendantNumber != b.DefendantNumber || a.JudgeInitials != b.JudgeInitials {
			t.Errorf("%s: header differs:\n cl    %+v\n pacer %+v", clstandin.Cases[i].File, hdr(a), hdr(b))
		}
		if len(a.Defendants) != len(b.Defendants) {
			t.Fatalf("%s: %d defendants vs %d", clstandin.Cases[i].File, len(a.Defendants), len(b.Defendants))
		}
		for k := range a.Defendants {
			x, y := a.Defendants[k], b.Defendants[k]
			y.Aliases = nil // the parties endpoint has no alias list
			y.Number = 0    // nor the "Defendant (n)" heading number
			if !reflect.DeepEqual(x, y) {
				t.Errorf("%s: defendant differs:\n cl    %+v\n pacer %+v", clstandin.Cases[i].File, x, y)
			}
		}
		if len(a.Entries) != len(b.Entries) {
			t.Errorf("%s: %d entries vs %d", clstandin.Cases[i].File, len(a.Entries), len(b.Entries))
		}
		for k := 0; k < len(a.Entries) && k < len(b.Entries); k++ {
			if !a.Entries[k].Date.Equal(b.Entries[k].Date) || a.Entries[k].Number != b.Entries[k].Number {
				t.Errorf("%s: entry %d: %v %q vs %v %q", clstandin.Cases[i].File, k, a.Entries[k].Date, a.Entries[k].Number, b.Entries[k].Date, b.Entries[k].Number)
			}
		}
		// Same court-verified outcomes from either source (entry texts
		// differ only in white space, so dates agree too).
		if got, want := summary(n.DocketEvents(cl)), summary(n.DocketEvents(pr)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: events differ:\n cl    %q\n pacer %q", clstandin.Cases[i].File, got, want)
		}
	}

	// Incremental: with the cursor from the first run nothing changed, so
	// no parties or entries are fetched and nothing is emitted.
	before := si.Hits("parties/") + si.Hits("docket-entries/")
	var again []sources.Document
	cur2, err := s.Crawl(context.Background(), f, cur, func(d sources.Document) error { again = append(again, d); return nil })
	if err != nil || cur2 != cur || len(again) != 0 || si.Hits("parties/")+si.Hits("docket-entries/") != before {
		t.Errorf("second run: cursor %q err %v docs %d hits %v", cur2, err, len(again), si.AllHits())
	}
	// From an older cursor only the dockets modified after it come back.
	again = nil
	if _, err := s.Crawl(context.Background(), f, "2024-01-31T00:00:00Z", func(d sources.Document) error { again = append(again, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(again) != 2 {
		t.Errorf("from 2024-01-31: %d dockets, want 2 (ned, azd)", len(again))
	}
}

func hdr(d *sources.Docket) string {
	return fmt.Sprintf("%s %s %s %q %s %s %s def=%d judge=%s", d.Court, d.District, d.DocketNumber, d.CaseName,
		d.DateFiled.Format("2006-01-02"), d.DateTerminated.Format("2006-01-02"), d.CaseType, d.DefendantNumber, d.JudgeInitials)
}

func summary(evs []normalize.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, fmt.Sprintf("%s %s %s %v %s %.0f", e.Type, e.Date.Format("2006-01-02"), e.PleaOrVerdict, e.Statutes, e.SentenceKind, e.SentenceMonths))
	}
	return out
}

func TestCrawlWithoutTokenSaysWhatIsMissing(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("no request expected without a token, got %s", r.URL)
	}))
	defer srv.Close()
	s := newTestSource(t, srv, "")
	cur, err := s.Crawl(context.Background(), httpFetcher{srv.Client()}, "2024-01-01T00:00:00Z", func(sources.Document) error { return nil })
	if !errors.Is(err, ErrNoToken) || !strings.Contains(err.Error(), "COURTLISTENER_TOKEN") || cur != "2024-01-01T00:00:00Z" {
		t.Errorf("err %v cursor %q", err, cur)
	}
}

func TestNextLinkOffHostRefused(t *testing.T) {
	var other int
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { other++ }))
	defer evil.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/rest/v4/search/" {
			t.Errorf("unexpected request %s", r.URL)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"next": evil.URL + "/steal", "results": []any{}})
	}))
	defer srv.Close()
	s := newTestSource(t, srv, "secret-token")
	_, err := s.Crawl(context.Background(), httpFetcher{srv.Client()}, "", func(sources.Document) error { return nil })
	if err == nil || other != 0 || strings.Contains(err.Error(), "secret-token") {
		t.Errorf("off-host next: err %v, requests to other host %d", err, other)
	}
}

func TestUnauthorizedIsBlocked(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"detail":"Invalid token."}`, http.StatusUnauthorized)
	}))
	defer srv.Close()
	s := newTestSource(t, srv, "bad-token")
	_, err := s.Crawl(context.Background(), httpFetcher{srv.Client()}, "", func(sources.Document) error { return nil })
	if !errors.Is(err, sources.ErrBlocked) || strings.Contains(err.Error(), "bad-token") {
		t.Errorf("err %v", err)
	}
}

func TestParseRejectsNonBundles(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	// The real v4 docket detail from CourtListener's docs is a docket, not
	// a bundle: Parse must say so rather than return an empty record.
	raw, err := os.ReadFile(testshared.Path(t, "fixtures", "courtlistener", "api_v4_docket_detail_4214664_docs_example.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"docs docket": raw, "html": []byte("<html></html>"), "empty": nil} {
		if _, err := s.Parse(sources.Document{Body: body}); !errors.Is(err, sources.ErrLayout) {
			t.Errorf("%s: err %v", name, err)
		}
	}
	// The same real docket wrapped as a bundle decodes (civil, no parties):
	// field names and nulls of a real detail response.
	b, _ := json.Marshal(bundle{Format: bundleFormat, Docket: bytes.ReplaceAll(raw, []byte("{{ version }}"), []byte("v4"))})
	recs, err := s.Parse(sources.Document{Body: b})
	if err != nil {
		t.Fatal(err)
	}
	d := recs[0].Docket
	if d.Court != "dcd" || d.DocketNumber != "1:16-cv-00745" || d.CaseType != "cv" || d.PacerCaseID != "178502" ||
		d.DateFiled.Format("2006-01-02") != "2016-04-21" || d.DateLastFiling.Format("2006-01-02") != "2024-05-15" || d.District != "D.D.C." {
		t.Errorf("docs docket: %s pacer=%s last=%s", hdr(d), d.PacerCaseID, d.DateLastFiling.Format("2006-01-02"))
	}
	if recs[0].Key != "dcd:1:16-cv-00745" || recs[0].Changed.IsZero() {
		t.Errorf("key %q changed %v", recs[0].Key, recs[0].Changed)
	}
}

// Without a configured query the source searches for the charge set, never
// for every docket in RECAP.
func TestDefaultQueryIsTheChargeSet(t *testing.T) {
	q, err := DefaultQuery()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{`"1591"`, `"2251"`, `"2251A"`, `"2252"`, `"2252A"`, `"2422"`, `"2423"`, `"1324"`, `"1326"`, `"1589"`} {
		if !strings.Contains(q, in) {
			t.Errorf("default query lacks %s: %s", in, q)
		}
	}
	// Sections whose only category is "other" (failure to register, RICO,
	// the Travel Act) are not the charge set.
	for _, out := range []string{`"2250"`, `"1962"`, `"1952"`, `"2252B"`, `"U.S.C`} {
		if strings.Contains(q, out) {
			t.Errorf("default query has %s: %s", out, q)
		}
	}
	if strings.Count(q, `"2252A"`) != 1 || !strings.HasPrefix(q, `"1324" OR "1325"`) {
		t.Errorf("default query not deduplicated and ordered: %s", q)
	}
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s.cfg.Query != q {
		t.Errorf("New without a query uses %q", s.cfg.Query)
	}
	if s, _ := New(Config{Query: `"1591"`}); s.cfg.Query != `"1591"` {
		t.Errorf("configured query replaced: %q", s.cfg.Query)
	}
}
