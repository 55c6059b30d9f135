package ingest

import (
	"testing"
	"time"

	"casetrack/internal/fuzzguard"
)

// FuzzReleaseRecords: the press-release record reader (JSON object or
// JSONL) never panics or loops, and every record it returns has a URL and a
// key. Seeds: the real records in shared/corpus/dev plus inline shapes.
//
//	go test ./pipeline/ingest -run '^$' -fuzz FuzzReleaseRecords -fuzztime 10s
func FuzzReleaseRecords(f *testing.F) {
	fuzzguard.AddFiles(f, fuzzguard.SharedFiles("*.json", 256<<10, "corpus", "dev"))
	for _, s := range []string{
		``, `{}`, `{"url":""}`, "{\"url\":\"https://www.ice.gov/news/releases/x\",\"title\":\"t\",\"body\":\"b\",\"published\":\"2020-01-02\"}\n{\"url\":\"u\"}\n{",
		`{"url":"https://x.test/a?utm_source=y#f","publisher":"ICE","published":null,"title":"T","body":"B","topics":["a",null]}`,
		`{"url":"/relative","published":"01/02/2020","body":"x"}`, "\ufeff[1,2]", `{"url":"%zz","published":"2020-13-45"}`,
	} {
		f.Add([]byte(s))
	}
	fetched := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzguard.Call(t, "ReleaseFormat.Detect", func() { ReleaseFormat.Detect("r.jsonl", b) })
		fuzzguard.Call(t, "ReleaseFormat.Parse", func() {
			recs, _ := ReleaseFormat.Parse("r.jsonl", b, fetched)
			for i, r := range recs {
				if r.URL == "" || r.Key == "" {
					t.Errorf("record %d: url %q key %q", i, r.URL, r.Key)
				}
			}
		})
		fuzzguard.Call(t, "CanonicalURL", func() { CanonicalURL(string(b)) })
	})
}
