package store

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// Item is one record with the events normalize read from it.
type Item struct {
	Record sources.Record
	Events []normalize.Event
}

// LoadStats counts what a Load did, document by document.
type LoadStats struct {
	New       int // documents not seen before
	Updated   int // documents whose record or events changed; their old events were replaced
	Unchanged int // documents identical to what is stored; nothing was written
	Events    int // events written (for new and updated documents)
}

// Add accumulates another batch's counts.
func (a *LoadStats) Add(b LoadStats) {
	a.New += b.New
	a.Updated += b.Updated
	a.Unchanged += b.Unchanged
	a.Events += b.Events
}

// DocID is the documents.doc_id of a record.
func DocID(r sources.Record) string { return r.Source + ":" + r.Key }

// EventID is a stable id for the n-th event of its type and defendant in a
// document: the same text yields the same ids on every re-import.
func EventID(docID string, e normalize.Event, n int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d", docID, e.Type, strings.ToLower(e.Defendant), n)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// contentHash covers everything a researcher sees of a document: the
// record's fields (not when or from which raw bytes it was fetched) and its
// events. Equal hashes mean a re-import has nothing to write.
func contentHash(it Item) (string, error) {
	r := it.Record
	r.FetchedAt, r.RawSHA256 = time.Time{}, ""
	b, err := json.Marshal(struct {
		R sources.Record
		E []normalize.Event
	}{r, it.Events})
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// Load writes a batch of items in one transaction: new documents are
// inserted, changed ones replaced together with all their events, identical
// ones left untouched. Loading the same batch twice changes nothing.
// Rows go in through DuckDB's Appender, never row-by-row INSERTs.
func (s *Store) Load(ctx context.Context, runID int64, items []Item) (LoadStats, error) {
	var st LoadStats
	if len(items) == 0 {
		return st, nil
	}
	// Last occurrence wins when a batch names a document twice.
	byID := make(map[string]int, len(items))
	ids := make([]string, 0, len(items))
	for i, it := range items {
		if it.Record.Source == "" || it.Record.Key == "" {
			return st, fmt.Errorf("load: record %q has no source or key", it.Record.URL)
		}
		id := DocID(it.Record)
		if _, seen := byID[id]; !seen {
			ids = append(ids, id)
		}
		byID[id] = i
	}
	hashes := make(map[string]string, len(ids))
	for _, id := range ids {
		h, err := contentHash(items[byID[id]])
		if err != nil {
			return st, fmt.Errorf("load %s: %w", id, err)
		}
		hashes[id] = h
	}

	conn, err := s.db.Conn(ctx)
	if err != nil {
		return st, fmt.Errorf("load: %w", err)
	}
	defer conn.Close()

	type prior struct {
		hash     string
		imported time.Time
	}
	existing := map[string]prior{}
	rows, err := conn.QueryContext(ctx,
		`SELECT doc_id, content_sha256, imported_at FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))`, ids)
	if err != nil {
		return st, fmt.Errorf("load: read existing: %w", err)
	}
	for rows.Next() {
		var id string
		var p prior
		if err := rows.Scan(&id, &p.hash, &p.imported); err != nil {
			rows.Close()
			return st, fmt.Errorf("load: read existing: %w", err)
		}
		existing[id] = p
	}
	rows.Close()

	var write, replace []string
	for _, id := range ids {
		p, ok := existing[id]
		switch {
		case !ok:
			st.New++
			write = append(write, id)
		case p.hash != hashes[id]:
			st.Updated++
			write = append(write, id)
			replace = append(replace, id)
		default:
			st.Unchanged++
		}
	}
	if len(write) == 0 {
		return st, nil
	}

	now := s.now()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return LoadStats{}, fmt.Errorf("load: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if len(replace) > 0 {
		for _, table := range []string{"events", "documents"} {
			if _, err := conn.ExecContext(ctx,
				`DELETE FROM `+table+` WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))`, replace); err != nil {
				return LoadStats{}, fmt.Errorf("load: replace %s: %w", table, err)
			}
		}
	}
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		docs, err := duckdb.NewAppenderFromConn(c, "", "documents")
		if err != nil {
			return fmt.Errorf("documents appender: %w", err)
		}
		evs, err := duckdb.NewAppenderFromConn(c, "", "events")
		if err != nil {
			docs.Close()
			return fmt.Errorf("events appender: %w", err)
		}
		for _, id := range write {
			it := items[byID[id]]
			r := it.Record
			imported := now
			if p, ok := existing[id]; ok {
				imported = p.imported
			}
			if err := docs.AppendRow(id, r.Source, r.Key, r.URL, nullStr(r.Publisher), nullDate(r.Published),
				nullTime(r.Changed), r.Title, r.Body, list(r.Topics), list(r.Components), nullStr(r.District),
				nullStr(r.Kept), nullStr(r.RawSHA256), hashes[id], nullTime(r.FetchedAt), imported, now, runID); err != nil {
				docs.Close()
				evs.Close()
				return fmt.Errorf("append document %s: %w", id, err)
			}
			seen := map[string]int{}
			for i, e := range it.Events {
				k := e.Type + "\x00" + strings.ToLower(e.Defendant)
				n := seen[k]
				seen[k] = n + 1
				if err := evs.AppendRow(EventID(id, e, n), id, r.Source, r.URL, int32(i), e.Type,
					nullStr(e.Defendant), list(e.Aliases), nullInt(e.Age), int32(max(e.PersonCount, 1)),
					nullStr(e.PleaOrVerdict), nullDate(e.Date), list(e.Statutes), list(e.Categories), list(e.Agencies),
					sentenceMonths(e), nullStr(e.SentenceKind), nullStr(e.District), nullStr(e.DocketNumber),
					e.CourtVerified, e.Evidence, int32(e.EvidenceStart), int32(e.EvidenceEnd)); err != nil {
					docs.Close()
					evs.Close()
					return fmt.Errorf("append event %d of %s: %w", i, id, err)
				}
				st.Events++
			}
		}
		if err := docs.Close(); err != nil {
			evs.Close()
			return fmt.Errorf("flush documents: %w", err)
		}
		if err := evs.Close(); err != nil {
			return fmt.Errorf("flush events: %w", err)
		}
		return nil
	})
	if err != nil {
		return LoadStats{}, fmt.Errorf("load: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return LoadStats{}, fmt.Errorf("load: commit: %w", err)
	}
	committed = true
	return st, nil
}

func sentenceMonths(e normalize.Event) any {
	switch e.SentenceKind {
	case "":
		return nil
	case normalize.SentenceLife:
		return nil
	default:
		return e.SentenceMonths
	}
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return int32(n)
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func list(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
