// Package pacer reads federal court records as CM/ECF (PACER) serves them:
// district docket reports (DktRpt.pl), docket-history reports
// (HistDocQry.pl), case-query summaries (iquery.pl), the RECAP / Internet
// Archive docket XML, and the CM/ECF "Recent Entries" RSS feeds.
//
// It sits at the start of the court side of the pipeline: Crawl polls the
// configured RSS feeds (the cheap way a nightly run notices new criminal
// filings); Parse turns any of those pages, fetched or saved by a researcher
// and loaded with `casetrack import`, into Records whose Docket field holds
// what the court record says (sources.Docket). Which events a docket proves
// is decided in pipeline/normalize (DocketEvents), not here.
//
// History of the publisher's formats (from the real pages in
// shared/fixtures/pacer): CM/ECF 6.x docket reports use upper-case,
// unquoted markup; newer captures (nvd 2018) use lower-case quoted markup
// with <tbody>, complaint counts prefixed "<b>Count 1</b>" and no transaction
// receipt. Both parse the same way because the parser keys on text
// landmarks (the "DOCKET FOR CASE #:" heading, <b><u> section headings, the
// "Date Filed | # | Docket Text" table), not on attributes.
package pacer

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"casetrack/sources"
)

// Name is the source name used everywhere (package, archive dir, rows).
const Name = "pacer"

// Config configures the PACER source. The zero value parses pages and
// crawls nothing.
type Config struct {
	// Feeds are CM/ECF RSS feed URLs to poll, e.g.
	// "https://ecf.nysd.uscourts.gov/cgi-bin/rss_outside.pl".
	Feeds []string
	// RSSCaseTypes keeps only RSS items of these docket types; nil means
	// criminal ("cr") and magistrate criminal ("mj") matters.
	RSSCaseTypes []string
}

// Source implements sources.Source for PACER / CM/ECF pages.
type Source struct {
	cfg       Config
	districts *districts
	keepTypes map[string]bool
}

var _ sources.Source = (*Source)(nil)

// New builds the source; it loads the embedded district table.
func New(cfg Config) (*Source, error) {
	ds, err := loadDistricts()
	if err != nil {
		return nil, err
	}
	types := cfg.RSSCaseTypes
	if types == nil {
		types = []string{"cr", "mj"}
	}
	keep := make(map[string]bool, len(types))
	for _, t := range types {
		keep[strings.ToLower(t)] = true
	}
	return &Source{cfg: cfg, districts: ds, keepTypes: keep}, nil
}

// Name returns "pacer".
func (s *Source) Name() string { return Name }

// Crawl fetches each configured RSS feed and emits it when it holds an item
// published after cur. The cursor is the newest item time (RFC 3339) over
// all feeds; it moves only when every feed was fetched and emitted, so a
// failure on one feed never skips another feed's items.
func (s *Source) Crawl(ctx context.Context, f sources.Fetcher, cur sources.Cursor, emit func(sources.Document) error) (sources.Cursor, error) {
	var since time.Time
	if cur != "" {
		t, err := time.Parse(time.RFC3339, string(cur))
		if err != nil {
			return cur, fmt.Errorf("pacer: cursor %q: %w", cur, err)
		}
		since = t
	}
	newest := since
	for _, feed := range s.cfg.Feeds {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed, nil)
		if err != nil {
			return cur, fmt.Errorf("pacer: feed %s: %w", feed, err)
		}
		doc, err := f.Fetch(ctx, req)
		if err != nil {
			return cur, fmt.Errorf("pacer: feed %s: %w", feed, err)
		}
		if doc.Status >= 400 {
			return cur, fmt.Errorf("pacer: feed %s: status %d", feed, doc.Status)
		}
		items, _, err := s.parseRSS(doc.Body)
		if err != nil {
			return cur, fmt.Errorf("pacer: feed %s: %w", feed, err)
		}
		fresh := false
		for _, it := range items {
			if t := it.Docket.Entries[0].Date; t.After(since) {
				fresh = true
				if t.After(newest) {
					newest = t
				}
			}
		}
		if !fresh {
			continue
		}
		if doc.Source == "" {
			doc.Source = Name
		}
		if err := emit(doc); err != nil {
			return cur, fmt.Errorf("pacer: feed %s: emit: %w", feed, err)
		}
	}
	if newest.IsZero() {
		return cur, nil
	}
	return sources.Cursor(newest.UTC().Format(time.RFC3339)), nil
}

// Detect reports whether a saved file (its name and first bytes) is a page
// this package parses, so `casetrack import` can route PACER downloads here.
func Detect(name string, head []byte) bool {
	low := strings.ToLower(string(head))
	n := strings.ToLower(name)
	switch {
	case strings.Contains(low, "<gov_uscourts_docket"):
		return true
	case strings.Contains(low, "<rss") && strings.Contains(low, "uscourts.gov"):
		return true
	case strings.Contains(low, "docket for case #:"),
		strings.Contains(low, "cmecfmaincontent"),
		strings.Contains(low, "cm/ecf") && (strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm")):
		return true
	}
	return false
}

// Parse turns one PACER page into Records. Docket reports, history reports,
// case queries and RECAP XML give one Record; an RSS feed gives one Record
// per kept item (criminal items by default). Anything else, including a
// PACER login or error page, is sources.ErrLayout.
func (s *Source) Parse(doc sources.Document) ([]sources.Record, error) {
	body := bytes.TrimLeft(doc.Body, "\ufeff \t\r\n")
	if len(body) == 0 {
		return nil, fmt.Errorf("pacer: empty document: %w", sources.ErrLayout)
	}
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	lowHead := strings.ToLower(string(head))
	switch {
	case strings.Contains(lowHead, "<gov_uscourts_docket"):
		d, err := s.parseRecapXML(body)
		if err != nil {
			return nil, err
		}
		return []sources.Record{s.record(doc, d, d.Court+":"+d.DocketNumber+":recap")}, nil
	case strings.Contains(lowHead, "<rss"):
		items, _, err := s.parseRSS(body)
		if err != nil {
			return nil, err
		}
		var out []sources.Record
		for _, it := range items {
			if !s.keepTypes[it.Docket.CaseType] {
				continue
			}
			e := it.Docket.Entries[0]
			id := e.PacerSeqNo
			if id == "" {
				id = e.PacerDocID
			}
			if id == "" {
				id = e.Date.UTC().Format("20060102T150405Z")
			}
			key := it.Docket.Court + ":" + it.Docket.DocketNumber
			if it.Docket.DefendantNumber > 0 {
				key += fmt.Sprintf("-%d", it.Docket.DefendantNumber)
			}
			r := s.record(doc, it.Docket, key+":rss:"+id)
			r.URL = it.Link
			r.Published = e.Date.UTC().Truncate(24 * time.Hour)
			r.Title = it.Docket.CaseName + ": " + e.ShortDescription
			out = append(out, r)
		}
		return out, nil
	}
	d, err := s.ParseHTML(body, doc.URL)
	if err != nil {
		return nil, err
	}
	key := d.Court + ":" + d.DocketNumber
	switch d.Kind {
	case "docket":
		if d.DefendantNumber > 0 {
			key += fmt.Sprintf("-%d", d.DefendantNumber)
		}
	default:
		key += ":" + d.Kind
	}
	return []sources.Record{s.record(doc, d, key)}, nil
}

// ParseHTML parses one CM/ECF HTML page (docket report, history report or
// case query) into a Docket. docURL, when known, helps find the court.
func (s *Source) ParseHTML(body []byte, docURL string) (*sources.Docket, error) {
	if !utf8.Valid(body) {
		body = latin1ToUTF8(body)
	}
	gdoc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("pacer: html: %v: %w", err, sources.ErrLayout)
	}
	var d *sources.Docket
	switch {
	case isDocketReport(gdoc):
		d, err = s.parseDocketReport(gdoc, body, docURL)
	case isHistoryReport(gdoc):
		d, err = s.parseHistoryReport(gdoc, body, docURL)
	case isCaseQuery(body):
		d, err = s.parseCaseQuery(gdoc, body, docURL)
	default:
		return nil, fmt.Errorf("pacer: not a docket, history or case-query page: %w", sources.ErrLayout)
	}
	if err != nil {
		return nil, err
	}
	if d.Court == "" {
		return nil, fmt.Errorf("pacer: %s %s: court not recognised: %w", d.Kind, d.DocketNumber, sources.ErrLayout)
	}
	return d, nil
}

func (s *Source) record(doc sources.Document, d *sources.Docket, key string) sources.Record {
	r := sources.Record{
		Source:    Name,
		Key:       key,
		URL:       doc.URL,
		Publisher: "court",
		Published: d.DateFiled,
		Title:     d.CaseName,
		District:  d.District,
		RawSHA256: doc.SHA256,
		FetchedAt: doc.FetchedAt,
		Docket:    d,
	}
	if r.URL == "" {
		r.URL = docketURL(d.Court, d.PacerCaseID)
	}
	if len(d.Entries) > 0 {
		dates := make([]time.Time, 0, len(d.Entries))
		for _, e := range d.Entries {
			dates = append(dates, e.Date)
		}
		sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
		r.Changed = dates[len(dates)-1]
	}
	return r
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}
