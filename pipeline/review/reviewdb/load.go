// Package reviewdb connects pipeline/review to the DuckDB store: it reads
// the press releases and their events for the review sheet, applies
// event_decisions.csv to the events table on every writing run (restoring
// the extraction first, so the file as it is now is what holds), and counts
// the events corrected by hand for tallies and the report.
package reviewdb

import (
	"context"
	"database/sql"
	"fmt"

	"casetrack/pipeline/review"
	"casetrack/pipeline/store"
)

// LoadDocuments reads every press release (documents whose events are not
// court records) with all its events, each marked with whether the link
// stage put it in a case that has an arrest or a charge. Documents come in
// doc_id order, events in document order.
func LoadDocuments(ctx context.Context, db *sql.DB) ([]review.Document, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT d.doc_id, d.url, d.source, coalesce(d.publisher, ''), coalesce(d.title, ''), coalesce(d.body, ''), d.published
		FROM documents d
		WHERE d.doc_id IN (SELECT doc_id FROM events WHERE NOT court_verified)
		ORDER BY d.doc_id`)
	if err != nil {
		return nil, fmt.Errorf("review: documents: %w", err)
	}
	var docs []review.Document
	index := map[string]int{}
	for rows.Next() {
		var d review.Document
		var pub sql.NullTime
		if err := rows.Scan(&d.DocID, &d.URL, &d.Source, &d.Publisher, &d.Title, &d.Body, &pub); err != nil {
			rows.Close()
			return nil, fmt.Errorf("review: documents: %w", err)
		}
		if pub.Valid {
			d.Published = pub.Time.UTC()
		}
		index[d.DocID] = len(docs)
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review: documents: %w", err)
	}
	rows, err = db.QueryContext(ctx, `
		WITH charged_cases AS (
			SELECT DISTINCT p.case_id FROM event_people p JOIN events e USING (event_id)
			WHERE e.event_type IN ('arrest', 'charged') AND p.case_id IS NOT NULL)
		SELECT e.doc_id, e.event_id, e.ordinal, e.event_type, coalesce(e.defendant, ''), coalesce(e.person_count, 1),
			coalesce(e.plea_or_verdict, ''), e.event_date, coalesce(e.statutes, []), coalesce(e.categories, []),
			coalesce(e.agencies, []), coalesce(f.sentence_months, ''), coalesce(e.district, ''), coalesce(e.docket_number, ''),
			e.evidence, coalesce(e.corrected, false), c.case_id IS NOT NULL
		FROM events e
		JOIN event_facts f USING (event_id)
		LEFT JOIN event_people p USING (event_id)
		LEFT JOIN charged_cases c ON c.case_id = p.case_id
		WHERE NOT e.court_verified
		ORDER BY e.doc_id, e.ordinal`)
	if err != nil {
		return nil, fmt.Errorf("review: events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var docID string
		var e review.Event
		var date sql.NullTime
		var statutes, cats, ags []any
		if err := rows.Scan(&docID, &e.ID, &e.Ordinal, &e.Type, &e.Defendant, &e.PersonCount, &e.PleaOrVerdict, &date,
			&statutes, &cats, &ags, &e.SentenceMonths, &e.District, &e.DocketNumber, &e.Evidence, &e.Corrected, &e.CaseCharged); err != nil {
			return nil, fmt.Errorf("review: events: %w", err)
		}
		if date.Valid {
			e.Date = date.Time.UTC()
		}
		e.Statutes, e.Categories, e.Agencies = store.Strings(statutes), store.Strings(cats), store.Strings(ags)
		if i, ok := index[docID]; ok {
			docs[i].Events = append(docs[i].Events, e)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review: events: %w", err)
	}
	return docs, nil
}
