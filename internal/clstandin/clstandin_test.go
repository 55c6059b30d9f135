package clstandin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// recTB records the stand-in's complaints instead of failing this test.
type recTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recTB) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.errs
	r.errs = nil
	return out
}

func get(t *testing.T, s *Server, path, token string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Token "+token)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

// The stand-in answers what the client is configured to send and fails
// anything else, naming the URL.
func TestStandInAcceptsOnlyExpectedRequests(t *testing.T) {
	rec := &recTB{TB: t}
	s := New(rec, Options{Token: "tok", Query: `"2252"`})
	const search = APIPath + "search/?type=r&order_by=entry_date_filed+desc&q=%222252%22"
	good := []string{
		search,
		APIPath + "search/?q=%222252%22&order_by=entry_date_filed+desc&type=r&cursor=p2", // any order
		APIPath + "dockets/4000/",
		APIPath + "parties/?docket=4001&filter_nested_results=true",
		APIPath + "docket-entries/?docket=4002&order_by=entry_number&cursor=40",
	}
	for _, p := range good {
		if code, _ := get(t, s, p, "tok"); code != http.StatusOK {
			t.Errorf("%s: status %d", p, code)
		}
	}
	if errs := rec.take(); len(errs) > 0 {
		t.Fatalf("expected requests refused: %q", errs)
	}
	// The first search page links to the second with the same parameters.
	if _, body := get(t, s, search, "tok"); !strings.Contains(fmt.Sprint(body["next"]), "cursor=p2") {
		t.Errorf("first page next %v", body["next"])
	}
	bad := []string{
		APIPath + "search/?type=r&order_by=entry_date_filed+desc",                        // no q
		APIPath + "search/?type=r&order_by=entry_date_filed+desc&q=%222252%22&court=ned", // unexpected court
		APIPath + "search/?type=r&order_by=entry_date_filed+desc&q=%222252%22&cursor=p3",
		APIPath + "dockets/9999/",
		APIPath + "dockets/4000/?fields=id",
		APIPath + "parties/?docket=4001",
		APIPath + "docket-entries/?docket=4002&order_by=entry_number&page=2",
		"/api/rest/v3/dockets/4000/",
	}
	for _, p := range bad {
		if code, _ := get(t, s, p, "tok"); code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, code)
		}
		errs := rec.take()
		if len(errs) != 1 || !strings.Contains(errs[0], p) {
			t.Errorf("%s: complaints %q", p, errs)
		}
	}
	if code, _ := get(t, s, APIPath+"dockets/4000/", "wrong"); code != http.StatusUnauthorized || len(rec.take()) != 1 {
		t.Errorf("wrong token: status %d", code)
	}
	if code, _ := get(t, s, "/robots.txt", ""); code != http.StatusOK || len(rec.take()) != 0 {
		t.Errorf("robots.txt: status %d", code)
	}
	if code, _ := get(t, s, "/robots.txt", "tok"); code != http.StatusNotFound || len(rec.take()) != 1 {
		t.Errorf("robots.txt with the token: status %d", code)
	}
	if s.Hits("search/") != 3 || s.Hits("dockets/4000/") != 1 || s.Hits("/robots.txt") != 1 {
		t.Errorf("hits %v", s.AllHits())
	}
}
