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
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

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

// jsCase is juriscraper's expected parse of a real PACER docket, the content
// a CourtListener parties/entries call returns for the same case (PROVENANCE:
// "the same name/disposition/status triple").
type jsCase struct {
	DocketNumber   string  `json:"docket_number"`
	CaseName       string  `json:"case_name"`
	CourtID        string  `json:"court_id"`
	DateFiled      *string `json:"date_filed"`
	DateTerminated *string `json:"date_terminated"`
	AssignedTo     string  `json:"assigned_to_str"`
	CaseType       *string `json:"federal_dn_case_type"`
	Judge          *string `json:"federal_dn_judge_initials_assigned"`
	DefendantNo    *string `json:"federal_defendant_number"`
	Entries        []struct {
		DateFiled   *string `json:"date_filed"`
		Number      *string `json:"document_number"`
		PacerDocID  *string `json:"pacer_doc_id"`
		PacerSeqNo  *string `json:"pacer_seq_no"`
		Description string  `json:"description"`
	} `json:"docket_entries"`
	Parties []struct {
		Name           string  `json:"name"`
		Type           string  `json:"type"`
		ExtraInfo      string  `json:"extra_info"`
		DateTerminated *string `json:"date_terminated"`
		CriminalData   *struct {
			Counts []struct {
				Name, Disposition, Status string
			} `json:"counts"`
			Complaints []struct {
				Name, Disposition string
			} `json:"complaints"`
			HOLOpening    string `json:"highest_offense_level_opening"`
			HOLTerminated string `json:"highest_offense_level_terminated"`
		} `json:"criminal_data"`
	} `json:"parties"`
}

// constructed v4 responses for one docket, built at test time from the
// juriscraper JSON with the v4 field names (checked against OPTIONS by
// TestDecoderFieldsExistInOptions). They are constructed, not recorded.
type constructedDocket struct {
	id       int64
	modified string
	docket   map[string]any
	parties  []map[string]any
	entries  []map[string]any
}

func construct(t *testing.T, id int64, modified, jsonPath string) constructedDocket {
	t.Helper()
	raw, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var js jsCase
	if err := json.Unmarshal(raw, &js); err != nil {
		t.Fatal(err)
	}
	var defNo any
	if js.DefendantNo != nil {
		n, _ := strconv.Atoi(*js.DefendantNo)
		defNo = n
	}
	c := constructedDocket{id: id, modified: modified}
	c.docket = map[string]any{
		"id": id, "court_id": js.CourtID, "absolute_url": fmt.Sprintf("/docket/%d/constructed/", id),
		"date_modified": modified, "date_filed": js.DateFiled, "date_terminated": js.DateTerminated,
		"date_last_filing": nil, "case_name": js.CaseName, "docket_number": js.DocketNumber,
		"assigned_to_str": js.AssignedTo, "federal_dn_case_type": js.CaseType,
		"federal_dn_judge_initials_assigned": js.Judge, "federal_defendant_number": defNo,
		"pacer_case_id": nil,
	}
	for i, p := range js.Parties {
		pt := map[string]any{"docket": fmt.Sprintf("/api/rest/v4/dockets/%d/", id), "docket_id": id,
			"name": p.Type, "date_terminated": p.DateTerminated, "extra_info": p.ExtraInfo,
			"criminal_counts": []any{}, "criminal_complaints": []any{},
			"highest_offense_level_opening": "", "highest_offense_level_terminated": ""}
		if cd := p.CriminalData; cd != nil {
			pt["highest_offense_level_opening"] = cd.HOLOpening
			pt["highest_offense_level_terminated"] = cd.HOLTerminated
			var counts, complaints []any
			for j, cnt := range cd.Counts {
				st := 1
				if cnt.Status == "terminated" {
					st = 2
				}
				counts = append(counts, map[string]any{"id": j + 1, "name": cnt.Name, "disposition": cnt.Disposition, "status": st})
			}
			for j, cp := range cd.Complaints {
				complaints = append(complaints, map[string]any{"id": j + 1, "name": cp.Name, "disposition": cp.Disposition})
			}
			if counts != nil {
				pt["criminal_counts"] = counts
			}
			if complaints != nil {
				pt["criminal_complaints"] = complaints
			}
		}
		// A party's role in another docket, which the decoder must ignore.
		other := map[string]any{"docket_id": id + 1_000_000, "name": "Defendant", "criminal_counts": []any{
			map[string]any{"name": "OTHER CASE COUNT(1)", "disposition": "", "status": 1}}}
		c.parties = append(c.parties, map[string]any{"id": id*100 + int64(i), "name": p.Name, "extra_info": p.ExtraInfo,
			"attorneys": []any{}, "party_types": []any{pt, other}})
	}
	for _, e := range js.Entries {
		var num any
		if e.Number != nil {
			n, _ := strconv.Atoi(*e.Number)
			num = n
		}
		docs := []any{}
		if e.PacerDocID != nil {
			docs = append(docs, map[string]any{"document_type": 1, "pacer_doc_id": *e.PacerDocID, "description": ""})
		}
		c.entries = append(c.entries, map[string]any{"entry_number": num, "date_filed": e.DateFiled,
			"description": e.Description, "pacer_sequence_number": e.PacerSeqNo, "recap_documents": docs})
	}
	return c
}

// standIn is a local stand-in for the v4 API serving constructed responses.
// Any request it does not expect fails the test, naming the URL.
type standIn struct {
	t       *testing.T
	token   string
	dockets map[int64]constructedDocket
	order   []int64
	mu      sync.Mutex
	hits    map[string]int
}

const pageSize = 40

func (s *standIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if got := r.Header.Get("Authorization"); got != "Token "+s.token {
		s.t.Errorf("%s: Authorization header %q", r.URL, got)
		http.Error(w, "no token", http.StatusUnauthorized)
		return
	}
	base := "http://" + r.Host + "/api/rest/v4/"
	q := r.URL.Query()
	path := strings.TrimPrefix(r.URL.Path, "/api/rest/v4/")
	s.hits[path]++
	write := func(v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	pageOf := func(items []any, cursor string, nextURL func(int) string) {
		start, _ := strconv.Atoi(cursor)
		end := min(start+pageSize, len(items))
		var next any
		if end < len(items) {
			next = nextURL(end)
		}
		write(map[string]any{"count": len(items), "next": next, "previous": nil, "results": items[start:end]})
	}
	switch {
	case path == "search/" && q.Get("type") == "r" && q.Get("q") == `"2252" OR "1326"` && q.Get("court") == "ned azd utd wawd":
		// Two pages of hits (cursor pagination), one id repeated.
		if q.Get("cursor") == "" {
			write(map[string]any{"next": base + "search/?type=r&q=%222252%22+OR+%221326%22&court=ned+azd+utd+wawd&order_by=entry_date_filed+desc&cursor=p2",
				"results": []any{map[string]any{"docket_id": s.order[0]}, map[string]any{"docket_id": s.order[1]}}})
			return
		}
		if q.Get("cursor") != "p2" {
			break
		}
		var rest []any
		for _, id := range s.order[1:] {
			rest = append(rest, map[string]any{"docket_id": id})
		}
		write(map[string]any{"next": nil, "results": rest})
		return
	case strings.HasPrefix(path, "dockets/"):
		id, _ := strconv.ParseInt(strings.Trim(strings.TrimPrefix(path, "dockets/"), "/"), 10, 64)
		if d, ok := s.dockets[id]; ok && len(q) == 0 {
			write(d.docket)
			return
		}
	case path == "parties/" && q.Get("filter_nested_results") == "true":
		id, _ := strconv.ParseInt(q.Get("docket"), 10, 64)
		if d, ok := s.dockets[id]; ok {
			items := make([]any, len(d.parties))
			for i := range d.parties {
				items[i] = d.parties[i]
			}
			pageOf(items, q.Get("cursor"), func(n int) string {
				return fmt.Sprintf("%sparties/?docket=%d&filter_nested_results=true&cursor=%d", base, id, n)
			})
			return
		}
	case path == "docket-entries/" && q.Get("order_by") == "entry_number":
		id, _ := strconv.ParseInt(q.Get("docket"), 10, 64)
		if d, ok := s.dockets[id]; ok {
			items := make([]any, len(d.entries))
			for i := range d.entries {
				items[i] = d.entries[i]
			}
			pageOf(items, q.Get("cursor"), func(n int) string {
				return fmt.Sprintf("%sdocket-entries/?docket=%d&order_by=entry_number&cursor=%d", base, id, n)
			})
			return
		}
	}
	s.t.Errorf("unexpected request %s", r.URL)
	http.NotFound(w, r)
}

var mustCases = []struct {
	file     string
	modified string
}{
	{"ned", "2024-03-01T10:00:00.123456-07:00"},
	{"azd", "2024-02-01T10:00:00Z"},
	{"utd", "2023-12-01T10:00:00Z"},
	{"wawd", "2024-01-15T10:00:00Z"},
}

func newStandIn(t *testing.T) (*standIn, *httptest.Server) {
	dir := testshared.Path(t, "fixtures", "pacer", "district_dockets")
	si := &standIn{t: t, token: "test-token-not-real", dockets: map[int64]constructedDocket{}, hits: map[string]int{}}
	for i, c := range mustCases {
		id := int64(4000 + i)
		si.dockets[id] = construct(t, id, c.modified, filepath.Join(dir, c.file+".json"))
		si.order = append(si.order, id)
	}
	srv := httptest.NewServer(si)
	t.Cleanup(srv.Close)
	return si, srv
}

func newTestSource(t *testing.T, srv *httptest.Server, token string) *Source {
	t.Helper()
	s, err := New(Config{BaseURL: srv.URL + "/api/rest/v4/", Token: token, Query: `"2252" OR "1326"`, Courts: []string{"ned", "azd", "utd", "wawd"}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCrawlAndParseMatchPacer crawls the stand-in and checks that each
// CourtListener docket maps to the same sources.Docket, and the same
// court-verified events, as the PACER parser gives for the real page.
func TestCrawlAndParseMatchPacer(t *testing.T) {
	si, srv := newStandIn(t)
	s := newTestSource(t, srv, si.token)
	f := httpFetcher{srv.Client()}
	var docs []sources.Document
	cur, err := s.Crawl(context.Background(), f, "", func(d sources.Document) error { docs = append(docs, d); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(mustCases) {
		t.Fatalf("%d documents, want %d", len(docs), len(mustCases))
	}
	// Newest date_modified: ned's 2024-03-01T10:00:00.123456-07:00.
	if cur != "2024-03-01T17:00:00.123456Z" {
		t.Errorf("cursor %q", cur)
	}
	if si.hits["search/"] != 2 || si.hits["docket-entries/"] < 4+3 {
		t.Errorf("pagination not followed: %v", si.hits)
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
		raw, _ := os.ReadFile(testshared.Path(t, "fixtures", "pacer", "district_dockets", mustCases[i].file+".html"))
		precs, err := ps.Parse(sources.Document{Body: raw})
		if err != nil {
			t.Fatal(err)
		}
		pr := precs[0]
		if cl.Source != Name || cl.Key != pr.Key || cl.Publisher != "court" || !strings.HasPrefix(cl.URL, "https://www.courtlistener.com/docket/") {
			t.Errorf("%s: record %q %q %q %q (pacer key %q)", mustCases[i].file, cl.Source, cl.Key, cl.Publisher, cl.URL, pr.Key)
		}
		a, b := cl.Docket, pr.Docket
		if a.Court != b.Court || a.District != b.District || a.DocketNumber != b.DocketNumber || a.CaseName != b.CaseName ||
			!a.DateFiled.Equal(b.DateFiled) || !a.DateTerminated.Equal(b.DateTerminated) || a.CaseType != b.CaseType ||
			a.DefendantNumber != b.DefendantNumber || a.JudgeInitials != b.JudgeInitials {
			t.Errorf("%s: header differs:\n cl    %+v\n pacer %+v", mustCases[i].file, hdr(a), hdr(b))
		}
		if len(a.Defendants) != len(b.Defendants) {
			t.Fatalf("%s: %d defendants vs %d", mustCases[i].file, len(a.Defendants), len(b.Defendants))
		}
		for k := range a.Defendants {
			x, y := a.Defendants[k], b.Defendants[k]
			y.Aliases = nil // the parties endpoint has no alias list
			y.Number = 0    // nor the "Defendant (n)" heading number
			if !reflect.DeepEqual(x, y) {
				t.Errorf("%s: defendant differs:\n cl    %+v\n pacer %+v", mustCases[i].file, x, y)
			}
		}
		if len(a.Entries) != len(b.Entries) {
			t.Errorf("%s: %d entries vs %d", mustCases[i].file, len(a.Entries), len(b.Entries))
		}
		for k := 0; k < len(a.Entries) && k < len(b.Entries); k++ {
			if !a.Entries[k].Date.Equal(b.Entries[k].Date) || a.Entries[k].Number != b.Entries[k].Number {
				t.Errorf("%s: entry %d: %v %q vs %v %q", mustCases[i].file, k, a.Entries[k].Date, a.Entries[k].Number, b.Entries[k].Date, b.Entries[k].Number)
			}
		}
		// Same court-verified outcomes from either source (entry texts
		// differ only in white space, so dates agree too).
		if got, want := summary(n.DocketEvents(cl)), summary(n.DocketEvents(pr)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: events differ:\n cl    %q\n pacer %q", mustCases[i].file, got, want)
		}
	}

	// Incremental: with the cursor from the first run nothing changed, so
	// no parties or entries are fetched and nothing is emitted.
	before := si.hits["parties/"] + si.hits["docket-entries/"]
	var again []sources.Document
	cur2, err := s.Crawl(context.Background(), f, cur, func(d sources.Document) error { again = append(again, d); return nil })
	if err != nil || cur2 != cur || len(again) != 0 || si.hits["parties/"]+si.hits["docket-entries/"] != before {
		t.Errorf("second run: cursor %q err %v docs %d hits %v", cur2, err, len(again), si.hits)
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
