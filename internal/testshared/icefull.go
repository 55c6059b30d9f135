package testshared

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"casetrack/sources"
)

// ICEFullRecords reads the 964 real ICE releases of corpus/ice-full/records.jsonl
// as records (Source "ice"; titles and bodies as stored), skipping the test when
// the corpus is absent. Packages below pipeline/ingest use it in tests and
// benchmarks; it cannot use the importer's reader without an import cycle.
func ICEFullRecords(tb testing.TB) []sources.Record {
	tb.Helper()
	path := Path(tb, "corpus", "ice-full", "records.jsonl")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var recs []sources.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ URL, Publisher, Published, Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		pub, _ := time.Parse(time.DateOnly, r.Published)
		recs = append(recs, sources.Record{Source: "ice", URL: r.URL, Publisher: r.Publisher, Published: pub,
			Title: r.Title, Body: r.Body})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return recs
}
