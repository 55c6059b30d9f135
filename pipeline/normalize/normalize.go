package normalize

import "casetrack/sources"

// Normalizer holds the compiled rules and reference tables. Build it once
// with New and share it: Events is safe for concurrent use.
type Normalizer struct{}

// New compiles the rules and loads the embedded reference tables.
func New() (*Normalizer, error) { return &Normalizer{}, nil }

// Events returns the events rec reports, in document order.
// (Placeholder until the extraction engine lands.)
func (n *Normalizer) Events(rec sources.Record) []Event { return nil }
