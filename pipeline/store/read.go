package store

import (
	"context"
	"database/sql"
	"fmt"

	"casetrack/pipeline/normalize"
)

// EventsByURL reads every event back as normalize.Events, grouped by the
// URL of the document it came from, in document order. It is what
// `casetrack eval` scores: the events as stored, not as extracted in memory.
func (s *Store) EventsByURL(ctx context.Context) (map[string][]normalize.Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT document_url, event_type, coalesce(defendant, ''), aliases,
		coalesce(age, 0), person_count, coalesce(plea_or_verdict, ''), event_date, statutes, categories, agencies,
		coalesce(sentence_months, 0), coalesce(sentence_kind, ''), coalesce(district, ''), coalesce(docket_number, ''),
		court_verified, evidence, coalesce(evidence_start, 0), coalesce(evidence_end, 0)
		FROM events ORDER BY doc_id, ordinal`)
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	defer rows.Close()
	out := map[string][]normalize.Event{}
	for rows.Next() {
		var url string
		var e normalize.Event
		var date sql.NullTime
		var aliases, statutes, cats, agencies []any
		if err := rows.Scan(&url, &e.Type, &e.Defendant, &aliases, &e.Age, &e.PersonCount, &e.PleaOrVerdict, &date,
			&statutes, &cats, &agencies, &e.SentenceMonths, &e.SentenceKind, &e.District, &e.DocketNumber,
			&e.CourtVerified, &e.Evidence, &e.EvidenceStart, &e.EvidenceEnd); err != nil {
			return nil, fmt.Errorf("read events: %w", err)
		}
		if date.Valid {
			e.Date = date.Time
		}
		e.Aliases, e.Statutes, e.Categories, e.Agencies = Strings(aliases), Strings(statutes), Strings(cats), Strings(agencies)
		out[url] = append(out[url], e)
	}
	return out, rows.Err()
}

// Strings converts a DuckDB LIST of VARCHAR as database/sql scans it ([]any)
// into a []string, dropping NULL elements; nil for an empty list.
func Strings(xs []any) []string {
	if len(xs) == 0 {
		return nil
	}
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
