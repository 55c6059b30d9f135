package answer

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"casetrack/data"
	"casetrack/internal/testdb"
	"casetrack/internal/testshared"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/pipeline/tally"
	"casetrack/sources"
)

func compute(t *testing.T, db *sql.DB, opt Options) *Answer {
	t.Helper()
	a, err := Compute(context.Background(), db, opt)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func group(t *testing.T, a *Answer, key string) Group {
	t.Helper()
	for _, g := range a.Groups {
		if g.Key == key {
			return g
		}
	}
	t.Fatalf("no group %s in %d groups", key, len(a.Groups))
	return Group{}
}

func year(t *testing.T, g Group, fy int) Measures {
	t.Helper()
	for _, r := range g.Years {
		if r.FiscalYear == fy {
			return r.Measures
		}
	}
	t.Fatalf("%s: no FY%d", g.Key, fy)
	return Measures{}
}

func category(g Group, c string) Measures {
	for _, r := range g.Categories {
		if r.Category == c {
			return r.Measures
		}
	}
	return Measures{}
}

func pf(p *float64) string {
	if p == nil {
		return "NULL"
	}
	return fmt.Sprint(*p)
}

// TestHandWorked checks the numbers of the constructed database (see
// fixture_test.go).
func TestHandWorked(t *testing.T) {
	a := compute(t, loadDB(t, fixtureItems()), Options{People: true})
	if a.Nothing != "" {
		t.Fatalf("nothing: %s", a.Nothing)
	}
	if a.SinceFY != 2023 || a.UntilFY != 2025 || a.Period() != "FY2023-FY2025" || a.Since != "2022-10-01" {
		t.Errorf("period %d-%d %q since %s", a.SinceFY, a.UntilFY, a.Period(), a.Since)
	}
	var keys []string
	for _, g := range a.Groups {
		keys = append(keys, g.Key)
	}
	if got := strings.Join(keys, " "); got != "hsi ice_ero ice ice_all" {
		t.Fatalf("groups %s", got)
	}
	hsi, ero, ice, all := group(t, a, "hsi"), group(t, a, "ice_ero"), group(t, a, "ice"), group(t, a, "ice_all")
	if m := year(t, hsi, 2023); m != (Measures{}) {
		t.Errorf("HSI FY2023 = %+v, want nothing (Eve Old's arrest is FY2021)", m)
	}
	m := year(t, hsi, 2024)
	if m.ArrestsAnnounced != 1 || m.ArrestsUnnamed != 12 || m.Convictions != 1 || m.ConvictionsPlea != 1 ||
		m.ConvictionsVerdict != 0 || m.ConvictionsNotStated != 0 || m.ConvictionsPressOnly != 1 || m.ConvictionsCourt != 0 ||
		m.Sentenced != 1 || pf(m.MedianSentenceMonths) != "120" || m.ArrestsLaterConvicted != 1 ||
		pf(m.ConversionRate) != "1" || pf(m.MedianDaysToConviction) != "107" {
		t.Errorf("HSI FY2024 = %+v (median %s, rate %s, days %s)", m, pf(m.MedianSentenceMonths), pf(m.ConversionRate), pf(m.MedianDaysToConviction))
	}
	if m := year(t, hsi, 2025); m.Convictions != 1 || m.ConvictionsVerdict != 1 || m.ArrestsAnnounced != 0 {
		t.Errorf("HSI FY2025 = %+v, want Ann Poe's verdict", m)
	}
	if m := hsi.Total.Measures; m.Convictions != 2 || m.ArrestsAnnounced != 1 || m.ConvictionsPlea != 1 || m.ConvictionsVerdict != 1 {
		t.Errorf("HSI total = %+v", m)
	}
	if m := year(t, ero, 2025); m.ArrestsAnnounced != 1 || m.Convictions != 1 {
		t.Errorf("ERO FY2025 = %+v, want Bob Roe's arrest and Ann Poe's conviction", m)
	}
	if !strings.Contains(ero.Note, "2 named people") || !strings.Contains(ero.Note, "1 also credited to HSI") {
		t.Errorf("ERO note = %q", ero.Note)
	}
	if hsi.Note != "" || ice.Note != "" {
		t.Errorf("only ERO needs explaining: %q %q", hsi.Note, ice.Note)
	}
	if m := year(t, ice, 2025); m.Convictions != 1 || m.ConvictionsNotStated != 1 || m.Sentenced != 1 || pf(m.MedianSentenceMonths) != "60" {
		t.Errorf("ICE FY2025 = %+v", m)
	}
	// Ann Poe counts for HSI and ERO, once for ICE as a whole.
	if m := year(t, all, 2025); m.Convictions != 2 || m.ArrestsAnnounced != 1 || m.Sentenced != 1 {
		t.Errorf("ICE as a whole FY2025 = %+v", m)
	}
	for c, want := range map[string]int64{"csam_possession": 1, "enticement_minor": 1, "sex_trafficking_minor": 1, "csam_production": 0, "sexual_abuse_minor": 0} {
		if got := category(hsi, c).Convictions; got != want {
			t.Errorf("HSI %s convictions = %d, want %d", c, got, want)
		}
	}
	if len(hsi.Categories) != 8 || len(hsi.ByCategory) != 8*3 {
		t.Errorf("HSI has %d category rows and %d category-year rows, want 8 and 24", len(hsi.Categories), len(hsi.ByCategory))
	}
	checkPeopleMatchCounts(t, a)
	checkRelations(t, a)
}

// checkPeopleMatchCounts: the people listed behind each count are as many
// as the tally counts (the head counts of unnamed groups add up to it),
// and each listed person has a report with a URL and evidence.
func checkPeopleMatchCounts(t *testing.T, a *Answer) {
	t.Helper()
	checked := 0
	for _, g := range a.Groups {
		cells := map[string]Cell{}
		for _, c := range g.People {
			cells[fmt.Sprint(c.FiscalYear, c.Category, c.Measure)] = c
		}
		rows := append(append(append([]Row{}, g.Years...), g.Total), g.Categories...)
		rows = append(rows, g.ByCategory...)
		for _, r := range rows {
			counts := map[string]int64{"arrests_announced": r.ArrestsAnnounced, "arrests_announced_unnamed": r.ArrestsUnnamed,
				"charged": r.Charged, "convictions_secured": r.Convictions, "convictions_plea": r.ConvictionsPlea,
				"convictions_verdict": r.ConvictionsVerdict, "convictions_manner_not_stated": r.ConvictionsNotStated,
				"convictions_press_only": r.ConvictionsPressOnly, "convictions_court_verified": r.ConvictionsCourt,
				"sentenced": r.Sentenced, "arrests_later_convicted": r.ArrestsLaterConvicted}
			for _, m := range PeopleMeasures {
				c := cells[fmt.Sprint(r.FiscalYear, r.Category, m)]
				var n int64
				for _, p := range c.People {
					n += p.Count
					if len(p.Reports) == 0 || p.Reports[0].URL == "" || p.Reports[0].Evidence == "" {
						t.Errorf("%s %s %s %s: %q has no report with URL and evidence", g.Key, r.Period, r.Category, m, p.Name)
					}
				}
				if n != counts[m] {
					t.Errorf("%s %s %q %s: %d listed behind a count of %d", g.Key, r.Period, r.Category, m, n, counts[m])
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no cell checked")
	}
}

// checkRelations: what must hold between the columns and rows of any answer.
func checkRelations(t *testing.T, a *Answer) {
	t.Helper()
	var all *Group
	for i := range a.Groups {
		if a.Groups[i].Key == "ice_all" {
			all = &a.Groups[i]
		}
	}
	for gi, g := range a.Groups {
		rows := append(append(append([]Row{}, g.Years...), g.Total), g.Categories...)
		for _, r := range append(rows, g.ByCategory...) {
			m, where := r.Measures, g.Key+" "+r.Period+" "+r.Category
			if m.ConvictionsPlea > m.Convictions || m.ConvictionsVerdict > m.Convictions || m.ConvictionsNotStated < 0 ||
				m.ConvictionsNotStated > m.Convictions || m.ConvictionsNotStated+max(m.ConvictionsPlea, m.ConvictionsVerdict) > m.Convictions ||
				m.ConvictionsNotStated+m.ConvictionsPlea+m.ConvictionsVerdict < m.Convictions {
				t.Errorf("%s: plea %d, verdict %d, not stated %d do not split %d convictions", where, m.ConvictionsPlea, m.ConvictionsVerdict, m.ConvictionsNotStated, m.Convictions)
			}
			if m.ConvictionsPressOnly+m.ConvictionsCourt != m.Convictions || m.ConvictionsPressOnly < 0 {
				t.Errorf("%s: press-only %d + court-verified %d != %d", where, m.ConvictionsPressOnly, m.ConvictionsCourt, m.Convictions)
			}
			if m.Sentenced > m.Convictions || m.ArrestsLaterConvicted > m.ArrestsAnnounced {
				t.Errorf("%s: %d sentenced of %d convicted, %d later convicted of %d arrested", where, m.Sentenced, m.Convictions, m.ArrestsLaterConvicted, m.ArrestsAnnounced)
			}
			if r.Published != nil && (r.Category != "" || r.FiscalYear == 0) {
				t.Errorf("%s: a published figure beside a row that is not a fiscal year of the set", where)
			}
		}
		// The whole period holds each year; a person in two years counts once.
		var sum int64
		for _, r := range g.Years {
			sum += r.Convictions
			if r.Convictions > g.Total.Convictions {
				t.Errorf("%s %s: %d convictions, more than the period's %d", g.Key, r.Period, r.Convictions, g.Total.Convictions)
			}
		}
		if sum < g.Total.Convictions {
			t.Errorf("%s: years add up to %d convictions, fewer than the period's %d", g.Key, sum, g.Total.Convictions)
		}
		// Every convicted person has a category of the set; one can have several.
		sum = 0
		for _, c := range g.Categories {
			sum += c.Convictions
			if c.Convictions > g.Total.Convictions {
				t.Errorf("%s %s: %d convictions, more than the set's %d", g.Key, c.Category, c.Convictions, g.Total.Convictions)
			}
		}
		if sum < g.Total.Convictions {
			t.Errorf("%s: categories add up to %d convictions, fewer than the set's %d", g.Key, sum, g.Total.Convictions)
		}
		// ICE as a whole counts each person of its agencies once.
		if all != nil && gi < len(a.Groups)-1 {
			for i, r := range g.Years {
				if r.Convictions > all.Years[i].Convictions || r.ArrestsAnnounced > all.Years[i].ArrestsAnnounced {
					t.Errorf("%s %s: more than ICE as a whole", g.Key, r.Period)
				}
			}
		}
	}
	if all != nil {
		for i := range all.Years {
			var conv int64
			for _, g := range a.Groups[:len(a.Groups)-1] {
				conv += g.Years[i].Convictions
			}
			if all.Years[i].Convictions > conv {
				t.Errorf("ICE as a whole %s: %d convictions, more than its agencies' %d together", all.Years[i].Period, all.Years[i].Convictions, conv)
			}
		}
	}
}

// TestHandCorrections: decisions in event_decisions.csv move the answer's
// numbers, and the answer says how many events behind it were corrected.
func TestHandCorrections(t *testing.T) {
	items := fixtureItems()
	group12 := store.EventID("file:ice-1", items[0].Events[1], 0)
	danFoe := store.EventID("file:usao-4", items[6].Events[0], 0)
	decisions := "decision,event_id,field,value\n" +
		"drop," + group12 + ",,\n" +
		"set," + danFoe + ",agencies,HSI\n"
	a := compute(t, testdb.Corrected(t, items, decisions), Options{})
	m := year(t, group(t, a, "hsi"), 2024)
	if m.ArrestsUnnamed != 0 || m.Convictions != 2 {
		t.Errorf("HSI FY2024 = %+v, want no unnamed arrests (the group was dropped) and 2 convictions (Dan Foe credited to HSI)", m)
	}
	if a.CorrectedByHand.Changed != 1 || a.CorrectedByHand.Added != 0 || a.CorrectedByHand.Dropped != 1 {
		t.Errorf("corrected by hand %+v, want 1 changed and 1 dropped", a.CorrectedByHand)
	}
	if !slices.ContainsFunc(a.Notes, func(n string) bool {
		return strings.HasPrefix(n, "Hand corrections: 1 event in these numbers was corrected by hand")
	}) {
		t.Errorf("no note on the hand corrections: %q", a.Notes)
	}
	if plain := compute(t, loadDB(t, items), Options{}); !slices.Contains(plain.Notes,
		"Hand corrections: no event in these numbers was corrected by hand (event_decisions.csv).") {
		t.Errorf("without decisions: %q", plain.Notes)
	}
}

func TestEmptyDatabase(t *testing.T) {
	a := compute(t, loadDB(t, nil), Options{})
	if !strings.Contains(a.Nothing, "no events yet") || len(a.Groups) != 0 {
		t.Fatalf("empty database: nothing = %q, %d groups", a.Nothing, len(a.Groups))
	}
	for _, f := range Formats {
		var b bytes.Buffer
		if err := Write(&b, a, WriteOptions{Format: f}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if f != "csv" && !strings.Contains(b.String(), "no events yet") {
			t.Errorf("%s does not say there is nothing yet:\n%s", f, b.String())
		}
		if f == "csv" && strings.Count(b.String(), "\r\n") != 1 {
			t.Errorf("empty csv is not its header alone: %q", b.String())
		}
	}
}

func TestSinceLaterThanEveryEvent(t *testing.T) {
	db := loadDB(t, fixtureItems())
	a := compute(t, db, Options{SinceFY: 2026})
	if !strings.Contains(a.Nothing, "FY2026") || len(a.Groups) != 0 || a.UntilFY != 0 {
		t.Fatalf("since FY2026: nothing = %q, %d groups, until %d", a.Nothing, len(a.Groups), a.UntilFY)
	}
	// The latest fiscal year with data is a period of one year.
	a = compute(t, db, Options{SinceFY: 2025, Agencies: []string{"HSI"}})
	if a.Nothing != "" || a.Period() != "FY2025" || len(a.Groups) != 1 || len(a.Groups[0].Years) != 1 {
		t.Fatalf("since FY2025: %q, period %s, %d groups", a.Nothing, a.Period(), len(a.Groups))
	}
}

// An event dated after the latest release (a misread date) does not make
// a fiscal year.
func TestFutureEventIsNoFiscalYear(t *testing.T) {
	items := fixtureItems()
	items[0].Events[0].Date = day("2031-01-01")
	a := compute(t, loadDB(t, items), Options{})
	if a.UntilFY != 2025 {
		t.Fatalf("until FY%d, want FY2025 (the latest release's)", a.UntilFY)
	}
}

func TestCourtRecordsOnly(t *testing.T) {
	docket := func(key, who, typ, date string, agencies []string) store.Item {
		r := rec(key, "court", date, who+" pleaded guilty.")
		r.Source = "pacer"
		r.Docket = &sources.Docket{Court: "txwd", District: "W.D. Tex.", DocketNumber: "1:24-cr-" + key, CaseName: "USA v. " + who}
		e := ev(typ, who, 1, date, []string{"csam_possession"}, agencies, who+" pleaded guilty.")
		e.CourtVerified, e.DocketNumber = true, "1:24-cr-"+key
		if typ == "convicted" {
			e.PleaOrVerdict = "plea"
		}
		return store.Item{Record: r, Events: []normalize.Event{e}}
	}
	db := loadDB(t, []store.Item{
		docket("00001", "Gus Goe", "convicted", "2024-04-04", []string{"HSI"}),
		docket("00002", "Hal Hoe", "arrest", "2024-01-04", []string{"HSI"}), // an initial appearance: not announced
		docket("00003", "Ike Ioe", "convicted", "2024-05-05", nil),          // no agency: in no group
	})
	a := compute(t, db, Options{People: true})
	if a.Nothing != "" {
		t.Fatalf("nothing: %s", a.Nothing)
	}
	for _, key := range []string{"hsi", "ice_all"} {
		m := year(t, group(t, a, key), 2024)
		if m.Convictions != 1 || m.ConvictionsCourt != 1 || m.ConvictionsPressOnly != 0 || m.ConvictionsPlea != 1 ||
			m.ArrestsAnnounced != 0 || m.ConversionRate != nil {
			t.Errorf("%s FY2024 = %+v, want Gus Goe's court-verified plea and no announced arrest", key, m)
		}
	}
	if m := group(t, a, "ice_ero").Total.Measures; m != (Measures{}) {
		t.Errorf("ERO = %+v, want nothing", m)
	}
	checkPeopleMatchCounts(t, a)
	checkRelations(t, a)
}

func TestParseFlags(t *testing.T) {
	for in, want := range map[string]int{"FY2023": 2023, "fy2024": 2024, "2025": 2025} {
		if got, err := ParseFiscalYear(in); err != nil || got != want {
			t.Errorf("ParseFiscalYear(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "2023-10-01", "FY23", "next year"} {
		if _, err := ParseFiscalYear(in); err == nil {
			t.Errorf("ParseFiscalYear(%q) accepted", in)
		}
	}
	if got, err := ParseAgencies("hsi, ERO,HSI"); err != nil || strings.Join(got, ",") != "HSI,ICE_ERO" {
		t.Errorf("ParseAgencies = %v, %v", got, err)
	}
	if _, err := ParseAgencies("HSI,nonexistent"); err == nil {
		t.Error("an unknown agency was accepted")
	}
}

// TestOtherUnitNeverDivided: a published figure in a unit that does not
// count people (investigations, indictments, prosecutions, cases, shares)
// is never divided into casetrack's count, whatever else matches.
func TestOtherUnitNeverDivided(t *testing.T) {
	figs, err := data.PublicFigures()
	if err != nil {
		t.Fatal(err)
	}
	base := data.PublicFigure{Publisher: "constructed", Figure: "convictions", Value: 100, Unit: "convictions", Year: 2024,
		YearType: "fiscal", ChargeSet: "child exploitation", ChargeSetCode: "child_exploitation", Agency: "HSI", AgencyCode: "HSI",
		Stage: "convicted", SourceURL: "https://example.test/"}
	if b := Compare(base, "convictions_secured", 7, []string{"HSI"}); !b.Comparable || b.Ratio == nil || *b.Ratio != 0.07 {
		t.Fatalf("a comparable figure: %+v", b)
	}
	seen := map[string]bool{}
	for _, f := range figs {
		seen[f.Unit] = true
	}
	for unit := range seen {
		f := base
		f.Unit = unit
		for _, measure := range []string{"arrests_announced", "charged", "convictions_secured"} {
			for _, ags := range [][]string{{"HSI"}, DefaultAgencies} {
				b := Compare(f, measure, 7, ags)
				if !slices.Contains(peopleUnits, unit) && (b.Ratio != nil || b.Comparable) {
					t.Errorf("a figure in %s was divided: %+v", unit, b)
				}
				if b.Ratio == nil && !strings.HasPrefix(b.Differences[0], "Context, not a ratio") {
					t.Errorf("%s beside %s: no ratio and no word why: %v", unit, measure, b.Differences)
				}
			}
		}
	}
	// Every figure of the table, beside every count: a ratio only for a
	// figure in people-like units of the same stage, set, agency and year type.
	for _, f := range figs {
		for measure, stage := range map[string]string{"arrests_announced": "arrest", "charged": "charged", "convictions_secured": "convicted"} {
			for _, ags := range [][]string{{"HSI"}, {"ICE_ERO"}, {"ICE"}, DefaultAgencies} {
				b := Compare(f, measure, 7, ags)
				ok := slices.Contains(peopleUnits, f.Unit) && f.Stage == stage && f.ChargeSetCode == "child_exploitation" && f.YearType == "fiscal"
				if b.Ratio != nil && !ok {
					t.Errorf("%s %s (%s) divided beside %s of %v", f.Figure, f.YearLabel(), f.Unit, measure, ags)
				}
			}
		}
	}
}

func TestClosest(t *testing.T) {
	figs, err := data.PublicFigures()
	if err != nil {
		t.Fatal(err)
	}
	// FY2022: HSI's child-exploitation convictions, a lower bound.
	b := Closest(figs, 2022, []string{"HSI"}, Measures{Convictions: 21, ArrestsAnnounced: 40})
	if b == nil || b.Figure.Value != 2147 || !b.Comparable || b.Ratio == nil || b.Count != 21 {
		t.Fatalf("FY2022 HSI: %+v", b)
	}
	if !strings.Contains(strings.Join(b.Differences, " "), "lower bound") {
		t.Errorf("the 'more than' is not said: %v", b.Differences)
	}
	// FY2024: only human-trafficking figures; the convictions one, as context.
	b = Closest(figs, 2024, []string{"HSI"}, Measures{Convictions: 6})
	if b == nil || b.Figure.Unit != "convictions" || b.Comparable || b.Ratio != nil {
		t.Fatalf("FY2024 HSI: %+v", b)
	}
	// No published figure concerns ERO.
	if b := Closest(figs, 2024, []string{"ICE_ERO"}, Measures{}); b != nil {
		t.Errorf("FY2024 ERO: %+v", b)
	}
	// ICE as a whole: an HSI figure is context (HSI alone is not ICE).
	if b := Closest(figs, 2022, DefaultAgencies, Measures{Convictions: 30}); b == nil || b.Comparable {
		t.Errorf("FY2022 ICE as a whole: %+v", b)
	}
}

func TestWriteFormats(t *testing.T) {
	a := compute(t, loadDB(t, fixtureItems()), Options{People: true})
	var b bytes.Buffer
	if err := Write(&b, a, WriteOptions{Format: "csv"}); err != nil {
		t.Fatal(err)
	}
	checkOneHeader(t, b.Bytes(), CSVColumns, false)
	// 4 groups × (3 years + total + 8 categories + 8 × 3 category-years)
	if recs, _ := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll(); len(recs) != 1+4*(3+1+8+24) {
		t.Errorf("csv has %d records", len(recs))
	}
	b.Reset()
	if err := Write(&b, a, WriteOptions{Format: "csv", BOM: true, People: true}); err != nil {
		t.Fatal(err)
	}
	checkOneHeader(t, b.Bytes(), PeopleCSVColumns, true)
	if !strings.Contains(b.String(), "https://example.test/usao-1") || !strings.Contains(b.String(), "John Doe pleaded guilty on March 1, 2024.") {
		t.Errorf("people csv lacks John Doe's plea release")
	}
	b.Reset()
	if err := Write(&b, a, WriteOptions{Format: "json"}); err != nil {
		t.Fatal(err)
	}
	var back Answer
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back.Groups) != 4 || back.Groups[0].Total.Convictions != 2 {
		t.Errorf("json round trip: %v, %+v", err, back.Groups)
	}
	for _, f := range []string{"table", "markdown"} {
		b.Reset()
		if err := Write(&b, a, WriteOptions{Format: f, People: true}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{a.Question, "HSI (Homeland Security Investigations)", "ICE as a whole", "enticement_minor",
			"Why ERO appears", "Published figures", "Press releases are a floor", "Court-verified share",
			"People behind HSI (Homeland Security Investigations) convictions_secured, FY2024 (1):", "John Doe [plea]", "https://example.test/usao-1"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s output lacks %q", f, want)
			}
		}
	}
	if err := Write(&b, a, WriteOptions{Format: "yaml"}); err == nil {
		t.Error("an unknown format was accepted")
	}
}

// checkOneHeader: RFC 4180, exactly one header row (first), every record as
// wide as it, optionally after a BOM.
func checkOneHeader(t *testing.T, b []byte, cols []string, bom bool) {
	t.Helper()
	if bytes.HasPrefix(b, []byte("\ufeff")) != bom {
		t.Fatalf("BOM present = %v, want %v", !bom, bom)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 || !slices.Equal(recs[0], cols) {
		t.Fatalf("header %v, want %v (%d records)", recs[0], cols, len(recs))
	}
	for i, r := range recs[1:] {
		if slices.Equal(r, cols) {
			t.Errorf("record %d repeats the header", i+2)
		}
	}
}

// TestRealCorpus answers from the real ICE releases, the labelled dev
// openings and the saved PACER district dockets (skipping without
// ../shared): numbers shift as extraction improves, so it checks that the
// HSI answer is the hsi-child-exploitation preset's, that the people behind
// every count number it, and the relations between columns and rows.
func TestRealCorpus(t *testing.T) {
	ice := testshared.Path(t, "corpus", "ice-full", "records.jsonl")
	dev := testshared.Path(t, "corpus", "dev")
	dockets := testshared.Path(t, "fixtures", "pacer", "district_dockets")
	db := testdb.Imported(t, ice, dev, dockets)
	a := compute(t, db, Options{People: true})
	if a.Nothing != "" {
		t.Fatal(a.Nothing)
	}
	p := tally.Presets["hsi-child-exploitation"].Options
	p.Since, p.Manner = FiscalYearStart(a.SinceFY), true
	want, err := queryTally(context.Background(), db, p)
	if err != nil {
		t.Fatal(err)
	}
	hsi := group(t, a, "hsi")
	for _, r := range hsi.Years {
		if got, want := strings.Join(r.cells(false), ","), strings.Join(want[r.Period].cells(false), ","); got != want {
			t.Errorf("HSI %s = %s, the preset says %s", r.Period, got, want)
		}
	}
	if hsi.Total.Convictions == 0 || hsi.Total.ArrestsAnnounced == 0 {
		t.Errorf("the real ICE releases give HSI no arrests or convictions since FY2023: %+v", hsi.Total.Measures)
	}
	checkPeopleMatchCounts(t, a)
	checkRelations(t, a)
}
