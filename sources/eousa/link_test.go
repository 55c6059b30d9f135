package eousa

import "testing"

func TestDocketJoinKey(t *testing.T) {
	for _, tc := range []struct {
		court, number, want string
		ok                  bool
	}{
		{"flmd", "23-CR-00123", "flmd:23-cr-00123", true},
		{"flmd", "1:23-cr-00123", "flmd:23-cr-00123", true},
		{"flmd", "8:23-cr-123-T-23AEP", "flmd:23-cr-00123", true},
		{"azd", "2:17-cr-00378-SPL-2", "azd:17-cr-00378", true},
		{"azd", "17-CR-00378-01", "azd:17-cr-00378", true},
		{"nyed", "11-CR-01234-E", "nyed:11-cr-01234", true},
		{"flmd", "19-MJ-01100", "flmd:19-mj-01100", true},
		{"flmd", "8:19-mj-01100-AEP", "flmd:19-mj-01100", true},
		{"txsd", "4:2023-cr-00123", "txsd:23-cr-00123", true},
		{"TXSD", " 23-CR-00123 ", "txsd:23-cr-00123", true},
		{"flmd", "*", "", false},
		{"flmd", "", "", false},
		{"flmd", "CR 97-123 free text", "", false},
		{"", "23-CR-00123", "", false},
		{"flmd", "23-CR-1234567", "", false},
	} {
		got, ok := DocketJoinKey(tc.court, tc.number)
		if got != tc.want || ok != tc.ok {
			t.Errorf("DocketJoinKey(%q, %q) = %q %v, want %q %v", tc.court, tc.number, got, ok, tc.want, tc.ok)
		}
	}
	// The two sides of one case meet on one key, district by district.
	a, _ := DocketJoinKey("flmd", "23-CR-00123")
	b, _ := DocketJoinKey("flmd", "1:23-cr-00123")
	c, _ := DocketJoinKey("flsd", "1:23-cr-00123")
	if a != b || a == c {
		t.Errorf("join keys %q %q %q", a, b, c)
	}
}
