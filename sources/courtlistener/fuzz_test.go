package courtlistener

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"casetrack/internal/fuzzguard"
	"casetrack/sources"
)

// FuzzParse: the CourtListener bundle decoder never panics or loops and
// fails only with ErrLayout. Seeds: the real API responses in
// shared/fixtures/courtlistener (wrapped as bundles) plus inline bundles.
//
//	go test ./sources/courtlistener -run '^$' -fuzz FuzzParse -fuzztime 10s
func FuzzParse(f *testing.F) {
	for _, p := range fuzzguard.SharedFiles("*.json", 1<<20, "fixtures", "courtlistener") {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw) // as saved
		if b, err := json.Marshal(bundle{Format: bundleFormat, Docket: bytes.ReplaceAll(raw, []byte("{{ version }}"), []byte("v4"))}); err == nil {
			f.Add(b) // as Crawl bundles it
		}
	}
	for _, s := range []string{
		``, `{}`, `{"format":"` + bundleFormat + `"}`,
		`{"format":"` + bundleFormat + `","docket":{"id":1,"court_id":"nvd","docket_number":"2:18-cr-1","case_name":"USA v. Doe","date_filed":"2018-01-02"},"parties":[{"name":"Doe","party_types":[{"name":"Defendant","criminal_counts":[{"name":"18:2252A.F","disposition":"Guilty"}]}]}],"entries":[{"date_filed":"2018-02-03","entry_number":1,"description":"INDICTMENT"}]}`,
		`{"format":"` + bundleFormat + `","docket":{"date_filed":"x"},"parties":[1],"entries":[null]}`,
	} {
		f.Add([]byte(s))
	}
	src, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var err error
		fuzzguard.Call(t, "courtlistener.Parse", func() {
			_, err = src.Parse(sources.Document{Source: Name, URL: "https://www.courtlistener.com/api/rest/v4/dockets/1/", Body: body})
		})
		if err != nil && !errors.Is(err, sources.ErrLayout) {
			t.Fatalf("error does not wrap ErrLayout: %v", err)
		}
	})
}
