package answer

import (
	"database/sql"
	"testing"

	"casetrack/internal/testdb"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// The constructed database of these tests (URLs made up, nothing fetched),
// with its numbers worked out by hand:
//
//   - John Doe, HSI, csam_possession: arrested 2023-11-15 (ICE release,
//     FY2024), pleaded guilty 2024-03-01, sentenced to 120 months
//     2024-06-10. HSI FY2024: 1 arrest later convicted after 107 days, 1
//     conviction by plea, 1 sentenced (median 120 months).
//   - 12 unnamed people arrested by HSI for enticement in the same release:
//     HSI FY2024 unnamed 12.
//   - Ann Poe, HSI and ICE ERO, enticement_minor and sex_trafficking_minor:
//     convicted at trial 2025-02-01 (FY2025). She counts for HSI and for
//     ERO, once for ICE as a whole, and in both categories.
//   - Bob Roe, ICE ERO, sexual_abuse_minor: arrested 2025-03-03 (FY2025).
//   - Carl Coe, ICE (no directorate), csam_production: sentenced to 60
//     months 2025-05-05 (FY2025), manner of conviction not stated.
//   - Dan Foe, FBI, csam_possession, convicted 2024-05-05: in no ICE group.
//   - Eve Old, HSI, csam_possession, arrested 2021-05-01 (FY2021): before
//     the period.
//   - Fay Moe, HSI, alien_smuggling, convicted 2024-02-02: not in the set.
var day, ev = testdb.Day, testdb.Event

func rec(key, pub, published, body string) sources.Record {
	return sources.Record{Source: "file", Key: key, URL: "https://example.test/" + key, Publisher: pub,
		Published: day(published), Title: key, Body: body, District: "W.D. Tex."}
}

func fixtureItems() []store.Item {
	csam, ent := []string{"csam_possession"}, []string{"enticement_minor"}
	hsi := []string{"HSI"}
	plea := ev("convicted", "John Doe", 1, "2024-03-01", csam, hsi, "John Doe pleaded guilty on March 1, 2024.")
	plea.PleaOrVerdict = "plea"
	sent := ev("sentenced", "John Doe", 1, "2024-06-10", csam, hsi, "John Doe was sentenced to 120 months in prison.")
	sent.SentenceMonths, sent.SentenceKind = 120, "prison"
	ann := ev("convicted", "Ann Poe", 1, "2025-02-01", []string{"enticement_minor", "sex_trafficking_minor"},
		[]string{"HSI", "ICE_ERO"}, "A jury convicted Ann Poe on Feb. 1, 2025.")
	ann.PleaOrVerdict = "verdict"
	carl := ev("sentenced", "Carl Coe", 1, "2025-05-05", []string{"csam_production"}, []string{"ICE"}, "Carl Coe was sentenced to 60 months.")
	carl.SentenceMonths, carl.SentenceKind = 60, "prison"
	return []store.Item{
		{Record: rec("ice-1", "ICE", "2023-11-16", "HSI special agents arrested John Doe on Nov. 15, 2023. Agents also arrested 12 people for enticement."),
			Events: []normalize.Event{
				ev("arrest", "John Doe", 1, "2023-11-15", csam, hsi, "HSI special agents arrested John Doe on Nov. 15, 2023."),
				ev("arrest", "", 12, "2023-11-15", ent, hsi, "Agents also arrested 12 people for enticement."),
			}},
		{Record: rec("usao-1", "USAO", "2024-03-01", "John Doe pleaded guilty on March 1, 2024."), Events: []normalize.Event{plea}},
		{Record: rec("usao-2", "USAO", "2024-06-11", "John Doe was sentenced to 120 months in prison."), Events: []normalize.Event{sent}},
		{Record: rec("usao-3", "USAO", "2025-02-02", "A jury convicted Ann Poe on Feb. 1, 2025."), Events: []normalize.Event{ann}},
		{Record: rec("ice-2", "ICE", "2025-03-04", "ERO officers arrested Bob Roe on March 3, 2025."),
			Events: []normalize.Event{ev("arrest", "Bob Roe", 1, "2025-03-03", []string{"sexual_abuse_minor"}, []string{"ICE_ERO"}, "ERO officers arrested Bob Roe on March 3, 2025.")}},
		{Record: rec("ice-3", "ICE", "2025-05-06", "Carl Coe was sentenced to 60 months."), Events: []normalize.Event{carl}},
		{Record: rec("usao-4", "USAO", "2024-05-06", "Dan Foe was convicted."),
			Events: []normalize.Event{ev("convicted", "Dan Foe", 1, "2024-05-05", csam, []string{"FBI"}, "Dan Foe was convicted.")}},
		{Record: rec("ice-0", "ICE", "2021-05-02", "HSI arrested Eve Old."),
			Events: []normalize.Event{ev("arrest", "Eve Old", 1, "2021-05-01", csam, hsi, "HSI arrested Eve Old.")}},
		{Record: rec("usao-5", "USAO", "2024-02-03", "Fay Moe was convicted of alien smuggling."),
			Events: []normalize.Event{ev("convicted", "Fay Moe", 1, "2024-02-02", []string{"alien_smuggling"}, hsi, "Fay Moe was convicted of alien smuggling.")}},
	}
}

// loadDB builds the database of items, linked, open read-only as
// `casetrack answer` opens it.
func loadDB(t *testing.T, items []store.Item) *sql.DB {
	t.Helper()
	return testdb.Loaded(t, items)
}
