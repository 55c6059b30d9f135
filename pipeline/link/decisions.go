package link

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"casetrack/pipeline/export"
)

// Decision is one reviewed pair: a person looked at two events (or two
// people) and said they are one person (merge) or two (keep_apart).
// Keys are event ids, or person/case ids ("P-<event id>"), which name the
// event the id was derived from.
type Decision struct {
	KeyA, KeyB string
	Decision   string // DecisionMerge or DecisionKeepApart
	Note       string
}

// ReadDecisions reads a reviewed-decisions CSV. The header must name
// key_a, key_b and decision; note and any other columns (the context that
// WriteReview adds) are optional and ignored. Rows whose decision is blank
// have not been reviewed yet and are skipped.
func ReadDecisions(r io.Reader) ([]Decision, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("decisions: header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"key_a", "key_b", "decision"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("decisions: header lacks %q", need)
		}
	}
	get := func(rec []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	var out []Decision
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("decisions: line %d: %w", line, err)
		}
		d := Decision{KeyA: unquoteCell(get(rec, "key_a")), KeyB: unquoteCell(get(rec, "key_b")),
			Decision: strings.ToLower(get(rec, "decision")), Note: get(rec, "note")}
		if d.Decision == "" {
			continue
		}
		if d.Decision != DecisionMerge && d.Decision != DecisionKeepApart {
			return nil, fmt.Errorf("decisions: line %d: decision %q is neither merge nor keep_apart", line, d.Decision)
		}
		if d.KeyA == "" || d.KeyB == "" {
			return nil, fmt.Errorf("decisions: line %d: empty key", line)
		}
		out = append(out, d)
	}
}

// reviewHeader is the review sheet's header; its first four columns are
// the decisions file, so a reviewed sheet can be read back as is.
var reviewHeader = []string{"key_a", "key_b", "decision", "note", "score", "reasons",
	"name_a", "name_b", "type_a", "type_b", "date_a", "date_b",
	"district_a", "district_b", "docket_a", "docket_b", "url_a", "url_b"}

// WriteReview writes links (usually Result.Uncertain()) as a review sheet:
// the decisions columns with decision left blank, then the context a
// reviewer needs. Cells that a spreadsheet would run as a formula are
// prefixed with an apostrophe.
func WriteReview(w io.Writer, links []Link, events []Event) error {
	byID := make(map[string]*Event, len(events))
	for i := range events {
		byID[events[i].EventID] = &events[i]
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(reviewHeader); err != nil {
		return fmt.Errorf("review sheet: %w", err)
	}
	date := func(e *Event) string {
		if e.Date.IsZero() {
			return ""
		}
		s := e.Date.Format(time.DateOnly)
		if e.DateFromDoc {
			s += " (published)"
		}
		return s
	}
	for _, l := range links {
		a, b := byID[l.A], byID[l.B]
		if a == nil || b == nil {
			return fmt.Errorf("review sheet: link %s/%s names an event not given", l.A, l.B)
		}
		rec := []string{l.A, l.B, "", "", strconv.FormatFloat(l.Score, 'f', 1, 64), strings.Join(l.Reasons, ";"),
			a.Defendant, b.Defendant, a.Type, b.Type, date(a), date(b),
			a.District, b.District, a.DocketNumber, b.DocketNumber, a.DocURL, b.DocURL}
		for i := range rec {
			rec[i] = export.SafeCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("review sheet: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("review sheet: %w", err)
	}
	return nil
}

// unquoteCell undoes export.SafeCell on keys read back.
func unquoteCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
