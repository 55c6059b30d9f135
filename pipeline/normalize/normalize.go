package normalize

import "casetrack/sources"

// Normalizer holds the compiled rules and reference tables. Build it once
// with New and share it: its methods are safe for concurrent use.
type Normalizer struct{}

// New compiles the rules and loads the embedded reference tables.
func New() (*Normalizer, error) { return &Normalizer{}, nil }

// Events returns the events rec reports, in document order.
// (Placeholder until the extraction engine lands.)
func (n *Normalizer) Events(rec sources.Record) []Event { return nil }

// StatuteCategories maps one normalised statute ("18 U.S.C. 2252A(a)(2)")
// to its charge categories; context is the surrounding text (a count's
// wording, the sentence) used where the statute alone does not decide, as
// for 1591 (minor or force/fraud/coercion).
// (Placeholder until the extraction engine lands.)
func (n *Normalizer) StatuteCategories(statute, context string) []string { return nil }
