// Package clstandin is a local stand-in for CourtListener's REST API v4, for
// tests only (sources/courtlistener's own tests and cmd/casetrack's end-to-end
// run). It serves CONSTRUCTED responses: no real v4 GET response could be
// recorded for this project, so each docket, its parties
// (party_types[].criminal_counts, criminal_complaints) and its docket entries
// are built at run time from juriscraper's expected JSON of a real PACER
// docket in ../shared/fixtures/pacer/district_dockets, using the v4 field
// names (sources/courtlistener checks those names against CourtListener's
// real OPTIONS metadata). The case content is real; the responses are not.
//
// The server answers only the requests the courtlistener source is expected
// to make (a RECAP search with the configured query and courts, docket
// details, parties and docket entries with cursor pagination, and
// robots.txt); anything else fails the test, naming the URL. Every API
// request must carry the configured token.
package clstandin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"casetrack/internal/testshared"
)

// APIPath is the path of the API root on the stand-in.
const APIPath = "/api/rest/v4/"

// PageSize is how many parties or entries one list page holds, small enough
// that the longer dockets need several pages.
const PageSize = 40

// Case is one real PACER docket served as a CourtListener docket.
type Case struct {
	File     string // base name of the juriscraper JSON in fixtures/pacer/district_dockets
	Modified string // the docket's date_modified (constructed)
}

// Cases are the four dockets the issue names: D. Neb. Benz, D. Ariz.
// Santana-Esmeralda, D. Utah Mitchell, W.D. Wash. Stephens, in search
// result order. ID of Cases[i] is FirstID+i.
var Cases = []Case{
	{"ned", "2024-03-01T10:00:00.123456-07:00"},
	{"azd", "2024-02-01T10:00:00Z"},
	{"utd", "2023-12-01T10:00:00Z"},
	{"wawd", "2024-01-15T10:00:00Z"},
}

// FirstID is the CourtListener docket id of Cases[0].
const FirstID = 4000

// Options say what the stand-in expects from the client.
type Options struct {
	Token  string   // required Authorization: Token <Token>
	Query  string   // the search "q" parameter; "" means the client sends none
	Courts []string // the search "court" parameter, space-joined; nil means none
}

// Server is a running stand-in.
type Server struct {
	*httptest.Server
	tb      testing.TB
	opts    Options
	dockets map[int64]docket
	order   []int64
	mu      sync.Mutex
	hits    map[string]int
}

type docket struct {
	body    map[string]any
	parties []any
	entries []any
}

// New starts a stand-in serving Cases (skipping the test when the shared
// fixtures are absent) and closes it when the test ends.
func New(tb testing.TB, opts Options) *Server {
	tb.Helper()
	dir := testshared.Path(tb, "fixtures", "pacer", "district_dockets")
	s := &Server{tb: tb, opts: opts, dockets: map[int64]docket{}, hits: map[string]int{}}
	for i, c := range Cases {
		id := int64(FirstID + i)
		d, err := construct(id, c.Modified, filepath.Join(dir, c.File+".json"))
		if err != nil {
			tb.Fatalf("clstandin: %s: %v", c.File, err)
		}
		s.dockets[id] = d
		s.order = append(s.order, id)
	}
	s.Server = httptest.NewServer(s)
	tb.Cleanup(s.Close)
	return s
}

// BaseURL is the API root to give the client.
func (s *Server) BaseURL() string { return s.URL + APIPath }

// Hits returns how many requests the stand-in answered for a path below
// the API root ("search/", "parties/", "docket-entries/", "dockets/<id>/"),
// or for "/robots.txt".
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// AllHits returns a copy of the request counts by path, as Hits names them.
func (s *Server) AllHits() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.hits))
	for p, c := range s.hits {
		out[p] = c
	}
	return out
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Method != http.MethodGet {
		s.fail(w, r, "method "+r.Method)
		return
	}
	if r.URL.Path == "/robots.txt" {
		// The fetcher's robots.txt request must not carry the token.
		if got := r.Header.Get("Authorization"); got != "" || r.URL.RawQuery != "" {
			s.fail(w, r, fmt.Sprintf("robots.txt request with Authorization %q", got))
			return
		}
		s.hits[r.URL.Path]++
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		return
	}
	if got := r.Header.Get("Authorization"); got != "Token "+s.opts.Token {
		s.tb.Errorf("clstandin: %s: Authorization header %q", r.URL, got)
		http.Error(w, `{"detail":"Invalid token."}`, http.StatusUnauthorized)
		return
	}
	if !strings.HasPrefix(r.URL.Path, APIPath) {
		s.fail(w, r, "not under "+APIPath)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, APIPath)
	q := r.URL.Query()
	base := "http://" + r.Host + APIPath
	switch {
	case path == "search/":
		if s.search(w, q, base) {
			s.hits[path]++
			return
		}
	case strings.HasPrefix(path, "dockets/") && strings.HasSuffix(path, "/") && len(q) == 0:
		id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(path, "dockets/"), "/"), 10, 64)
		if d, ok := s.dockets[id]; ok && err == nil {
			s.hits[path]++
			write(w, d.body)
			return
		}
	case path == "parties/":
		if d, id, ok := s.listFor(q, "filter_nested_results", "true"); ok {
			s.hits[path]++
			page(w, d.parties, q.Get("cursor"), func(n int) string {
				return fmt.Sprintf("%sparties/?docket=%d&filter_nested_results=true&cursor=%d", base, id, n)
			})
			return
		}
	case path == "docket-entries/":
		if d, id, ok := s.listFor(q, "order_by", "entry_number"); ok {
			s.hits[path]++
			page(w, d.entries, q.Get("cursor"), func(n int) string {
				return fmt.Sprintf("%sdocket-entries/?docket=%d&order_by=entry_number&cursor=%d", base, id, n)
			})
			return
		}
	}
	s.fail(w, r, "unexpected request")
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, why string) {
	s.tb.Errorf("clstandin: %s %s", why, r.URL)
	http.NotFound(w, r)
}

// search answers the RECAP search the client is configured for: exactly
// type=r, order_by, and q and court when configured, plus the cursor of the
// second page. Two pages of hits, one docket id repeated across them.
func (s *Server) search(w http.ResponseWriter, q url.Values, base string) bool {
	want := url.Values{"type": {"r"}, "order_by": {"entry_date_filed desc"}}
	if s.opts.Query != "" {
		want.Set("q", s.opts.Query)
	}
	if len(s.opts.Courts) > 0 {
		want.Set("court", strings.Join(s.opts.Courts, " "))
	}
	cursor := q.Get("cursor")
	got := url.Values{}
	for k, v := range q {
		if k != "cursor" {
			got[k] = v
		}
	}
	if !sameValues(got, want) {
		return false
	}
	switch cursor {
	case "":
		next := url.Values{}
		for k, v := range want {
			next[k] = v
		}
		next.Set("cursor", "p2")
		write(w, map[string]any{"next": base + "search/?" + next.Encode(),
			"results": []any{map[string]any{"docket_id": s.order[0]}, map[string]any{"docket_id": s.order[1]}}})
	case "p2":
		var rest []any
		for _, id := range s.order[1:] {
			rest = append(rest, map[string]any{"docket_id": id})
		}
		write(w, map[string]any{"next": nil, "results": rest})
	default:
		return false
	}
	return true
}

// listFor checks a parties or docket-entries query: docket=<known id>, the
// one extra parameter the client sends, and an optional cursor.
func (s *Server) listFor(q url.Values, key, val string) (docket, int64, bool) {
	for k, v := range q {
		if len(v) != 1 || (k != "docket" && k != key && k != "cursor") {
			return docket{}, 0, false
		}
	}
	if q.Get(key) != val {
		return docket{}, 0, false
	}
	id, err := strconv.ParseInt(q.Get("docket"), 10, 64)
	d, ok := s.dockets[id]
	return d, id, ok && err == nil
}

func sameValues(a, b url.Values) bool {
	if len(a) != len(b) {
		return false
	}
	for k, av := range a {
		bv := b[k]
		if len(av) != len(bv) {
			return false
		}
		av, bv = append([]string(nil), av...), append([]string(nil), bv...)
		sort.Strings(av)
		sort.Strings(bv)
		for i := range av {
			if av[i] != bv[i] {
				return false
			}
		}
	}
	return true
}

func write(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// page writes one cursor page of items; the cursor is the start offset.
func page(w http.ResponseWriter, items []any, cursor string, nextURL func(int) string) {
	start, _ := strconv.Atoi(cursor)
	start = min(max(start, 0), len(items))
	end := min(start+PageSize, len(items))
	var next any
	if end < len(items) {
		next = nextURL(end)
	}
	write(w, map[string]any{"count": len(items), "next": next, "previous": nil, "results": items[start:end]})
}

// jsCase is juriscraper's expected parse of a real PACER docket: the content
// a CourtListener parties/entries call returns for the same case
// (PROVENANCE: "the same name/disposition/status triple").
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

// construct builds the v4 docket, parties and entries of one case.
func construct(id int64, modified, jsonPath string) (docket, error) {
	raw, err := os.ReadFile(jsonPath)
	if err != nil {
		return docket{}, err
	}
	var js jsCase
	if err := json.Unmarshal(raw, &js); err != nil {
		return docket{}, err
	}
	var defNo any
	if js.DefendantNo != nil {
		n, err := strconv.Atoi(*js.DefendantNo)
		if err != nil {
			return docket{}, fmt.Errorf("federal_defendant_number %q: %w", *js.DefendantNo, err)
		}
		defNo = n
	}
	d := docket{body: map[string]any{
		"id": id, "court_id": js.CourtID, "absolute_url": fmt.Sprintf("/docket/%d/constructed/", id),
		"date_modified": modified, "date_filed": js.DateFiled, "date_terminated": js.DateTerminated,
		"date_last_filing": nil, "case_name": js.CaseName, "docket_number": js.DocketNumber,
		"assigned_to_str": js.AssignedTo, "federal_dn_case_type": js.CaseType,
		"federal_dn_judge_initials_assigned": js.Judge, "federal_defendant_number": defNo,
		"pacer_case_id": nil,
	}}
	for i, p := range js.Parties {
		pt := map[string]any{"docket": fmt.Sprintf("%sdockets/%d/", APIPath, id), "docket_id": id,
			"name": p.Type, "date_terminated": p.DateTerminated, "extra_info": p.ExtraInfo,
			"criminal_counts": []any{}, "criminal_complaints": []any{},
			"highest_offense_level_opening": "", "highest_offense_level_terminated": ""}
		if cd := p.CriminalData; cd != nil {
			pt["highest_offense_level_opening"] = cd.HOLOpening
			pt["highest_offense_level_terminated"] = cd.HOLTerminated
			var counts, complaints []any
			for j, cnt := range cd.Counts {
				st := 1 // Pending
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
		// The same person's role in another docket, which clients must ignore
		// (parties are people; party_types are per docket).
		other := map[string]any{"docket_id": id + 1_000_000, "name": "Defendant", "criminal_counts": []any{
			map[string]any{"name": "OTHER CASE COUNT(1)", "disposition": "", "status": 1}}}
		d.parties = append(d.parties, map[string]any{"id": id*100 + int64(i), "name": p.Name, "extra_info": p.ExtraInfo,
			"attorneys": []any{}, "party_types": []any{pt, other}})
	}
	for _, e := range js.Entries {
		var num any
		if e.Number != nil {
			n, err := strconv.Atoi(*e.Number)
			if err != nil {
				return docket{}, fmt.Errorf("document_number %q: %w", *e.Number, err)
			}
			num = n
		}
		docs := []any{}
		if e.PacerDocID != nil {
			docs = append(docs, map[string]any{"document_type": 1, "pacer_doc_id": *e.PacerDocID, "description": ""})
		}
		d.entries = append(d.entries, map[string]any{"entry_number": num, "date_filed": e.DateFiled,
			"description": e.Description, "pacer_sequence_number": e.PacerSeqNo, "recap_documents": docs})
	}
	return d, nil
}
