// Package testdb builds DuckDB databases for tests as the binary does,
// from constructed items or by importing saved files, links them, and
// hands them back open read-only, the way `casetrack answer` and `casetrack
// report` open the published file. Files live in the test's temporary
// directory.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"casetrack/pipeline/ingest"
	"casetrack/pipeline/link/linkdb"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/review/reviewdb"
	"casetrack/pipeline/store"
	"casetrack/sources/pacer"
)

// Day parses YYYY-MM-DD; a constructed fixture's dates are known good.
func Day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Event is a constructed event in W.D. Tex. whose evidence is the whole
// text; date "" leaves it undated.
func Event(typ, who string, n int, date string, cats, ags []string, evidence string) normalize.Event {
	e := normalize.Event{Type: typ, Defendant: who, PersonCount: n, Categories: cats, Agencies: ags,
		Evidence: evidence, EvidenceStart: 0, EvidenceEnd: len(evidence), District: "W.D. Tex."}
	if date != "" {
		e.Date = Day(date)
	}
	return e
}

// Loaded stores items, links them, runs the statements after (runs and
// cursors rows, say) and returns the database open read-only.
func Loaded(t testing.TB, items []store.Item, after ...string) *sql.DB {
	t.Helper()
	return build(t, func(ctx context.Context, st *store.Store) error {
		_, err := st.Load(ctx, 1, items)
		return err
	}, after...)
}

// Corrected is Loaded with the hand decisions of an event_decisions.csv
// (its text) applied after loading and before linking, as every writing
// run does; every decision must apply.
func Corrected(t testing.TB, items []store.Item, decisions string, after ...string) *sql.DB {
	t.Helper()
	return build(t, func(ctx context.Context, st *store.Store) error {
		if _, err := st.Load(ctx, 1, items); err != nil {
			return err
		}
		file := filepath.Join(filepath.Dir(st.Path()), "event_decisions.csv")
		if err := os.WriteFile(file, []byte(decisions), 0o644); err != nil {
			return err
		}
		out, err := reviewdb.Apply(ctx, st.DB(), file, 1, Day("2024-07-01"))
		if err == nil && (out.Applied == 0 || len(out.Stale)+len(out.Malformed) > 0) {
			err = fmt.Errorf("decisions: applied %d, stale %v, malformed %v", out.Applied, out.Stale, out.Malformed)
		}
		return err
	}, after...)
}

// Formats are the formats Imported reads: release records (labelled
// corpora, JSONL) and saved PACER dockets.
func Formats() ([]ingest.Format, error) {
	court, err := pacer.New(pacer.Config{})
	if err != nil {
		return nil, err
	}
	return []ingest.Format{ingest.ReleaseFormat, ingest.SourceFormat(pacer.Name, pacer.Detect, court.Parse)}, nil
}

// Imported imports paths (release records and PACER dockets) with the
// importer and its extraction, links them and returns the database open
// read-only.
func Imported(t testing.TB, paths ...string) *sql.DB {
	t.Helper()
	return build(t, func(ctx context.Context, st *store.Store) error {
		norm, err := normalize.New()
		if err != nil {
			return err
		}
		fmts, err := Formats()
		if err != nil {
			return err
		}
		_, _, err = (&ingest.Importer{Store: st, Extractor: norm, Formats: fmts}).Import(ctx, paths)
		return err
	})
}

func build(t testing.TB, fill func(context.Context, *store.Store) error, after ...string) *sql.DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.duckdb")
	st, err := store.Open(ctx, path, store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if err := fill(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := linkdb.Stage(ctx, st.DB(), ""); err != nil {
		t.Fatal(err)
	}
	for _, q := range after {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := store.Open(ctx, path, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro.DB()
}
