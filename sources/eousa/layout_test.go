package eousa

import (
	"os"
	"strings"
	"testing"

	"casetrack/internal/testshared"
)

// TestParseReadmeRealSEPFY2018 parses the text of the real README.TXT files
// of the SEPFY2018 release (all 23 parts, concatenated in one PDF, with
// page breaks) and checks every table against the published layout CSV.
func TestParseReadmeRealSEPFY2018(t *testing.T) {
	p := testshared.Path(t, "fixtures", "eousa", "source_docs", "SEPFY2018_README_REPORTS_LOGS.pdftotext-layout.txt")
	fh, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	rd, err := ParseReadme(fh)
	if err != nil {
		t.Fatal(err)
	}
	want := loadSharedLayout(t)
	if len(rd.Layout) != len(want) {
		t.Errorf("%d tables, want %d", len(rd.Layout), len(want))
	}
	for name, wt := range want {
		gt := rd.Layout[name]
		if gt == nil {
			t.Errorf("%s missing", name)
			continue
		}
		if gt.RecLen != wt.RecLen || len(gt.Columns) != len(wt.Columns) {
			t.Errorf("%s: reclen %d cols %d, want %d / %d", name, gt.RecLen, len(gt.Columns), wt.RecLen, len(wt.Columns))
			continue
		}
		for i, c := range wt.Columns {
			g := gt.Columns[i]
			if g.Name != c.Name || g.Start != c.Start || g.End != c.End || g.NotNull != c.NotNull {
				t.Errorf("%s column %d: %+v, want %+v", name, i+1, g, c)
			}
		}
	}
	if got := rd.Files["gs_case.txt"]; got != 2217320048 {
		t.Errorf("file listing gs_case.txt = %d", got)
	}
	if got := rd.Files["gs_participant_FLM.txt"]; got == 0 || got%1160 != 0 {
		t.Errorf("gs_participant_FLM.txt = %d, want a multiple of 1160", got)
	}
}

// TestDefaultLayoutAgreesWithRealLayout checks the shipped fallback
// against the full SEPFY2018 layout.
func TestDefaultLayoutAgreesWithRealLayout(t *testing.T) {
	def, err := DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range append(requiredTables, optionalTables...) {
		if def[name] == nil {
			t.Errorf("fallback lacks %s", name)
		}
	}
	full := loadSharedLayout(t)
	for name, dt := range def {
		ft := full[name]
		if ft == nil || ft.RecLen != dt.RecLen {
			t.Errorf("%s: not in the real layout or other length", name)
			continue
		}
		for _, c := range dt.Columns {
			fc, ok := ft.Column(c.Name)
			if !ok || fc != c {
				t.Errorf("%s.%s: %+v, real %+v", name, c.Name, c, fc)
			}
		}
	}
}

func TestParseReadmeRejectsBrokenLayout(t *testing.T) {
	in := "GS_X - 10 Characters\n\nName Null? Type Position\nA   NOT NULL VARCHAR2(5) (1:5)\nB   VARCHAR2(6) (6:11)\n"
	if _, err := ParseReadme(strings.NewReader(in)); err == nil {
		t.Error("column past the record accepted")
	}
}

func TestParseCharge(t *testing.T) {
	for _, tc := range []struct{ raw, statute, base string }{
		{"18 :02252a", "18 U.S.C. 2252(a)", "18 U.S.C. 2252"},
		{"18 :2252Aa2", "18 U.S.C. 2252A(a)(2)", "18 U.S.C. 2252A"},
		{"18 :02252Aa5B", "18 U.S.C. 2252A(a)(5)(B)", "18 U.S.C. 2252A"},
		{"21 :00841a1", "21 U.S.C. 841(a)(1)", "21 U.S.C. 841"},
		{"08 :01326(a)", "8 U.S.C. 1326(a)", "8 U.S.C. 1326"},
		{"08 :01326ab2", "8 U.S.C. 1326(a)(b)(2)", "8 U.S.C. 1326"},
		{"08 :01324a1Aii", "8 U.S.C. 1324(a)(1)(A)(ii)", "8 U.S.C. 1324"},
		{"18 :00510(C)", "18 U.S.C. 510(C)", "18 U.S.C. 510"},
		{"18:02113", "18 U.S.C. 2113", "18 U.S.C. 2113"},
		{"42 :06928d2", "42 U.S.C. 6928(d)(2)", "42 U.S.C. 6928"},
		{"18 :01591a1", "18 U.S.C. 1591(a)(1)", "18 U.S.C. 1591"},
	} {
		c, ok := ParseCharge(tc.raw)
		if !ok || c.Statute() != tc.statute || c.Base() != tc.base {
			t.Errorf("%q → %q / %q (ok %v), want %q / %q", tc.raw, c.Statute(), c.Base(), ok, tc.statute, tc.base)
		}
		m := chargeMatcher{set: map[string]bool{tc.base: true}}
		if !m.match([]byte(tc.raw)) {
			t.Errorf("matcher misses %q", tc.raw)
		}
	}
	for _, raw := range []string{"", "*", "21%841", "xx :01234", "18 :", "18 :00000"} {
		if c, ok := ParseCharge(raw); ok {
			t.Errorf("%q parsed as %+v", raw, c)
		}
	}
	m := chargeMatcher{set: DefaultChargeSet()}
	if m.match([]byte("18 :02252a")) != true || m.match([]byte("21 :00841a1")) || m.match([]byte("*")) {
		t.Error("default charge set")
	}
}

// TestParseChargeRealLeadCharges reads the 14 real LEAD_CHARGE values
// seen in SEPFY2018 and checks title and section against the reading
// recorded beside them.
func TestParseChargeRealLeadCharges(t *testing.T) {
	p := testshared.Path(t, "fixtures", "eousa", "observed_lead_charge_values_SEPFY2018.csv")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
	for _, line := range lines {
		f := strings.SplitN(line, ",", 5)
		c, ok := ParseCharge(f[0])
		if !ok {
			t.Errorf("%q unreadable", f[0])
			continue
		}
		wantTitle := strings.TrimLeft(f[1], "0")
		wantSec := strings.TrimLeft(f[2], "0")
		if c.Title != wantTitle || c.Section != wantSec || c.Tail != f[3] {
			t.Errorf("%q → %s/%s/%s, want %s/%s/%s", f[0], c.Title, c.Section, c.Tail, wantTitle, wantSec, f[3])
		}
	}
}
