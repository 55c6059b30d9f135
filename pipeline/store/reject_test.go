package store

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// One document that cannot be stored (a script link, text that is not
// UTF-8, a number out of range, a value the database refuses) does not
// sink its batch: the others are stored, each failure is kept in
// parse_errors with its reason, and storing it fixed later clears that.
// A body far over read_csv's default 2,000,000-byte line is stored whole.
func TestLoadIsolatesDocumentsThatCannotBeStored(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.duckdb"), ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	big := strings.Repeat("A sentence of a very long release. ", 90_000) // 3.1 MB, one staging line
	script := testItem("script", "body")
	script.Record.URL = " java\tscript:alert(1)"
	data := testItem("data", "body")
	data.Record.URL = "data:text/html,<b>x</b>"
	badText := testItem("latin1", "caf\xe9")
	badText.Ref = "/imports/latin1.json"
	count := testItem("count", "body", ev("arrest", "A B"))
	count.Events[0].PersonCount = math.MaxInt32 + 1
	refused := testItem("refused", "body", ev("sentenced", "C D"))
	refused.Record.FetchedAt = time.Date(300000, 1, 1, 0, 0, 0, 0, time.UTC) // passes the checks; past DuckDB's TIMESTAMP
	cut := testItem("cut", "the first part")
	cut.Record.BodyBytes = 9_000_000
	items := []Item{testItem("a", "ok", ev("arrest", "E F")), script, data, badText, count, refused, testItem("big", big), cut}

	st, err := s.Load(ctx, 1, items)
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 3 || len(st.Failed) != 5 {
		t.Fatalf("stats %+v", st)
	}
	docs, events := counts(t, s)
	if docs != 3 || events != 1 {
		t.Errorf("stored %d documents, %d events; want 3, 1", docs, events)
	}
	var full int64
	if err := s.DB().QueryRow(`SELECT body_full_bytes FROM documents WHERE key = 'cut'`).Scan(&full); err != nil || full != 9_000_000 {
		t.Errorf("body_full_bytes of the cut body: %d (%v)", full, err)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT length(body) FROM documents WHERE key = 'big'`).Scan(&n); err != nil || n != len(big) {
		t.Errorf("big body: %d bytes stored of %d (%v)", n, len(big), err)
	}
	reasons := map[string]string{}
	rows, err := s.DB().Query(`SELECT ref, error FROM parse_errors`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var ref, msg string
		rows.Scan(&ref, &msg)
		reasons[ref] = msg
	}
	rows.Close()
	for ref, want := range map[string]string{
		" java\tscript:alert(1)#file:script":        "not a web address",
		"data:text/html,<b>x</b>#file:data":         "not a web address",
		"/imports/latin1.json#file:latin1":          "body is not valid UTF-8",
		"https://example.test/count#file:count":     "out of range",
		"https://example.test/refused#file:refused": "cannot be stored: insert documents",
	} {
		if got, ok := reasons[ref]; !ok || !strings.Contains(got, want) {
			t.Errorf("parse_errors[%q] = %q, want a reason with %q", ref, got, want)
		}
	}
	for _, f := range st.Failed {
		if len(f.Error()) > 1000 {
			t.Errorf("a failure's reason runs to %d bytes", len(f.Error()))
		}
	}

	// fixed, it is stored and its parse error goes
	count.Events[0].PersonCount = 3
	if st, err := s.Load(ctx, 2, []Item{count}); err != nil || st.New != 1 || len(st.Failed) != 0 {
		t.Fatalf("fixed: %+v %v", st, err)
	}
	if err := s.DB().QueryRow(`SELECT count(*) FROM parse_errors WHERE ref LIKE '%file:count'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("parse error of the fixed document: %d rows (%v)", n, err)
	}
}
