// Package report is the reader-facing end of the pipeline: it turns the
// published database into a small static site a reporter can open from
// disk or publish as is. It reads the tallies (pipeline/tally over
// tally_units), the cases (mart_cases) and the freshness tables (runs,
// source_runs, cursors), and writes:
//
//	index.html    the question answered (pipeline/answer): ICE/HSI child-exploitation arrests
//	              announced vs the convictions that followed, per fiscal year and charge, beside
//	              the published figures, next to what the numbers do not cover
//	answer-<group>.html  the people and releases behind each count of index.html
//	agencies.html arrests announced vs convictions secured per agency and fiscal year,
//	              and per charge-category group (child exploitation, trafficking, alien smuggling)
//	funnel.html   arrested → charged → convicted → sentenced, people at each stage, per agency
//	cases.html    one row per defendant-case with links to every document behind it
//	              (cases-2.html … when paginated; agency-<code>.html per agency)
//	method.html   sources and freshness, the taxonomy, measured accuracy, what is not covered
//	data/         CSV and Parquet exports of everything shown
//
// The pages are html/template with inline CSS; charts are SVG written here;
// the only script is a few inline lines that sort the case table. Nothing
// is fetched from the network: the only absolute URLs in the output are
// links to the source documents and to where each published figure was
// read (data/public_figures.csv). Build does no I/O beyond the database and
// outDir (and the temporary file DuckDB's Parquet writer needs); accuracy
// numbers come in through Options.
package report

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"casetrack/data"
	"casetrack/pipeline/answer"
	"casetrack/pipeline/evaluate"
	"casetrack/pipeline/tally"
)

// Options tune a report.
type Options struct {
	// Since keeps events dated on or after it (zero: all).
	Since time.Time
	// Accuracy is the measured extraction accuracy to print (casetrack eval);
	// empty prints how to measure it.
	Accuracy []Accuracy
	// Generated is stamped in every footer when set (leave zero for
	// byte-stable output).
	Generated time.Time
	// PageSize is the number of cases per case-table page (0: 500).
	PageSize int
	// NoParquet skips the Parquet files (for a database handle that cannot
	// write files, e.g. a sandboxed one).
	NoParquet bool
}

// Accuracy is the score of one gold set, as `casetrack eval` reports it.
type Accuracy struct {
	Corpus                       string // the gold set's name, e.g. shared/corpus/dev
	Documents                    int
	Events, Categories, Agencies evaluate.PRF
	ImmigrationFP                int
}

// AccuracyOf turns an evaluate.Report into an Accuracy row.
func AccuracyOf(corpus string, documents int, r evaluate.Report) Accuracy {
	return Accuracy{Corpus: corpus, Documents: documents, Events: r.Events, Categories: r.Categories,
		Agencies: r.Agencies, ImmigrationFP: r.ImmigrationFP}
}

//go:embed templates/*.tmpl
var tmplFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"pct": func(p *float64) string {
		if p == nil {
			return "—"
		}
		return strconv.FormatFloat(*p*100, 'f', 1, 64) + "%"
	},
	"days": func(p *float64) string {
		if p == nil {
			return "—"
		}
		return num(*p) + " days"
	},
	"ratio": func(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) },
	"add":   func(a, b int) int { return a + b },
	"join":  func(xs []string) string { return strings.Join(xs, ", ") },
	"months": func(p *float64) string {
		if p == nil {
			return ""
		}
		return num(*p)
	},
	"sentence": func(c Case) string {
		switch {
		case c.SentenceKind == "life":
			return "life"
		case c.SentenceMonths != nil:
			return sentenceText(*c.SentenceMonths)
		case c.SentenceKind != "":
			return strings.ReplaceAll(c.SentenceKind, "_", " ")
		}
		return ""
	},
	"srcurl":        srcURL,
	"linkable":      linkable,
	"host":          linkText,
	"words":         func(xs []string) string { return strings.Join(xs, " ") },
	"figvalue":      answer.FormatValue,
	"anchor":        anchor,
	"measurewords":  func(m string) string { return measureWords[m] },
	"categorylabel": func(c string) string { return answer.CategoryLabels[c] },
}).ParseFS(tmplFS, "templates/*.tmpl"))

// sentenceText is a prison term in months and, from two years, in years
// too: "1,164 months (97 years)".
func sentenceText(months float64) string {
	whole := strconv.FormatInt(int64(months), 10)
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	text := whole
	if months != math.Trunc(months) {
		text = strconv.FormatFloat(months, 'f', 1, 64)
	}
	text += " months"
	if months >= 24 {
		text += " (" + num(math.Round(months/12*10)/10) + " years)"
	}
	return text
}

// srcURL lets the source documents' own web links through html/template's
// URL filter; anything else (a file an import read on some machine, a
// script) is no link (see the template's linkable).
func srcURL(s string) any {
	if linkable(s) {
		return template.URL(s)
	}
	return s
}

// linkable reports whether a document's URL is a web address the report
// can link to: http or https. An imported file's file:// URL names a path
// on the machine that imported it, which no reader of the report has.
func linkable(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// linkText is a short readable label for a source link.
func linkText(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	if u.Scheme == "file" {
		return "file " + filepath.Base(u.Path)
	}
	p := u.Path
	if len(p) > 48 {
		p = p[:22] + "…" + p[len(p)-22:]
	}
	return strings.TrimPrefix(u.Host, "www.") + p
}

// linked is a tally row with the page listing the people behind it.
type linked struct {
	Key  string
	T    Tally
	Link string
}

type agencySection struct {
	Name, Slug, CasesLink string
	Chart                 template.HTML
	Rows                  []linked
}

type groupSection struct {
	Key, Title, Flag string
	Chart            template.HTML
	FY, ByAgency     []linked
}

type stage struct {
	Name string
	N    int64
	Link string
}

type funnelSection struct {
	Name, Slug, CasesLink string
	Unnamed               int64
	Chart                 template.HTML
	Stages                []stage
}

type pageLink struct {
	N       int
	Href    string
	Current bool
}

type download struct{ File, What string }

// page is what every template gets.
type page struct {
	Title, Page, Generated string
	M                      *model
	// the answer (index) and its people pages
	Answer                         *answer.Answer
	Sections                       []answerSection
	Section                        answerSection
	Cells                          []answer.Cell
	AnswerColumns, CategoryColumns []string
	// method: what the answer's columns and the published units mean
	AnswerDefs []answer.Definition
	Units      []answer.Definition
	// overview
	Summary  Tally
	Agencies []agencySection
	Groups   []groupSection
	// funnel
	Funnels []funnelSection
	// cases
	Cases     []Case
	PageLinks []pageLink
	CaseCount int
	From, To  int
	Scope     string
	// method
	Accuracy  []Accuracy
	Notes     []string
	Downloads []download
}

// Build writes the site for db into outDir (created if needed). Each file
// is written to a temporary name and renamed, so a reader never sees half
// a page; files of an earlier build that this one does not write (an
// agency that dropped out) are left in place.
func Build(ctx context.Context, db *sql.DB, outDir string, opt Options) error {
	if opt.PageSize <= 0 {
		opt.PageSize = 500
	}
	if err := os.MkdirAll(filepath.Join(outDir, "data"), 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	m, err := load(ctx, db, opt.Since)
	if err != nil {
		return err
	}
	base := page{M: m}
	if !opt.Generated.IsZero() {
		base.Generated = opt.Generated.UTC().Format("2006-01-02 15:04 UTC")
	}
	downloads, err := writeData(ctx, db, outDir, m, opt)
	if err != nil {
		return err
	}
	answerFiles, err := answerPages(ctx, db, outDir, base, m, opt)
	if err != nil {
		return err
	}
	downloads = append(answerFiles, downloads...)
	all, err := overview(base, m)
	if err != nil {
		return err
	}
	if err := render(outDir, "agencies.html", "agencies", all); err != nil {
		return err
	}
	fun, err := funnels(base, m)
	if err != nil {
		return err
	}
	if err := render(outDir, "funnel.html", "funnel", fun); err != nil {
		return err
	}
	if err := casePages(outDir, base, "cases", "Cases", "All cases.", m.Cases, opt.PageSize); err != nil {
		return err
	}
	for _, a := range m.agencies() {
		var cs []Case
		for _, c := range m.Cases {
			if (a == noAgency && len(c.Agencies) == 0) || contains(c.Agencies, a) {
				cs = append(cs, c)
			}
		}
		scope := "Cases in which a document credits " + a + "."
		if a == noAgency {
			scope = "Cases in which no document credits an investigating agency."
		}
		if err := casePages(outDir, base, "agency-"+slug(a), "Cases: "+a, scope, cs, opt.PageSize); err != nil {
			return err
		}
	}
	meth := base
	meth.Title, meth.Page = "How these numbers are made", "method"
	meth.Accuracy, meth.Notes, meth.Downloads = opt.Accuracy, tally.Notes, downloads
	meth.AnswerDefs = answer.Definitions
	figs, err := data.PublicFigures()
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, f := range figs {
		if !slices.ContainsFunc(meth.Units, func(d answer.Definition) bool { return d.Column == f.Unit }) {
			meth.Units = append(meth.Units, answer.Definition{Column: f.Unit, Meaning: answer.UnitMeanings[f.Unit]})
		}
	}
	return render(outDir, "method.html", "method", meth)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// answerPages writes index.html, the question answered, and the people
// page of each agency group, with the answer's CSVs in data/.
func answerPages(ctx context.Context, db *sql.DB, outDir string, base page, m *model, opt Options) ([]download, error) {
	sinceFY := answer.DefaultSinceFY
	if !opt.Since.IsZero() && opt.Since.After(answer.FiscalYearStart(sinceFY)) {
		sinceFY = answer.FiscalYearOf(opt.Since)
	}
	a, err := answer.Compute(ctx, db, answer.Options{SinceFY: sinceFY, People: true})
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	secs, err := answerSections(a, m.DataDate)
	if err != nil {
		return nil, err
	}
	p := base
	p.Title, p.Page, p.Answer, p.Sections = a.Question, "index", a, secs
	p.AnswerColumns, p.CategoryColumns = answerColumnNames, categoryColumnNames
	p.Accuracy = opt.Accuracy
	if err := render(outDir, "index.html", "index", p); err != nil {
		return nil, err
	}
	for _, s := range secs {
		pp := base
		pp.Title, pp.Page, pp.Section, pp.Cells = "People behind the answer: "+s.G.Label, "answerpeople", s, s.peopleCells()
		if err := render(outDir, s.File, "answerpeople", pp); err != nil {
			return nil, err
		}
	}
	var out []download
	for _, f := range []struct {
		name, what string
		w          func(io.Writer) error
	}{
		{"answer.csv", "one agency group × fiscal year (or the period) × the child-exploitation set (or one charge category): the first page's counts, with the closest published figure beside each fiscal year (columns: docs/data-dictionary.md)", func(w io.Writer) error {
			return answer.Write(w, a, answer.WriteOptions{Format: "csv", BOM: true})
		}},
		{"answer_people.csv", "one count × person × report: the people and releases behind every count of the first page", func(w io.Writer) error {
			return answer.Write(w, a, answer.WriteOptions{Format: "csv", People: true, BOM: true})
		}},
		{"public_figures.csv", "one published figure (publisher, value, unit, year, charge set, agency, source)", func(w io.Writer) error {
			b, err := fs.ReadFile(data.FS(), "public_figures.csv")
			if err != nil {
				return err
			}
			if !bytes.HasPrefix(b, []byte("\ufeff")) { // a BOM, as on every CSV download
				b = append([]byte("\ufeff"), b...)
			}
			_, err = w.Write(b)
			return err
		}},
	} {
		if err := writeFile(filepath.Join(outDir, "data", f.name), f.w); err != nil {
			return nil, err
		}
		out = append(out, download{f.name, f.what})
	}
	return out, nil
}

func overview(p page, m *model) (page, error) {
	p.Title, p.Page, p.Summary = "Arrests announced and convictions secured, all agencies", "agencies", m.All
	byAgency := map[string][]Tally{}
	for _, t := range m.AgencyFY {
		byAgency[t.Keys[0]] = append(byAgency[t.Keys[0]], t)
	}
	for i, a := range m.agencies() {
		link := "agency-" + slug(a) + ".html"
		sec := agencySection{Name: a, Slug: slug(a), CasesLink: link}
		var fy []string
		var arr, conv []float64
		for _, t := range byAgency[a] {
			sec.Rows = append(sec.Rows, linked{Key: t.Keys[1], T: t, Link: link})
			fy = append(fy, t.Keys[1])
			arr, conv = append(arr, float64(t.Arrests)), append(conv, float64(t.Convictions))
		}
		chart, err := BarChart{ID: fmt.Sprintf("ag%d", i), Title: a + ": arrests announced vs convictions secured",
			Desc:   describe(a, fy, arr, conv),
			XLabel: "federal fiscal year (Oct 1 – Sep 30)", YLabel: "people",
			Groups: fy, Series: []Series{{"Arrests announced", arr}, {"Convictions secured", conv}},
			DataDate: m.DataDate, Source: "casetrack tally --by agency,fiscal_year"}.SVG()
		if err != nil {
			return p, err
		}
		sec.Chart = chart
		p.Agencies = append(p.Agencies, sec)
	}
	for i, g := range groups {
		flag := "--category-set " + g.Key
		if len(g.Opt.Categories) > 0 {
			flag = "--category " + strings.Join(g.Opt.Categories, ",")
		}
		sec := groupSection{Key: g.Key, Title: g.Title, Flag: flag}
		var fy []string
		var arr, conv []float64
		for _, t := range m.GroupFY[g.Key] {
			sec.FY = append(sec.FY, linked{Key: t.Keys[0], T: t, Link: "cases.html"})
			fy = append(fy, t.Keys[0])
			arr, conv = append(arr, float64(t.Arrests)), append(conv, float64(t.Convictions))
		}
		for _, t := range m.GroupAgency[g.Key] {
			sec.ByAgency = append(sec.ByAgency, linked{Key: t.Keys[0], T: t, Link: "agency-" + slug(t.Keys[0]) + ".html"})
		}
		chart, err := BarChart{ID: fmt.Sprintf("grp%d", i), Title: g.Title + ": arrests announced vs convictions secured",
			Desc:   describe(g.Title, fy, arr, conv),
			XLabel: "federal fiscal year (Oct 1 – Sep 30)", YLabel: "people",
			Groups: fy, Series: []Series{{"Arrests announced", arr}, {"Convictions secured", conv}},
			DataDate: m.DataDate, Source: "casetrack tally --by fiscal_year " + flag}.SVG()
		if err != nil {
			return p, err
		}
		sec.Chart = chart
		p.Groups = append(p.Groups, sec)
	}
	return p, nil
}

// describe is a chart's text alternative: every number in words.
func describe(what string, groups []string, arr, conv []float64) string {
	if len(groups) == 0 {
		return what + ": no arrests or convictions in the data."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s, people per fiscal year, arrests announced then convictions secured: ", what)
	for i, g := range groups {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %s arrested, %s convicted", g, num(arr[i]), num(conv[i]))
	}
	b.WriteString(".")
	return b.String()
}

func funnels(p page, m *model) (page, error) {
	p.Title, p.Page = "Funnel per agency", "funnel"
	byName := map[string]Tally{}
	for _, t := range m.Agency {
		byName[t.Keys[0]] = t
	}
	names := append([]string{"All agencies"}, m.agencies()...)
	byName["All agencies"] = m.All
	for i, a := range names {
		t := byName[a]
		link := "cases.html"
		if i > 0 {
			link = "agency-" + slug(a) + ".html"
		}
		sec := funnelSection{Name: a, Slug: slug(a), CasesLink: link, Unnamed: t.ArrestsUnnamed}
		if i == 0 {
			sec.Slug = "all"
		}
		labels := []string{"Arrested", "Charged", "Convicted", "Sentenced"}
		vals := []int64{t.Arrests, t.Charged, t.Convictions, t.Sentenced}
		for j := range labels {
			sec.Stages = append(sec.Stages, stage{labels[j], vals[j], link})
		}
		chart, err := Funnel{ID: fmt.Sprintf("fn%d", i), Title: a + ": people at each stage",
			Desc:     fmt.Sprintf("%s: %d people arrested, %d charged, %d convicted, %d sentenced.", a, vals[0], vals[1], vals[2], vals[3]),
			DataDate: m.DataDate, Source: "casetrack tally --by agency", Stages: labels, Values: vals}.SVG()
		if err != nil {
			return p, err
		}
		sec.Chart = chart
		p.Funnels = append(p.Funnels, sec)
	}
	return p, nil
}

// casePages writes name.html, name-2.html … with size cases each.
func casePages(outDir string, base page, name, title, scope string, cases []Case, size int) error {
	n := (len(cases) + size - 1) / size
	if n == 0 {
		n = 1
	}
	file := func(i int) string {
		if i == 1 {
			return name + ".html"
		}
		return fmt.Sprintf("%s-%d.html", name, i)
	}
	for i := 1; i <= n; i++ {
		p := base
		p.Title, p.Page, p.Scope, p.CaseCount = title, "cases", scope, len(cases)
		p.From, p.To = (i-1)*size+1, min(i*size, len(cases))
		p.Cases = cases[p.From-1 : p.To]
		if len(cases) == 0 {
			p.From = 0
		}
		for j := 1; j <= n; j++ {
			p.PageLinks = append(p.PageLinks, pageLink{N: j, Href: file(j), Current: j == i})
		}
		if err := render(outDir, file(i), "cases", p); err != nil {
			return err
		}
	}
	return nil
}

func render(outDir, file, tmpl string, p page) error {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, tmpl, p); err != nil {
		return fmt.Errorf("report: %s: %w", file, err)
	}
	return writeFile(filepath.Join(outDir, file), func(w io.Writer) error {
		_, err := w.Write(b.Bytes())
		return err
	})
}

// writeFile writes path through a temporary file and a rename.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("report: %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("report: %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("report: %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("report: %s: %w", path, err)
	}
	return nil
}
