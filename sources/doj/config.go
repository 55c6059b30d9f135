package doj

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Defaults for Config.
const (
	DefaultBaseURL  = "https://www.justice.gov"
	DefaultPageSize = 50 // the API's documented maximum
	// DefaultRate is the documented ceiling of the API: 4 requests a second.
	// The fetcher enforces it per host; it is exported so cmd can configure
	// the fetcher's limit for this host.
	DefaultRate = 4.0
	// DefaultMaxPages bounds one crawl (50 × 4000 = 200,000 releases, more
	// than the API holds since 2023) so a misbehaving server cannot keep a
	// crawl running forever.
	DefaultMaxPages = 4000
)

// DefaultSince is the lower bound of the first backfill: the period the
// original question asks about.
var DefaultSince = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// Config configures the DOJ source. The zero value is usable: New fills the
// defaults. cmd builds it from flags; the source never reads the environment.
type Config struct {
	// BaseURL is scheme://host[/prefix] of the API; "/api/v1/..." is
	// appended. Tests and mirrors point it elsewhere (--base-url doj=URL).
	BaseURL string
	// PageSize is results per request, 1..50 (default 50).
	PageSize int
	// Since bounds a crawl that starts with an empty cursor: it stops at the
	// first page holding a release changed before Since. Default 2023-01-01.
	Since time.Time
	// Sort and Direction are passed to the API. Crawl's stopping rule needs
	// newest-changed first, so only "changed"/"DESC" are accepted; the
	// fields exist so the contract is visible in the configuration.
	Sort, Direction string
	// MaxPages bounds one crawl (default DefaultMaxPages). Reaching it is an
	// error: the cursor does not move.
	MaxPages int
	// KeepAll disables relevance filtering: Parse returns every release with
	// Kept "all".
	KeepAll bool
	// Rules are the relevance rules; the zero value means DefaultRules().
	Rules Rules
}

func (c Config) withDefaults() (Config, error) {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("doj: base URL %q: want http(s)://host", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	switch {
	case c.PageSize == 0:
		c.PageSize = DefaultPageSize
	case c.PageSize < 0 || c.PageSize > 50:
		return c, fmt.Errorf("doj: page size %d: want 1..50", c.PageSize)
	}
	if c.Since.IsZero() {
		c.Since = DefaultSince
	}
	if c.Sort == "" {
		c.Sort = "changed"
	}
	if c.Direction == "" {
		c.Direction = "DESC"
	}
	if c.Sort != "changed" || !strings.EqualFold(c.Direction, "DESC") {
		return c, fmt.Errorf("doj: sort %s %s: the incremental crawl needs sort=changed direction=DESC", c.Sort, c.Direction)
	}
	c.Direction = "DESC"
	if c.MaxPages <= 0 {
		c.MaxPages = DefaultMaxPages
	}
	return c, nil
}
