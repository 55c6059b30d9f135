package doj

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"

	"casetrack/internal/htmltext"
	"casetrack/sources"
)

// Parse decodes one justice.gov API response (a press_releases.json list
// page, or a by-uuid response) into one Record per release, in response
// order, WITHOUT relevance filtering (Kept is empty). It is the
// package-level form of (*Source).Parse for callers that want every release,
// such as `casetrack import` of a saved page and tests.
//
// A valid envelope with an empty results list yields (nil, nil): that is
// how the API says "past the last page". Anything that is not a DOJ API
// response (truncated JSON, HTML, another JSON shape) yields an error
// wrapping sources.ErrLayout.
func Parse(doc sources.Document) ([]sources.Record, error) {
	ix, err := defaultIndex()
	if err != nil {
		return nil, err
	}
	recs, _, err := parsePage(doc, ix)
	return recs, err
}

// pageInfo is what the envelope says about paging.
type pageInfo struct {
	Count    int64 // total releases matching the query; -1 when absent
	Pagesize int64 // -1 when absent
	Page     int64 // -1 when absent
	Results  int   // len(results)
}

// parsePage is Parse plus the envelope's paging numbers, which Crawl uses.
func parsePage(doc sources.Document, ix *districtIndex) ([]sources.Record, pageInfo, error) {
	info := pageInfo{Count: -1, Pagesize: -1, Page: -1}
	body := bytes.TrimSpace(bytes.TrimPrefix(doc.Body, []byte("\xef\xbb\xbf")))
	if len(body) == 0 {
		return nil, info, fmt.Errorf("doj %s: empty body: %w", doc.URL, sources.ErrLayout)
	}
	if body[0] != '{' {
		return nil, info, fmt.Errorf("doj %s: not a JSON object (starts %q): %w", doc.URL, clip(body, 20), sources.ErrLayout)
	}
	var page apiPage
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, info, fmt.Errorf("doj %s: decode: %v: %w", doc.URL, err, sources.ErrLayout)
	}
	if page.Results == nil {
		// A bare release object (someone saved one result by hand).
		var probe struct {
			UUID flexString `json:"uuid"`
		}
		if json.Unmarshal(body, &probe) == nil && probe.UUID != "" && page.Metadata == nil {
			rs := []json.RawMessage{body}
			page.Results = &rs
		} else {
			return nil, info, fmt.Errorf("doj %s: no \"results\" list: %w", doc.URL, sources.ErrLayout)
		}
	}
	if m := page.Metadata; m != nil {
		if st := m.ResponseInfo.Status; st.Valid && st.N != 200 {
			return nil, info, fmt.Errorf("doj %s: API status %d %q: %w", doc.URL, st.N, m.ResponseInfo.DeveloperMessage, sources.ErrLayout)
		}
		rs := m.Resultset
		if rs.Count.Valid {
			info.Count = rs.Count.N
		}
		if rs.Pagesize.Valid {
			info.Pagesize = rs.Pagesize.N
		}
		if rs.Page.Valid {
			info.Page = rs.Page.N
		}
	}
	info.Results = len(*page.Results)

	sum := doc.SHA256
	if sum == "" {
		h := sha256.Sum256(doc.Body)
		sum = hex.EncodeToString(h[:])
	}
	out := make([]sources.Record, 0, len(*page.Results))
	for i, raw := range *page.Results {
		var r apiRelease
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, info, fmt.Errorf("doj %s: result %d: %v: %w", doc.URL, i, err, sources.ErrLayout)
		}
		rec, err := toRecord(r, ix)
		if err != nil {
			return nil, info, fmt.Errorf("doj %s: result %d: %w", doc.URL, i, err)
		}
		rec.RawSHA256 = sum
		rec.FetchedAt = doc.FetchedAt
		out = append(out, rec)
	}
	if len(out) == 0 {
		return nil, info, nil
	}
	return out, info, nil
}

// toRecord maps one API release to a Record in the publisher's terms.
func toRecord(r apiRelease, ix *districtIndex) (sources.Record, error) {
	uuid := strings.TrimSpace(string(r.UUID))
	if uuid == "" {
		return sources.Record{}, fmt.Errorf("release without uuid: %w", sources.ErrLayout)
	}
	body := htmltext.FromHTML(string(r.Body))
	if body == "" {
		body = htmltext.FromHTML(string(r.Teaser))
	}
	comps := []string(r.Component)
	topics := []string(r.Topic)
	u := strings.TrimSpace(string(r.URL))
	rec := sources.Record{
		Source:     Name,
		Key:        uuid,
		URL:        u,
		Publisher:  publisher(comps, u),
		Title:      cleanTitle(string(r.Title)),
		Body:       body,
		Topics:     topics,
		Components: comps,
		District:   ix.district(comps, u),
		Changed:    r.Changed.Time,
	}
	if !r.Date.IsZero() {
		y, m, d := r.Date.UTC().Date()
		rec.Published = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	if rec.Changed.IsZero() {
		rec.Changed = r.Created.Time
	}
	return rec, nil
}

var entity = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// cleanTitle folds the raw newlines old titles carry ("Scheme \r\nto
// Defraud") into single spaces, repairs Windows-1252 C1 characters, and
// decodes well-formed character references ("&amp;") while leaving a bare
// "AT&T" alone.
func cleanTitle(s string) string {
	s = entity.ReplaceAllStringFunc(s, html.UnescapeString)
	return htmltext.Clean(s)
}

func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
