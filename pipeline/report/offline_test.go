package report

import (
	"context"
	"database/sql"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"casetrack/data"
	"casetrack/internal/testdb"
	"casetrack/internal/testshared"
)

var (
	absURLRe = regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*`)
	hrefRe   = regexp.MustCompile(`href="([^"]*)"`)
	// What would make a browser fetch something: external scripts, styles,
	// images, frames, fonts, CSS imports and url() references.
	fetchRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script[^>]*\ssrc\s*=`),
		regexp.MustCompile(`(?i)<link[^>]*href\s*=\s*["']?(?:https?:)?//`),
		regexp.MustCompile(`(?i)<(img|iframe|embed|object|audio|video|source)\b`),
		regexp.MustCompile(`(?i)\ssrcset\s*=`),
		regexp.MustCompile(`(?i)@import`),
		regexp.MustCompile(`(?i)@font-face`),
		regexp.MustCompile(`(?i)url\(\s*['"]?(?:https?:)?//`),
		regexp.MustCompile(`(?i)xlink:href\s*=\s*["']?(?:https?:)?//`),
	}
)

// checkOffline scans every page of a built report: nothing may make a
// browser fetch anything, and the only absolute URLs are links (href) to
// the documents in the database.
func checkOffline(t *testing.T, dir string, docURLs map[string]bool) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".html", ".svg", ".css", ".js":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		s := string(b)
		for _, re := range fetchRes {
			if loc := re.FindStringIndex(s); loc != nil {
				t.Errorf("%s: fetches from outside: %q", p, s[loc[0]:min(len(s), loc[1]+60)])
			}
		}
		// Every href that is absolute must be a document's own URL or a
		// published figure's source.
		for _, m := range hrefRe.FindAllStringSubmatch(s, -1) {
			u := html.UnescapeString(m[1])
			if strings.Contains(u, "://") && !docURLs[u] {
				t.Errorf("%s: link to %s, which is no document's URL", p, u)
			}
		}
		// And no absolute URL appears outside an href.
		rest := hrefRe.ReplaceAllString(s, `href=""`)
		if loc := absURLRe.FindStringIndex(rest); loc != nil {
			t.Errorf("%s: absolute URL outside a link: %q", p, rest[max(0, loc[0]-40):min(len(rest), loc[1])])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 4 {
		t.Fatalf("only %d pages scanned in %s", n, dir)
	}
}

// linkableURLs are the absolute URLs a page may link to: the documents'
// own and where each published figure was read.
func linkableURLs(t *testing.T, db *sql.DB) map[string]bool {
	t.Helper()
	out := documentURLs(t, db)
	figs, err := data.PublicFigures()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		for _, u := range f.Sources() {
			out[u] = true
		}
	}
	return out
}

func documentURLs(t *testing.T, db *sql.DB) map[string]bool {
	t.Helper()
	rows, err := db.Query(`SELECT url FROM documents`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			t.Fatal(err)
		}
		out[u] = true
	}
	return out
}

// TestNothingReachesTheNetwork checks the constructed report and the one
// built from the real dev corpus and PACER dockets.
func TestNothingReachesTheNetwork(t *testing.T) {
	db := fixtureDB(t)
	out := t.TempDir()
	if err := Build(context.Background(), db, out, Options{}); err != nil {
		t.Fatal(err)
	}
	checkOffline(t, out, linkableURLs(t, db))

	dev := devDB(t)
	out2 := t.TempDir()
	if err := Build(context.Background(), dev, out2, Options{}); err != nil {
		t.Fatal(err)
	}
	checkOffline(t, out2, linkableURLs(t, dev))
}

// devDB imports the real dev corpus and the recorded district dockets into
// a temporary database, links it and returns it open read-only.
func devDB(t *testing.T) *sql.DB {
	t.Helper()
	return testdb.Imported(t, testshared.Path(t, "corpus", "dev"), testshared.Path(t, "fixtures", "pacer", "district_dockets"))
}
