// Package normalize turns Records (what a page says) into Events in the
// words of shared/docs/taxonomy.md: event type, defendant, statutes, charge
// categories, credited agencies, sentence, district and the evidence
// sentence. It is pure: no I/O, no clock. Every source's records pass
// through here, so one rule fix serves every source.
package normalize

import "time"

// Event types (taxonomy.md "Event types").
const (
	Arrest    = "arrest"
	Charged   = "charged"
	Convicted = "convicted"
	Sentenced = "sentenced"
	Acquitted = "acquitted"
	Dismissed = "dismissed"
)

// EventTypes lists the event types in pipeline order.
var EventTypes = []string{Arrest, Charged, Convicted, Sentenced, Acquitted, Dismissed}

// Defendant kinds: a named defendant is a person or an organisation (a
// company that is charged or pleads guilty). Tallies count people; the
// organisations are defendants of their own (docs/data-dictionary.md).
const (
	DefendantPerson       = "person"
	DefendantOrganisation = "organisation"
)

// Sentence kinds distinguish what a bare number of months cannot.
const (
	SentencePrison     = "prison"
	SentenceLife       = "life"
	SentenceTimeServed = "time_served"
	SentenceProbation  = "probation"
)

// Event is one stage of one defendant's case as one document reports it.
type Event struct {
	Type          string    // one of EventTypes
	Defendant     string    // full name as written, stripped of age/hometown/alias; "" for an unnamed group
	DefendantKind string    // DefendantPerson or DefendantOrganisation; "" for an unnamed group
	Aliases       []string  // "also known as" names, for linking
	Age           int       // age as printed, 0 when not given; for linking
	PersonCount   int       // 1 for a named defendant; N for an unnamed group
	PleaOrVerdict string    // "plea", "verdict" or "" (convicted events only)
	Date          time.Time // when it happened; zero when the text does not say
	Statutes      []string  // normalised "18 U.S.C. 2252A(a)(2)"
	Categories    []string  // taxonomy charge categories
	Agencies      []string  // credited investigating agencies (taxonomy codes)

	SentenceMonths float64 // months of custody (0 with SentenceKind time_served / probation)
	SentenceKind   string  // "", prison, life, time_served, probation

	District      string // "S.D. Tex."
	DocketNumber  string // "4:23-cr-00123" when known
	CourtVerified bool   // true only when the event rests on a court record

	Evidence      string // the sentence the event was read from
	EvidenceStart int    // byte offsets of Evidence in the record's Body
	EvidenceEnd   int
}
