// Package review finds the events most likely to be wrong, without labels,
// and reads the hand decisions a reviewer makes about them.
//
// Check runs a few cheap tests on each document's events (a defendant that
// does not look like a person, a child-exploitation category in an
// immigration-enforcement release, an event read from a sentence that tells
// history, a headline that disagrees with the events, ...) and returns the
// flagged events, most consequential first, for the review sheet that
// `casetrack export events --review` writes. ReadDecisions parses
// event_decisions.csv, the reviewer's answer to that sheet; applying the
// decisions to a database is pipeline/review/reviewdb's job.
//
// Everything here is pure: no I/O beyond the readers and writers given, no
// clock.
package review

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// Document is a release with the events read from it.
type Document struct {
	DocID, URL, Source, Publisher, Title, Body string
	Published                                  time.Time
	Events                                     []Event
}

// Event is one stored event, as the review sheet shows it.
type Event struct {
	ID             string
	Ordinal        int
	Type           string
	Defendant      string // "" for an unnamed group
	PersonCount    int
	PleaOrVerdict  string
	Date           time.Time
	Statutes       []string
	Categories     []string
	Agencies       []string
	SentenceMonths string // a number of months, "life" or ""
	District       string
	DocketNumber   string
	Evidence       string
	// CaseCharged is true when the link stage put the event in a case that
	// also has an arrest or a charge (in any document).
	CaseCharged bool
	// Corrected events were changed or added by hand; they have been
	// reviewed and are never flagged again.
	Corrected bool
}

// Flagged is an event the checks found reasons to doubt.
type Flagged struct {
	Doc     *Document
	Event   *Event
	Reasons []Reason
}

// Reason is why an event was flagged: a stable code and the detail that
// made the check fire.
type Reason struct {
	Code   string
	Detail string
}

func (r Reason) String() string {
	if r.Detail == "" {
		return r.Code
	}
	return r.Code + ": " + r.Detail
}

// Reason codes, one per check (docs/data-dictionary.md explains each).
const (
	NotAPerson              = "not_a_person"
	AliasAsDefendant        = "alias_as_defendant"
	ChildInImmigration      = "child_category_in_immigration_release"
	HistorySentence         = "history_sentence"
	GroupCountVsHeadline    = "group_count_vs_headline"
	HeadlineStageMissing    = "headline_stage_missing"
	AgencyFromBoilerplate   = "agency_only_in_boilerplate"
	ConvictionWithoutCharge = "conviction_without_charge"
)

// Child-exploitation and trafficking sets (shared/docs/taxonomy.md).
var (
	childExploitation = []string{"sex_trafficking_minor", "csam_production", "csam_distribution_receipt",
		"csam_possession", "enticement_minor", "transportation_minor", "travel_illicit_sexual_conduct", "sexual_abuse_minor"}
	trafficking = []string{"sex_trafficking_minor", "sex_trafficking_force_fraud_coercion", "sex_trafficking_conspiracy", "forced_labor"}
)

// InSet reports whether any of cats is in the named category set
// (child_exploitation or trafficking).
func InSet(set string, cats []string) bool {
	members := childExploitation
	if set == "trafficking" {
		members = trafficking
	}
	for _, c := range cats {
		if slices.Contains(members, c) {
			return true
		}
	}
	return false
}

// Checker runs the checks. Agencies names the agencies a text mentions
// (normalize.Normalizer.Agencies); without it the boilerplate-agency check
// is skipped.
type Checker struct {
	Agencies func(text string) []string
}

// Check runs every check on the documents' events and returns the flagged
// ones (corrected events excepted), in SortFlagged's order.
func (ch Checker) Check(docs []Document) []Flagged {
	var out []Flagged
	for i := range docs {
		d := &docs[i]
		reasons := ch.Reasons(d)
		for j := range d.Events {
			if d.Events[j].Corrected || len(reasons[j]) == 0 {
				continue
			}
			out = append(out, Flagged{Doc: d, Event: &d.Events[j], Reasons: reasons[j]})
		}
	}
	SortFlagged(out)
	return out
}

// SortFlagged puts the most consequential first: events that move the
// child-exploitation and trafficking tallies before the rest, then those
// with more reasons, then by document and position.
func SortFlagged(fl []Flagged) {
	sort.SliceStable(fl, func(i, j int) bool {
		a, b := fl[i], fl[j]
		if pa, pb := priority(a.Event), priority(b.Event); pa != pb {
			return pa < pb
		}
		if len(a.Reasons) != len(b.Reasons) {
			return len(a.Reasons) > len(b.Reasons)
		}
		if a.Doc.URL != b.Doc.URL {
			return a.Doc.URL < b.Doc.URL
		}
		return a.Event.Ordinal < b.Event.Ordinal
	})
}

// priority ranks what a wrong event would move: 0 the child-exploitation
// or trafficking tallies, 1 the rest.
func priority(e *Event) int {
	if InSet("child_exploitation", e.Categories) || InSet("trafficking", e.Categories) {
		return 0
	}
	return 1
}

// Reasons returns each event's reasons, in the order of d.Events.
func (ch Checker) Reasons(d *Document) [][]Reason {
	out := make([][]Reason, len(d.Events))
	c := newDocContext(d, ch.Agencies)
	for i := range d.Events {
		e := &d.Events[i]
		for _, check := range eventChecks {
			if r, ok := check(c, e); ok {
				out[i] = append(out[i], r)
			}
		}
	}
	return out
}

// lower is strings.ToLower, named for the many checks that fold case.
func lower(s string) string { return strings.ToLower(s) }
