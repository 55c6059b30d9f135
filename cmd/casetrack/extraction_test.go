package main

import (
	"encoding/csv"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"casetrack/internal/testshared"
	"casetrack/pipeline/normalize"
)

// sqlRows runs a query through `casetrack sql --format csv` and returns
// the rows without the header.
func sqlRows(t *testing.T, db, query string) [][]string {
	t.Helper()
	out := mustRun(t, "--db", db, "sql", "--format", "csv", query)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v\n%s", query, err, out)
	}
	if len(recs) == 0 {
		return nil
	}
	return recs[1:]
}

// protectedSet is the trafficking and child-exploitation categories as a
// DuckDB list literal.
const protectedSet = `['sex_trafficking_minor','sex_trafficking_force_fraud_coercion','sex_trafficking_conspiracy','forced_labor',
	'csam_production','csam_distribution_receipt','csam_possession','enticement_minor','transportation_minor',
	'travel_illicit_sexual_conduct','sexual_abuse_minor']`

// nonPersonName is what a defendant that is no person or organisation looks
// like: the kinds the issue lists (statutes, places, facilities, units,
// gangs, operations, drugs), written here independently of normalize's own
// vocabularies.
var nonPersonName = regexp.MustCompile(`(?i)\b(?:act|valley|hills|beach|facility|institution|complex|supervision|surge|blitz|squad|sector|guard|corps|army|navy|aragua|michoacana|cartel|gang|operation|methamphetamine|fentanyl|cocaine|heroin|distribute|proceeding|reservist|warehousing|market|marketplaces|liberty|response|detention|correctional)\b`)

// TestICEFullExtractionInvariants imports all 964 ICE releases as a user
// would and checks the promises of issue 13 that need no labels: no
// defendant is a statute, place, unit, gang, operation, facility or drug;
// every person the linker finds in two releases looks like a person; no
// event pairs immigration_violation with a trafficking or child-exploitation
// category; no arrest credited to ERO alone carries such a category; the two
// enforcement operations that used to count as child exploitation are
// immigration arrests.
func TestICEFullExtractionInvariants(t *testing.T) {
	records := testshared.Path(t, "corpus", "ice-full", "records.jsonl")
	db := filepath.Join(t.TempDir(), "ice.duckdb")
	mustRun(t, "--db", db, "import", records)

	quoted := []string{"Nationality Act", "Tren de Aragua", "Tren De Aragua", "Tren da Aragua", "Community Supervision",
		"Chino Hills", "Correctional Facility", "Distribute Methamphetamine", "Fernando Valley",
		"Emergency Economic Powers Act", "Delaney Hall Detention Facility", "Coast Guard", "Laken Riley Act", "Metro Surge",
		"Special Response", "La Familia Michoacana", "Hudson Valley", "La Mesilla", "Woodland Hills", "Cross Check",
		"Spirits Warehousing", "Special Agent-in-Charge"}
	for _, r := range sqlRows(t, db, `SELECT DISTINCT defendant FROM event_facts WHERE defendant IS NOT NULL ORDER BY 1`) {
		name := r[0]
		for _, q := range quoted {
			if strings.EqualFold(name, q) {
				t.Errorf("defendant %q is one of the non-person names the issue quotes", name)
			}
		}
		if nonPersonName.MatchString(name) {
			t.Errorf("defendant %q looks like a statute, place, unit, gang, operation, facility or drug", name)
		}
	}

	multi := sqlRows(t, db, `SELECT any_value(f.defendant), count(DISTINCT f.doc_id)
		FROM event_people p JOIN event_facts f USING (event_id)
		WHERE f.defendant IS NOT NULL GROUP BY p.person_id HAVING count(DISTINCT f.doc_id) > 1 ORDER BY 1`)
	for _, r := range multi {
		t.Logf("person in %s releases: %s", r[1], r[0])
		if nonPersonName.MatchString(r[0]) || len(strings.Fields(r[0])) < 2 {
			t.Errorf("the linker joins %q across %s releases, and it is no full person's name", r[0], r[1])
		}
	}

	for _, r := range sqlRows(t, db, `SELECT document_url, coalesce(defendant, '(unnamed)'), event_type FROM event_facts
		WHERE list_contains(categories, 'immigration_violation') AND list_has_any(categories, `+protectedSet+`)`) {
		t.Errorf("%s: %s %s pairs immigration_violation with a trafficking or child-exploitation category", r[0], r[1], r[2])
	}
	for _, r := range sqlRows(t, db, `SELECT document_url, coalesce(defendant, '(unnamed)') FROM event_facts
		WHERE event_type = 'arrest' AND agencies = ['ICE_ERO'] AND list_has_any(categories, `+protectedSet+`)`) {
		t.Errorf("%s: ERO-only arrest of %s has a child-exploitation category", r[0], r[1])
	}

	ops := sqlRows(t, db, `SELECT title, event_type, person_count, array_to_string(categories, ',') FROM event_facts
		WHERE title LIKE '%arrest 370 alien offenders%' OR title LIKE '%arrest 133 alien offenders%'`)
	seen := map[string]bool{}
	for _, r := range ops {
		seen[r[0]] = true
		if r[1] != "arrest" || r[3] != "immigration_violation" {
			t.Errorf("%s: %s %s %s, want immigration arrests only", r[0], r[1], r[2], r[3])
		}
	}
	if len(seen) != 2 {
		t.Errorf("the two enforcement operations yield events in %d releases, want 2: %v", len(seen), ops)
	}
}

// TestDefendantKindMatchesNormalize keeps the views' defendant_kind macro
// and normalize.OrganisationName on one list of legal forms, over every
// defendant of the DOJ API page and names written for the purpose.
func TestDefendantKindMatchesNormalize(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kind.duckdb")
	mustRun(t, "--db", db, "import", testshared.Path(t, "fixtures", "doj"))
	names := []string{"Tyson Foods Inc", "Harbor Grain Inc.", "Lloyds TSB Bank plc", "Korean Air Lines Ltd", "Siemens AG",
		"Acme Logistics, L.L.C.", "Grupo Norte S.A. de C.V.", "Jimmy Sullivan", "Ana Park", "Ingrid Cobank", "Paul Ltdson"}
	for _, r := range sqlRows(t, db, `SELECT DISTINCT defendant FROM event_facts WHERE defendant IS NOT NULL`) {
		names = append(names, r[0])
	}
	orgs := 0
	for _, n := range names {
		got := sqlRows(t, db, `SELECT coalesce(defendant_kind('`+strings.ReplaceAll(n, "'", "''")+`'), '')`)[0][0]
		want := normalize.DefendantPerson
		if normalize.OrganisationName(n) {
			want = normalize.DefendantOrganisation
			orgs++
		}
		if got != want {
			t.Errorf("defendant_kind(%q) = %q, normalize says %q", n, got, want)
		}
	}
	if orgs < 7 {
		t.Errorf("only %d organisations among the names: the test reads too few", orgs)
	}
}
