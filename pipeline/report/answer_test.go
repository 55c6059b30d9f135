package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"casetrack/data"
	"casetrack/internal/testdb"
	"casetrack/internal/testshared"
	"casetrack/pipeline/answer"
	"casetrack/pipeline/evaluate"
)

// TestAnswerPage checks the first page of the constructed report (see
// fixture_test.go): John Doe is HSI's one child-exploitation arrest and
// conviction (FY2024); Mary Roe is FBI's and the smuggling arrests are not
// in the set.
func TestAnswerPage(t *testing.T) {
	acc := []Accuracy{{Corpus: "constructed", Documents: 5, Events: evaluate.PRF{TP: 6, FP: 1, FN: 1}}}
	out := buildFixture(t, Options{Accuracy: acc})
	d := openDoc(t, filepath.Join(out, "index.html"))
	if got := d.Find("h1").Text(); got != fmt.Sprintf(answer.Question, 2023) {
		t.Errorf("the first page opens with %q, not the question", got)
	}
	// arrests, unnamed, charged, convicted, plea, verdict, not stated, press only, court, sentenced,
	// median months, later convicted, rate, median days, published figure
	got := cells(d, `#answer-hsi tr[data-key="FY2024"]`)
	if want := "1|0|0|1|0|0|1|1|0|1|120|1|100.0%|107"; len(got) != 15 || strings.Join(got[:14], "|") != want {
		t.Errorf("HSI FY2024 = %v, want %s", got, want)
	}
	if !strings.Contains(got[14], "405 convictions") || !strings.Contains(got[14], "context, not a ratio") {
		t.Errorf("HSI FY2024's published figure = %q", got[14])
	}
	if got := cells(d, `#answer-ice_all tr[data-key="FY2023-FY2024"]`); len(got) < 4 || got[0] != "1" || got[3] != "1" {
		t.Errorf("ICE as a whole, the period = %v", got)
	}
	for _, id := range []string{"#summary-hsi", "#summary-ice_all"} {
		if s := d.Find(id).Text(); !strings.Contains(s, "arrest of 1 named person") || !strings.Contains(s, "1 person was convicted") {
			t.Errorf("%s = %q", id, s)
		}
	}
	limits := d.Find("#answer-limits").Text()
	for _, want := range []string{"Press releases are a floor", "Court-verified share", "0 of 1 people convicted",
		"Extraction accuracy", "constructed (5 documents): events F1 0.857"} {
		if !strings.Contains(limits, want) {
			t.Errorf("what the numbers do not cover lacks %q", want)
		}
	}
	if n := d.Find("#bycharge-hsi tbody tr").Length(); n != 8 {
		t.Errorf("%d charge categories for HSI, want 8", n)
	}
	if got := cells(d, `#bycharge-hsi tr[data-key="csam_possession"]`); strings.Join(got, "|") != "0|1|1|0|0|1|0|1|120" {
		t.Errorf("HSI CSAM possession = %v", got)
	}
	// The published figures of FY2023-FY2024, each with its sources.
	figs, err := data.PublicFigures()
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, f := range figs {
		if f.Year >= 2023 && f.Year <= 2024 {
			want++
		}
	}
	rows := d.Find("#published-figures tbody tr")
	if rows.Length() != want || want == 0 {
		t.Errorf("%d published figures shown, want %d", rows.Length(), want)
	}
	if n := rows.Find("a.figure-source").Length(); n < want {
		t.Errorf("%d source links for %d figures", n, want)
	}
	if d.Find(`a[href="agencies.html"]`).Length() == 0 {
		t.Error("the first page does not link the all-agency overview")
	}
	checkAnswerLinks(t, out)
}

// checkAnswerLinks: every count on the first page links to a list of as
// many people (head counts for unnamed groups) on its people page, each
// with a release link and the evidence sentence.
func checkAnswerLinks(t *testing.T, out string) {
	t.Helper()
	d := openDoc(t, filepath.Join(out, "index.html"))
	pages := map[string]*goquery.Document{}
	n := 0
	d.Find("a.count").Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		file, id, ok := strings.Cut(href, "#")
		if !ok {
			t.Errorf("count link %q has no anchor", href)
			return
		}
		p := pages[file]
		if p == nil {
			p = openDoc(t, filepath.Join(out, file))
			pages[file] = p
		}
		sec := p.Find(`section[id="` + id + `"]`)
		if sec.Length() != 1 {
			t.Errorf("%s: no section %s", file, id)
			return
		}
		want, _ := strconv.Atoi(strings.TrimSpace(a.Text()))
		got := 0
		sec.Find("li.person").Each(func(_ int, li *goquery.Selection) {
			got++
			if m := regexp.MustCompile(`^unnamed group of (\d+)$`).FindStringSubmatch(li.Find("strong").First().Text()); m != nil {
				k, _ := strconv.Atoi(m[1])
				got += k - 1
			}
			if li.Find("a.release").Length() == 0 || strings.TrimSpace(li.Find("blockquote").First().Text()) == "" {
				t.Errorf("%s#%s: a person without a release link and evidence", file, id)
			}
		})
		if got != want {
			t.Errorf("%s: the count says %d, its page lists %d", href, want, got)
		}
		n++
	})
	if n == 0 {
		t.Fatal("no count links on the first page")
	}
}

// TestAnswerPageRealCorpus: the first page of the report of the real ICE
// releases, dev openings and district dockets links every count to as
// many people.
func TestAnswerPageRealCorpus(t *testing.T) {
	db := testdb.Imported(t, testshared.Path(t, "corpus", "ice-full", "records.jsonl"), testshared.Path(t, "corpus", "dev"),
		testshared.Path(t, "fixtures", "pacer", "district_dockets"))
	out := t.TempDir()
	if err := Build(context.Background(), db, out, Options{}); err != nil {
		t.Fatal(err)
	}
	checkAnswerLinks(t, out)
}

// TestAnswerPageEmpty: with nothing in the database the first page says so.
func TestAnswerPageEmpty(t *testing.T) {
	out := t.TempDir()
	if err := Build(context.Background(), testdb.Loaded(t, nil), out, Options{}); err != nil {
		t.Fatal(err)
	}
	d := openDoc(t, filepath.Join(out, "index.html"))
	if !strings.Contains(d.Find("#answer-nothing").Text(), "no events yet") {
		t.Errorf("the empty report's first page does not say there is nothing yet")
	}
	if _, err := os.Stat(filepath.Join(out, "agencies.html")); err != nil {
		t.Error(err)
	}
}

// TestMethodDefinesTheAnswer: the method page defines every column of
// answer.csv and every unit of the published figures.
func TestMethodDefinesTheAnswer(t *testing.T) {
	out := buildFixture(t, Options{})
	d := openDoc(t, filepath.Join(out, "method.html"))
	var cols []string
	d.Find("#answer-definitions tbody tr td:first-child").Each(func(_ int, s *goquery.Selection) { cols = append(cols, s.Text()) })
	if strings.Join(cols, ",") != strings.Join(answer.CSVColumns, ",") {
		t.Errorf("method page defines %v, answer.csv has %v", cols, answer.CSVColumns)
	}
	figs, err := data.PublicFigures()
	if err != nil {
		t.Fatal(err)
	}
	units := d.Find("#unit-definitions").Text()
	for _, f := range figs {
		if !strings.Contains(units, f.Unit) {
			t.Errorf("the method page does not define the unit %q", f.Unit)
		}
	}
}
