package linkdb

import (
	"context"
	"testing"
)

// A conviction on a docket with no date of its own is undated: it does not
// take the docket's filing date (which put Brian David Mitchell's
// conviction seven months before his announced arrest), so it has no year,
// fiscal year or lag, while a release's undated event still takes the
// release's date. The assertion "no conviction before its case's arrest or
// charge" covers dockets: a docket conviction dated before the arrest a
// release announced fails it; an arrest the docket itself records after
// the conviction (a warrant on a superseding information) does not.
func TestCourtConvictionWithoutDateIsUndated(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	applySchema(t, db)
	for _, q := range []string{
		`INSERT INTO documents (doc_id, source, key, url, publisher, published, title, body, content_sha256, imported_at, updated_at) VALUES
			('pacer:utd:2:08-cr-00125', 'pacer', 'utd:2:08-cr-00125', 'https://ecf.utd.uscourts.gov/cgi-bin/DktRpt.pl?1', 'court', DATE '2008-03-05', 'USA v. Mitchell', '', '', now(), now()),
			('file:r1', 'file', 'r1', 'https://www.justice.gov/r1', 'USAO', DATE '2024-05-02', 'Houston man convicted', '', '', now(), now()),
			('file:r2', 'file', 'r2', 'https://www.justice.gov/r2', 'USAO', DATE '2008-10-21', 'Mitchell arrested', '', '', now(), now())`,
		`INSERT INTO events (event_id, doc_id, source, document_url, ordinal, event_type, defendant, person_count, event_date,
			categories, agencies, docket_number, court_verified, evidence) VALUES
			('c1', 'pacer:utd:2:08-cr-00125', 'pacer', 'https://ecf.utd.uscourts.gov/cgi-bin/DktRpt.pl?1', 0, 'charged', 'Brian David Mitchell', 1, DATE '2008-03-05', ['sexual_abuse_minor'], [], '2:08-cr-00125', true, 'INDICTMENT'),
			('c2', 'file:r2', 'file', 'https://www.justice.gov/r2', 0, 'arrest', 'Brian David Mitchell', 1, DATE '2008-10-20', ['sexual_abuse_minor'], ['FBI'], '2:08-cr-00125', false, 'Brian David Mitchell was arrested on Oct. 20, 2008.'),
			('c4', 'pacer:utd:2:08-cr-00125', 'pacer', 'https://ecf.utd.uscourts.gov/cgi-bin/DktRpt.pl?1', 3, 'arrest', 'Brian David Mitchell', 1, DATE '2011-06-01', ['sexual_abuse_minor'], [], '2:08-cr-00125', true, 'Arrest Warrant Returned Executed as to Superseding Information'),
			('c3', 'pacer:utd:2:08-cr-00125', 'pacer', 'https://ecf.utd.uscourts.gov/cgi-bin/DktRpt.pl?1', 2, 'convicted', 'Brian David Mitchell', 1, NULL, ['sexual_abuse_minor'], [], '2:08-cr-00125', true, 'Count 1: Guilty by jury'),
			('r1', 'file:r1', 'file', 'https://www.justice.gov/r1', 0, 'convicted', 'John Example', 1, NULL, ['csam_possession'], ['HSI'], NULL, false, 'John Example was convicted.')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	runLink(t, db)
	got := query(t, db, `SELECT event_id, eff_date::VARCHAR AS d, fiscal_year, date_from_doc FROM int_events ORDER BY event_id`)
	want := map[string][3]any{"c1": {"2008-03-05", 2008, false}, "c2": {"2008-10-20", 2009, false}, "c3": {nil, nil, false},
		"c4": {"2011-06-01", 2011, false}, "r1": {"2024-05-02", 2024, true}}
	for _, r := range got {
		w := want[r["event_id"].(string)]
		fy := any(nil)
		if r["fiscal_year"] != nil {
			fy = int(num(r["fiscal_year"]))
		}
		if r["d"] != w[0] || fy != w[1] || r["date_from_doc"] != w[2] {
			t.Errorf("%v: eff_date %v, fiscal year %v, from document %v; want %v", r["event_id"], r["d"], fy, r["date_from_doc"], w)
		}
	}
	cases := query(t, db, `SELECT arrest_date::VARCHAR AS a, conviction_date::VARCHAR AS c FROM mart_cases WHERE defendant = 'Brian David Mitchell'`)
	if len(cases) != 1 || cases[0]["a"] != "2008-10-20" || cases[0]["c"] != nil {
		t.Errorf("Mitchell's case: %v", cases)
	}
	if fails, err := Assert(ctx, db); err != nil || len(fails) > 0 {
		t.Fatalf("assertions: %v %v", fails, err)
	}

	// dated after its docket's arrest entry (c4, a later warrant) the
	// conviction passes; dated before the announced arrest it fails
	if _, err := db.Exec(`UPDATE events SET event_date = DATE '2010-12-10' WHERE event_id = 'c3'`); err != nil {
		t.Fatal(err)
	}
	if fails, err := Assert(ctx, db); err != nil || len(fails) > 0 {
		t.Fatalf("a conviction before a warrant the docket records later: %v %v", fails, err)
	}
	if _, err := db.Exec(`UPDATE events SET event_date = DATE '2008-03-05' WHERE event_id = 'c3'`); err != nil {
		t.Fatal(err)
	}
	fails, err := Assert(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) != 1 || fails[0].View != "assert_no_conviction_before_charge" {
		t.Errorf("a docket conviction before the arrest: failures %v", fails)
	}
}
