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

	"casetrack/pipeline/normalize"
)

// Staging format: one event per line, fields separated by fieldSep, list
// elements joined by listSep. A field is quoted RFC 4180 style only when it
// holds fieldSep, a double quote or a line break, so ordinary text (commas
// included) goes through DuckDB's CSV reader unquoted. An empty field reads
// back as NULL.
const (
	fieldSep = '\x1e'
	listSep  = "\x1f" // cannot occur in list elements (listField replaces it)
)

// stagedEvents are events written to temporary files for one INSERT.
type stagedEvents struct {
	files []string // every file made, to remove
	n     int      // events in them
}

// stageEvents writes the events of the given documents to temporary files,
// one per core, in parallel. It needs no connection, so Load runs it while
// the documents go in.
func stageEvents(ctx context.Context, dir, pattern string, ids []string, item func(string) Item) (*stagedEvents, error) {
	type part struct {
		name string
		n    int
		err  error
	}
	parts := make([]part, partCount(len(ids)))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := len(ids)*p/len(parts), len(ids)*(p+1)/len(parts)
		wg.Go(func() { parts[p].name, parts[p].n, parts[p].err = stageFile(ctx, dir, pattern, ids[lo:hi], item) })
	}
	wg.Wait()
	st := &stagedEvents{}
	var errs []error
	for _, p := range parts {
		if p.name != "" {
			st.files = append(st.files, p.name)
		}
		st.n += p.n
		errs = append(errs, p.err)
	}
	if err := errors.Join(errs...); err != nil {
		st.remove()
		return nil, err
	}
	return st, nil
}

// remove deletes the staging files.
func (st *stagedEvents) remove() {
	for _, f := range st.files {
		os.Remove(f)
	}
}

// insert loads the staged events with one INSERT … SELECT over DuckDB's
// parallel CSV reader: for events (many narrow rows with list columns) this
// is several times faster than the Appender, which pays a cgo call per value.
func (st *stagedEvents) insert(ctx context.Context, conn *sql.Conn) error {
	if st.n == 0 {
		return nil
	}
	quoted := make([]string, len(st.files))
	for i, f := range st.files {
		quoted[i] = "'" + strings.ReplaceAll(f, "'", "''") + "'"
	}
	q := strings.Replace(insertEventsSQL, "$FILES", strings.Join(quoted, ", "), 1)
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("insert events: %w", err)
	}
	return nil
}

// stageFile writes the events of ids to a new file in dir named by pattern
// (os.CreateTemp) and returns its name and the number of events in it.
func stageFile(ctx context.Context, dir, pattern string, ids []string, item func(string) Item) (name string, n int, err error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", 0, fmt.Errorf("stage events: %w", err)
	}
	name = f.Name()
	buf := make([]byte, 0, 1<<20)
	seen := map[string]int{}
	var key []byte
	for _, id := range ids {
		it := item(id)
		clear(seen)
		for i, e := range it.Events {
			key = appendLower(append(append(key[:0], e.Type...), 0), e.Defendant)
			nth := seen[string(key)]
			seen[string(key)] = nth + 1
			buf = appendEventRecord(buf, id, it.Record.Source, it.Record.URL, i, nth, e)
			n++
			if len(buf) >= 1<<20-4096 {
				if err := ctx.Err(); err != nil {
					f.Close()
					return name, 0, fmt.Errorf("stage events: %w", err)
				}
				if _, err := f.Write(buf); err != nil {
					f.Close()
					return name, 0, fmt.Errorf("stage events: %w", err)
				}
				buf = buf[:0]
			}
		}
	}
	_, err = f.Write(buf)
	err = errors.Join(err, f.Close())
	if err != nil {
		return name, 0, fmt.Errorf("stage events: %w", err)
	}
	return name, n, nil
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
	if !e.Date.IsZero() {
		b = e.Date.AppendFormat(b, "2006-01-02")
	}
	b = append(b, fieldSep)
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

// insertEventsSQL reads the staging files. Empty fields arrive as NULL;
// lists come back from their joined form.
const insertEventsSQL = `INSERT INTO events
SELECT c0, c1, c2, c3, c4, c5, c6,
       CASE WHEN c7 IS NULL THEN [] ELSE string_split(c7, chr(31)) END,
       c8, c9, c10, c11,
       CASE WHEN c12 IS NULL THEN [] ELSE string_split(c12, chr(31)) END,
       CASE WHEN c13 IS NULL THEN [] ELSE string_split(c13, chr(31)) END,
       CASE WHEN c14 IS NULL THEN [] ELSE string_split(c14, chr(31)) END,
       c15, c16, c17, c18, c19, coalesce(c20, ''), c21, c22
FROM read_csv([$FILES], header = false, auto_detect = false, delim = chr(30), quote = '"', escape = '"',
    columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR', 'c4': 'INTEGER',
               'c5': 'VARCHAR', 'c6': 'VARCHAR', 'c7': 'VARCHAR', 'c8': 'INTEGER', 'c9': 'INTEGER',
               'c10': 'VARCHAR', 'c11': 'DATE', 'c12': 'VARCHAR', 'c13': 'VARCHAR', 'c14': 'VARCHAR',
               'c15': 'DOUBLE', 'c16': 'VARCHAR', 'c17': 'VARCHAR', 'c18': 'VARCHAR', 'c19': 'BOOLEAN',
               'c20': 'VARCHAR', 'c21': 'INTEGER', 'c22': 'INTEGER'})`
