package report

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"casetrack/pipeline/store"
)

func buildFixture(t *testing.T, opt Options) string {
	t.Helper()
	out := t.TempDir()
	if err := Build(context.Background(), fixtureDB(t), out, opt); err != nil {
		t.Fatal(err)
	}
	return out
}

func openDoc(t *testing.T, path string) *goquery.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := goquery.NewDocumentFromReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// cells returns the text of a tally row's cells (after the row header).
func cells(d *goquery.Document, sel string) []string {
	var out []string
	d.Find(sel).Find("td").Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

// TestOverviewNumbers checks the hand-worked numbers of the constructed
// database (see fixture_test.go) on the overview and funnel pages.
func TestOverviewNumbers(t *testing.T) {
	out := buildFixture(t, Options{})
	d := openDoc(t, filepath.Join(out, "agencies.html"))
	// arrests, convictions, court-verified, later convicted, rate, lag, unnamed
	if got, want := cells(d, `#agency-hsi tr[data-key="FY2024"]`), []string{"1", "1", "0", "1", "100.0%", "107 days", "12"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("HSI FY2024 = %v, want %v", got, want)
	}
	if got, want := cells(d, `#agency-fbi tr[data-key="FY2023"]`), []string{"1", "0", "0", "1", "100.0%", "263 days", "0"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("FBI FY2023 = %v, want %v", got, want)
	}
	if got, want := cells(d, `#agency-none tr[data-key="FY2024"]`), []string{"0", "1", "1", "0", "—", "—", "0"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("no agency FY2024 = %v, want %v", got, want)
	}
	for id, want := range map[string]string{"#total-arrests": "2", "#total-convictions": "2", "#total-rate": "100.0%", "#total-unnamed": "12"} {
		if got := strings.TrimSpace(d.Find(id).Text()); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	// Alien smuggling is kept apart: the 12 unnamed smuggling arrests are there and nowhere in trafficking.
	if got := cells(d, `#group-alien_smuggling tr[data-key="FY2024"]`); len(got) != 7 || got[6] != "12" {
		t.Errorf("alien smuggling FY2024 = %v, want 12 unnamed", got)
	}
	if got := cells(d, `#group-trafficking tr[data-key="FY2024"]`); len(got) != 7 || got[6] != "0" || got[1] != "1" {
		t.Errorf("trafficking FY2024 = %v, want Mary Roe's conviction and no unnamed", got)
	}
	f := openDoc(t, filepath.Join(out, "funnel.html"))
	var stages []string
	f.Find(`#funnel-hsi tbody tr`).Slice(0, 4).Each(func(_ int, s *goquery.Selection) {
		stages = append(stages, s.Find("th").Text()+"="+strings.TrimSpace(s.Find("td").Text()))
	})
	if got := strings.Join(stages, " "); got != "Arrested=1 Charged=0 Convicted=1 Sentenced=1" {
		t.Errorf("HSI funnel = %s", got)
	}
	if got := strings.TrimSpace(f.Find(`#funnel-hsi tbody tr`).Eq(4).Find("td").Text()); got != "12" {
		t.Errorf("HSI unnamed arrests beside the funnel = %q, want 12", got)
	}
}

var dataDateRe = regexp.MustCompile(`Data as of 2024-07-01 · source: casetrack (tally|answer)`)

// TestChartsAccessible checks every chart has a title, a description with
// its numbers, an aria label, axis labels with a unit, the data date and
// its source, gray-level or patterned fills only, and a table beside it.
func TestChartsAccessible(t *testing.T) {
	out := buildFixture(t, Options{})
	n := 0
	for _, page := range []string{"index.html", "agencies.html", "funnel.html"} {
		d := openDoc(t, filepath.Join(out, page))
		d.Find("svg.chart").Each(func(i int, s *goquery.Selection) {
			n++
			id := strings.TrimSuffix(s.Find("title").AttrOr("id", ""), "-title")
			if id == "" || s.AttrOr("role", "") != "img" || s.AttrOr("aria-label", "") == "" ||
				s.AttrOr("aria-labelledby", "") != id+"-title "+id+"-desc" {
				t.Errorf("%s chart %d: missing role/aria/title", page, i)
			}
			desc := s.Find("desc").Text()
			if !regexp.MustCompile(`\d`).MatchString(desc) {
				t.Errorf("%s chart %s: description has no numbers: %q", page, id, desc)
			}
			txt := s.Find("text").Text()
			if !dataDateRe.MatchString(txt) {
				t.Errorf("%s chart %s: no data date and source in %q", page, id, txt)
			}
			if !strings.Contains(txt, "people") {
				t.Errorf("%s chart %s: no unit (people) in the axis labels", page, id)
			}
			s.Find("rect").Each(func(_ int, r *goquery.Selection) {
				fill := r.AttrOr("fill", "")
				gray := len(fill) == 7 && fill[0] == '#' && fill[1:3] == fill[3:5] && fill[3:5] == fill[5:7]
				if !gray && fill != "url(#"+id+"-hatch)" && fill != "url(#"+id+"-dots)" {
					t.Errorf("%s chart %s: fill %q is neither gray nor a pattern", page, id, fill)
				}
			})
			if s.ParentsFiltered("div.pair").Find("table").Length() == 0 {
				t.Errorf("%s chart %s: no data table beside it", page, id)
			}
		})
	}
	if n != 1+3+3+4 { // HSI on the answer; three agencies and three category groups; funnels for all + three agencies
		t.Errorf("%d charts, want 11", n)
	}
}

// TestCaseLinks checks every case row links to each document behind it,
// with the stage it reports, and names its docket.
func TestCaseLinks(t *testing.T) {
	out := buildFixture(t, Options{})
	d := openDoc(t, filepath.Join(out, "cases.html"))
	rows := d.Find("#cases tbody tr")
	if rows.Length() != 2 {
		t.Fatalf("%d case rows, want 2 (John Doe, Mary Roe)", rows.Length())
	}
	var doe, roe string
	rows.Each(func(_ int, r *goquery.Selection) {
		var links []string
		r.Find("a.source").Each(func(_ int, a *goquery.Selection) {
			links = append(links, a.AttrOr("href", "")+" "+strings.TrimSpace(a.Parent().Text()))
		})
		switch strings.TrimSpace(r.Find("td").First().Text()) {
		case "John Doe":
			doe = strings.Join(links, "\n")
		case "Mary Roe":
			roe = strings.Join(links, "\n") + "\n" + r.Find("td").Last().Text()
		}
	})
	for _, want := range []string{
		"https://www.ice.gov/news/releases/constructed-hsi-arrests ice.gov/news/releases/constructed-hsi-arrests (arrest)",
		"https://www.justice.gov/usao-wdtx/pr/constructed-doe-pleads justice.gov/usao-wdtx/pr/constructed-doe-pleads (convicted)",
		"https://www.justice.gov/usao-wdtx/pr/constructed-doe-sentenced justice.gov/usao-wdtx/pr/constructed-doe-sentenced (convicted, sentenced)",
	} {
		if !strings.Contains(doe, want) {
			t.Errorf("John Doe's sources lack %q:\n%s", want, doe)
		}
	}
	// her docket was imported from a file: named, not linked (a file:// URL
	// is a path on the machine that imported it)
	if strings.Contains(roe, "file:///") || !strings.Contains(roe, "file txwd-1-23-cr-00001.html (convicted)") ||
		!strings.Contains(roe, "docket 1:23-cr-00001") {
		t.Errorf("Mary Roe's sources: %s", roe)
	}
	// The per-agency page lists only that agency's people.
	h := openDoc(t, filepath.Join(out, "agency-hsi.html"))
	if got := h.Find("#cases tbody tr").Length(); got != 1 || !strings.Contains(h.Find("#cases").Text(), "John Doe") {
		t.Errorf("agency-hsi.html: %d rows", got)
	}
}

// TestPagination splits the case table and links the pages.
func TestPagination(t *testing.T) {
	out := buildFixture(t, Options{PageSize: 1})
	for i, f := range []string{"cases.html", "cases-2.html"} {
		d := openDoc(t, filepath.Join(out, f))
		if n := d.Find("#cases tbody tr").Length(); n != 1 {
			t.Errorf("%s: %d rows, want 1", f, n)
		}
		if got := d.Find("p.pages a").Length(); got != 1 || d.Find("p.pages strong").Text() != string(rune('1'+i)) {
			t.Errorf("%s: page links wrong", f)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "cases-3.html")); !os.IsNotExist(err) {
		t.Errorf("cases-3.html written for two cases")
	}
}

// TestMethodPage checks freshness, taxonomy, accuracy and the limits.
func TestMethodPage(t *testing.T) {
	out := buildFixture(t, Options{})
	d := openDoc(t, filepath.Join(out, "method.html"))
	if got := d.Find("#accuracy-missing").Length(); got != 1 {
		t.Errorf("without accuracy numbers the page must say how to measure them")
	}
	src := d.Find("#source-runs tbody tr").First().Text()
	if !strings.Contains(src, "doj") || !strings.Contains(src, "2024-07-01 02:05 UTC") || !strings.Contains(src, "1719800000") {
		t.Errorf("source freshness row: %q", src)
	}
	// Five documents with seven events (fixture_test.go).
	if got := d.Find("#documents tbody tr").Last().Find("td.n").Text(); got != "57" {
		t.Errorf("documents/events total row = %q, want 5 documents and 7 events", got)
	}
	if d.Find("#categories tbody tr").Length() != 14 {
		t.Errorf("taxonomy table has %d categories", d.Find("#categories tbody tr").Length())
	}
	limits := d.Find("#limits").Next().Text()
	for _, w := range []string{"Press releases announce selected cases", "Court coverage is partial"} {
		if !strings.Contains(limits, w) {
			t.Errorf("limits do not say %q", w)
		}
	}
	var files []string
	d.Find("#downloads-table a").Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		files = append(files, href)
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(href))); err != nil {
			t.Errorf("download link %s: %v", href, err)
		}
	})
	for _, want := range []string{"data/events.csv", "data/events.parquet", "data/cases.csv", "data/cases.parquet", "data/tallies.csv", "data/tallies.parquet"} {
		if !strings.Contains(strings.Join(files, " "), want) {
			t.Errorf("no download link to %s", want)
		}
	}
}

// TestMethodPageCorrections: the method page says how many events behind
// each group of numbers were corrected by hand, and the overview's numbers
// follow the corrections.
func TestMethodPageCorrections(t *testing.T) {
	items := fixtureItems()
	group := store.EventID("file:ice-1", items[0].Events[1], 0)     // the 12 unnamed alien-smuggling arrests
	sentence := store.EventID("file:usao-2", items[2].Events[0], 0) // John Doe's sentence
	decisions := "decision,event_id,field,value,reviewer,note\n" +
		"drop," + group + ",,,A. Reviewer,not an arrest announcement\n" +
		"set," + sentence + ",categories,csam_possession;csam_production,A. Reviewer,\n"
	out := t.TempDir()
	if err := Build(context.Background(), fixtureDBWith(t, decisions), out, Options{}); err != nil {
		t.Fatal(err)
	}
	d := openDoc(t, filepath.Join(out, "method.html"))
	got := map[string]string{}
	d.Find("#corrections-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		cells := tr.Find("td.n").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
		got[strings.TrimSpace(tr.Find("td").First().Text())] = strings.Join(cells, "/")
	})
	want := map[string]string{ // corrected/changed/added/dropped
		"All events":             "1/1/0/1",
		"Child-exploitation set": "1/1/0/0",
		"Trafficking set (sex trafficking, forced labor)": "0/0/0/0",
		"Alien smuggling (kept apart from trafficking)":   "0/0/0/1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("corrections table\n got %v\nwant %v", got, want)
	}
	// The dropped group no longer counts (the plain fixture shows 12).
	idx := openDoc(t, filepath.Join(out, "agencies.html"))
	if n := strings.TrimSpace(idx.Find("#total-unnamed").Text()); n != "0" {
		t.Errorf("unnamed arrests after dropping the group of 12 = %s, want 0", n)
	}
}

// TestSince keeps only events dated on or after the date.
func TestSince(t *testing.T) {
	out := buildFixture(t, Options{Since: day("2024-01-01")})
	d := openDoc(t, filepath.Join(out, "agencies.html"))
	if d.Find(`tr[data-key="FY2023"]`).Length() != 0 {
		t.Errorf("FY2023 rows shown despite --since 2024-01-01")
	}
	// Both arrests (2023-05-02, 2023-11-15) fall before the date; both convictions after it.
	if got := strings.TrimSpace(d.Find("#total-arrests").Text()); got != "0" {
		t.Errorf("arrests since 2024-01-01 = %s, want 0", got)
	}
	if got := strings.TrimSpace(d.Find("#total-convictions").Text()); got != "2" {
		t.Errorf("convictions since 2024-01-01 = %s, want 2", got)
	}
}
