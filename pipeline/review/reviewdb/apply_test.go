package reviewdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/pipeline/review"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

var now = time.Date(2025, 7, 1, 2, 0, 0, 0, time.UTC)

func ev(typ, who string, n int, cats []string, evidence string) normalize.Event {
	return normalize.Event{Type: typ, Defendant: who, PersonCount: n, Categories: cats, Agencies: []string{"HSI"},
		Evidence: evidence}
}

// items are two releases: a sweep whose group is counted in the child set
// and a non-person "defendant", and a plea release that lacks its sentence.
func items(pleaBody string) []store.Item {
	rec := func(key, body string) sources.Record {
		return sources.Record{Source: "file", Key: key, URL: "https://x.test/" + key, Publisher: "ICE",
			Published: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Title: key, Body: body}
	}
	return []store.Item{
		{Record: rec("sweep", "ICE arrested 40 people. Agents arrested Metro Surge."), Events: []normalize.Event{
			ev("arrest", "", 40, []string{"csam_possession"}, "ICE arrested 40 people."),
			ev("arrest", "Metro Surge", 1, []string{"other"}, "Agents arrested Metro Surge."),
		}},
		{Record: rec("plea", pleaBody), Events: []normalize.Event{
			ev("convicted", "Jo Doe", 1, []string{"enticement_minor"}, "Jo Doe pleaded guilty."),
		}},
	}
}

type fixture struct {
	t    *testing.T
	st   *store.Store
	file string
	ids  map[string]string // name → event id
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "c.duckdb"), store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	it := items("Jo Doe pleaded guilty. Jo Doe was sentenced to 10 years in prison.")
	if _, err := st.Load(context.Background(), 1, it); err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, st: st, file: filepath.Join(dir, "event_decisions.csv"), ids: map[string]string{
		"group": store.EventID("file:sweep", it[0].Events[0], 0),
		"metro": store.EventID("file:sweep", it[0].Events[1], 0),
		"plea":  store.EventID("file:plea", it[1].Events[0], 0),
	}}
}

// apply writes the decisions file (header added, {name} replaced by ids)
// and applies it.
func (f *fixture) apply(lines ...string) Outcome {
	f.t.Helper()
	text := "decision,event_id,field,value,document_url,event_type,defendant,categories,sentence_months,evidence,note\n"
	for _, l := range lines {
		for name, id := range f.ids {
			l = strings.ReplaceAll(l, "{"+name+"}", id)
		}
		text += l + "\n"
	}
	if err := os.WriteFile(f.file, []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
	out, err := Apply(context.Background(), f.st.DB(), f.file, 2, now)
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func (f *fixture) query(q string) string {
	f.t.Helper()
	rows, err := f.st.DB().Query(q)
	if err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			f.t.Fatal(err)
		}
		var cells []string
		for _, v := range vals {
			cells = append(cells, v.String)
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return strings.Join(out, "\n")
}

// events lists the events as "type defendant count categories corrected".
func (f *fixture) events() string {
	return f.query(`SELECT event_type, coalesce(defendant, '-'), person_count, array_to_string(categories, ';'),
		coalesce(sentence_kind, '-'), corrected FROM events ORDER BY doc_id, ordinal`)
}

const extracted = "convicted|Jo Doe|1|enticement_minor|-|false\narrest|-|40|csam_possession|-|false\narrest|Metro Surge|1|other|-|false"

func TestApplyDropSetAddAndUndo(t *testing.T) {
	f := newFixture(t)
	out := f.apply(
		"drop,{metro},,,,,,,,,not a person",
		"set,{group},categories,immigration_violation,,,,,,,a sweep",
		"add,,,,https://x.test/plea,sentenced,Jo Doe,enticement_minor,120,Jo Doe was sentenced to 10 years,missed",
	)
	if out.Applied != 3 || len(out.Stale)+len(out.Malformed) != 0 {
		t.Fatalf("outcome %+v", out)
	}
	want := "convicted|Jo Doe|1|enticement_minor|-|false\nsentenced|Jo Doe|1|enticement_minor|prison|true\narrest|-|40|immigration_violation|-|true"
	if got := f.events(); got != want {
		t.Fatalf("events\n%s\nwant\n%s", got, want)
	}
	if got := f.query(`SELECT evidence, evidence_start FROM events WHERE event_type = 'sentenced'`); got != "Jo Doe was sentenced to 10 years|23" {
		t.Errorf("added event's evidence: %s", got)
	}
	if got := f.query(`SELECT line, decision, status, applied_at FROM event_decisions ORDER BY line`); got !=
		"2|drop|applied|2025-07-01T02:00:00Z\n3|set|applied|2025-07-01T02:00:00Z\n4|add|applied|2025-07-01T02:00:00Z" {
		t.Errorf("event_decisions:\n%s", got)
	}
	c, err := CountCorrections(context.Background(), f.st.DB(), Scope{CategorySets: []string{"child_exploitation"}})
	if err != nil || c != (Corrections{Changed: 0, Added: 1, Dropped: 0}) {
		t.Errorf("child-exploitation corrections %+v %v (the sweep left the set, Metro Surge was 'other')", c, err)
	}
	if c, _ := CountCorrections(context.Background(), f.st.DB(), Scope{}); c != (Corrections{Changed: 1, Added: 1, Dropped: 1}) {
		t.Errorf("all corrections %+v", c)
	}

	// Again, a run later: nothing changes, and applied_at stays the first time.
	if _, err := Apply(context.Background(), f.st.DB(), f.file, 3, now.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := f.events(); got != want {
		t.Errorf("events changed on a second apply:\n%s", got)
	}
	if got := f.query(`SELECT DISTINCT applied_at, run_id FROM event_decisions`); got != "2025-07-01T02:00:00Z|3" {
		t.Errorf("second apply: %s", got)
	}

	// A line removed is undone; no file at all undoes everything.
	out = f.apply("set,{group},categories,immigration_violation,,,,,,,a sweep")
	if out.Undone != 2 || !strings.Contains(f.events(), "arrest|Metro Surge|1|other|-|false") || strings.Contains(f.events(), "sentenced") {
		t.Errorf("after removing two lines (undone %d):\n%s", out.Undone, f.events())
	}
	os.Remove(f.file)
	if _, err := Apply(context.Background(), f.st.DB(), f.file, 4, now); err != nil {
		t.Fatal(err)
	}
	if got := f.events(); got != extracted {
		t.Errorf("without a file:\n%s\nwant the extraction\n%s", got, extracted)
	}
	if got := f.query(`SELECT count(*) FROM event_decisions`); got != "0" {
		t.Errorf("event_decisions keeps %s rows without a file", got)
	}
}

func TestApplyReportsStaleAndMalformed(t *testing.T) {
	f := newFixture(t)
	out := f.apply(
		"drop,0123456789abcdef0123456789abcdef,,,,,,,,,",                       // 2: no such event
		"set,{plea},sentence_months,twelve,,,,,,,",                             // 3: malformed value
		"add,,,,https://x.test/plea,sentenced,Jo Doe,,,was sentenced to life,", // 4: text not in the body
		"add,,,,https://x.test/none,arrest,Jo Doe,,,Jo Doe pleaded guilty.,",   // 5: no such document
		"set,{plea},event_type,sentenced,,,,,,Jo Doe pleaded not guilty.,",     // 6: its evidence is gone
		"drop,{metro},,,,,,,,,",                // 7
		"set,{metro},defendant,Someone,,,,,,,", // 8: the event is dropped
		"set,{group},person_count,41,,,,,,,",   // 9
		"set,{group},person_count,42,,,,,,,",   // 10: contradicts 9
		"set,{group},person_count,41,,,,,,,",   // 11: agrees with 9
		"explode,{group},,,,,,,,,",             // 12
	)
	got := func(ps []review.Problem) string {
		var s []string
		for _, p := range ps {
			s = append(s, fmt.Sprint(p.Line))
		}
		return strings.Join(s, ",")
	}
	if got(out.Stale) != "2,4,5,6" || got(out.Malformed) != "3,12,8,10" || out.Applied != 3 {
		t.Errorf("applied %d, stale %s, malformed %s", out.Applied, got(out.Stale), got(out.Malformed))
	}
	if s := f.query(`SELECT line || ' ' || status FROM event_decisions ORDER BY line`); s !=
		"2 stale\n3 malformed\n4 stale\n5 stale\n6 stale\n7 applied\n8 malformed\n9 applied\n10 malformed\n11 applied\n12 malformed" {
		t.Errorf("event_decisions:\n%s", s)
	}
	if s := f.query(`SELECT person_count FROM events WHERE defendant IS NULL`); s != "41" {
		t.Errorf("group count %s, want 41", s)
	}
}

// A decision keyed on an id that changed (here: the event's document was
// imported under another doc_id) finds its event by document URL, type and
// defendant.
func TestApplyFindsAnEventWhoseIDChanged(t *testing.T) {
	f := newFixture(t)
	out := f.apply("drop,ffffffffffffffffffffffffffffffff,,,https://x.test/sweep,arrest,metro surge,,,Agents arrested Metro Surge.,")
	if out.Applied != 1 || !strings.Contains(f.query(`SELECT message FROM event_decisions`), "is now "+f.ids["metro"]) {
		t.Errorf("%+v: %s", out, f.query(`SELECT status, message FROM event_decisions`))
	}
	if strings.Contains(f.events(), "Metro Surge") {
		t.Error("not dropped")
	}
}

// When a release changes, its new extraction replaces the events; the
// extracted rows kept for the old version are not restored beside them.
func TestApplyAfterTheDocumentChanged(t *testing.T) {
	f := newFixture(t)
	f.apply("set,{plea},categories,csam_production,,,,,,,", "drop,{metro},,,,,,,,,")
	changed := items("Jo Doe pleaded guilty on May 2. He faces 10 years.")
	changed[1].Events[0].Evidence = "Jo Doe pleaded guilty on May 2."
	if st, err := f.st.Load(context.Background(), 3, changed); err != nil || st.Updated != 1 {
		t.Fatalf("reload: %+v %v", st, err)
	}
	out := f.apply("set,{plea},categories,csam_production,,,,,,,", "drop,{metro},,,,,,,,,")
	if out.Applied != 2 {
		t.Errorf("%+v", out)
	}
	want := "convicted|Jo Doe|1|csam_production|-|true\narrest|-|40|csam_possession|-|false"
	if got := f.events(); got != want {
		t.Errorf("events\n%s\nwant\n%s", got, want)
	}
	if got := f.query(`SELECT count(*), count(DISTINCT event_id) FROM events`); got != "2|2" {
		t.Errorf("events duplicated: %s", got)
	}
}
