-- grain: one row per event × charge category × credited agency (an event with two categories and two agencies gives four rows; NULL where it has none)
CREATE OR REPLACE VIEW event_dims AS
SELECT
    e.*,
    coalesce(e.event_date, d.published) AS effective_date,
    year(coalesce(e.event_date, d.published)) AS year,
    -- federal fiscal year: October 1 starts the next fiscal year
    year(coalesce(e.event_date, d.published))
        + CASE WHEN month(coalesce(e.event_date, d.published)) >= 10 THEN 1 ELSE 0 END AS fiscal_year,
    d.published,
    d.publisher,
    c.category,
    a.agency
FROM events e
JOIN documents d USING (doc_id)
LEFT JOIN LATERAL (SELECT unnest(CASE WHEN len(e.categories) = 0 THEN [NULL::VARCHAR] ELSE e.categories END) AS category) c ON true
LEFT JOIN LATERAL (SELECT unnest(CASE WHEN len(e.agencies) = 0 THEN [NULL::VARCHAR] ELSE e.agencies END) AS agency) a ON true;
