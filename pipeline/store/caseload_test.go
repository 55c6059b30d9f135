package store

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
	"casetrack/sources/eousa"
)

// The CONSTRUCTED EOUSA releases of sources/eousa (two monthly snapshots of
// the same six kept defendants; see sources/eousa/scenario_test.go).
var constructedReleases = []string{
	"../../sources/eousa/testdata/constructed_JULFY2023",
	"../../sources/eousa/testdata/constructed_AUGFY2023",
}

// loadSnapshots opens an in-memory store (every migration and view,
// schemas/050_eousa.sql and views/150_eousa.sql among them) and writes the
// constructed July and August snapshots' rows, complete.
func loadSnapshots(t *testing.T) *sql.DB {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, ":memory:", ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, p := range constructedReleases {
		rel, err := eousa.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		snap := rel.Snapshot()
		done, newer, err := st.BeginSnapshot(ctx, snap)
		if err != nil || done || len(newer) != 0 {
			t.Fatalf("begin %s: done %v, newer %v, %v", snap.ID, done, newer, err)
		}
		var sts []CaseloadStatement
		rs, err := rel.Records(ctx, func(r sources.Record) error {
			sts = append(sts, CaseloadStatement{Record: r, Outcome: normalize.CaseloadOutcome(r.Caseload)})
			return nil
		})
		rel.Close()
		if err != nil {
			t.Fatal(err)
		}
		n, c, err := st.AppendSnapshot(ctx, sts)
		if err != nil || n != 6 || c == 0 {
			t.Fatalf("append %s: %d rows, %d counts, %v", snap.ID, n, c, err)
		}
		if _, _, err := st.FinishSnapshot(ctx, snap, rs.Kept, rs.Bytes); err != nil {
			t.Fatal(err)
		}
		if done, _, err := st.BeginSnapshot(ctx, snap); err != nil || !done {
			t.Fatalf("%s not complete after FinishSnapshot (%v)", snap.ID, err)
		}
	}
	return st.DB()
}

func TestSchemaSnapshotsAndRevisions(t *testing.T) {
	db := loadSnapshots(t)
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM eousa_defendant_snapshots`).Scan(&n); err != nil || n != 12 {
		t.Fatalf("snapshot rows %d (%v), want 12 (6 defendants × 2 snapshots)", n, err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM eousa_count_snapshots`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("count rows %d (%v)", n, err)
	}

	// Revisions: exactly the two dispositions that changed, old beside new.
	rows, err := db.Query(`SELECT key, prev_snapshot, snapshot, coalesce(prev_disposition, ''), disposition, disp_reason, outcome_changed
		FROM eousa_defendant_revisions ORDER BY key`)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]any
	for rows.Next() {
		var key, prev, snap, prevDisp, disp, reason string
		var changed bool
		if err := rows.Scan(&key, &prev, &snap, &prevDisp, &disp, &reason, &changed); err != nil {
			t.Fatal(err)
		}
		got = append(got, []any{key, prev, snap, prevDisp, disp, reason, changed})
	}
	want := [][]any{
		{"AZ:2021R00500:2", "JULFY2023", "AUGFY2023", "", "DM", "GWOD", true},
		{"NYE:2022R00310:3", "JULFY2023", "AUGFY2023", "", "NG", "JTRD", true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("revisions\n got %v\nwant %v", got, want)
	}

	// Latest: one row per key, from August, all still present.
	var keys, inNewest int
	var disp sql.NullString
	if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE in_newest) FROM eousa_defendants_latest`).Scan(&keys, &inNewest); err != nil || keys != 6 || inNewest != 6 {
		t.Errorf("latest: %d keys, %d in newest (%v)", keys, inNewest, err)
	}
	if err := db.QueryRow(`SELECT disposition FROM eousa_defendants_latest WHERE key = 'AZ:2021R00500:2'`).Scan(&disp); err != nil || disp.String != "DM" {
		t.Errorf("latest AZ disposition %v (%v)", disp, err)
	}
	var joinKey, agencies string
	if err := db.QueryRow(`SELECT docket_join_key, array_to_string(agencies, ',') FROM eousa_defendants_latest WHERE key = 'TXS:2020R00077:3'`).Scan(&joinKey, &agencies); err != nil || joinKey != "txsd:20-cr-00311" || agencies != "FBI,STATE_LOCAL" {
		t.Errorf("TXS join key %q agencies %q (%v)", joinKey, agencies, err)
	}
	// The FLM row: the outcome normalize read, the statutes of its counts.
	var pv, statutes, codes, progCats, kept, court string
	var months float64
	var life bool
	if err := db.QueryRow(`SELECT plea_or_verdict, array_to_string(statutes, ';'), array_to_string(agency_codes, ';'), array_to_string(program_categories, ';'),
		kept, court_number, sentence_months, sentence_life FROM eousa_defendants_latest WHERE key = 'FLM:2019R01234:2'`).
		Scan(&pv, &statutes, &codes, &progCats, &kept, &court, &months, &life); err != nil ||
		pv != "plea" || statutes != "18 U.S.C. 2252A(a)(2);18 U.S.C. 2252A(a)(5)(B)" || codes != "HSCE" || progCats != "080" ||
		kept != "defendant count 18 U.S.C. 2252A(a)(2)" || court != "19-CR-00145" || months != 97 || life {
		t.Errorf("FLM row: %q %q %q %q %q %q %v %v (%v)", pv, statutes, codes, progCats, kept, court, months, life, err)
	}

	// A key the newest snapshot no longer holds stays visible, flagged.
	if _, err := db.Exec(`DELETE FROM eousa_defendant_snapshots WHERE key = 'CAC:2022R00900:3' AND snapshot = 'AUGFY2023'`); err != nil {
		t.Fatal(err)
	}
	var newest bool
	var snap string
	if err := db.QueryRow(`SELECT snapshot, in_newest FROM eousa_defendants_latest WHERE key = 'CAC:2022R00900:3'`).Scan(&snap, &newest); err != nil || snap != "JULFY2023" || newest {
		t.Errorf("vanished key: %s in_newest=%v (%v)", snap, newest, err)
	}
}

// A record without a caseload part has no snapshot row: refused, nothing written.
func TestAppendSnapshotRefusesPlainRecord(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, ":memory:", ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, _, err := st.AppendSnapshot(ctx, []CaseloadStatement{{Record: sources.Record{Source: "doj", Key: "x"}}}); err == nil {
		t.Error("a record without a caseload part was written as a snapshot row")
	}
}
