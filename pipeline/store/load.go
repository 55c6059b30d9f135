package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// Item is one record with the events normalize read from it.
type Item struct {
	Record sources.Record
	Events []normalize.Event
	// Ref is where the record was read from: a file path, or the URL of
	// the fetched document that held it (empty: the record's URL). A
	// document that cannot be stored is kept in parse_errors under it.
	Ref string
}

// LoadStats counts what a Load did, document by document.
type LoadStats struct {
	New       int // documents not seen before
	Updated   int // documents whose record or events changed; their old events were replaced
	Unchanged int // documents identical to what is stored; nothing was written
	Events    int // events written (for new and updated documents)
	// Failed are the documents that could not be stored; each is in
	// parse_errors with its reason, and the rest of the batch was stored.
	Failed []DocError
}

// Add accumulates another batch's counts.
func (a *LoadStats) Add(b LoadStats) {
	a.New += b.New
	a.Updated += b.Updated
	a.Unchanged += b.Unchanged
	a.Events += b.Events
	a.Failed = append(a.Failed, b.Failed...)
}

// DocID is the documents.doc_id of a record.
func DocID(r sources.Record) string { return r.Source + ":" + r.Key }

// EventID is a stable id for the n-th event of its type and defendant in a
// document: the same text yields the same ids on every re-import. It is the
// first 16 bytes of SHA-256 over "docID NUL type NUL lower(defendant) NUL n",
// in hex.
func EventID(docID string, e normalize.Event, n int) string {
	var buf [256]byte
	return string(appendEventID(buf[:0], docID, e, n))
}

// appendEventID appends EventID's 32 hex digits to dst, using dst's spare
// capacity as scratch; the loader calls it 200,000 times a second.
func appendEventID(dst []byte, docID string, e normalize.Event, n int) []byte {
	start := len(dst)
	b := append(dst, docID...)
	b = append(b, 0)
	b = append(b, e.Type...)
	b = append(b, 0)
	b = appendLower(b, e.Defendant)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(n), 10)
	sum := sha256.Sum256(b[start:])
	b = b[:start]
	var hx [32]byte
	hex.Encode(hx[:], sum[:16])
	return append(b, hx[:]...)
}

// appendLower appends strings.ToLower(s), without allocating for ASCII.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// contentHash covers everything a researcher sees of a document: the
// record's fields (not when or from which raw bytes it was fetched) and its
// events. Equal hashes mean a re-import has nothing to write. Fields are
// laid out with separators in buf (returned for reuse) and hashed once;
// this runs for every document on every import.
func contentHash(it Item) string {
	h, _ := contentHashBuf(nil, it)
	return h
}

func contentHashBuf(buf []byte, it Item) (string, []byte) {
	w := hashBuf(buf[:0])
	r := it.Record
	w.str(r.Source, r.Key, r.URL, r.Publisher, r.Title, r.Body, r.District, r.Kept)
	w.time(r.Published, r.Changed)
	w.strs(r.Topics)
	w.strs(r.Components)
	if r.BodyBytes > 0 {
		// only for cut bodies, so that whole ones keep their hashes
		w.str("\x1dcut")
		w.num(int64(r.BodyBytes))
	}
	if r.Docket != nil {
		// Dockets are nested; reflection is fine for these few documents.
		b, _ := json.Marshal(r.Docket)
		w = append(w, b...)
	}
	for _, e := range it.Events {
		w.str("\x1e", e.Type, e.Defendant, e.PleaOrVerdict, e.SentenceKind, e.District, e.DocketNumber, e.Evidence)
		w.strs(e.Aliases)
		w.strs(e.Statutes)
		w.strs(e.Categories)
		w.strs(e.Agencies)
		w.time(e.Date)
		w.num(int64(e.Age), int64(e.PersonCount), int64(e.EvidenceStart), int64(e.EvidenceEnd))
		w = strconv.AppendFloat(w, e.SentenceMonths, 'g', -1, 64)
		w = append(w, 0)
		w = strconv.AppendBool(w, e.CourtVerified)
		w = append(w, 0)
	}
	sum := sha256.Sum256(w)
	return hex.EncodeToString(sum[:]), w
}

// hashBuf lays out a content hash's input: strings NUL-terminated, numbers
// as varints, lists as a count then their strings.
type hashBuf []byte

func (w *hashBuf) str(xs ...string) {
	for _, x := range xs {
		*w = append(append(*w, x...), 0)
	}
}

func (w *hashBuf) strs(xs []string) {
	w.num(int64(len(xs)))
	w.str(xs...)
}

func (w *hashBuf) num(xs ...int64) {
	for _, x := range xs {
		*w = binary.AppendVarint(*w, x)
	}
}

func (w *hashBuf) time(ts ...time.Time) {
	for _, t := range ts {
		w.num(t.Unix())
	}
}

// hashItems computes the content hash of items[idx[i]] for every i, split
// across the available cores.
func hashItems(items []Item, idx []int) []string {
	out := make([]string, len(idx))
	parallel(len(idx), func(lo, hi int) {
		var buf []byte
		for i := lo; i < hi; i++ {
			out[i], buf = contentHashBuf(buf, items[idx[i]])
		}
	})
	return out
}

// partCount is how many parts to cut n units of work into: one per core,
// but none smaller than 64 units.
func partCount(n int) int { return max(min(runtime.GOMAXPROCS(0), n/64), 1) }

// parallel runs f over [0, n) cut into one contiguous part per core and
// waits for all of them.
func parallel(n int, f func(lo, hi int)) {
	parts := partCount(n)
	if parts <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := n*p/parts, n*(p+1)/parts
		wg.Go(func() { f(lo, hi) })
	}
	wg.Wait()
}

// Load writes a batch of items in one transaction: new documents are
// inserted, changed ones replaced together with all their events, identical
// ones left untouched. Loading the same batch twice changes nothing.
// Rows are staged in files and go in with one INSERT per table over
// DuckDB's CSV reader, never row by row.
//
// A document that cannot be stored (see checkItem, or one whose rows the
// database refuses) does not sink the batch: it is recorded in
// parse_errors, counted in LoadStats.Failed, and the rest is stored. The
// error return is for failures of the store itself.
func (s *Store) Load(ctx context.Context, runID int64, items []Item) (LoadStats, error) {
	var st LoadStats
	good := make([]Item, 0, len(items))
	for _, it := range items {
		if err := checkItem(&it); err != nil {
			st.Failed = append(st.Failed, newDocError(it, err))
			continue
		}
		good = append(good, it)
	}
	ls, err := s.loadIsolating(ctx, runID, good)
	st.Add(ls)
	if err != nil {
		return st, err
	}
	if err := s.recordFailures(ctx, runID, good, st.Failed); err != nil {
		return st, err
	}
	return st, nil
}

// loadIsolating loads items; when the database refuses a row, it splits
// the batch in halves until the document that holds the row is alone, and
// fails only that document.
func (s *Store) loadIsolating(ctx context.Context, runID int64, items []Item) (LoadStats, error) {
	st, err := s.load(ctx, runID, items)
	var re *rowError
	if err == nil || ctx.Err() != nil || !errors.As(err, &re) {
		return st, err
	}
	if len(items) == 1 {
		return LoadStats{Failed: []DocError{newDocError(items[0], re.err)}}, nil
	}
	half := len(items) / 2
	st, err = s.loadIsolating(ctx, runID, items[:half])
	if err != nil {
		return st, err
	}
	rest, err := s.loadIsolating(ctx, runID, items[half:])
	st.Add(rest)
	return st, err
}

// load writes items, which have passed checkItem, in one transaction.
func (s *Store) load(ctx context.Context, runID int64, items []Item) (LoadStats, error) {
	var st LoadStats
	if len(items) == 0 {
		return st, nil
	}
	// Last occurrence wins when a batch names a document twice.
	byID := make(map[string]int, len(items))
	ids := make([]string, 0, len(items))
	for i, it := range items {
		id := DocID(it.Record)
		if _, seen := byID[id]; !seen {
			ids = append(ids, id)
		}
		byID[id] = i
	}
	idx := make([]int, len(ids))
	for i, id := range ids {
		idx[i] = byID[id]
	}
	hashList := hashItems(items, idx)
	hashes := make(map[string]string, len(ids))
	for i, id := range ids {
		hashes[id] = hashList[i]
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

	toWrite := make([]docRow, len(write))
	for i, id := range write {
		d := docRow{id: id, item: &items[byID[id]], hash: hashes[id], imported: now}
		if p, ok := existing[id]; ok {
			d.imported = p.imported
		}
		toWrite[i] = d
	}
	// Stage both tables' rows while the transaction starts and replaced
	// rows are deleted.
	stagedDocs := background(func() (*staged, error) {
		return stage(ctx, s.stageDir, s.stagePattern, len(toWrite), docWriter(toWrite, now, runID))
	})
	stagedEvents := background(func() (*staged, error) {
		return stage(ctx, s.stageDir, s.stagePattern, len(toWrite), eventWriter(toWrite))
	})
	defer func() {
		for _, wait := range []func() (*staged, error){stagedDocs, stagedEvents} {
			if st, err := wait(); err == nil {
				st.remove()
			}
		}
	}()
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
	docs, err := stagedDocs()
	if err != nil {
		return LoadStats{}, fmt.Errorf("load: documents: %w", err)
	}
	if err := docs.insert(ctx, conn, "documents", insertDocumentsSQL); err != nil {
		return LoadStats{}, fmt.Errorf("load: %w", err)
	}
	events, err := stagedEvents()
	if err != nil {
		return LoadStats{}, fmt.Errorf("load: events: %w", err)
	}
	if err := events.insert(ctx, conn, "events", insertEventsSQL); err != nil {
		return LoadStats{}, fmt.Errorf("load: %w", err)
	}
	st.Events = events.n
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return LoadStats{}, fmt.Errorf("load: commit: %w", err)
	}
	committed = true
	return st, nil
}

// background runs f in a goroutine and returns a function that waits for
// its result (as often as it is called).
func background(f func() (*staged, error)) func() (*staged, error) {
	done := make(chan struct{})
	var st *staged
	var err error
	go func() {
		defer close(done)
		st, err = f()
	}()
	return func() (*staged, error) {
		<-done
		return st, err
	}
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

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}
