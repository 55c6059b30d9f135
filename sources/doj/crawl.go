package doj

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"casetrack/sources"
)

// Crawl reads /api/v1/press_releases.json newest-changed first
// (sort=changed, direction=DESC, pagesize=Config.PageSize, page=0,1,2,…)
// through f, which rate-limits, archives and retries.
//
// Contract, in the order things happen:
//
//   - cur is "" (never crawled) or the decimal Unix time, in seconds, of the
//     highest `changed` seen by the last successful crawl, e.g.
//     "1723070753". Any other value is an error before any request.
//   - Each page that holds at least one release is handed to emit as ONE
//     Document (the whole API page, Source "doj", URL the request URL,
//     Status 200, or 304 when the fetcher revalidated an archived copy).
//     Parse(doc) on it yields the relevant releases. Pages arrive in page
//     order; a page may repeat releases of the previous page (the API
//     shifts items while they are edited), so storing must be an upsert by
//     Record.Key, which is what the store does anyway.
//   - The crawl stops after the first page on which EVERY release is old:
//     `changed` at or before the cursor (incremental run) or, with an empty
//     cursor, before Config.Since (first backfill). Requiring the whole page
//     to be old costs one extra page per run when the API sorts as asked;
//     in exchange, small misorderings (releases edited during the crawl)
//     cannot end it early, and a stand-in that ignores sort (the recorded
//     2020 page) ends it cleanly. Since bounds the crawl, not the records:
//     a 2012 release edited in 2024 is emitted like any other. It also stops at the last page (fewer results than the
//     envelope's page size, an empty page, or the envelope's count reached)
//     and fails when MaxPages is reached.
//   - On success it returns the highest `changed` seen (never lower than
//     cur). Because pages come newest first, nothing older is known to be
//     complete until the crawl ends, so on ANY error it returns cur
//     unchanged together with the error: the last fully emitted cursor.
//     Documents already emitted stay valid; the next run fetches them again
//     and the store counts them as unchanged.
//   - Errors: the fetcher's errors (sources.ErrBlocked, timeouts, 5xx after
//     retries) wrapped with the page number; a page that does not decode,
//     or holds a release without a `changed` time, wraps sources.ErrLayout
//     and is NOT emitted (it is in the raw archive for inspection); an
//     empty first page wraps sources.ErrEmpty (the API always holds releases); an error
//     returned by emit stops the crawl and is returned wrapped; ctx
//     cancellation returns ctx.Err() wrapped.
func (s *Source) Crawl(ctx context.Context, f sources.Fetcher, cur sources.Cursor, emit func(sources.Document) error) (sources.Cursor, error) {
	after, err := parseCursor(cur)
	if err != nil {
		return cur, err
	}
	// bound is the `changed` value at or before which the crawl may stop.
	bound, inclusive := after, true
	if cur == "" {
		bound, inclusive = s.cfg.Since.Unix(), false
	}
	highest := after
	for page := 0; ; page++ {
		if err := ctx.Err(); err != nil {
			return cur, fmt.Errorf("doj page %d: %w", page, err)
		}
		if page >= s.cfg.MaxPages {
			return cur, fmt.Errorf("doj: stopped after %d pages without reaching the cursor or the since bound (Config.MaxPages)", page)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.PageURL(page), nil)
		if err != nil {
			return cur, fmt.Errorf("doj page %d: %w", page, err)
		}
		req.Header.Set("Accept", "application/json")
		doc, err := f.Fetch(ctx, req)
		if err != nil {
			return cur, fmt.Errorf("doj page %d: %w", page, err)
		}
		if doc.Source == "" {
			doc.Source = Name
		}
		if doc.Status != http.StatusOK && doc.Status != http.StatusNotModified {
			return cur, fmt.Errorf("doj page %d: HTTP %d from %s", page, doc.Status, doc.URL)
		}
		recs, info, err := parsePage(doc, s.districts)
		if err != nil {
			return cur, fmt.Errorf("doj page %d: %w", page, err)
		}
		if len(recs) == 0 {
			if page == 0 {
				return cur, fmt.Errorf("doj page 0 of %s: no releases: %w", doc.URL, sources.ErrEmpty)
			}
			break // past the last page
		}
		allOld := true
		for _, r := range recs {
			if r.Changed.IsZero() {
				return cur, fmt.Errorf("doj page %d: release %s has no changed time: %w", page, r.Key, sources.ErrLayout)
			}
			c := r.Changed.Unix()
			if c > highest {
				highest = c
			}
			if !(c < bound || (inclusive && c == bound)) {
				allOld = false
			}
		}
		if err := emit(doc); err != nil {
			return cur, fmt.Errorf("doj page %d: emit: %w", page, err)
		}
		if allOld || isLastPage(page, s.cfg.PageSize, info) {
			break
		}
	}
	if highest < 0 { // nothing seen and no cursor: cannot happen past the ErrEmpty check
		return cur, nil
	}
	return sources.Cursor(strconv.FormatInt(highest, 10)), nil
}

// PageURL returns the API URL of one zero-based page, with the query keys in
// a fixed order so recorded exchanges replay byte for byte.
func (s *Source) PageURL(page int) string {
	q := url.Values{}
	q.Set("sort", s.cfg.Sort)
	q.Set("direction", s.cfg.Direction)
	q.Set("pagesize", strconv.Itoa(s.cfg.PageSize))
	q.Set("page", strconv.Itoa(page))
	return s.cfg.BaseURL + "/api/v1/press_releases.json?" + q.Encode()
}

// isLastPage reads the envelope: a short page, or the count reached.
func isLastPage(page, pageSize int, info pageInfo) bool {
	size := int64(pageSize)
	if info.Pagesize > 0 { // the server's own page size wins (it may clamp ours)
		size = info.Pagesize
	}
	if int64(info.Results) < size {
		return true
	}
	return info.Count >= 0 && int64(page+1)*size >= info.Count
}

// parseCursor reads a cursor: "" → -1, else epoch seconds.
func parseCursor(cur sources.Cursor) (int64, error) {
	s := strings.TrimSpace(string(cur))
	if s == "" {
		return -1, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return -1, fmt.Errorf("doj: cursor %q: want Unix seconds of the last changed release", string(cur))
	}
	return n, nil
}
