package ingest

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"casetrack/pipeline/link/linkdb"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
	"casetrack/sources/eousa"
)

// The CONSTRUCTED EOUSA releases of sources/eousa: two monthly snapshots of
// the same cases (sources/eousa/scenario_test.go); six defendants kept, the
// AZ dismissal and the NYE acquittal only in August.
const (
	eousaJuly   = "../../sources/eousa/testdata/constructed_JULFY2023"
	eousaAugust = "../../sources/eousa/testdata/constructed_AUGFY2023"
)

// newSnapshotImporter is an Importer over an in-memory store that streams
// EOUSA releases, in batches of 2 so several store transactions and
// appenders run.
func newSnapshotImporter(t *testing.T) (*Importer, *sql.DB) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, ":memory:", store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	norm, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	runID, err := st.BeginRun(ctx, "test", "")
	if err != nil {
		t.Fatal(err)
	}
	return &Importer{Store: st, Extractor: norm, RunID: runID, BatchSize: 2,
		Formats:   []Format{ReleaseFormat},
		Snapshots: []SnapshotFormat{{Name: eousa.Name, Claim: eousa.IsRelease, Open: eousa.Open}}}, st.DB()
}

// load imports one release and returns what it did.
func load(t *testing.T, im *Importer, path string) SnapshotResult {
	t.Helper()
	st, ferrs, err := im.Import(context.Background(), []string{path})
	if err != nil || len(ferrs) != 0 || len(st.Releases) != 1 {
		t.Fatalf("import %s: %v %v %+v", path, err, ferrs, st)
	}
	return st.Releases[0]
}

func count(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestSnapshotTwoReleasesIdempotentRevisions(t *testing.T) {
	im, db := newSnapshotImporter(t)
	jul := load(t, im, eousaJuly)
	if jul.Snapshot != "JULFY2023" || !jul.Loaded || jul.New != 6 || jul.SnapshotRows != 6 || jul.CountRows == 0 || jul.Revisions != 0 {
		t.Fatalf("july: %+v", jul)
	}
	events := count(t, db, `SELECT count(*) FROM events WHERE source = 'eousa'`)
	if events == 0 || events != jul.Events {
		t.Fatalf("events %d, load said %d", events, jul.Events)
	}
	// Again: nothing read, nothing written.
	again := load(t, im, eousaJuly)
	if !again.AlreadyLoaded || again.Loaded || again.SnapshotRows != 0 || again.New+again.Updated+again.Unchanged != 0 || again.Release.Bytes != 0 {
		t.Fatalf("re-load: %+v", again)
	}
	aug := load(t, im, eousaAugust)
	if aug.SnapshotRows != 6 || aug.New != 0 || aug.Updated != 6 || aug.OutcomeRevisions != 2 {
		t.Fatalf("august: %+v", aug)
	}
	if n := count(t, db, `SELECT count(*) FROM eousa_defendant_snapshots`); n != 12 {
		t.Errorf("snapshot rows %d, want 12", n)
	}
	if n := count(t, db, `SELECT count(*) FROM documents WHERE source = 'eousa'`); n != 6 {
		t.Errorf("documents %d, want one per defendant", n)
	}
	// The events state August: the AZ defendant is dismissed, the NYE one acquitted.
	if n := count(t, db, `SELECT count(*) FROM events e JOIN documents d USING (doc_id)
		WHERE d.key IN ('AZ:2021R00500:2', 'NYE:2022R00310:3') AND e.event_type IN ('dismissed', 'acquitted')`); n != 2 {
		t.Errorf("august outcomes in events: %d, want 2", n)
	}
	// Every event's evidence is the line of its document's body it points at.
	if n := count(t, db, `SELECT count(*) FROM events e JOIN documents d USING (doc_id)
		WHERE e.source = 'eousa' AND substr(d.body, e.evidence_start + 1, e.evidence_end - e.evidence_start) <> e.evidence`); n != 0 {
		t.Errorf("%d events whose evidence is not at their offsets", n)
	}
}

func TestSnapshotOlderAfterNewerKeepsNewestEvents(t *testing.T) {
	im, db := newSnapshotImporter(t)
	load(t, im, eousaAugust)
	before := count(t, db, `SELECT count(*) FROM events WHERE event_type IN ('dismissed', 'acquitted')`)
	jul := load(t, im, eousaJuly)
	if jul.KeptOlder != 6 || jul.New+jul.Updated != 0 || jul.SnapshotRows != 6 {
		t.Fatalf("older load: %+v", jul)
	}
	if after := count(t, db, `SELECT count(*) FROM events WHERE event_type IN ('dismissed', 'acquitted')`); after != before || after != 2 {
		t.Errorf("august outcomes %d → %d after loading july", before, after)
	}
	// The revisions view orders by snapshot date, whatever the load order.
	if n := count(t, db, `SELECT count(*) FROM eousa_defendant_revisions WHERE prev_snapshot = 'JULFY2023' AND outcome_changed`); n != 2 {
		t.Errorf("revisions %d, want 2", n)
	}
}

func TestSnapshotClearsPartialLoad(t *testing.T) {
	im, db := newSnapshotImporter(t)
	// A stopped earlier load: a stray snapshot row, no eousa_snapshots row.
	if _, err := db.Exec(`INSERT INTO eousa_defendant_snapshots (key, snapshot, snapshot_date, content_hash, district, case_id, part_id, sealed)
		VALUES ('FLM:2019R01234:2', 'JULFY2023', DATE '2023-07-31', 'x', 'FLM', '2019R01234', 2, false)`); err != nil {
		t.Fatal(err)
	}
	load(t, im, eousaJuly)
	if n := count(t, db, `SELECT count(*) FROM eousa_defendant_snapshots WHERE content_hash = 'x'`); n != 0 {
		t.Error("partial row survived")
	}
}

// failingRelease streams a few records and then fails, as a truncated zip
// part would.
type failingRelease struct {
	sources.Release
	after int
}

func (f failingRelease) Records(ctx context.Context, emit func(sources.Record) error) (sources.ReleaseStats, error) {
	n := 0
	st, err := f.Release.Records(ctx, func(r sources.Record) error {
		if n == f.after {
			return errors.New("unexpected EOF in DISK17.zip")
		}
		n++
		return emit(r)
	})
	return st, err
}

// A release that fails half-way is a bad input: reported, the other paths
// load, its snapshot stays incomplete, and the next import loads it whole.
func TestSnapshotBadReleaseReportedAndRetried(t *testing.T) {
	im, db := newSnapshotImporter(t)
	im.Snapshots[0].Open = func(path string) (sources.Release, error) {
		rel, err := eousa.Open(path)
		if err != nil || !strings.Contains(path, "JULFY") {
			return rel, err
		}
		return failingRelease{rel, 3}, nil
	}
	good := filepath.Join(t.TempDir(), "release.json")
	os.WriteFile(good, []byte(`{"url":"https://www.justice.gov/x","title":"t","body":"John Doe was arrested."}`), 0o644)
	st, ferrs, err := im.Import(context.Background(), []string{eousaJuly, eousaAugust, good})
	if err != nil || len(ferrs) != 1 || ferrs[0].Path != eousaJuly || !strings.Contains(ferrs[0].Error(), "unexpected EOF") {
		t.Fatalf("import: %v %v", err, ferrs)
	}
	if len(st.Releases) != 2 || st.Releases[0].Loaded || !st.Releases[1].Loaded || st.New != 1 {
		t.Fatalf("results %+v", st)
	}
	if n := count(t, db, `SELECT count(*) FROM eousa_snapshots WHERE snapshot = 'JULFY2023'`); n != 0 {
		t.Fatal("a failed release was recorded complete")
	}
	im.Snapshots[0].Open = eousa.Open
	jul := load(t, im, eousaJuly)
	if !jul.Loaded || jul.SnapshotRows != 6 || jul.KeptOlder != 6 {
		t.Errorf("retry: %+v", jul)
	}
	if n := count(t, db, `SELECT count(*) FROM eousa_defendant_snapshots WHERE snapshot = 'JULFY2023'`); n != 6 {
		t.Errorf("july rows after the retry: %d, want 6", n)
	}
}

// A database failure stops the import: it is the error, not a bad file.
func TestSnapshotStoreFailureStops(t *testing.T) {
	im, db := newSnapshotImporter(t)
	if _, err := db.Exec(`DROP VIEW eousa_defendant_revisions`); err != nil {
		t.Fatal(err)
	}
	st, ferrs, err := im.Import(context.Background(), []string{eousaJuly})
	if err == nil || len(ferrs) != 0 || st.Releases[0].Loaded {
		t.Errorf("store failure: %v, file errors %v, %+v", err, ferrs, st.Releases)
	}
}

// The SQL macro docket_number_key (schemas/views/400_eousa_denominator.sql)
// and eousa.DocketJoinKey agree.
func TestDocketNumberKeyMacroMatchesGo(t *testing.T) {
	_, db := newSnapshotImporter(t)
	for _, n := range []string{"23-CR-00123", "1:23-cr-00123", "8:23-cr-123-T-23AEP", "2:17-cr-00378-SPL-2",
		"11-CR-01234-E", "19-MJ-01100", "4:2023-cr-00123", " 23-CR-00123 ", "*", "", "CR 97-123 free text",
		"23-CR-1234567", "23-CR-00000"} {
		want, ok := eousa.DocketJoinKey("x", n)
		var got sql.NullString
		if err := db.QueryRow(`SELECT docket_number_key(?)`, n).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if ok != got.Valid || (ok && "x:"+got.String != want) {
			t.Errorf("%q: sql %v, go %q %v", n, got, want, ok)
		}
	}
}

// After the link stage EOUSA defendants are people of their own (one per
// pseudonymous key), in the denominator and out of the people columns and
// the unnamed column of the release tallies.
func TestDenominatorCountsEOUSAPeople(t *testing.T) {
	ctx := context.Background()
	im, db := newSnapshotImporter(t)
	for _, p := range []string{eousaJuly, eousaAugust} {
		load(t, im, p)
	}
	if _, err := linkdb.Stage(ctx, db, ""); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM tally_facts WHERE caseload AND unnamed`); n != 0 {
		t.Errorf("%d EOUSA facts counted as unnamed groups", n)
	}
	if n := count(t, db, `SELECT count(DISTINCT person_key) FROM tally_facts WHERE caseload`); n != 6 {
		t.Errorf("EOUSA people %d, want 6", n)
	}
	q, args, err := linkdb.Tally{}.SQL()
	if err != nil {
		t.Fatal(err)
	}
	var arrests, unnamed, charged, convicted int
	if err := db.QueryRow(`SELECT arrests_announced, arrests_announced_unnamed, charged, convictions_secured FROM (`+q+`)`, args...).
		Scan(&arrests, &unnamed, &charged, &convicted); err != nil {
		t.Fatal(err)
	}
	if arrests+unnamed+charged+convicted != 0 {
		t.Errorf("release tally holds EOUSA rows: %d %d %d %d", arrests, unnamed, charged, convicted)
	}
	// ICE (HSCE), child-exploitation set: FLM charged FY2019 (2252A), plea
	// FY2020; CAC defendant 2 charged FY2022 (2251), plea FY2023. The sealed
	// CAC defendant 3 is charged on a withheld count: no category, so in the
	// "(none)" row, not in the set.
	got := map[string][3]int{}
	rows, err := db.Query(`SELECT fiscal_year, eousa_charged, eousa_convicted, convictions_announced, share_convictions_announced
		FROM mart_eousa_denominator WHERE agency = 'ICE' AND agency_label = 'ICE (HSI or ERO)' AND level = 'set' AND category = 'child_exploitation'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var fy string
		var ch, cv, ann int
		var share sql.NullFloat64
		if err := rows.Scan(&fy, &ch, &cv, &ann, &share); err != nil {
			t.Fatal(err)
		}
		if share.Valid != (cv > 0) || share.Float64 != 0 {
			t.Errorf("%s: share %v with %d convicted", fy, share, cv)
		}
		got[fy] = [3]int{ch, cv, ann}
	}
	want := map[string][3]int{"FY2019": {1, 0, 0}, "FY2020": {0, 1, 0}, "FY2022": {1, 0, 0}, "FY2023": {0, 1, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ICE child exploitation\n got %v\nwant %v", got, want)
	}
	if n := count(t, db, `SELECT eousa_charged FROM mart_eousa_denominator WHERE agency = 'ICE' AND level = 'category' AND category = '(none)' AND fiscal_year = 'FY2022'`); n != 1 {
		t.Errorf("sealed CAC defendant: %d in the (none) row", n)
	}
	if n := count(t, db, `SELECT eousa_acquitted_or_dismissed FROM mart_eousa_denominator WHERE agency = 'CBP' AND fiscal_year = 'FY2023' AND category = 'alien_smuggling'`); n != 1 {
		t.Errorf("CBP dismissal FY2023: %d", n)
	}
}

// A defendant named in a release and on a PACER docket (constructed
// records) is linked by the link stage; the docket number then meets the
// EOUSA court number 19-CR-00145 of the M.D. Fla. case, so the person's
// case inherits the EOUSA agency and outcome in mart_eousa_case_links.
func TestCaseLinksThroughDocketNumber(t *testing.T) {
	ctx := context.Background()
	im, db := newSnapshotImporter(t)
	load(t, im, eousaAugust)
	conv := time.Date(2020, 1, 16, 0, 0, 0, 0, time.UTC)
	ev := func(docket string, verified bool, agencies ...string) []normalize.Event {
		return []normalize.Event{{Type: normalize.Convicted, Defendant: "John Constructed Doe", PersonCount: 1, Date: conv,
			Statutes: []string{"18 U.S.C. 2252A(a)(2)"}, Categories: []string{"csam_distribution_receipt"}, Agencies: agencies,
			District: "M.D. Fla.", DocketNumber: docket, CourtVerified: verified, PleaOrVerdict: "plea",
			Evidence: "John Constructed Doe pleaded guilty.", EvidenceStart: 0, EvidenceEnd: 36}}
	}
	items := []store.Item{
		{Record: sources.Record{Source: "doj", Key: "constructed-release", URL: "https://www.justice.gov/usao-mdfl/pr/constructed",
			Publisher: "USAO", Published: conv, Title: "Constructed", Body: "John Constructed Doe pleaded guilty."},
			Events: ev("", false, "HSI")},
		{Record: sources.Record{Source: "pacer", Key: "flmd:8:19-cr-00145", URL: "https://ecf.flmd.uscourts.gov/constructed",
			Publisher: "court", Published: conv, Title: "USA v. Doe", Body: "John Constructed Doe pleaded guilty."},
			Events: ev("8:19-cr-145-T-23AEP", true)},
	}
	if _, err := im.Store.Load(ctx, im.RunID, items); err != nil {
		t.Fatal(err)
	}
	if _, err := linkdb.Stage(ctx, db, ""); err != nil {
		t.Fatal(err)
	}
	var defendant, joinKey, key, labels, disp, pv, relAgencies string
	var candidates int
	err := db.QueryRow(`SELECT defendant, docket_join_key, eousa_key, eousa_candidates, array_to_string(eousa_agency_labels, ';'),
		eousa_disposition, eousa_plea_or_verdict, array_to_string(release_agencies, ';') FROM mart_eousa_case_links`).
		Scan(&defendant, &joinKey, &key, &candidates, &labels, &disp, &pv, &relAgencies)
	if err != nil {
		t.Fatal(err)
	}
	if defendant != "John Constructed Doe" || joinKey != "flmd:19-cr-00145" || key != "FLM:2019R01234:2" || candidates != 1 ||
		labels != "ICE (HSI or ERO)" || disp != "GT" || pv != "plea" || relAgencies != "HSI" {
		t.Errorf("case link: %s %s %s %d %s %s %s %s", defendant, joinKey, key, candidates, labels, disp, pv, relAgencies)
	}
	// The same number in another district joins nothing.
	if _, err := db.Exec(`UPDATE events SET district = 'S.D. Fla.' WHERE source = 'pacer'`); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM mart_eousa_case_links`); n != 0 {
		t.Errorf("%d links across districts", n)
	}
}
