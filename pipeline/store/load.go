package store

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"strconv"
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
// events. Equal hashes mean a re-import has nothing to write. Fields are
// written with separators rather than marshalled: this runs for every
// document on every import.
func contentHash(it Item) string {
	h := sha256.New()
	w := hashWriter{h: h}
	r := it.Record
	w.str(r.Source, r.Key, r.URL, r.Publisher, r.Title, r.Body, r.District, r.Kept)
	w.time(r.Published, r.Changed)
	w.strs(r.Topics)
	w.strs(r.Components)
	if r.Docket != nil {
		// Dockets are nested; reflection is fine for these few documents.
		b, _ := json.Marshal(r.Docket)
		h.Write(b)
	}
	for _, e := range it.Events {
		w.str("\x1e", e.Type, e.Defendant, e.PleaOrVerdict, e.SentenceKind, e.District, e.DocketNumber, e.Evidence)
		w.strs(e.Aliases)
		w.strs(e.Statutes)
		w.strs(e.Categories)
		w.strs(e.Agencies)
		w.time(e.Date)
		w.num(int64(e.Age), int64(e.PersonCount), int64(e.EvidenceStart), int64(e.EvidenceEnd))
		w.str(strconv.FormatFloat(e.SentenceMonths, 'g', -1, 64), strconv.FormatBool(e.CourtVerified))
	}
	return hex.EncodeToString(h.Sum(nil))
}

type hashWriter struct{ h hash.Hash }

func (w hashWriter) str(xs ...string) {
	for _, x := range xs {
		io.WriteString(w.h, x)
		w.h.Write([]byte{0})
	}
}

func (w hashWriter) strs(xs []string) {
	w.num(int64(len(xs)))
	w.str(xs...)
}

func (w hashWriter) num(xs ...int64) {
	var b [binary.MaxVarintLen64]byte
	for _, x := range xs {
		w.h.Write(b[:binary.PutVarint(b[:], x)])
	}
}

func (w hashWriter) time(ts ...time.Time) {
	for _, t := range ts {
		w.num(t.Unix())
	}
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
		hashes[id] = contentHash(items[byID[id]])
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
		for _, id := range write {
			r := items[byID[id]].Record
			imported := now
			if p, ok := existing[id]; ok {
				imported = p.imported
			}
			if err := docs.AppendRow(id, r.Source, r.Key, r.URL, nullStr(r.Publisher), nullDate(r.Published),
				nullTime(r.Changed), r.Title, r.Body, list(r.Topics), list(r.Components), nullStr(r.District),
				nullStr(r.Kept), nullStr(r.RawSHA256), hashes[id], nullTime(r.FetchedAt), imported, now, runID); err != nil {
				docs.Close()
				return fmt.Errorf("append document %s: %w", id, err)
			}
		}
		if err := docs.Close(); err != nil {
			return fmt.Errorf("flush documents: %w", err)
		}
		return nil
	})
	if err != nil {
		return LoadStats{}, fmt.Errorf("load: %w", err)
	}
	n, err := s.copyEvents(ctx, conn, write, func(id string) Item { return items[byID[id]] })
	if err != nil {
		return LoadStats{}, fmt.Errorf("load: %w", err)
	}
	st.Events = n
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
