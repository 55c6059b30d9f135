package normalize

import (
	"math"
	"os"
	"testing"

	"casetrack/internal/fuzzguard"
	"casetrack/sources"
	"casetrack/sources/pacer"
)

// FuzzParseDispositionSentence: the docket sentence reader never panics or
// loops and never returns a negative, NaN or infinite number of months.
//
//	go test ./pipeline/normalize -run '^$' -fuzz FuzzParseDispositionSentence -fuzztime 10s
func FuzzParseDispositionSentence(f *testing.F) {
	for _, s := range []string{
		"", "Imprisonment: 120 months", "LIFE", "time served", "5 years probation", "97 MONTHS BOP; 10 YEARS SUPERVISED RELEASE",
		"Dismissed", "1,000,000 months", "-3 months", "99999999999999999999999 years", "12 months and 1 day", "months months",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, disp string) {
		var m float64
		fuzzguard.Call(t, "ParseDispositionSentence", func() { m, _ = ParseDispositionSentence(disp) })
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

// FuzzReleaseEvents: extraction from release text (stages, names, statutes,
// agencies, sentences, dates) never panics or loops, and every event's
// evidence is the body's own text at its offsets. Seeds: real release bodies.
//
//	go test ./pipeline/normalize -run '^$' -fuzz FuzzReleaseEvents -fuzztime 10s
func FuzzReleaseEvents(f *testing.F) {
	for _, p := range fuzzguard.SharedFiles("*.json", 1<<20, "corpus", "dev") {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	for _, s := range []string{"", "John Doe, 34, was sentenced to 15 years in prison for violating 18 U.S.C. § 2252A(a)(2).",
		"HSI arrested 29 people. Call 866-347-2423.", "Title 18, United States Code, Section 1591 and 2422(b)"} {
		f.Add(s)
	}
	n, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var evs []Event
		rec := sources.Record{Source: "fuzz", Key: "k", URL: "u", Title: "t", Body: body}
		fuzzguard.Call(t, "Events", func() { evs = n.Events(rec) })
		for _, e := range evs {
			if e.EvidenceStart < 0 || e.EvidenceEnd > len(body) || e.EvidenceStart > e.EvidenceEnd {
				t.Fatalf("evidence offsets %d..%d outside a %d-byte body", e.EvidenceStart, e.EvidenceEnd, len(body))
			}
			if body[e.EvidenceStart:e.EvidenceEnd] != e.Evidence {
				t.Fatalf("evidence %q is not body[%d:%d]", e.Evidence, e.EvidenceStart, e.EvidenceEnd)
			}
			if e.PersonCount < 1 {
				t.Fatalf("person count %d", e.PersonCount)
			}
		}
		fuzzguard.Call(t, "ParseStatutes", func() { ParseStatutes(body) })
		fuzzguard.Call(t, "Agencies", func() { n.Agencies(body) })
		fuzzguard.Call(t, "ParseSentence", func() { ParseSentence(body) })
	})
}
