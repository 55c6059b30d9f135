package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"casetrack/sources"
)

func TestCanonicalURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.justice.gov/usao-id/pr/x/":     "justice.gov/usao-id/pr/x",
		"http://justice.gov/usao-id/pr/x?utm=1#top": "justice.gov/usao-id/pr/x",
		"https://WWW.ICE.gov/news/releases/a-b":     "ice.gov/news/releases/a-b",
		"not a url":                                 "not a url",
	} {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReleaseRecordsJSONLKeepsGoodLinesAndNamesBadOnes(t *testing.T) {
	body := `{"url": "https://www.ice.gov/news/releases/a", "publisher": "ICE", "published": "2025-02-03", "title": "A\n title", "body": "x"}
{"url": "https://www.ice.gov/news/releases/b", "title": "B", "body": "y", "published": "yesterday"}
{"url": "https://www.ice.gov/news/releases/c", "title": "C", "body": "z", "gold": {"events": []}}
{not json
{"title": "no url", "body": "w"}
`
	fetched := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	recs, err := ReleaseFormat.Parse("x.jsonl", []byte(body), fetched)
	if len(recs) != 2 || recs[0].Key != "ice.gov/news/releases/a" || recs[0].Title != "A title" ||
		!recs[0].Published.Equal(time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)) || recs[1].Key != "ice.gov/news/releases/c" ||
		!recs[1].FetchedAt.Equal(fetched) || recs[0].Source != "file" {
		t.Fatalf("records %+v", recs)
	}
	for _, line := range []string{"line 2", "line 4", "line 5"} {
		if err == nil || !strings.Contains(err.Error(), line) {
			t.Errorf("error does not name %s: %v", line, err)
		}
	}
	if _, err := ReleaseFormat.Parse("e.jsonl", []byte("\n\n"), fetched); !errors.Is(err, sources.ErrEmpty) {
		t.Errorf("blank file: %v", err)
	}
}

func TestDetect(t *testing.T) {
	for head, want := range map[string]bool{
		`{"url": "u", "title": "t", "body": "b"}`:                  true,
		"\ufeff  {\"url\": \"u\", \"body\": \"b\"}":                true,
		`{"metadata": {"responseInfo": {}}, "results": [{"url": 1`: false,
		`[{"url": "u", "body": "b"}]`:                              false,
		`<html>`:                                                   false,
	} {
		if got := ReleaseFormat.Detect("f", []byte(head)); got != want {
			t.Errorf("Detect(%q) = %v, want %v", head, got, want)
		}
	}
}
