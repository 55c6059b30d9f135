package review

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestReadDecisions(t *testing.T) {
	file := "decision,event_id,field,value,document,type,defendant,categories,agencies,date,sentence_months,evidence,reviewer,note\n" +
		"drop,e1,,,,,,,,,,,ana,not a person\n" + // 2
		",e2,,,,,,,,,,,,\n" + // 3: not reviewed yet
		"set,e3,category,immigration_violation; OTHER,,,,,,,,,,\n" + // 4
		"set,e4,colour,red,,,,,,,,,,\n" + // 5: unknown field
		"add,,,,https://x.test/r,sentenced,Jo Doe,csam_possession,hsi,2025-03-04,life,was sentenced to life,,\n" + // 6
		"add,,,,https://x.test/r,,Jo Doe,,,,,text,,\n" + // 7: no type
		"set,e5,date,03/04/2025,,,,,,,,,,\n" + // 8: bad date
		"promote,e6,,,,,,,,,,,,\n" + // 9
		"SET,'=e7,sentence_months,120.5,,,,,,,,,,\n" + // 10: case and a defused cell
		"set,e8,agencies,NSA,,,,,,,,,,\n" // 11
	ds, bad, err := ReadDecisions(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, d := range ds {
		lines = append(lines, d.Line)
	}
	if !slices.Equal(lines, []int{2, 4, 6, 10}) {
		t.Fatalf("read lines %v, want [2 4 6 10]", lines)
	}
	if d := ds[0]; d.Verb != Drop || d.EventID != "e1" || d.Reviewer != "ana" || d.Note != "not a person" {
		t.Errorf("drop: %+v", d)
	}
	if d := ds[1]; d.Field != "categories" || !slices.Equal(d.Event.Categories, []string{"immigration_violation", "other"}) {
		t.Errorf("set categories: %+v", d)
	}
	if e := ds[2].Event; ds[2].DocumentURL != "https://x.test/r" || e.Type != "sentenced" || e.Defendant != "Jo Doe" ||
		!slices.Equal(e.Agencies, []string{"HSI"}) || e.SentenceMonths != "life" || !e.Date.Equal(day("2025-03-04")) || e.PersonCount != 1 {
		t.Errorf("add: %+v %+v", ds[2], e)
	}
	if d := ds[3]; d.Verb != Set || d.EventID != "=e7" || d.Event.SentenceMonths != "120.5" {
		t.Errorf("defused set: %+v", d)
	}
	var badLines []int
	for _, p := range bad {
		badLines = append(badLines, p.Line)
		if p.Reason == "" {
			t.Errorf("line %d: no reason", p.Line)
		}
	}
	if !slices.Equal(badLines, []int{5, 7, 8, 9, 11}) {
		t.Errorf("malformed lines %v, want [5 7 8 9 11]: %v", badLines, bad)
	}
}

func TestReadDecisionsGoesOnAfterBrokenCSV(t *testing.T) {
	file := "decision,event_id,note\ndrop,e1,fine\ndrop,e2,a \"bad\" quote\ndrop,e3,\"spans\ntwo lines\"\n"
	ds, bad, err := ReadDecisions(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].EventID != "e1" || ds[1].EventID != "e3" || ds[1].Line != 4 {
		t.Errorf("decisions %+v", ds)
	}
	if len(bad) != 1 || bad[0].Line != 3 {
		t.Errorf("malformed %+v, want line 3", bad)
	}
	if _, _, err := ReadDecisions(strings.NewReader("event_id,field\ne1,x\n")); err == nil {
		t.Error("a header without a decision column was accepted")
	}
}

func TestFindText(t *testing.T) {
	body := "WASHINGTON — Ana Díaz, 30, was sentenced\nto 10 years. She “pleaded guilty” in May."
	for _, c := range []struct {
		text, want string
	}{
		{"was sentenced\nto 10 years.", "was sentenced\nto 10 years."},
		{"was sentenced to  10 years.", "was sentenced\nto 10 years."},
		{` She "pleaded guilty" `, `She “pleaded guilty”`},
		{"Díaz, 30", "Díaz, 30"},
	} {
		s, e, ok := FindText(body, c.text)
		if !ok || body[s:e] != c.want {
			t.Errorf("FindText(%q) = %q, %v; want %q", c.text, body[s:max(s, e)], ok, c.want)
		}
	}
	if _, _, ok := FindText(body, "was acquitted"); ok {
		t.Error("found text that is not there")
	}
}

// A filled-in sheet is a decisions file as it stands.
func TestSheetReadsBackAsDecisions(t *testing.T) {
	doc := &Document{URL: "https://x.test/r", Title: "=cmd title"}
	ev := &Event{ID: "e1", Type: "arrest", Defendant: "Metro Surge", PersonCount: 1, Categories: []string{"other"},
		Evidence: "-- agents arrested Metro Surge."}
	var buf bytes.Buffer
	if err := WriteSheet(&buf, []Flagged{{Doc: doc, Event: ev, Reasons: []Reason{{NotAPerson, "x"}}}}); err != nil {
		t.Fatal(err)
	}
	sheet := buf.String()
	if !strings.HasPrefix(sheet, strings.Join(SheetHeader, ",")+"\r\n") || !strings.Contains(sheet, "'=cmd title") {
		t.Fatalf("sheet: %q", sheet)
	}
	filled := strings.Replace(sheet, "not_a_person: x,,,,,", "not_a_person: x,drop,,,not a person,me", 1)
	ds, bad, err := ReadDecisions(strings.NewReader(filled))
	if err != nil || len(bad) > 0 || len(ds) != 1 {
		t.Fatalf("%v %v %v\n%s", ds, bad, err, filled)
	}
	if d := ds[0]; d.Verb != Drop || d.EventID != "e1" || d.DocumentURL != doc.URL || d.Event.Defendant != "Metro Surge" ||
		d.Event.Evidence != ev.Evidence || d.Note != "not a person" || d.Reviewer != "me" {
		t.Errorf("read back %+v", d)
	}
}
