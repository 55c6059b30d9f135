package report

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"casetrack/pipeline/export"
	"casetrack/pipeline/tally"
)

// writeData writes the downloads into outDir/data and lists them.
func writeData(ctx context.Context, db *sql.DB, outDir string, m *model, opt Options) ([]download, error) {
	var out []download
	events, cases := export.EventsQuery, export.CasesQuery
	if m.Since != "" {
		// m.Since is a formatted date (YYYY-MM-DD), safe to inline.
		events = `SELECT * FROM (` + events + `) WHERE coalesce(event_date, published) >= DATE '` + m.Since + `'`
		cases = `SELECT * FROM (` + cases + `) WHERE greatest(arrest_date, charged_date, conviction_date,
			sentenced_date, acquitted_date, dismissed_date) >= DATE '` + m.Since + `'`
	}
	exports := []struct {
		name, query, what string
		numeric           map[string]bool
	}{
		{"events", events, "one event (one stage of one defendant's case as one document reports it) with its document URL, evidence sentence and provenance", export.EventNumericText},
		{"cases", cases, "one defendant-case (mart_cases): each stage's first date and the URLs of the documents behind it", nil},
	}
	if m.Since == "" {
		exports = append(exports, struct {
			name, query, what string
			numeric           map[string]bool
		}{"tallies", export.TalliesQuery, "one dimension × value (mart_tally, long form): every tally dimension at once; never sum rows", nil})
	}
	for _, e := range exports {
		formats := []export.Format{export.CSV, export.Parquet}
		if opt.NoParquet {
			formats = formats[:1]
		}
		for _, f := range formats {
			file := e.name + "." + string(f)
			err := writeFile(filepath.Join(outDir, "data", file), func(w io.Writer) error {
				// a BOM: the text is not ASCII, and Excel reads a CSV without one in the local code page
				_, err := export.Query(ctx, db, e.query, f, w, export.Options{NumericText: e.numeric, BOM: f == export.CSV})
				return err
			})
			if err != nil {
				return nil, fmt.Errorf("report: %s: %w", file, err)
			}
			out = append(out, download{file, e.what})
		}
	}
	tables := []struct {
		file, what string
		dims       []string
		rows       []Tally
	}{
		{"overall.csv", "the overview's totals (all agencies, all categories)", nil, []Tally{m.All}},
		{"agency_fiscal_year.csv", "one agency × fiscal year: the overview's per-agency tables", []string{"agency", "fiscal_year"}, m.AgencyFY},
		{"agency.csv", "one agency: the funnel's numbers", []string{"agency"}, m.Agency},
	}
	for _, g := range groups {
		tables = append(tables,
			struct {
				file, what string
				dims       []string
				rows       []Tally
			}{g.Key + "_fiscal_year.csv", "one fiscal year, " + g.Title, []string{"fiscal_year"}, m.GroupFY[g.Key]},
			struct {
				file, what string
				dims       []string
				rows       []Tally
			}{g.Key + "_agency.csv", "one agency, " + g.Title, []string{"agency"}, m.GroupAgency[g.Key]})
	}
	for _, t := range tables {
		err := writeFile(filepath.Join(outDir, "data", t.file), func(w io.Writer) error {
			return writeTallyCSV(w, t.dims, t.rows)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, download{t.file, t.what})
	}
	return out, nil
}

// writeTallyCSV writes tally rows with their dimension columns first and
// the measures in tally.Measures order.
func writeTallyCSV(w io.Writer, dims []string, rows []Tally) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil { // as the other downloads
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(append(append([]string{}, dims...), tally.Measures...)); err != nil {
		return err
	}
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	for _, t := range rows {
		rec := make([]string, 0, len(dims)+len(tally.Measures))
		for _, k := range t.Keys {
			rec = append(rec, export.SafeCell(strings.TrimSpace(k)))
		}
		rec = append(rec, i(t.Arrests), i(t.ArrestsUnnamed), i(t.Charged), i(t.Convictions), i(t.ConvictionsCourt),
			i(t.Sentenced), f(t.MedianSentenceMonths), i(t.ArrestsLaterConvicted), f(t.ConversionRate), f(t.MedianDaysToConviction))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
