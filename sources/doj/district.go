package doj

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"casetrack/data"
)

// districtIndex maps DOJ component names and justice.gov path segments to
// casetrack district names (data/districts.csv). It is built once per
// Source and never modified afterwards.
type districtIndex struct {
	byKey  map[string]string // token key of a component or long name → district
	byName map[string]string // squashed Bluebook name ("edva") → district
	byUSAO map[string]string // "usao-id" → district
}

func newDistrictIndex() (*districtIndex, error) {
	ds, err := data.Districts()
	if err != nil {
		return nil, fmt.Errorf("doj districts: %w", err)
	}
	ix := &districtIndex{byKey: map[string]string{}, byName: map[string]string{}, byUSAO: map[string]string{}}
	for _, d := range ds {
		// Guam and the Northern Mariana Islands share one office and one
		// component; the first row (Guam) wins.
		for _, k := range []string{tokenKey(d.Component), tokenKey(d.LongName)} {
			if _, dup := ix.byKey[k]; k != "" && !dup {
				ix.byKey[k] = d.Name
			}
		}
		if k := squash(d.Name); ix.byName[k] == "" {
			ix.byName[k] = d.Name
		}
		if k := strings.ToLower(d.USAO); ix.byUSAO[k] == "" {
			ix.byUSAO[k] = d.Name
		}
	}
	return ix, nil
}

// noise are the words that differ between spellings of one office:
// "USAO - Alabama, Northern", "USAO - Northern District of Alabama",
// "U.S. Attorney's Office for the Northern District of Alabama".
var noise = map[string]bool{
	"usao": true, "u": true, "s": true, "us": true, "attorney": true, "attorneys": true,
	"office": true, "district": true, "of": true, "the": true, "for": true, "and": true,
}

// tokenKey reduces a name to its sorted significant lowercase words.
func tokenKey(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	kept := words[:0]
	for _, w := range words {
		if !noise[w] {
			kept = append(kept, w)
		}
	}
	sort.Strings(kept)
	return strings.Join(kept, " ")
}

// squash lowercases and drops everything but letters: "E.D. Va." → "edva".
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// isUSAO reports whether a component names a U.S. Attorney's Office.
func isUSAO(component string) bool {
	l := strings.ToLower(component)
	return strings.HasPrefix(l, "usao") || strings.Contains(l, "u.s. attorney") || strings.Contains(l, "united states attorney")
}

// fromComponent returns the district of a USAO component, or "" when the
// component is not a district office (including the umbrella
// "U.S. Attorneys (USAO)").
func (ix *districtIndex) fromComponent(component string) string {
	if !isUSAO(component) {
		return ""
	}
	if d := ix.byKey[tokenKey(component)]; d != "" {
		return d
	}
	// "USAO - E.D. Va.": the part after the dash as a Bluebook name.
	if i := strings.IndexAny(component, "-–"); i >= 0 {
		if d := ix.byName[squash(component[i+1:])]; d != "" {
			return d
		}
	}
	return ""
}

// fromURL returns the district of a justice.gov URL whose first path
// segment is a USAO office ("https://justice.gov/usao-id/pr/...").
func (ix *districtIndex) fromURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	seg, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
	return ix.byUSAO[strings.ToLower(seg)]
}

// district picks the district hint of a release: the first USAO component
// that names a district, else the office in the URL path.
func (ix *districtIndex) district(components []string, rawURL string) string {
	for _, c := range components {
		if d := ix.fromComponent(c); d != "" {
			return d
		}
	}
	return ix.fromURL(rawURL)
}

// publisher says who issued a release, in taxonomy terms: "USAO" when a U.S.
// Attorney's Office component or URL is present, "FBI" when the FBI is a
// component, otherwise "DOJ" (Main Justice: OPA, divisions, other bureaus).
func publisher(components []string, rawURL string) string {
	for _, c := range components {
		if isUSAO(c) {
			return "USAO"
		}
	}
	if u, err := url.Parse(rawURL); err == nil && strings.HasPrefix(strings.ToLower(strings.TrimPrefix(u.Path, "/")), "usao") {
		return "USAO"
	}
	for _, c := range components {
		l := strings.ToLower(c)
		if strings.Contains(l, "(fbi)") || l == "fbi" || strings.Contains(l, "federal bureau of investigation") {
			return "FBI"
		}
	}
	return "DOJ"
}
