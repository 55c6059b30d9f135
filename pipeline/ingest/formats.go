// Package ingest is the offline entry to the pipeline: it reads saved
// documents from disk (press-release record JSON/JSONL, justice.gov API
// pages, saved ice.gov and PACER pages, ...), recognises each file's format,
// parses it into Records with the same parsers the live sources use, and
// hands them to normalize and the store. `casetrack import` is a thin shell
// around Import.
package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"casetrack/sources"
)

// Format is one kind of file casetrack can import.
type Format struct {
	Name string
	// Detect looks at the file name and its first bytes (up to 4 KiB).
	Detect func(name string, head []byte) bool
	// Parse turns the whole file into records. fetched is the best-known
	// time the bytes were saved (the file's modification time). A file may
	// yield some records and an error (a JSONL file with one bad line).
	Parse func(name string, b []byte, fetched time.Time) ([]sources.Record, error)
}

// ErrUnrecognised means no format claimed the file.
var ErrUnrecognised = errors.New("unrecognised format")

// releaseRecord is the press-release record format of shared/corpus
// (one object per file, or one per line in JSONL). Any other field, such as
// a gold label, is ignored.
type releaseRecord struct {
	URL       string   `json:"url"`
	Publisher string   `json:"publisher"`
	Published *string  `json:"published"`
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Topics    []string `json:"topics"`
}

// ReleaseFormat reads press-release record JSON and JSONL.
var ReleaseFormat = Format{
	Name: "release-record",
	Detect: func(name string, head []byte) bool {
		h := bytes.TrimLeft(head, " \t\r\n\ufeff")
		if len(h) == 0 || h[0] != '{' {
			return false
		}
		// A record has url and body keys near the top; an API page has "metadata".
		return bytes.Contains(head, []byte(`"url"`)) && !bytes.Contains(head, []byte(`"metadata"`)) &&
			(bytes.Contains(head, []byte(`"body"`)) || bytes.Contains(head, []byte(`"title"`)))
	},
	Parse: parseReleaseRecords,
}

func parseReleaseRecords(name string, b []byte, fetched time.Time) ([]sources.Record, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(b)
	// A single (possibly pretty-printed) object first; JSONL otherwise.
	var one releaseRecord
	if err := json.Unmarshal(trimmed, &one); err == nil {
		r, err := one.record(fetched)
		if err != nil {
			return nil, err
		}
		return []sources.Record{r}, nil
	}
	var out []sources.Record
	var errs []error
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		l := bytes.TrimSpace(sc.Bytes())
		if len(l) == 0 {
			continue
		}
		var rr releaseRecord
		if err := json.Unmarshal(l, &rr); err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", line, err))
			continue
		}
		r, err := rr.record(fetched)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", line, err))
			continue
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("line %d: %w", line+1, err))
	}
	if len(out) == 0 && len(errs) == 0 {
		errs = append(errs, sources.ErrEmpty)
	}
	return out, errors.Join(errs...)
}

func (rr releaseRecord) record(fetched time.Time) (sources.Record, error) {
	if strings.TrimSpace(rr.URL) == "" {
		return sources.Record{}, errors.New("record has no url")
	}
	if strings.TrimSpace(rr.Body) == "" && strings.TrimSpace(rr.Title) == "" {
		return sources.Record{}, fmt.Errorf("record %s has neither title nor body", rr.URL)
	}
	r := sources.Record{
		Source:    "file",
		Key:       CanonicalURL(rr.URL),
		URL:       strings.TrimSpace(rr.URL),
		Publisher: rr.Publisher,
		Title:     strings.Join(strings.Fields(rr.Title), " "),
		Body:      rr.Body,
		Topics:    rr.Topics,
		FetchedAt: fetched,
	}
	if rr.Published != nil && *rr.Published != "" {
		t, err := parseDate(*rr.Published)
		if err != nil {
			return sources.Record{}, fmt.Errorf("record %s: published: %w", rr.URL, err)
		}
		r.Published = t
	}
	return r, nil
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}

// CanonicalURL is the key a release is known by whatever copy it came from:
// scheme and "www." dropped, host lower-cased, no query, fragment or
// trailing slash.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	return host + strings.TrimRight(u.EscapedPath(), "/")
}

// SourceFormat adapts a source's Parse (the same one its live crawl uses)
// to a file format: the file's bytes become a Document as if fetched from
// the file's path.
func SourceFormat(name string, detect func(string, []byte) bool, parse func(sources.Document) ([]sources.Record, error)) Format {
	return Format{
		Name:   name,
		Detect: detect,
		Parse: func(path string, b []byte, fetched time.Time) ([]sources.Record, error) {
			sum := sha256.Sum256(b)
			doc := sources.Document{Source: name, URL: fileURL(path), FetchedAt: fetched, Status: 200,
				Body: b, SHA256: hex.EncodeToString(sum[:])}
			recs, err := parse(doc)
			for i := range recs {
				if recs[i].FetchedAt.IsZero() {
					recs[i].FetchedAt = fetched
				}
			}
			return recs, err
		},
	}
}

func fileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
