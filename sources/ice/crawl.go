package ice

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"casetrack/sources"
)

// ListItem is one release linked from a listing page.
type ListItem struct {
	Path string    // "/news/releases/<slug>"
	Date time.Time // date shown beside the link, when the listing shows one
}

var releasePath = regexp.MustCompile(`^/news/releases/[^/?#]+/?$`)

// ParseListing returns the releases a newsroom listing page links to, in
// page order, without duplicates. It relies only on link paths of the form
// /news/releases/<slug> (on any host) and, when present, a <time datetime>
// or a "Month D, YYYY" date in the link's own list item.
func ParseListing(doc sources.Document) ([]ListItem, error) {
	page, err := goquery.NewDocumentFromReader(bytes.NewReader(doc.Body))
	if err != nil {
		return nil, fmt.Errorf("ice listing %s: %v: %w", doc.URL, err, sources.ErrLayout)
	}
	return listItems(page), nil
}

func listItems(page *goquery.Document) []ListItem {
	var out []ListItem
	seen := map[string]bool{}
	page.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		u, err := url.Parse(strings.TrimSpace(href))
		if err != nil {
			return
		}
		if u.Host != "" && !strings.HasSuffix(strings.ToLower(u.Hostname()), "ice.gov") {
			return
		}
		p := path.Clean(u.Path)
		if !releasePath.MatchString(p) || seen[p] {
			return
		}
		seen[p] = true
		item := ListItem{Path: p}
		if box := a.Closest("li, article, tr, .views-row"); box.Length() > 0 && countReleaseLinks(box) == 1 {
			if dt, ok := box.Find("time[datetime]").First().Attr("datetime"); ok {
				if t, ok := pageDate(strings.TrimSpace(dt)); ok {
					item.Date = t
				}
			}
			if item.Date.IsZero() {
				if m := monthDate.FindString(box.Text()); m != "" {
					if t, ok := textDate(m); ok {
						item.Date = t
					}
				}
			}
		}
		out = append(out, item)
	})
	return out
}

var monthDate = regexp.MustCompile(`\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b`)

func countReleaseLinks(s *goquery.Selection) int {
	seen := map[string]bool{}
	s.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if u, err := url.Parse(href); err == nil && releasePath.MatchString(path.Clean(u.Path)) {
			seen[path.Clean(u.Path)] = true
		}
	})
	return len(seen)
}

// isListingPage: several release links and no release body.
func isListingPage(page *goquery.Document) bool {
	return page.Find(".nr-body, .nr-title").Length() == 0 && len(listItems(page)) >= 2
}

// ListURL returns the URL of one zero-based listing page.
func (s *Source) ListURL(page int) string {
	return s.cfg.BaseURL + s.cfg.ListPath + "?page=" + strconv.Itoa(page)
}

// Crawl walks the newsroom listing newest first and emits release pages.
//
// Contract, in the order things happen:
//
//   - cur is "" (never crawled) or the date, "2006-01-02", of the newest
//     release seen by the last successful crawl. Other values are an error
//     before any request.
//   - Listing pages ListURL(0), ListURL(1), … are fetched in order. They are
//     archived by the fetcher but NOT emitted (Parse on one returns nil, nil).
//   - For each release a listing links to, in listing order: when the
//     listing shows its date and that date is before the bound, it is old
//     and not fetched; otherwise the release page is fetched from BaseURL
//     (the listing's host is ignored, so a stand-in serves everything),
//     parsed, and emitted as one Document (Source "ice", Status 200 or 304).
//     The bound is the cursor's date (releases ON that date are fetched
//     again, since the cursor only has day precision and the store upserts
//     by Key) or, with an empty cursor, Config.Since.
//   - The crawl stops after a listing page on which every release is old,
//     after a listing page that links to nothing new (past the end, or a
//     site that repeats its last page), or fails at MaxPages.
//   - On success it returns the newest published date seen (never earlier
//     than cur). On ANY error it returns cur unchanged: the listing is
//     newest first, so nothing is complete until the crawl ends. Documents
//     already emitted stay valid.
//   - Errors: fetcher errors (sources.ErrBlocked, timeouts, 5xx after
//     retries) wrapped with the URL; a first listing page without release
//     links, or a release page Parse cannot read, wraps sources.ErrLayout
//     (that release is not emitted; it is in the raw archive); emit's error
//     stops the crawl; ctx cancellation is returned wrapped.
func (s *Source) Crawl(ctx context.Context, f sources.Fetcher, cur sources.Cursor, emit func(sources.Document) error) (sources.Cursor, error) {
	var bound, newest time.Time
	if cur == "" {
		bound = s.cfg.Since
	} else {
		t, err := time.Parse("2006-01-02", strings.TrimSpace(string(cur)))
		if err != nil {
			return cur, fmt.Errorf("ice: cursor %q: want a date like 2025-06-05", string(cur))
		}
		bound, newest = t, t
	}
	seen := map[string]bool{}
	for page := 0; ; page++ {
		if page >= s.cfg.MaxPages {
			return cur, fmt.Errorf("ice: stopped after %d listing pages without reaching the bound (Config.MaxPages)", page)
		}
		listing, err := s.get(ctx, f, s.ListURL(page))
		if err != nil {
			return cur, fmt.Errorf("ice listing page %d: %w", page, err)
		}
		items, err := ParseListing(listing)
		if err != nil {
			return cur, fmt.Errorf("ice listing page %d: %w", page, err)
		}
		if len(items) == 0 && page == 0 {
			return cur, fmt.Errorf("ice listing page 0 (%s): no links to /news/releases/: %w", listing.URL, sources.ErrLayout)
		}
		fresh, allOld := 0, true
		for _, it := range items {
			if seen[it.Path] {
				continue
			}
			seen[it.Path] = true
			fresh++
			if !it.Date.IsZero() && it.Date.Before(bound) {
				continue
			}
			doc, err := s.get(ctx, f, s.cfg.BaseURL+it.Path)
			if err != nil {
				return cur, fmt.Errorf("ice release %s: %w", it.Path, err)
			}
			recs, err := Parse(doc)
			if err != nil {
				return cur, fmt.Errorf("ice release %s: %w", it.Path, err)
			}
			if len(recs) == 0 {
				return cur, fmt.Errorf("ice release %s: a listing, not a release: %w", it.Path, sources.ErrLayout)
			}
			pub := recs[0].Published
			if pub.IsZero() || !pub.Before(bound) {
				allOld = false
			}
			if pub.After(newest) {
				newest = pub
			}
			if err := emit(doc); err != nil {
				return cur, fmt.Errorf("ice release %s: emit: %w", it.Path, err)
			}
		}
		if fresh == 0 || allOld {
			break
		}
	}
	if newest.IsZero() {
		return cur, nil
	}
	return sources.Cursor(newest.Format("2006-01-02")), nil
}

func (s *Source) get(ctx context.Context, f sources.Fetcher, rawURL string) (sources.Document, error) {
	if err := ctx.Err(); err != nil {
		return sources.Document{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return sources.Document{}, err
	}
	req.Header.Set("Accept", "text/html")
	doc, err := f.Fetch(ctx, req)
	if err != nil {
		return sources.Document{}, err
	}
	if doc.Source == "" {
		doc.Source = Name
	}
	if doc.Status != http.StatusOK && doc.Status != http.StatusNotModified {
		return sources.Document{}, fmt.Errorf("HTTP %d from %s", doc.Status, rawURL)
	}
	return doc, nil
}
