// Package data embeds casetrack's reference tables (districts, statute →
// category, agency aliases) so the binary carries them and every stage reads
// the same version. The default database and the raw archive also live under
// data/ on disk, but are git-ignored and never embedded.
package data

import (
	"embed"
	"fmt"
	"io/fs"

	"github.com/gocarina/gocsv"
)

//go:embed *.csv
var files embed.FS

// FS returns the embedded reference tables.
func FS() fs.FS { return files }

// District is one federal judicial district.
type District struct {
	CourtID   string `csv:"court_id"`  // CourtListener/PACER court id, e.g. "txsd"
	Name      string `csv:"district"`  // Bluebook abbreviation used in casetrack, e.g. "S.D. Tex."
	LongName  string `csv:"long_name"` // "Southern District of Texas"
	State     string `csv:"state"`
	USAO      string `csv:"usao"`      // justice.gov path segment, e.g. "usao-sdtx"
	Component string `csv:"component"` // DOJ API component name, e.g. "USAO - Texas, Southern"
}

// Districts returns the 94 federal districts.
func Districts() ([]District, error) {
	var out []District
	if err := load("districts.csv", &out); err != nil {
		return nil, err
	}
	return out, nil
}

// load decodes one embedded CSV into out (a pointer to a slice of structs).
func load(name string, out any) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return fmt.Errorf("data %s: %w", name, err)
	}
	if err := gocsv.UnmarshalBytes(b, out); err != nil {
		return fmt.Errorf("data %s: %w", name, err)
	}
	return nil
}
