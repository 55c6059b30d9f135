package reviewdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Scope selects the events of a tally's cells: those with one of the
// categories, in one of the category sets, credited to one of the agencies,
// and dated (the event's date, else its document's) in [Since, Until).
// Empty fields select everything.
type Scope struct {
	Agencies, Categories, CategorySets []string
	Since, Until                       time.Time
}

// Corrections counts the hand corrections behind some numbers.
type Corrections struct {
	Changed int `json:"changed"` // extracted events a set decision changed
	Added   int `json:"added"`   // events an add decision added
	Dropped int `json:"dropped"` // extracted events a drop decision removed (judged by their extracted fields)
}

// Corrected is how many events in the numbers were corrected by hand
// (changed or added); dropped events are no longer in them.
func (c Corrections) Corrected() int { return c.Changed + c.Added }

// String says it in a sentence for notes under a tally or on a page.
func (c Corrections) String() string {
	if c.Corrected() == 0 && c.Dropped == 0 {
		return "no event in these numbers was corrected by hand (event_decisions.csv)"
	}
	return fmt.Sprintf("%s in these numbers %s corrected by hand (%d changed, %d added) and %s dropped, by event_decisions.csv; corrected events have corrected = true and the event_decisions table lists every decision",
		plural(c.Corrected(), "event"), was(c.Corrected()), c.Changed, c.Added, plural(c.Dropped, "extracted event"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func was(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// CountCorrections counts the corrected events in scope: changed and added
// events by their corrected fields, dropped ones by their extracted fields.
func CountCorrections(ctx context.Context, db *sql.DB, s Scope) (Corrections, error) {
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_name = 'event_originals'`).Scan(&tables); err != nil {
		return Corrections{}, fmt.Errorf("corrections: %w", err)
	}
	if tables == 0 {
		return Corrections{}, nil // a database no writer of this version has opened yet
	}
	var where []string
	var args []any
	if len(s.Agencies) > 0 {
		where = append(where, "list_has_any(agencies, ?::VARCHAR[])")
		args = append(args, upper(s.Agencies))
	}
	if len(s.Categories) > 0 {
		where = append(where, "list_has_any(categories, ?::VARCHAR[])")
		args = append(args, s.Categories)
	}
	for _, set := range s.CategorySets {
		if set != "child_exploitation" && set != "trafficking" {
			return Corrections{}, fmt.Errorf("corrections: unknown category set %q", set)
		}
	}
	if len(s.CategorySets) > 0 {
		var sets []string
		for _, set := range s.CategorySets {
			sets = append(sets, "r."+set)
		}
		where = append(where, "EXISTS (SELECT 1 FROM ref_categories r WHERE list_contains(categories, r.category) AND ("+
			strings.Join(sets, " OR ")+"))")
	}
	if !s.Since.IsZero() {
		where = append(where, "eff_date >= ?")
		args = append(args, s.Since)
	}
	if !s.Until.IsZero() {
		where = append(where, "eff_date < ?")
		args = append(args, s.Until)
	}
	cond := "true"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	q := `WITH c AS (
		SELECT CASE WHEN e.event_id IN (SELECT event_id FROM event_originals) THEN 'changed' ELSE 'added' END AS kind,
			e.categories, e.agencies, coalesce(e.event_date, d.published) AS eff_date
		FROM events e LEFT JOIN documents d USING (doc_id) WHERE e.corrected
		UNION ALL
		SELECT 'dropped', o.categories, o.agencies, coalesce(o.event_date, d.published)
		FROM event_originals o LEFT JOIN documents d USING (doc_id)
		WHERE o.event_id NOT IN (SELECT event_id FROM events))
	SELECT count(*) FILTER (WHERE kind = 'changed'), count(*) FILTER (WHERE kind = 'added'), count(*) FILTER (WHERE kind = 'dropped')
	FROM c WHERE ` + cond
	var out Corrections
	if err := db.QueryRowContext(ctx, q, args...).Scan(&out.Changed, &out.Added, &out.Dropped); err != nil {
		return out, fmt.Errorf("corrections: %w", err)
	}
	return out, nil
}

func upper(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToUpper(x)
	}
	return out
}
