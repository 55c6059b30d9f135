package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Run statuses.
const (
	RunRunning     = "running"
	RunOK          = "ok"
	RunFailed      = "failed"
	RunInterrupted = "interrupted"
)

// BeginRun records the start of a command that writes, returning its id.
func (s *Store) BeginRun(ctx context.Context, command, args string) (int64, error) {
	var id int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(run_id), 0) + 1 FROM runs`).Scan(&id); err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO runs (run_id, command, args, started_at, status) VALUES (?, ?, ?, ?, ?)`,
		id, command, args, s.now(), RunRunning); err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	return id, nil
}

// FinishRun records how a run ended. A nil cause with status RunOK is success.
func (s *Store) FinishRun(ctx context.Context, runID int64, status string, cause error) error {
	var msg any
	if cause != nil {
		msg = cause.Error()
	}
	// The caller's context may already be cancelled (SIGTERM): still record the end.
	if _, err := s.db.ExecContext(context.WithoutCancel(ctx),
		`UPDATE runs SET finished_at = ?, status = ?, error = ? WHERE run_id = ?`, s.now(), status, msg, runID); err != nil {
		return fmt.Errorf("finish run %d: %w", runID, err)
	}
	return nil
}

// SourceRun is one source's part of a run.
type SourceRun struct {
	Source       string
	Started      time.Time
	Finished     time.Time
	Seen         int
	Stats        LoadStats
	Failed       int // documents that did not parse, and records that could not be stored
	NotStored    int // of Failed, the records that parsed but could not be stored
	CursorBefore string
	CursorAfter  string
	Err          error
}

// RecordSourceRun writes one source_runs row.
func (s *Store) RecordSourceRun(ctx context.Context, runID int64, r SourceRun) error {
	status, msg := RunOK, any(nil)
	if r.Err != nil {
		status, msg = RunFailed, r.Err.Error()
	}
	_, err := s.db.ExecContext(context.WithoutCancel(ctx), `INSERT INTO source_runs
		(run_id, source, started_at, finished_at, seen, new, updated, unchanged, failed, cursor_before, cursor_after, status, error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		runID, r.Source, r.Started.UTC(), nullTime(r.Finished), r.Seen, r.Stats.New, r.Stats.Updated, r.Stats.Unchanged,
		r.Failed, nullStr(r.CursorBefore), nullStr(r.CursorAfter), status, msg)
	if err != nil {
		return fmt.Errorf("record source run %s: %w", r.Source, err)
	}
	return nil
}

// Cursor returns where source's next crawl resumes ("" when it never ran).
func (s *Store) Cursor(ctx context.Context, source string) (string, error) {
	var c string
	err := s.db.QueryRowContext(ctx, `SELECT cursor FROM cursors WHERE source = ?`, source).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cursor %s: %w", source, err)
	}
	return c, nil
}

// SetCursor moves source's cursor. Call it only after every document up to
// the cursor has been loaded: a cursor never runs ahead of the data.
func (s *Store) SetCursor(ctx context.Context, runID int64, source, cursor string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set cursor %s: %w", source, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM cursors WHERE source = ?`, source); err != nil {
		return fmt.Errorf("set cursor %s: %w", source, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO cursors VALUES (?, ?, ?, ?)`, source, cursor, s.now(), runID); err != nil {
		return fmt.Errorf("set cursor %s: %w", source, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set cursor %s: %w", source, err)
	}
	return nil
}

// RecordParseError keeps a document that failed to parse, so that a later
// `reparse` can find it. Repeats update last_seen instead of adding rows.
func (s *Store) RecordParseError(ctx context.Context, runID int64, source, ref, rawSHA string, cause error) error {
	now := s.now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("parse error %s: %w", ref, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE parse_errors SET error = ?, last_seen = ?, raw_sha256 = ?, run_id = ?
		WHERE source = ? AND ref = ?`, cause.Error(), now, nullStr(rawSHA), runID, source, ref)
	if err != nil {
		return fmt.Errorf("parse error %s: %w", ref, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO parse_errors VALUES (?, ?, ?, ?, ?, ?, ?)`,
			source, ref, nullStr(rawSHA), cause.Error(), now, now, runID); err != nil {
			return fmt.Errorf("parse error %s: %w", ref, err)
		}
	}
	return tx.Commit()
}

// ClearParseError forgets a reference that now parses.
func (s *Store) ClearParseError(ctx context.Context, source, ref string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM parse_errors WHERE source = ? AND ref = ?`, source, ref); err != nil {
		return fmt.Errorf("clear parse error %s: %w", ref, err)
	}
	return nil
}

// ClearParseErrors forgets the references of source that now parse.
func (s *Store) ClearParseErrors(ctx context.Context, source string, refs []string) error {
	if len(refs) == 0 {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM parse_errors WHERE source = ? AND ref IN (SELECT unnest(?::VARCHAR[]))`, source, refs); err != nil {
		return fmt.Errorf("clear parse errors: %w", err)
	}
	return nil
}
