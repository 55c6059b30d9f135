package answer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"casetrack/data"
)

// Beside is a published figure set beside one of casetrack's counts.
type Beside struct {
	Figure  data.PublicFigure `json:"figure"`
	Measure string            `json:"measure"` // the casetrack column it stands beside
	Count   int64             `json:"count"`   // casetrack's value of Measure
	// Ratio is Count / Figure.Value, set only when Comparable.
	Ratio      *float64 `json:"ratio"`
	Comparable bool     `json:"comparable"`
	// Differences say in words how the two differ, always: unit, charge
	// set, agency, coverage; for a figure that is not comparable, why it is
	// context and not a ratio.
	Differences []string `json:"differences"`
}

// stageMeasure is the casetrack column that counts each figure stage.
var stageMeasure = map[string]string{"arrest": "arrests_announced", "charged": "charged", "convicted": "convictions_secured"}

// peopleUnits are the published units that count what casetrack's people
// columns count closely enough to divide: one arrest, conviction or person
// is one person at one stage (give or take a person counted twice in a
// year). Investigations, indictments, prosecutions, cases and shares are
// other units.
var peopleUnits = []string{"arrests", "convictions", "persons"}

// publishedAgencies are the figure agency codes whose figures may stand
// beside a group of these credited agencies (as context at least).
func publishedAgencies(agencies []string) []string {
	var out []string
	for _, a := range agencies {
		switch a {
		case "HSI":
			out = append(out, "HSI", "DHS")
		case "ICE_ERO":
		default:
			out = append(out, a)
		}
	}
	if len(agencies) > 1 && slices.Contains(agencies, "HSI") {
		out = append(out, "ICE")
	}
	return out
}

// sameAgency says whether a figure's agency is exactly the group's: HSI
// for HSI alone, ICE for ICE as a whole.
func sameAgency(code string, agencies []string) bool {
	if len(agencies) == 1 {
		return code == agencies[0] && code != "ICE" // a lone ICE group is only the releases naming no directorate
	}
	return code == "ICE" && slices.Contains(agencies, "HSI") && slices.Contains(agencies, "ICE_ERO")
}

func (m Measures) value(measure string) int64 {
	switch measure {
	case "arrests_announced":
		return m.ArrestsAnnounced
	case "charged":
		return m.Charged
	}
	return m.Convictions
}

// Closest picks the published figure of fiscal year fy nearest to what a
// group of these agencies counts (same charge set first, then a figure of
// convictions, then one of arrests or charges, then a comparable unit,
// then the same agency) and sets it beside the count it stands for. It
// returns nil when no figure of that year concerns these agencies.
func Closest(figs []data.PublicFigure, fy int, agencies []string, m Measures) *Beside {
	allowed := publishedAgencies(agencies)
	best, bestScore := -1, -1
	for i, f := range figs {
		if f.YearType != "fiscal" || f.Year != fy || !slices.Contains(allowed, f.AgencyCode) {
			continue
		}
		score := 0
		if f.ChargeSetCode == set {
			score += 16
		}
		switch f.Stage {
		case "convicted":
			score += 8
		case "arrest", "charged":
			score += 4
		}
		if slices.Contains(peopleUnits, f.Unit) {
			score += 2
		}
		if sameAgency(f.AgencyCode, agencies) {
			score++
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil
	}
	f := figs[best]
	measure := stageMeasure[f.Stage]
	if measure == "" {
		measure = "convictions_secured"
	}
	b := Compare(f, measure, m.value(measure), agencies)
	return &b
}

// Compare sets figure f beside casetrack's count of measure for a group of
// agencies in the child-exploitation set and the same fiscal year. The
// ratio count / value is given only when the two count the same stage in
// a comparable unit, for the same charge set, agency and kind of year; a
// figure in another unit is never divided.
func Compare(f data.PublicFigure, measure string, count int64, agencies []string) Beside {
	b := Beside{Figure: f, Measure: measure, Count: count}
	who := strings.Join(agencies, ", ")
	var why []string // reasons it is context only
	if !slices.Contains(peopleUnits, f.Unit) {
		why = append(why, fmt.Sprintf("it counts %s, not people", f.Unit))
	}
	if stageMeasure[f.Stage] != measure {
		stage := f.Stage
		if stage == "" {
			stage = "no stage casetrack counts"
		}
		why = append(why, fmt.Sprintf("it counts %s (%s), casetrack's number is %s", f.Figure, stage, measure))
	}
	if f.ChargeSetCode != set {
		why = append(why, fmt.Sprintf("its charge set (%s) is not casetrack's child-exploitation set", f.ChargeSet))
	}
	if !sameAgency(f.AgencyCode, agencies) {
		why = append(why, fmt.Sprintf("it covers %s, casetrack's count covers releases crediting %s", f.Agency, who))
	}
	if f.YearType != "fiscal" {
		why = append(why, "it is for a calendar year, casetrack's for a fiscal year")
	}
	b.Comparable = len(why) == 0
	pub := fmt.Sprintf("%s: %s %s", f.Publisher, f.Qualifier, FormatValue(f))
	pub = strings.Replace(pub, ":  ", ": ", 1)
	if b.Comparable {
		r := float64(count) / f.Value
		b.Ratio = &r
		b.Differences = append(b.Differences,
			fmt.Sprintf("casetrack's %d is %.1f%% of %s %s in %s for %s.", count, 100*r, pub, f.Figure, f.ChargeSet, f.Agency),
			unitWords(f.Unit),
			fmt.Sprintf("Charge sets differ slightly: the publication does not list the statutes behind its %q; casetrack's set is sex trafficking of a minor, CSAM production, distribution, receipt and possession, enticement, transportation and travel, and sexual abuse of a minor.", f.ChargeSet),
			"Coverage differs: the publisher counts all its cases, casetrack only those a press release or a loaded court record reports, so the share is a floor of what releases reveal.")
		if f.Qualifier == "more than" {
			b.Differences = append(b.Differences, "The published figure is a lower bound (\"more than\"), so the share is at most this.")
		}
		return b
	}
	b.Differences = append(b.Differences,
		fmt.Sprintf("Context, not a ratio: %s %s (%s, %s, %s) beside casetrack's %d (%s); %s.",
			pub, f.Figure, f.ChargeSet, f.Agency, f.YearLabel(), count, measure, strings.Join(why, "; ")))
	return b
}

// unitWords says how a comparable published unit differs from people.
func unitWords(unit string) string {
	if unit == "persons" {
		return "Units match: both count people."
	}
	return fmt.Sprintf("Units differ slightly: the publisher counts %s (whether a person with two in one year counts twice is not said), casetrack counts people (each once).", unit)
}

// FormatValue writes a figure's value as published: 2,147; 52% for a share.
func FormatValue(f data.PublicFigure) string {
	if f.Unit == "share of suspects" {
		return strconv.FormatFloat(f.Value, 'f', -1, 64) + "%"
	}
	return thousands(f.Value)
}

// thousands writes a number with comma-separated thousands.
func thousands(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
