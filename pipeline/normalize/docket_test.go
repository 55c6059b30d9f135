package normalize

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/sources"
	"casetrack/sources/pacer"
)

// docketEvents parses one real docket from shared/fixtures/pacer and
// returns its events.
func docketEvents(t *testing.T, n *Normalizer, file string) []Event {
	t.Helper()
	p := testshared.Path(t, "fixtures", "pacer", "district_dockets", file)
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	src, err := pacer.New(pacer.Config{})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := src.Parse(sources.Document{Body: raw})
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return n.DocketEvents(recs[0])
}

func newNormalizer(t *testing.T) *Normalizer {
	t.Helper()
	n, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func ofType(evs []Event, typ string) []Event {
	var out []Event
	for _, e := range evs {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func one(t *testing.T, evs []Event, typ string) Event {
	t.Helper()
	got := ofType(evs, typ)
	if len(got) != 1 {
		t.Fatalf("want one %s event, got %d: %+v", typ, len(got), got)
	}
	return got[0]
}

func date(s string) time.Time {
	d, _ := time.Parse("2006-01-02", s)
	return d
}

func hasAll(have []string, want ...string) bool {
	set := map[string]bool{}
	for _, h := range have {
		set[h] = true
	}
	for _, w := range want {
		if !set[w] {
			return false
		}
	}
	return true
}

func TestDocketEventsBenz(t *testing.T) {
	n := newNormalizer(t)
	evs := docketEvents(t, n, "ned.html") // D. Neb. 4:13-cr-03121, USA v. Benz
	for _, e := range evs {
		if !e.CourtVerified || e.DocketNumber != "4:13-cr-03121" || e.District != "D. Neb." || e.Defendant != "Joseph J. Benz" || e.PersonCount != 1 {
			t.Errorf("event fields: %+v", e)
		}
		if e.Evidence == "" || e.EvidenceStart != 0 || e.EvidenceEnd != 0 {
			t.Errorf("%s: evidence %q [%d,%d]", e.Type, e.Evidence, e.EvidenceStart, e.EvidenceEnd)
		}
	}
	ch := one(t, evs, Charged)
	if !ch.Date.Equal(date("2013-09-25")) || !strings.HasPrefix(ch.Evidence, "INDICTMENT") ||
		!reflect.DeepEqual(ch.Statutes, []string{"18 U.S.C. 2252(a)(4)(B)", "18 U.S.C. 2252A(a)(2)"}) {
		t.Errorf("charged: %s %v %.40q", ch.Date.Format("2006-01-02"), ch.Statutes, ch.Evidence)
	}
	cv := one(t, evs, Convicted)
	if cv.PleaOrVerdict != "verdict" || !cv.Date.Equal(date("2016-05-26")) ||
		!reflect.DeepEqual(cv.Statutes, []string{"18 U.S.C. 2252(a)(4)(B)"}) {
		t.Errorf("convicted: %s %s %v", cv.PleaOrVerdict, cv.Date.Format("2006-01-02"), cv.Statutes)
	}
	sn := one(t, evs, Sentenced)
	if sn.SentenceKind != SentenceProbation || sn.SentenceMonths != 0 || !sn.Date.Equal(date("2016-09-07")) {
		t.Errorf("sentenced: %s %v %s", sn.SentenceKind, sn.SentenceMonths, sn.Date.Format("2006-01-02"))
	}
	ds := one(t, evs, Dismissed)
	if !reflect.DeepEqual(ds.Statutes, []string{"18 U.S.C. 2252A(a)(2)"}) || !strings.Contains(ds.Evidence, "dismissed on the court's own motion") {
		t.Errorf("dismissed: %v %q", ds.Statutes, ds.Evidence)
	}
	if len(ofType(evs, Acquitted)) != 0 {
		t.Error("Benz was not acquitted")
	}
	if !reflect.DeepEqual(cv.Categories, []string{"csam_possession"}) {
		t.Errorf("convicted categories %v", cv.Categories)
	}
	if !reflect.DeepEqual(ds.Categories, []string{"csam_distribution_receipt"}) {
		t.Errorf("dismissed categories %v", ds.Categories)
	}

}

func TestDocketEventsStephens(t *testing.T) {
	n := newNormalizer(t)
	evs := docketEvents(t, n, "wawd.html") // W.D. Wash., counts of conviction under Terminated
	cv := one(t, evs, Convicted)
	if !reflect.DeepEqual(cv.Statutes, []string{"18 U.S.C. 2251(a)", "18 U.S.C. 2252(a)(4)"}) {
		t.Errorf("convicted statutes %v", cv.Statutes)
	}
	sn := one(t, evs, Sentenced)
	if sn.SentenceKind != SentencePrison || sn.SentenceMonths != 180 || !sn.Date.Equal(date("2016-08-12")) {
		t.Errorf("sentenced: %s %v %s", sn.SentenceKind, sn.SentenceMonths, sn.Date.Format("2006-01-02"))
	}
	ds := ofType(evs, Dismissed)
	if len(ds) != 4 {
		t.Fatalf("want 4 dismissed counts (1, 2, 2s-3s, 4s-5s), got %d", len(ds))
	}
	for _, e := range ds {
		if strings.Contains(e.Evidence, "(1s)") || strings.Contains(e.Evidence, "(6s)") {
			t.Errorf("count of conviction reported dismissed: %s", e.Evidence)
		}
	}
	if ch := ofType(evs, Charged); len(ch) == 0 || !ch[0].Date.Equal(date("2015-04-01")) {
		t.Errorf("charged: %+v", ch)
	}
	if !hasAll(sn.Categories, "csam_production", "csam_possession") {
		t.Errorf("sentenced categories %v", sn.Categories)
	}
}

func TestDocketEventsMitchell(t *testing.T) {
	n := newNormalizer(t)
	evs := docketEvents(t, n, "utd.html") // D. Utah, jury verdict, life
	cv := one(t, evs, Convicted)
	if cv.PleaOrVerdict != "verdict" || !reflect.DeepEqual(cv.Statutes, []string{"18 U.S.C. 1201(a)(1)", "18 U.S.C. 2423(a)"}) {
		t.Errorf("convicted: %s %v", cv.PleaOrVerdict, cv.Statutes)
	}
	sn := one(t, evs, Sentenced)
	if sn.SentenceKind != SentenceLife {
		t.Errorf("sentence kind %q", sn.SentenceKind)
	}
	ar := one(t, evs, Arrest)
	if !ar.Date.Equal(date("2008-10-20")) {
		t.Errorf("arrest %s", ar.Date.Format("2006-01-02"))
	}
	if e := one(t, evs, Charged); !e.Date.Equal(date("2008-03-05")) {
		t.Errorf("charged %s", e.Date.Format("2006-01-02"))
	}
	if !reflect.DeepEqual(cv.Aliases, []string{"Bryan David Mitchell"}) {
		t.Errorf("aliases %v", cv.Aliases)
	}
	if !hasAll(cv.Categories, "transportation_minor") {
		t.Errorf("convicted categories %v", cv.Categories)
	}
}

func TestDocketEventsSantanaEsmeralda(t *testing.T) {
	n := newNormalizer(t)
	evs := docketEvents(t, n, "azd.html") // complaint -> information -> plea -> 14 months
	var seq []string
	for _, e := range evs {
		seq = append(seq, e.Type+" "+e.Date.Format("2006-01-02"))
	}
	want := []string{
		"arrest 2017-02-04",
		"charged 2017-02-06",
		"charged 2017-03-15",
		"convicted 2017-03-15",
		"sentenced 2017-06-26",
	}
	if !reflect.DeepEqual(seq, want) {
		t.Fatalf("events %q, want %q", seq, want)
	}
	ch := ofType(evs, Charged)
	if !strings.HasPrefix(ch[0].Evidence, "COMPLAINT") || !strings.HasPrefix(ch[1].Evidence, "INFORMATION") {
		t.Errorf("charged evidence %.30q / %.30q", ch[0].Evidence, ch[1].Evidence)
	}
	cv := one(t, evs, Convicted)
	sn := one(t, evs, Sentenced)
	if cv.PleaOrVerdict != "plea" || sn.SentenceKind != SentencePrison || sn.SentenceMonths != 14 {
		t.Errorf("plea %q, sentence %s %v", cv.PleaOrVerdict, sn.SentenceKind, sn.SentenceMonths)
	}
	for _, e := range evs {
		if !reflect.DeepEqual(e.Statutes, []string{"8 U.S.C. 1326(a)"}) || e.District != "D. Ariz." || e.DocketNumber != "2:17-cr-00378" {
			t.Errorf("%s: %v %s %s", e.Type, e.Statutes, e.District, e.DocketNumber)
		}
		if !reflect.DeepEqual(e.Categories, []string{"immigration_violation"}) {
			t.Errorf("%s categories %v", e.Type, e.Categories)
		}
	}
}

func TestDocketEventsNoneForCivilAndWarrantMatters(t *testing.T) {
	n := newNormalizer(t)
	for _, f := range []string{"cand.html", "nysd_2.html", "nysd_491943.html"} {
		if evs := docketEvents(t, n, f); len(evs) != 0 {
			t.Errorf("%s: want no events, got %+v", f, evs)
		}
	}
	if evs := n.DocketEvents(sources.Record{Title: "press release"}); evs != nil {
		t.Error("record without docket gave events")
	}
}

// TestDocketEventsAllRealDockets checks invariants over every real docket:
// court-verified, one conviction and one sentence at most per defendant, a
// sentence only with a conviction, no count both convicted and dismissed.
func TestDocketEventsAllRealDockets(t *testing.T) {
	n := newNormalizer(t)
	dir := testshared.Path(t, "fixtures", "pacer", "district_dockets")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	total := 0
	for _, f := range files {
		evs := docketEvents(t, n, filepath.Base(f))
		total += len(evs)
		per := map[string]map[string]int{}
		for _, e := range evs {
			if !e.CourtVerified || e.DocketNumber == "" || e.District == "" || e.Defendant == "" || e.Evidence == "" {
				t.Errorf("%s: incomplete event %+v", filepath.Base(f), e)
			}
			if per[e.Defendant] == nil {
				per[e.Defendant] = map[string]int{}
			}
			per[e.Defendant][e.Type]++
			if e.Type == Convicted && e.PleaOrVerdict != "" && e.PleaOrVerdict != "plea" && e.PleaOrVerdict != "verdict" {
				t.Errorf("plea_or_verdict %q", e.PleaOrVerdict)
			}
			if e.Type == Sentenced && e.SentenceKind == "" {
				t.Errorf("%s: sentence without kind", filepath.Base(f))
			}
		}
		for def, c := range per {
			if c[Convicted] > 1 || c[Sentenced] > 1 || c[Arrest] > 1 {
				t.Errorf("%s %s: %v", filepath.Base(f), def, c)
			}
			if c[Sentenced] > 0 && c[Convicted] == 0 {
				t.Errorf("%s %s: sentenced without convicted", filepath.Base(f), def)
			}
		}
	}
	if total < 60 {
		t.Errorf("only %d events over %d dockets", total, len(files))
	}
}

func TestParseDispositionSentence(t *testing.T) {
	cases := []struct {
		disp   string
		months float64
		kind   string
	}{
		// Real dispositions from shared/fixtures/pacer/district_dockets.
		{"The defendant is committed to the custody of the Bureau of Prisons for a term of FOURTEEN (14) MONTHS, with credit for time served. Upon release from imprisonment, the defendant shall be placed on supervised release for a term of THREE (3) YEARS. Special Assessment $100.", 14, SentencePrison},
		{"36 MONTHS PROBATION; $500.00 P/A; $1860.00 RESTITUTION; HOME DETENTION FOR 60 DAYS", 0, SentenceProbation},
		{"BOP 37 months followed by three yrs supervised release. Special assessment $100.00", 37, SentencePrison},
		{"Supervised release revoked 12/05/16. Custody of BOP for a term of 3 months. Supervised release for 2 years.", 0, ""},
		{"Defendant sentenced to time served; no supervised release imposed; abstract issued to USM", 0, SentenceTimeServed},
		{"CBOP time served. Penalty assessment $25.00 waived; no fine", 0, SentenceTimeServed},
		{"Custody of BOP for 60 months, followed by 4 years supervised release. No fine. $100 penalty assessment", 60, SentencePrison},
		{"Custody of the BOP for thirty-six months, supervised release for three with conditions. No fine. $100.00 penalty assessment.", 36, SentencePrison},
		{"Custody of BOP - 220 mos.; Supervised Release - 5 yrs.; Special Assessment - $100.00; Fine - $2,000.00", 220, SentencePrison},
		{"Dft sentenced on 3/30/09 to 18 months with 3 years Supervised release to follow. $100 Special Assessment. Self Surrender on April 28, 2009.", 18, SentencePrison},
		{"60 months imprisonment on Count 1 and 76 months imprisonment on Count 34, to run concurrently; 3 years supervised release on each of Counts 1 and 34, to run concurrently; $200 assessment; $9,150,603.00 restitution. AMENDED JUDGMENT: Amended only as to forfeitures on page 5. REVOCATION JUDGMENT: 8 months", 76, SentencePrison},
		{"Defendant was found guilty on Count II of the Indictment and is committed to Probation for a term of 5 years and pay $100 (Paid) Special Assessment. Defendant is ordered to pay $9,999.00 Restitution.", 0, SentenceProbation},
		{"TIME SERVED; $100 Special Assessment (remitted)", 0, SentenceTimeServed},
		{"Dft was found guilty by jury verdict. SENTENCE: dft is committed to the custody of BOP for life. No term of Supervised Release. No fine. $200 SPA.", 0, SentenceLife},
		{"Bureau of Prisons - 15 YEARS; Supervised Release - LIFETIME; Special Assessment - $100 each count for a total of $200; Fine - WAIVED", 180, SentencePrison},
		{"Dismissed on motion of the government", 0, ""},
		{"", 0, ""},
	}
	for _, c := range cases {
		m, k := ParseDispositionSentence(c.disp)
		if m != c.months || k != c.kind {
			t.Errorf("ParseDispositionSentence(%.60q) = %v %q, want %v %q", c.disp, m, k, c.months, c.kind)
		}
	}
}
