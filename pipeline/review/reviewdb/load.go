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

// EachDocument calls fn with every press release (a document with an event
// that is not a court record) and all its events, each marked with whether
// the link stage put it in a case that has an arrest or a charge, in doc_id
// order, events in document order. One document is in memory at a time;
// fn may keep the events but not rely on d staying unchanged.
func EachDocument(ctx context.Context, db *sql.DB, fn func(d *review.Document) error) error {
	rows, err := db.QueryContext(ctx, `
		WITH charged_cases AS (
			SELECT DISTINCT p.case_id FROM event_people p JOIN events e USING (event_id)
			WHERE e.event_type IN ('arrest', 'charged') AND p.case_id IS NOT NULL)
		SELECT d.doc_id, d.url, d.source, coalesce(d.publisher, ''), coalesce(d.title, ''), coalesce(d.body, ''), d.published,
			e.event_id, e.ordinal, e.event_type, coalesce(e.defendant, ''), coalesce(e.person_count, 1),
			coalesce(e.plea_or_verdict, ''), e.event_date, coalesce(e.statutes, []), coalesce(e.categories, []),
			coalesce(e.agencies, []), coalesce(f.sentence_months, ''), coalesce(e.district, ''), coalesce(e.docket_number, ''),
			e.evidence, coalesce(e.corrected, false), c.case_id IS NOT NULL
		FROM events e
		JOIN documents d USING (doc_id)
		JOIN event_facts f USING (event_id)
		LEFT JOIN event_people p USING (event_id)
		LEFT JOIN charged_cases c ON c.case_id = p.case_id
		WHERE NOT e.court_verified
		ORDER BY e.doc_id, e.ordinal`)
	if err != nil {
		return fmt.Errorf("review: events: %w", err)
	}
	defer rows.Close()
	var cur review.Document
	flush := func() error {
		if cur.DocID == "" {
			return nil
		}
		return fn(&cur)
	}
	for rows.Next() {
		var d review.Document
		var e review.Event
		var pub, date sql.NullTime
		var statutes, cats, ags []any
		if err := rows.Scan(&d.DocID, &d.URL, &d.Source, &d.Publisher, &d.Title, &d.Body, &pub,
			&e.ID, &e.Ordinal, &e.Type, &e.Defendant, &e.PersonCount, &e.PleaOrVerdict, &date,
			&statutes, &cats, &ags, &e.SentenceMonths, &e.District, &e.DocketNumber, &e.Evidence, &e.Corrected, &e.CaseCharged); err != nil {
			return fmt.Errorf("review: events: %w", err)
		}
		if date.Valid {
			e.Date = date.Time.UTC()
		}
		e.Statutes, e.Categories, e.Agencies = store.Strings(statutes), store.Strings(cats), store.Strings(ags)
		if d.DocID != cur.DocID {
			if err := flush(); err != nil {
				return err
			}
			if pub.Valid {
				d.Published = pub.Time.UTC()
			}
			cur = d
		}
		cur.Events = append(cur.Events, e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("review: events: %w", err)
	}
	return flush()
}

// LoadDocuments is EachDocument collected: for small databases (eval's).
func LoadDocuments(ctx context.Context, db *sql.DB) ([]review.Document, error) {
	var docs []review.Document
	err := EachDocument(ctx, db, func(d *review.Document) error {
		docs = append(docs, *d)
		return nil
	})
	return docs, err
}
