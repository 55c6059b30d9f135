// Package fetch is casetrack's one polite HTTP client. Every source's Crawl
// receives a sources.Fetcher from here (see For); the fetcher enforces
// per-host rate limits and robots.txt, retries transient failures with
// exponential back-off and jitter while honouring Retry-After, bounds
// connect and read time and body size, revalidates with ETag /
// Last-Modified, identifies itself with a User-Agent carrying a contact
// address, and writes every body it returns to the raw archive
// (pipeline/archive) BEFORE returning it.
//
// Where it sits: cmd builds one Fetcher from configuration and hands
// f.For(src.Name()) to each src.Crawl; the Documents that come back are
// already archived, so parse failures never lose bytes.
package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"casetrack/sources"
)

// Defaults for Config.
const (
	DefaultRate           = 1.0 // requests per second per host
	DefaultMaxAttempts    = 5
	DefaultBackoffBase    = time.Second
	DefaultBackoffMax     = 2 * time.Minute
	DefaultMaxRetryAfter  = 10 * time.Minute
	DefaultConnectTimeout = 15 * time.Second
	DefaultReadTimeout    = 60 * time.Second
	DefaultMaxBodyBytes   = 50 << 20
	DefaultRobotsTTL      = 24 * time.Hour
	DefaultProduct        = "casetrack/0.1"
)

// ErrTooLarge means a response body exceeded Config.MaxBodyBytes.
var ErrTooLarge = errors.New("response body too large")

// StatusError is an HTTP status the fetcher did not turn into a Document.
// 401 and 403 also match sources.ErrBlocked with errors.Is.
type StatusError struct {
	URL    string
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s from %s", e.Status, http.StatusText(e.Status), e.URL)
}

// Is makes 401/403 match sources.ErrBlocked.
func (e *StatusError) Is(target error) bool {
	return target == sources.ErrBlocked && (e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden)
}

// Archiver is the part of pipeline/archive the fetcher needs.
type Archiver interface {
	Put(doc sources.Document) (sources.Document, error)
	Get(source, sha string) (sources.Document, error)
	Has(source, sha string) bool
}

// Config configures a Fetcher. cmd fills it from flags and the config file.
type Config struct {
	// Product is the first User-Agent token (default "casetrack/0.1");
	// robots.txt groups are matched against its name part.
	Product string
	// Contact is a mailto: address or URL people at the publisher can use
	// to reach whoever runs the crawl. Required.
	Contact string
	// Rate is the default requests per second per host (default 1).
	Rate float64
	// HostRates overrides Rate per host ("www.justice.gov": 4). The key is
	// the URL's host, with port if the URL has one.
	HostRates map[string]float64
	// MaxAttempts is the number of tries per request, first included
	// (default 5; 1 disables retries).
	MaxAttempts int
	// BackoffBase and BackoffMax shape the exponential back-off between
	// attempts: base·2^(n-1), capped, with ±50 % jitter.
	BackoffBase, BackoffMax time.Duration
	// MaxRetryAfter: a Retry-After longer than this ends the attempts.
	MaxRetryAfter time.Duration
	// ConnectTimeout bounds dialing and the TLS handshake.
	ConnectTimeout time.Duration
	// ReadTimeout bounds the wait for response headers and every pause
	// between body reads (a stalled server fails; a slow steady one does not).
	ReadTimeout time.Duration
	// MaxBodyBytes caps one response body (default 50 MiB).
	MaxBodyBytes int64
	// IgnoreRobots skips robots.txt (tests, or a mirror you own).
	IgnoreRobots bool
	// RobotsTTL is how long a host's robots.txt is cached (default 24 h).
	RobotsTTL time.Duration
	// Clock drives rate limiting and back-off sleeps (default RealClock).
	Clock Clock
	// Transport replaces the default transport (tests, proxies).
	Transport http.RoundTripper
	// Jitter returns a number in [0,1) (default math/rand/v2).
	Jitter func() float64
	// Logger receives one line per retry and per give-up (default: discard).
	Logger *slog.Logger
}

func (c Config) withDefaults() (Config, error) {
	if strings.TrimSpace(c.Contact) == "" {
		return c, errors.New("fetch: Config.Contact is required (an address the publisher can write to)")
	}
	if c.Product == "" {
		c.Product = DefaultProduct
	}
	if c.Rate <= 0 {
		c.Rate = DefaultRate
	}
	for h, r := range c.HostRates {
		if r <= 0 {
			return c, fmt.Errorf("fetch: rate for %s must be positive, got %v", h, r)
		}
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.BackoffBase <= 0 {
		c.BackoffBase = DefaultBackoffBase
	}
	if c.BackoffMax <= 0 {
		c.BackoffMax = DefaultBackoffMax
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = DefaultReadTimeout
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.RobotsTTL <= 0 {
		c.RobotsTTL = DefaultRobotsTTL
	}
	if c.Clock == nil {
		c.Clock = RealClock{}
	}
	if c.Jitter == nil {
		c.Jitter = rand.Float64
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// Fetcher is the polite client. Build it with New; it is safe for
// concurrent use and holds all its state (rate slots, robots cache).
type Fetcher struct {
	cfg     Config
	client  *http.Client
	arc     Archiver
	val     ValidatorStore
	lim     *limiter
	ua      string
	robotMu sync.Mutex
	robots  map[string]*robotsEntry  // scheme://host → entry
	delays  map[string]time.Duration // host → robots.txt Crawl-delay
}

type robotsEntry struct {
	mu    sync.Mutex
	r     *robots
	until time.Time
	why   string // why the policy is disallow-all, when it is
}

// New builds a Fetcher. arc is required (every body is archived); val may
// be nil to disable conditional GET.
func New(cfg Config, arc Archiver, val ValidatorStore) (*Fetcher, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if arc == nil {
		return nil, errors.New("fetch: an archive is required")
	}
	tr := cfg.Transport
	if tr == nil {
		tr = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   cfg.ConnectTimeout,
			ResponseHeaderTimeout: cfg.ReadTimeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	client := &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("stopped after 5 redirects")
			}
			return nil
		},
	}
	contact := strings.TrimSpace(cfg.Contact)
	if strings.Contains(contact, "@") && !strings.Contains(contact, ":") {
		contact = "mailto:" + contact
	}
	return &Fetcher{
		cfg: cfg, client: client, arc: arc, val: val, lim: newLimiter(cfg.Clock),
		ua:     fmt.Sprintf("%s (+%s)", cfg.Product, contact),
		robots: map[string]*robotsEntry{},
		delays: map[string]time.Duration{},
	}, nil
}

// UserAgent returns the User-Agent header the fetcher sends.
func (f *Fetcher) UserAgent() string { return f.ua }

type sourceKey struct{}

// WithSource names the source whose archive directory Fetch writes to.
func WithSource(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, sourceKey{}, name)
}

// SourceFrom returns the source name set by WithSource, or "".
func SourceFrom(ctx context.Context) string {
	s, _ := ctx.Value(sourceKey{}).(string)
	return s
}

// For returns a sources.Fetcher that archives under source. This is what
// cmd passes to Crawl: src.Crawl(ctx, f.For(src.Name()), cur, emit).
func (f *Fetcher) For(source string) sources.Fetcher { return bound{f, source} }

type bound struct {
	f      *Fetcher
	source string
}

func (b bound) Fetch(ctx context.Context, req *http.Request) (sources.Document, error) {
	return b.f.Fetch(WithSource(ctx, b.source), req)
}

// Fetch performs a GET politely and returns the archived Document.
// A request with a Range header is the exception: its body is returned
// (with its sha256) but not archived, and it is never made conditional.
//
// The source name comes from the context (WithSource, or use For). On 200
// the body is archived, validators are remembered, and the Document has
// Status 200. When the request was conditional and the server answers 304,
// the previously archived body is returned with Status 304 (nothing new is
// written). Errors: sources.ErrBlocked (robots.txt disallows, robots.txt
// unreachable, 401/403), *StatusError (other statuses, or 429/5xx after
// the last attempt), ErrTooLarge, timeouts, ctx errors; each wrapped with
// the URL.
func (f *Fetcher) Fetch(ctx context.Context, req *http.Request) (sources.Document, error) {
	source := SourceFrom(ctx)
	if source == "" {
		return sources.Document{}, fmt.Errorf("fetch %s: no source name in context (use Fetcher.For)", req.URL)
	}
	if req.Method != "" && req.Method != http.MethodGet {
		return sources.Document{}, fmt.Errorf("fetch %s: only GET is supported, got %s", req.URL, req.Method)
	}
	u := req.URL
	if u.Scheme != "http" && u.Scheme != "https" {
		return sources.Document{}, fmt.Errorf("fetch %s: unsupported scheme", u)
	}
	if !f.cfg.IgnoreRobots {
		if err := f.checkRobots(ctx, u); err != nil {
			return sources.Document{}, err
		}
	}
	rawURL := u.String()
	// A ranged request (Range header) fetches one slice of a large file
	// whose caller keeps the bytes itself (sources/eousa writes each slice
	// of a release's zip parts to its release directory, with a sha256 per
	// slice). Such slices are neither archived (a 20 GB release would be
	// written twice) nor conditional (the validators of a URL describe the
	// whole file, and one slice's 304 would hand back another slice).
	ranged := req.Header.Get("Range") != ""
	var cond *Validator
	if f.val != nil && !ranged {
		if v, ok := f.val.Validator(rawURL); ok && (v.ETag != "" || v.LastModified != "") && f.arc.Has(source, v.SHA256) {
			cond = &v
		}
	}
	res, err := f.get(ctx, req, cond)
	if err != nil {
		return sources.Document{}, err
	}
	if res.status == http.StatusNotModified {
		if cond == nil {
			return sources.Document{}, fmt.Errorf("fetch %s: %w", rawURL, &StatusError{URL: rawURL, Status: res.status})
		}
		doc, err := f.arc.Get(source, cond.SHA256)
		if err != nil {
			return sources.Document{}, fmt.Errorf("fetch %s: 304 but the archived copy is unreadable: %w", rawURL, err)
		}
		doc.Status = http.StatusNotModified
		doc.URL = rawURL
		doc.FetchedAt = f.cfg.Clock.Now().UTC()
		return doc, nil
	}
	doc := sources.Document{
		Source: source, URL: rawURL, FetchedAt: f.cfg.Clock.Now().UTC(), Status: res.status,
		ContentType: res.header.Get("Content-Type"), Header: res.header, Body: res.body,
	}
	if ranged {
		sum := sha256.Sum256(doc.Body)
		doc.SHA256 = hex.EncodeToString(sum[:])
		return doc, nil
	}
	doc, err = f.arc.Put(doc)
	if err != nil {
		return sources.Document{}, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if f.val != nil {
		et, lm := res.header.Get("ETag"), res.header.Get("Last-Modified")
		if et != "" || lm != "" {
			if err := f.val.SetValidator(rawURL, Validator{ETag: et, LastModified: lm, SHA256: doc.SHA256}); err != nil {
				return sources.Document{}, fmt.Errorf("fetch %s: remember validators: %w", rawURL, err)
			}
		}
	}
	return doc, nil
}

// result is one successful exchange (2xx, or 304 to a conditional request).
type result struct {
	status int
	header http.Header
	body   []byte
}

// get runs the attempts for one URL: rate limit, request, classify, wait.
func (f *Fetcher) get(ctx context.Context, req *http.Request, cond *Validator) (result, error) {
	u := req.URL
	host := u.Host
	var lastErr error
	for attempt := 1; ; attempt++ {
		if err := f.lim.wait(ctx, host, f.rateFor(u)); err != nil {
			return result{}, fmt.Errorf("fetch %s: %w", u, err)
		}
		res, retryAfter, err := f.attempt(ctx, req, cond)
		if err == nil {
			return res, nil
		}
		if ctx.Err() != nil {
			return result{}, fmt.Errorf("fetch %s: %w", u, ctx.Err())
		}
		var se *StatusError
		retryable := !errors.Is(err, ErrTooLarge) && (!errors.As(err, &se) || retryableStatus(se.Status))
		if !retryable {
			return result{}, fmt.Errorf("fetch %s: %w", u, err)
		}
		lastErr = err
		if attempt >= f.cfg.MaxAttempts {
			f.cfg.Logger.Warn("fetch gave up", "url", u.String(), "attempts", attempt, "err", err)
			return result{}, fmt.Errorf("fetch %s: giving up after %d attempts: %w", u, attempt, lastErr)
		}
		if retryAfter > f.cfg.MaxRetryAfter {
			return result{}, fmt.Errorf("fetch %s: server asks to retry after %s (limit %s): %w", u, retryAfter, f.cfg.MaxRetryAfter, lastErr)
		}
		delay := f.backoff(attempt)
		if retryAfter > 0 {
			delay = retryAfter
		}
		f.cfg.Logger.Info("fetch retry", "url", u.String(), "attempt", attempt, "wait", delay, "err", err)
		// The next slot for this host moves, so other requests wait too.
		f.lim.deferUntil(host, f.cfg.Clock.Now().Add(delay))
	}
}

func retryableStatus(s int) bool {
	switch s {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// backoff is base·2^(attempt-1), capped, times a jitter factor in [0.5, 1.5).
func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.cfg.BackoffBase << (attempt - 1)
	if d <= 0 || d > f.cfg.BackoffMax {
		d = f.cfg.BackoffMax
	}
	return time.Duration(float64(d) * (0.5 + f.cfg.Jitter()))
}

// rateFor returns the request rate for u's host, lowered by a robots.txt
// Crawl-delay when that is slower.
func (f *Fetcher) rateFor(u *url.URL) float64 {
	r, ok := f.cfg.HostRates[u.Host]
	if !ok {
		r, ok = f.cfg.HostRates[u.Hostname()]
	}
	if !ok {
		r = f.cfg.Rate
	}
	f.robotMu.Lock()
	delay := f.delays[u.Host]
	f.robotMu.Unlock()
	if delay > 0 {
		if cd := 1 / delay.Seconds(); cd < r {
			r = cd
		}
	}
	return r
}

// attempt performs one exchange. It returns the result for 2xx (and 304
// when cond is set); otherwise an error, with the Retry-After delay when the
// server sent one.
func (f *Fetcher) attempt(ctx context.Context, req *http.Request, cond *Validator) (result, time.Duration, error) {
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	var timedOut atomic.Bool
	timer := time.AfterFunc(f.cfg.ReadTimeout, func() { timedOut.Store(true); cancel() })
	defer timer.Stop()

	r := req.Clone(actx)
	r.Method = http.MethodGet
	r.Header.Set("User-Agent", f.ua)
	r.Header.Del("If-None-Match")
	r.Header.Del("If-Modified-Since")
	if cond != nil {
		if cond.ETag != "" {
			r.Header.Set("If-None-Match", cond.ETag)
		}
		if cond.LastModified != "" {
			r.Header.Set("If-Modified-Since", cond.LastModified)
		}
	}
	resp, err := f.client.Do(r)
	if err != nil {
		if timedOut.Load() {
			return result{}, 0, fmt.Errorf("no response headers within %s (read timeout)", f.cfg.ReadTimeout)
		}
		return result{}, 0, err
	}
	defer resp.Body.Close()

	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
	case resp.StatusCode == http.StatusNotModified && cond != nil:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return result{status: resp.StatusCode, header: resp.Header}, 0, nil
	default:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return result{}, retryAfter(resp.Header.Get("Retry-After"), f.cfg.Clock.Now()),
			&StatusError{URL: req.URL.String(), Status: resp.StatusCode}
	}
	if resp.ContentLength > f.cfg.MaxBodyBytes {
		return result{}, 0, fmt.Errorf("%w: Content-Length %d > %d", ErrTooLarge, resp.ContentLength, f.cfg.MaxBodyBytes)
	}
	body, err := io.ReadAll(io.LimitReader(idleReader{resp.Body, timer, f.cfg.ReadTimeout}, f.cfg.MaxBodyBytes+1))
	if err != nil {
		if timedOut.Load() {
			return result{}, 0, fmt.Errorf("body stalled for %s (read timeout)", f.cfg.ReadTimeout)
		}
		return result{}, 0, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > f.cfg.MaxBodyBytes {
		return result{}, 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, f.cfg.MaxBodyBytes)
	}
	return result{status: resp.StatusCode, header: resp.Header, body: body}, 0, nil
}

// idleReader re-arms the read timer after every read, so ReadTimeout bounds
// each pause rather than the whole transfer.
type idleReader struct {
	r     io.Reader
	timer *time.Timer
	d     time.Duration
}

func (ir idleReader) Read(p []byte) (int, error) {
	n, err := ir.r.Read(p)
	if n > 0 {
		ir.timer.Reset(ir.d)
	}
	return n, err
}

// retryAfter reads a Retry-After value: delta-seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// checkRobots fetches (or reuses) the host's robots.txt and refuses paths
// it disallows with sources.ErrBlocked.
func (f *Fetcher) checkRobots(ctx context.Context, u *url.URL) error {
	key := u.Scheme + "://" + u.Host
	f.robotMu.Lock()
	e := f.robots[key]
	if e == nil {
		e = &robotsEntry{}
		f.robots[key] = e
	}
	f.robotMu.Unlock()

	e.mu.Lock()
	if e.r == nil || !f.cfg.Clock.Now().Before(e.until) {
		if err := f.loadRobots(ctx, key, e); err != nil {
			e.mu.Unlock()
			return err
		}
	}
	r, why := e.r, e.why
	e.mu.Unlock()
	f.robotMu.Lock()
	f.delays[u.Host] = r.crawlDelay
	f.robotMu.Unlock()

	pq := u.EscapedPath()
	if pq == "" {
		pq = "/"
	}
	if u.RawQuery != "" {
		pq += "?" + u.RawQuery
	}
	if !r.allowed(pq) {
		if why != "" {
			return fmt.Errorf("fetch %s: %s: %w", u, why, sources.ErrBlocked)
		}
		return fmt.Errorf("fetch %s: disallowed by %s/robots.txt: %w", u, key, sources.ErrBlocked)
	}
	return nil
}

// loadRobots fills e (whose lock the caller holds). Following RFC 9309: a
// 4xx means no restrictions; a 5xx after retries means complete disallow,
// re-checked sooner than a success. A host that cannot be reached at all is
// an error of its own (nothing is fetched from it either way).
func (f *Fetcher) loadRobots(ctx context.Context, key string, e *robotsEntry) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, key+"/robots.txt", nil)
	if err != nil {
		return fmt.Errorf("fetch robots %s: %w", key, err)
	}
	now := f.cfg.Clock.Now()
	res, err := f.get(ctx, req, nil)
	var se *StatusError
	switch {
	case err == nil:
		e.r, e.why, e.until = parseRobots(res.body, productName(f.cfg.Product)), "", now.Add(f.cfg.RobotsTTL)
	case ctx.Err() != nil:
		return fmt.Errorf("fetch robots %s: %w", key, ctx.Err())
	case errors.As(err, &se) && se.Status >= 400 && se.Status < 500 && se.Status != http.StatusTooManyRequests:
		e.r, e.why, e.until = allowAll, "", now.Add(f.cfg.RobotsTTL)
	case !errors.As(err, &se):
		// The host could not be reached at all (DNS, refused, timeouts after
		// retries): say so, rather than calling it a publisher's block, and
		// remember nothing, so the next request tries again.
		return fmt.Errorf("fetch robots %s: host unreachable: %w", key, err)
	default:
		e.r, e.why, e.until = disallowAll, fmt.Sprintf("robots.txt unavailable (%v), so everything is disallowed", err), now.Add(f.cfg.RobotsTTL/24)
	}
	return nil
}

// productName is "casetrack" of "casetrack/0.1".
func productName(product string) string {
	name, _, _ := strings.Cut(product, "/")
	return strings.TrimSpace(name)
}
