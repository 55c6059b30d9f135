package reviewdb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"

	"casetrack/pipeline/review"
)

// Decision statuses in event_decisions.
const (
	StatusApplied   = "applied"
	StatusStale     = "stale"
	StatusMalformed = "malformed"
)

// Outcome is what one Apply did.
type Outcome struct {
	File      bool // the decisions file exists
	Applied   int
	Stale     []review.Problem // no longer fit the data: the event is gone, or its text is no longer in the document
	Malformed []review.Problem // could not be read, or contradict an earlier line
	Undone    int              // corrections of the previous run that the file no longer makes
}

// Apply makes the events table hold the extraction plus the decisions in
// path (event_decisions.csv; a missing file means none), and records each
// decision line in event_decisions, all in one transaction:
//
//  1. restore the extraction: corrected rows leave events, and the
//     extracted rows event_originals kept go back unless their document was
//     reloaded since (its content hash changed);
//  2. apply each decision in file order (drop, set, add), keeping the
//     extracted row of a changed or dropped event in event_originals and
//     marking changed and added rows corrected;
//  3. replace event_decisions with one row per decision line: applied,
//     stale or malformed, with the row's hash and when it was first applied.
//
// So re-running with the same file changes nothing, and a line removed from
// the file is undone on the next run. Every writing command calls it after
// loading and before linking, under the writer's lock.
func Apply(ctx context.Context, db *sql.DB, path string, runID int64, now time.Time) (Outcome, error) {
	var out Outcome
	var decisions []review.Decision
	fileHash := ""
	raw, err := os.ReadFile(path)
	switch {
	case path == "" || os.IsNotExist(err):
	case err != nil:
		return out, fmt.Errorf("event decisions: %w", err)
	default:
		out.File = true
		sum := sha256.Sum256(raw)
		fileHash = hex.EncodeToString(sum[:])
		decisions, out.Malformed, err = review.ReadDecisions(bytes.NewReader(raw))
		if err != nil {
			// Nothing in the file can be read: it holds no decision, and
			// says so as its first line.
			out.Malformed = append(out.Malformed, review.Problem{Line: 1, Reason: err.Error()})
		}
	}

	conn, err := db.Conn(ctx)
	if err != nil {
		return out, fmt.Errorf("event decisions: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return out, fmt.Errorf("event decisions: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	a := &applier{ctx: ctx, conn: conn, decided: map[string]int{}, fields: map[string]setting{},
		fileHash: fileHash, now: now, runID: runID}
	before, err := a.restore()
	if err != nil {
		return out, err
	}
	if a.firstApplied, err = a.appliedAt(); err != nil {
		return out, err
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM event_decisions`); err != nil {
		return out, fmt.Errorf("event decisions: %w", err)
	}
	for _, p := range out.Malformed {
		if err := a.record(p, StatusMalformed, nil); err != nil {
			return out, err
		}
	}
	corrected := map[string]bool{}
	for i := range decisions {
		d := &decisions[i]
		id, msg, status, err := a.apply(d)
		if err != nil {
			return out, err
		}
		p := review.Problem{Line: d.Line, Verb: d.Verb, EventID: id, Cells: d.Cells, Reason: msg}
		switch status {
		case StatusApplied:
			out.Applied++
			corrected[id] = true
		case StatusStale:
			out.Stale = append(out.Stale, p)
		default:
			out.Malformed = append(out.Malformed, p)
		}
		if err := a.record(p, status, d); err != nil {
			return out, err
		}
	}
	for id := range before {
		if !corrected[id] {
			out.Undone++
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return out, fmt.Errorf("event decisions: commit: %w", err)
	}
	committed = true
	return out, nil
}

// applier applies decisions on one connection inside a transaction.
type applier struct {
	ctx     context.Context
	conn    *sql.Conn
	cols    string             // the columns events and event_originals share, comma-separated
	decided map[string]int     // event id → line of the drop or add that decided it
	fields  map[string]setting // event id + field → the set that decided it

	fileHash     string               // of the decisions file
	firstApplied map[string]time.Time // row hash → when the previous runs first applied it
	now          time.Time
	runID        int64
}

// record writes one decision line's row of event_decisions; d is nil for a
// line that could not be read.
func (a *applier) record(p review.Problem, status string, d *review.Decision) error {
	row := csvLine(p.Cells)
	sum := sha256.Sum256([]byte(row))
	rowHash := hex.EncodeToString(sum[:])
	var applied any
	if status == StatusApplied {
		applied = a.now
		if t, ok := a.firstApplied[rowHash]; ok {
			applied = t
		}
	}
	var field, value, url, typ, def, reviewer, note any
	if d != nil {
		field, url, typ, def, reviewer, note = nullable(d.Field), nullable(d.DocumentURL), nullable(d.Event.Type),
			nullable(d.Event.Defendant), nullable(d.Reviewer), nullable(d.Note)
		if d.Verb == review.Set {
			value = fieldValue(&d.Event, d.Field)
		}
	}
	_, err := a.conn.ExecContext(a.ctx, `INSERT INTO event_decisions (line, decision, event_id, field, value, document_url,
		event_type, defendant, reviewer, note, row_csv, row_sha256, file_sha256, status, message, applied_at, checked_at, run_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.Line, nullable(p.Verb), nullable(p.EventID), field, value, url, typ, def, reviewer, note,
		row, rowHash, a.fileHash, status, nullable(p.Reason), applied, a.now, a.runID)
	if err != nil {
		return fmt.Errorf("event decisions: record line %d: %w", p.Line, err)
	}
	return nil
}

// setting is a set decision already applied.
type setting struct {
	line  int
	value any
}

// restore undoes the previous run's decisions, returning the events table
// to the extraction, and returns the ids of the events they corrected.
func (a *applier) restore() (map[string]bool, error) {
	if err := a.conn.QueryRowContext(a.ctx, `SELECT string_agg(column_name, ', ' ORDER BY ordinal_position)
		FROM information_schema.columns WHERE table_name = 'events'
		AND column_name IN (SELECT column_name FROM information_schema.columns WHERE table_name = 'event_originals')`).Scan(&a.cols); err != nil {
		return nil, fmt.Errorf("event decisions: columns: %w", err)
	}
	before := map[string]bool{}
	rows, err := a.conn.QueryContext(a.ctx, `SELECT event_id FROM events WHERE corrected UNION SELECT event_id FROM event_originals`)
	if err != nil {
		return nil, fmt.Errorf("event decisions: restore: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("event decisions: restore: %w", err)
		}
		before[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("event decisions: restore: %w", err)
	}
	for _, q := range []string{
		`DELETE FROM events WHERE corrected`,
		`INSERT INTO events (` + a.cols + `) SELECT ` + prefixed("o.", a.cols) + ` FROM event_originals o
			JOIN documents d ON d.doc_id = o.doc_id AND d.content_sha256 = o.doc_sha256`,
		`DELETE FROM event_originals`,
	} {
		if _, err := a.conn.ExecContext(a.ctx, q); err != nil {
			return nil, fmt.Errorf("event decisions: restore: %w", err)
		}
	}
	return before, nil
}

// appliedAt reads when each applied row (by hash) was first applied.
func (a *applier) appliedAt() (map[string]time.Time, error) {
	rows, err := a.conn.QueryContext(a.ctx, `SELECT row_sha256, min(applied_at) FROM event_decisions
		WHERE status = 'applied' AND applied_at IS NOT NULL GROUP BY row_sha256`)
	if err != nil {
		return nil, fmt.Errorf("event decisions: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var h string
		var t time.Time
		if err := rows.Scan(&h, &t); err != nil {
			return nil, fmt.Errorf("event decisions: %w", err)
		}
		out[h] = t
	}
	return out, rows.Err()
}

// apply applies one decision and says which event it concerned, how it
// went (applied, stale, malformed) and why.
func (a *applier) apply(d *review.Decision) (eventID, msg, status string, err error) {
	if d.Verb == review.Add {
		return a.add(d)
	}
	if line, ok := a.decided[d.EventID]; ok {
		return d.EventID, fmt.Sprintf("contradicts line %d, which already dropped this event", line), StatusMalformed, nil
	}
	t, how, err := a.find(d)
	if err != nil || t == nil {
		return d.EventID, how, StatusStale, err
	}
	if d.Event.Evidence != "" {
		if _, _, ok := review.FindText(t.body, d.Event.Evidence); !ok {
			return t.id, "the evidence the decision was made on is no longer in the document", StatusStale, nil
		}
	}
	if line, ok := a.decided[t.id]; ok {
		return t.id, fmt.Sprintf("contradicts line %d, which already dropped this event", line), StatusMalformed, nil
	}
	key := t.id + "\x00" + d.Field
	if d.Verb == review.Set {
		v := fieldValue(&d.Event, d.Field)
		if prev, ok := a.fields[key]; ok && prev.value != v {
			return t.id, fmt.Sprintf("contradicts line %d, which set %s of this event to %v", prev.line, d.Field, prev.value), StatusMalformed, nil
		}
		a.fields[key] = setting{d.Line, v}
	}
	if err := a.keepOriginal(t.id); err != nil {
		return t.id, "", "", err
	}
	if d.Verb == review.Drop {
		if _, err := a.conn.ExecContext(a.ctx, `DELETE FROM events WHERE event_id = ?`, t.id); err != nil {
			return t.id, "", "", fmt.Errorf("event decisions: line %d: drop: %w", d.Line, err)
		}
		a.decided[t.id], a.decided[d.EventID] = d.Line, d.Line
		return t.id, how, StatusApplied, nil
	}
	set, args := setClause(d)
	if _, err := a.conn.ExecContext(a.ctx, `UPDATE events SET `+set+`, corrected = true WHERE event_id = ?`,
		append(args, t.id)...); err != nil {
		return t.id, "", "", fmt.Errorf("event decisions: line %d: set %s: %w", d.Line, d.Field, err)
	}
	return t.id, how, StatusApplied, nil
}

// target is the stored event a drop or set found.
type target struct {
	id, body string
}

// find looks the decided event up by its id, then, when a rule change or a
// second copy of the document changed the id, as the only event of the same
// document URL with the same type and defendant. Nil when neither finds it
// (how then says why).
func (a *applier) find(d *review.Decision) (*target, string, error) {
	var t target
	err := a.conn.QueryRowContext(a.ctx, `SELECT e.event_id, coalesce(d.body, '') FROM events e
		JOIN documents d USING (doc_id) WHERE e.event_id = ?`, d.EventID).Scan(&t.id, &t.body)
	if err == nil {
		return &t, "", nil
	}
	if err != sql.ErrNoRows {
		return nil, "", fmt.Errorf("event decisions: line %d: %w", d.Line, err)
	}
	gone := "no event " + d.EventID + " any more (a rule change or a changed document)"
	if d.DocumentURL == "" || d.Event.Type == "" {
		return nil, gone, nil
	}
	rows, err := a.conn.QueryContext(a.ctx, `SELECT e.event_id, coalesce(d.body, '') FROM events e JOIN documents d USING (doc_id)
		WHERE d.url = ? AND e.event_type = ? AND lower(coalesce(e.defendant, '')) = lower(?) AND NOT coalesce(e.corrected, false)`,
		d.DocumentURL, d.Event.Type, d.Event.Defendant)
	if err != nil {
		return nil, "", fmt.Errorf("event decisions: line %d: %w", d.Line, err)
	}
	defer rows.Close()
	var found []target
	for rows.Next() {
		var f target
		if err := rows.Scan(&f.id, &f.body); err != nil {
			return nil, "", fmt.Errorf("event decisions: line %d: %w", d.Line, err)
		}
		found = append(found, f)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("event decisions: line %d: %w", d.Line, err)
	}
	if len(found) != 1 {
		return nil, gone, nil
	}
	return &found[0], "event id " + d.EventID + " is now " + found[0].id + " (same document, type and defendant)", nil
}

// keepOriginal copies an extracted event's row to event_originals, once.
func (a *applier) keepOriginal(id string) error {
	_, err := a.conn.ExecContext(a.ctx, `INSERT INTO event_originals (`+a.cols+`, doc_sha256)
		SELECT `+prefixed("e.", a.cols)+`, d.content_sha256 FROM events e JOIN documents d USING (doc_id)
		WHERE e.event_id = ? AND NOT coalesce(e.corrected, false)
		AND e.event_id NOT IN (SELECT event_id FROM event_originals)`, id)
	if err != nil {
		return fmt.Errorf("event decisions: keep %s: %w", id, err)
	}
	return nil
}

// add inserts the event an add decision describes into its document, with
// the evidence's offsets in the body.
func (a *applier) add(d *review.Decision) (string, string, string, error) {
	rows, err := a.conn.QueryContext(a.ctx, `SELECT doc_id, source, url, coalesce(body, ''), coalesce(district, ''),
		content_sha256 FROM documents WHERE url = ? OR doc_id = ? ORDER BY doc_id`, d.DocumentURL, d.DocumentURL)
	if err != nil {
		return "", "", "", fmt.Errorf("event decisions: line %d: %w", d.Line, err)
	}
	type doc struct{ id, source, url, body, district, hash string }
	var docs []doc
	for rows.Next() {
		var x doc
		if err := rows.Scan(&x.id, &x.source, &x.url, &x.body, &x.district, &x.hash); err != nil {
			rows.Close()
			return "", "", "", fmt.Errorf("event decisions: line %d: %w", d.Line, err)
		}
		docs = append(docs, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", "", "", fmt.Errorf("event decisions: line %d: %w", d.Line, err)
	}
	switch {
	case len(docs) == 0:
		return "", "no document " + d.DocumentURL, StatusStale, nil
	case len(docs) > 1:
		return "", fmt.Sprintf("%d documents have the URL %s; name one by its doc_id", len(docs), d.DocumentURL), StatusMalformed, nil
	}
	x := docs[0]
	start, end, ok := review.FindText(x.body, d.Event.Evidence)
	if !ok {
		return "", "the evidence text is not in the document", StatusStale, nil
	}
	e := d.Event
	id := AddedEventID(x.id, e.Type, e.Defendant, x.body[start:end])
	if line, dup := a.decided[id]; dup {
		return id, fmt.Sprintf("repeats line %d", line), StatusMalformed, nil
	}
	district := e.District
	if district == "" {
		district = x.district
	}
	months, kind := sentence(e.SentenceMonths)
	var date any
	if !e.Date.IsZero() {
		date = e.Date
	}
	_, err = a.conn.ExecContext(a.ctx, `INSERT INTO events (event_id, doc_id, source, document_url, ordinal, event_type,
		defendant, aliases, person_count, plea_or_verdict, event_date, statutes, categories, agencies, sentence_months,
		sentence_kind, district, court_verified, evidence, evidence_start, evidence_end, corrected)
		SELECT ?, ?, ?, ?, coalesce((SELECT max(ordinal) FROM events WHERE doc_id = ?), -1) + 1, ?, ?, [], ?, ?, ?,
			?::VARCHAR[], ?::VARCHAR[], ?::VARCHAR[], ?, ?, ?, false, ?, ?, ?, true`,
		id, x.id, x.source, x.url, x.id, e.Type, nullable(e.Defendant), max(e.PersonCount, 1), nullable(e.PleaOrVerdict), date,
		list(e.Statutes), list(e.Categories), list(e.Agencies), months, kind, nullable(district),
		x.body[start:end], start, end)
	if err != nil {
		return id, "", "", fmt.Errorf("event decisions: line %d: add: %w", d.Line, err)
	}
	a.decided[id] = d.Line
	return id, "", StatusApplied, nil
}

// AddedEventID is the id of an event added by hand: like an extracted
// event's (store.EventID), a hash of what identifies it, here its document,
// type, defendant and evidence text, so it is the same on every run.
func AddedEventID(docID, typ, defendant, evidence string) string {
	sum := sha256.Sum256([]byte("added\x00" + docID + "\x00" + typ + "\x00" + strings.ToLower(defendant) + "\x00" + evidence))
	return hex.EncodeToString(sum[:16])
}

// setClause is the SET list and arguments that change d.Field.
func setClause(d *review.Decision) (string, []any) {
	e := &d.Event
	switch d.Field {
	case "event_type":
		return "event_type = ?", []any{e.Type}
	case "defendant":
		return "defendant = ?", []any{nullable(e.Defendant)}
	case "categories":
		return "categories = ?::VARCHAR[]", []any{list(e.Categories)}
	case "agencies":
		return "agencies = ?::VARCHAR[]", []any{list(e.Agencies)}
	case "event_date":
		if e.Date.IsZero() {
			return "event_date = NULL", nil
		}
		return "event_date = ?", []any{e.Date}
	case "sentence_months":
		m, k := sentence(e.SentenceMonths)
		return "sentence_months = ?, sentence_kind = ?", []any{m, k}
	case "plea_or_verdict":
		return "plea_or_verdict = ?", []any{nullable(e.PleaOrVerdict)}
	case "person_count":
		return "person_count = ?", []any{e.PersonCount}
	}
	panic("reviewdb: unknown field " + d.Field) // review.ReadDecisions admits only review.Fields
}

// fieldValue is the value a set decision gives, as text for the record.
func fieldValue(e *review.Event, field string) any {
	switch field {
	case "event_type":
		return e.Type
	case "defendant":
		return e.Defendant
	case "categories":
		return strings.Join(e.Categories, ";")
	case "agencies":
		return strings.Join(e.Agencies, ";")
	case "event_date":
		if e.Date.IsZero() {
			return ""
		}
		return e.Date.Format("2006-01-02")
	case "sentence_months":
		return e.SentenceMonths
	case "plea_or_verdict":
		return e.PleaOrVerdict
	case "person_count":
		return fmt.Sprint(e.PersonCount)
	}
	return nil
}

// sentence turns a sentence cell (months, "life" or "") into the
// sentence_months and sentence_kind columns.
func sentence(v string) (months, kind any) {
	switch v {
	case "":
		return nil, nil
	case "life":
		return nil, "life"
	}
	var m float64
	fmt.Sscan(v, &m)
	return m, "prison"
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// list passes a string list to DuckDB (an empty list, never NULL).
func list(xs []string) any {
	if xs == nil {
		xs = []string{}
	}
	return xs
}

// prefixed qualifies each column of a comma-separated list with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

// csvLine re-encodes a row's cells as one CSV line (no line break).
func csvLine(cells []string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(cells)
	w.Flush()
	return strings.TrimRight(b.String(), "\n")
}
