package link

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// resolveAllPairs is Resolve as it was before links became an audit trail:
// it keeps every scored pair (a candidate per pair in memory) and records
// every merge-verdict pair as a link. It is kept here, test-only, as the
// oracle that the leaner Resolve must match: the same people, cases and
// occurrences, and the same uncertain, keep_apart and reviewed links.
// It shares prepare, score and decide with Resolve, so a change to the
// scoring rules changes both alike.
func resolveAllPairs(events []Event, opt Options) (Result, error) {
	n := len(events)
	byID := make(map[string]int32, n)
	for i := range events {
		id := events[i].EventID
		if id == "" {
			return Result{}, fmt.Errorf("link: event %d has no id", i)
		}
		if _, dup := byID[id]; dup {
			return Result{}, fmt.Errorf("link: duplicate event id %q", id)
		}
		byID[id] = int32(i)
	}
	prep := make([]prepared, n)
	for i := range events {
		prep[i] = prepare(&events[i])
	}
	// How many districts each exact name is seen in (see prepared.spread).
	spread := map[string]map[string]bool{}
	nameKey := func(p *prepared) string {
		t := p.names[0].tokens
		return t[0] + " " + t[len(t)-1]
	}
	for i := range prep {
		if len(prep[i].names) == 0 || events[i].District == "" {
			continue
		}
		k := nameKey(&prep[i])
		if spread[k] == nil {
			spread[k] = map[string]bool{}
		}
		spread[k][events[i].District] = true
	}
	for i := range prep {
		if len(prep[i].names) > 0 {
			prep[i].spread = len(spread[nameKey(&prep[i])])
		}
	}
	var res Result

	// Reviewed decisions, resolved to event indices.
	reviewed := make(map[uint64]Decision)
	keepApart := make(map[uint64]bool)
	for _, d := range opt.Decisions {
		a, okA := resolveKey(d.KeyA, byID)
		b, okB := resolveKey(d.KeyB, byID)
		if !okA || !okB {
			res.Warnings = append(res.Warnings, fmt.Sprintf("decision %s/%s: unknown event, ignored", d.KeyA, d.KeyB))
			continue
		}
		if a == b {
			continue
		}
		if events[a].Defendant == "" || events[b].Defendant == "" {
			res.Warnings = append(res.Warnings, fmt.Sprintf("decision %s/%s: unnamed group events are never linked, ignored", d.KeyA, d.KeyB))
			continue
		}
		if d.Decision != DecisionMerge && d.Decision != DecisionKeepApart {
			return Result{}, fmt.Errorf("link: decision %s/%s: %q is neither merge nor keep_apart", d.KeyA, d.KeyB, d.Decision)
		}
		k := pairKey(a, b)
		if prev, ok := reviewed[k]; ok && prev.Decision != d.Decision {
			res.Warnings = append(res.Warnings, fmt.Sprintf("decision %s/%s: both merge and keep_apart; keep_apart wins", d.KeyA, d.KeyB))
			d.Decision = DecisionKeepApart
		}
		reviewed[k] = d
		if d.Decision == DecisionKeepApart {
			keepApart[k] = true
		}
	}

	// Block and score.
	blocks := make(map[string][]int32)
	for i := range prep {
		if len(prep[i].names) == 0 {
			continue
		}
		seen := map[string]bool{}
		for _, nm := range prep[i].names {
			for _, k := range nm.familyKeys() {
				if !seen[k] {
					seen[k] = true
					blocks[k] = append(blocks[k], int32(i))
				}
			}
		}
	}
	keys := make([]string, 0, len(blocks))
	for k := range blocks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// Each event's blocks by number, ascending: a pair is scored only in
	// the first block the two share, so no pair is scored twice and no set
	// of compared pairs is needed.
	evBlocks := make([][]int32, n)
	for b, k := range keys {
		for _, i := range blocks[k] {
			evBlocks[i] = append(evBlocks[i], int32(b))
		}
	}
	firstShared := func(i, j int32) int32 {
		x, y := evBlocks[i], evBlocks[j]
		for p, q := 0, 0; p < len(x) && q < len(y); {
			switch {
			case x[p] == y[q]:
				return x[p]
			case x[p] < y[q]:
				p++
			default:
				q++
			}
		}
		return -1
	}
	compared := func(i, j int32) bool { return firstShared(i, j) >= 0 }
	var cands []candidate
	for b, k := range keys {
		blk := blocks[k]
		for x := 0; x < len(blk); x++ {
			for y := x + 1; y < len(blk); y++ {
				i, j := blk[x], blk[y]
				if firstShared(i, j) != int32(b) {
					continue
				}
				pk := pairKey(i, j)
				s := score(&prep[i], &prep[j], true)
				v := decide(s)
				if v == verdictNone || v == verdictKeepApart && s.score < RecordScore {
					if _, r := reviewed[pk]; !r {
						continue
					}
				}
				if i > j {
					i, j = j, i
				}
				cands = append(cands, candidate{i: i, j: j, s: s, v: v})
			}
		}
	}
	// Reviewed pairs that no block brought together still count.
	for pk := range reviewed {
		i, j := int32(pk>>32), int32(pk&0xffffffff)
		if compared(i, j) {
			continue
		}
		s := score(&prep[i], &prep[j], true)
		cands = append(cands, candidate{i: i, j: j, s: s, v: decide(s)})
	}

	// Merge: reviewed merges first, then rule merges strongest first.
	uf := newUnionFind(n)
	conflicts := func(ra, rb int32) bool {
		for _, x := range uf.members[ra] {
			for _, y := range uf.members[rb] {
				if len(reviewed) > 0 {
					if keepApart[pairKey(x, y)] {
						return true
					}
					if _, r := reviewed[pairKey(x, y)]; r {
						continue // a reviewer said merge: their names may differ
					}
				}
				px, py := &prep[x], &prep[y]
				if hardConflict(px, py, bestName(px, py)) != "" {
					return true
				}
			}
		}
		return false
	}
	for _, c := range sortedReviewed(reviewed) {
		if c.Decision == DecisionMerge {
			a, _ := resolveKey(c.KeyA, byID)
			b, _ := resolveKey(c.KeyB, byID)
			ra, rb := uf.find(a), uf.find(b)
			if ra != rb && !reviewedConflict(uf, ra, rb, keepApart) {
				uf.union(a, b)
			}
		}
	}
	order := make([]int32, 0, len(cands))
	for x := range cands {
		if cands[x].v == verdictMerge {
			order = append(order, int32(x))
		}
	}
	slices.SortFunc(order, func(x, y int32) int {
		a, b := &cands[x], &cands[y]
		if a.s.score != b.s.score {
			if a.s.score > b.s.score {
				return -1
			}
			return 1
		}
		if c := strings.Compare(events[a.i].EventID, events[b.i].EventID); c != 0 {
			return c
		}
		return strings.Compare(events[a.j].EventID, events[b.j].EventID)
	})
	refused := make(map[uint64]bool)
	for _, x := range order {
		c := &cands[x]
		pk := pairKey(c.i, c.j)
		if _, r := reviewed[pk]; r {
			continue
		}
		ra, rb := uf.find(c.i), uf.find(c.j)
		if ra == rb {
			continue
		}
		if conflicts(ra, rb) {
			refused[pk] = true
			continue
		}
		uf.union(c.i, c.j)
	}

	// Links (one per candidate: sized once, as a corpus where one person
	// recurs often has many).
	res.Links = make([]Link, 0, len(cands))
	for _, c := range cands {
		pk := pairKey(c.i, c.j)
		l := Link{A: events[c.i].EventID, B: events[c.j].EventID, Score: c.s.score, DecidedBy: "rule",
			Reasons: slices.Clip(c.s.reasons)} // clipped: an added reason copies
		if l.A > l.B {
			l.A, l.B = l.B, l.A
		}
		same := uf.find(c.i) == uf.find(c.j)
		switch {
		case reviewedHas(reviewed, pk):
			d := reviewed[pk]
			l.Decision, l.DecidedBy = d.Decision, "review"
			if d.Note != "" {
				l.Reasons = append(l.Reasons, "review: "+d.Note)
			}
		case refused[pk]:
			l.Decision = DecisionUncertain
			l.Reasons = append(l.Reasons, "conflicts_with_linked_events")
		case c.v == verdictMerge:
			l.Decision = DecisionMerge
		case same:
			l.Decision = DecisionMerge
			l.Reasons = append(l.Reasons, "linked_through_other_events")
		case c.v == verdictUncertain:
			l.Decision = DecisionUncertain
		default:
			l.Decision = DecisionKeepApart
		}
		res.Links = append(res.Links, l)
	}
	slices.SortFunc(res.Links, func(x, y Link) int {
		if c := strings.Compare(x.A, y.A); c != 0 {
			return c
		}
		return strings.Compare(x.B, y.B)
	})

	res.Assignments = assign(events, prep, uf)
	return res, nil
}

type candidate struct {
	i, j int32
	s    pairScore
	v    verdict
}

func reviewedHas(m map[uint64]Decision, k uint64) bool { _, ok := m[k]; return ok }
