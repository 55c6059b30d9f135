package doj

import (
	"errors"
	"testing"

	"casetrack/internal/fuzzguard"
	"casetrack/sources"
)

// FuzzParse: the justice.gov API decoder never panics or loops, and either
// fails with ErrLayout or returns records that each carry a key and a URL.
// Seeds: the real API pages in shared/fixtures/doj plus small inline shapes.
//
//	go test ./sources/doj -run '^$' -fuzz FuzzParse -fuzztime 10s
func FuzzParse(f *testing.F) {
	fuzzguard.AddFiles(f, fuzzguard.SharedFiles("*.json", 1<<20, "fixtures", "doj"))
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"results":[]}`, `{"metadata":{"resultset":{"count":"1","pagesize":1,"page":0}},"results":[{}]}`,
		`{"results":[{"uuid":"u","title":"T","url":"https://www.justice.gov/usao-id/pr/x","date":"1577836800","changed":1577836800,"component":[{"name":"USAO - Idaho"}],"body":"<p>x</p>","topic":[]}]}`,
		`{"uuid":"u","title":"T","url":"/x","date":"2024-01-02T03:04:05-05:00","component":{"name":"FBI"},"topic":"Child Exploitation"}`,
		`{"results":[{"uuid":1,"date":[],"component":"x","topic":[{"name":{}}]}]}`,
		"\xef\xbb\xbf{\"results\":null}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var recs []sources.Record
		var err error
		fuzzguard.Call(t, "doj.Parse", func() {
			recs, err = Parse(sources.Document{Source: Name, URL: "https://www.justice.gov/api/v1/press_releases.json", Body: body})
		})
		if err != nil {
			if !errors.Is(err, sources.ErrLayout) {
				t.Fatalf("error does not wrap ErrLayout: %v", err)
			}
			if len(recs) > 0 {
				t.Fatalf("%d records returned with an error", len(recs))
			}
			return
		}
		for i, r := range recs {
			if r.Key == "" || r.Source != Name {
				t.Fatalf("record %d: key %q source %q", i, r.Key, r.Source)
			}
		}
		fuzzguard.Call(t, "doj.Detect", func() { Detect("press_releases.json", body) })
	})
}
