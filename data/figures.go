package data

import (
	"fmt"
	"strings"
)

// PublicFigure is one number an agency or researcher publishes about
// federal child-exploitation or trafficking enforcement
// (shared/docs/public-figures.md): the context casetrack's counts are set
// beside. The first columns are the document's; ChargeSetCode, AgencyCode
// and Stage are casetrack's reading of them, which decides what a figure
// may be compared with (pipeline/answer).
type PublicFigure struct {
	Publisher string  `csv:"publisher"`       // who published it, and where
	Figure    string  `csv:"figure"`          // what the publisher calls it: "convictions", "investigations opened"
	Value     float64 `csv:"value"`           // the number (a percentage for a share)
	Qualifier string  `csv:"value_qualifier"` // "more than" when published as a lower bound
	Unit      string  `csv:"unit"`            // arrests, investigations, convictions, indictments, persons, share of suspects, prosecutions, cases
	Year      int     `csv:"year"`
	YearType  string  `csv:"year_type"`  // fiscal (federal, Oct 1 - Sep 30, named for the year it ends in) or calendar
	ChargeSet string  `csv:"charge_set"` // the publisher's charge set, in its words
	// ChargeSetCode groups charge sets that count the same crimes:
	// child_exploitation (HSI's and DHS's "child (sexual) exploitation", the
	// nearest to casetrack's child-exploitation set), human_trafficking (DHS:
	// sex trafficking and forced labor of anyone), bjs_human_trafficking,
	// lead_charge_1591, tvpa_trafficking.
	ChargeSetCode string `csv:"charge_set_code"`
	Agency        string `csv:"agency"`      // the publisher's words: "HSI (DHS-supported)", "all federal"
	AgencyCode    string `csv:"agency_code"` // HSI, ICE, FBI, DHS (DHS as a whole or cases it supported), ALL (every federal agency)
	// Stage is the casetrack stage the figure counts, when it counts one:
	// arrest, charged, convicted; empty for investigations, referrals and
	// shares, which no casetrack column counts.
	Stage     string `csv:"stage"`
	SourceURL string `csv:"source_url"` // where it was read; several separated by " ; "
	Note      string `csv:"note"`
}

// FigureYearTypes, FigureStages, FigureChargeSets and FigureAgencies are the
// values the coded columns of public_figures.csv may take.
var (
	FigureYearTypes  = []string{"fiscal", "calendar"}
	FigureStages     = []string{"", "arrest", "charged", "convicted"}
	FigureChargeSets = []string{"child_exploitation", "human_trafficking", "bjs_human_trafficking", "lead_charge_1591", "tvpa_trafficking"}
	FigureAgencies   = []string{"HSI", "ICE", "FBI", "DHS", "ALL"}
)

// Sources splits SourceURL into its URLs.
func (f PublicFigure) Sources() []string {
	var out []string
	for _, s := range strings.Split(f.SourceURL, ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// YearLabel is the figure's year as casetrack writes it: FY2024, or
// calendar 2023.
func (f PublicFigure) YearLabel() string {
	if f.YearType == "fiscal" {
		return fmt.Sprintf("FY%d", f.Year)
	}
	return fmt.Sprintf("calendar %d", f.Year)
}

// PublicFigures returns the published reference figures in file order.
func PublicFigures() ([]PublicFigure, error) {
	var out []PublicFigure
	if err := load("public_figures.csv", &out); err != nil {
		return nil, err
	}
	for i, f := range out {
		row := i + 2
		switch {
		case strings.TrimSpace(f.Publisher) == "" || strings.TrimSpace(f.Figure) == "" || strings.TrimSpace(f.Unit) == "":
			return nil, fmt.Errorf("data public_figures.csv row %d: publisher, figure and unit are required", row)
		case f.Value <= 0:
			return nil, fmt.Errorf("data public_figures.csv row %d: value %v is not a positive number", row, f.Value)
		case f.Year < 1990 || f.Year > 2100:
			return nil, fmt.Errorf("data public_figures.csv row %d: year %d", row, f.Year)
		case !contains(FigureYearTypes, f.YearType):
			return nil, fmt.Errorf("data public_figures.csv row %d: unknown year_type %q", row, f.YearType)
		case !contains(FigureStages, f.Stage):
			return nil, fmt.Errorf("data public_figures.csv row %d: unknown stage %q", row, f.Stage)
		case !contains(FigureChargeSets, f.ChargeSetCode):
			return nil, fmt.Errorf("data public_figures.csv row %d: unknown charge_set_code %q", row, f.ChargeSetCode)
		case !contains(FigureAgencies, f.AgencyCode):
			return nil, fmt.Errorf("data public_figures.csv row %d: unknown agency_code %q", row, f.AgencyCode)
		case len(f.Sources()) == 0:
			return nil, fmt.Errorf("data public_figures.csv row %d: no source_url", row)
		}
		for _, s := range f.Sources() {
			if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
				return nil, fmt.Errorf("data public_figures.csv row %d: source %q is not an http(s) URL", row, s)
			}
		}
	}
	return out, nil
}
