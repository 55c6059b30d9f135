package export

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

func TestSafeCell(t *testing.T) {
	cases := map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+1+2":                     "'+1+2",
		"-2+3":                     "'-2+3",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\tx":                      "'\tx",
		"\rx":                      "'\rx",
		"-3":                       "-3",
		"-3.25":                    "-3.25",
		"+7":                       "+7",
		"John Doe":                 "John Doe",
		"":                         "",
		"18 U.S.C. 2252":           "18 U.S.C. 2252",
	}
	for in, want := range cases {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func testDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t AS SELECT * FROM (VALUES
		('=cmd|'' /C calc''!A0', DATE '2024-03-01', ['a','b'], -3.5, '180', true),
		('plain, with "quotes"', NULL, [], NULL, 'life', false)) v(name, d, xs, n, sm, ok)`); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestCSVIsRFC4180AndFormulaSafe(t *testing.T) {
	db := testDB(t)
	var buf bytes.Buffer
	n, err := Query(context.Background(), db, `SELECT * FROM t ORDER BY ok DESC`, CSV, &buf, Options{BOM: true})
	if err != nil || n != 2 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeffname,d,xs,n,sm,ok\r\n") {
		t.Fatalf("header/BOM/CRLF wrong: %q", out[:40])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1]; got[0] != "'=cmd|' /C calc'!A0" || got[1] != "2024-03-01" || got[2] != "a;b" || got[3] != "-3.5" || got[5] != "true" {
		t.Errorf("row 1 = %q", got)
	}
	if got := recs[2]; got[0] != `plain, with "quotes"` || got[1] != "" || got[2] != "" || got[3] != "" {
		t.Errorf("row 2 = %q", got)
	}
}

func TestJSONLTypes(t *testing.T) {
	db := testDB(t)
	var buf bytes.Buffer
	if _, err := Query(context.Background(), db, `SELECT * FROM t ORDER BY ok DESC`, JSONL, &buf,
		Options{NumericText: map[string]bool{"sm": true}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var first, second map[string]any
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[1]), &second)
	if first["d"] != "2024-03-01" || first["sm"] != 180.0 || first["n"] != -3.5 || first["ok"] != true {
		t.Errorf("first = %v", first)
	}
	if xs, ok := first["xs"].([]any); !ok || len(xs) != 2 {
		t.Errorf("xs = %#v", first["xs"])
	}
	if second["sm"] != "life" || second["d"] != nil {
		t.Errorf("second = %v", second)
	}
	if !strings.HasPrefix(lines[0], `{"name":`) {
		t.Errorf("keys not in column order: %s", lines[0])
	}
}

func TestParquetRoundTrip(t *testing.T) {
	db := testDB(t)
	var buf bytes.Buffer
	n, err := Query(context.Background(), db, `SELECT * FROM t`, Parquet, &buf, Options{})
	if err != nil || n != 2 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("PAR1")) {
		t.Fatal("not a parquet file")
	}
}
