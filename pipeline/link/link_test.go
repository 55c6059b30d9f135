package link

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// ev builds a named event; options tweak it.
func ev(id, name, typ, date string, opts ...func(*Event)) Event {
	e := Event{EventID: id, DocURL: "https://example.test/" + id, Type: typ, Defendant: name, PersonCount: 1}
	if date != "" {
		e.Date = day(date)
	}
	for _, o := range opts {
		o(&e)
	}
	return e
}

func cats(c ...string) func(*Event)     { return func(e *Event) { e.Categories = c } }
func agencies(a ...string) func(*Event) { return func(e *Event) { e.Agencies = a } }
func district(d string) func(*Event)    { return func(e *Event) { e.District = d } }
func docket(d string) func(*Event)      { return func(e *Event) { e.DocketNumber = d } }
func age(n int) func(*Event)            { return func(e *Event) { e.Age = n } }
func doc(u string) func(*Event)         { return func(e *Event) { e.DocURL = u } }
func aliases(a ...string) func(*Event)  { return func(e *Event) { e.Aliases = a } }
func fromDoc(e *Event)                  { e.DateFromDoc = true }

func resolve(t *testing.T, events []Event, decisions ...Decision) (Result, map[string]Assignment) {
	t.Helper()
	res, err := Resolve(events, Options{Decisions: decisions})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Assignment{}
	for _, a := range res.Assignments {
		by[a.EventID] = a
	}
	return res, by
}

func linkOf(res Result, a, b string) (Link, bool) {
	if a > b {
		a, b = b, a
	}
	for _, l := range res.Links {
		if l.A == a && l.B == b {
			return l, true
		}
	}
	return Link{}, false
}

func samePerson(t *testing.T, by map[string]Assignment, ids ...string) {
	t.Helper()
	for _, id := range ids[1:] {
		if by[id].PersonID == "" || by[id].PersonID != by[ids[0]].PersonID {
			t.Errorf("%s (%s) and %s (%s) should be one person", ids[0], by[ids[0]].PersonID, id, by[id].PersonID)
		}
	}
}

func twoPeople(t *testing.T, by map[string]Assignment, a, b string) {
	t.Helper()
	if by[a].PersonID == by[b].PersonID {
		t.Errorf("%s and %s merged into %s; they are two people", a, b, by[a].PersonID)
	}
}

func TestNameAloneNeverMerges(t *testing.T) {
	// Identical full names, nothing else in common: two people, and the
	// pair is recorded so a reviewer can see it.
	res, by := resolve(t, []Event{
		ev("a", "John Smith", "arrest", ""),
		ev("b", "John Smith", "sentenced", ""),
	})
	twoPeople(t, by, "a", "b")
	l, ok := linkOf(res, "a", "b")
	if !ok || l.Decision == DecisionMerge {
		t.Fatalf("link a/b = %+v, %v; want recorded and not merged", l, ok)
	}
}

func TestExactNamePlusCategoryMerges(t *testing.T) {
	res, by := resolve(t, []Event{
		ev("a", "John Smith", "arrest", "", cats("csam_possession")),
		ev("b", "Smith, John", "sentenced", "", cats("csam_possession", "other")),
	})
	samePerson(t, by, "a", "b")
	l, _ := linkOf(res, "a", "b")
	if l.Decision != DecisionMerge || !slices.Contains(l.Reasons, "category_overlap:csam_possession") {
		t.Errorf("link = %+v", l)
	}
}

func TestOtherCategoryIsNotASecondKey(t *testing.T) {
	_, by := resolve(t, []Event{
		ev("a", "John Smith", "arrest", "", cats("other")),
		ev("b", "John Smith", "sentenced", "", cats("other")),
	})
	twoPeople(t, by, "a", "b")
}

func TestMiddleNameOptional(t *testing.T) {
	_, by := resolve(t, []Event{
		ev("a", "Carlos Alberto Mendez", "charged", "2023-03-30", cats("csam_production")),
		ev("b", "Carlos Mendez", "convicted", "2023-09-14", cats("csam_production")),
		ev("c", "Carlos A. Mendez", "sentenced", "2024-01-19", cats("csam_production")),
	})
	samePerson(t, by, "a", "b", "c")
}

func TestConflictingMiddleNamesStayApart(t *testing.T) {
	_, by := resolve(t, []Event{
		ev("a", "John Allen Smith", "charged", "2023-03-30", cats("csam_production"), district("D. Md.")),
		ev("b", "John Robert Smith", "convicted", "2023-09-14", cats("csam_production"), district("D. Md.")),
	})
	twoPeople(t, by, "a", "b")
}

func TestFuzzyNameNeverMergesAlone(t *testing.T) {
	// Maria Lopez and Mario Lopes: two people even with every other key.
	res, by := resolve(t, []Event{
		ev("a", "Maria Lopez", "arrest", "2023-01-01", cats("alien_smuggling"), district("S.D. Tex."), age(30)),
		ev("b", "Mario Lopes", "convicted", "2023-06-01", cats("alien_smuggling"), district("S.D. Tex."), age(30)),
	})
	twoPeople(t, by, "a", "b")
	if _, ok := linkOf(res, "a", "b"); ok {
		t.Error("Maria Lopez / Mario Lopes recorded as a link; two differences make them strangers")
	}
}

func TestFuzzySurnameGoesToReview(t *testing.T) {
	// One letter off with the same docket: a likely typo, but a person
	// decides.
	res, by := resolve(t, []Event{
		ev("a", "Maria Lopez", "charged", "2023-01-01", docket("4:23-cr-00123"), district("S.D. Tex.")),
		ev("b", "Maria Lopes", "convicted", "2023-06-01", docket("4:23-CR-123"), district("S.D. Tex.")),
	})
	twoPeople(t, by, "a", "b")
	l, ok := linkOf(res, "a", "b")
	if !ok || l.Decision != DecisionUncertain || !slices.Contains(l.Reasons, "same_docket") {
		t.Fatalf("link = %+v, %v; want uncertain with same_docket", l, ok)
	}
	if u := res.Uncertain(); len(u) != 1 {
		t.Errorf("Uncertain() = %d links, want 1", len(u))
	}
	// The reviewer's merge is honoured on the next run.
	res2, by2 := resolve(t, []Event{
		ev("a", "Maria Lopez", "charged", "2023-01-01", docket("4:23-cr-00123"), district("S.D. Tex.")),
		ev("b", "Maria Lopes", "convicted", "2023-06-01", docket("4:23-CR-123"), district("S.D. Tex.")),
	}, Decision{KeyA: "b", KeyB: "a", Decision: DecisionMerge, Note: "typo in the plea release"})
	samePerson(t, by2, "a", "b")
	l2, _ := linkOf(res2, "a", "b")
	if l2.Decision != DecisionMerge || l2.DecidedBy != "review" {
		t.Errorf("reviewed link = %+v", l2)
	}
}

func TestSameDocketIsStrongSecondKey(t *testing.T) {
	// An initial-only name merges when the docket agrees.
	_, by := resolve(t, []Event{
		ev("a", "J. Smith", "charged", "2021-02-01", docket("2:17-cr-00378-SPL-1")),
		ev("b", "John Smith", "sentenced", "2021-09-01", docket("2:17-CR-378")),
	})
	samePerson(t, by, "a", "b")
}

func TestDistrictConflictKeepsApart(t *testing.T) {
	res, by := resolve(t, []Event{
		ev("a", "Carlos Mendez", "arrest", "2023-01-01", cats("csam_possession"), district("S.D. Fla.")),
		ev("b", "Carlos Mendez", "convicted", "2023-06-01", cats("csam_possession"), district("W.D. Tex.")),
	})
	twoPeople(t, by, "a", "b")
	l, _ := linkOf(res, "a", "b")
	if l.Decision != DecisionKeepApart || !slices.Contains(l.Reasons, "district_conflict") {
		t.Errorf("link = %+v", l)
	}
}

func TestMissingDistrictIsNotAConflict(t *testing.T) {
	// An ICE release often names no district; the USAO's does.
	_, by := resolve(t, []Event{
		ev("a", "Carlos Mendez", "arrest", "2023-01-01", cats("csam_possession")),
		ev("b", "Carlos Mendez", "convicted", "2023-06-01", cats("csam_possession"), district("W.D. Tex.")),
	})
	samePerson(t, by, "a", "b")
}

func TestAges(t *testing.T) {
	// Consistent ages are a second key on their own.
	_, by := resolve(t, []Event{
		ev("a", "Jonathan Michael Atkinson", "arrest", "2023-01-10", age(34)),
		ev("b", "Jonathan Michael Atkinson", "sentenced", "2024-03-01", age(35)),
	})
	samePerson(t, by, "a", "b")
	// Ages that cannot both be right: two people, even with a shared category.
	res, by := resolve(t, []Event{
		ev("a", "Jonathan Michael Atkinson", "arrest", "2023-01-10", age(34), cats("enticement_minor")),
		ev("b", "Jonathan Michael Atkinson", "sentenced", "2024-03-01", age(52), cats("enticement_minor")),
	})
	twoPeople(t, by, "a", "b")
	if l, _ := linkOf(res, "a", "b"); !slices.Contains(l.Reasons, "ages_inconsistent") {
		t.Errorf("link = %+v", l)
	}
}

func TestDateOrderAndWindow(t *testing.T) {
	// A sentencing two years before the arrest is not the same case's
	// end: the pair loses points and stays below MergeScore.
	res, by := resolve(t, []Event{
		ev("a", "John Smith", "arrest", "2023-01-10", cats("csam_possession")),
		ev("b", "John Smith", "sentenced", "2021-01-10", cats("csam_possession")),
	})
	twoPeople(t, by, "a", "b")
	if l, _ := linkOf(res, "a", "b"); !slices.Contains(l.Reasons, "dates_out_of_order") {
		t.Errorf("link = %+v", l)
	}
	// Plausible order within the window counts as a key.
	res, _ = resolve(t, []Event{
		ev("a", "John Smith", "arrest", "2023-01-10"),
		ev("b", "John Smith", "sentenced", "2024-01-10"),
	})
	if l, _ := linkOf(res, "a", "b"); !slices.Contains(l.Reasons, "dates_plausible") {
		t.Errorf("link = %+v", l)
	}
	// Eight years apart.
	res, _ = resolve(t, []Event{
		ev("a", "John Smith", "arrest", "2013-01-10"),
		ev("b", "John Smith", "sentenced", "2021-01-10"),
	})
	if l, _ := linkOf(res, "a", "b"); !slices.Contains(l.Reasons, "dates_far_apart") {
		t.Errorf("link = %+v", l)
	}
}

func TestUnnamedNeverMerged(t *testing.T) {
	g := ev("g", "", "arrest", "2023-03-08", cats("csam_possession"), agencies("HSI"))
	g.PersonCount = 12
	res, by := resolve(t, []Event{
		g,
		ev("a", "David Keller", "arrest", "2023-03-08", cats("csam_possession"), agencies("HSI"), doc(g.DocURL)),
	}, Decision{KeyA: "g", KeyB: "a", Decision: DecisionMerge})
	if by["g"].PersonID != "" || by["g"].CaseID != "" || by["g"].OccurrenceID != "g" {
		t.Errorf("unnamed event assignment = %+v", by["g"])
	}
	if by["a"].PersonID != "P-a" {
		t.Errorf("named event assignment = %+v", by["a"])
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "unnamed") {
		t.Errorf("warnings = %q; want the merge decision on an unnamed event refused", res.Warnings)
	}
}

func TestSameEventTwoPublishers(t *testing.T) {
	// ICE and the USAO both announce one arrest: one person, one
	// occurrence, both events kept (both sources listed).
	res, by := resolve(t, []Event{
		ev("ice1", "David Keller", "arrest", "2023-03-10", fromDoc, cats("csam_possession"), agencies("HSI"),
			func(e *Event) { e.Publisher = "ICE" }),
		ev("usao1", "David Keller", "arrest", "2023-03-08", cats("csam_possession"), agencies("HSI"), district("W.D. Tex."),
			func(e *Event) { e.Publisher = "USAO" }),
	})
	samePerson(t, by, "ice1", "usao1")
	if by["ice1"].OccurrenceID != "usao1" || by["usao1"].OccurrenceID != "usao1" {
		t.Errorf("occurrences = %q, %q; want both usao1 (the earlier report)", by["ice1"].OccurrenceID, by["usao1"].OccurrenceID)
	}
	if l, _ := linkOf(res, "ice1", "usao1"); !slices.Contains(l.Reasons, "same_event") {
		t.Errorf("link = %+v", l)
	}
	// Two arrests of one person a year apart are two occurrences.
	_, by = resolve(t, []Event{
		ev("x", "David Keller", "arrest", "2022-03-08", cats("csam_possession"), age(40)),
		ev("y", "David Keller", "arrest", "2023-03-08", cats("csam_possession"), age(41)),
	})
	samePerson(t, by, "x", "y")
	if by["x"].OccurrenceID == by["y"].OccurrenceID {
		t.Error("arrests a year apart share an occurrence")
	}
}

func TestSameDocumentStages(t *testing.T) {
	// One release reports the arrest and the charge of one man.
	_, by := resolve(t, []Event{
		ev("a", "Gustavo Gordillo", "arrest", "", doc("u1")),
		ev("b", "Gustavo Gordillo", "charged", "", doc("u1")),
	})
	samePerson(t, by, "a", "b")
}

func TestNoTransitiveChains(t *testing.T) {
	// "J. Smith" fits John and James; it may join one of them, never both.
	_, by := resolve(t, []Event{
		ev("john", "John Smith", "arrest", "2023-01-01", cats("csam_possession"), district("D. Md.")),
		ev("js", "J. Smith", "charged", "2023-01-05", cats("csam_possession"), district("D. Md.")),
		ev("james", "James Smith", "convicted", "2023-05-01", cats("csam_possession"), district("D. Md.")),
	})
	twoPeople(t, by, "john", "james")
}

func TestAliases(t *testing.T) {
	_, by := resolve(t, []Event{
		ev("a", "Roberto Salinas", "arrest", "2023-01-01", cats("sex_trafficking_minor"), aliases("Beto Garza")),
		ev("b", "Beto Garza", "convicted", "2023-08-01", cats("sex_trafficking_minor")),
	})
	samePerson(t, by, "a", "b")
}

func TestReviewedKeepApart(t *testing.T) {
	events := []Event{
		ev("a", "John Smith", "arrest", "2023-01-01", cats("csam_possession")),
		ev("b", "John Smith", "convicted", "2023-06-01", cats("csam_possession")),
		ev("c", "John Smith", "sentenced", "2023-10-01", cats("csam_possession")),
	}
	_, by := resolve(t, events)
	samePerson(t, by, "a", "b", "c")
	// Keyed by person id: "P-a" names event a.
	res, by := resolve(t, events, Decision{KeyA: "P-a", KeyB: "c", Decision: DecisionKeepApart, Note: "different men"})
	twoPeople(t, by, "a", "c")
	if l, _ := linkOf(res, "a", "c"); l.Decision != DecisionKeepApart || l.DecidedBy != "review" {
		t.Errorf("link a/c = %+v", l)
	}
	res, _ = resolve(t, events, Decision{KeyA: "nope", KeyB: "c", Decision: DecisionKeepApart})
	if len(res.Warnings) != 1 {
		t.Errorf("warnings = %q; want one for the unknown key", res.Warnings)
	}
}

func TestCasesSplitWithinPerson(t *testing.T) {
	// A reviewer merged two events on different criminal dockets: one
	// person, two cases.
	_, by := resolve(t, []Event{
		ev("old", "John Smith", "sentenced", "2015-01-01", docket("1:14-cr-00001"), cats("csam_possession")),
		ev("new", "John Smith", "arrest", "2023-01-01", docket("1:23-cr-00009"), cats("csam_possession")),
		ev("new2", "John Smith", "convicted", "2023-06-01", docket("1:23-cr-00009"), cats("csam_possession")),
	}, Decision{KeyA: "old", KeyB: "new", Decision: DecisionMerge})
	samePerson(t, by, "old", "new", "new2")
	if by["old"].CaseID == by["new"].CaseID {
		t.Error("two dockets share a case")
	}
	if by["new"].CaseID != by["new2"].CaseID || by["new"].CaseID != "C-new" {
		t.Errorf("case ids = %q, %q; want C-new", by["new"].CaseID, by["new2"].CaseID)
	}
	// An ERO immigration arrest of a man with an old conviction is its own case.
	_, by = resolve(t, []Event{
		ev("s", "Jose Luis Ramirez", "sentenced", "2016-01-01", cats("sexual_abuse_minor"), age(34)),
		ev("e", "Jose Luis Ramirez", "arrest", "2023-05-30", cats("immigration_violation"), age(41)),
	}, Decision{KeyA: "s", KeyB: "e", Decision: DecisionMerge})
	samePerson(t, by, "s", "e")
	if by["s"].CaseID == by["e"].CaseID {
		t.Error("immigration arrest joined the old sex-abuse case")
	}
}

func TestDeterministic(t *testing.T) {
	events := scenario(t)
	res1, err := Resolve(events, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		shuffled := slices.Clone(events)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		res2, err := Resolve(shuffled, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]Assignment{}
		for _, a := range res1.Assignments {
			want[a.EventID] = a
		}
		for _, a := range res2.Assignments {
			if want[a.EventID] != a {
				t.Fatalf("shuffled input: %+v, want %+v", a, want[a.EventID])
			}
		}
		if !slices.EqualFunc(res1.Links, res2.Links, func(x, y Link) bool {
			return x.A == y.A && x.B == y.B && x.Score == y.Score && x.Decision == y.Decision && slices.Equal(x.Reasons, y.Reasons)
		}) {
			t.Fatal("shuffled input changed the links")
		}
	}
}

func TestResolveRejectsBadInput(t *testing.T) {
	if _, err := Resolve([]Event{ev("a", "John Smith", "arrest", ""), ev("a", "John Smith", "arrest", "")}, Options{}); err == nil {
		t.Error("duplicate ids accepted")
	}
	if _, err := Resolve([]Event{{Defendant: "John Smith"}}, Options{}); err == nil {
		t.Error("empty id accepted")
	}
	_, err := Resolve([]Event{ev("a", "John Smith", "arrest", ""), ev("b", "John Smith", "arrest", "")},
		Options{Decisions: []Decision{{KeyA: "a", KeyB: "b", Decision: "maybe"}}})
	if err == nil {
		t.Error("decision 'maybe' accepted")
	}
}

// scenarioFile mirrors testdata/scenario_constructed.json.
type scenarioFile struct {
	Documents []struct {
		DocID     string `json:"doc_id"`
		Source    string `json:"source"`
		URL       string `json:"url"`
		Publisher string `json:"publisher"`
		Published string `json:"published"`
	} `json:"documents"`
	Events []struct {
		EventID     string   `json:"event_id"`
		DocID       string   `json:"doc_id"`
		Type        string   `json:"event_type"`
		Defendant   *string  `json:"defendant"`
		Age         int      `json:"age"`
		PersonCount int      `json:"person_count"`
		Date        *string  `json:"event_date"`
		Categories  []string `json:"categories"`
		Agencies    []string `json:"agencies"`
		District    string   `json:"district"`
		Docket      string   `json:"docket_number"`
	} `json:"events"`
}

// scenario reads the constructed scenario as link.Events, with the
// document's date standing in where the event has none.
func scenario(t testing.TB) []Event {
	t.Helper()
	b, err := os.ReadFile("testdata/scenario_constructed.json")
	if err != nil {
		t.Fatal(err)
	}
	var f scenarioFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	type docInfo struct{ source, url, publisher, published string }
	docs := map[string]docInfo{}
	for _, d := range f.Documents {
		docs[d.DocID] = docInfo{d.Source, d.URL, d.Publisher, d.Published}
	}
	var out []Event
	for _, e := range f.Events {
		d := docs[e.DocID]
		x := Event{EventID: e.EventID, DocURL: d.url, Source: d.source, Publisher: d.publisher, Type: e.Type,
			Age: e.Age, PersonCount: e.PersonCount, Categories: e.Categories, Agencies: e.Agencies,
			District: e.District, DocketNumber: e.Docket}
		if e.Defendant != nil {
			x.Defendant = *e.Defendant
		}
		if e.Date != nil {
			x.Date = day(*e.Date)
		} else {
			x.Date, x.DateFromDoc = day(d.published), true
		}
		out = append(out, x)
	}
	return out
}

func TestScenarioOnePersonPerRealPerson(t *testing.T) {
	events := scenario(t)
	res, by := resolve(t, events)
	// Carlos Alberto Mendez: HSI arrest, indictment, plea (as "Carlos
	// Mendez"), sentencing release (plea + sentence).
	samePerson(t, by, "e01", "e03", "e04", "e05", "e06")
	// David Keller: HSI arrest release, USAO complaint release (arrest + charge).
	samePerson(t, by, "e02", "e07", "e08")
	people := map[string]bool{}
	for _, a := range res.Assignments {
		if a.PersonID != "" {
			people[a.PersonID] = true
		}
	}
	// Mendez, Keller, Hale (FBI sentencing), Ramirez (ERO), and the other
	// Carlos Mendez in Florida.
	if len(people) != 5 {
		t.Errorf("%d people, want 5: %v", len(people), people)
	}
	twoPeople(t, by, "e01", "e12")
	twoPeople(t, by, "e04", "e12")
	if by["e01"].PersonID != "P-e01" || by["e01"].CaseID != "C-e01" {
		t.Errorf("Mendez ids = %+v; want P-e01 / C-e01 (earliest event)", by["e01"])
	}
	for _, id := range []string{"e03", "e04", "e05", "e06"} {
		if by[id].CaseID != by["e01"].CaseID {
			t.Errorf("%s in case %s, want %s", id, by[id].CaseID, by["e01"].CaseID)
		}
	}
	// The plea told twice (plea release, sentencing release) is one occurrence;
	// so is Keller's arrest told by ICE and the USAO.
	if by["e05"].OccurrenceID != by["e04"].OccurrenceID {
		t.Errorf("plea occurrences %q / %q", by["e04"].OccurrenceID, by["e05"].OccurrenceID)
	}
	if by["e07"].OccurrenceID != by["e02"].OccurrenceID {
		t.Errorf("Keller arrest occurrences %q / %q", by["e02"].OccurrenceID, by["e07"].OccurrenceID)
	}
	if by["e11"].PersonID != "" {
		t.Errorf("unnamed group got person %q", by["e11"].PersonID)
	}
	for _, l := range res.Links {
		if l.Decision == DecisionMerge && (by[l.A].PersonID != by[l.B].PersonID) {
			t.Errorf("link %+v says merge but the events are in different people", l)
		}
	}
}

func TestDecisionsCSVRoundTrip(t *testing.T) {
	events := []Event{
		ev("a", "Maria Lopez", "charged", "2023-01-01", docket("4:23-cr-00123")),
		ev("=b", "Maria Lopes", "convicted", "2023-06-01", docket("4:23-CR-123")),
	}
	res, _ := resolve(t, events)
	var sb strings.Builder
	if err := WriteReview(&sb, res.Uncertain(), events); err != nil {
		t.Fatal(err)
	}
	sheet := sb.String()
	if !strings.HasPrefix(sheet, "key_a,key_b,decision,note,") || !strings.Contains(sheet, "'=b") {
		t.Fatalf("review sheet:\n%s", sheet)
	}
	// Unreviewed rows are skipped.
	ds, err := ReadDecisions(strings.NewReader(sheet))
	if err != nil || len(ds) != 0 {
		t.Fatalf("ReadDecisions(unreviewed) = %v, %v", ds, err)
	}
	// A reviewer fills in the decision column.
	reviewed := strings.Replace(sheet, "'=b,a,,,", "'=b,a,merge,same docket,", 1)
	ds, err = ReadDecisions(strings.NewReader(reviewed))
	if err != nil || len(ds) != 1 || ds[0].KeyA != "=b" || ds[0].KeyB != "a" || ds[0].Decision != DecisionMerge || ds[0].Note != "same docket" {
		t.Fatalf("ReadDecisions(reviewed) = %+v, %v", ds, err)
	}
	_, by := resolve(t, events, ds...)
	samePerson(t, by, "a", "=b")

	if _, err := ReadDecisions(strings.NewReader("key_a,key_b,decision\na,b,perhaps\n")); err == nil {
		t.Error("bad decision accepted")
	}
	if _, err := ReadDecisions(strings.NewReader("a,b,c\n")); err == nil {
		t.Error("missing header accepted")
	}
}
