package export

// EventColumns is the column contract of `casetrack export events`.
const EventColumns = `event_id, source, publisher, document_url, published, title, defendant, person_count,
	event_type, plea_or_verdict, event_date, statutes, categories, agencies, sentence_months, district,
	docket_number, court_verified, evidence, corrected, defendant_kind`

// EventsQuery selects every event with its provenance, in publication order.
const EventsQuery = `SELECT ` + EventColumns + ` FROM event_facts ORDER BY published NULLS LAST, doc_id, ordinal`

// DocumentsQuery selects every document with the number of events read from it.
const DocumentsQuery = `SELECT d.doc_id, d.source, d.key, d.url, d.publisher, d.published, d.title, d.topics,
	d.components, d.district, d.kept_reason, d.raw_sha256, d.fetched_at, d.imported_at, d.updated_at,
	coalesce(e.n, 0) AS events, d.body
FROM documents d
LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) e USING (doc_id)
ORDER BY d.published NULLS LAST, d.doc_id`

// EventNumericText marks event columns that hold numbers as text.
var EventNumericText = map[string]bool{"sentence_months": true}

// CasesQuery selects one row per defendant-case (mart_cases).
const CasesQuery = `SELECT * FROM mart_cases ORDER BY coalesce(arrest_date, charged_date, conviction_date, sentenced_date), defendant, case_id`

// TalliesQuery selects the long-form tally of every dimension (mart_tally).
const TalliesQuery = `SELECT * FROM mart_tally ORDER BY ALL`

// LinksQuery selects every recorded link (see link.Result.Links) with both defendants named.
const LinksQuery = `SELECT l.a_event_id, l.b_event_id, l.score, l.decision, l.decided_by, l.reasons,
	a.defendant AS a_defendant, b.defendant AS b_defendant, a.event_type AS a_type, b.event_type AS b_type,
	a.document_url AS a_url, b.document_url AS b_url
FROM links l JOIN events a ON a.event_id = l.a_event_id JOIN events b ON b.event_id = l.b_event_id
ORDER BY l.a_event_id, l.b_event_id`
