package normalize_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/internal/testshared/dojpage"
	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

var (
	updateGolden = flag.Bool("update", false, "rewrite testdata/golden_extraction.txt from the current extraction")
	goldenOut    = flag.String("golden.out", "", "write the full extraction dump (JSONL) to this file, to diff two versions")
)

// goldenRecords are the real releases the golden test extracts: every body
// of corpus/ice-full, the 100 releases of the 2020 DOJ API page, and the
// dev and dev-ice gold files (read as `casetrack import` reads them: title
// whitespace folded).
func goldenRecords(t *testing.T) []sources.Record {
	t.Helper()
	var recs []sources.Record
	for _, r := range testshared.ICEFullRecords(t) {
		r.Title = strings.Join(strings.Fields(r.Title), " ")
		recs = append(recs, r)
	}
	recs = append(recs, dojpage.Records(t)...)
	for _, dir := range []string{"dev", "dev-ice"} {
		files, err := filepath.Glob(filepath.Join(testshared.Path(t, "corpus", dir), "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var g struct {
				URL, Publisher, Title, Body string
				Published                   *string
			}
			if err := json.Unmarshal(b, &g); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			r := sources.Record{Source: "file", URL: g.URL, Publisher: g.Publisher,
				Title: strings.Join(strings.Fields(g.Title), " "), Body: g.Body}
			if g.Published != nil && *g.Published != "" {
				if r.Published, err = time.Parse("2006-01-02", *g.Published); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
			}
			recs = append(recs, r)
		}
	}
	return recs
}

// TestGoldenExtraction pins the output of extraction over ~1,100 real
// releases to a hash, so a change meant to be behaviour-preserving (speed
// work, refactoring) is proven so. A change meant to alter extraction
// updates the hash with `go test ./pipeline/normalize -run Golden -update`
// after checking `casetrack eval`; diff the two versions' dumps with
// -golden.out FILE run before and after the change.
func TestGoldenExtraction(t *testing.T) {
	recs := goldenRecords(t)
	n, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	var dump *bufio.Writer
	if *goldenOut != "" {
		f, err := os.Create(*goldenOut)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		dump = bufio.NewWriter(f)
		defer dump.Flush()
	}
	events := 0
	for _, r := range recs {
		evs := n.Events(r)
		events += len(evs)
		line, err := json.Marshal(struct {
			URL    string
			Events []normalize.Event
		}{r.URL, evs})
		if err != nil {
			t.Fatal(err)
		}
		h.Write(line)
		h.Write([]byte{'\n'})
		if dump != nil {
			dump.Write(line)
			dump.WriteByte('\n')
		}
	}
	got := fmt.Sprintf("records %d\nevents %d\nsha256 %s\n", len(recs), events, hex.EncodeToString(h.Sum(nil)))
	const file = "testdata/golden_extraction.txt"
	if *updateGolden {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if string(want) != got {
		t.Errorf("extraction changed over the golden records:\n got %s\nwant %s\n"+
			"if the change is meant, check casetrack eval, diff dumps (-golden.out) and rerun with -update", got, want)
	}
}
