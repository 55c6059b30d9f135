package data

import (
	"fmt"
	"strings"
)

// StatuteRule maps a normalised statute prefix to a charge category
// (taxonomy.md "Charge categories"). A citation matches a rule when it equals
// the rule's statute or continues it with a subsection ("18 U.S.C. 2252A"
// matches "18 U.S.C. 2252A(a)(5)"); the longest matching statute wins, and
// among rules for the same statute the first whose Condition holds.
type StatuteRule struct {
	Statute   string `csv:"statute"`   // "18 U.S.C. 2252A(a)(5)"
	Category  string `csv:"category"`  // taxonomy category
	Condition string `csv:"condition"` // "" always; minor, force, possess, travel: wording of the count or sentence
	Note      string `csv:"note"`
}

// AgencyAlias maps one way of naming an agency in release text to a taxonomy
// agency code. Agency "-" marks a body that is named in releases but is never
// a credited investigating agency (prosecutors, NCMEC, foreign police,
// agencies without a code); it exists so that the longer name wins over a
// shorter alias inside it ("National Police" over "Police").
type AgencyAlias struct {
	Alias  string `csv:"alias"`
	Agency string `csv:"agency"`
	Note   string `csv:"note"`
}

// NotCredited is the agency value of aliases that are never credited.
const NotCredited = "-"

// Categories are the taxonomy charge categories.
var Categories = []string{
	"sex_trafficking_minor", "sex_trafficking_force_fraud_coercion", "sex_trafficking_conspiracy",
	"forced_labor", "csam_production", "csam_distribution_receipt", "csam_possession",
	"enticement_minor", "transportation_minor", "travel_illicit_sexual_conduct", "sexual_abuse_minor",
	"alien_smuggling", "immigration_violation", "other",
}

// AgencyCodes are the taxonomy agency codes.
var AgencyCodes = []string{
	"HSI", "ICE_ERO", "ICE", "FBI", "USMS", "CBP", "USPIS", "USSS", "DSS", "IRS_CI",
	"ATF", "DEA", "NCIS", "AFOSI", "ARMY_CID", "STATE_LOCAL", "ICAC",
}

// StatuteConditions are the values StatuteRule.Condition may take.
var StatuteConditions = []string{"", "minor", "force", "possess", "travel"}

// StatuteRules returns the statute → category table in file order.
func StatuteRules() ([]StatuteRule, error) {
	var out []StatuteRule
	if err := load("statutes.csv", &out); err != nil {
		return nil, err
	}
	for i, r := range out {
		if !contains(Categories, r.Category) {
			return nil, fmt.Errorf("data statutes.csv row %d: unknown category %q", i+2, r.Category)
		}
		if !contains(StatuteConditions, r.Condition) {
			return nil, fmt.Errorf("data statutes.csv row %d: unknown condition %q", i+2, r.Condition)
		}
	}
	return out, nil
}

// AgencyAliases returns the alias → agency table in file order.
func AgencyAliases() ([]AgencyAlias, error) {
	var out []AgencyAlias
	if err := load("agencies.csv", &out); err != nil {
		return nil, err
	}
	for i, a := range out {
		if strings.TrimSpace(a.Alias) == "" {
			return nil, fmt.Errorf("data agencies.csv row %d: empty alias", i+2)
		}
		if a.Agency != NotCredited && !contains(AgencyCodes, a.Agency) {
			return nil, fmt.Errorf("data agencies.csv row %d: unknown agency %q", i+2, a.Agency)
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
