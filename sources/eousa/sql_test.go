package eousa

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"reflect"
	"testing"

	"github.com/duckdb/duckdb-go/v2"

	"casetrack/pipeline/store"
)

// loadSnapshots opens an in-memory store (every migration and view,
// schemas/050_eousa.sql and views/150_eousa.sql among them) and appends the
// constructed July and August snapshots.
func loadSnapshots(t *testing.T) *sql.DB {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, ":memory:", store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	db := st.DB()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, cs := range constructedSnapshots {
		defs, st, rel := decodeAll(t, cs.dir, Options{})
		d, _ := SnapshotDate(rel.Snapshot)
		if _, err := conn.ExecContext(ctx, `INSERT INTO eousa_snapshots (snapshot, snapshot_date, url, defendants, bytes_scanned) VALUES (?, ?, ?, ?, ?)`,
			rel.Snapshot, d, LandingURL, st.Defendants, st.Bytes); err != nil {
			t.Fatal(err)
		}
		err := conn.Raw(func(dc any) error {
			app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "eousa_defendant_snapshots")
			if err != nil {
				return err
			}
			capp, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "eousa_count_snapshots")
			if err != nil {
				return err
			}
			for i := range defs {
				if err := app.AppendRow(toDriver(defs[i].SnapshotRow().Values())...); err != nil {
					return err
				}
				for _, r := range defs[i].CountRows() {
					if err := capp.AppendRow(toDriver(r)...); err != nil {
						return err
					}
				}
			}
			if err := capp.Close(); err != nil {
				return err
			}
			return app.Close()
		})
		if err != nil {
			t.Fatalf("append %s: %v", cs.dir, err)
		}
	}
	return db
}

func toDriver(xs []any) []driver.Value {
	out := make([]driver.Value, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
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
