package report

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// The browser tests open the report in headless Chromium (Debian packages
// chromium and chromium-driver). They skip, saying so, where it is absent.
// CASETRACK_CHROMIUM names the binary; screenshots go to
// CASETRACK_ARTIFACTS (default: casetrack-report-artifacts under the
// system temporary directory).

func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CASETRACK_CHROMIUM"); p != "" {
		return p
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Skip("Chromium not found (install the Debian packages chromium and chromium-driver, or set CASETRACK_CHROMIUM); skipping the browser test")
	return ""
}

// headless runs Chromium once on a fresh profile with the flags CI uses,
// plus extra, and returns its standard output.
func headless(t *testing.T, bin string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--allow-file-access-from-files"}, extra...)
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", extra, err, errb.String())
	}
	return out.Bytes()
}

func fileURL(p string) string {
	abs, _ := filepath.Abs(p)
	return (&url.URL{Scheme: "file", Path: abs}).String()
}

func artifactDir(t *testing.T) string {
	dir := os.Getenv("CASETRACK_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "casetrack-report-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowserOverviewNumbers opens the constructed report's all-agency
// overview in Chromium and reads the rendered DOM: the hand-worked numbers
// are there.
func TestBrowserOverviewNumbers(t *testing.T) {
	bin := chromium(t)
	out := buildFixture(t, Options{})
	dom := headless(t, bin, "--dump-dom", fileURL(filepath.Join(out, "agencies.html")))
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cells(d, `#agency-hsi tr[data-key="FY2024"]`), "1|1|0|1|100.0%|107 days|12"; strings.Join(got, "|") != want {
		t.Errorf("rendered HSI FY2024 = %v, want %s", got, want)
	}
	if got := strings.TrimSpace(d.Find("#total-convictions").Text()); got != "2" {
		t.Errorf("rendered convictions secured = %q, want 2", got)
	}
	if got := d.Find("#data-date").Text(); got != "2024-07-01" {
		t.Errorf("rendered data date = %q", got)
	}
	if n := d.Find("svg.chart").Length(); n != 6 {
		t.Errorf("rendered %d charts on the overview, want 6", n)
	}
}

// TestBrowserDevCorpus builds the report of the real dev corpus and district
// dockets, checks in Chromium that the all-agency overview shows the
// database's own totals, that a case's docket link opens the docket file it was read from,
// and saves screenshots of the overview and the case table.
func TestBrowserDevCorpus(t *testing.T) {
	bin := chromium(t)
	db := devDB(t)
	out := t.TempDir()
	if err := Build(context.Background(), db, out, Options{}); err != nil {
		t.Fatal(err)
	}
	var arrests, convictions, unnamed string
	if err := db.QueryRow(`SELECT CAST(arrests_announced AS VARCHAR), CAST(convictions_secured AS VARCHAR),
		CAST(arrests_announced_unnamed AS VARCHAR) FROM (`+mustSQL(t)+`)`).Scan(&arrests, &convictions, &unnamed); err != nil {
		t.Fatal(err)
	}
	dom := headless(t, bin, "--dump-dom", fileURL(filepath.Join(out, "agencies.html")))
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"#total-arrests": arrests, "#total-convictions": convictions, "#total-unnamed": unnamed} {
		if got := strings.TrimSpace(d.Find(id).Text()); got != want {
			t.Errorf("rendered %s = %q, database says %s", id, got, want)
		}
	}

	// A case with a docket imported from a file: the docket is named, by its
	// file name and docket number, but not linked (its file:// URL is a path
	// on the machine that imported it, not something a reader can open).
	var caseID, docket, docURL string
	if err := db.QueryRow(`SELECT c.case_id, c.docket_numbers[1], d.url FROM mart_cases c
		JOIN events e ON e.docket_number = c.docket_numbers[1] JOIN documents d ON d.doc_id = e.doc_id
		WHERE d.source = 'pacer' AND len(c.docket_numbers) > 0 ORDER BY c.case_id, d.url LIMIT 1`).Scan(&caseID, &docket, &docURL); err != nil {
		t.Fatalf("no docket-backed case in the dev data: %v", err)
	}
	cdom := headless(t, bin, "--dump-dom", fileURL(filepath.Join(out, "cases.html")))
	cd, err := goquery.NewDocumentFromReader(bytes.NewReader(cdom))
	if err != nil {
		t.Fatal(err)
	}
	row := cd.Find(`tr[id="` + caseID + `"]`)
	var hrefs []string
	row.Find("a").Each(func(_ int, a *goquery.Selection) { hrefs = append(hrefs, a.AttrOr("href", "")) })
	if strings.Contains(strings.Join(hrefs, " "), "file:") {
		t.Errorf("case %s links a local file: %v", caseID, hrefs)
	}
	u, err := url.Parse(docURL)
	if err != nil || u.Scheme != "file" {
		t.Fatalf("docket URL %q is not a file URL", docURL)
	}
	if text := row.Text(); !strings.Contains(text, "file "+filepath.Base(u.Path)) || !strings.Contains(text, "docket "+docket) {
		t.Errorf("case %s does not name its docket %s (%s): %s", caseID, docket, filepath.Base(u.Path), text)
	}

	dir := artifactDir(t)
	for _, p := range []struct{ page, png, size string }{
		{"index.html", "answer.png", "1280,2400"},
		{"agencies.html", "overview.png", "1280,2400"},
		{"cases.html", "cases.png", "1600,1400"},
		{"funnel.html", "funnel.png", "1280,1600"},
		{"method.html", "method.png", "1280,2400"},
	} {
		png := filepath.Join(dir, p.png)
		headless(t, bin, "--hide-scrollbars", "--window-size="+p.size, "--screenshot="+png, fileURL(filepath.Join(out, p.page)))
		b, err := os.ReadFile(png)
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Fatalf("screenshot %s: %v", png, err)
		}
		t.Logf("screenshot: %s", png)
	}
}

// mustSQL is the all-agencies tally, as the overview's summary reads it.
func mustSQL(t *testing.T) string {
	t.Helper()
	return `SELECT count(DISTINCT person_key) FILTER (WHERE event_type = 'arrest' AND announced AND NOT unnamed) AS arrests_announced,
		count(DISTINCT person_key) FILTER (WHERE event_type IN ('convicted', 'sentenced') AND NOT unnamed) AS convictions_secured,
		(SELECT coalesce(sum(n), 0) FROM (SELECT max(person_count) AS n FROM tally_facts WHERE unnamed AND announced AND event_type = 'arrest' GROUP BY occ_key)) AS arrests_announced_unnamed
		FROM tally_facts`
}
