package eousa

import (
	"bufio"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"casetrack/sources"
)

// Column is one field of a fixed-width table as a README.TXT states it.
// Start and End are 1-based and inclusive, as EOUSA prints them.
type Column struct {
	Name    string
	NotNull bool
	Type    string // Oracle type as printed: VARCHAR2(10), NUMBER(12,2), DATE
	Start   int
	End     int
}

// Table is the layout of one GS_* table.
type Table struct {
	Name    string
	RecLen  int // record length in bytes, without the line terminator
	Columns []Column
}

// Column returns the named column.
func (t *Table) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// validate checks that every column lies inside the record.
func (t *Table) validate() error {
	if t.RecLen <= 0 {
		return fmt.Errorf("%s: record length %d: %w", t.Name, t.RecLen, sources.ErrLayout)
	}
	for _, c := range t.Columns {
		if c.Start < 1 || c.End < c.Start || c.End > t.RecLen {
			return fmt.Errorf("%s.%s (%d:%d) outside a %d-byte record: %w", t.Name, c.Name, c.Start, c.End, t.RecLen, sources.ErrLayout)
		}
	}
	return nil
}

// Layout maps an upper-case table name (GS_CASE) to its layout.
type Layout map[string]*Table

// Merge adds the tables of other that l lacks. A table present in both
// keeps l's version: a release's own README wins over the fallback.
func (l Layout) Merge(other Layout) {
	for name, t := range other {
		if _, ok := l[name]; !ok {
			l[name] = t
		}
	}
}

// Names returns the table names in order.
func (l Layout) Names() []string {
	out := make([]string, 0, len(l))
	for n := range l {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Readme is what one zip part's README.TXT says: table layouts and the
// file listing (name → bytes).
type Readme struct {
	Layout Layout
	Files  map[string]int64
}

var (
	// "GS_CASE - 366 Characters"
	readmeTable = regexp.MustCompile(`^\s*(GS_[A-Z0-9_]+)\s+-\s+(\d+)\s+Characters\s*$`)
	// "DISTRICT   NOT NULL   VARCHAR2(10)   (1:10)"
	readmeColumn = regexp.MustCompile(`^\s*([A-Z][A-Z0-9_#$]*)\s+(NOT NULL\s+)?([A-Z][A-Z0-9_]*(?:\([0-9*, ]+\))?)\s+\((\d+):(\d+)\)\s*$`)
	// "10/11/2018 10:49 AM              281,573,448 gs_also_known.txt"
	readmeFile = regexp.MustCompile(`^\s*\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}\s*[AP]M\s+([\d,]+)\s+(\S+)\s*$`)
)

// ParseReadme reads the README.TXT of one zip part: its file listing and
// its "Table Layouts" block ("GS_X - N Characters", then one line per
// column: name, optional NOT NULL, Oracle type, (start:end)). Form feeds
// and CRs are tolerated. A README that names a table but gives no
// column, or whose columns leave the record, is ErrLayout.
func ParseReadme(r io.Reader) (Readme, error) {
	out := Readme{Layout: Layout{}, Files: map[string]int64{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var cur *Table
	n := 0
	for sc.Scan() {
		n++
		line := strings.Map(func(r rune) rune {
			if r == '\f' || r == '\r' {
				return -1
			}
			return r
		}, sc.Text())
		if m := readmeTable.FindStringSubmatch(line); m != nil {
			reclen, _ := strconv.Atoi(m[2])
			cur = &Table{Name: m[1], RecLen: reclen}
			out.Layout[m[1]] = cur
			continue
		}
		if m := readmeFile.FindStringSubmatch(line); m != nil {
			size, err := strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)
			if err == nil {
				out.Files[m[2]] = size
			}
			continue
		}
		if cur == nil {
			continue
		}
		if m := readmeColumn.FindStringSubmatch(line); m != nil {
			start, _ := strconv.Atoi(m[4])
			end, _ := strconv.Atoi(m[5])
			cur.Columns = append(cur.Columns, Column{Name: m[1], NotNull: m[2] != "", Type: m[3], Start: start, End: end})
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("README line %d: %w", n, err)
	}
	for _, t := range out.Layout {
		if len(t.Columns) == 0 {
			return out, fmt.Errorf("README: table %s has no columns: %w", t.Name, sources.ErrLayout)
		}
		if err := t.validate(); err != nil {
			return out, fmt.Errorf("README: %w", err)
		}
	}
	return out, nil
}

//go:embed layout_default.csv
var defaultLayoutCSV string

// DefaultLayout returns the shipped fallback layout: only the tables and
// columns casetrack reads, with positions from the SEPFY2018 README.
func DefaultLayout() (Layout, error) {
	return parseLayoutCSV(strings.NewReader(defaultLayoutCSV))
}

func parseLayoutCSV(r io.Reader) (Layout, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("layout csv: %w", err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("layout csv: no rows: %w", sources.ErrLayout)
	}
	l := Layout{}
	for i, rec := range recs[1:] {
		if len(rec) != 7 {
			return nil, fmt.Errorf("layout csv row %d: %d fields: %w", i+2, len(rec), sources.ErrLayout)
		}
		reclen, e1 := strconv.Atoi(rec[1])
		start, e2 := strconv.Atoi(rec[5])
		end, e3 := strconv.Atoi(rec[6])
		if err := errors.Join(e1, e2, e3); err != nil {
			return nil, fmt.Errorf("layout csv row %d: %w", i+2, err)
		}
		t := l[rec[0]]
		if t == nil {
			t = &Table{Name: rec[0], RecLen: reclen}
			l[rec[0]] = t
		}
		t.Columns = append(t.Columns, Column{Name: rec[2], NotNull: rec[3] == "Y", Type: rec[4], Start: start, End: end})
	}
	for _, t := range l {
		if err := t.validate(); err != nil {
			return nil, fmt.Errorf("layout csv: %w", err)
		}
	}
	return l, nil
}
