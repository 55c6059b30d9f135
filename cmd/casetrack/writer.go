package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"casetrack/pipeline/link/linkdb"
	"casetrack/pipeline/review/reviewdb"
	"casetrack/pipeline/store"
	"casetrack/pipeline/workspace"
)

// writeFunc does a writing command's work on the working database and
// returns the run status (store.RunOK, RunFailed, ...) and its error.
type writeFunc func(ctx context.Context, st *store.Store, runID int64) (string, error)

// withWriter runs fn as the database's one writer: it takes the write lock
// (failing at once, naming the holder, when another writer has it), works on
// the working copy, records the run, and publishes the working copy over
// --db when the command ran to its end, even when some inputs failed (what
// did load is consistent and committed). An interrupted or broken run
// publishes nothing; the next run carries on from the working copy.
func (a *app) withWriter(ctx context.Context, command, args string, fn writeFunc) error {
	ws, err := workspace.Open(a.db, command, func(published string) error { return store.Verify(ctx, published) })
	if errors.Is(err, workspace.ErrLocked) {
		// 2 is reserved for this one case: schedulers treat it as "a run
		// is already going", not as a failure.
		return &exitError{code: 2, err: err}
	}
	if err != nil {
		return err
	}
	defer ws.Release()
	// Opening and recording the start ignore cancellation, so that every run
	// that took the lock leaves a row, even one stopped before its first
	// batch (fn then sees the cancelled ctx and the run ends interrupted).
	st, err := store.Open(context.WithoutCancel(ctx), ws.WorkingPath(), store.ReadWrite)
	if err != nil {
		return err
	}
	runID, err := st.BeginRun(context.WithoutCancel(ctx), command, args)
	if err != nil {
		st.Close()
		return err
	}
	status, err := fn(ctx, st, runID)
	var fatal *fatalError
	if ctx.Err() == nil && !errors.As(err, &fatal) {
		// Hand corrections of events go in after extraction and before
		// linking, on every writing run, so they hold whatever changed.
		status, err = a.applyEventDecisions(ctx, st, runID, status, err)
	}
	if ctx.Err() == nil && !errors.As(err, &fatal) {
		// Link people across documents, rebuild the tally facts and run the
		// assertions; a failed assertion keeps the previous published copy.
		out, lerr := linkdb.Stage(ctx, st.DB(), a.decisionsPath())
		if lerr != nil {
			status = store.RunFailed
			err = errors.Join(err, &fatalError{fmt.Errorf("link stage: %w", lerr)})
		} else {
			a.log.Info("linked", "events", out.Events, "people", out.People, "uncertain_pairs", out.Uncertain)
			for _, w := range out.Warnings {
				a.log.Warn("link decision", "warning", w)
			}
		}
	}
	if ctx.Err() != nil {
		status = store.RunInterrupted
	}
	if ferr := st.FinishRun(ctx, runID, status, err); ferr != nil {
		err = errors.Join(err, ferr)
		status = store.RunFailed
	}
	if cerr := st.Close(); cerr != nil {
		return errors.Join(err, cerr)
	}
	if status == store.RunInterrupted {
		return errors.Join(err, fmt.Errorf("interrupted: %s was not published; the next run continues from the working copy", a.db))
	}
	if errors.As(err, &fatal) {
		return fmt.Errorf("%w (%s was not published)", err, a.db)
	}
	if perr := ws.Publish(); perr != nil {
		return errors.Join(err, perr)
	}
	return err
}

// decisionsPath is the reviewed link decisions file: link_decisions.csv
// beside the database, used when it exists.
func (a *app) decisionsPath() string {
	return filepath.Join(filepath.Dir(a.db), "link_decisions.csv")
}

// eventDecisionsPath is the hand corrections of events:
// event_decisions.csv beside the database, used when it exists.
func (a *app) eventDecisionsPath() string {
	return filepath.Join(filepath.Dir(a.db), "event_decisions.csv")
}

// applyEventDecisions applies event_decisions.csv to the working copy and
// reports what it did: a line each for stale and malformed decisions, and a
// summary. Malformed lines fail the run (exit 1) once the rest is applied
// and published; stale ones are warnings, listed by `status` until the file
// is fixed. Only a database failure is fatal.
func (a *app) applyEventDecisions(ctx context.Context, st *store.Store, runID int64, status string, err error) (string, error) {
	path := a.eventDecisionsPath()
	out, derr := reviewdb.Apply(ctx, st.DB(), path, runID, time.Now().UTC())
	if derr != nil {
		return store.RunFailed, errors.Join(err, &fatalError{fmt.Errorf("event decisions: %w", derr)})
	}
	for _, p := range out.Stale {
		a.log.Warn("event decision is stale", "file", path, "line", p.Line, "event_id", p.EventID, "reason", p.Reason)
	}
	for _, p := range out.Malformed {
		a.log.Error("event decision is malformed", "file", path, "line", p.Line, "reason", p.Reason)
	}
	if out.File || out.Undone > 0 {
		a.log.Info("event decisions", "file", path, "applied", out.Applied, "stale", len(out.Stale),
			"malformed", len(out.Malformed), "undone", out.Undone)
	}
	if len(out.Malformed) > 0 {
		status = store.RunFailed
		err = errors.Join(err, &exitError{code: 1, err: fmt.Errorf("%s: %d malformed line(s), the rest applied", path, len(out.Malformed))})
	}
	return status, err
}

// fatalError marks a failure after which the working copy must not be
// published (the store itself failed, not an input).
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }
