package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casetrack/pipeline/archive"
	"casetrack/pipeline/crawl"
	"casetrack/pipeline/fetch"
	"casetrack/pipeline/ingest"
	"casetrack/pipeline/store"
	"casetrack/sources"
	"casetrack/sources/courtlistener"
	"casetrack/sources/doj"
	"casetrack/sources/eousa"
	"casetrack/sources/ice"
	"casetrack/sources/pacer"
)

// runOptions configure one crawl of the live sources. `run` fills them from
// flags and the environment; `serve` reuses them for every scheduled run.
type runOptions struct {
	Sources  []string          // source names, in run order
	Since    time.Time         // lower bound of a first backfill (zero: each source's default)
	BaseURLs map[string]string // source name → base URL (mirrors, local stand-ins, tests)
	Archive  string            // raw archive root
	Contact  string            // contact address in the User-Agent
	Rates    map[string]float64
	Token    string // CourtListener API token (from COURTLISTENER_TOKEN; never logged)
	// PacerFeeds are CM/ECF RSS feed URLs the pacer source polls.
	PacerFeeds []string
	// IgnoreRobots is for local stand-ins in tests only.
	IgnoreRobots bool
	// Attempts per request, first included (0: the fetcher's default).
	Attempts int
	// EousaDir keeps downloaded EOUSA releases, one directory per snapshot
	// (default: _eousa under the raw archive root, a name the archive's
	// source listing ignores).
	EousaDir string
	// Report is a directory whose static report is rebuilt after each
	// successful run ("" : none).
	Report string
	// MaxBody cuts longer document bodies (crawl.Runner.MaxBody).
	MaxBody int
}

// defaultSources are crawled when --sources is not given.
var defaultSources = []string{doj.Name, ice.Name}

// sourceFactories build each live source from the options.
var sourceFactories = map[string]func(runOptions) (sources.Source, error){
	doj.Name: func(o runOptions) (sources.Source, error) {
		return doj.New(doj.Config{BaseURL: o.BaseURLs[doj.Name], Since: o.Since})
	},
	ice.Name: func(o runOptions) (sources.Source, error) {
		return ice.New(ice.Config{BaseURL: o.BaseURLs[ice.Name], Since: o.Since})
	},
	pacer.Name: func(o runOptions) (sources.Source, error) {
		return pacer.New(pacer.Config{Feeds: o.PacerFeeds})
	},
	courtlistener.Name: func(o runOptions) (sources.Source, error) {
		return courtlistener.New(courtlistener.Config{BaseURL: o.BaseURLs[courtlistener.Name], Token: o.Token})
	},
	eousa.Name: func(o runOptions) (sources.Source, error) {
		return eousa.New(eousa.Config{BaseURL: o.BaseURLs[eousa.Name], Dir: o.EousaDir}), nil
	},
}

// eousaDir is where `run` keeps EOUSA releases: <archive root>/_eousa.
// The zip parts are written there once (the fetcher does not archive
// ranged downloads), never into the content-addressed archive.
func (a *app) eousaDir(o runOptions) string {
	if o.EousaDir != "" {
		return o.EousaDir
	}
	return filepath.Join(a.archiveRoot(o), "_eousa")
}

// knownSources lists the names --sources accepts.
func knownSources() []string {
	var names []string
	for n := range sourceFactories {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// runFlags are the flags of `run`, shared by `serve` so a scheduled run is
// exactly the run a person would start by hand.
type runFlags struct {
	srcs, since, archive, contact string
	baseURLs, rates, feeds        []string
	ignoreRobots                  bool
	attempts                      int
	report                        string
	maxBody                       maxBodyFlag
}

func (rf *runFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&rf.srcs, "sources", strings.Join(defaultSources, ","), "comma-separated sources to crawl: "+strings.Join(knownSources(), ", "))
	f.StringVar(&rf.since, "since", "", "lower bound (YYYY-MM-DD) of a source's first backfill (default: 2023-01-01)")
	f.StringArrayVar(&rf.baseURLs, "base-url", nil, "NAME=URL: point a source at a mirror or local stand-in (repeatable)")
	f.StringArrayVar(&rf.rates, "rate", nil, "HOST=N: requests per second for a host (default 1; www.justice.gov 4)")
	f.StringArrayVar(&rf.feeds, "pacer-feed", nil, "a CM/ECF RSS feed URL for the pacer source (repeatable)")
	f.StringVar(&rf.archive, "archive", "", "raw archive directory (default: raw/ beside the database)")
	f.StringVar(&rf.contact, "contact", "", "contact address for the User-Agent (or CASETRACK_CONTACT)")
	f.IntVar(&rf.attempts, "attempts", 0, "tries per request, the first included (default 5)")
	f.StringVar(&rf.report, "report", "", "rebuild the static report in DIR after each successful run (see casetrack report)")
	rf.maxBody.add(f)
	f.BoolVar(&rf.ignoreRobots, "ignore-robots", false, "skip robots.txt (only for a mirror or stand-in you run)")
	f.MarkHidden("ignore-robots")
}

// options checks the flags and reads the environment (COURTLISTENER_TOKEN,
// CASETRACK_CONTACT): cmd is the only place that does.
func (rf *runFlags) options() (runOptions, error) {
	o := runOptions{Archive: rf.archive, Contact: rf.contact, IgnoreRobots: rf.ignoreRobots,
		Token: os.Getenv("COURTLISTENER_TOKEN"), PacerFeeds: rf.feeds, Attempts: rf.attempts,
		Report: rf.report}
	if o.Contact == "" {
		o.Contact = os.Getenv("CASETRACK_CONTACT")
	}
	var err error
	if o.MaxBody, err = rf.maxBody.bytes(); err != nil {
		return o, err
	}
	if o.Sources, err = parseSources(rf.srcs); err != nil {
		return o, err
	}
	if rf.since != "" {
		if o.Since, err = time.Parse("2006-01-02", rf.since); err != nil {
			return o, fmt.Errorf("--since: want YYYY-MM-DD: %w", err)
		}
	}
	if o.BaseURLs, err = parsePairs("--base-url", rf.baseURLs, func(v string) error {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("want http(s)://host[/path], got %q", v)
		}
		return nil
	}); err != nil {
		return o, err
	}
	rateStrs, err := parsePairs("--rate", rf.rates, nil)
	if err != nil {
		return o, err
	}
	o.Rates = map[string]float64{}
	for host, v := range rateStrs {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r <= 0 {
			return o, fmt.Errorf("--rate %s=%s: want a positive number of requests per second", host, v)
		}
		o.Rates[host] = r
	}
	return o, nil
}

func (a *app) runCmd() *cobra.Command {
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Crawl the live sources once: fetch, archive, parse, normalize, load",
		Long: `run is the nightly job. For each source in turn it fetches what is new or
changed since that source's cursor (politely: per-host rate limits, robots.txt,
retries with back-off honouring Retry-After), writes every response to the raw
archive before parsing it, extracts events and loads them. A source that fails
keeps its cursor and does not stop the others; the command then exits 1 with
one line per failed source. Running the same crawl twice adds nothing.

The CourtListener token is read from COURTLISTENER_TOKEN (a courtlistener run
without it fails and says so; the other sources still run); its --base-url is
the API root, e.g. courtlistener=http://localhost:8000/api/rest/v4/. The
User-Agent's contact address comes from --contact or CASETRACK_CONTACT.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o, err := rf.options()
			if err != nil {
				return err
			}
			return a.runJob(cmd.Context(), o)
		},
	}
	rf.add(cmd)
	return cmd
}

func parseSources(s string) ([]string, error) {
	var out []string
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(strings.ToLower(n))
		if n == "" {
			continue
		}
		if _, ok := sourceFactories[n]; !ok {
			return nil, fmt.Errorf("unknown source %q (known: %s)", n, strings.Join(knownSources(), ", "))
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, errors.New("--sources names no source")
	}
	return out, nil
}

// parsePairs reads NAME=VALUE flags into a map, checking each value.
func parsePairs(flag string, pairs []string, check func(string) error) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("%s %q: want NAME=VALUE", flag, p)
		}
		if check != nil {
			if err := check(v); err != nil {
				return nil, fmt.Errorf("%s %s: %w", flag, k, err)
			}
		}
		out[strings.ToLower(k)] = v
	}
	return out, nil
}

// archiveRoot is where raw responses go: --archive, or raw/ beside the database.
func (a *app) archiveRoot(o runOptions) string {
	if o.Archive != "" {
		return o.Archive
	}
	return filepath.Join(filepath.Dir(a.db), "raw")
}

// runJob is one full run over o.Sources as the database's one writer.
func (a *app) runJob(ctx context.Context, o runOptions) error {
	im, err := newImporter()
	if err != nil {
		return err
	}
	arc, err := archive.New(a.archiveRoot(o))
	if err != nil {
		return err
	}
	contact := o.Contact
	if contact == "" {
		a.log.Warn("no contact address configured for the User-Agent; set --contact or CASETRACK_CONTACT")
		contact = "contact not configured"
	}
	hostRates := map[string]float64{"www.justice.gov": doj.DefaultRate, "justice.gov": doj.DefaultRate}
	for h, r := range o.Rates {
		hostRates[h] = r
	}
	o.EousaDir = a.eousaDir(o)
	var srcs []sources.Source
	for _, name := range o.Sources {
		if name == pacer.Name && len(o.PacerFeeds) == 0 {
			return fmt.Errorf("pacer: no CM/ECF RSS feeds configured (--pacer-feed URL)")
		}
		src, err := sourceFactories[name](o)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		srcs = append(srcs, src)
	}
	args := "--sources " + strings.Join(o.Sources, ",")
	err = a.withWriter(ctx, runCommand, args, func(ctx context.Context, st *store.Store, runID int64) (string, error) {
		// Conditional-GET validators live in the database so they survive between runs.
		cache, err := st.HTTPCache(ctx)
		if err != nil {
			return store.RunFailed, &fatalError{err}
		}
		vals := map[string]fetch.Validator{}
		for u, e := range cache {
			vals[u] = fetch.Validator{ETag: e.ETag, LastModified: e.LastModified, SHA256: e.SHA256}
		}
		validators := fetch.NewMemValidators(vals)
		fetcher, err := fetch.New(fetch.Config{Contact: contact, HostRates: hostRates, IgnoreRobots: o.IgnoreRobots,
			MaxAttempts: o.Attempts, Logger: a.log}, arc, validators)
		if err != nil {
			return store.RunFailed, &fatalError{err}
		}
		defer func() {
			snap := map[string]store.CacheEntry{}
			for u, v := range validators.Snapshot() {
				snap[u] = store.CacheEntry{ETag: v.ETag, LastModified: v.LastModified, SHA256: v.SHA256}
			}
			if err := st.SaveHTTPCache(context.WithoutCancel(ctx), snap); err != nil {
				a.log.Warn("http cache not saved", "err", err)
			}
		}()
		r := &crawl.Runner{Store: st, Extractor: im.norm, RunID: runID, Log: a.log, Progress: a.progress(), MaxBody: o.MaxBody}
		var failed []error
		for _, src := range srcs {
			if ctx.Err() != nil {
				break
			}
			res, err := r.Crawl(fetch.WithSource(ctx, src.Name()), src, fetcher.For(src.Name()))
			a.endProgress()
			fmt.Fprintf(a.stdout, "%s: seen %d, new %d, updated %d, unchanged %d, failed %d, cursor %q → %q\n",
				src.Name(), res.Seen, res.Stats.New, res.Stats.Updated, res.Stats.Unchanged, res.Failed,
				res.CursorBefore, res.CursorAfter)
			if err != nil {
				failed = append(failed, fmt.Errorf("%s failed: %w", src.Name(), err))
			} else if res.Failed > 0 {
				failed = append(failed, fmt.Errorf("%s: %d document(s) could not be read or stored; each is in parse_errors with its reason (casetrack status)", src.Name(), res.Failed))
			}
			if dl, ok := src.(downloader); ok && ctx.Err() == nil {
				// The crawl left releases on disk: import them as `import` would.
				n, err := a.importDownloads(ctx, im.at(st, runID), dl)
				if err != nil {
					return store.RunFailed, &fatalError{err}
				}
				if n > 0 {
					failed = append(failed, fmt.Errorf("%s: %d release(s) failed to import", src.Name(), n))
				}
			}
		}
		if len(failed) > 0 {
			return store.RunFailed, &exitError{code: 1, err: errors.Join(failed...)}
		}
		return store.RunOK, nil
	})
	if err == nil && o.Report != "" {
		// The run published: rebuild the report from the published copy.
		if rerr := a.buildReport(ctx, reportOptions{Out: o.Report}); rerr != nil {
			return fmt.Errorf("run succeeded but the report was not refreshed: %w", rerr)
		}
	}
	return err
}

// progress draws one status line per source on a terminal; elsewhere the
// runner's slog lines are the record.
func (a *app) progress() func(source string, docs, records int) {
	if !isTerminal(a.stdout) {
		return nil
	}
	return func(source string, docs, records int) {
		fmt.Fprintf(a.stdout, "\r%-14s %6d documents %8d records", source, docs, records)
	}
}

func (a *app) endProgress() {
	if isTerminal(a.stdout) {
		fmt.Fprint(a.stdout, "\r\033[K")
	}
}

// downloader is a source whose crawl downloads releases to disk for the
// importer to stream (eousa: caseload releases of about 20 GB, too large
// for a Document). Releases lists them, oldest first.
type downloader interface {
	Releases() ([]string, error)
}

// importDownloads imports every release dl has downloaded: the one this
// run fetched and any an earlier run did not finish importing (a snapshot
// the database holds is skipped unread). It returns how many failed, and
// the error that must stop the run.
func (a *app) importDownloads(ctx context.Context, im *ingest.Importer, dl downloader) (int, error) {
	dirs, err := dl.Releases()
	if err != nil {
		fmt.Fprintf(a.stderr, "failed: listing downloaded releases: %v\n", err)
		return 1, nil
	}
	if len(dirs) == 0 {
		return 0, nil
	}
	return a.importPaths(ctx, im, dirs)
}
