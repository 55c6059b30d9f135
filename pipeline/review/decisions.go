package review

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"casetrack/data"
	"casetrack/pipeline/export"
	"casetrack/pipeline/normalize"
)

// Decision verbs.
const (
	Drop = "drop" // remove an extracted event
	Set  = "set"  // change one field of an extracted event
	Add  = "add"  // add an event the extractor missed
)

// Fields a set decision can change, by their column names.
var Fields = []string{"event_type", "defendant", "categories", "agencies", "event_date", "sentence_months",
	"plea_or_verdict", "person_count"}

// fieldAliases are the shorter names a hand-written file may use.
var fieldAliases = map[string]string{"type": "event_type", "date": "event_date", "category": "categories",
	"agency": "agencies", "sentence": "sentence_months", "plea": "plea_or_verdict", "count": "person_count"}

// columnAliases map other header spellings to the sheet's column names.
var columnAliases = map[string]string{"document": "document_url", "url": "document_url", "type": "event_type",
	"date": "event_date"}

// Decision is one line of event_decisions.csv.
type Decision struct {
	Line        int    // line in the file (the header is line 1)
	Verb        string // Drop, Set or Add
	EventID     string // drop, set: the event decided on
	Field       string // set: one of Fields
	DocumentURL string // the event's document (add: the document to add it to)
	// Event holds, for add, the event to add; for set, the new value in the
	// field named (and, as for drop, the type, defendant and evidence the
	// sheet showed, which find the event again if its id changed and check
	// its text still stands).
	Event    Event
	Reviewer string
	Note     string
	Cells    []string // the row as read
}

// Problem is a decision line that was not applied: malformed (it cannot be
// read), or stale (it no longer fits the data; see reviewdb.Apply).
type Problem struct {
	Line    int
	Verb    string
	EventID string
	Cells   []string
	Reason  string
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Reason) }

// ReadDecisions reads event_decisions.csv (or a filled-in review sheet).
// The header must name the decision column; the others are read when
// present: event_id, field, value, document_url, event_type, defendant,
// person_count, plea_or_verdict, event_date, categories, agencies,
// statutes, sentence_months, district, evidence, reviewer, note (document,
// type and date are accepted for document_url, event_type and event_date).
// Other columns (title, reasons) are ignored, and so are rows whose
// decision is blank: they have not been reviewed. A row that cannot be
// read is returned as malformed with its line and the reason; the rest are
// returned. Only a missing or unreadable header is an error.
func ReadDecisions(r io.Reader) ([]Decision, []Problem, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("event decisions: header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if a, ok := columnAliases[h]; ok {
			h = a
		}
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	if _, ok := col["decision"]; !ok {
		return nil, nil, fmt.Errorf("event decisions: the header has no decision column")
	}
	var out []Decision
	var bad []Problem
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, bad, nil
		}
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			bad = append(bad, Problem{Line: pe.StartLine, Cells: rec, Reason: "not CSV: " + pe.Err.Error()})
			continue
		}
		if err != nil {
			return out, bad, fmt.Errorf("event decisions: line %d: %w", line, err)
		}
		get := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return ""
			}
			return export.UnquoteCell(strings.TrimSpace(rec[i]))
		}
		if get("decision") == "" {
			continue
		}
		d, err := parseDecision(get)
		d.Line, d.Cells = line, rec
		if err != nil {
			bad = append(bad, Problem{Line: line, Verb: d.Verb, EventID: d.EventID, Cells: rec, Reason: err.Error()})
			continue
		}
		out = append(out, d)
	}
}

// parseDecision reads and checks one row's cells.
func parseDecision(get func(string) string) (Decision, error) {
	d := Decision{Verb: strings.ToLower(get("decision")), EventID: get("event_id"), DocumentURL: get("document_url"),
		Reviewer: get("reviewer"), Note: get("note")}
	e := &d.Event
	e.Type, e.Defendant, e.Evidence = strings.ToLower(get("event_type")), get("defendant"), get("evidence")
	switch d.Verb {
	case Drop, Set:
		if d.EventID == "" {
			return d, fmt.Errorf("%s needs the event_id of the event", d.Verb)
		}
		if d.Verb == Drop {
			return d, nil
		}
		f := strings.ToLower(get("field"))
		if a, ok := fieldAliases[f]; ok {
			f = a
		}
		if !slices.Contains(Fields, f) {
			return d, fmt.Errorf("set: field %q is not one of %s", get("field"), strings.Join(Fields, ", "))
		}
		d.Field = f
		if err := setField(e, f, get("value")); err != nil {
			return d, fmt.Errorf("set %s: %w", f, err)
		}
		return d, nil
	case Add:
		if d.DocumentURL == "" || e.Evidence == "" {
			return d, fmt.Errorf("add needs document_url and evidence (text that occurs in the document)")
		}
		e.PersonCount = 1
		for _, f := range Fields {
			if v := get(f); v != "" {
				if err := setField(e, f, v); err != nil {
					return d, fmt.Errorf("add: %s: %w", f, err)
				}
			}
		}
		if e.Type == "" {
			return d, fmt.Errorf("add needs an event_type")
		}
		if v := get("statutes"); v != "" {
			e.Statutes = splitList(v)
		}
		e.District = get("district")
		return d, nil
	}
	return d, fmt.Errorf("decision %q is not drop, set or add", d.Verb)
}

// setField parses v as the value of field f into e.
func setField(e *Event, f, v string) error {
	switch f {
	case "event_type":
		v = strings.ToLower(v)
		if !slices.Contains(normalize.EventTypes, v) {
			return fmt.Errorf("%q is not an event type (%s)", v, strings.Join(normalize.EventTypes, ", "))
		}
		e.Type = v
	case "defendant":
		e.Defendant = v // empty: an unnamed group
	case "categories":
		cats, err := taxonomyList(strings.ToLower(v), data.Categories, "a category")
		if err != nil {
			return err
		}
		e.Categories = cats
	case "agencies":
		ags, err := taxonomyList(strings.ToUpper(v), data.AgencyCodes, "an agency code")
		if err != nil {
			return err
		}
		e.Agencies = ags
	case "event_date":
		e.Date = time.Time{}
		if v != "" {
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				return fmt.Errorf("%q is not a date (YYYY-MM-DD)", v)
			}
			e.Date = t
		}
	case "sentence_months":
		v = strings.ToLower(v)
		if v != "" && v != "life" {
			if m, err := strconv.ParseFloat(v, 64); err != nil || m < 0 {
				return fmt.Errorf("%q is neither a number of months nor life", v)
			}
		}
		e.SentenceMonths = v
	case "plea_or_verdict":
		v = strings.ToLower(v)
		if v != "" && v != "plea" && v != "verdict" {
			return fmt.Errorf("%q is neither plea nor verdict", v)
		}
		e.PleaOrVerdict = v
	case "person_count":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return fmt.Errorf("%q is not a positive whole number", v)
		}
		e.PersonCount = n
	}
	return nil
}

// taxonomyList splits a list cell whose items must be words of the
// taxonomy (what names which list, for the error).
func taxonomyList(v string, words []string, what string) ([]string, error) {
	items := splitList(v)
	for _, x := range items {
		if !slices.Contains(words, x) {
			return nil, fmt.Errorf("%q is not %s of the taxonomy", x, what)
		}
	}
	return items, nil
}

// splitList splits a list cell on ';' or ',', trimmed, without blanks or repeats.
func splitList(v string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' }) {
		if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// FindText finds text in body, first as written, then with runs of white
// space taken as one space and typographic quotes as plain ones (a
// spreadsheet may have changed either). It returns the byte offsets of the
// match in body.
func FindText(body, text string) (start, end int, ok bool) {
	if text == "" {
		return 0, 0, false
	}
	if i := strings.Index(body, text); i >= 0 {
		return i, i + len(text), true
	}
	nb, starts, ends := foldSpace(body)
	nt, _, _ := foldSpace(text)
	nt = strings.TrimSpace(nt)
	if nt == "" {
		return 0, 0, false
	}
	i := strings.Index(nb, nt)
	if i < 0 {
		return 0, 0, false
	}
	return starts[i], ends[i+len(nt)-1], true
}

// foldSpace returns s with white-space runs as one space and typographic
// quotes as ASCII ones, and for each byte of the result the offsets where
// the rune of s it came from starts and ends.
func foldSpace(s string) (folded string, starts, ends []int) {
	var b strings.Builder
	starts, ends = make([]int, 0, len(s)), make([]int, 0, len(s))
	space := false
	for i, r := range s {
		end := i + utf8.RuneLen(r)
		switch r {
		case '\u2018', '\u2019':
			r = '\''
		case '\u201c', '\u201d':
			r = '"'
		}
		if unicode.IsSpace(r) {
			if space {
				ends[len(ends)-1] = end
				continue
			}
			space, r = true, ' '
		} else {
			space = false
		}
		n := b.Len()
		b.WriteRune(r)
		for range b.Len() - n {
			starts, ends = append(starts, i), append(ends, end)
		}
	}
	return b.String(), starts, ends
}
