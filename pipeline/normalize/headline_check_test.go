package normalize_test

import (
	"sort"
	"strings"
	"testing"

	"casetrack/pipeline/normalize"
)

// TestHeadlineAgreement is the label-free check over every real release in
// ../shared: a release whose title announces a stage ("ICE arrests …",
// "… sentenced to 15 years") must yield an event of that stage. It reports
// the agreement per corpus and, with -v, every release that disagrees, and
// fails below the floors (raise them as extraction improves).
func TestHeadlineAgreement(t *testing.T) {
	n, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string]float64{"ice": 0.97, "doj": 0.97, "file": 0.97}
	type tally struct{ stated, agreed int }
	by := map[string]*tally{}
	var misses []string
	for _, r := range goldenRecords(t) {
		stages := normalize.HeadlineStages(r.Title)
		if len(stages) == 0 {
			continue
		}
		tl := by[r.Source]
		if tl == nil {
			tl = &tally{}
			by[r.Source] = tl
		}
		tl.stated++
		ok := false
		var got []string
		for _, e := range n.Events(r) {
			got = append(got, e.Type)
			for _, s := range stages {
				if e.Type == s {
					ok = true
				}
			}
		}
		if ok {
			tl.agreed++
			continue
		}
		misses = append(misses, r.Source+" "+strings.Join(stages, ",")+" ← ["+strings.Join(got, ",")+"] "+r.Title)
	}
	sort.Strings(misses)
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	for src, tl := range by {
		rate := float64(tl.agreed) / float64(tl.stated)
		t.Logf("%s: %d of %d releases whose title states a stage yield an event of it (%.3f)", src, tl.agreed, tl.stated, rate)
		if rate < floors[src] {
			t.Errorf("%s: headline agreement %.3f below %.2f", src, rate, floors[src])
		}
	}
}
