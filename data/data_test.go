package data

import "testing"

func TestDistricts(t *testing.T) {
	ds, err := Districts()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 94 {
		t.Fatalf("got %d districts, want 94", len(ds))
	}
	seen := map[string]bool{}
	for _, d := range ds {
		if d.CourtID == "" || d.Name == "" || d.USAO == "" || d.Component == "" {
			t.Errorf("incomplete row %+v", d)
		}
		if seen[d.CourtID] || seen[d.Name] {
			t.Errorf("duplicate %s / %s", d.CourtID, d.Name)
		}
		seen[d.CourtID], seen[d.Name] = true, true
	}
}
