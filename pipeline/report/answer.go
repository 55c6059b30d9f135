package report

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"casetrack/pipeline/answer"
)

// The first page (index.html) answers the question casetrack exists for
// (pipeline/answer): per credited ICE agency and fiscal year, the
// child-exploitation arrests announced and the convictions that followed,
// by charge, beside the published figures and next to what the numbers do
// not cover. Every count links to answer-<group>.html, which lists the
// people behind it and the releases (with the evidence sentence) that
// state each fact.

// countCell is one count of the answer tables: its text and, when people
// stand behind it, the link to them.
type countCell struct {
	Text, Href, Measure string
}

type answerRow struct {
	Key       string // FY2024, or the period
	Total     bool
	Cells     []countCell
	Published *answer.Beside
}

type answerCategory struct {
	Category, Label string
	Years           []countCell // convictions per fiscal year
	Cells           []countCell // the period: convictions, plea, verdict, not stated, court-verified, sentenced, median months
}

// answerSection is one agency group of the first page and its people page.
type answerSection struct {
	G          answer.Group
	File       string // answer-<key>.html
	Summary    string // the answer in one sentence
	Chart      template.HTML
	Rows       []answerRow
	Categories []answerCategory
	// cells are the people cells linked from the first page, by anchor:
	// what the people page lists.
	linked map[string]bool
}

// anchor is the id of a count's people on the people page.
func anchor(period, category, measure string) string {
	if category == "" {
		category = "set"
	}
	return period + "_" + category + "_" + measure
}

// answerColumnNames head the answer tables, in answer.Columns order.
var answerColumnNames = []string{"Arrests announced (people)", "Unnamed arrests (group announcements)", "Charged",
	"Convicted (people)", "by guilty plea", "at trial (verdict)", "manner not stated", "on press releases only",
	"court-verified", "Sentenced", "Median sentence (months)", "Arrests later convicted", "Conversion rate",
	"Median days, arrest → conviction"}

// categoryColumnNames head the period columns of the by-charge table.
var categoryColumnNames = []string{"Convicted (people)", "by guilty plea", "at trial (verdict)", "manner not stated",
	"court-verified", "Sentenced", "Median sentence (months)"}

// count makes a cell of a people count, linked when anyone stands behind
// it; the link is remembered so the people page lists that cell.
func (s *answerSection) count(period, category, measure string, n int64) countCell {
	c := countCell{Text: strconv.FormatInt(n, 10), Measure: measure}
	if n > 0 {
		a := anchor(period, category, measure)
		s.linked[a] = true
		c.Href = s.File + "#" + a
	}
	return c
}

func (s *answerSection) cells(period, category string, m answer.Measures) []countCell {
	f := func(p *float64, unit string) countCell {
		if p == nil {
			return countCell{Text: "—"}
		}
		if unit == "%" {
			return countCell{Text: strconv.FormatFloat(*p*100, 'f', 1, 64) + "%"}
		}
		return countCell{Text: num(*p)}
	}
	c := func(measure string, n int64) countCell { return s.count(period, category, measure, n) }
	return []countCell{c("arrests_announced", m.ArrestsAnnounced), c("arrests_announced_unnamed", m.ArrestsUnnamed),
		c("charged", m.Charged), c("convictions_secured", m.Convictions), c("convictions_plea", m.ConvictionsPlea),
		c("convictions_verdict", m.ConvictionsVerdict), c("convictions_manner_not_stated", m.ConvictionsNotStated),
		c("convictions_press_only", m.ConvictionsPressOnly), c("convictions_court_verified", m.ConvictionsCourt),
		c("sentenced", m.Sentenced), f(m.MedianSentenceMonths, ""), c("arrests_later_convicted", m.ArrestsLaterConvicted),
		f(m.ConversionRate, "%"), f(m.MedianDaysToConviction, "")}
}

// answerSections builds the first page's sections from the answer; the
// HSI section carries the chart of arrests vs convictions per fiscal year.
func answerSections(a *answer.Answer, dataDate string) ([]answerSection, error) {
	var out []answerSection
	for _, g := range a.Groups {
		s := answerSection{G: g, File: "answer-" + slug(g.Key) + ".html", linked: map[string]bool{}, Summary: summary(a, g)}
		for _, r := range g.Years {
			s.Rows = append(s.Rows, answerRow{Key: r.Period, Cells: s.cells(r.Period, "", r.Measures), Published: r.Published})
		}
		s.Rows = append(s.Rows, answerRow{Key: g.Total.Period, Total: true, Cells: s.cells(g.Total.Period, "", g.Total.Measures)})
		for _, c := range g.Categories {
			ac := answerCategory{Category: c.Category, Label: answer.CategoryLabels[c.Category]}
			for _, r := range g.ByCategory {
				if r.Category == c.Category {
					ac.Years = append(ac.Years, s.count(r.Period, c.Category, "convictions_secured", r.Convictions))
				}
			}
			ac.Cells = answer.CategoryCells(s.cells(c.Period, c.Category, c.Measures))
			s.Categories = append(s.Categories, ac)
		}
		if g.Key == "hsi" {
			var fy []string
			var arr, conv []float64
			for _, r := range g.Years {
				fy = append(fy, r.Period)
				arr, conv = append(arr, float64(r.ArrestsAnnounced)), append(conv, float64(r.Convictions))
			}
			chart, err := BarChart{ID: "answer-hsi", Title: "HSI, child exploitation: arrests vs convictions",
				Desc:   describe("HSI, child-exploitation set", fy, arr, conv),
				XLabel: "federal fiscal year (Oct 1 – Sep 30)", YLabel: "people",
				Groups: fy, Series: []Series{{"Arrests announced", arr}, {"Convictions secured", conv}},
				DataDate: dataDate, Source: "casetrack answer --agency HSI"}.SVG()
			if err != nil {
				return nil, err
			}
			s.Chart = chart
		}
		out = append(out, s)
	}
	return out, nil
}

// summary is a group's answer in one sentence.
func summary(a *answer.Answer, g answer.Group) string {
	t := g.Total.Measures
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s: press releases announced the arrest of %s", g.Label, a.Period(), persons(t.ArrestsAnnounced, "named "))
	if t.ArrestsUnnamed > 0 {
		fmt.Fprintf(&b, " (and %d more in unnamed group arrests)", t.ArrestsUnnamed)
	}
	fmt.Fprintf(&b, "; %s convicted (%d by guilty plea, %d at trial, %d not stated), %d of them on a court record; %d sentenced",
		was(t.Convictions), t.ConvictionsPlea, t.ConvictionsVerdict, t.ConvictionsNotStated, t.ConvictionsCourt, t.Sentenced)
	if t.MedianSentenceMonths != nil {
		fmt.Fprintf(&b, ", median %s months", num(*t.MedianSentenceMonths))
	}
	fmt.Fprintf(&b, ". %d of the %d announced arrests are followed to a conviction in the data", t.ArrestsLaterConvicted, t.ArrestsAnnounced)
	if t.MedianDaysToConviction != nil {
		fmt.Fprintf(&b, " (median %s days later)", num(*t.MedianDaysToConviction))
	}
	b.WriteString(".")
	return b.String()
}

// persons is "1 named person" or "3 named people".
func persons(n int64, adj string) string {
	if n == 1 {
		return "1 " + adj + "person"
	}
	return fmt.Sprintf("%d %speople", n, adj)
}

// was is "1 person was" or "3 people were".
func was(n int64) string {
	if n == 1 {
		return persons(n, "") + " was"
	}
	return persons(n, "") + " were"
}

// peopleCells are the cells of a group that its people page lists: those
// the first page links to.
func (s answerSection) peopleCells() []answer.Cell {
	var out []answer.Cell
	for _, c := range s.G.People {
		if s.linked[anchor(c.Period, c.Category, c.Measure)] {
			out = append(out, c)
		}
	}
	return out
}

// measureWords say what a count counts, for the people page's headings.
var measureWords = map[string]string{
	"arrests_announced":             "people whose arrest a release announced",
	"arrests_announced_unnamed":     "unnamed group arrests a release announced",
	"charged":                       "people charged",
	"convictions_secured":           "people convicted",
	"convictions_plea":              "people convicted by guilty plea",
	"convictions_verdict":           "people convicted at trial",
	"convictions_manner_not_stated": "people convicted, no report says how",
	"convictions_press_only":        "people convicted, on press releases only",
	"convictions_court_verified":    "people convicted, on a court record",
	"sentenced":                     "people sentenced",
	"arrests_later_convicted":       "people whose announced arrest is followed by a conviction",
}
