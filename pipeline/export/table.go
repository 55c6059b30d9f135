package export

import (
	"database/sql"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxCellWidth truncates long cells (release bodies) in table output.
const MaxCellWidth = 60

// WriteTable writes rows as an aligned text table for a terminal, with a
// row count at the end. Numbers are right-aligned; NULL is printed NULL.
func WriteTable(rows *sql.Rows, w io.Writer) (int, error) {
	return WriteTableNulls(rows, w, nil)
}

// WriteTableNulls is WriteTable printing a NULL in column c as nulls[c]
// ("(no agency credited)" reads better than NULL in a tally's agency
// column), and as NULL in the other columns.
func WriteTableNulls(rows *sql.Rows, w io.Writer, nulls map[string]string) (int, error) {
	s, err := newScanner(rows)
	if err != nil {
		return 0, fmt.Errorf("table: %w", err)
	}
	types, _ := rows.ColumnTypes()
	numeric := make([]bool, len(s.cols))
	for i, t := range types {
		switch t.DatabaseTypeName() {
		case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
			"FLOAT", "DOUBLE", "DECIMAL":
			numeric[i] = true
		}
		if strings.HasPrefix(t.DatabaseTypeName(), "DECIMAL") {
			numeric[i] = true
		}
	}
	var cells [][]string
	widths := make([]int, len(s.cols))
	for i, c := range s.cols {
		widths[i] = utf8.RuneCountInString(c)
	}
	for rows.Next() {
		if err := rows.Scan(s.ptrs...); err != nil {
			return len(cells), fmt.Errorf("table row %d: %w", len(cells)+1, err)
		}
		rec := make([]string, len(s.cols))
		for i, v := range s.vals {
			t := text(v, s.dates[i])
			if v == nil {
				t = "NULL"
				if n, ok := nulls[s.cols[i]]; ok {
					t = n
				}
			}
			t = strings.Join(strings.Fields(t), " ")
			if utf8.RuneCountInString(t) > MaxCellWidth {
				t = string([]rune(t)[:MaxCellWidth-1]) + "…"
			}
			rec[i] = t
			widths[i] = max(widths[i], utf8.RuneCountInString(t))
		}
		cells = append(cells, rec)
	}
	if err := rows.Err(); err != nil {
		return len(cells), fmt.Errorf("table: %w", err)
	}
	var b strings.Builder
	line := func(rec []string) {
		for i, c := range rec {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if numeric[i] {
				b.WriteString(pad + c)
			} else if i == len(rec)-1 {
				b.WriteString(c)
			} else {
				b.WriteString(c + pad)
			}
		}
		b.WriteString("\n")
	}
	line(s.cols)
	sep := make([]string, len(s.cols))
	for i := range sep {
		sep[i] = strings.Repeat("-", widths[i])
	}
	line(sep)
	for _, rec := range cells {
		line(rec)
	}
	fmt.Fprintf(&b, "(%d row%s)\n", len(cells), map[bool]string{true: "", false: "s"}[len(cells) == 1])
	_, err = io.WriteString(w, b.String())
	return len(cells), err
}
