// Package doj reads press releases from the U.S. Department of Justice's
// public API at justice.gov (Main Justice, the 94 U.S. Attorneys' Offices,
// FBI and the other components all publish through it).
//
// Where it sits: Crawl asks the fetcher (pipeline/fetch, which archives
// every body first) for pages of /api/v1/press_releases.json and emits each
// page as one sources.Document; Parse turns a page into one sources.Record
// per relevant release; pipeline/normalize then finds the events.
//
// History of the publisher's format (dated from the fixtures in
// ../shared/fixtures/doj):
//
//   - 2020 (and the 2014-era content it serves): created/changed/date are
//     epoch seconds as strings; attachment/image are lists; number/teaser
//     may be null; resultset count/pagesize are integers; titles can carry
//     raw "\r\n" and Windows-1252 C1 characters; URLs use www.justice.gov;
//     each result has a vuuid.
//   - 2024 (Drupal 10, documentation updated 2025-12-18): created/changed
//     wrap the epoch in <time datetime="...">…</time>; date stays a bare
//     epoch string; attachment/image/number are "" when empty; count and
//     (in list responses) pagesize are strings; body/teaser HTML is
//     escaped as \u003C…\u003E; URLs use https://justice.gov; no vuuid.
package doj

import (
	"fmt"
	"sync"

	"casetrack/sources"
)

// Name is the source name used for the package, archive directory, source
// column and log attribute.
const Name = "doj"

// defaultIndex is the district table shared by the package-level Parse. It
// is computed once from embedded data and never mutated.
var defaultIndex = sync.OnceValues(newDistrictIndex)

// Source is the DOJ press-release source. Build it with New; it is safe for
// concurrent use.
type Source struct {
	cfg       Config
	districts *districtIndex
	rel       *Relevance
}

var _ sources.Source = (*Source)(nil)

// New validates cfg, fills its defaults and compiles the relevance rules.
func New(cfg Config) (*Source, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	ix, err := defaultIndex()
	if err != nil {
		return nil, err
	}
	s := &Source{cfg: cfg, districts: ix}
	if !cfg.KeepAll {
		rel, err := NewRelevance(cfg.Rules)
		if err != nil {
			return nil, fmt.Errorf("doj: %w", err)
		}
		s.rel = rel
	}
	return s, nil
}

// Name returns "doj".
func (s *Source) Name() string { return Name }

// Config returns the effective configuration (defaults filled in).
func (s *Source) Config() Config { return s.cfg }

// Parse decodes one API page and keeps the releases that match the
// configured relevance rules, setting Record.Kept to the reason (for
// example "topic: Human Trafficking" or "statute: 18 U.S.C. 2252A"). With
// Config.KeepAll every release is returned and Kept is "all".
//
// It is a pure function of doc and the configuration. A recognised page on
// which no release is relevant returns (nil, nil); an unrecognisable body
// returns an error wrapping sources.ErrLayout.
func (s *Source) Parse(doc sources.Document) ([]sources.Record, error) {
	recs, _, err := parsePage(doc, s.districts)
	if err != nil {
		return nil, err
	}
	return s.filter(recs), nil
}

// filter keeps the relevant records and records why.
func (s *Source) filter(recs []sources.Record) []sources.Record {
	if s.rel == nil {
		for i := range recs {
			recs[i].Kept = "all"
		}
		return recs
	}
	var out []sources.Record
	for _, r := range recs {
		if why, ok := s.rel.Relevant(r); ok {
			r.Kept = why
			out = append(out, r)
		}
	}
	return out
}
