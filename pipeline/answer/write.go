package answer

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"casetrack/pipeline/export"
)

// Formats are the output formats Write knows.
var Formats = []string{"table", "csv", "json", "markdown"}

// WriteOptions tune the output.
type WriteOptions struct {
	Format string // table, csv, json or markdown
	People bool   // write the people behind the counts (csv: instead of the counts)
	BOM    bool   // csv: start with a UTF-8 byte-order mark for Excel
}

// Write writes the answer in a format.
func Write(w io.Writer, a *Answer, o WriteOptions) error {
	switch o.Format {
	case "", "table":
		return writeText(w, a, o.People, false)
	case "markdown":
		return writeText(w, a, o.People, true)
	case "csv":
		if o.People {
			return writePeopleCSV(w, a, o.BOM)
		}
		return writeCSV(w, a, o.BOM)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(a)
	}
	return fmt.Errorf("answer: unknown format %q (want %s)", o.Format, strings.Join(Formats, ", "))
}

// CSVColumns are the columns of the counts CSV, in order.
var CSVColumns = append(append([]string{"agency", "period", "fiscal_year", "category"}, Columns...),
	"published_publisher", "published_figure", "published_value", "published_value_qualifier", "published_unit",
	"published_year", "published_charge_set", "published_agency", "published_source", "compared_measure", "ratio", "comparison")

// CategoryColumns are the columns the by-charge tables show for the whole
// period, after the convictions of each fiscal year.
var CategoryColumns = []string{"convictions_secured", "convictions_plea", "convictions_verdict",
	"convictions_manner_not_stated", "convictions_court_verified", "sentenced", "median_sentence_months"}

// CategoryCells picks the CategoryColumns out of a row's cells (one per
// Columns entry).
func CategoryCells[T any](cells []T) []T {
	out := make([]T, 0, len(CategoryColumns))
	for _, c := range CategoryColumns {
		out = append(out, cells[slices.Index(Columns, c)])
	}
	return out
}

// SetRow is the category value of the rows that count the whole set.
const SetRow = "child_exploitation_set"

// cells renders a row's measures; pct writes the rate as a percentage and
// missing values as "-" (for people), else as numbers and "" (for programs).
func (m Measures) cells(human bool) []string {
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	f := func(p *float64, pct bool) string {
		switch {
		case p == nil && human:
			return "-"
		case p == nil:
			return ""
		case pct && human:
			return strconv.FormatFloat(*p*100, 'f', 1, 64) + "%"
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	return []string{i(m.ArrestsAnnounced), i(m.ArrestsUnnamed), i(m.Charged), i(m.Convictions), i(m.ConvictionsPlea),
		i(m.ConvictionsVerdict), i(m.ConvictionsNotStated), i(m.ConvictionsPressOnly), i(m.ConvictionsCourt),
		i(m.Sentenced), f(m.MedianSentenceMonths, false), i(m.ArrestsLaterConvicted), f(m.ConversionRate, true),
		f(m.MedianDaysToConviction, false)}
}

// agencyCode is a group's agencies as one CSV value: HSI, HSI+ICE_ERO+ICE.
func (g Group) agencyCode() string { return strings.Join(g.Agencies, "+") }

func newCSV(w io.Writer, bom bool) (*csv.Writer, *bufio.Writer) {
	bw := bufio.NewWriter(w)
	if bom {
		bw.WriteString("\ufeff")
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	return cw, bw
}

func flushCSV(cw *csv.Writer, bw *bufio.Writer) error {
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("answer csv: %w", err)
	}
	return bw.Flush()
}

// writeCSV writes one header and one row per group × period × category
// (the set and each category), the published figure beside each fiscal
// year of the set. An empty answer is the header alone.
func writeCSV(w io.Writer, a *Answer, bom bool) error {
	cw, bw := newCSV(w, bom)
	if err := cw.Write(CSVColumns); err != nil {
		return fmt.Errorf("answer csv: %w", err)
	}
	for _, g := range a.Groups {
		rows := append(append(append([]Row{}, g.Years...), g.Total), g.Categories...)
		rows = append(rows, g.ByCategory...)
		for _, r := range rows {
			fy, cat := "", SetRow
			if r.FiscalYear != 0 {
				fy = strconv.Itoa(r.FiscalYear)
			}
			if r.Category != "" {
				cat = r.Category
			}
			rec := append([]string{g.agencyCode(), r.Period, fy, cat}, r.Measures.cells(false)...)
			rec = append(rec, r.Published.csvCells()...)
			for i := range rec {
				rec[i] = export.SafeCell(rec[i])
			}
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("answer csv: %w", err)
			}
		}
	}
	return flushCSV(cw, bw)
}

// csvCells are the published_* columns, empty without a figure.
func (b *Beside) csvCells() []string {
	if b == nil {
		return make([]string, 12)
	}
	f := b.Figure
	ratio := ""
	if b.Ratio != nil {
		ratio = strconv.FormatFloat(*b.Ratio, 'f', 4, 64)
	}
	return []string{f.Publisher, f.Figure, strconv.FormatFloat(f.Value, 'f', -1, 64), f.Qualifier, f.Unit, f.YearLabel(),
		f.ChargeSet, f.Agency, f.SourceURL, b.Measure, ratio, strings.Join(b.Differences, " ")}
}

// PeopleCSVColumns are the columns of `answer --people --format csv`.
var PeopleCSVColumns = []string{"agency", "period", "fiscal_year", "category", "measure", "person_id", "name", "count",
	"date", "categories", "event_type", "plea_or_verdict", "court_verified", "sentence_months", "published",
	"publisher", "title", "url", "evidence"}

// writePeopleCSV writes one row per count × person × report.
func writePeopleCSV(w io.Writer, a *Answer, bom bool) error {
	cw, bw := newCSV(w, bom)
	if err := cw.Write(PeopleCSVColumns); err != nil {
		return fmt.Errorf("answer csv: %w", err)
	}
	for _, g := range a.Groups {
		for _, c := range g.People {
			fy, cat := "", SetRow
			if c.FiscalYear != 0 {
				fy = strconv.Itoa(c.FiscalYear)
			}
			if c.Category != "" {
				cat = c.Category
			}
			for _, p := range c.People {
				for _, r := range p.Reports {
					months := ""
					if r.SentenceMonths != nil {
						months = strconv.FormatFloat(*r.SentenceMonths, 'f', -1, 64)
					}
					rec := []string{g.agencyCode(), c.Period, fy, cat, c.Measure, p.PersonID, p.Name,
						strconv.FormatInt(p.Count, 10), p.Date, strings.Join(p.Categories, ";"), r.EventType,
						r.PleaOrVerdict, strconv.FormatBool(r.CourtVerified), months, r.Published, r.Publisher,
						r.Title, r.URL, r.Evidence}
					for i := range rec {
						rec[i] = export.SafeCell(rec[i])
					}
					if err := cw.Write(rec); err != nil {
						return fmt.Errorf("answer csv: %w", err)
					}
				}
			}
		}
	}
	return flushCSV(cw, bw)
}

// textWriter writes sections as aligned text tables or as Markdown.
type textWriter struct {
	b  strings.Builder
	md bool
}

func (t *textWriter) heading(s string) {
	if t.md {
		fmt.Fprintf(&t.b, "\n## %s\n\n", s)
		return
	}
	fmt.Fprintf(&t.b, "\n== %s ==\n", s)
}

func (t *textWriter) para(s string) {
	if t.md {
		fmt.Fprintf(&t.b, "%s\n\n", s)
		return
	}
	fmt.Fprintf(&t.b, "%s\n", s)
}

// table writes a header and rows; columns whose cells are all numbers (or
// "-") are right-aligned.
func (t *textWriter) table(head []string, rows [][]string) {
	if t.md {
		esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
		line := func(rec []string) {
			for i := range rec {
				rec[i] = esc(rec[i])
			}
			fmt.Fprintf(&t.b, "| %s |\n", strings.Join(rec, " | "))
		}
		line(append([]string{}, head...))
		sep := make([]string, len(head))
		for i := range sep {
			sep[i] = "---"
		}
		fmt.Fprintf(&t.b, "|%s|\n", strings.Join(sep, "|"))
		for _, r := range rows {
			line(append([]string{}, r...))
		}
		t.b.WriteString("\n")
		return
	}
	widths := make([]int, len(head))
	numeric := make([]bool, len(head))
	for i, h := range head {
		widths[i] = utf8.RuneCountInString(h)
		numeric[i] = i > 0
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
			if _, err := strconv.ParseFloat(strings.TrimSuffix(c, "%"), 64); err != nil && c != "-" {
				numeric[i] = false
			}
		}
	}
	line := func(rec []string) {
		for i, c := range rec {
			if i > 0 {
				t.b.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			switch {
			case numeric[i]:
				t.b.WriteString(pad + c)
			case i == len(rec)-1:
				t.b.WriteString(c)
			default:
				t.b.WriteString(c + pad)
			}
		}
		t.b.WriteString("\n")
	}
	line(head)
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = strings.Repeat("-", widths[i])
	}
	line(sep)
	for _, r := range rows {
		line(r)
	}
}

// categoryWords lists the set's categories in words.
func (a *Answer) categoryWords() string {
	var ws []string
	for _, c := range a.Categories {
		if l := CategoryLabels[c]; l != "" {
			ws = append(ws, l)
		} else {
			ws = append(ws, c)
		}
	}
	return strings.Join(ws, ", ")
}

// writeText writes the answer for people: a terminal table or Markdown.
func writeText(w io.Writer, a *Answer, withPeople, md bool) error {
	t := &textWriter{md: md}
	if md {
		fmt.Fprintf(&t.b, "# %s\n\n", a.Question)
	} else {
		t.para(a.Question)
	}
	if a.Nothing != "" {
		t.para(a.Nothing)
		_, err := io.WriteString(w, t.b.String())
		return err
	}
	t.para(fmt.Sprintf("People named in press releases and court records, child-exploitation set (%s), by credited agency and federal fiscal year, %s (events dated on or after %s); latest document published %s.",
		a.categoryWords(), a.Period(), a.Since, a.DataDate))
	head := append([]string{"period"}, Columns...)
	for _, g := range a.Groups {
		t.heading(g.Label)
		var rows [][]string
		for _, r := range append(append([]Row{}, g.Years...), g.Total) {
			rows = append(rows, append([]string{r.Period}, r.Measures.cells(true)...))
		}
		t.table(head, rows)
		if g.Note != "" {
			t.para("Why ERO appears: " + g.Note)
		}
		t.para(fmt.Sprintf("Convictions by charge category, %s, %s (one person counts in every category of their conviction):", g.Label, a.Period()))
		chead := []string{"category"}
		for _, r := range g.Years {
			chead = append(chead, r.Period)
		}
		chead = append(chead, CategoryColumns...)
		var crows [][]string
		for _, c := range g.Categories {
			rec := []string{c.Category}
			for _, r := range g.ByCategory {
				if r.Category == c.Category {
					rec = append(rec, strconv.FormatInt(r.Convictions, 10))
				}
			}
			rec = append(rec, CategoryCells(c.Measures.cells(true))...)
			crows = append(crows, rec)
		}
		t.table(chead, crows)
		var beside []string
		for _, r := range g.Years {
			if r.Published == nil {
				continue
			}
			beside = append(beside, fmt.Sprintf("%s: %s", r.Period, strings.Join(r.Published.Differences, " ")))
		}
		if len(beside) > 0 {
			t.para(fmt.Sprintf("Beside the published figures, %s:", g.Label))
			for _, s := range beside {
				t.para("- " + s)
			}
		}
		if withPeople {
			writePeopleText(t, g)
		}
	}
	t.heading(fmt.Sprintf("Published figures, %s (context; data/public_figures.csv)", a.Period()))
	if len(a.Figures) == 0 {
		t.para("No published figure in data/public_figures.csv is for these fiscal years.")
	} else {
		var rows [][]string
		for _, f := range a.Figures {
			rows = append(rows, []string{f.YearLabel(), f.Publisher, f.Figure, strings.TrimSpace(f.Qualifier + " " + FormatValue(f)),
				f.Unit, f.ChargeSet, f.Agency, f.SourceURL})
		}
		t.table([]string{"year", "publisher", "figure", "value", "unit", "charge set", "agency", "source"}, rows)
	}
	t.heading("How to read it, and what these numbers do not cover")
	for _, n := range a.Notes {
		t.para("- " + n)
	}
	_, err := io.WriteString(w, t.b.String())
	return err
}

// textMeasures are the counts --people lists in the text formats, with the
// counts each person is marked with (plea, verdict, court-verified, later
// convicted); the CSV and JSON formats list every count in full.
var textMeasures = map[string][]struct{ measure, word string }{
	"arrests_announced":         {{"arrests_later_convicted", "later convicted"}},
	"arrests_announced_unnamed": nil,
	"charged":                   nil,
	"convictions_secured":       {{"convictions_plea", "plea"}, {"convictions_verdict", "verdict"}, {"convictions_court_verified", "court-verified"}},
	"sentenced":                 {{"convictions_court_verified", "court-verified"}},
}

func writePeopleText(t *textWriter, g Group) {
	in := map[string]bool{} // period|measure|person: the person counts there
	for _, c := range g.People {
		if c.Category == "" {
			for _, p := range c.People {
				in[c.Period+"|"+c.Measure+"|"+p.PersonID] = true
			}
		}
	}
	for _, c := range g.People {
		marks, listed := textMeasures[c.Measure]
		if c.Category != "" || c.FiscalYear == 0 || !listed {
			continue
		}
		t.para(fmt.Sprintf("People behind %s %s, %s (%d):", g.Label, c.Measure, c.Period, len(c.People)))
		for _, p := range c.People {
			var m []string
			for _, x := range marks {
				if in[c.Period+"|"+x.measure+"|"+p.PersonID] {
					m = append(m, x.word)
				}
			}
			mark := ""
			if len(m) > 0 {
				mark = " [" + strings.Join(m, ", ") + "]"
			}
			t.para(fmt.Sprintf("  %s  %s%s  (%s)", p.Date, p.Name, mark, strings.Join(p.Categories, ", ")))
			for _, r := range p.Reports {
				t.para(fmt.Sprintf("      %s, %s %s: %s \"%s\"", r.EventType, r.Publisher, r.Published, r.URL, oneLine(r.Evidence)))
			}
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
