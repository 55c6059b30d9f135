// Package normalize turns Records (what a page says) into Events in the
// words of shared/docs/taxonomy.md: event type, defendant, statutes, charge
// categories, credited agencies, sentence, district and the evidence
// sentence. It is pure: no I/O, no clock. Every source's records pass
// through here, so one rule fix serves every source.
//
// Press releases are read sentence by sentence (quoted speech masked):
// stage phrases ("pleaded guilty", "was sentenced to") are linked to the
// defendants named in the same clause, or through a surname, a pronoun or a
// generic subject ("a Florida man") to the release's main defendant; a
// release that names nobody yields unnamed events with a person count.
// Background (old dates, criminal history, co-defendants' earlier outcomes,
// earlier stages of a case whose sentencing is the news) is dropped.
// Court records (Record.Docket) are read by docket.go, caseload records
// (Record.Caseload) by caseload.go.
package normalize

import (
	"context"

	"casetrack/sources"
)

// Normalizer holds the compiled rules and reference tables. Build it once
// with New and share it: its methods are safe for concurrent use.
type Normalizer struct {
	statutes  *statuteTable
	agencies  *agencyMatcher
	districts *districtTable
}

// New compiles the rules and loads the embedded reference tables.
func New() (*Normalizer, error) {
	st, err := newStatuteTable()
	if err != nil {
		return nil, err
	}
	ag, err := newAgencyMatcher()
	if err != nil {
		return nil, err
	}
	dt, err := newDistrictTable()
	if err != nil {
		return nil, err
	}
	return &Normalizer{statutes: st, agencies: ag, districts: dt}, nil
}

// Events returns the events rec reports, in document order.
func (n *Normalizer) Events(rec sources.Record) []Event {
	if rec.Caseload != nil {
		return n.CaseloadEvents(rec) // caseload records: caseload.go
	}
	if rec.Docket != nil {
		return n.DocketEvents(rec) // court records: docket.go
	}
	return n.releaseEvents(context.Background(), rec)
}

// EventsContext is Events that gives up when ctx is done, returning ctx's
// error: a body of megabytes takes a while to read, and a stopped import
// must not wait for it.
func (n *Normalizer) EventsContext(ctx context.Context, rec sources.Record) ([]Event, error) {
	var evs []Event
	if rec.Caseload != nil || rec.Docket != nil {
		evs = n.Events(rec)
	} else {
		evs = n.releaseEvents(ctx, rec)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return evs, nil
}

// StatuteCategories maps one normalised statute ("18 U.S.C. 2252A(a)(2)")
// to its charge categories; context is the surrounding text (a count's
// wording, the sentence) used where the statute alone does not decide, as
// for 1591 (minor or force/fraud/coercion).
func (n *Normalizer) StatuteCategories(statute, context string) []string {
	return n.statutes.categories(statute, context)
}

// Agencies returns the taxonomy codes of the agencies text names, crediting
// or not (publisher, assistants and prosecutors are not filtered here; see
// Events for crediting). Useful for linking and for tests.
func (n *Normalizer) Agencies(text string) []string {
	ments, _ := n.agencies.find(text, nil, nil)
	var out []string
	for _, m := range ments {
		if m.code != "-" {
			out = appendUnique(out, m.code)
		}
	}
	return out
}
