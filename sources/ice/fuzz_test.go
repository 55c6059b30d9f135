package ice

import (
	"errors"
	"path/filepath"
	"testing"

	"casetrack/internal/fuzzguard"
	"casetrack/sources"
)

// FuzzParse: the ice.gov page parser never panics or loops, and either
// fails with ErrLayout or returns records that each carry a key, a URL and
// text. Seeds: the constructed pages in testdata plus small inline shapes.
//
//	go test ./sources/ice -run '^$' -fuzz FuzzParse -fuzztime 10s
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	fuzzguard.AddFiles(f, files)
	for _, s := range []string{``, `<html></html>`, `<div class="nr-body"><p>x</p></div>`,
		`<meta property="article:published_time" content="2025-02-03T12:00:00-05:00"><link rel="canonical" href="https://www.ice.gov/news/releases/x">`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var recs []sources.Record
		var err error
		fuzzguard.Call(t, "ice.Parse", func() {
			recs, err = Parse(sources.Document{Source: Name, URL: "https://www.ice.gov/news/releases/fuzz", Body: body})
		})
		if err != nil {
			if !errors.Is(err, sources.ErrLayout) {
				t.Fatalf("error does not wrap ErrLayout: %v", err)
			}
			return
		}
		for _, r := range recs {
			if r.Key == "" || r.URL == "" || (r.Title == "" && r.Body == "") {
				t.Fatalf("incomplete record %+v", r)
			}
		}
	})
}
