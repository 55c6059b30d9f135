package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// Caseload snapshots (schemas/050_eousa.sql). A caseload release restates
// every case as of one date, so each record's statement is kept per
// snapshot, never overwritten: one eousa_defendant_snapshots row per record
// and one eousa_count_snapshots row per count. The records' documents and
// events go through Load like any other record's.
//
// A snapshot is complete when its eousa_snapshots row exists, and that row
// is written last (FinishSnapshot). BeginSnapshot says whether there is
// anything to do and clears what a stopped earlier load left behind.

// CaseloadStatement is one caseload record (Record.Caseload set) with the
// outcome pipeline/normalize read from it (normalize.CaseloadOutcome).
type CaseloadStatement struct {
	Record  sources.Record
	Outcome normalize.Outcome
}

// BeginSnapshot prepares loading snap. done reports a snapshot already
// complete: nothing is to be read or written. Otherwise the rows of an
// earlier, stopped load of it are deleted, and newer holds the keys a later
// snapshot already states (their documents and events must stay as the
// later snapshot says them).
func (s *Store) BeginSnapshot(ctx context.Context, snap sources.Snapshot) (done bool, newer map[string]bool, err error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM eousa_snapshots WHERE snapshot = ?`, snap.ID).Scan(&n); err != nil {
		return false, nil, fmt.Errorf("snapshot %s: %w", snap.ID, err)
	}
	if n > 0 {
		return true, nil, nil
	}
	for _, t := range []string{"eousa_count_snapshots", "eousa_defendant_snapshots"} {
		if _, err := s.db.ExecContext(ctx, `DELETE FROM `+t+` WHERE snapshot = ?`, snap.ID); err != nil {
			return false, nil, fmt.Errorf("snapshot %s: clear partial %s: %w", snap.ID, t, err)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT key FROM eousa_defendant_snapshots WHERE snapshot_date > ?`, snap.Date)
	if err != nil {
		return false, nil, fmt.Errorf("snapshot %s: newer keys: %w", snap.ID, err)
	}
	defer rows.Close()
	newer = map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return false, nil, fmt.Errorf("snapshot %s: newer keys: %w", snap.ID, err)
		}
		newer[k] = true
	}
	return false, newer, rows.Err()
}

// AppendSnapshot writes one batch of statements' snapshot and count rows
// in one transaction, through the Appender, and returns how many of each.
func (s *Store) AppendSnapshot(ctx context.Context, sts []CaseloadStatement) (defendants, counts int, err error) {
	for i := range sts {
		if sts[i].Record.Caseload == nil {
			return 0, 0, fmt.Errorf("snapshot rows: record %s:%s has no caseload", sts[i].Record.Source, sts[i].Record.Key)
		}
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return 0, 0, err
	}
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		app, err := duckdb.NewAppenderFromConn(c, "", "eousa_defendant_snapshots")
		if err != nil {
			return fmt.Errorf("eousa_defendant_snapshots appender: %w", err)
		}
		capp, err := duckdb.NewAppenderFromConn(c, "", "eousa_count_snapshots")
		if err != nil {
			app.Close()
			return fmt.Errorf("eousa_count_snapshots appender: %w", err)
		}
		appendErr := func() error {
			for i := range sts {
				key := sts[i].Record.Key
				if err := app.AppendRow(defendantRow(sts[i])...); err != nil {
					return fmt.Errorf("snapshot row %s: %w", key, err)
				}
				for _, r := range countRows(sts[i].Record) {
					if err := capp.AppendRow(r...); err != nil {
						return fmt.Errorf("count row %s: %w", key, err)
					}
					counts++
				}
			}
			return nil
		}()
		return errors.Join(appendErr, app.Close(), capp.Close())
	})
	if err == nil {
		_, err = conn.ExecContext(ctx, "COMMIT")
	}
	if err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return 0, 0, fmt.Errorf("snapshot rows: %w", err)
	}
	return len(sts), counts, nil
}

// FinishSnapshot records snap as complete (kept records, bytes scanned)
// and counts its revisions: records whose statement differs from their
// previous snapshot's, and of those, the ones whose outcome changed.
func (s *Store) FinishSnapshot(ctx context.Context, snap sources.Snapshot, kept int, bytes int64) (revisions, outcomeRevisions int, err error) {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO eousa_snapshots (snapshot, snapshot_date, url, defendants, bytes_scanned) VALUES (?, ?, ?, ?, ?)`,
		snap.ID, snap.Date, snap.URL, kept, bytes); err != nil {
		return 0, 0, fmt.Errorf("snapshot %s: record: %w", snap.ID, err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE outcome_changed)
		FROM eousa_defendant_revisions WHERE snapshot = ?`, snap.ID).Scan(&revisions, &outcomeRevisions); err != nil {
		return 0, 0, fmt.Errorf("snapshot %s: revisions: %w", snap.ID, err)
	}
	return revisions, outcomeRevisions, nil
}

// defendantRow is st in eousa_defendant_snapshots column order, NULL for
// blank strings and zero dates.
func defendantRow(st CaseloadStatement) []driver.Value {
	c, o := st.Record.Caseload, st.Outcome
	var sentDate time.Time
	var sentMonths float64
	var sentLife bool
	if s := c.Sentence; s != nil {
		sentDate, sentMonths, sentLife = s.Date, s.Months, s.Life
	}
	var agencies, codes, statutes []string
	seen := map[string]bool{}
	for _, a := range c.Agencies {
		codes = append(codes, a.Code)
		if a.Agency != "" && !seen[a.Agency] {
			seen[a.Agency] = true
			agencies = append(agencies, a.Agency)
		}
	}
	seenStatute := map[string]bool{}
	for _, cnt := range c.Counts {
		if cnt.Statute != "" && !seenStatute[cnt.Statute] {
			seenStatute[cnt.Statute] = true
			statutes = append(statutes, cnt.Statute)
		}
	}
	return []driver.Value{
		st.Record.Key, c.Snapshot, c.SnapshotDate, c.ContentHash,
		c.District, nullStr(c.DistrictName), nullStr(c.CourtID), c.CaseID, c.PartID,
		nullStr(c.Role), c.Sealed, nullStr(c.CourtNumber), nullStr(c.DocketJoinKey), nullTime(c.FilingDate),
		nullStr(o.Disposition), nullStr(o.Reason), nullStr(o.PleaOrVerdict), nullTime(o.Date),
		nullTime(sentDate), sentMonths, sentLife,
		nonNil(c.ProgramCategories), nonNil(agencies), nonNil(codes), nonNil(statutes), nullStr(st.Record.Kept),
	}
}

// countRows are rec's eousa_count_snapshots rows, each in column order.
func countRows(rec sources.Record) [][]driver.Value {
	c := rec.Caseload
	out := make([][]driver.Value, 0, len(c.Counts))
	for _, cnt := range c.Counts {
		out = append(out, []driver.Value{rec.Key, c.Snapshot, cnt.Stage, cnt.Instrument, cnt.ID,
			nullStr(cnt.Charge), nullStr(cnt.Statute), nullStr(cnt.Class), nullStr(cnt.Disposition), nullStr(cnt.DispReason),
			nullTime(cnt.DispDate), cnt.CaseLevel})
	}
	return out
}

// nonNil is xs, or an empty list for nil (the Appender writes nil as NULL).
func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
