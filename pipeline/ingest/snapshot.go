package ingest

import (
	"context"
	"fmt"

	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// SnapshotFormat is an input too large to read into memory that restates a
// whole caseload as of one date: an EOUSA release, a directory of zip parts
// of about 20 GB. Claim recognises it by its path (a directory is claimed
// before it would be walked file by file); Open streams its records.
type SnapshotFormat struct {
	Name  string
	Claim func(path string) bool
	Open  func(path string) (sources.Release, error)
}

// SnapshotResult says what importing one release did.
type SnapshotResult struct {
	Format   string // the SnapshotFormat's Name
	Path     string
	Snapshot string
	// AlreadyLoaded: the snapshot was complete in the database; nothing was
	// read or written.
	AlreadyLoaded bool
	// Loaded: the snapshot was read, written and recorded complete.
	Loaded  bool
	Release sources.ReleaseStats
	store.LoadStats
	SnapshotRows, CountRows int
	// KeptOlder counts records whose documents and events were left alone
	// because a newer snapshot already states them.
	KeptOlder int
	// Revisions counts records whose statement differs from their previous
	// snapshot's; OutcomeRevisions those whose outcome changed.
	Revisions, OutcomeRevisions int
}

// claim returns the snapshot format that claims path, if any.
func (im *Importer) claim(path string) *SnapshotFormat {
	for i := range im.Snapshots {
		if im.Snapshots[i].Claim(path) {
			return &im.Snapshots[i]
		}
	}
	return nil
}

// importSnapshot loads one release: its records' documents and events
// through store.Load and their snapshot rows, in batches, then marks the
// snapshot complete. A completed snapshot is skipped unread; an interrupted
// one is cleared and loaded again; records a newer snapshot states keep
// their documents and events (only their snapshot rows are added).
//
// fatal is a failure of the database or a cancelled run (stop, publish
// nothing); bad is a failure of the release (report it, go on).
func (im *Importer) importSnapshot(ctx context.Context, f *SnapshotFormat, path string) (res SnapshotResult, fatal, bad error) {
	res = SnapshotResult{Format: f.Name, Path: path}
	rel, err := f.Open(path)
	if err != nil {
		return res, nil, err
	}
	defer rel.Close()
	snap := rel.Snapshot()
	res.Snapshot = snap.ID
	done, newer, err := im.Store.BeginSnapshot(ctx, snap)
	if err != nil {
		return res, err, nil
	}
	if done {
		res.AlreadyLoaded = true
		return res, nil, nil
	}
	var items []store.Item
	var statements []store.CaseloadStatement
	flush := func() error {
		if len(items) > 0 {
			ls, err := im.Store.Load(ctx, im.RunID, items)
			if err != nil {
				return err
			}
			res.LoadStats.Add(ls)
		}
		if len(statements) > 0 {
			n, c, err := im.Store.AppendSnapshot(ctx, statements)
			if err != nil {
				return err
			}
			res.SnapshotRows += n
			res.CountRows += c
		}
		items, statements = items[:0], statements[:0]
		return nil
	}
	var storeErr error
	res.Release, err = rel.Records(ctx, func(rec sources.Record) error {
		if rec.Caseload == nil {
			return fmt.Errorf("record %s has no caseload part", rec.Key)
		}
		statements = append(statements, store.CaseloadStatement{Record: rec, Outcome: normalize.CaseloadOutcome(rec.Caseload)})
		if newer[rec.Key] {
			res.KeptOlder++
		} else {
			evs, err := im.Extractor.EventsContext(ctx, rec)
			if err != nil {
				return err
			}
			items = append(items, store.Item{Record: rec, Events: evs})
		}
		if len(statements) >= im.batchSize() {
			storeErr = flush()
			return storeErr
		}
		return nil
	})
	switch {
	case storeErr != nil:
		return res, storeErr, nil
	case ctx.Err() != nil:
		return res, ctx.Err(), nil
	case err != nil:
		return res, nil, err
	}
	if err := flush(); err != nil {
		return res, err, nil
	}
	res.Revisions, res.OutcomeRevisions, err = im.Store.FinishSnapshot(ctx, snap, res.Release.Kept, res.Release.Bytes)
	if err != nil {
		return res, err, nil
	}
	res.Loaded = true
	return res, nil, nil
}
