package eousa

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"casetrack/sources"
)

// line is the Body line a span points at; it fails the test unless the
// span is exactly one line.
func line(t *testing.T, rec sources.Record, sp sources.Span) string {
	t.Helper()
	if sp.Start < 0 || sp.End <= sp.Start || sp.End > len(rec.Body) || (sp.Start > 0 && rec.Body[sp.Start-1] != '\n') || rec.Body[sp.End] != '\n' ||
		strings.Contains(rec.Body[sp.Start:sp.End], "\n") {
		t.Fatalf("%s: span %+v is not a line of the body:\n%s", rec.Key, sp, rec.Body)
	}
	return rec.Body[sp.Start:sp.End]
}

// The constructed August release's FLM defendant as a record: the header,
// the docket view and the caseload part, each fact pointing at its line.
func TestRecordConstructed(t *testing.T) {
	aug, _, _ := decodeAll(t, "testdata/constructed_AUGFY2023", Options{})
	m := byKey(aug)
	def := m["FLM:2019R01234:2"]
	rec := def.Record("https://example.test/aug-2023")
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

	cl := rec.Caseload
	if cl == nil {
		t.Fatal("no caseload part")
	}
	if cl.Snapshot != "AUGFY2023" || !cl.SnapshotDate.Equal(rec.Published) || cl.ContentHash != def.ContentHash() || cl.ContentHash == "" ||
		cl.District != "FLM" || cl.DistrictName != "M.D. Fla." || cl.CourtID != "flmd" || cl.CaseID != "2019R01234" || cl.PartID != 2 ||
		cl.Role != "D" || cl.Sealed || cl.CourtNumber != "19-CR-00145" || cl.DocketJoinKey != "flmd:19-cr-00145" || !cl.FilingDate.Equal(day("2019-03-15")) ||
		!reflect.DeepEqual(cl.ProgramCategories, []string{"080"}) || !reflect.DeepEqual(cl.Agencies, []sources.CaseAgency{{Code: "HSCE", Agency: "ICE", Lead: true}}) {
		t.Errorf("caseload header %+v", cl)
	}
	if len(cl.Stages) != 2 || len(cl.Counts) != 2 || cl.Sentence == nil {
		t.Fatalf("caseload stages %d, counts %d, sentence %v", len(cl.Stages), len(cl.Counts), cl.Sentence)
	}
	mg, dc := cl.Stages[0], cl.Stages[1]
	if mg.Court != "MG" || mg.Number != "19-MJ-01100" || mg.Disposition != "NW" || len(mg.Instruments) != 1 || mg.Instruments[0].Type != "CO" ||
		dc.Court != "DC" || dc.Number != "19-CR-00145" || dc.Disposition != "GT" || dc.DispReason != "PLED" || !dc.DispDate.Equal(day("2020-01-16")) ||
		len(dc.Instruments) != 1 || dc.Instruments[0].Type != "IN" || !dc.Instruments[0].FilingDate.Equal(day("2019-04-10")) {
		t.Errorf("stages %+v", cl.Stages)
	}
	for _, want := range []struct {
		sp     sources.Span
		starts string
	}{
		{mg.Line, "GS_COURT_HIST 1: COURT=MG COURT_NUMBER=19-MJ-01100"},
		{mg.Instruments[0].Line, "GS_INSTRUMENT 1/1: TYPE=CO (complaint) FILING_DATE=15-MAR-2019"},
		{mg.DispositionLine, "GS_PART_COURT 2/1: DISPOSITION=NW (new filing)"},
		{dc.Line, "GS_COURT_HIST 2: COURT=DC COURT_NUMBER=19-CR-00145"},
		{dc.Instruments[0].Line, "GS_INSTRUMENT 2/2: TYPE=IN (indictment)"},
		{dc.DispositionLine, "GS_PART_COURT 2/2: DISPOSITION=GT (guilty) DISP_REASON=PLED DISP_DATE=16-JAN-2020"},
		{cl.Counts[0].Line, "Count 2/2/1: CHARGE=18 :2252Aa2 (18 U.S.C. 2252A(a)(2)) CATEGORY=F DISPOSITION=GT"},
		{cl.Counts[1].Line, "Count 2/2/2: CHARGE=18 :2252Aa5B (18 U.S.C. 2252A(a)(5)(B)) CATEGORY=F DISPOSITION=DM DISP_REASON=GWOD"},
		{cl.Sentence.Line, "GS_SENTENCE: SENT_DATE=16-JAN-2020 INCAR_TYPE= incarceration 97 months"},
	} {
		if got := line(t, rec, want.sp); !strings.HasPrefix(got, want.starts) {
			t.Errorf("line %q, want it to start %q", got, want.starts)
		}
	}
	if c := cl.Counts[1]; c.Stage != 2 || c.Instrument != 2 || c.ID != 2 || c.Statute != "18 U.S.C. 2252A(a)(5)(B)" || c.Class != "F" ||
		c.Disposition != "DM" || c.DispReason != "GWOD" || c.CaseLevel {
		t.Errorf("count 2 %+v", c)
	}
	if s := cl.Sentence; s.Months != 97 || s.Life || s.TimeServed || !s.Date.Equal(day("2020-01-16")) {
		t.Errorf("sentence %+v", s)
	}

	// TXS: life, two agencies (the lead first), the superseding instrument.
	txsDef := m["TXS:2020R00077:3"]
	txs := txsDef.Record("").Caseload
	if !txs.Sentence.Life || len(txs.Stages[0].Instruments) != 2 || txs.Stages[0].Instruments[1].Type != "SN" ||
		!reflect.DeepEqual(txs.Agencies, []sources.CaseAgency{{Code: "JUFB", Agency: "FBI", Lead: true}, {Code: "ZTAT", Agency: "STATE_LOCAL"}}) {
		t.Errorf("TXS caseload %+v", txs)
	}

	// The sealed co-defendant: role and count withheld, said so in the body.
	sealed := m["CAC:2022R00900:3"]
	rec = sealed.Record("")
	if rec.URL != LandingURL || !rec.Caseload.Sealed || rec.Caseload.Role != "D*" || rec.Caseload.Counts[0].Charge != sources.Withheld || rec.Caseload.Counts[0].Statute != "" {
		t.Errorf("sealed caseload %+v", rec.Caseload)
	}
	if !strings.Contains(rec.Body, "ROLE=D*") || !strings.Contains(rec.Body, "CHARGE=* (withheld or unreadable)") {
		t.Errorf("sealed body:\n%s", rec.Body)
	}
	// July: AZ is pending, no disposition line.
	jul, _, _ := decodeAll(t, "testdata/constructed_JULFY2023", Options{})
	azDef := byKey(jul)["AZ:2021R00500:2"]
	az := azDef.Record("").Caseload
	if az.Stages[0].Disposition != "" || az.Stages[0].DispositionLine != (sources.Span{}) {
		t.Errorf("pending AZ stage %+v", az.Stages[0])
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
