// Package export writes query results for people outside the database:
// CSV that spreadsheets open safely, JSONL for programs, Parquet for
// analysts. It is the last stage of the pipeline and never writes to the
// database.
package export

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Format is an output format.
type Format string

// Output formats.
const (
	CSV     Format = "csv"
	JSONL   Format = "jsonl"
	Parquet Format = "parquet"
)

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case CSV, JSONL, Parquet:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want csv, jsonl or parquet)", s)
}

// Options tune the writers.
type Options struct {
	// BOM starts CSV with a UTF-8 byte-order mark so Excel reads it as UTF-8.
	BOM bool
	// NumericText names text columns whose values are numbers or words
	// (sentence_months: "180", "life"): JSONL writes the numbers as numbers.
	NumericText map[string]bool
}

var numberRe = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// SafeCell neutralises a CSV cell that a spreadsheet would run as a formula
// (one starting with = + - @, a tab or a carriage return) by prefixing a
// single quote, as OWASP recommends. Numbers such as -3 stay numbers.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if numberRe.MatchString(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// UnquoteCell undoes SafeCell on a cell read back from a sheet a person
// filled in.
func UnquoteCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// Query runs q and writes its rows to w in format f. Parquet needs db to
// be able to write files (DuckDB's COPY); CSV and JSONL are written here.
func Query(ctx context.Context, db *sql.DB, q string, f Format, w io.Writer, opt Options) (int, error) {
	if f == Parquet {
		return parquet(ctx, db, q, w)
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	defer rows.Close()
	switch f {
	case CSV:
		return WriteCSV(rows, w, opt)
	case JSONL:
		return WriteJSONL(rows, w, opt)
	}
	return 0, fmt.Errorf("export: unknown format %q", f)
}

// scanner reads rows generically, remembering which columns are dates.
type scanner struct {
	cols  []string
	dates []bool
	vals  []any
	ptrs  []any
}

func newScanner(rows *sql.Rows) (*scanner, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	s := &scanner{cols: cols, dates: make([]bool, len(cols)), vals: make([]any, len(cols)), ptrs: make([]any, len(cols))}
	for i, t := range types {
		s.dates[i] = t.DatabaseTypeName() == "DATE"
		s.ptrs[i] = &s.vals[i]
	}
	return s, nil
}

// WriteCSV writes rows as RFC 4180 CSV with a header: UTF-8, CRLF line
// ends, lists joined with ";", every cell formula-safe.
func WriteCSV(rows *sql.Rows, w io.Writer, opt Options) (int, error) {
	s, err := newScanner(rows)
	if err != nil {
		return 0, fmt.Errorf("export csv: %w", err)
	}
	bw := bufio.NewWriter(w)
	if opt.BOM {
		bw.WriteString("\ufeff")
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(s.cols); err != nil {
		return 0, fmt.Errorf("export csv: %w", err)
	}
	rec := make([]string, len(s.cols))
	n := 0
	for rows.Next() {
		if err := rows.Scan(s.ptrs...); err != nil {
			return n, fmt.Errorf("export csv row %d: %w", n+1, err)
		}
		for i, v := range s.vals {
			rec[i] = SafeCell(text(v, s.dates[i]))
		}
		if err := cw.Write(rec); err != nil {
			return n, fmt.Errorf("export csv row %d: %w", n+1, err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("export csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("export csv: %w", err)
	}
	return n, bw.Flush()
}

// WriteJSONL writes one JSON object per row, keys in column order, lists as
// arrays, dates as YYYY-MM-DD.
func WriteJSONL(rows *sql.Rows, w io.Writer, opt Options) (int, error) {
	s, err := newScanner(rows)
	if err != nil {
		return 0, fmt.Errorf("export jsonl: %w", err)
	}
	bw := bufio.NewWriter(w)
	keys := make([][]byte, len(s.cols))
	for i, c := range s.cols {
		keys[i], _ = json.Marshal(c)
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(s.ptrs...); err != nil {
			return n, fmt.Errorf("export jsonl row %d: %w", n+1, err)
		}
		bw.WriteByte('{')
		for i, v := range s.vals {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.Write(keys[i])
			bw.WriteByte(':')
			b, err := json.Marshal(jsonValue(v, s.dates[i], opt.NumericText[s.cols[i]]))
			if err != nil {
				return n, fmt.Errorf("export jsonl row %d column %s: %w", n+1, s.cols[i], err)
			}
			bw.Write(b)
		}
		bw.WriteString("}\n")
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("export jsonl: %w", err)
	}
	return n, bw.Flush()
}

// parquet lets DuckDB write the file, then copies it to w.
func parquet(ctx context.Context, db *sql.DB, q string, w io.Writer) (int, error) {
	tmp, err := os.CreateTemp("", "casetrack-*.parquet")
	if err != nil {
		return 0, fmt.Errorf("export parquet: %w", err)
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name)
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+`)`).Scan(&n); err != nil {
		return 0, fmt.Errorf("export parquet: %w", err)
	}
	copyQ := fmt.Sprintf(`COPY (%s) TO '%s' (FORMAT parquet, COMPRESSION zstd)`, q, strings.ReplaceAll(name, "'", "''"))
	if _, err := db.ExecContext(ctx, copyQ); err != nil {
		return 0, fmt.Errorf("export parquet: %w", err)
	}
	f, err := os.Open(name)
	if err != nil {
		return 0, fmt.Errorf("export parquet: %w", err)
	}
	defer f.Close()
	if _, err := io.Copy(w, f); err != nil {
		return 0, fmt.Errorf("export parquet: %w", err)
	}
	return n, nil
}

// floater is DuckDB's DECIMAL (duckdb.Decimal) and anything like it.
type floater interface{ Float64() float64 }

// text renders one value for CSV.
func text(v any, date bool) string {
	if f, ok := v.(floater); ok {
		return strconv.FormatFloat(f.Float64(), 'f', -1, 64)
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		if date {
			return x.Format("2006-01-02")
		}
		return x.UTC().Format(time.RFC3339)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if e != nil {
				parts = append(parts, text(e, date))
			}
		}
		return strings.Join(parts, ";")
	default:
		return fmt.Sprint(x)
	}
}

// jsonValue renders one value for JSONL.
func jsonValue(v any, date, numericText bool) any {
	if f, ok := v.(floater); ok {
		return f.Float64()
	}
	switch x := v.(type) {
	case time.Time:
		if date {
			return x.Format("2006-01-02")
		}
		return x.UTC().Format(time.RFC3339)
	case []byte:
		return string(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	case string:
		if numericText {
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return f
			}
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e, date, false)
		}
		return out
	}
	return v
}
