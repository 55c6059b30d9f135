// Package courtlistener reads federal criminal dockets from CourtListener's
// REST API v4 (the RECAP archive), the second court-record source beside
// sources/pacer. It sits at the start of the court side of the pipeline:
// Crawl searches for criminal dockets matching the configured query, then
// fetches each changed docket, its parties (party_types[].criminal_counts
// and criminal_complaints) and its docket entries, and emits them as one
// bundle Document; Parse turns a bundle into a Record whose Docket has the
// same shape the PACER parser gives, so pipeline/normalize's DocketEvents
// treats both alike.
//
// All HTTP goes through the sources.Fetcher (rate limits, retries, archive).
// The API token comes in through Config from cmd (COURTLISTENER_TOKEN); this
// package never reads the environment, never logs the token, and sends it
// only to BaseURL's host. Lists are cursor-paginated: the client follows
// each response's "next" URL. Runs are incremental by the docket's
// date_modified: the cursor is the newest date_modified emitted.
//
// History: no real v4 GET response could be recorded for this project; the
// decoder is built from CourtListener's real OPTIONS metadata and its
// documented docket example, and is tested on constructed responses.
package courtlistener

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"casetrack/data"
	"casetrack/sources"
)

// Name is the source name used everywhere.
const Name = "courtlistener"

// DefaultBaseURL is the v4 API root.
const DefaultBaseURL = "https://www.courtlistener.com/api/rest/v4/"

// ErrNoToken is returned by Crawl when Config.Token is empty.
var ErrNoToken = errors.New("courtlistener: API token missing: set COURTLISTENER_TOKEN (https://www.courtlistener.com/help/api/rest/#your-authorization-token)")

// Config configures the source. cmd fills it; the package reads nothing else.
type Config struct {
	BaseURL string // API root, default DefaultBaseURL; tests point it at httptest
	Token   string // API token (from COURTLISTENER_TOKEN in cmd); never logged
	// Query is the RECAP search query selecting criminal dockets whose
	// counts match the charge set, e.g. `"2252A" OR "2251" OR "1591"`.
	// Empty means DefaultQuery (never "everything in RECAP").
	Query string
	// Courts restricts the search to these court ids (space-joined in the
	// search "court" parameter); empty means all courts.
	Courts []string
	// MaxDockets caps dockets fetched per run (0 = no cap).
	MaxDockets int
}

// Source implements sources.Source for CourtListener.
type Source struct {
	cfg       Config
	base      *url.URL
	districts map[string]string
}

var _ sources.Source = (*Source)(nil)

// New validates the configuration. A missing token is not an error here
// (Parse needs none); Crawl reports it.
func New(cfg Config) (*Source, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if !strings.HasSuffix(cfg.BaseURL, "/") {
		cfg.BaseURL += "/"
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("courtlistener: base URL %q: not an absolute URL", cfg.BaseURL)
	}
	if cfg.Query == "" {
		q, err := DefaultQuery()
		if err != nil {
			return nil, err
		}
		cfg.Query = q
	}
	ds, err := data.Districts()
	if err != nil {
		return nil, fmt.Errorf("courtlistener: %w", err)
	}
	m := make(map[string]string, len(ds))
	for _, d := range ds {
		m[d.CourtID] = d.Name
	}
	return &Source{cfg: cfg, base: u, districts: m}, nil
}

// sectionRe takes the section out of a statute rule ("18 U.S.C. 2252A(a)(5)" → "2252A").
var sectionRe = regexp.MustCompile(`^\d+ U\.S\.C\. (\d+[A-Z]*)`)

// DefaultQuery is the RECAP search query used when Config.Query is empty:
// every section of the charge set (the data/statutes.csv sections with at
// least one category other than "other"), quoted and OR-ed in order,
// e.g. `"1324" OR "1325" OR ... OR "2425"`. Without it a run would page
// through every docket in RECAP. Hits on civil dockets are dropped by Crawl.
func DefaultQuery() (string, error) {
	rules, err := data.StatuteRules()
	if err != nil {
		return "", fmt.Errorf("courtlistener: default query: %w", err)
	}
	var secs []string
	for _, r := range rules {
		m := sectionRe.FindStringSubmatch(r.Statute)
		if m == nil || r.Category == "other" || slices.Contains(secs, m[1]) {
			continue
		}
		secs = append(secs, m[1])
	}
	if len(secs) == 0 {
		return "", errors.New("courtlistener: default query: no charge-set statutes in data/statutes.csv")
	}
	slices.Sort(secs) // all four digits, so "2251" < "2251A" < "2252"
	return `"` + strings.Join(secs, `" OR "`) + `"`, nil
}

// Name returns "courtlistener".
func (s *Source) Name() string { return Name }

// Crawl searches for matching criminal dockets and emits a bundle for each
// docket modified after cur. The cursor (RFC 3339) advances to the newest
// date_modified emitted, only after every docket of the run was emitted.
func (s *Source) Crawl(ctx context.Context, f sources.Fetcher, cur sources.Cursor, emit func(sources.Document) error) (sources.Cursor, error) {
	if s.cfg.Token == "" {
		return cur, ErrNoToken
	}
	var since time.Time
	if cur != "" {
		t, err := time.Parse(time.RFC3339Nano, string(cur))
		if err != nil {
			return cur, fmt.Errorf("courtlistener: cursor %q: %w", cur, err)
		}
		since = t
	}
	ids, err := s.search(ctx, f)
	if err != nil {
		return cur, err
	}
	newest := since
	for n, id := range ids {
		if s.cfg.MaxDockets > 0 && n >= s.cfg.MaxDockets {
			break
		}
		mod, err := s.crawlDocket(ctx, f, id, since, emit)
		if err != nil {
			return cur, err
		}
		if mod.After(newest) {
			newest = mod
		}
	}
	if newest.IsZero() {
		return cur, nil
	}
	return sources.Cursor(newest.UTC().Format(time.RFC3339Nano)), nil
}

// search runs the RECAP search and returns docket ids in result order.
func (s *Source) search(ctx context.Context, f sources.Fetcher) ([]int64, error) {
	q := url.Values{}
	q.Set("type", "r")
	if s.cfg.Query != "" {
		q.Set("q", s.cfg.Query)
	}
	if len(s.cfg.Courts) > 0 {
		q.Set("court", strings.Join(s.cfg.Courts, " "))
	}
	q.Set("order_by", "entry_date_filed desc")
	var ids []int64
	seen := map[int64]bool{}
	err := s.each(ctx, f, s.endpoint("search/", q), func(raw json.RawMessage) error {
		var h searchHit
		if err := json.Unmarshal(raw, &h); err != nil {
			return err
		}
		if h.DocketID != 0 && !seen[h.DocketID] {
			seen[h.DocketID] = true
			ids = append(ids, h.DocketID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("courtlistener: search: %w", err)
	}
	return ids, nil
}

// crawlDocket fetches one docket; when it changed after since and is a
// criminal docket, it fetches parties and entries and emits the bundle.
// It returns the docket's date_modified (zero when skipped).
func (s *Source) crawlDocket(ctx context.Context, f sources.Fetcher, id int64, since time.Time, emit func(sources.Document) error) (time.Time, error) {
	idStr := strconv.FormatInt(id, 10)
	docketURL := s.endpoint("dockets/"+idStr+"/", nil)
	doc, err := s.get(ctx, f, docketURL)
	if err != nil {
		return time.Time{}, fmt.Errorf("courtlistener: docket %d: %w", id, err)
	}
	var dj docketJSON
	if err := json.Unmarshal(doc.Body, &dj); err != nil {
		return time.Time{}, fmt.Errorf("courtlistener: docket %d: %v: %w", id, err, sources.ErrLayout)
	}
	mod, err := time.Parse(time.RFC3339Nano, dj.DateModified)
	if err != nil {
		return time.Time{}, fmt.Errorf("courtlistener: docket %d: date_modified %q: %w", id, dj.DateModified, sources.ErrLayout)
	}
	if !mod.After(since) {
		return time.Time{}, nil
	}
	if ct := caseType(dj); ct != "cr" && ct != "mj" {
		return time.Time{}, nil // search hits on civil dockets are not court-verified prosecutions
	}
	b := bundle{Format: bundleFormat, Docket: json.RawMessage(doc.Body)}
	pq := url.Values{"docket": {idStr}, "filter_nested_results": {"true"}}
	if err := s.each(ctx, f, s.endpoint("parties/", pq), func(raw json.RawMessage) error {
		b.Parties = append(b.Parties, raw)
		return nil
	}); err != nil {
		return time.Time{}, fmt.Errorf("courtlistener: docket %d parties: %w", id, err)
	}
	eq := url.Values{"docket": {idStr}, "order_by": {"entry_number"}}
	if err := s.each(ctx, f, s.endpoint("docket-entries/", eq), func(raw json.RawMessage) error {
		b.Entries = append(b.Entries, raw)
		return nil
	}); err != nil {
		return time.Time{}, fmt.Errorf("courtlistener: docket %d entries: %w", id, err)
	}
	body, err := json.Marshal(b)
	if err != nil {
		return time.Time{}, fmt.Errorf("courtlistener: docket %d: %w", id, err)
	}
	out := sources.Document{
		Source:      Name,
		URL:         docketURL,
		FetchedAt:   doc.FetchedAt,
		Status:      http.StatusOK,
		ContentType: "application/json",
		Body:        body,
	}
	if err := emit(out); err != nil {
		return time.Time{}, fmt.Errorf("courtlistener: docket %d: emit: %w", id, err)
	}
	return mod, nil
}

func caseType(dj docketJSON) string {
	if dj.CaseType != nil && *dj.CaseType != "" {
		return strings.ToLower(*dj.CaseType)
	}
	parts := strings.Split(dj.DocketNumber, "-")
	if len(parts) >= 2 {
		return strings.ToLower(parts[1])
	}
	return ""
}

// each walks a cursor-paginated list, calling fn on every result and
// following "next" until it is null.
func (s *Source) each(ctx context.Context, f sources.Fetcher, first string, fn func(json.RawMessage) error) error {
	next := first
	for pages := 0; next != ""; pages++ {
		if pages >= 10000 {
			return errors.New("pagination does not end")
		}
		doc, err := s.get(ctx, f, next)
		if err != nil {
			return err
		}
		var p page[json.RawMessage]
		if err := json.Unmarshal(doc.Body, &p); err != nil {
			return fmt.Errorf("%s: %v: %w", redact(next), err, sources.ErrLayout)
		}
		for _, r := range p.Results {
			if err := fn(r); err != nil {
				return fmt.Errorf("%s: %v: %w", redact(next), err, sources.ErrLayout)
			}
		}
		next = ""
		if p.Next != nil {
			next = *p.Next
		}
	}
	return nil
}

// get fetches one API URL with the token. It refuses URLs off the API host
// so a "next" link can never carry the token elsewhere.
func (s *Source) get(ctx context.Context, f sources.Fetcher, raw string) (sources.Document, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return sources.Document{}, fmt.Errorf("url %q: %w", redact(raw), err)
	}
	if !strings.EqualFold(u.Host, s.base.Host) || u.Scheme != s.base.Scheme {
		return sources.Document{}, fmt.Errorf("refusing %s: not on the API host %s", redact(raw), s.base.Host)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return sources.Document{}, err
	}
	req.Header.Set("Authorization", "Token "+s.cfg.Token)
	req.Header.Set("Accept", "application/json")
	doc, err := f.Fetch(ctx, req)
	if err != nil {
		return sources.Document{}, fmt.Errorf("%s: %w", redact(raw), err)
	}
	switch {
	case doc.Status == http.StatusUnauthorized || doc.Status == http.StatusForbidden:
		return sources.Document{}, fmt.Errorf("%s: status %d (check COURTLISTENER_TOKEN): %w", redact(raw), doc.Status, sources.ErrBlocked)
	case doc.Status >= 400:
		return sources.Document{}, fmt.Errorf("%s: status %d", redact(raw), doc.Status)
	}
	return doc, nil
}

func (s *Source) endpoint(path string, q url.Values) string {
	u := s.base.ResolveReference(&url.URL{Path: path})
	if q != nil {
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// redact drops the query string from a URL for error messages (queries
// hold cursors and search terms, never the token, but keep messages short).
func redact(raw string) string {
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		return raw[:i]
	}
	return raw
}

// Parse reads a bundle emitted by Crawl into one Record.
func (s *Source) Parse(doc sources.Document) ([]sources.Record, error) {
	var b bundle
	if err := json.Unmarshal(doc.Body, &b); err != nil || b.Format != bundleFormat || len(b.Docket) == 0 {
		return nil, fmt.Errorf("courtlistener: %s: not a docket bundle: %w", doc.URL, sources.ErrLayout)
	}
	var dj docketJSON
	if err := json.Unmarshal(b.Docket, &dj); err != nil {
		return nil, fmt.Errorf("courtlistener: docket: %v: %w", err, sources.ErrLayout)
	}
	parties := make([]partyJSON, 0, len(b.Parties))
	for _, raw := range b.Parties {
		var p partyJSON
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("courtlistener: docket %d party: %v: %w", dj.ID, err, sources.ErrLayout)
		}
		parties = append(parties, p)
	}
	entries := make([]entryJSON, 0, len(b.Entries))
	for _, raw := range b.Entries {
		var e entryJSON
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("courtlistener: docket %d entry: %v: %w", dj.ID, err, sources.ErrLayout)
		}
		entries = append(entries, e)
	}
	d, err := s.toDocket(dj, parties, entries)
	if err != nil {
		return nil, err
	}
	key := d.Court + ":" + d.DocketNumber
	if d.DefendantNumber > 0 {
		key += "-" + strconv.Itoa(d.DefendantNumber)
	}
	rec := sources.Record{
		Source:    Name,
		Key:       key,
		URL:       "https://www.courtlistener.com" + dj.AbsoluteURL,
		Publisher: "court",
		Published: d.DateFiled,
		Title:     d.CaseName,
		District:  d.District,
		RawSHA256: doc.SHA256,
		FetchedAt: doc.FetchedAt,
		Docket:    d,
	}
	if dj.AbsoluteURL == "" {
		rec.URL = doc.URL
	}
	if t, err := time.Parse(time.RFC3339Nano, dj.DateModified); err == nil {
		rec.Changed = t.UTC()
	}
	return []sources.Record{rec}, nil
}
