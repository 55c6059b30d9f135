package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// DocError is one document that could not be stored, and why.
type DocError struct {
	DocID  string
	Source string
	Ref    string // where it was read from, as recorded in parse_errors
	Err    error
	rawSHA string
}

func (e DocError) Error() string { return e.Ref + ": " + e.Err.Error() }

// maxReason bounds an error's text as reported and recorded: DuckDB quotes
// the whole offending line, which can be megabytes.
const maxReason = 600

func newDocError(it Item, err error) DocError {
	msg := err.Error()
	if len(msg) > maxReason {
		cut := maxReason
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + " …"
	}
	return DocError{DocID: DocID(it.Record), Source: it.Record.Source, Ref: it.errorRef(),
		Err: fmt.Errorf("cannot be stored: %s", msg), rawSHA: it.Record.RawSHA256}
}

// errorRef names an item in parse_errors: where it was read from and, since
// one file or page can hold many documents, which one.
func (it Item) errorRef() string {
	ref := it.Ref
	if ref == "" {
		ref = it.Record.URL
	}
	if it.Record.Key == "" {
		return ref
	}
	return ref + "#" + DocID(it.Record)
}

// checkItem finds what would keep a document out of the database before
// any of its batch is written: a missing key, a link that is not a web
// address (a javascript: or data: URL would be shown as a link in the
// report), text that is not UTF-8 (which DuckDB cannot read back), numbers
// out of the columns' range.
func checkItem(it *Item) error {
	r := &it.Record
	if r.Source == "" || r.Key == "" {
		return errors.New("the record has no source or key")
	}
	if err := checkURL(r.URL); err != nil {
		return err
	}
	for name, v := range map[string]string{"source": r.Source, "key": r.Key, "url": r.URL, "publisher": r.Publisher,
		"title": r.Title, "body": r.Body, "district": r.District, "kept reason": r.Kept, "raw sha256": r.RawSHA256} {
		if !utf8.ValidString(v) {
			return fmt.Errorf("the %s is not valid UTF-8", name)
		}
	}
	for _, list := range [][]string{r.Topics, r.Components} {
		if !allValid(list) {
			return errors.New("a topic or component is not valid UTF-8")
		}
	}
	for i, e := range it.Events {
		if !utf8.ValidString(e.Type) || !utf8.ValidString(e.Defendant) || !utf8.ValidString(e.PleaOrVerdict) ||
			!utf8.ValidString(e.SentenceKind) || !utf8.ValidString(e.District) || !utf8.ValidString(e.DocketNumber) ||
			!utf8.ValidString(e.Evidence) || !allValid(e.Aliases) || !allValid(e.Statutes) || !allValid(e.Categories) ||
			!allValid(e.Agencies) {
			return fmt.Errorf("event %d holds text that is not valid UTF-8", i)
		}
		for _, n := range []int{e.Age, e.PersonCount, e.EvidenceStart, e.EvidenceEnd} {
			if n < math.MinInt32 || n > math.MaxInt32 {
				return fmt.Errorf("event %d: a number out of range (%d)", i, n)
			}
		}
	}
	return nil
}

func allValid(xs []string) bool {
	for _, x := range xs {
		if !utf8.ValidString(x) {
			return false
		}
	}
	return true
}

// checkURL refuses a link with any scheme but http, https and file (for
// documents imported from disk): a javascript: or data: URL would run or
// hide in the report. The scheme is read as a browser reads an href, with
// tabs and line breaks removed and leading spaces and controls trimmed.
func checkURL(raw string) error {
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, raw)
	s = strings.TrimLeftFunc(s, func(r rune) bool { return r <= ' ' })
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || !isScheme(s[:colon]) {
		return nil // no scheme: a relative reference, never a script
	}
	switch strings.ToLower(s[:colon]) {
	case "http", "https", "file":
		return nil
	}
	return fmt.Errorf("the url %q is not a web address (http or https)", clip(raw))
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, "+", "-" or ".".
func isScheme(s string) bool {
	for i, c := range s {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	return strings.ToValidUTF8(s[:80], "") + "…"
}

// rowError is a failure the rows being inserted caused (a value the
// database refuses), as opposed to a failure of the database itself.
type rowError struct{ err error }

func (e *rowError) Error() string { return e.err.Error() }
func (e *rowError) Unwrap() error { return e.err }

// asRowError marks err a *rowError when DuckDB blames the data.
func asRowError(err error) error {
	var de *duckdb.Error
	if !errors.As(err, &de) {
		return err
	}
	switch de.Type {
	case duckdb.ErrorTypeConversion, duckdb.ErrorTypeInvalidInput, duckdb.ErrorTypeOutOfRange,
		duckdb.ErrorTypeConstraint, duckdb.ErrorTypeMismatchType:
		return &rowError{err}
	}
	return err
}

// recordFailures keeps every failed document in parse_errors, and clears
// the entries of stored documents that failed before.
func (s *Store) recordFailures(ctx context.Context, runID int64, stored []Item, failed []DocError) error {
	bad := make(map[string]bool, len(failed))
	for _, f := range failed {
		bad[f.Ref] = true
		if err := s.RecordParseError(ctx, runID, f.Source, f.Ref, f.rawSHA, f.Err); err != nil {
			return err
		}
	}
	refs := make([]string, 0, len(stored))
	for _, it := range stored {
		if ref := it.errorRef(); !bad[ref] {
			refs = append(refs, ref)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM parse_errors WHERE ref IN (SELECT unnest(?::VARCHAR[]))`, refs); err != nil {
		return fmt.Errorf("clear parse errors: %w", err)
	}
	return nil
}
