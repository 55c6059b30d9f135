package eousa

import "testing"

func TestRefs(t *testing.T) {
	r, err := LoadRefs()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Districts) != 94 {
		t.Errorf("%d EOUSA districts, want 94", len(r.Districts))
	}
	for code, want := range map[string]string{"FLM": "M.D. Fla.", "TXS": "S.D. Tex.", "AK": "D. Alaska", "DC": "D.D.C.", "GU": "D. Guam", "NMI": "D. N. Mar. I."} {
		if got := r.Districts[code].Name; got != want {
			t.Errorf("district %s → %q, want %q", code, got, want)
		}
	}
	for code, want := range map[string]string{"HSCE": "ICE", "JUFB": "FBI", "HSCB": "CBP", "JUMS": "USMS", "PSUS": "USPIS", "ZCAC": "ICAC", "ZTAT": "STATE_LOCAL", "ZTAZ": "STATE_LOCAL"} {
		if got := r.Agencies[code].Agency; got != want {
			t.Errorf("agency %s → %q, want %q", code, got, want)
		}
	}
	if r.Agencies["HSCE"].Label != "ICE (HSI or ERO)" {
		t.Errorf("HSCE label %q", r.Agencies["HSCE"].Label)
	}
	if _, ok := r.Agencies["INS"]; ok {
		t.Error("INS is Indiana-Southern (a transferring district), not an agency")
	}
}
