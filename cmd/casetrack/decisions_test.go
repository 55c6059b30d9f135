package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"casetrack/internal/replay"
	"casetrack/internal/testshared"
	"casetrack/pipeline/review"
	"casetrack/pipeline/review/reviewdb"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// icePage renders a release record as an ice.gov release page in the
// structure sources/ice parses (see its constructed test pages): one <p>
// per line of the body.
func icePage(r sources.Record) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><title>%[1]s | ICE</title>
<meta property="article:published_time" content="%[2]sT12:00:00Z" />
<link rel="canonical" href="%[3]s" /></head>
<body><main><div class="nr-head"><div class="nr-title"><h1>%[1]s</h1></div></div>
<div class="nr-content-area"><div class="nr-body">
`, html.EscapeString(r.Title), r.Published.Format("2006-01-02"), html.EscapeString(r.URL))
	for _, p := range strings.Split(r.Body, "\n") {
		if strings.TrimSpace(p) != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
		}
	}
	b.WriteString(`</div></div></main>
<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({"entityBundle":"news_release"});</script>
</body></html>
`)
	return b.String()
}

// iceStandIn serves recs as the ice.gov newsroom: one listing page that
// links every release with its date, an empty second page, and the release
// pages. It also saves the pages in dir for `import`. It returns the
// server and the saved file of each release URL.
func iceStandIn(t *testing.T, recs []sources.Record, dir string) (*replay.Server, map[string]string) {
	t.Helper()
	var listing strings.Builder
	listing.WriteString(`<!DOCTYPE html><html><head><title>Newsroom | ICE</title></head><body><div class="view-content">`)
	exchanges := []replay.Exchange{allowRobots}
	files := map[string]string{}
	for i, r := range recs {
		u, err := url.Parse(r.URL)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&listing, `<div class="views-row"><h3><a href="%s">%s</a></h3><time datetime="%sT12:00:00Z">x</time></div>`+"\n",
			u.Path, html.EscapeString(r.Title), r.Published.Format("2006-01-02"))
		page := icePage(r)
		exchanges = append(exchanges, replay.Exchange{URL: u.Path, Body: []byte(page), Times: -1})
		files[r.URL] = filepath.Join(dir, fmt.Sprintf("release-%04d.html", i))
		if err := os.WriteFile(files[r.URL], []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	listing.WriteString(`</div></body></html>`)
	exchanges = append(exchanges,
		replay.Exchange{URL: "/newsroom?page=0", Body: []byte(listing.String()), Times: -1},
		replay.Exchange{URL: "/newsroom?page=1", Body: []byte(`<html><body><p>No more releases.</p></body></html>`), Times: -1})
	return replay.New(t, exchanges...), files
}

// tallyRows runs a JSON tally and returns its rows keyed by the value of
// the first dimension ("" without one).
func tallyRows(t *testing.T, db string, args ...string) (map[string]map[string]any, map[string]any) {
	t.Helper()
	out := mustRun(t, append([]string{"--db", db, "tally", "--format", "json"}, args...)...)
	var got struct {
		By              []string
		Rows            []map[string]any
		CorrectedByHand map[string]any `json:"corrected_by_hand"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	rows := map[string]map[string]any{}
	for _, r := range got.Rows {
		key := ""
		if len(got.By) > 0 {
			key = fmt.Sprint(r[got.By[0]])
		}
		rows[key] = r
	}
	return rows, got.CorrectedByHand
}

func num(row map[string]any, col string) int {
	if row == nil {
		return 0
	}
	f, _ := row[col].(float64)
	return int(f)
}

func csvRows(t *testing.T, out string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return recs[1:]
}

// TestEventDecisionsHoldOnICECorpus corrects three events of the real ICE
// corpus, crawled from a stand-in of the newsroom: it drops an arrest whose
// defendant is not a person (or another the review checks doubt), sets an
// immigration sweep's categories to immigration_violation and adds a
// sentencing the extractor missed. The
// corrections hold through a reparse, a re-import and a rerun, with the
// tallies moved by exactly what they change; a fourth decision, on a
// release whose body then changes, is reported stale by the import that
// finds it and by status.
func TestEventDecisionsHoldOnICECorpus(t *testing.T) {
	recs := testshared.ICEFullRecords(t)
	recs = slices.DeleteFunc(recs, func(r sources.Record) bool { return r.Published.IsZero() })
	dir := t.TempDir()
	pagesDir := filepath.Join(dir, "pages")
	if err := os.Mkdir(pagesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	srv, files := iceStandIn(t, recs, pagesDir)
	db := filepath.Join(dir, "c.duckdb")
	runArgs := []string{"--db", db, "run", "--sources", "ice", "--base-url", "ice=" + srv.URL, "--since", "2000-01-01",
		"--rate", "127.0.0.1=2000", "--contact", "test@example.org"}
	mustRun(t, runArgs...)
	sql := func(q string) [][]string { return csvRows(t, mustRun(t, "--db", db, "sql", "--format", "csv", q)) }

	// The targets are found in what the extraction reads today (it is being
	// improved), each with a preference and a fallback that keeps what the
	// test asserts: the corrections and the tallies' moves hold either way.
	//
	// 1. An arrest of a "defendant" the review checks doubt, a non-person
	// first, that is the only event of its person (so dropping it removes one
	// person).
	drop := pickDoubtedArrest(t, db)
	// 2. An immigration sweep: an unnamed group arrest, in the
	// child-exploitation set and from a release about aliens when there is
	// one, not already immigration_violation alone.
	sweep := sql(`SELECT e.event_id, e.person_count, array_to_string(e.categories, ';'), d.url FROM events e JOIN documents d USING (doc_id)
		WHERE e.defendant IS NULL AND e.event_type = 'arrest' AND e.person_count > 1
		AND e.categories <> ['immigration_violation']
		ORDER BY EXISTS (SELECT 1 FROM ref_categories r WHERE r.child_exploitation AND list_contains(e.categories, r.category)) DESC,
			regexp_matches(lower(d.title), 'alien|immigra|illegal') DESC, e.person_count DESC, e.event_id LIMIT 1`)
	if len(sweep) == 0 {
		t.Fatal("no unnamed group arrest in ice-full; pick another sweep to correct")
	}
	// 3. A sentencing a release tells and no event holds: a defendant with
	// an event in a release that says "sentenced", and no sentence anywhere
	// (a release headlined "sentenced" first).
	missed := sql(`SELECT d.url, e.defendant, array_to_string(e.categories, ';'), array_to_string(e.agencies, ';'), d.body
		FROM documents d JOIN events e USING (doc_id) JOIN event_people p USING (event_id)
		WHERE e.defendant IS NOT NULL AND e.event_id <> '` + drop.id + `'
		AND NOT EXISTS (SELECT 1 FROM event_people q JOIN events x USING (event_id) WHERE q.person_id = p.person_id AND x.event_type = 'sentenced')
		AND regexp_matches(d.body, '[^.\n]*\bsentenced\b[^.\n]*\.')
		ORDER BY lower(d.title) LIKE '%sentenced%' DESC, d.url, e.event_id LIMIT 1`)
	if len(missed) == 0 {
		t.Fatal("no release in ice-full tells a sentencing its events lack; pick another sentencing to add")
	}
	sentence := regexp.MustCompile(`[^.\n]*\bsentenced\b[^.\n]*\.`).FindString(missed[0][4])
	// 4. Any event of a fourth release with an evidence sentence the body
	// holds once (some pages repeat a quote): that release will change.
	other := sql(`SELECT e.event_id, d.url, e.evidence FROM events e JOIN documents d USING (doc_id)
		WHERE e.defendant IS NOT NULL AND e.event_id NOT IN ('` + drop.id + `', '` + sweep[0][0] + `')
		AND d.url NOT IN ('` + drop.url + `', '` + missed[0][0] + `', '` + sweep[0][3] + `') AND length(e.evidence) > 40
		AND length(d.body) - length(replace(d.body, e.evidence, '')) = length(e.evidence)
		ORDER BY e.event_id LIMIT 1`)[0]

	t.Logf("drop %s (%s); set categories of %s (%s people, %s); add sentenced %s in %s; stale-to-be %s",
		drop.id, drop.url, sweep[0][0], sweep[0][1], sweep[0][2], missed[0][1], missed[0][0], other[0])
	baseAll, _ := tallyRows(t, db)
	baseCat, _ := tallyRows(t, db, "--by", "category")
	decisions := "decision,event_id,field,value,document_url,event_type,defendant,categories,agencies,evidence,reviewer,note\r\n" +
		csvLine([]string{"drop", drop.id, "", "", "", "", "", "", "", "", "test", "not a person"}) +
		csvLine([]string{"set", sweep[0][0], "categories", "immigration_violation", "", "", "", "", "", "", "test", "an immigration sweep"}) +
		csvLine([]string{"add", "", "", "", missed[0][0], "sentenced", missed[0][1], missed[0][2], missed[0][3], sentence, "test", "missed"}) +
		csvLine([]string{"set", other[0], "agencies", "FBI", other[1], "", "", "", "", other[2], "test", "about to go stale"})
	if err := os.WriteFile(filepath.Join(dir, "event_decisions.csv"), []byte(decisions), 0o644); err != nil {
		t.Fatal(err)
	}

	// holds checks the corrections; with tallies, that the tallies moved
	// from the baseline by exactly what they change (not after the release
	// change, which moves them by itself).
	holds := func(after string, tallies bool) {
		t.Helper()
		if n := sql(`SELECT count(*) FROM events WHERE event_id = '` + drop.id + `'`)[0][0]; n != "0" {
			t.Errorf("after %s: the dropped event is back", after)
		}
		if got := sql(`SELECT array_to_string(categories, ';'), corrected FROM event_facts WHERE event_id = '` + sweep[0][0] + `'`); len(got) != 1 || got[0][0] != "immigration_violation" || got[0][1] != "true" {
			t.Errorf("after %s: the sweep is %v", after, got)
		}
		if got := sql(`SELECT count(*) FROM event_facts WHERE corrected AND event_type = 'sentenced' AND document_url = '` + missed[0][0] + `'`); got[0][0] != "1" {
			t.Errorf("after %s: %s added sentencing(s)", after, got[0][0])
		}
		all, fixes := tallyRows(t, db)
		if num(fixes, "dropped") != 1 || num(fixes, "added") != 1 || num(fixes, "changed") < 1 {
			t.Errorf("after %s: tally says corrected by hand %v", after, fixes)
		}
		if !tallies {
			return
		}
		if d := num(all[""], "arrests_announced") - num(baseAll[""], "arrests_announced"); d != -1 {
			t.Errorf("after %s: arrests announced moved by %d, want -1 (the dropped non-person)", after, d)
		}
		if d := num(all[""], "sentenced") - num(baseAll[""], "sentenced"); d != 1 {
			t.Errorf("after %s: sentenced moved by %d, want +1 (the added sentencing)", after, d)
		}
		n := 0
		fmt.Sscan(sweep[0][1], &n)
		byCat, _ := tallyRows(t, db, "--by", "category")
		for _, c := range strings.Split(sweep[0][2], ";") {
			if c == "immigration_violation" {
				continue
			}
			if d := num(byCat[c], "arrests_announced_unnamed") - num(baseCat[c], "arrests_announced_unnamed"); d != -n {
				t.Errorf("after %s: %s unnamed arrests moved by %d, want -%d (the sweep left it)", after, c, d, n)
			}
		}
		if !strings.Contains(sweep[0][2], "immigration_violation") {
			if d := num(byCat["immigration_violation"], "arrests_announced_unnamed") - num(baseCat["immigration_violation"], "arrests_announced_unnamed"); d != n {
				t.Errorf("after %s: immigration_violation unnamed arrests moved by %d, want +%d", after, d, n)
			}
		}
	}

	out := mustRun(t, "--db", db, "reparse")
	if !strings.Contains(out, "unchanged") {
		t.Fatalf("reparse: %s", out)
	}
	holds("reparse", true)
	if got := sql(`SELECT line, status FROM event_decisions ORDER BY line`); fmt.Sprint(got) != "[[2 applied] [3 applied] [4 applied] [5 applied]]" {
		t.Fatalf("event_decisions after reparse: %v", got)
	}
	out = mustRun(t, "--db", db, "import", pagesDir)
	if !strings.Contains(out, fmt.Sprintf("new 0, updated 0, unchanged %d", len(recs))) {
		t.Fatalf("re-import: %s", out)
	}
	holds("re-import", true)
	mustRun(t, runArgs...)
	holds("rerun", true)

	// The publisher rewrites the fourth decision's release: its evidence
	// sentence is gone. The import that loads it reports the decision stale,
	// the others still hold, and status lists it.
	page, err := os.ReadFile(files[other[1]])
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(page), html.EscapeString(other[2]), "This paragraph was rewritten by the publisher.", 1)
	if changed == string(page) {
		t.Fatalf("evidence %q not found verbatim in the page of %s", other[2], other[1])
	}
	if err := os.WriteFile(files[other[1]], []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := casetrack(t, "", "--db", db, "import", files[other[1]])
	if code != 0 || !strings.Contains(out, "updated 1") {
		t.Fatalf("import of the changed release: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "event decision is stale") || !strings.Contains(errs, `"line":5`) {
		t.Errorf("the import did not report line 5 stale: %s", errs)
	}
	holds("the changed release", false)
	status := mustRun(t, "--db", db, "status")
	if !regexp.MustCompile(`(?m)^\s+5\s+stale\s+set\s+` + other[0]).MatchString(status) {
		t.Errorf("status does not list line 5 as stale:\n%s", status)
	}
	if got := sql(`SELECT count(*) FROM events WHERE corrected AND event_id = '` + other[0] + `'`); got[0][0] != "0" {
		t.Errorf("the stale decision still changes its event")
	}
}

type pick struct{ id, url string }

// pickDoubtedArrest finds an arrest the review checks flag, one whose
// defendant is not a person first, that is the only event of the person the
// linker made; failing that, any such lone named arrest.
func pickDoubtedArrest(t *testing.T, db string) pick {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db, store.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs, err := reviewdb.LoadDocuments(ctx, st.DB())
	if err != nil {
		t.Fatal(err)
	}
	alone := func(id string) bool {
		var ok bool
		if err := st.DB().QueryRowContext(ctx, `SELECT count(*) = 1 FROM event_people WHERE person_id =
			(SELECT person_id FROM event_people WHERE event_id = ?)`, id).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	flagged := (review.Checker{}).Check(docs)
	for _, nonPerson := range []bool{true, false} {
		for _, f := range flagged {
			if f.Event.Type != "arrest" || f.Event.Defendant == "" ||
				nonPerson != slices.ContainsFunc(f.Reasons, func(r review.Reason) bool { return r.Code == review.NotAPerson }) {
				continue
			}
			if alone(f.Event.ID) {
				return pick{f.Event.ID, f.Doc.URL}
			}
		}
	}
	for _, d := range docs {
		for _, e := range d.Events {
			if e.Type == "arrest" && e.Defendant != "" && alone(e.ID) {
				return pick{e.ID, d.URL}
			}
		}
	}
	t.Fatal("no named arrest alone in its person in ice-full")
	return pick{}
}

func csvLine(cells []string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(cells)
	w.Flush()
	return b.String()
}
