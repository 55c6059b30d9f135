package eousa

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// testCategorize is a small stand-in for normalize's StatuteCategories.
func testCategorize(statute, ctx string) []string {
	switch {
	case strings.HasPrefix(statute, "18 U.S.C. 2252A(a)(5)"), strings.HasPrefix(statute, "18 U.S.C. 2252(a)(4)"):
		return []string{"csam_possession"}
	case strings.HasPrefix(statute, "18 U.S.C. 2252A(a)(2)"):
		return []string{"csam_distribution_receipt"}
	case strings.HasPrefix(statute, "18 U.S.C. 2251(a)"):
		return []string{"csam_production"}
	case strings.HasPrefix(statute, "18 U.S.C. 1591"):
		if strings.Contains(ctx, "minor") {
			return []string{"sex_trafficking_minor"}
		}
		return []string{"sex_trafficking_force_fraud_coercion"}
	case strings.HasPrefix(statute, "18 U.S.C. 1594(c)"):
		return []string{"sex_trafficking_conspiracy"}
	case strings.HasPrefix(statute, "18 U.S.C. 2422(b)"):
		return []string{"enticement_minor"}
	case strings.HasPrefix(statute, "8 U.S.C. 1324"):
		return []string{"alien_smuggling"}
	}
	return []string{"other"}
}

type evSummary struct {
	Type, Plea, Date, Docket string
	Statutes, Categories     []string
	Kind                     string
	Months                   float64
}

func summarize(evs []normalize.Event) []evSummary {
	var out []evSummary
	for _, e := range evs {
		d := ""
		if !e.Date.IsZero() {
			d = e.Date.Format("2006-01-02")
		}
		out = append(out, evSummary{e.Type, e.PleaOrVerdict, d, e.DocketNumber, e.Statutes, e.Categories, e.SentenceKind, e.SentenceMonths})
	}
	return out
}

func TestEventsConstructed(t *testing.T) {
	aug, _, _ := decodeAll(t, "testdata/constructed_AUGFY2023", Options{})
	m := byKey(aug)

	rec, evs := Events(m["FLM:2019R01234:2"], "https://example.test/aug-2023", testCategorize)
	if rec.Source != "eousa" || rec.Key != "FLM:2019R01234:2" || rec.Publisher != "EOUSA" || rec.URL != "https://example.test/aug-2023" {
		t.Errorf("record header %+v", rec)
	}
	if !rec.Published.Equal(time.Date(2023, 8, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("published %v, want the snapshot's month end", rec.Published)
	}
	if rec.Docket == nil || rec.Docket.DocketNumber != "19-CR-00145" || rec.Docket.Court != "flmd" || rec.Docket.CaseType != "cr" || len(rec.Docket.Defendants[0].Counts) != 2 {
		t.Fatalf("docket %+v", rec.Docket)
	}
	if c := rec.Docket.Defendants[0].Counts[1]; c.Statute != "18 U.S.C. 2252A(a)(5)(B)" || c.Status != "terminated" || !strings.HasPrefix(c.Disposition, "DM dismissed without prejudice GWOD") {
		t.Errorf("docket count 2 %+v", c)
	}
	want := []evSummary{
		{"charged", "", "2019-03-15", "19-MJ-01100", nil, nil, "", 0},
		{"charged", "", "2019-04-10", "19-CR-00145", []string{"18 U.S.C. 2252A(a)(2)", "18 U.S.C. 2252A(a)(5)(B)"}, []string{"csam_distribution_receipt", "csam_possession"}, "", 0},
		{"convicted", "plea", "2020-01-16", "19-CR-00145", []string{"18 U.S.C. 2252A(a)(2)"}, []string{"csam_distribution_receipt"}, "", 0},
		{"sentenced", "", "2020-01-16", "19-CR-00145", []string{"18 U.S.C. 2252A(a)(2)"}, []string{"csam_distribution_receipt"}, "prison", 97},
	}
	if got := summarize(evs); !reflect.DeepEqual(got, want) {
		t.Errorf("FLM events\n got %+v\nwant %+v", got, want)
	}
	for _, e := range evs {
		if !e.CourtVerified || e.Defendant != "" || e.PersonCount != 1 || e.District != "M.D. Fla." || !reflect.DeepEqual(e.Agencies, []string{"ICE"}) {
			t.Errorf("event common fields %+v", e)
		}
		if rec.Body[e.EvidenceStart:e.EvidenceEnd] != e.Evidence || e.Evidence == "" {
			t.Errorf("evidence offsets do not point at %q", e.Evidence)
		}
	}

	_, evs = Events(m["TXS:2020R00077:3"], "", testCategorize)
	want = []evSummary{
		{"charged", "", "2020-02-18", "20-CR-00311", []string{"18 U.S.C. 1591(a)(1)"}, []string{"sex_trafficking_force_fraud_coercion"}, "", 0},
		{"charged", "", "2020-10-05", "20-CR-00311", []string{"18 U.S.C. 1591(a)(1)", "18 U.S.C. 1594(c)"}, []string{"sex_trafficking_force_fraud_coercion", "sex_trafficking_conspiracy"}, "", 0},
		{"convicted", "verdict", "2021-05-11", "20-CR-00311", []string{"18 U.S.C. 1591(a)(1)", "18 U.S.C. 1594(c)"}, []string{"sex_trafficking_force_fraud_coercion", "sex_trafficking_conspiracy"}, "", 0},
		{"sentenced", "", "2021-09-30", "20-CR-00311", []string{"18 U.S.C. 1591(a)(1)", "18 U.S.C. 1594(c)"}, []string{"sex_trafficking_force_fraud_coercion", "sex_trafficking_conspiracy"}, "life", 0},
	}
	if got := summarize(evs); !reflect.DeepEqual(got, want) {
		t.Errorf("TXS events\n got %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(evs[0].Agencies, []string{"FBI", "STATE_LOCAL"}) {
		t.Errorf("TXS agencies %v", evs[0].Agencies)
	}

	_, evs = Events(m["AZ:2021R00500:2"], "", testCategorize)
	if got := summarize(evs); len(got) != 2 || got[1].Type != "dismissed" || got[1].Date != "2023-08-02" || !reflect.DeepEqual(got[1].Categories, []string{"alien_smuggling"}) {
		t.Errorf("AZ events %+v", got)
	}

	_, evs = Events(m["NYE:2022R00310:3"], "", testCategorize)
	if got := summarize(evs); len(got) != 2 || got[1].Type != "acquitted" || !reflect.DeepEqual(got[1].Statutes, []string{"18 U.S.C. 2422(b)"}) {
		t.Errorf("NYE events %+v", got)
	}
	if !reflect.DeepEqual(evs[0].Agencies, []string{"ICAC", "USPIS"}) {
		t.Errorf("NYE agencies %v", evs[0].Agencies)
	}

	// The sealed co-defendant: charged (statute withheld), nothing else yet.
	rec, evs = Events(m["CAC:2022R00900:3"], "", testCategorize)
	if got := summarize(evs); len(got) != 1 || got[0].Type != "charged" || got[0].Statutes != nil {
		t.Errorf("sealed events %+v", got)
	}
	if !strings.Contains(rec.Body, "ROLE=D*") || !strings.Contains(rec.Body, "CHARGE=* (withheld or unreadable)") {
		t.Errorf("sealed body:\n%s", rec.Body)
	}

	// July: AZ and NYE are pending: charged only.
	jul, _, _ := decodeAll(t, "testdata/constructed_JULFY2023", Options{})
	jm := byKey(jul)
	for _, k := range []string{"AZ:2021R00500:2", "NYE:2022R00310:3"} {
		_, evs := Events(jm[k], "", testCategorize)
		if len(evs) != 1 || evs[0].Type != "charged" {
			t.Errorf("%s in July: %+v", k, summarize(evs))
		}
	}
}

func TestSnapshotDate(t *testing.T) {
	for in, want := range map[string]string{"SEPFY2018": "2018-09-30", "OCTFY2019": "2018-10-31", "DECFY2018": "2017-12-31", "FEBFY2024": "2024-02-29", "junfy2025": "2025-06-30"} {
		d, ok := SnapshotDate(in)
		if !ok || d.Format("2006-01-02") != want {
			t.Errorf("%s → %v %v, want %s", in, d, ok, want)
		}
	}
	if _, ok := SnapshotDate("FY2018"); ok {
		t.Error("bad id accepted")
	}
}

func TestImport(t *testing.T) {
	var keys []string
	var events int
	st, err := Import(context.Background(), "testdata/constructed_AUGFY2023", "", Options{}, testCategorize,
		func(def Defendant, rec sources.Record, evs []normalize.Event) error {
			if rec.Key != def.Key {
				t.Errorf("record key %q for %q", rec.Key, def.Key)
			}
			keys = append(keys, def.Key)
			events += len(evs)
			return nil
		})
	if err != nil || st.Defendants != 6 || len(keys) != 6 || events == 0 {
		t.Errorf("Import: %v %+v keys %v events %d", err, st, keys, events)
	}
}
