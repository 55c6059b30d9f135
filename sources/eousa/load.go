package eousa

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"casetrack/pipeline/store"
	"casetrack/sources"
)

// Loading a release into the database. Two things are written per kept
// defendant:
//
//   - the store's (Record, []Event) pair, through store.Load in batches:
//     documents and events, which the link stage and the tallies read;
//   - the snapshot rows (SnapshotRow, CountRows) into
//     eousa_defendant_snapshots and eousa_count_snapshots
//     (schemas/050_eousa.sql), through the Appender.
//
// A snapshot is complete when its eousa_snapshots row exists: that row is
// written last. Loading a completed snapshot again reads nothing and
// writes nothing. Loading an incomplete one (an earlier run was stopped)
// first deletes its partial snapshot rows. Loading a snapshot older than
// one already loaded adds its snapshot rows (the revisions view sees it)
// but leaves the documents and events of the keys the newer snapshot
// holds alone: the events always state the newest snapshot.

// ErrStore marks a Load error of the database rather than of the release:
// the caller should stop and publish nothing (a bad release is reported
// and the rest goes on).
var ErrStore = errors.New("database")

// Loader loads releases into a store. Store and RunID are those of the
// writing run (cmd's withWriter).
type Loader struct {
	Store      *store.Store
	RunID      int64
	Categorize Categorizer
	// ReleaseURL is the justice.gov page of the release ("" for the landing page).
	ReleaseURL string
	// BatchSize is defendants per store transaction; 0 means 2,000.
	BatchSize int
	Options   Options
}

// LoadResult says what loading one release did.
type LoadResult struct {
	Path     string
	Snapshot string
	// AlreadyLoaded: the snapshot was complete in the database; nothing was
	// read or written.
	AlreadyLoaded bool
	Decode        Stats
	store.LoadStats
	SnapshotRows, CountRows int
	// KeptOlder counts defendants whose events were not loaded because a
	// newer snapshot already states them.
	KeptOlder int
	// Revisions counts defendants whose statement differs from their
	// previous snapshot (eousa_defendant_revisions rows of this snapshot).
	Revisions, OutcomeRevisions int
	Warnings                    []string
}

// Load reads the release at path (see OpenRelease) and writes it.
func (l *Loader) Load(ctx context.Context, path string) (LoadResult, error) {
	res := LoadResult{Path: path}
	rel, err := OpenRelease(path, nil)
	if err != nil {
		return res, err
	}
	defer rel.Close()
	res.Warnings = rel.Warnings
	snap := l.Options.Snapshot
	if snap == "" {
		snap = rel.Snapshot
	}
	snapDate, ok := SnapshotDate(snap)
	if !ok {
		return res, fmt.Errorf("eousa %s: no snapshot id (like SEPFY2018) in the directory or file names: %w", path, sources.ErrLayout)
	}
	res.Snapshot = snap
	db := l.Store.DB()
	var done int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM eousa_snapshots WHERE snapshot = ?`, snap).Scan(&done); err != nil {
		return res, fmt.Errorf("eousa %s: %w: %w", snap, ErrStore, err)
	}
	if done > 0 {
		res.AlreadyLoaded = true
		return res, nil
	}
	// A stopped earlier load may have left part of this snapshot.
	for _, t := range []string{"eousa_count_snapshots", "eousa_defendant_snapshots"} {
		if _, err := db.ExecContext(ctx, `DELETE FROM `+t+` WHERE snapshot = ?`, snap); err != nil {
			return res, fmt.Errorf("eousa %s: clear partial %s: %w: %w", snap, t, ErrStore, err)
		}
	}
	newer := map[string]bool{}
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT key FROM eousa_defendant_snapshots WHERE snapshot_date > ?`, snapDate)
	if err != nil {
		return res, fmt.Errorf("eousa %s: %w: %w", snap, ErrStore, err)
	}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return res, fmt.Errorf("eousa %s: %w: %w", snap, ErrStore, err)
		}
		newer[k] = true
	}
	rows.Close()

	size := l.BatchSize
	if size <= 0 {
		size = 2000
	}
	var items []store.Item
	var defs []Defendant
	flush := func() error {
		if len(defs) == 0 {
			return nil
		}
		if len(items) > 0 {
			ls, err := l.Store.Load(ctx, l.RunID, items)
			if err != nil {
				return fmt.Errorf("%w: %w", ErrStore, err)
			}
			res.LoadStats.Add(ls)
		}
		n, c, err := appendSnapshotRows(ctx, db, defs)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrStore, err)
		}
		res.SnapshotRows += n
		res.CountRows += c
		items, defs = items[:0], defs[:0]
		return nil
	}
	opt := l.Options
	opt.Snapshot = snap
	res.Decode, err = Decode(ctx, rel, opt, func(def Defendant) error {
		defs = append(defs, def)
		if newer[def.Key] {
			res.KeptOlder++
		} else {
			rec, evs := Events(def, l.ReleaseURL, l.Categorize)
			items = append(items, store.Item{Record: rec, Events: evs})
		}
		if len(defs) >= size {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return res, fmt.Errorf("eousa load %s: %w", path, err)
	}
	if res.Decode.Defendants == 0 {
		return res, fmt.Errorf("eousa load %s: no defendant touches the charge set: %w", path, sources.ErrEmpty)
	}
	url := l.ReleaseURL
	if url == "" {
		url = LandingURL
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO eousa_snapshots (snapshot, snapshot_date, url, defendants, bytes_scanned) VALUES (?, ?, ?, ?, ?)`,
		snap, snapDate, url, res.Decode.Defendants, res.Decode.Bytes); err != nil {
		return res, fmt.Errorf("eousa %s: record snapshot: %w: %w", snap, ErrStore, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE outcome_changed)
		FROM eousa_defendant_revisions WHERE snapshot = ?`, snap).Scan(&res.Revisions, &res.OutcomeRevisions); err != nil {
		return res, fmt.Errorf("eousa %s: revisions: %w: %w", snap, ErrStore, err)
	}
	return res, nil
}

// appendSnapshotRows writes one batch of defendants' snapshot and count
// rows in one transaction.
func appendSnapshotRows(ctx context.Context, db *sql.DB, defs []Defendant) (int, int, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return 0, 0, err
	}
	counts := 0
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
		for i := range defs {
			if err := app.AppendRow(driverValues(defs[i].SnapshotRow().Values())...); err != nil {
				app.Close()
				capp.Close()
				return fmt.Errorf("snapshot row %s: %w", defs[i].Key, err)
			}
			for _, r := range defs[i].CountRows() {
				if err := capp.AppendRow(driverValues(r)...); err != nil {
					app.Close()
					capp.Close()
					return fmt.Errorf("count row %s: %w", defs[i].Key, err)
				}
				counts++
			}
		}
		return errors.Join(app.Close(), capp.Close())
	})
	if err == nil {
		_, err = conn.ExecContext(ctx, "COMMIT")
	}
	if err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return 0, 0, err
	}
	return len(defs), counts, nil
}

func driverValues(xs []any) []driver.Value {
	out := make([]driver.Value, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

var diskZip = regexp.MustCompile(`(?i)^disk\d{1,3}\.zip$`)

// IsRelease reports whether path looks like an EOUSA release, so `import`
// can hand it to Load instead of reading it file by file: a DISKnn.zip
// part, a directory holding DISKnn.zip parts, or a directory whose tree
// (two levels deep at most) holds a README.TXT beside gs_*.txt tables.
func IsRelease(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !st.IsDir() {
		return diskZip.MatchString(filepath.Base(path))
	}
	var check func(dir string, depth int) bool
	check = func(dir string, depth int) bool {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return false
		}
		readme, gs := false, false
		for _, e := range ents {
			n := e.Name()
			switch {
			case e.IsDir():
				if depth < 2 && check(filepath.Join(dir, n), depth+1) {
					return true
				}
			case diskZip.MatchString(n) && depth == 0:
				return true
			case strings.EqualFold(n, "README.TXT"):
				readme = true
			case gsFileName.MatchString(n):
				gs = true
			}
		}
		return readme && gs
	}
	return check(path, 0)
}

// PendingReleases lists the release directories under dir (Config.Dir:
// <dir>/<SNAPSHOT>/manifest.json, written by Crawl once every part is
// downloaded and checked) whose snapshot the database has not completed,
// oldest first, with the month page each manifest names.
func PendingReleases(ctx context.Context, db *sql.DB, dir string) ([]Manifest, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
	if err != nil {
		return nil, err
	}
	var out []Manifest
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err != nil {
			return nil, fmt.Errorf("eousa pending: %w", err)
		}
		var man Manifest
		if err := json.Unmarshal(b, &man); err != nil || man.Snapshot == "" {
			return nil, fmt.Errorf("eousa pending: %s is not a release manifest", m)
		}
		man.Dir = filepath.Dir(m) // the directory as found, wherever it was written from
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM eousa_snapshots WHERE snapshot = ?`, man.Snapshot).Scan(&n); err != nil {
			return nil, fmt.Errorf("eousa pending: %w", err)
		}
		if n == 0 {
			out = append(out, man)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, _ := SnapshotDate(out[i].Snapshot)
		b, _ := SnapshotDate(out[j].Snapshot)
		return a.Before(b)
	})
	return out, nil
}
