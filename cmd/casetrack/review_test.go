package main

import (
	"context"
	"testing"

	"casetrack/internal/testshared"
	"casetrack/pipeline/evaluate"
)

// TestReviewSheetAgainstGold holds the review sheet's two rates on the
// labelled sets (README, "Correcting the data"): of the extracted events
// that match no gold event it flags at least half, of those that match one
// at most one in five. Thresholds, not today's figures: extraction improves
// and the event sets move.
func TestReviewSheetAgainstGold(t *testing.T) {
	var all evaluate.SheetScore
	for _, set := range []string{"dev", "dev-ice", "dev-ice-2"} {
		dir := testshared.Path(t, "corpus", set)
		docs, err := evaluate.LoadGold(dir)
		if err != nil {
			t.Fatal(err)
		}
		_, s, err := scoreDir(context.Background(), dir, docs, "", true)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: flags %d of %d unmatched, %d of %d matched", set, s.UnmatchedFlagged, s.Unmatched, s.MatchedFlagged, s.Matched)
		all.Unmatched += s.Unmatched
		all.UnmatchedFlagged += s.UnmatchedFlagged
		all.Matched += s.Matched
		all.MatchedFlagged += s.MatchedFlagged
	}
	if all.Matched == 0 {
		t.Fatal("no extracted event matches gold: the sets did not load")
	}
	if 2*all.UnmatchedFlagged < all.Unmatched {
		t.Errorf("the sheet flags %d of %d events that match no gold event, want at least half", all.UnmatchedFlagged, all.Unmatched)
	}
	if 5*all.MatchedFlagged > all.Matched {
		t.Errorf("the sheet flags %d of %d events that match gold, want at most one in five", all.MatchedFlagged, all.Matched)
	}
}
