package evaluate

import (
	"testing"

	"casetrack/pipeline/normalize"
)

// TestErrorKinds sorts each error into the kind issue 13 names.
func TestErrorKinds(t *testing.T) {
	name := func(s string) *string { return &s }
	gold := []GoldDoc{
		{URL: "u1", Gold: Gold{Events: []GoldEvent{
			{Defendant: name("Ana Ruiz"), Type: "charged", Count: 1},
			{Defendant: name("Bo Lee"), Type: "charged", Count: 1},
			{Defendant: name("Cy Diaz"), Type: "charged", Count: 1},
			{Defendant: nil, Type: "arrest", Count: 40},
		}}},
		{URL: "u2", Gold: Gold{}}, // a removal: no events
		{URL: "u3", Gold: Gold{Events: []GoldEvent{{Defendant: name("Dan Moe"), Type: "arrest", Count: 1}}}},
	}
	pred := map[string][]normalize.Event{
		"u1": {
			{Type: "charged", Defendant: "Ana Ruiz", PersonCount: 1},
			{Type: "charged", Defendant: "Nationality Act", PersonCount: 1},
		},
		"u2": {{Type: "arrest", Defendant: "Eli Roe", PersonCount: 1}},
		"u3": {
			{Type: "arrest", Defendant: "Dan Moe", PersonCount: 1},
			{Type: "sentenced", Defendant: "Dan Moe", PersonCount: 1},
			{Type: "arrest", Defendant: "Fay Poe", PersonCount: 1},
		},
	}
	k := Score(gold, pred).Kinds
	want := ErrorKinds{NonPerson: 1, MissedListMember: 2, MissedGroupTotal: 1, HistoryAsNews: 2, OtherInvented: 1}
	if k != want {
		t.Errorf("kinds %+v, want %+v", k, want)
	}
}
