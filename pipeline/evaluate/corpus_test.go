package evaluate

import (
	"os"
	"testing"

	"casetrack/internal/testshared"
	"casetrack/pipeline/normalize"
)

func runGold(t *testing.T, dir string) Report {
	t.Helper()
	docs, err := LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	n, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	pred := map[string][]normalize.Event{}
	for _, g := range docs {
		rec := g.Record()
		evs := n.Events(rec)
		for _, e := range evs {
			if rec.Body[e.EvidenceStart:e.EvidenceEnd] != e.Evidence {
				t.Errorf("%s: evidence offsets do not point at the evidence", g.ID)
			}
		}
		pred[g.URL] = evs
	}
	rep := Score(docs, pred)
	if testing.Verbose() || os.Getenv("EVAL_DIFF") != "" {
		_ = rep.WriteText(os.Stdout)
	}
	return rep
}

// TestDevTargets holds the extraction to the targets on the dev set.
func TestDevTargets(t *testing.T) {
	dir := testshared.Path(t, "corpus", "dev")
	rep := runGold(t, dir)
	t.Logf("dev: events F1 %.3f (P %.3f R %.3f), categories F1 %.3f, agencies F1 %.3f, immigration FP %d",
		rep.Events.F1(), rep.Events.Precision(), rep.Events.Recall(), rep.Categories.F1(), rep.Agencies.F1(), rep.ImmigrationFP)
	if rep.Events.F1() < 0.95 {
		t.Errorf("event F1 %.3f < 0.95", rep.Events.F1())
	}
	if rep.Categories.F1() < 0.90 {
		t.Errorf("category F1 %.3f < 0.90", rep.Categories.F1())
	}
	if rep.Agencies.F1() < 0.90 {
		t.Errorf("agency F1 %.3f < 0.90", rep.Agencies.F1())
	}
	if rep.ImmigrationFP != 0 {
		t.Errorf("%d immigration false positives", rep.ImmigrationFP)
	}
}

// TestDevICE reports the scores on the full-text ICE set (the unseen test
// set is drawn like it) and guards against regressions below a floor.
func TestDevICE(t *testing.T) {
	dir := testshared.Path(t, "corpus", "dev-ice")
	rep := runGold(t, dir)
	t.Logf("dev-ice: events F1 %.3f (P %.3f R %.3f), categories F1 %.3f, agencies F1 %.3f, immigration FP %d",
		rep.Events.F1(), rep.Events.Precision(), rep.Events.Recall(), rep.Categories.F1(), rep.Agencies.F1(), rep.ImmigrationFP)
	if rep.ImmigrationFP != 0 {
		t.Errorf("%d immigration false positives", rep.ImmigrationFP)
	}
}
