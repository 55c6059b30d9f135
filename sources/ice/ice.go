// Package ice reads news releases from the ice.gov newsroom: listing
// pages (/newsroom?page=N) that link to release pages
// (/news/releases/<slug>).
//
// Where it sits: Crawl walks the listing through the fetcher
// (pipeline/fetch, which archives every body first) and emits each release
// page as one sources.Document; Parse turns a release page into one
// sources.Record; pipeline/normalize finds the events. `casetrack import`
// accepts release pages saved by hand (see Detect) and gets the same
// records.
//
// History of the publisher's format. No raw ice.gov HTML could be recorded
// for this project; the structure this parser expects is second-hand
// (../shared/fixtures/PROVENANCE.md, from the extraction rules of a project
// that parsed 965 real pages from Big Local News' dataset, 2014-06 ..
// 2026-05): meta article:published_time / article:modified_time,
// link rel=canonical, .nr-head with .nr-meta (date, span.locality, region
// and country spans, topics) and .nr-title h1, the body in .nr-body inside
// .nr-content-area, a standing mission blurb in a separate
// .field--name-body block, and window.dataLayer.push({...}) with
// entityBundle "news_release" and entityTaxonomy.news_release_topics.
// Hence the fallbacks in Parse and the "constructed" test pages. The
// listing markup is not documented at all, so the listing parser only
// relies on links whose path is /news/releases/<slug>.
package ice

import (
	"bytes"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"casetrack/sources"
)

// Name is the source name used everywhere.
const Name = "ice"

// Defaults for Config.
const (
	DefaultBaseURL  = "https://www.ice.gov"
	DefaultListPath = "/newsroom"
	DefaultMaxPages = 500
)

// DefaultSince bounds the first backfill.
var DefaultSince = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// Config configures the ICE source; New fills the defaults.
type Config struct {
	// BaseURL is scheme://host of the site (or a local stand-in). Release
	// links found on listing pages are fetched from this host too.
	BaseURL string
	// ListPath is the newsroom listing path; "?page=N" (zero-based) is added.
	ListPath string
	// Since bounds a crawl that starts with an empty cursor.
	Since time.Time
	// MaxPages bounds the listing pages read in one crawl (an error when hit).
	MaxPages int
}

// Source is the ICE newsroom source. It is safe for concurrent use.
type Source struct{ cfg Config }

var _ sources.Source = (*Source)(nil)

// New validates cfg and fills its defaults.
func New(cfg Config) (*Source, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("ice: base URL %q: want http(s)://host", cfg.BaseURL)
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.ListPath == "" {
		cfg.ListPath = DefaultListPath
	}
	if !strings.HasPrefix(cfg.ListPath, "/") {
		cfg.ListPath = "/" + cfg.ListPath
	}
	if cfg.Since.IsZero() {
		cfg.Since = DefaultSince
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	return &Source{cfg: cfg}, nil
}

// Name returns "ice".
func (s *Source) Name() string { return Name }

// Config returns the effective configuration.
func (s *Source) Config() Config { return s.cfg }

// Parse is the package-level Parse; the source has no parse options.
func (s *Source) Parse(doc sources.Document) ([]sources.Record, error) { return Parse(doc) }

// Detect reports whether a file looks like a saved ice.gov release page,
// from its name and first bytes. Pass a generous head (64 KiB): the ICE
// markers may sit after a long <head>.
func Detect(name string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case "", ".html", ".htm", ".xhtml":
	default:
		return false
	}
	h := bytes.ToLower(head)
	if !bytes.Contains(h, []byte("<html")) && !bytes.Contains(h, []byte("<!doctype html")) {
		return false
	}
	for _, marker := range []string{"ice.gov/news/releases/", `class="nr-body`, `class="nr-title`, `"entitybundle":"news_release"`} {
		if bytes.Contains(h, []byte(marker)) {
			return true
		}
	}
	return false
}
