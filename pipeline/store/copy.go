package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"casetrack/pipeline/normalize"
)

// Staging format: one row (a document or an event) per line, fields
// separated by fieldSep, list elements joined by listSep. A field is quoted RFC 4180 style only when it
// holds fieldSep, a double quote or a line break, so ordinary text (commas
// included) goes through DuckDB's CSV reader unquoted. An empty field reads
// back as NULL.
const (
	fieldSep = '\x1e'
	listSep  = "\x1f" // cannot occur in list elements (listField replaces it with a space)
)

// staged are rows written to temporary files for one INSERT.
type staged struct {
	files   []string // every file made, to remove
	n       int      // rows in them
	maxLine int      // bytes in the longest unit's lines (at least its longest line)
}

// rowWriter appends the staging lines of unit i (a document, or a
// document's events) to b and returns b and how many rows it wrote. Each
// part of a staging run gets its own, so it may keep scratch state.
type rowWriter func(b []byte, i int) ([]byte, int)

// stage writes the rows of units [0, n) to temporary files in dir named by
// pattern (os.CreateTemp syntax), one file per core, in parallel. It needs
// no connection, so Load runs it while other rows go in.
func stage(ctx context.Context, dir, pattern string, n int, newWriter func() rowWriter) (*staged, error) {
	type part struct {
		name       string
		n, maxLine int
		err        error
	}
	parts := make([]part, partCount(n))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := n*p/len(parts), n*(p+1)/len(parts)
		wg.Go(func() {
			parts[p].name, parts[p].n, parts[p].maxLine, parts[p].err = stageFile(ctx, dir, pattern, lo, hi, newWriter())
		})
	}
	wg.Wait()
	st := &staged{}
	var errs []error
	for _, p := range parts {
		if p.name != "" {
			st.files = append(st.files, p.name)
		}
		st.n += p.n
		st.maxLine = max(st.maxLine, p.maxLine)
		errs = append(errs, p.err)
	}
	if err := errors.Join(errs...); err != nil {
		st.remove()
		return nil, err
	}
	return st, nil
}

// remove deletes the staging files.
func (st *staged) remove() {
	for _, f := range st.files {
		os.Remove(f)
	}
}

// defaultMaxLine is DuckDB's own max_line_size for read_csv.
const defaultMaxLine = 2_000_000

// insert loads the staged rows with one INSERT … SELECT (query, whose
// $FILES names the files and $MAXLINE the longest line to accept) over
// DuckDB's parallel CSV reader: for many rows with list columns this is
// several times faster than the Appender, which pays a cgo call per value.
// A failure the rows themselves cause is a *rowError.
func (st *staged) insert(ctx context.Context, conn *sql.Conn, what, query string) error {
	if st.n == 0 {
		return nil
	}
	quoted := make([]string, len(st.files))
	for i, f := range st.files {
		quoted[i] = "'" + strings.ReplaceAll(f, "'", "''") + "'"
	}
	q := strings.Replace(query, "$FILES", strings.Join(quoted, ", "), 1)
	// Any row the body cap allows must fit: read_csv refuses longer lines.
	q = strings.Replace(q, "$MAXLINE", strconv.Itoa(max(defaultMaxLine, st.maxLine+2)), 1)
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return asRowError(fmt.Errorf("insert %s: %w", what, err))
	}
	return nil
}

// stageFile writes the rows of units [lo, hi) to a new file in dir named
// by pattern and returns its name, the number of rows in it and the bytes
// of its longest unit.
func stageFile(ctx context.Context, dir, pattern string, lo, hi int, write rowWriter) (name string, n, maxLine int, err error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", 0, 0, fmt.Errorf("stage: %w", err)
	}
	name = f.Name()
	const flushAt = 1 << 20
	buf := make([]byte, 0, flushAt+flushAt/4)
	for i := lo; i < hi; i++ {
		var k int
		before := len(buf)
		buf, k = write(buf, i)
		n += k
		maxLine = max(maxLine, len(buf)-before)
		if len(buf) >= flushAt {
			if err := ctx.Err(); err != nil {
				f.Close()
				return name, 0, 0, fmt.Errorf("stage: %w", err)
			}
			if _, err := f.Write(buf); err != nil {
				f.Close()
				return name, 0, 0, fmt.Errorf("stage: %w", err)
			}
			buf = buf[:0]
		}
	}
	_, err = f.Write(buf)
	err = errors.Join(err, f.Close())
	if err != nil {
		return name, 0, 0, fmt.Errorf("stage: %w", err)
	}
	return name, n, maxLine, nil
}

// eventWriter stages the events of rows[i], numbering repeated
// (type, defendant) pairs within a document for their event ids.
func eventWriter(rows []docRow) func() rowWriter {
	return func() rowWriter {
		seen := map[string]int{}
		var key []byte
		return func(b []byte, i int) ([]byte, int) {
			it, id := rows[i].item, rows[i].id
			clear(seen)
			for j, e := range it.Events {
				key = appendLower(append(append(key[:0], e.Type...), 0), e.Defendant)
				nth := seen[string(key)]
				seen[string(key)] = nth + 1
				b = appendEventRecord(b, id, it.Record.Source, it.Record.URL, j, nth, e)
			}
			return b, len(it.Events)
		}
	}
}

// docRow is a document to write with what Load decided about it.
type docRow struct {
	id       string
	item     *Item
	hash     string    // content hash
	imported time.Time // first load: now, or kept from the row it replaces
}

// docWriter stages rows[i] as one documents line, in the column order of
// insertDocumentsSQL.
func docWriter(rows []docRow, now time.Time, runID int64) func() rowWriter {
	return func() rowWriter {
		return func(b []byte, i int) ([]byte, int) {
			d := rows[i]
			r := &d.item.Record
			b = appendField(b, d.id)
			b = appendField(b, r.Source)
			b = appendField(b, r.Key)
			b = appendField(b, r.URL)
			b = appendField(b, r.Publisher)
			b = appendDate(b, r.Published)
			b = appendTimestamp(b, r.Changed)
			b = appendField(b, r.Title)
			b = appendField(b, r.Body)
			b = appendList(b, r.Topics)
			b = appendList(b, r.Components)
			b = appendField(b, r.District)
			b = appendField(b, r.Kept)
			b = appendField(b, r.RawSHA256)
			b = appendField(b, d.hash)
			b = appendTimestamp(b, r.FetchedAt)
			b = appendTimestamp(b, d.imported)
			b = appendTimestamp(b, now)
			b = strconv.AppendInt(b, runID, 10)
			b = append(b, fieldSep)
			if r.BodyBytes > 0 {
				b = strconv.AppendInt(b, int64(r.BodyBytes), 10)
			}
			return append(b, '\n'), 1
		}
	}
}

// appendDate appends t's date, or nothing for the zero time (NULL), and
// the separator.
func appendDate(b []byte, t time.Time) []byte {
	if !t.IsZero() {
		b = t.AppendFormat(b, "2006-01-02")
	}
	return append(b, fieldSep)
}

// appendTimestamp appends t in UTC to the microsecond (DuckDB's TIMESTAMP
// precision), or nothing for the zero time (NULL), and the separator.
func appendTimestamp(b []byte, t time.Time) []byte {
	if !t.IsZero() {
		b = t.UTC().AppendFormat(b, "2006-01-02 15:04:05.999999")
	}
	return append(b, fieldSep)
}

// appendEventRecord appends one event as a staging line, in the column
// order of insertEventsSQL.
func appendEventRecord(b []byte, docID, source, url string, ordinal, nth int, e normalize.Event) []byte {
	b = appendEventID(b, docID, e, nth)
	b = append(b, fieldSep)
	b = appendField(b, docID)
	b = appendField(b, source)
	b = appendField(b, url)
	b = strconv.AppendInt(b, int64(ordinal), 10)
	b = append(b, fieldSep)
	b = appendField(b, e.Type)
	b = appendField(b, e.Defendant)
	b = appendList(b, e.Aliases)
	if e.Age > 0 {
		b = strconv.AppendInt(b, int64(e.Age), 10)
	}
	b = append(b, fieldSep)
	b = strconv.AppendInt(b, int64(max(e.PersonCount, 1)), 10)
	b = append(b, fieldSep)
	b = appendField(b, e.PleaOrVerdict)
	b = appendDate(b, e.Date)
	b = appendList(b, e.Statutes)
	b = appendList(b, e.Categories)
	b = appendList(b, e.Agencies)
	if m := sentenceMonths(e); m != nil {
		b = strconv.AppendFloat(b, m.(float64), 'f', -1, 64)
	}
	b = append(b, fieldSep)
	b = appendField(b, e.SentenceKind)
	b = appendField(b, e.District)
	b = appendField(b, e.DocketNumber)
	b = strconv.AppendBool(b, e.CourtVerified)
	b = append(b, fieldSep)
	b = appendField(b, e.Evidence)
	b = strconv.AppendInt(b, int64(e.EvidenceStart), 10)
	b = append(b, fieldSep)
	b = strconv.AppendInt(b, int64(e.EvidenceEnd), 10)
	return append(b, '\n')
}

// quoteBytes are the bytes that make a staging field need quotes.
var quoteBytes = [256]bool{fieldSep: true, '"': true, '\n': true, '\r': true}

// needsQuotes reports whether s holds one of quoteBytes: byte by byte for
// short strings, four vectorised scans for long ones (evidence sentences).
func needsQuotes(s string) bool {
	if len(s) >= 64 {
		return strings.IndexByte(s, '"') >= 0 || strings.IndexByte(s, '\n') >= 0 ||
			strings.IndexByte(s, '\r') >= 0 || strings.IndexByte(s, fieldSep) >= 0
	}
	for i := 0; i < len(s); i++ {
		if quoteBytes[s[i]] {
			return true
		}
	}
	return false
}

// appendField appends s and the field separator, quoting s if it holds the
// separator, a quote or a line break.
func appendField(b []byte, s string) []byte {
	if needsQuotes(s) {
		b = append(b, '"')
		for {
			i := strings.IndexByte(s, '"')
			if i < 0 {
				break
			}
			b = append(b, s[:i+1]...)
			b = append(b, '"')
			s = s[i+1:]
		}
		b = append(b, s...)
		b = append(b, '"')
	} else {
		b = append(b, s...)
	}
	return append(b, fieldSep)
}

// appendList appends a list as one field, elements joined by listSep.
func appendList(b []byte, xs []string) []byte {
	for _, x := range xs {
		if needsQuotes(x) || strings.Contains(x, listSep) {
			return appendField(b, listField(xs))
		}
	}
	for i, x := range xs {
		if i > 0 {
			b = append(b, listSep...)
		}
		b = append(b, x...)
	}
	return append(b, fieldSep)
}

func listField(xs []string) string {
	clean := make([]string, len(xs))
	for i, x := range xs {
		clean[i] = strings.ReplaceAll(x, listSep, " ")
	}
	return strings.Join(clean, listSep)
}

// insertDocumentsSQL reads the documents' staging files. Strings the
// table stores as given, the empty string included, are coalesced back from NULL.
const insertDocumentsSQL = `INSERT INTO documents
SELECT c0, c1, c2, coalesce(c3, ''), c4, c5, c6, coalesce(c7, ''), coalesce(c8, ''),
       CASE WHEN c9 IS NULL THEN [] ELSE string_split(c9, chr(31)) END,
       CASE WHEN c10 IS NULL THEN [] ELSE string_split(c10, chr(31)) END,
       c11, c12, c13, c14, c15, c16, c17, c18, c19
FROM read_csv([$FILES], header = false, auto_detect = false, delim = chr(30), quote = '"', escape = '"',
    max_line_size = $MAXLINE,
    columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR', 'c4': 'VARCHAR',
               'c5': 'DATE', 'c6': 'TIMESTAMP', 'c7': 'VARCHAR', 'c8': 'VARCHAR', 'c9': 'VARCHAR',
               'c10': 'VARCHAR', 'c11': 'VARCHAR', 'c12': 'VARCHAR', 'c13': 'VARCHAR', 'c14': 'VARCHAR',
               'c15': 'TIMESTAMP', 'c16': 'TIMESTAMP', 'c17': 'TIMESTAMP', 'c18': 'BIGINT', 'c19': 'BIGINT'})`

// insertEventsSQL reads the staging files. Empty fields arrive as NULL;
// lists come back from their joined form. Loaded events are as extracted
// (corrected = false); hand decisions are applied after the load.
const insertEventsSQL = `INSERT INTO events
SELECT c0, c1, c2, c3, c4, c5, c6,
       CASE WHEN c7 IS NULL THEN [] ELSE string_split(c7, chr(31)) END,
       c8, c9, c10, c11,
       CASE WHEN c12 IS NULL THEN [] ELSE string_split(c12, chr(31)) END,
       CASE WHEN c13 IS NULL THEN [] ELSE string_split(c13, chr(31)) END,
       CASE WHEN c14 IS NULL THEN [] ELSE string_split(c14, chr(31)) END,
       c15, c16, c17, c18, c19, coalesce(c20, ''), c21, c22, false
FROM read_csv([$FILES], header = false, auto_detect = false, delim = chr(30), quote = '"', escape = '"',
    max_line_size = $MAXLINE,
    columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR', 'c4': 'INTEGER',
               'c5': 'VARCHAR', 'c6': 'VARCHAR', 'c7': 'VARCHAR', 'c8': 'INTEGER', 'c9': 'INTEGER',
               'c10': 'VARCHAR', 'c11': 'DATE', 'c12': 'VARCHAR', 'c13': 'VARCHAR', 'c14': 'VARCHAR',
               'c15': 'DOUBLE', 'c16': 'VARCHAR', 'c17': 'VARCHAR', 'c18': 'VARCHAR', 'c19': 'BOOLEAN',
               'c20': 'VARCHAR', 'c21': 'INTEGER', 'c22': 'INTEGER'})`
