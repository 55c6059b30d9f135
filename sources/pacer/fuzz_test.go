package pacer

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"casetrack/internal/fuzzguard"
	"casetrack/sources"
)

// FuzzParse: the CM/ECF page parser (docket reports, history reports, case
// queries, RECAP XML, RSS) never panics or loops, and any error wraps a
// sentinel the pipeline understands. Seeds: every real page in
// shared/fixtures/pacer plus small inline pages.
//
//	go test ./sources/pacer -run '^$' -fuzz FuzzParse -fuzztime 10s
func FuzzParse(f *testing.F) {
	// Pages up to 40 KB: larger seeds slow mutation more than they add paths.
	for _, p := range fuzzguard.SharedFiles("*.html", 40<<10, "fixtures", "pacer") {
		b, _ := os.ReadFile(p)
		f.Add(b, "https://ecf.nvd.uscourts.gov/cgi-bin/DktRpt.pl?128568")
	}
	for _, p := range fuzzguard.SharedFiles("*.xml", 1<<20, "fixtures", "pacer") {
		b, _ := os.ReadFile(p)
		f.Add(b, "")
	}
	for _, s := range []string{
		"", "<html></html>", "<rss><channel><item></item></channel></rss>", "<gov_uscourts_docket/>",
		`<h3>CRIMINAL DOCKET FOR CASE #: 2:18-cr-00001-ABC-1</h3><table><tr><td><b><u>Pending Counts</u></b></td></tr></table>`,
		`<rss version="2.0"><channel><item><title>2:20-cr-1 USA v. Doe</title><link>https://ecf.x.uscourts.gov/doc1/1</link><description>[Plea Agreement] (5)</description><pubDate>Mon, 02 Mar 2020 10:00:00 GMT</pubDate></item></channel></rss>`,
		// Found by FuzzDocketEvents: an empty <b> party name panicked parseParties.
		"<h3 >CRIMINAL DOCKET FOR CASE#:0:00-AA-0<TABLE ><td ><B><u>0<tr><td ><B>",
		`<gov_uscourts_docket><court>almd</court><docket_number>2:1-cr-1</docket_number><party><name>X</name><count/></party></gov_uscourts_docket>`,
	} {
		f.Add([]byte(s), "")
	}
	src, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, docURL string) {
		var err error
		var recs []sources.Record
		fuzzguard.Call(t, "pacer.Parse", func() {
			recs, err = src.Parse(sources.Document{Source: Name, URL: docURL, Body: body})
		})
		if err != nil {
			if !errors.Is(err, sources.ErrLayout) && !errors.Is(err, sources.ErrEmpty) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		for i, r := range recs {
			if r.Docket == nil || r.Key == "" {
				t.Fatalf("record %d: key %q docket %v", i, r.Key, r.Docket)
			}
		}
		fuzzguard.Call(t, "pacer.Detect", func() { Detect("page.html", body) })
	})
}

// statuteLine finds the text around statute citations in the real pages.
var statuteLine = regexp.MustCompile(`(?i)[^<>\n]{0,40}(?:U\.?\s?S\.?\s?C|United States Code|\d+:\d+[A-Z]?)[^<>\n]{0,60}`)

// FuzzNormalizeStatutes: the statute normaliser never panics or loops, and
// every citation it returns is in the canonical "<title> U.S.C. <section>"
// form and normalises to itself. Seeds: citation text from the real pages
// in shared/fixtures/pacer plus the forms its doc comment lists.
//
//	go test ./sources/pacer -run '^$' -fuzz FuzzNormalizeStatutes -fuzztime 10s
func FuzzNormalizeStatutes(f *testing.F) {
	for _, s := range []string{
		"", "18:2252(a)(4)(B)", "18:2252A.F", "8:1326(a)", "18 U.S.C. § 2252A(a)(2)", "18 USC 2422(b)",
		"Title 18, United States Code, Section 1591", "18:2251(a) and (e)", "18 U.S.C. §§ 2251(a), (e)",
		"21:841(a)(1)=CD.F", "18 U.S.C. 2252A(a)(5)(B) and (b)(2)", "18:2422B.F", ":::", "18 U.S.C. §",
	} {
		f.Add(s)
	}
	seen := map[string]bool{}
	for _, p := range fuzzguard.SharedFiles("*.html", 1<<20, "fixtures", "pacer") {
		b, _ := os.ReadFile(p)
		for _, m := range statuteLine.FindAllString(string(b), 40) {
			if !seen[m] {
				seen[m] = true
				f.Add(m)
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		var got []string
		fuzzguard.Call(t, "NormalizeStatutes", func() { got = NormalizeStatutes(text) })
		for _, c := range got {
			if !strings.Contains(c, " U.S.C. ") {
				t.Fatalf("%q: citation %q is not canonical", text, c)
			}
			var again []string
			fuzzguard.Call(t, "NormalizeStatutes (again)", func() { again = NormalizeStatutes(c) })
			if len(again) != 1 || again[0] != c {
				t.Fatalf("%q: canonical citation %q normalises to %q", text, c, again)
			}
		}
		fuzzguard.Call(t, "SplitCaseNumber", func() { SplitCaseNumber(text) })
	})
}
