package linkdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"casetrack/pipeline/link"
	"casetrack/pipeline/store"
)

// Outcome is what one link stage did.
type Outcome struct {
	Events    int
	People    int
	Uncertain int
	Warnings  []string
}

// ErrAssertions means a zero-row assertion returned rows: the data is not
// fit to publish.
var ErrAssertions = errors.New("assertions failed")

// Stage is the link step of every writing run: read the stored events,
// resolve people and cases (honouring the reviewed decisions in
// decisionsPath when that file exists), save the links, rebuild
// tally_facts and tally_units and run every assertion. An assertion that
// returns rows is an error wrapping ErrAssertions, naming each failing view.
func Stage(ctx context.Context, db *sql.DB, decisionsPath string) (Outcome, error) {
	var out Outcome
	var decisions []link.Decision
	if decisionsPath != "" {
		f, err := os.Open(decisionsPath)
		switch {
		case err == nil:
			decisions, err = link.ReadDecisions(f)
			f.Close()
			if err != nil {
				return out, fmt.Errorf("link: %s: %w", decisionsPath, err)
			}
		case !os.IsNotExist(err):
			return out, fmt.Errorf("link: %w", err)
		}
	}
	events, err := LoadEvents(ctx, db)
	if err != nil {
		return out, err
	}
	res, err := link.Resolve(events, link.Options{Decisions: decisions})
	if err != nil {
		return out, fmt.Errorf("link: %w", err)
	}
	if err := Save(ctx, db, res); err != nil {
		return out, err
	}
	if err := Refresh(ctx, db); err != nil {
		return out, err
	}
	people := map[string]bool{}
	for _, a := range res.Assignments {
		if a.PersonID != "" {
			people[a.PersonID] = true
		}
	}
	out = Outcome{Events: len(events), People: len(people), Uncertain: len(res.Uncertain()), Warnings: res.Warnings}
	fails, err := Assert(ctx, db)
	if err != nil {
		return out, err
	}
	if len(fails) > 0 {
		msgs := make([]string, len(fails))
		for i, f := range fails {
			msgs[i] = f.String()
		}
		return out, fmt.Errorf("%w: %s", ErrAssertions, strings.Join(msgs, "; "))
	}
	return out, nil
}

// LoadLinks reads the stored links, only the uncertain ones when asked, in
// a stable order.
func LoadLinks(ctx context.Context, db *sql.DB, onlyUncertain bool) ([]link.Link, error) {
	q := `SELECT a_event_id, b_event_id, score, decision, decided_by, reasons FROM links`
	if onlyUncertain {
		q += ` WHERE decision = 'uncertain'`
	}
	rows, err := db.QueryContext(ctx, q+` ORDER BY a_event_id, b_event_id`)
	if err != nil {
		return nil, fmt.Errorf("linkdb: links: %w", err)
	}
	defer rows.Close()
	var out []link.Link
	for rows.Next() {
		var l link.Link
		var reasons []any
		if err := rows.Scan(&l.A, &l.B, &l.Score, &l.Decision, &l.DecidedBy, &reasons); err != nil {
			return nil, fmt.Errorf("linkdb: links: %w", err)
		}
		l.Reasons = store.Strings(reasons)
		out = append(out, l)
	}
	return out, rows.Err()
}
