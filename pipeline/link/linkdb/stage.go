package linkdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"casetrack/pipeline/link"
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
// tally_facts and run every assertion. An assertion that returns rows is
// an error wrapping ErrAssertions, naming each failing view.
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
