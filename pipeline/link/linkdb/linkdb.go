// Package linkdb connects pipeline/link to the DuckDB store: it reads the
// events the store holds as link.Events, writes a link.Result into the
// event_people and links tables of schemas/040_link.sql, runs the
// zero-row assertions, and builds tally queries over any dimensions.
//
// After every import (or reparse) the run calls, in order:
//
//	events, _ := linkdb.LoadEvents(ctx, db)
//	res, _ := link.Resolve(events, link.Options{Decisions: reviewed})
//	_ = linkdb.Save(ctx, db, res)
//	_ = linkdb.Refresh(ctx, db)
//	failures, _ := linkdb.Assert(ctx, db)
package linkdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"casetrack/pipeline/link"
	"casetrack/pipeline/store"

	"github.com/duckdb/duckdb-go/v2"
)

// LoadEvents reads every event with its document's URL, source, publisher
// and publication date (the date used when the event has none). Optional
// columns events.aliases (VARCHAR[]) and events.age (INTEGER) are read when
// the table has them. Events come back ordered by id.
func LoadEvents(ctx context.Context, db *sql.DB) ([]link.Event, error) {
	has := func(col string) (bool, error) {
		var n int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.columns
			WHERE table_name = 'events' AND column_name = ?`, col).Scan(&n)
		return n > 0, err
	}
	aliasesCol, ageCol := "NULL::VARCHAR[]", "NULL::INTEGER"
	if ok, err := has("aliases"); err != nil {
		return nil, fmt.Errorf("linkdb: load events: %w", err)
	} else if ok {
		aliasesCol = "e.aliases"
	}
	if ok, err := has("age"); err != nil {
		return nil, fmt.Errorf("linkdb: load events: %w", err)
	} else if ok {
		ageCol = "e.age"
	}
	q := `SELECT e.event_id, coalesce(d.url, ''), coalesce(d.source, ''), coalesce(d.publisher, ''),
		e.event_type, coalesce(e.defendant, ''), coalesce(e.person_count, 1),
		coalesce(e.event_date, d.published), e.event_date IS NULL,
		coalesce(e.district, ''), coalesce(e.docket_number, ''),
		coalesce(e.categories, []), coalesce(e.agencies, []), coalesce(e.court_verified, false),
		coalesce(` + aliasesCol + `, []), coalesce(` + ageCol + `, 0)
		FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id
		ORDER BY e.event_id`
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("linkdb: load events: %w", err)
	}
	defer rows.Close()
	var out []link.Event
	for rows.Next() {
		var e link.Event
		var date sql.NullTime
		var cats, ags, als []any
		if err := rows.Scan(&e.EventID, &e.DocURL, &e.Source, &e.Publisher, &e.Type, &e.Defendant, &e.PersonCount,
			&date, &e.DateFromDoc, &e.District, &e.DocketNumber, &cats, &ags, &e.CourtVerified, &als, &e.Age); err != nil {
			return nil, fmt.Errorf("linkdb: load events: %w", err)
		}
		if date.Valid {
			e.Date = date.Time.UTC()
		} else {
			e.DateFromDoc = false
		}
		e.Categories, e.Agencies, e.Aliases = store.Strings(cats), store.Strings(ags), store.Strings(als)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("linkdb: load events: %w", err)
	}
	return out, nil
}

// Save replaces the contents of event_people and links with res, in one
// transaction, using DuckDB's appender (a row-by-row INSERT is a
// hundred times slower).
func Save(ctx context.Context, db *sql.DB, res link.Result) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("linkdb: save: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("linkdb: save: %w", err)
	}
	rollback := func(err error) error {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return fmt.Errorf("linkdb: save: %w", err)
	}
	for _, t := range []string{"event_people", "links"} {
		if _, err := conn.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return rollback(err)
		}
	}
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("driver connection %T", dc)
		}
		ap, err := duckdb.NewAppenderFromConn(c, "", "event_people")
		if err != nil {
			return fmt.Errorf("event_people appender: %w", err)
		}
		for _, a := range res.Assignments {
			if err := ap.AppendRow(nullable(a.EventID), nullable(a.PersonID), nullable(a.CaseID), a.OccurrenceID); err != nil {
				_ = ap.Close()
				return fmt.Errorf("event_people %s: %w", a.EventID, err)
			}
		}
		if err := ap.Close(); err != nil {
			return fmt.Errorf("event_people: %w", err)
		}
		ap, err = duckdb.NewAppenderFromConn(c, "", "links")
		if err != nil {
			return fmt.Errorf("links appender: %w", err)
		}
		for _, l := range res.Links {
			reasons := l.Reasons
			if reasons == nil {
				reasons = []string{}
			}
			if err := ap.AppendRow(l.A, l.B, l.Score, l.Decision, l.DecidedBy, reasons); err != nil {
				_ = ap.Close()
				return fmt.Errorf("links %s/%s: %w", l.A, l.B, err)
			}
		}
		if err := ap.Close(); err != nil {
			return fmt.Errorf("links: %w", err)
		}
		return nil
	})
	if err != nil {
		return rollback(err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return rollback(err)
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Failure is one assertion view that returned rows.
type Failure struct {
	View    string // assert_* view name
	Rows    int64
	Example string // the first row, for the log
}

func (f Failure) String() string {
	return fmt.Sprintf("%s: %d rows (e.g. %s)", f.View, f.Rows, f.Example)
}

// Assert runs every view whose name starts with assert_ and returns those
// that returned rows. An empty slice means every check passed.
func Assert(ctx context.Context, db *sql.DB) ([]Failure, error) {
	rows, err := db.QueryContext(ctx, `SELECT view_name FROM duckdb_views()
		WHERE NOT internal AND view_name LIKE 'assert\_%' ESCAPE '\' ORDER BY view_name`)
	if err != nil {
		return nil, fmt.Errorf("linkdb: assertions: %w", err)
	}
	var views []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return nil, fmt.Errorf("linkdb: assertions: %w", err)
		}
		views = append(views, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("linkdb: assertions: %w", err)
	}
	if len(views) == 0 {
		return nil, fmt.Errorf("linkdb: assertions: no assert_* views; is schemas/040_link.sql applied?")
	}
	var out []Failure
	for _, v := range views {
		var n int64
		var ex sql.NullString
		q := fmt.Sprintf(`SELECT count(*), CAST(any_value(t) AS VARCHAR) FROM %q t`, v)
		if err := db.QueryRowContext(ctx, q).Scan(&n, &ex); err != nil {
			return nil, fmt.Errorf("linkdb: assertion %s: %w", v, err)
		}
		if n > 0 {
			out = append(out, Failure{View: v, Rows: n, Example: ex.String})
		}
	}
	return out, nil
}

// Dimensions a tally can be grouped by.
var Dimensions = []string{"category", "category_set", "agency", "year", "fiscal_year", "district"}

// Tally describes one tally: the dimensions to group by (any of
// Dimensions, in order) and optional filters. Filters apply to the event
// rows being counted: a since date keeps events dated on or after it.
type Tally struct {
	By           []string
	Agencies     []string  // e.g. HSI
	Categories   []string  // e.g. csam_possession
	CategorySets []string  // child_exploitation, trafficking
	Since, Until time.Time // zero: unbounded; Until is exclusive
	// Manner adds MannerMetrics: convictions by plea, by verdict, and
	// with either stated.
	Manner bool
}
