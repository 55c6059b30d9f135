package eousa

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"

	"casetrack/data"
)

//go:embed districts_eousa.csv
var districtsCSV string

//go:embed agencies_eousa.csv
var agenciesCSV string

// AgencyMap is one LIONS agency code's place in the taxonomy.
type AgencyMap struct {
	Code   string // LIONS code, e.g. HSCE
	Agency string // taxonomy code, e.g. ICE
	Label  string // what reports print, e.g. "ICE (HSI or ERO)"
	Basis  string // "code list: …" or "inferred: …"
}

// Refs holds the reference tables the decoder and the event mapping use.
// Build it once with LoadRefs; it is read-only afterwards.
type Refs struct {
	Districts map[string]data.District // EOUSA district code → district
	Agencies  map[string]AgencyMap     // LIONS agency code → taxonomy
}

// LoadRefs joins the embedded EOUSA district codes to data.Districts() and
// loads the agency mapping.
func LoadRefs() (*Refs, error) {
	all, err := data.Districts()
	if err != nil {
		return nil, fmt.Errorf("eousa refs: %w", err)
	}
	byID := map[string]data.District{}
	for _, d := range all {
		byID[d.CourtID] = d
	}
	rows, err := readCSV(districtsCSV, 2)
	if err != nil {
		return nil, fmt.Errorf("eousa refs: districts_eousa.csv: %w", err)
	}
	r := &Refs{Districts: map[string]data.District{}, Agencies: map[string]AgencyMap{}}
	for _, row := range rows {
		d, ok := byID[row[1]]
		if !ok {
			return nil, fmt.Errorf("eousa refs: district %s → %s: not in data/districts.csv", row[0], row[1])
		}
		r.Districts[row[0]] = d
	}
	rows, err = readCSV(agenciesCSV, 4)
	if err != nil {
		return nil, fmt.Errorf("eousa refs: agencies_eousa.csv: %w", err)
	}
	for _, row := range rows {
		r.Agencies[row[0]] = AgencyMap{Code: row[0], Agency: row[1], Label: row[2], Basis: row[3]}
	}
	return r, nil
}

func readCSV(s string, fields int) ([][]string, error) {
	cr := csv.NewReader(strings.NewReader(s))
	cr.Comment = '#'
	cr.FieldsPerRecord = fields
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("no rows")
	}
	return recs[1:], nil
}
