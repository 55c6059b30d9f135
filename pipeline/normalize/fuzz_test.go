package normalize

import (
	"math"
	"os"
	"testing"

	"casetrack/internal/fuzzguard"
	"casetrack/sources"
	"casetrack/sources/pacer"
)

// FuzzParseSentence: the sentence reader never panics or loops and never
// returns a negative, NaN or infinite number of months.
//
//	go test ./pipeline/normalize -run '^$' -fuzz FuzzParseSentence -fuzztime 10s
func FuzzParseSentence(f *testing.F) {
	for _, s := range []string{
		"", "Imprisonment: 120 months", "LIFE", "time served", "5 years probation", "97 MONTHS BOP; 10 YEARS SUPERVISED RELEASE",
		"Dismissed", "1,000,000 months", "-3 months", "99999999999999999999999 years", "12 months and 1 day", "months months",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, disp string) {
		var m float64
		fuzzguard.Call(t, "ParseSentence", func() { m, _ = ParseSentence(disp) })
		if m < 0 || math.IsNaN(m) || math.IsInf(m, 0) {
			t.Fatalf("%q: %v months", disp, m)
		}
	})
}

// FuzzDocketEvents: court-record events from any page the PACER parser
// accepts never panic or loop. Seeds: the real docket pages.
//
//	go test ./pipeline/normalize -run '^$' -fuzz FuzzDocketEvents -fuzztime 10s
func FuzzDocketEvents(f *testing.F) {
	for _, p := range fuzzguard.SharedFiles("*.html", 1<<20, "fixtures", "pacer", "district_dockets") {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte(`<h3>CRIMINAL DOCKET FOR CASE #: 2:18-cr-00001-ABC-1</h3>`))
	src, err := pacer.New(pacer.Config{})
	if err != nil {
		f.Fatal(err)
	}
	n, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var recs []sources.Record
		var err error
		fuzzguard.Call(t, "pacer.Parse", func() { recs, err = src.Parse(sources.Document{Source: pacer.Name, Body: body}) })
		if err != nil {
			return
		}
		for _, r := range recs {
			fuzzguard.Call(t, "DocketEvents", func() { n.DocketEvents(r) })
		}
	})
}
