package data_test

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"casetrack/data"
	"casetrack/internal/testshared"
)

// mdFigure is one row of the table in shared/docs/public-figures.md, with
// "same" resolved to the row above.
type mdFigure struct {
	line                                              int
	publisher, figure, value, unit, year, set, agency string
	sources                                           []string
}

func readFiguresDoc(t *testing.T) []mdFigure {
	t.Helper()
	path := testshared.Path(t, "docs", "public-figures.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []mdFigure
	var prev mdFigure
	inTable := false
	for i, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "|") {
			if inTable {
				break
			}
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if len(cells) != 8 {
			t.Fatalf("%s:%d: %d cells, want 8", path, i+1, len(cells))
		}
		if cells[0] == "publisher" || strings.HasPrefix(cells[0], "---") {
			inTable = true
			continue
		}
		r := mdFigure{line: i + 1, publisher: cells[0], figure: cells[1], value: cells[2], unit: cells[3],
			year: cells[4], set: cells[5], agency: cells[6]}
		if cells[5] == "same" {
			r.set = prev.set
		}
		if cells[7] == "same" {
			r.sources = prev.sources
		} else {
			for _, s := range strings.Split(cells[7], ";") {
				r.sources = append(r.sources, strings.TrimSpace(s))
			}
		}
		out = append(out, r)
		prev = r
	}
	if len(out) < 15 {
		t.Fatalf("%s: read only %d figures; has the table's layout changed?", path, len(out))
	}
	return out
}

var (
	numberIn = regexp.MustCompile(`\d[\d,]*(\.\d+)?`)
	parens   = regexp.MustCompile(`\(([^)]*)\)`)
)

// numbers reads every number of s outside parentheses ("2,147" is 2147).
func numbers(s string) []float64 {
	var out []float64
	for _, m := range numberIn.FindAllString(parens.ReplaceAllString(s, ""), -1) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64)
		if err == nil {
			out = append(out, v)
		}
	}
	return out
}

// years reads the years of a year cell: "FY2023", "calendar 2022",
// "FY2016 / 2017 / 2018".
func years(s string) []int {
	var out []int
	for _, m := range regexp.MustCompile(`\d{4}`).FindAllString(s, -1) {
		y, _ := strconv.Atoi(m)
		out = append(out, y)
	}
	return out
}

// TestPublicFiguresMatchDoc pins data/public_figures.csv to
// shared/docs/public-figures.md: every figure of the document is in the
// table with its value, unit, year, year type, charge set, agency and
// every source, and the table holds nothing the document does not.
func TestPublicFiguresMatchDoc(t *testing.T) {
	doc := readFiguresDoc(t)
	figs, err := data.PublicFigures()
	if err != nil {
		t.Fatal(err)
	}
	used := make([]bool, len(figs))
	for _, r := range doc {
		ys, vs := years(r.year), numbers(r.value)
		// Either one year and one or more values (a share per agency), or
		// a value per year ("273 / 277 / 221" for FY2016 / 2017 / 2018).
		type want struct {
			year  int
			value float64
		}
		var wants []want
		switch {
		case len(ys) == 1:
			for _, v := range vs {
				wants = append(wants, want{ys[0], v})
			}
		case len(ys) == len(vs):
			for i := range ys {
				wants = append(wants, want{ys[i], vs[i]})
			}
		default:
			t.Fatalf("line %d: %d years and %d values", r.line, len(ys), len(vs))
		}
		yearType := "fiscal"
		if strings.Contains(r.year, "calendar") {
			yearType = "calendar"
		}
		for _, w := range wants {
			found := false
			for i, f := range figs {
				if f.Figure != r.figure || f.Year != w.year || f.Value != w.value {
					continue
				}
				found, used[i] = true, true
				where := fmt.Sprintf("line %d (%s %v %s)", r.line, r.figure, w.value, r.year)
				if f.Unit != r.unit {
					t.Errorf("%s: unit %q, document says %q", where, f.Unit, r.unit)
				}
				if f.YearType != yearType {
					t.Errorf("%s: year type %q, document says %q", where, f.YearType, yearType)
				}
				if f.ChargeSet != r.set {
					t.Errorf("%s: charge set %q, document says %q", where, f.ChargeSet, r.set)
				}
				if f.Agency != r.agency {
					t.Errorf("%s: agency %q, document says %q", where, f.Agency, r.agency)
				}
				if strings.Contains(r.value, "more than") != (f.Qualifier == "more than") {
					t.Errorf("%s: qualifier %q for %q", where, f.Qualifier, r.value)
				}
				for _, m := range parens.FindAllStringSubmatch(r.value, -1) {
					if !strings.Contains(f.Note, m[1]) {
						t.Errorf("%s: note %q lacks the document's %q", where, f.Note, m[1])
					}
				}
				for _, s := range r.sources {
					// "clarola.org/… (copy of the report text)": the remark goes in the note
					for _, m := range parens.FindAllStringSubmatch(s, -1) {
						if !strings.Contains(f.Note, m[1]) {
							t.Errorf("%s: note %q lacks the source's remark %q", where, f.Note, m[1])
						}
					}
					if u := strings.TrimSpace(parens.ReplaceAllString(s, "")); !strings.Contains(f.SourceURL, u) {
						t.Errorf("%s: source %s missing (have %s)", where, u, f.SourceURL)
					}
				}
			}
			if !found {
				t.Errorf("line %d: %s = %v (%s, %s) is not in public_figures.csv", r.line, r.figure, w.value, r.unit, r.year)
			}
		}
	}
	for i, f := range figs {
		if !used[i] {
			t.Errorf("public_figures.csv row %d (%s %s %v) is not in the document", i+2, f.Figure, f.YearLabel(), f.Value)
		}
	}
}

func TestPublicFiguresLoad(t *testing.T) {
	figs, err := data.PublicFigures()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		// A share is not a count of anything casetrack counts.
		if f.Unit == "share of suspects" && f.Stage != "" {
			t.Errorf("%s %s: a share has stage %q", f.Figure, f.YearLabel(), f.Stage)
		}
		if f.Stage == "" && (f.Unit == "arrests" || f.Unit == "convictions") {
			t.Errorf("%s %s: unit %s but no stage", f.Figure, f.YearLabel(), f.Unit)
		}
	}
}
