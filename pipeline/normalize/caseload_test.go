package normalize

import (
	"context"
	"reflect"
	"testing"
	"time"

	"casetrack/sources"
	"casetrack/sources/eousa"
)

// The CONSTRUCTED EOUSA releases of sources/eousa (two monthly snapshots of
// the same cases, see sources/eousa/scenario_test.go).
const (
	caseloadJuly   = "../../sources/eousa/testdata/constructed_JULFY2023"
	caseloadAugust = "../../sources/eousa/testdata/constructed_AUGFY2023"
)

// caseloadRecords streams a constructed release through sources/eousa.
func caseloadRecords(t *testing.T, path string) map[string]sources.Record {
	t.Helper()
	rel, err := eousa.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	out := map[string]sources.Record{}
	if _, err := rel.Records(context.Background(), func(r sources.Record) error {
		out[r.Key] = r
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

type evSummary struct {
	Type, Plea, Date, Docket string
	Statutes, Categories     []string
	Kind                     string
	Months                   float64
}

func summarize(evs []Event) []evSummary {
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

func TestCaseloadEventsConstructed(t *testing.T) {
	n := newNormalizer(t)
	m := caseloadRecords(t, caseloadAugust)

	rec := m["FLM:2019R01234:2"]
	evs := n.Events(rec) // dispatches to CaseloadEvents, not the docket view the record also carries
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

	evs = n.Events(m["TXS:2020R00077:3"])
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

	evs = n.Events(m["AZ:2021R00500:2"])
	if got := summarize(evs); len(got) != 2 || got[1].Type != "dismissed" || got[1].Date != "2023-08-02" || !reflect.DeepEqual(got[1].Categories, []string{"alien_smuggling"}) {
		t.Errorf("AZ events %+v", got)
	}

	evs = n.Events(m["NYE:2022R00310:3"])
	if got := summarize(evs); len(got) != 2 || got[1].Type != "acquitted" || !reflect.DeepEqual(got[1].Statutes, []string{"18 U.S.C. 2422(b)"}) {
		t.Errorf("NYE events %+v", got)
	}
	if !reflect.DeepEqual(evs[0].Agencies, []string{"ICAC", "USPIS"}) {
		t.Errorf("NYE agencies %v", evs[0].Agencies)
	}

	// The sealed co-defendant: charged (statute withheld), nothing else yet.
	evs = n.Events(m["CAC:2022R00900:3"])
	if got := summarize(evs); len(got) != 1 || got[0].Type != "charged" || got[0].Statutes != nil {
		t.Errorf("sealed events %+v", got)
	}

	// July: AZ and NYE are pending: charged only.
	jm := caseloadRecords(t, caseloadJuly)
	for _, k := range []string{"AZ:2021R00500:2", "NYE:2022R00310:3"} {
		if evs := n.Events(jm[k]); len(evs) != 1 || evs[0].Type != "charged" {
			t.Errorf("%s in July: %+v", k, summarize(evs))
		}
	}
}

// CaseloadOutcome is the final trial-court disposition the snapshot rows
// carry: the magistrate stage's NW is not an outcome, the district court's is.
func TestCaseloadOutcomeConstructed(t *testing.T) {
	jul, aug := caseloadRecords(t, caseloadJuly), caseloadRecords(t, caseloadAugust)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	for _, tc := range []struct {
		rec  sources.Record
		want Outcome
	}{
		{jul["FLM:2019R01234:2"], Outcome{"GT", "PLED", day("2020-01-16"), "plea"}},
		{jul["TXS:2020R00077:3"], Outcome{"GT", "JTRD", day("2021-05-11"), "verdict"}},
		{jul["AZ:2021R00500:2"], Outcome{}},
		{aug["AZ:2021R00500:2"], Outcome{"DM", "GWOD", day("2023-08-02"), ""}},
		{aug["NYE:2022R00310:3"], Outcome{"NG", "JTRD", day("2023-07-28"), ""}},
		{aug["CAC:2022R00900:3"], Outcome{}},
	} {
		if got := CaseloadOutcome(tc.rec.Caseload); got != tc.want {
			t.Errorf("%s %s: outcome %+v, want %+v", tc.rec.Key, tc.rec.Caseload.Snapshot, got, tc.want)
		}
	}
}

// A plea, a verdict, an acquittal and a dismissal mean the same event
// whether a docket's words or a caseload's codes say it.
func TestCaseloadAndDocketAgree(t *testing.T) {
	n := newNormalizer(t)
	filed := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	decided := time.Date(2023, 5, 2, 0, 0, 0, 0, time.UTC)
	const statute = "18 U.S.C. 2422(b)"
	for _, tc := range []struct {
		name             string
		docketDisp       string // a count disposition as a docket prints it
		code, reason     string // the same as LIONS codes it
		wantType, wantPV string
	}{
		{"plea", "Plea of Guilty; Imprisonment: 120 months", "GT", "PLED", Convicted, "plea"},
		{"verdict", "Jury verdict of guilty; Imprisonment: 120 months", "GT", "JTRD", Convicted, "verdict"},
		{"acquittal", "Not Guilty by jury verdict", "NG", "JTRD", Acquitted, ""},
		{"dismissal", "Dismissed on government motion", "DM", "GWOD", Dismissed, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docket := sources.Record{Source: "pacer", Key: "x", Docket: &sources.Docket{CaseType: "cr", District: "D. Neb.", DocketNumber: "8:22-cr-00001",
				DateFiled: filed, Defendants: []sources.Defendant{{Name: "John Doe", Counts: []sources.Count{
					{Text: "18:2422(b) ENTICEMENT OF A MINOR", Statute: statute, Numbers: "1", Status: "terminated", Disposition: tc.docketDisp}}}}}}
			body := "stage\ndisposition\n"
			caseload := sources.Record{Source: "eousa", Key: "NE:2022R00001:2", Body: body, Caseload: &sources.Caseload{
				DistrictName: "D. Neb.", CourtNumber: "22-CR-00001",
				Stages: []sources.CaseStage{{ID: 1, Court: "DC", Number: "22-CR-00001", FilingDate: filed, Disposition: tc.code, DispReason: tc.reason,
					DispDate: decided, Line: sources.Span{Start: 0, End: 5}, DispositionLine: sources.Span{Start: 6, End: 17}}},
				Counts: []sources.CaseCount{{Stage: 1, Instrument: 1, ID: 1, Statute: statute, Disposition: tc.code, DispReason: tc.reason, DispDate: decided}}}}
			outcome := func(evs []Event) (string, string, []string) {
				for _, e := range evs {
					if e.Type != Charged && e.Type != Arrest && e.Type != Sentenced {
						return e.Type, e.PleaOrVerdict, e.Categories
					}
				}
				return "", "", nil
			}
			dt, dpv, dcats := outcome(n.Events(docket))
			ct, cpv, ccats := outcome(n.Events(caseload))
			if dt != tc.wantType || ct != tc.wantType || dpv != tc.wantPV || cpv != tc.wantPV || !reflect.DeepEqual(dcats, ccats) {
				t.Errorf("docket %s %q %v, caseload %s %q %v; want %s %q", dt, dpv, dcats, ct, cpv, ccats, tc.wantType, tc.wantPV)
			}
		})
	}
}
