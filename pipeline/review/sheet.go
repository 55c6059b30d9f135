package review

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"casetrack/pipeline/export"
)

// SheetHeader is the review sheet's header. The decision columns are left
// empty for the reviewer; the extracted fields are the ones a decision can
// set, under the names event_decisions.csv reads (a filled-in sheet saved
// as event_decisions.csv is a valid decisions file).
var SheetHeader = []string{"event_id", "document_url", "title", "evidence",
	"event_type", "defendant", "person_count", "plea_or_verdict", "event_date", "categories", "agencies",
	"statutes", "sentence_months", "district", "docket_number",
	"reasons", "decision", "field", "value", "note", "reviewer"}

// Filter narrows the sheet to events in a category set or credited to an
// agency; empty fields do not filter.
type Filter struct {
	CategorySets []string // child_exploitation, trafficking
	Agencies     []string // taxonomy codes
}

// Match reports whether e passes the filter.
func (f Filter) Match(e *Event) bool {
	if len(f.CategorySets) > 0 && !slices.ContainsFunc(f.CategorySets, func(s string) bool { return InSet(s, e.Categories) }) {
		return false
	}
	if len(f.Agencies) > 0 && !slices.ContainsFunc(f.Agencies, func(a string) bool { return slices.Contains(e.Agencies, a) }) {
		return false
	}
	return true
}

// WriteSheet writes the flagged events as the review sheet (RFC 4180 CSV,
// CRLF, formula-safe cells, lists joined with ';'), in the order given.
func WriteSheet(w io.Writer, flagged []Flagged) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(SheetHeader); err != nil {
		return fmt.Errorf("review sheet: %w", err)
	}
	for _, f := range flagged {
		e := f.Event
		reasons := make([]string, len(f.Reasons))
		for i, r := range f.Reasons {
			reasons[i] = r.String()
		}
		date := ""
		if !e.Date.IsZero() {
			date = e.Date.Format("2006-01-02")
		}
		rec := []string{e.ID, f.Doc.URL, f.Doc.Title, e.Evidence,
			e.Type, e.Defendant, strconv.Itoa(e.PersonCount), e.PleaOrVerdict, date,
			strings.Join(e.Categories, ";"), strings.Join(e.Agencies, ";"), strings.Join(e.Statutes, ";"),
			e.SentenceMonths, e.District, e.DocketNumber,
			strings.Join(reasons, "; "), "", "", "", "", ""}
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
