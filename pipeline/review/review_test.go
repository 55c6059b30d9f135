package review

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// codes runs the checks on one document and returns each event's reason codes.
func codes(ch Checker, d Document) [][]string {
	var out [][]string
	for _, rs := range ch.Reasons(&d) {
		var cs []string
		for _, r := range rs {
			cs = append(cs, r.Code)
		}
		out = append(out, cs)
	}
	return out
}

func TestChecks(t *testing.T) {
	agencies := func(text string) []string {
		var out []string
		for _, a := range []string{"HSI", "FBI", "ERO"} {
			if strings.Contains(text, a) {
				if a == "ERO" {
					a = "ICE_ERO"
				}
				out = append(out, a)
			}
		}
		return out
	}
	ch := Checker{Agencies: agencies}
	pub := day("2025-06-01")
	cases := []struct {
		name  string
		doc   Document
		wants [][]string // reason codes per event
	}{{
		name: "a place and an act are no defendants; a person with an age is",
		doc: Document{Title: "HSI arrests three in child exploitation case", Published: pub,
			Body: "HSI agents arrested Ana Park, 34, of Hudson Valley. The arrest was made under the Immigration and Nationality Act.",
			Events: []Event{
				{Type: "arrest", Defendant: "Ana Park", Agencies: []string{"HSI"}},
				{Type: "arrest", Defendant: "Hudson Valley", Agencies: []string{"HSI"}},
				{Type: "arrest", Defendant: "Nationality Act", Agencies: []string{"HSI"}},
			}},
		wants: [][]string{nil, {NotAPerson}, {NotAPerson}},
	}, {
		name: "a name printed only inside a longer proper noun, and one printed only as an alias",
		doc: Document{Title: "ERO arrests fugitive", Published: pub,
			Body: "ERO officers of the Special Response Team arrested Yobani Bonilla, aka Gilberto Perez, on May 2.",
			Events: []Event{
				{Type: "arrest", Defendant: "Special Response", Categories: []string{"immigration_violation"}},
				{Type: "arrest", Defendant: "Gilberto Perez", Categories: []string{"immigration_violation"}},
				{Type: "arrest", Defendant: "Yobani Bonilla", Categories: []string{"immigration_violation"}},
			}},
		wants: [][]string{{NotAPerson}, {AliasAsDefendant}, nil},
	}, {
		name: "an ERO arrest headline: a child category and the person's old conviction are suspect",
		doc: Document{Title: "ICE arrests criminal alien convicted of sexual abuse of a child", Published: pub,
			Body: "ERO Boston arrested Juan Perez May 2. Perez was convicted by the Superior Court in 2019 of child sexual abuse.",
			Events: []Event{
				{Type: "arrest", Defendant: "Juan Perez", Categories: []string{"sexual_abuse_minor"}, Agencies: []string{"ICE_ERO"}},
				{Type: "convicted", Defendant: "Juan Perez", Categories: []string{"sexual_abuse_minor"}, Agencies: []string{"ICE_ERO"},
					Evidence: "Perez was convicted by the Superior Court in 2019 of child sexual abuse.", Date: day("2019-03-01")},
			}},
		wants: [][]string{{ChildInImmigration}, {ChildInImmigration, HistorySentence, ConvictionWithoutCharge}},
	}, {
		name: "a sentencing release: the plea's old date and an unlinked conviction are expected",
		doc: Document{Title: "Texas man sentenced to 20 years for child exploitation", Published: pub,
			Body: "John Smith, 40, was sentenced to 240 months. He pleaded guilty in 2023. HSI investigated.",
			Events: []Event{
				{Type: "sentenced", Defendant: "John Smith", Categories: []string{"csam_production"}, Agencies: []string{"HSI"},
					Evidence: "John Smith, 40, was sentenced to 240 months."},
				{Type: "convicted", Defendant: "John Smith", Categories: []string{"csam_production"}, Agencies: []string{"HSI"},
					Evidence: "He pleaded guilty in 2023.", Date: day("2023-04-01")},
			}},
		wants: [][]string{nil, nil},
	}, {
		name: "a headline stage no event has, and a removal headline",
		doc: Document{Title: "Man sentenced for enticing a minor", Published: pub,
			Body:   "Agents arrested Carl Jones in 2024. HSI investigated.",
			Events: []Event{{Type: "arrest", Defendant: "Carl Jones", Agencies: []string{"HSI"}, Evidence: "Agents arrested Carl Jones in 2024."}}},
		wants: [][]string{{HeadlineStageMissing}},
	}, {
		name: "a removal is no stage",
		doc: Document{Title: "ICE Houston removes Salvadoran fugitive wanted for homicide", Published: pub,
			Body:   "ERO Houston removed Mario Diaz to El Salvador on May 5.",
			Events: []Event{{Type: "arrest", Defendant: "Mario Diaz", Agencies: []string{"ICE_ERO"}, Categories: []string{"immigration_violation"}}}},
		wants: [][]string{{HeadlineStageMissing}},
	}, {
		name: "group counts against the headline",
		doc: Document{Title: "ICE arrests more than 350 criminal aliens in Houston operation", Published: pub,
			Body: "ERO Houston arrested 356 people. Among them was Luis Ortiz.",
			Events: []Event{
				{Type: "arrest", PersonCount: 356, Agencies: []string{"ICE_ERO"}},
				{Type: "arrest", PersonCount: 12, Agencies: []string{"ICE_ERO"}},
			}},
		wants: [][]string{nil, {GroupCountVsHeadline}},
	}, {
		name: "named examples of a sweep whose total no event carries",
		doc: Document{Title: "ICE arrests 29 illegal aliens in worksite operation", Published: pub,
			Body:   "ERO arrested Luis Ortiz, 31, among others.",
			Events: []Event{{Type: "arrest", Defendant: "Luis Ortiz", Agencies: []string{"ICE_ERO"}}}},
		wants: [][]string{{GroupCountVsHeadline}},
	}, {
		name: "an agency named only in boilerplate",
		doc: Document{Title: "Man charged with possessing child sexual abuse material", Published: pub,
			Body:   "HSI agents arrested Tom Reed on May 1.\nMembers of the public can report crimes to the FBI tip line at 1-800-CALL-FBI.",
			Events: []Event{{Type: "charged", Defendant: "Tom Reed", Agencies: []string{"HSI", "FBI"}, CaseCharged: true}}},
		wants: [][]string{{AgencyFromBoilerplate}},
	}}
	for _, c := range cases {
		if got := codes(ch, c.doc); !equalCodes(got, c.wants) {
			t.Errorf("%s:\n got %v\nwant %v", c.name, got, c.wants)
		}
	}
}

func equalCodes(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// The checks read a title as extraction does (normalize.ReadTitle): its
// stage, the count it announces, a removal, an immigration subject.
func TestDocContextReadsTheTitle(t *testing.T) {
	for title, want := range map[string]struct {
		stage              string
		count              headCount
		removal, immigrate bool
	}{
		"ICE arrests Guatemalan alien charged with assaulting child":                                      {stage: "arrest", immigrate: true},
		"Guatemalan national charged with distribution of child pornography":                              {stage: "charged"},
		"ICE Dallas-led investigation leads to 50-year sentence for sex trafficker":                       {stage: "sentenced"},
		"Convicted child sex offender from Philippines passes away at Harlingen hospital":                 {},
		"ICE arrests more than 350 gang members in past 6 months":                                         {stage: "arrest", count: headCount{350, true}},
		"ICE arrests 1,361 criminal aliens in Houston area":                                               {stage: "arrest", count: headCount{1361, false}, immigrate: true},
		"Three men sentenced for trafficking":                                                             {stage: "sentenced", count: headCount{3, false}},
		"ICE removes Salvadoran fugitive wanted for homicide":                                             {removal: true, immigrate: true},
		"287(g) partnership keeps criminal alien convicted of drug trafficking off the streets":           {immigrate: true},
		"ICE Tyler joint investigation leads to life in federal prison for man convicted for trafficking": {stage: "sentenced"},
	} {
		c := newDocContext(&Document{Title: title}, nil)
		if c.headline != want.stage || c.count != want.count || c.removal != want.removal || c.immigration != want.immigrate {
			t.Errorf("%q: stage %q count %+v removal %v immigration %v, want %+v", title, c.headline, c.count, c.removal, c.immigration, want)
		}
	}
}

func TestCheckOrdersAndSkipsCorrected(t *testing.T) {
	docs := []Document{{URL: "b", Title: "ICE arrests 20 illegal aliens", Body: "x", Events: []Event{
		{ID: "1", Type: "arrest", PersonCount: 3, Categories: []string{"immigration_violation"}},
		{ID: "2", Type: "arrest", PersonCount: 4, Categories: []string{"csam_possession"}},
		{ID: "3", Type: "arrest", PersonCount: 5, Corrected: true},
	}}}
	var ids []string
	for _, f := range (Checker{}).Check(docs) {
		ids = append(ids, f.Event.ID)
	}
	// The child-exploitation event first; the corrected one not at all.
	if !slices.Equal(ids, []string{"2", "1"}) {
		t.Errorf("flagged %v, want [2 1]", ids)
	}
	f := Filter{CategorySets: []string{"child_exploitation"}}
	if !f.Match(&docs[0].Events[1]) || f.Match(&docs[0].Events[0]) {
		t.Error("category-set filter")
	}
	if (Filter{Agencies: []string{"HSI"}}).Match(&docs[0].Events[0]) {
		t.Error("agency filter let an event without HSI through")
	}
}

// A company passes on extraction's list of legal forms; place and statute
// runs do not.
func TestNotANameCompanies(t *testing.T) {
	for name, pass := range map[string]bool{
		"Cannon Seafood Inc.":             true,
		"Grupo Anza S.A. de C.V.":         true,
		"KIK Virginia LLC":                true,
		"Hudson Valley":                   false,
		"Immigration and Nationality Act": false,
	} {
		if got := notAName(name, "") == ""; got != pass {
			t.Errorf("notAName(%q) passes %v, want %v", name, got, pass)
		}
	}
}
