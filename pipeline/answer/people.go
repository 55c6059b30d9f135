package answer

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Report is one document's report of an occurrence behind a count.
type Report struct {
	EventType      string   `json:"event_type"`
	PleaOrVerdict  string   `json:"plea_or_verdict,omitempty"`
	CourtVerified  bool     `json:"court_verified"` // this report is a court record
	SentenceMonths *float64 `json:"sentence_months,omitempty"`
	SentenceKind   string   `json:"sentence_kind,omitempty"`
	URL            string   `json:"url"`
	Title          string   `json:"title"`
	Published      string   `json:"published"`
	Publisher      string   `json:"publisher"`
	Evidence       string   `json:"evidence"` // the sentence the event was read from
}

// Person is one person behind a count, or one unnamed group (PersonID ""),
// with the reports of the occurrences that put them there.
type Person struct {
	PersonID   string   `json:"person_id,omitempty"`
	Name       string   `json:"name"`
	Count      int64    `json:"count"` // 1 for a person; the head count of an unnamed group
	Date       string   `json:"date"`  // the earliest qualifying occurrence's date
	Categories []string `json:"categories"`
	Reports    []Report `json:"reports"`
}

// Cell is the people behind one count of the answer: one fiscal year (0 for
// the whole period), the set or one category, one measure.
type Cell struct {
	Period     string   `json:"period"`
	FiscalYear int      `json:"fiscal_year,omitempty"`
	Category   string   `json:"category,omitempty"`
	Measure    string   `json:"measure"`
	People     []Person `json:"people"`
}

// PeopleMeasures are the counts whose people can be listed: every count
// column but the medians and the rate.
var PeopleMeasures = []string{"arrests_announced", "arrests_announced_unnamed", "charged", "convictions_secured",
	"convictions_plea", "convictions_verdict", "convictions_manner_not_stated", "convictions_press_only",
	"convictions_court_verified", "sentenced", "arrests_later_convicted"}

// occurrence is one real-world event as the tallies count it.
type occurrence struct {
	id, person, eventType                  string
	count                                  int64
	date                                   time.Time
	fy                                     int
	categories                             []string
	announced, court, plea, verdict, later bool
	reports                                []Report
	names                                  []string
}

func (o *occurrence) conviction() bool {
	return o.eventType == "convicted" || o.eventType == "sentenced"
}
func (o *occurrence) arrest() bool { return o.eventType == "arrest" && o.announced }

// qualifies says which occurrences of one person put them in a measure's
// count, as tally_units counts (linkdb.Metrics): nil when none does.
func qualifies(measure string, occs []*occurrence) []*occurrence {
	pick := func(ok func(*occurrence) bool) []*occurrence {
		var out []*occurrence
		for _, o := range occs {
			if ok(o) {
				out = append(out, o)
			}
		}
		return out
	}
	conv := pick((*occurrence).conviction)
	switch measure {
	case "arrests_announced", "arrests_announced_unnamed":
		return pick((*occurrence).arrest)
	case "charged":
		return pick(func(o *occurrence) bool { return o.eventType == "charged" })
	case "convictions_secured":
		return conv
	case "convictions_plea":
		return pick(func(o *occurrence) bool { return o.conviction() && o.plea })
	case "convictions_verdict":
		return pick(func(o *occurrence) bool { return o.conviction() && o.verdict })
	case "convictions_court_verified":
		return pick(func(o *occurrence) bool { return o.conviction() && o.court })
	case "convictions_manner_not_stated":
		if slices.ContainsFunc(conv, func(o *occurrence) bool { return o.plea || o.verdict }) {
			return nil
		}
		return conv
	case "convictions_press_only":
		if slices.ContainsFunc(conv, func(o *occurrence) bool { return o.court }) {
			return nil
		}
		return conv
	case "sentenced":
		return pick(func(o *occurrence) bool { return o.eventType == "sentenced" })
	case "arrests_later_convicted":
		return pick(func(o *occurrence) bool { return o.arrest() && o.later })
	}
	return nil
}

// people lists, for every fiscal year of the period and the whole period,
// for the set and each category, for each of PeopleMeasures, the people
// and releases behind the group's count. Cells without anyone are left
// out.
func people(ctx context.Context, db *sql.DB, g Group, since time.Time, fromFY, toFY int, period string, categories []string) ([]Cell, error) {
	occs, err := loadOccurrences(ctx, db, g.Agencies, categories, since)
	if err != nil {
		return nil, err
	}
	var out []Cell
	periods := []int{}
	for fy := fromFY; fy <= toFY; fy++ {
		periods = append(periods, fy)
	}
	periods = append(periods, 0)
	for _, fy := range periods {
		for _, cat := range append([]string{""}, categories...) {
			// the occurrences in the cell, by person (unnamed groups alone)
			byUnit := map[string][]*occurrence{}
			var units []string
			for _, o := range occs {
				if (fy != 0 && o.fy != fy) || (cat != "" && !slices.Contains(o.categories, cat)) {
					continue
				}
				key := o.person
				if key == "" {
					key = "occ:" + o.id
				}
				if _, ok := byUnit[key]; !ok {
					units = append(units, key)
				}
				byUnit[key] = append(byUnit[key], o)
			}
			for _, m := range PeopleMeasures {
				c := Cell{Period: fmt.Sprintf("FY%d", fy), FiscalYear: fy, Category: cat, Measure: m}
				if fy == 0 {
					c.Period = period
				}
				for _, u := range units {
					unnamed := strings.HasPrefix(u, "occ:")
					if unnamed != (m == "arrests_announced_unnamed") {
						continue
					}
					q := qualifies(m, byUnit[u])
					if len(q) == 0 {
						continue
					}
					c.People = append(c.People, personOf(q))
				}
				if len(c.People) > 0 {
					slices.SortStableFunc(c.People, func(a, b Person) int {
						return strings.Compare(a.Date+a.Name+a.PersonID, b.Date+b.Name+b.PersonID)
					})
					out = append(out, c)
				}
			}
		}
	}
	return out, nil
}

// personOf describes one unit from the occurrences that qualify it.
func personOf(q []*occurrence) Person {
	p := Person{PersonID: q[0].person, Count: 1}
	first := q[0]
	for _, o := range q {
		if o.date.Before(first.date) {
			first = o
		}
		for _, c := range o.categories {
			if !slices.Contains(p.Categories, c) {
				p.Categories = append(p.Categories, c)
			}
		}
		p.Reports = append(p.Reports, o.reports...)
	}
	p.Date = first.date.Format(time.DateOnly)
	if p.PersonID == "" {
		p.Count = first.count
		p.Name = fmt.Sprintf("unnamed group of %d", first.count)
	} else if len(first.names) > 0 {
		p.Name = first.names[0]
	}
	slices.Sort(p.Categories)
	return p
}

// loadOccurrences reads the group's occurrences in the set since a date,
// each with its reports, from mart_occurrence_reports.
func loadOccurrences(ctx context.Context, db *sql.DB, agencies, categories []string, since time.Time) ([]*occurrence, error) {
	ph := func(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
	// placeholders in order: the categories kept in the list, the agencies, the categories, the date
	var args []any
	for _, c := range categories {
		args = append(args, c)
	}
	for _, a := range agencies {
		args = append(args, a)
	}
	for _, c := range categories {
		args = append(args, c)
	}
	args = append(args, since)
	rows, err := db.QueryContext(ctx, `SELECT occurrence_id, coalesce(person_id, ''), event_type, coalesce(person_count, 1),
		eff_date, fiscal_year, list_filter(categories, c -> list_contains([`+ph(len(categories))+`], c)),
		announced, court_verified, plea, verdict, days_to_conviction IS NOT NULL,
		coalesce(defendant, ''), report_event_type, coalesce(report_plea_or_verdict, ''), report_court_verified,
		report_sentence_months, coalesce(report_sentence_kind, ''), url, coalesce(title, ''), published,
		coalesce(publisher, ''), coalesce(evidence, '')
	FROM mart_occurrence_reports
	WHERE list_has_any(agencies, [`+ph(len(agencies))+`]) AND list_has_any(categories, [`+ph(len(categories))+`]) AND eff_date >= ?
	ORDER BY eff_date, occurrence_id, published, url, event_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("answer: people: %w", err)
	}
	defer rows.Close()
	var out []*occurrence
	byID := map[string]*occurrence{}
	for rows.Next() {
		var o occurrence
		var r Report
		var cats []any
		var fy int
		var published sql.NullTime
		var months sql.NullFloat64
		var name string
		if err := rows.Scan(&o.id, &o.person, &o.eventType, &o.count, &o.date, &fy, &cats, &o.announced, &o.court,
			&o.plea, &o.verdict, &o.later, &name, &r.EventType, &r.PleaOrVerdict, &r.CourtVerified, &months,
			&r.SentenceKind, &r.URL, &r.Title, &published, &r.Publisher, &r.Evidence); err != nil {
			return nil, fmt.Errorf("answer: people: %w", err)
		}
		if months.Valid {
			r.SentenceMonths = &months.Float64
		}
		if published.Valid {
			r.Published = published.Time.Format(time.DateOnly)
		}
		cur, ok := byID[o.id]
		if !ok {
			o.fy = fy
			for _, c := range cats {
				if s, ok := c.(string); ok {
					o.categories = append(o.categories, s)
				}
			}
			cur = &o
			byID[o.id] = cur
			out = append(out, cur)
		}
		cur.reports = append(cur.reports, r)
		if name != "" && !slices.Contains(cur.names, name) {
			cur.names = append(cur.names, name)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("answer: people: %w", err)
	}
	return out, nil
}
