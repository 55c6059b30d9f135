// Package link resolves events to people and cases. It sits after the store
// in the pipeline: the events of every document (press releases and court
// records alike) are read back from DuckDB, linked here, and the result is
// written to the event_people and links tables that the marts in
// schemas/040_link.sql count from.
//
// The package is pure: no I/O, no clock. Resolve is deterministic: the same
// events and decisions give the same ids, links and order on every run.
//
// How it decides, in short (details at each constant in score.go):
//  1. Block: events meet only when they share a family-name word and the
//     given name's initial (district is compared, not blocked on, because
//     an ICE release often names no district).
//  2. Score each pair in a block: name agreement plus second keys (same
//     docket, a shared charge category, consistent ages, stages in a
//     possible order within CaseWindow, same document) minus penalties.
//  3. Merge pairs that reach MergeScore with a second key, strongest
//     first, with union-find; refuse a merge when any two events of the two
//     clusters conflict (different names, districts, ages, or a reviewer's
//     keep_apart), so no chain of weak links can join two people.
//     Only the pairs worth a look are kept as links: the merge edges
//     used (a spanning forest), uncertain pairs, kept-apart namesakes and
//     reviewed pairs (see Result.Links), so a person recurring in a
//     hundred releases costs a hundred links, not five thousand.
//  4. Split each person's events into cases (docket, category, date order)
//     and each case's events into occurrences (one arrest told by two
//     publishers).
//
// Unnamed group events (no defendant) are never linked; they keep empty ids
// and are counted by person_count in their own column.
package link

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Event is one extracted event with the identity fields linking needs.
type Event struct {
	EventID       string // stable id of the event (store key)
	DocURL        string // URL of the document it was read from
	Source        string // source name ("doj", "ice", "pacer")
	Publisher     string // ICE, DOJ, USAO, FBI, DHS, court, other
	Type          string // taxonomy event type
	Defendant     string // as written; "" for an unnamed group
	Aliases       []string
	Age           int       // printed age, 0 when unknown
	PersonCount   int       // 1 for a named defendant, N for an unnamed group
	Date          time.Time // event date, or the document's date when DateFromDoc
	DateFromDoc   bool      // Date is the publication date, not a date the text gives
	District      string    // "S.D. Tex."; "" when unknown
	DocketNumber  string    // "4:23-cr-00123" in any common spelling; "" when unknown
	Categories    []string  // taxonomy charge categories
	Agencies      []string  // credited agencies
	CourtVerified bool      // rests on a court record
}

// Assignment is where one event landed.
type Assignment struct {
	EventID string
	// PersonID is "P-" + the event id of the person's earliest event
	// (by date, then id); "" for unnamed group events.
	PersonID string
	// CaseID is "C-" + the event id of the case's earliest event.
	CaseID string
	// OccurrenceID is the event id of the earliest report of the same
	// real-world event: an ICE and a USAO release about one arrest share it.
	// For unnamed events it is the event's own id.
	OccurrenceID string
}

// Decisions recorded on links.
const (
	DecisionMerge     = "merge"
	DecisionKeepApart = "keep_apart"
	DecisionUncertain = "uncertain"
)

// Link is one scored pair of events that a person may need to review or
// audit (see Result.Links for which pairs are recorded).
type Link struct {
	A, B      string // event ids, A < B
	Score     float64
	Decision  string   // merge, keep_apart or uncertain
	DecidedBy string   // "rule" or "review"
	Reasons   []string // name level, keys that agreed or disagreed, conflicts
}

// Result is the outcome of one linking run.
type Result struct {
	Assignments []Assignment // one per input event, in input order
	// Links are the pairs a person needs to review or audit, not every
	// pair scored, sorted by A, then B:
	//   - merge (rule): the edges that actually joined two groups, a
	//     spanning forest of each person (strongest edges first); a pair
	//     whose events were already joined through others is not recorded;
	//   - uncertain: near misses between different people, and merge
	//     pairs refused because their groups conflict
	//     ("conflicts_with_linked_events");
	//   - keep_apart (rule): similar names kept apart, scoring at least
	//     RecordScore;
	//   - every reviewed pair (decided_by "review"), as decided.
	// An uncertain or kept-apart pair whose events end in one person is
	// not recorded: the merge edges say how they were joined.
	Links    []Link
	Warnings []string // decisions that named unknown events, contradictions
}

// Uncertain returns the links a person should review.
func (r Result) Uncertain() []Link {
	var out []Link
	for _, l := range r.Links {
		if l.Decision == DecisionUncertain {
			out = append(out, l)
		}
	}
	return out
}

// Options tune a run.
type Options struct {
	// Decisions are reviewed pair decisions; they override the rules.
	Decisions []Decision
}

// unionFind keeps clusters with their member lists so a merge can check
// every cross pair for conflicts first.
type unionFind struct {
	parent  []int32
	members [][]int32
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), members: make([][]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.members[i] = []int32{int32(i)}
	}
	return u
}

func (u *unionFind) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if len(u.members[ra]) < len(u.members[rb]) {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.members[ra] = append(u.members[ra], u.members[rb]...)
	u.members[rb] = nil
}

// mergeEdge is a pair the rules would merge, kept small: a block where
// one person recurs a hundred times holds thousands of them.
type mergeEdge struct {
	i, j  int32 // event indices, events[i].EventID < events[j].EventID
	score float64
}

// keptPair is a pair recorded as a link unless the merges make it moot.
type keptPair struct {
	i, j int32 // event indices, i < j
	v    verdict
}

// Resolve links events to people, cases and occurrences.
func Resolve(events []Event, opt Options) (Result, error) {
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
	// Score every pair once, in the first block the two share, without
	// building reasons. Only two kinds of pair are kept: merge-verdict
	// pairs as 16-byte edges (the merge order needs all of them), and the
	// pairs that will be links whatever the merges do: reviewed, uncertain,
	// and kept apart at or above RecordScore. A block of one person told a
	// hundred times holds thousands of merge pairs; none of them carries
	// its reasons until it proves to be a merge edge actually used.
	var edges []mergeEdge
	var kept []keptPair
	for b, k := range keys {
		blk := blocks[k]
		for x := 0; x < len(blk); x++ {
			for y := x + 1; y < len(blk); y++ {
				i, j := blk[x], blk[y]
				if firstShared(i, j) != int32(b) {
					continue
				}
				if i > j {
					i, j = j, i
				}
				s := score(&prep[i], &prep[j], false)
				v := decide(s)
				_, rev := reviewed[pairKey(i, j)]
				switch {
				case rev:
					kept = append(kept, keptPair{i: i, j: j, v: v})
				case v == verdictMerge:
					if events[i].EventID > events[j].EventID {
						i, j = j, i // ties are ordered by id, whatever the input order
					}
					edges = append(edges, mergeEdge{i: i, j: j, score: s.score})
				case v == verdictUncertain || v == verdictKeepApart && s.score >= RecordScore:
					kept = append(kept, keptPair{i: i, j: j, v: v})
				}
			}
		}
	}
	// Reviewed pairs that no block brought together still count.
	for pk := range reviewed {
		i, j := int32(pk>>32), int32(pk&0xffffffff)
		if !compared(i, j) {
			kept = append(kept, keptPair{i: i, j: j, v: decide(score(&prep[i], &prep[j], false))})
		}
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
	slices.SortFunc(edges, func(a, b mergeEdge) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		if c := strings.Compare(events[a.i].EventID, events[b.i].EventID); c != 0 {
			return c
		}
		return strings.Compare(events[a.j].EventID, events[b.j].EventID)
	})
	// Each edge ends up in one of three states: used (it joined two
	// groups: a spanning-forest edge, recorded as a merge; edges is
	// compacted in place to these), redundant (its events were already
	// joined: not recorded), or refused (the groups conflict; they can
	// never join later, as groups only grow: recorded as uncertain).
	used := edges[:0]
	var refused []mergeEdge
	for _, e := range edges {
		ra, rb := uf.find(e.i), uf.find(e.j)
		switch {
		case ra == rb:
		case conflicts(ra, rb):
			refused = append(refused, e)
		default:
			uf.union(e.i, e.j)
			used = append(used, e)
		}
	}

	// Links: the merge edges used and refused, and the kept pairs that still
	// say something once the groups are known (an uncertain or kept-apart
	// pair whose events were joined through others is not recorded: the
	// merge edges explain the join).
	res.Links = make([]Link, 0, len(used)+len(refused)+len(kept))
	link := func(i, j int32) Link {
		s := score(&prep[i], &prep[j], true)
		l := Link{A: events[i].EventID, B: events[j].EventID, Score: s.score, DecidedBy: "rule", Reasons: slices.Clip(s.reasons)}
		if l.A > l.B {
			l.A, l.B = l.B, l.A
		}
		return l
	}
	for _, e := range used {
		l := link(e.i, e.j)
		l.Decision = DecisionMerge
		res.Links = append(res.Links, l)
	}
	for _, e := range refused {
		l := link(e.i, e.j)
		l.Decision = DecisionUncertain
		l.Reasons = append(l.Reasons, "conflicts_with_linked_events")
		res.Links = append(res.Links, l)
	}
	for _, c := range kept {
		pk := pairKey(c.i, c.j)
		if d, ok := reviewed[pk]; ok {
			l := link(c.i, c.j)
			l.Decision, l.DecidedBy = d.Decision, "review"
			if d.Note != "" {
				l.Reasons = append(l.Reasons, "review: "+d.Note)
			}
			res.Links = append(res.Links, l)
			continue
		}
		if uf.find(c.i) == uf.find(c.j) {
			continue
		}
		l := link(c.i, c.j)
		l.Decision = DecisionKeepApart
		if c.v == verdictUncertain {
			l.Decision = DecisionUncertain
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

// reviewedConflict reports whether a reviewer kept any member of ra apart
// from any member of rb.
func reviewedConflict(uf *unionFind, ra, rb int32, keepApart map[uint64]bool) bool {
	if len(keepApart) == 0 {
		return false
	}
	for _, x := range uf.members[ra] {
		for _, y := range uf.members[rb] {
			if keepApart[pairKey(x, y)] {
				return true
			}
		}
	}
	return false
}

func sortedReviewed(m map[uint64]Decision) []Decision {
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	out := make([]Decision, len(ks))
	for i, k := range ks {
		out[i] = m[k]
	}
	return out
}

// pairKey packs an unordered pair of indices.
func pairKey(a, b int32) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(uint32(b))
}

// resolveKey turns a decision key into an event index: an event id, or a
// person or case id ("P-<event id>", "C-<event id>"), which names the
// event it was derived from. That event stays in its person when later
// runs add events, so a reviewed decision keeps meaning the same thing.
func resolveKey(k string, byID map[string]int32) (int32, bool) {
	k = strings.TrimSpace(k)
	if i, ok := byID[k]; ok {
		return i, true
	}
	for _, p := range []string{"P-", "C-"} {
		if rest, ok := strings.CutPrefix(k, p); ok {
			if i, ok := byID[rest]; ok {
				return i, true
			}
		}
	}
	return 0, false
}

// less orders events by date (undated last), then id.
func less(events []Event, a, b int32) bool {
	da, db := events[a].Date, events[b].Date
	if !da.Equal(db) {
		if da.IsZero() {
			return false
		}
		if db.IsZero() {
			return true
		}
		return da.Before(db)
	}
	return events[a].EventID < events[b].EventID
}

// assign numbers people, splits each person into cases and each case into
// occurrences.
func assign(events []Event, prep []prepared, uf *unionFind) []Assignment {
	out := make([]Assignment, len(events))
	for i := range events {
		out[i].EventID = events[i].EventID
		out[i].OccurrenceID = events[i].EventID
	}
	for r := range uf.members {
		mem := uf.members[r]
		if len(mem) == 0 || events[mem[0]].Defendant == "" {
			continue // merged away, or an unnamed group event
		}
		mem = append([]int32(nil), mem...)
		sort.Slice(mem, func(x, y int) bool { return less(events, mem[x], mem[y]) })
		pid := "P-" + events[mem[0]].EventID
		for _, c := range splitCases(events, prep, mem) {
			cid := "C-" + events[c[0]].EventID
			for _, i := range c {
				out[i].PersonID, out[i].CaseID = pid, cid
			}
			markOccurrences(events, prep, c, out)
		}
	}
	return out
}

// splitCases groups one person's events (sorted by date) into cases. An
// event joins the first open case that shares its docket; failing that,
// the first case it is compatible with: no other criminal docket, a
// shared specific category (or none known on one side), within CaseWindow
// of the case's first event, and not an arrest or charge dated after the
// case already ended in a conviction, sentence, acquittal or dismissal.
// Otherwise it opens a new case.
func splitCases(events []Event, prep []prepared, mem []int32) [][]int32 {
	type kase struct {
		idx      []int32
		dockets  map[string]bool
		crDocket bool
		cats     map[string]bool
		first    int64
		hasFirst bool
		endDays  int64 // latest date of a closing stage; noEnd when none
	}
	const noEnd = -1 << 62
	var cases []*kase
	for _, i := range mem {
		p := &prep[i]
		var pick *kase
		if p.docket != "" {
			for _, c := range cases {
				if c.dockets[p.docket] {
					pick = c
					break
				}
			}
		}
		if pick == nil {
			for _, c := range cases {
				if p.docket != "" && p.docketKind == "cr" && c.crDocket {
					continue
				}
				if p.specific && hasSpecific(c.cats) && !overlapSpecific(p.cats, c.cats) {
					continue
				}
				if p.hasDate && c.hasFirst && p.days-c.first > int64(CaseWindow/(24*time.Hour)) {
					continue
				}
				if p.rank == 0 && p.hasDate && c.endDays != noEnd && p.days > c.endDays+FallbackSlackDays {
					continue // an arrest or charge after the case closed opens a new case
				}
				pick = c
				break
			}
		}
		if pick == nil {
			pick = &kase{dockets: map[string]bool{}, cats: map[string]bool{}, endDays: noEnd}
			if p.hasDate {
				pick.first, pick.hasFirst = p.days, true
			}
			cases = append(cases, pick)
		}
		pick.idx = append(pick.idx, i)
		if p.docket != "" {
			pick.dockets[p.docket] = true
			if p.docketKind == "cr" {
				pick.crDocket = true
			}
		}
		for c := range p.cats {
			pick.cats[c] = true
		}
		if p.rank > 0 && p.hasDate && p.days > pick.endDays {
			pick.endDays = p.days
		}
		if !pick.hasFirst && p.hasDate {
			pick.first, pick.hasFirst = p.days, true
		}
	}
	out := make([][]int32, len(cases))
	for i, c := range cases {
		out[i] = c.idx
	}
	return out
}

func hasSpecific(m map[string]bool) bool {
	for c := range m {
		if c != "other" {
			return true
		}
	}
	return false
}

func overlapSpecific(a, b map[string]bool) bool {
	for c := range a {
		if c != "other" && b[c] {
			return true
		}
	}
	return false
}

// markOccurrences gives events of one case that report the same stage
// within SameEventDays (FallbackSlackDays/2 when a date is a publication
// date) from different documents the occurrence id of the earliest.
func markOccurrences(events []Event, prep []prepared, c []int32, out []Assignment) {
	for x, i := range c {
		if out[i].OccurrenceID != events[i].EventID {
			continue // already part of an earlier occurrence
		}
		for _, j := range c[x+1:] {
			if out[j].OccurrenceID != events[j].EventID || events[j].Type != events[i].Type ||
				events[j].DocURL == events[i].DocURL {
				continue
			}
			pi, pj := &prep[i], &prep[j]
			if !pi.hasDate || !pj.hasDate {
				continue
			}
			lim := int64(SameEventDays)
			if events[i].DateFromDoc || events[j].DateFromDoc {
				lim = FallbackSlackDays / 2
			}
			if d := pj.days - pi.days; d <= lim && d >= -lim {
				out[j].OccurrenceID = events[i].EventID
			}
		}
	}
}
