package pacer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/sources"
)

// jsDocket is the part of juriscraper's expected parse that the comparison
// uses (shared/fixtures/pacer/*/*.json).
type jsDocket struct {
	DocketNumber   string  `json:"docket_number"`
	CaseName       string  `json:"case_name"`
	CourtID        string  `json:"court_id"`
	DateFiled      *string `json:"date_filed"`
	DateTerminated *string `json:"date_terminated"`
	DateLastFiling *string `json:"date_last_filing"`
	CaseType       *string `json:"federal_dn_case_type"`
	JudgeInitials  *string `json:"federal_dn_judge_initials_assigned"`
	DefendantNo    *string `json:"federal_defendant_number"`
	PacerCaseID    *string `json:"pacer_case_id"`
	Entries        []struct {
		DateFiled        *string `json:"date_filed"`
		DateEntered      *string `json:"date_entered"`
		DocumentNumber   *string `json:"document_number"`
		PacerDocID       *string `json:"pacer_doc_id"`
		PacerSeqNo       *string `json:"pacer_seq_no"`
		Description      string  `json:"description"`
		ShortDescription *string `json:"short_description"`
	} `json:"docket_entries"`
	Parties []struct {
		Name           string  `json:"name"`
		Type           string  `json:"type"`
		DateTerminated *string `json:"date_terminated"`
		CriminalData   *struct {
			Counts []struct {
				Name        string `json:"name"`
				Disposition string `json:"disposition"`
				Status      string `json:"status"`
			} `json:"counts"`
			Complaints []struct {
				Name        string `json:"name"`
				Disposition string `json:"disposition"`
			} `json:"complaints"`
			HOLOpening    string `json:"highest_offense_level_opening"`
			HOLTerminated string `json:"highest_offense_level_terminated"`
		} `json:"criminal_data"`
	} `json:"parties"`
}

// knownJuriscraperMistakes lists every place where this parser and
// juriscraper's expected JSON disagree on a compared field and the reason we
// believe juriscraper is wrong. The test checks that each listed field
// really disagrees (so the list cannot go stale) and skips it otherwise.
// Key: "<file>|<field>".
var knownJuriscraperMistakes = map[string]string{}

func mustReadJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func newSource(t testing.TB) *Source {
	t.Helper()
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// cmp collects disagreements for one file, honouring the known list.
type cmp struct {
	t      *testing.T
	file   string
	used   map[string]bool
	failed int
}

func (c *cmp) eq(field, got, want string) {
	c.t.Helper()
	key := c.file + "|" + field
	if reason, ok := knownJuriscraperMistakes[key]; ok {
		c.used[key] = true
		if got == want {
			c.t.Errorf("%s: %s listed as a juriscraper mistake (%s) but now agrees (%q); remove it from the list", c.file, field, reason, got)
		}
		return
	}
	if got != want {
		c.failed++
		if c.failed <= 40 {
			c.t.Errorf("%s: %s = %q, juriscraper %q", c.file, field, got, want)
		}
	}
}

// jsDocID is juriscraper's rewrite of a /doc1/ id: it sets the fourth digit
// to 0 (the digit that only says "show the receipt page"). We store the id
// as printed and compare through the same rewrite.
func jsDocID(id string) string {
	if len(id) >= 4 {
		return id[:3] + "0" + id[4:]
	}
	return id
}

var reAllSpace = regexp.MustCompile(`\s+`)

func noSpace(s string) string { return reAllSpace.ReplaceAllString(s, "") }

func squash(s string) string { return strings.TrimSpace(reAllSpace.ReplaceAllString(s, " ")) }

func TestDistrictDocketsAgainstJuriscraper(t *testing.T) {
	dir := testshared.Path(t, "fixtures", "pacer", "district_dockets")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(files) < 20 {
		t.Fatalf("expected the 24 real district dockets, found %d", len(files))
	}
	s := newSource(t)
	used := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var want jsDocket
			mustReadJSON(t, strings.TrimSuffix(f, ".html")+".json", &want)
			recs, err := s.Parse(sources.Document{Source: Name, Body: raw})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if len(recs) != 1 || recs[0].Docket == nil {
				t.Fatalf("want one docket record, got %d", len(recs))
			}
			d := recs[0].Docket
			c := &cmp{t: t, file: name, used: used}
			compareDocketHeader(c, d, &want)
			if d.Kind != "docket" {
				t.Errorf("kind %q", d.Kind)
			}
			defNo := ""
			if d.DefendantNumber > 0 {
				defNo = fmt.Sprint(d.DefendantNumber)
			}
			c.eq("federal_defendant_number", defNo, deref(want.DefendantNo))

			// Defendants, in page order.
			var wantDefs []int
			for i, p := range want.Parties {
				if p.Type == "Defendant" {
					wantDefs = append(wantDefs, i)
				}
			}
			c.eq("defendants", fmt.Sprint(len(d.Defendants)), fmt.Sprint(len(wantDefs)))
			for k, pi := range wantDefs {
				if k >= len(d.Defendants) {
					break
				}
				p, got := want.Parties[pi], d.Defendants[k]
				pre := fmt.Sprintf("defendant[%d].", k)
				c.eq(pre+"name", got.Name, squash(p.Name))
				c.eq(pre+"date_terminated", day(got.DateTerminated), deref(p.DateTerminated))
				cd := p.CriminalData
				if cd == nil {
					c.eq(pre+"counts", fmt.Sprint(len(got.Counts)+len(got.Complaints)), "0")
					continue
				}
				c.eq(pre+"hol_opening", got.HighestOffenseOpening, cd.HOLOpening)
				c.eq(pre+"hol_terminated", got.HighestOffenseTerminated, cd.HOLTerminated)
				c.eq(pre+"counts", fmt.Sprint(len(got.Counts)), fmt.Sprint(len(cd.Counts)))
				for i := 0; i < len(cd.Counts) && i < len(got.Counts); i++ {
					g, w := got.Counts[i], cd.Counts[i]
					cp := fmt.Sprintf("%scount[%d].", pre, i)
					name := g.Text
					if g.Numbers != "" {
						name += "(" + g.Numbers + ")"
					}
					c.eq(cp+"name", name, squash(w.Name))
					c.eq(cp+"status", g.Status, w.Status)
					c.eq(cp+"disposition", g.Disposition, squash(w.Disposition))
				}
				c.eq(pre+"complaints", fmt.Sprint(len(got.Complaints)), fmt.Sprint(len(cd.Complaints)))
				for i := 0; i < len(cd.Complaints) && i < len(got.Complaints); i++ {
					g, w := got.Complaints[i], cd.Complaints[i]
					cp := fmt.Sprintf("%scomplaint[%d].", pre, i)
					c.eq(cp+"name", g.Text, squash(w.Name))
					c.eq(cp+"disposition", g.Disposition, squash(w.Disposition))
				}
			}
			compareEntries(c, d.Entries, &want, true)
		})
	}
	for k, reason := range knownJuriscraperMistakes {
		if strings.Contains(k, "|") && !used[k] && !strings.HasPrefix(k, "hist:") && !strings.HasPrefix(k, "query:") && !strings.HasPrefix(k, "rss:") && !strings.HasPrefix(k, "recap:") {
			t.Errorf("known mistake %s (%s) was never compared", k, reason)
		}
	}
}

func compareDocketHeader(c *cmp, d *sources.Docket, want *jsDocket) {
	c.t.Helper()
	c.eq("docket_number", d.DocketNumber, want.DocketNumber)
	c.eq("case_name", d.CaseName, want.CaseName)
	c.eq("court_id", d.Court, want.CourtID)
	c.eq("date_filed", day(d.DateFiled), deref(want.DateFiled))
	c.eq("date_terminated", day(d.DateTerminated), deref(want.DateTerminated))
	if want.CaseType != nil {
		c.eq("case_type", d.CaseType, *want.CaseType)
	}
	if want.JudgeInitials != nil {
		c.eq("judge_initials", d.JudgeInitials, *want.JudgeInitials)
	}
	if want.DateLastFiling != nil {
		c.eq("date_last_filing", day(d.DateLastFiling), *want.DateLastFiling)
	}
	if d.District == "" {
		c.t.Errorf("%s: no district for court %q", c.file, d.Court)
	}
}

func compareEntries(c *cmp, got []sources.DocketEntry, want *jsDocket, descriptions bool) {
	c.t.Helper()
	c.eq("entries", fmt.Sprint(len(got)), fmt.Sprint(len(want.Entries)))
	for i := 0; i < len(got) && i < len(want.Entries); i++ {
		g, w := got[i], want.Entries[i]
		p := fmt.Sprintf("entry[%d].", i)
		wd := deref(w.DateFiled)
		if len(wd) > 10 {
			c.eq(p+"date_filed", g.Date.UTC().Format(time.RFC3339), strings.Replace(wd, "+00:00", "Z", 1))
		} else {
			c.eq(p+"date_filed", day(g.Date), wd)
		}
		if w.DateEntered != nil {
			c.eq(p+"date_entered", day(g.DateEntered), *w.DateEntered)
		}
		c.eq(p+"number", g.Number, deref(w.DocumentNumber))
		c.eq(p+"pacer_doc_id", jsDocID(g.PacerDocID), jsDocID(deref(w.PacerDocID)))
		if w.PacerSeqNo != nil || g.PacerSeqNo != "" {
			c.eq(p+"pacer_seq_no", g.PacerSeqNo, deref(w.PacerSeqNo))
		}
		if descriptions {
			// Compared with all white space removed: juriscraper joins <br>
			// lines without a space and drops the space CM/ECF prints before
			// commas after links ("Motion 127 , ..."); the words are the same.
			c.eq(p+"description", noSpace(g.Text), noSpace(w.Description))
		}
		if w.ShortDescription != nil {
			c.eq(p+"short_description", g.ShortDescription, squash(*w.ShortDescription))
		}
	}
}

func TestHistoryReportsAgainstJuriscraper(t *testing.T) {
	dir := testshared.Path(t, "fixtures", "pacer", "docket_history_reports")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(files) == 0 {
		t.Fatal("no history reports")
	}
	s := newSource(t)
	used := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			raw, _ := os.ReadFile(f)
			var want jsDocket
			mustReadJSON(t, strings.TrimSuffix(f, ".html")+".json", &want)
			recs, err := s.Parse(sources.Document{Body: raw})
			if err != nil {
				t.Fatal(err)
			}
			d := recs[0].Docket
			if d.Kind != "history" || !strings.HasSuffix(recs[0].Key, ":history") {
				t.Errorf("kind %q key %q", d.Kind, recs[0].Key)
			}
			c := &cmp{t: t, file: "hist:" + name, used: used}
			compareDocketHeader(c, d, &want)
			compareEntries(c, d.Entries, &want, true)
		})
	}
}

func TestCaseQueriesAgainstJuriscraper(t *testing.T) {
	dir := testshared.Path(t, "fixtures", "pacer", "case_queries")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(files) == 0 {
		t.Fatal("no case queries")
	}
	s := newSource(t)
	used := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			raw, _ := os.ReadFile(f)
			var want jsDocket
			mustReadJSON(t, strings.TrimSuffix(f, ".html")+".json", &want)
			recs, err := s.Parse(sources.Document{Body: raw})
			if err != nil {
				t.Fatal(err)
			}
			d := recs[0].Docket
			if d.Kind != "query" || len(d.Entries) != 0 || len(d.Defendants) != 0 {
				t.Errorf("kind %q, %d entries, %d defendants", d.Kind, len(d.Entries), len(d.Defendants))
			}
			c := &cmp{t: t, file: "query:" + name, used: used}
			compareDocketHeader(c, d, &want)
			// The file name carries the CM/ECF case id the page was saved under.
			if id := strings.SplitN(name, "_", 2)[1]; d.PacerCaseID != id {
				t.Errorf("pacer case id %q, file name says %q", d.PacerCaseID, id)
			}
		})
	}
}

func TestRecapXMLAgainstJuriscraper(t *testing.T) {
	f := testshared.Path(t, "fixtures", "pacer", "internet_archive_xml", "almd_49523.xml")
	raw, _ := os.ReadFile(f)
	var want jsDocket
	mustReadJSON(t, strings.TrimSuffix(f, ".xml")+".json", &want)
	s := newSource(t)
	recs, err := s.Parse(sources.Document{Body: raw})
	if err != nil {
		t.Fatal(err)
	}
	d := recs[0].Docket
	c := &cmp{t: t, file: "recap:almd_49523", used: map[string]bool{}}
	compareDocketHeader(c, d, &want)
	compareEntries(c, d.Entries, &want, true)
	if recs[0].Key != "almd:2:12-cr-00221:recap" || d.PacerCaseID != "49523" {
		t.Errorf("key %q case id %q", recs[0].Key, d.PacerCaseID)
	}
}

func TestRSSAgainstJuriscraper(t *testing.T) {
	s := newSource(t)
	for _, name := range []string{"sdny_1", "wvsd"} {
		t.Run(name, func(t *testing.T) {
			f := testshared.Path(t, "fixtures", "pacer", "rss_feeds", name+".xml")
			raw, _ := os.ReadFile(f)
			var want []jsDocket
			mustReadJSON(t, strings.TrimSuffix(f, ".xml")+".json", &want)
			items, _, err := s.parseRSS(raw)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != len(want) {
				t.Fatalf("%d items, juriscraper %d", len(items), len(want))
			}
			used := map[string]bool{}
			for i, it := range items {
				w := want[i]
				c := &cmp{t: t, file: fmt.Sprintf("rss:%s[%d]", name, i), used: used}
				// juriscraper names the S.D.N.Y. feed's court after the test
				// file ("sdny"); the feed's own host says nysd, the id
				// CourtListener and PACER use.
				if w.CourtID == "sdny" {
					w.CourtID = "nysd"
				}
				compareDocketHeader(c, it.Docket, &w)
				c.eq("pacer_case_id", it.Docket.PacerCaseID, deref(w.PacerCaseID))
				compareEntries(c, it.Docket.Entries, &w, false)
			}
			// Parse keeps only criminal items by default.
			recs, err := s.Parse(sources.Document{Body: raw})
			if err != nil {
				t.Fatal(err)
			}
			crim := 0
			for _, w := range want {
				if ct := deref(w.CaseType); ct == "cr" || ct == "mj" {
					crim++
				}
			}
			if len(recs) != crim {
				t.Errorf("Parse kept %d records, want %d criminal items", len(recs), crim)
			}
			keys := map[string]bool{}
			for _, r := range recs {
				if keys[r.Key] {
					t.Errorf("duplicate key %s", r.Key)
				}
				keys[r.Key] = true
			}
		})
	}
}
