package answer

// Definition says what one output column holds, in its unit. The method
// page prints these; docs/data-dictionary.md says the same in prose, and a
// test keeps the two naming the same columns.
type Definition struct {
	Column, Unit, Meaning string
}

// Definitions cover CSVColumns, in order.
var Definitions = []Definition{
	{"agency", "code", "the credited agency or agencies of the row: HSI, ICE_ERO, ICE (a release crediting ICE without naming HSI or ERO), or several joined with + (HSI+ICE_ERO+ICE is ICE as a whole, each person once)"},
	{"period", "fiscal year", "FY2024 for one federal fiscal year (Oct 1 - Sep 30, named for the year it ends in); FY2023-FY2026 for the whole period"},
	{"fiscal_year", "year", "the fiscal year as a number; empty for the whole period"},
	{"category", "word", "child_exploitation_set for the whole set (a person once, whatever their categories), else one charge category of the set"},
	{"arrests_announced", "people", "named people whose arrest a press release announced (a docket's initial appearance is a court record, not an announcement)"},
	{"arrests_announced_unnamed", "persons", "head counts of unnamed group arrests a release announced (\"agents arrested 29 people\"); never added to people"},
	{"charged", "people", "people with a charged event (complaint, information or indictment)"},
	{"convictions_secured", "people", "people with a conviction or a sentence (a sentence implies a conviction)"},
	{"convictions_plea", "people", "of those, people a report says pleaded guilty"},
	{"convictions_verdict", "people", "of those, people a report says were found guilty at trial (a person can count in both when reports or cases differ)"},
	{"convictions_manner_not_stated", "people", "of those, people for whom no report says plea or verdict (often a sentence release alone)"},
	{"convictions_press_only", "people", "of those, people whose conviction rests on press releases only"},
	{"convictions_court_verified", "people", "of those, people whose conviction rests on a court record (PACER or CourtListener docket); press_only + court_verified = convictions_secured"},
	{"sentenced", "people", "people with a sentenced event"},
	{"median_sentence_months", "months", "median prison term over sentenced people (each person's longest; life, time served and probation left out); empty when none"},
	{"arrests_later_convicted", "people", "people whose announced arrest is followed by a conviction of the same person in the same case in the data"},
	{"conversion_rate", "ratio 0-1", "arrests_later_convicted / arrests_announced; empty without arrests"},
	{"median_days_arrest_to_conviction", "days", "median lag from the announced arrest to the case's first conviction on or after it; empty when none converted"},
	{"published_publisher", "text", "fiscal-year rows of the set: who published the closest figure of that year (data/public_figures.csv); empty when no figure concerns these agencies"},
	{"published_figure", "text", "what the publisher calls it"},
	{"published_value", "number", "the published value (a percentage for a share)"},
	{"published_value_qualifier", "word", "\"more than\" when published as a lower bound"},
	{"published_unit", "unit", "the published figure's unit (defined below)"},
	{"published_year", "year", "FY2024, or calendar 2023"},
	{"published_charge_set", "text", "the publisher's charge set, in its words"},
	{"published_agency", "text", "the agency the figure covers, in the publisher's words"},
	{"published_source", "URLs", "where the figure was read, several separated by \" ; \""},
	{"compared_measure", "column", "the casetrack column the figure stands beside (convictions_secured, arrests_announced or charged)"},
	{"ratio", "ratio", "casetrack's count / the published value, only when both count the same stage in a comparable unit (arrests, convictions, persons) for the same charge set, agency and fiscal year; empty otherwise: a figure in another unit is never divided"},
	{"comparison", "text", "the differences in words: unit, charge set, agency and coverage, or why the figure is context and not a ratio"},
}

// PeopleDefinitions cover PeopleCSVColumns, in order.
var PeopleDefinitions = []Definition{
	{"agency", "code", "as in the counts"},
	{"period", "fiscal year", "as in the counts"},
	{"fiscal_year", "year", "as in the counts"},
	{"category", "word", "as in the counts"},
	{"measure", "column", "the count the person stands behind (one of the people columns of the counts)"},
	{"person_id", "id", "the linked person (mart_people); empty for an unnamed group"},
	{"name", "text", "the defendant's name as first reported, or \"unnamed group of N\""},
	{"count", "persons", "1 for a person; the head count of an unnamed group"},
	{"date", "date", "the earliest date of the occurrences that put the person in the count"},
	{"categories", "list", "their charge categories in the set, ;-joined"},
	{"event_type", "word", "what the report says happened: arrest, charged, convicted, sentenced"},
	{"plea_or_verdict", "word", "plea, verdict or empty, as the report says"},
	{"court_verified", "boolean", "the report is a court record"},
	{"sentence_months", "months", "the sentence the report gives"},
	{"published", "date", "the report's publication date"},
	{"publisher", "word", "who issued it: ICE, DOJ, USAO, court, ..."},
	{"title", "text", "the report's title"},
	{"url", "URL", "the release or docket"},
	{"evidence", "text", "the sentence the event was read from"},
}

// UnitMeanings define the units of data/public_figures.csv.
var UnitMeanings = map[string]string{
	"arrests":           "arrests the publisher reports for the year in cases it worked; it does not say whether a person arrested twice counts twice. Comparable with arrests_announced (named people).",
	"investigations":    "investigations (cases) the agency opened in the year: not people, never divided.",
	"convictions":       "convictions the publisher reports for the year in cases it investigated or supported, of people arrested in any year. Comparable with convictions_secured (people).",
	"indictments":       "indictments (charging documents) returned in the year: not people, never divided.",
	"persons":           "people (defendants) counted by the Bureau of Justice Statistics from federal justice records.",
	"share of suspects": "the percentage of suspects referred to U.S. attorneys whom an agency referred: a share, never divided.",
	"prosecutions":      "defendants newly prosecuted with the statute as their lead charge, from EOUSA records (TRAC): a narrower charge rule, not casetrack's stages.",
	"cases":             "new criminal cases filed in the calendar year (a case can hold several defendants): not people, never divided.",
}
