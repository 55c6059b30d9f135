package link

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"casetrack/internal/testshared"
	"casetrack/internal/testshared/dojpage"
	"casetrack/pipeline/normalize"
)

// sameAsAllPairs resolves events with Resolve and with resolveAllPairs
// (the former every-pair Resolve) and fails unless:
//   - every assignment (person, case, occurrence) and warning is identical;
//   - every uncertain, keep_apart and reviewed link is identical, and
//     Resolve records no link the oracle did not (same score and reasons);
//   - the rule merge links form a spanning forest of each person: each
//     joins two groups not yet joined, and together with the honoured
//     reviewed merges they connect exactly the events of each person.
//
// Events are put in id order first, the order linkdb.LoadEvents reads them
// in: the oracle broke ties between equal scores by input position, so on
// other orders it could itself give different people when a conflict
// hinges on which of two equal edges comes first; Resolve breaks them by
// id whatever the order (TestDeterministic).
func sameAsAllPairs(t *testing.T, name string, events []Event, opt Options) {
	t.Helper()
	events = slices.Clone(events)
	slices.SortFunc(events, func(a, b Event) int { return strings.Compare(a.EventID, b.EventID) })
	want, err := resolveAllPairs(events, opt)
	if err != nil {
		t.Fatalf("%s: oracle: %v", name, err)
	}
	got, err := Resolve(events, opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(got.Assignments) != len(want.Assignments) {
		t.Fatalf("%s: %d assignments, oracle %d", name, len(got.Assignments), len(want.Assignments))
	}
	diff := 0
	for i := range want.Assignments {
		if got.Assignments[i] != want.Assignments[i] {
			if diff++; diff <= 5 {
				t.Errorf("%s: assignment %+v, oracle %+v", name, got.Assignments[i], want.Assignments[i])
			}
		}
	}
	if diff > 0 {
		t.Errorf("%s: %d of %d assignments differ", name, diff, len(want.Assignments))
	}
	if !slices.Equal(got.Warnings, want.Warnings) {
		t.Errorf("%s: warnings %q, oracle %q", name, got.Warnings, want.Warnings)
	}
	sameLink := func(x, y Link) bool {
		return x.A == y.A && x.B == y.B && x.Score == y.Score && x.Decision == y.Decision &&
			x.DecidedBy == y.DecidedBy && slices.Equal(x.Reasons, y.Reasons)
	}
	type pair struct{ a, b string }
	oracle := make(map[pair]Link, len(want.Links))
	for _, l := range want.Links {
		oracle[pair{l.A, l.B}] = l
	}
	mine := make(map[pair]bool, len(got.Links))
	for x, l := range got.Links {
		if x > 0 && (got.Links[x-1].A > l.A || got.Links[x-1].A == l.A && got.Links[x-1].B >= l.B) {
			t.Fatalf("%s: links not sorted by A, B (or repeated) at %d: %+v", name, x, l)
		}
		mine[pair{l.A, l.B}] = true
		o, ok := oracle[pair{l.A, l.B}]
		if !ok || !sameLink(l, o) {
			t.Errorf("%s: link %+v, oracle %+v (found %v)", name, l, o, ok)
		}
	}
	for _, o := range want.Links {
		if (o.Decision != DecisionMerge || o.DecidedBy == "review") && !mine[pair{o.A, o.B}] {
			t.Errorf("%s: link %+v missing", name, o)
		}
	}

	// The merge links explain every person, with no redundant rule edge.
	person := make(map[string]string, len(got.Assignments))
	idx := make(map[string]int32, len(got.Assignments))
	for i, a := range got.Assignments {
		person[a.EventID], idx[a.EventID] = a.PersonID, int32(i)
	}
	uf := newUnionFind(len(events))
	ruleMerges := 0
	for _, pass := range []string{"review", "rule"} {
		for _, l := range got.Links {
			if l.Decision != DecisionMerge || l.DecidedBy != pass {
				continue
			}
			if person[l.A] == "" || person[l.A] != person[l.B] {
				if pass == "rule" {
					t.Errorf("%s: rule merge %s/%s across people %q / %q", name, l.A, l.B, person[l.A], person[l.B])
				}
				continue // a reviewed merge refused by a reviewed keep_apart
			}
			a, b := idx[l.A], idx[l.B]
			if uf.find(a) == uf.find(b) {
				if pass == "rule" {
					t.Errorf("%s: rule merge %s/%s joins events already joined: not a spanning forest", name, l.A, l.B)
				}
				continue
			}
			if pass == "rule" {
				ruleMerges++
			}
			uf.union(a, b)
		}
	}
	rootOf := map[string]int32{}
	for i, a := range got.Assignments {
		if a.PersonID == "" {
			continue
		}
		r := uf.find(int32(i))
		if prev, ok := rootOf[a.PersonID]; ok && prev != r {
			t.Errorf("%s: person %s is not connected by its merge links (%s)", name, a.PersonID, a.EventID)
		}
		rootOf[a.PersonID] = r
	}
	t.Logf("%s: %d events, %d people, %d links (oracle %d), %d rule merge edges, %d uncertain",
		name, len(events), len(rootOf), len(got.Links), len(want.Links), ruleMerges, len(got.Uncertain()))
}

// realEvents extracts the events of real releases, as the import would
// store them: every body of corpus/ice-full and the 100 releases of the
// 2020 DOJ API page, each event keyed by its document URL and position,
// dated by the document when the text gives no date.
func realEvents(t *testing.T) []Event {
	t.Helper()
	norm, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	recs := testshared.ICEFullRecords(t)
	recs = append(recs, dojpage.Records(t)...)
	var out []Event
	for _, r := range recs {
		for k, e := range norm.Events(r) {
			x := Event{EventID: fmt.Sprintf("%s#%d", r.URL, k), DocURL: r.URL, Source: r.Source, Publisher: r.Publisher,
				Type: e.Type, Defendant: e.Defendant, Aliases: e.Aliases, Age: e.Age, PersonCount: e.PersonCount,
				Date: e.Date, District: e.District, DocketNumber: e.DocketNumber, Categories: e.Categories,
				Agencies: e.Agencies, CourtVerified: e.CourtVerified}
			if x.Date.IsZero() && !r.Published.IsZero() {
				x.Date, x.DateFromDoc = r.Published, true
			}
			out = append(out, x)
		}
	}
	if len(out) < 500 {
		t.Fatalf("only %d events from %d real releases", len(out), len(recs))
	}
	return out
}

// repeated copies the DOJ page's events n times under new document URLs
// and ids, as BenchmarkImport10kDOJ does with whole releases: every
// defendant then recurs n times with identical names, dates and keys.
func repeated(t *testing.T, events []Event, n int) []Event {
	t.Helper()
	var base []Event
	for _, e := range events {
		if e.Source == "doj" {
			base = append(base, e)
		}
	}
	out := make([]Event, 0, n*len(base))
	for c := range n {
		for _, e := range base {
			e.EventID = fmt.Sprintf("%s-copy-%d", e.EventID, c)
			e.DocURL = fmt.Sprintf("%s-copy-%d", e.DocURL, c)
			out = append(out, e)
		}
	}
	return out
}

// reviewedSample turns some of the oracle's uncertain pairs into reviewed
// merges and some of its merges into reviewed keep_aparts, so the
// reviewed paths are compared too.
func reviewedSample(t *testing.T, events []Event) []Decision {
	t.Helper()
	res, err := resolveAllPairs(events, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ds []Decision
	u, m := 0, 0
	for _, l := range res.Links {
		switch l.Decision {
		case DecisionUncertain:
			if u++; u%3 == 0 {
				ds = append(ds, Decision{KeyA: l.A, KeyB: l.B, Decision: DecisionMerge, Note: "sample"})
			}
		case DecisionMerge:
			if m++; m%40 == 0 {
				ds = append(ds, Decision{KeyA: "P-" + l.A, KeyB: l.B, Decision: DecisionKeepApart})
			}
		}
	}
	if len(ds) == 0 {
		t.Fatalf("no decisions sampled from %d uncertain and %d merge links", u, m)
	}
	return ds
}

func TestResolveMatchesAllPairs(t *testing.T) {
	sameAsAllPairs(t, "scenario", scenario(t), Options{})
	syn, _ := synthetic(20000, 7)
	sameAsAllPairs(t, "synthetic", syn, Options{})
	small, _ := synthetic(4000, 11)
	sameAsAllPairs(t, "synthetic+reviewed", small, Options{Decisions: reviewedSample(t, small)})
	real := realEvents(t)
	sameAsAllPairs(t, "ice-full+doj", real, Options{})
	rep := repeated(t, real, 30)
	sameAsAllPairs(t, "doj×30", rep, Options{})
	sameAsAllPairs(t, "doj×30+reviewed", rep, Options{Decisions: reviewedSample(t, rep)})

	// Equal scores abound among copies; which edge joins two groups must
	// not depend on the input order.
	res1, err := Resolve(rep, Options{})
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(rep)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	res2, err := Resolve(shuffled, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(res1.Links, res2.Links, func(x, y Link) bool {
		return x.A == y.A && x.B == y.B && x.Score == y.Score && x.Decision == y.Decision && slices.Equal(x.Reasons, y.Reasons)
	}) {
		t.Error("doj×30: shuffled input changed the links")
	}
}
