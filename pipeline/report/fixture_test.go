package report

import (
	"database/sql"
	"testing"

	"casetrack/internal/testdb"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// The constructed database of the golden and browser tests: five documents
// (the URLs are made up, nothing is fetched) whose numbers are worked out by
// hand in the comments, so the tests can assert them.
//
//   - John Doe, HSI, csam_possession: arrested 2023-11-15 (ICE release,
//     FY2024), pleaded guilty 2024-03-01 (USAO), sentenced to 120 months
//     2024-06-10 (USAO). HSI FY2024: 1 arrest, 1 conviction, conversion
//     100%, lag 107 days.
//   - 12 unnamed people arrested by HSI for alien smuggling in the same
//     ICE release: HSI FY2024 unnamed 12, never added to people.
//   - Mary Roe, FBI, sex_trafficking_minor: arrested and charged 2023-05-02
//     (USAO, FY2023); convicted 2024-01-20 on a court docket with no agency
//     (court-verified, FY2024).
var day, ev = testdb.Day, testdb.Event

func fixtureItems() []store.Item {
	csam, st, smug := []string{"csam_possession"}, []string{"sex_trafficking_minor"}, []string{"alien_smuggling"}
	hsi, fbi := []string{"HSI"}, []string{"FBI"}
	rec := func(src, key, url, pub, published, body string) sources.Record {
		return sources.Record{Source: src, Key: key, URL: url, Publisher: pub, Published: day(published),
			Title: key, Body: body, District: "W.D. Tex."}
	}
	docket := rec("pacer", "txwd:1:23-cr-00001", "file:///constructed/txwd-1-23-cr-00001.html", "court", "2024-01-22", "Mary Roe pleaded guilty.")
	docket.Docket = &sources.Docket{Court: "txwd", District: "W.D. Tex.", DocketNumber: "1:23-cr-00001", CaseName: "USA v. Roe"}
	conv := ev("convicted", "Mary Roe", 1, "2024-01-20", st, nil, "Mary Roe pleaded guilty.")
	conv.CourtVerified, conv.DocketNumber, conv.PleaOrVerdict = true, "1:23-cr-00001", "plea"
	sent := ev("sentenced", "John Doe", 1, "2024-06-10", csam, hsi, "John Doe was sentenced to 120 months in prison.")
	sent.SentenceMonths, sent.SentenceKind = 120, "prison"
	return []store.Item{
		{Record: rec("file", "ice-1", "https://www.ice.gov/news/releases/constructed-hsi-arrests", "ICE", "2023-11-16",
			"HSI special agents arrested John Doe on Nov. 15, 2023. Agents also arrested 12 people for alien smuggling."),
			Events: []normalize.Event{
				ev("arrest", "John Doe", 1, "2023-11-15", csam, hsi, "HSI special agents arrested John Doe on Nov. 15, 2023."),
				ev("arrest", "", 12, "2023-11-15", smug, hsi, "Agents also arrested 12 people for alien smuggling."),
			}},
		{Record: rec("file", "usao-1", "https://www.justice.gov/usao-wdtx/pr/constructed-doe-pleads", "USAO", "2024-03-01",
			"John Doe pleaded guilty on March 1, 2024. HSI investigated the case."),
			Events: []normalize.Event{ev("convicted", "John Doe", 1, "2024-03-01", csam, hsi, "John Doe pleaded guilty on March 1, 2024.")}},
		{Record: rec("file", "usao-2", "https://www.justice.gov/usao-wdtx/pr/constructed-doe-sentenced", "USAO", "2024-06-11",
			"John Doe was sentenced to 120 months in prison."),
			Events: []normalize.Event{sent}},
		{Record: rec("file", "usao-3", "https://www.justice.gov/usao-wdtx/pr/constructed-roe-charged", "USAO", "2023-05-02",
			"FBI agents arrested Mary Roe, who was charged with sex trafficking of a minor."),
			Events: []normalize.Event{
				ev("arrest", "Mary Roe", 1, "2023-05-02", st, fbi, "FBI agents arrested Mary Roe."),
				ev("charged", "Mary Roe", 1, "2023-05-02", st, fbi, "Mary Roe was charged with sex trafficking of a minor."),
			}},
		{Record: docket, Events: []normalize.Event{conv}},
	}
}

// fixtureDB builds the constructed database in a temporary file, linked,
// with one recorded run, and returns it open read-only as a reader would.
func fixtureDB(t *testing.T) *sql.DB {
	t.Helper()
	return fixtureDBOf(t, fixtureItems())
}

// fixtureDBOf builds the database of items as fixtureDB does: linked, with
// one recorded run, open read-only as a reader would.
func fixtureDBOf(t *testing.T, items []store.Item) *sql.DB {
	t.Helper()
	return testdb.Loaded(t, items, fixtureRun...)
}

// fixtureDBWith is fixtureDB with the hand decisions of an
// event_decisions.csv (its text) applied before linking, as a run does.
func fixtureDBWith(t *testing.T, decisions string) *sql.DB {
	t.Helper()
	return testdb.Corrected(t, fixtureItems(), decisions, fixtureRun...)
}

// fixtureRun records the fixture's one run and its cursor.
var fixtureRun = []string{
	`INSERT INTO runs VALUES (1, 'run', '--sources doj,ice', TIMESTAMP '2024-07-01 02:00:00', TIMESTAMP '2024-07-01 02:10:00', 'ok', NULL)`,
	`INSERT INTO source_runs VALUES (1, 'doj', TIMESTAMP '2024-07-01 02:00:00', TIMESTAMP '2024-07-01 02:05:00', 4, 4, 0, 0, 0, NULL, '1719800000', 'ok', NULL)`,
	`INSERT INTO cursors VALUES ('doj', '1719800000', TIMESTAMP '2024-07-01 02:05:00', 1)`,
}
