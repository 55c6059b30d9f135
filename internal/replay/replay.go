// Package replay serves recorded HTTP exchanges from an httptest.Server so
// crawls can be tested without the network. Each Exchange says what one
// request (method + path + query) gets back; a request that was not
// recorded, or one more request than was recorded, fails the test with its
// URL. Query parameters match in any order.
//
// Exchanges can also come from a JSON manifest (Load) whose body files are
// relative to the manifest, so a crawl recorded once (method and URL only,
// never request headers or tokens) replays as a test.
package replay

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Exchange is one recorded response.
type Exchange struct {
	Method string `json:"method,omitempty"` // default GET
	// URL is the request path with its query, e.g.
	// "/api/v1/press_releases.json?page=0&pagesize=50". A full URL also
	// works; only path and query are compared.
	URL    string            `json:"url"`
	Status int               `json:"status,omitempty"` // default 200
	Header map[string]string `json:"header,omitempty"`
	// Body or BodyFile (read when the server starts) is what is sent.
	Body     []byte `json:"-"`
	BodyFile string `json:"body_file,omitempty"`
	// Times is how many requests this exchange answers (default 1; -1 for
	// any number). Several exchanges for one URL answer in order, so
	// "429 then 200" is two exchanges.
	Times int `json:"times,omitempty"`
	// Delay holds the response back before headers (a slow server).
	Delay time.Duration `json:"delay,omitempty"`
	// TruncateAt, when > 0, sends only that many body bytes and closes the
	// connection (a cut-off transfer). Content-Length announces the full body.
	TruncateAt int `json:"truncate_at,omitempty"`
}

// Server is a running replay server.
type Server struct {
	*httptest.Server
	t     testing.TB
	mu    sync.Mutex
	queue map[string][]*slot // key → remaining exchanges in order
	log   []string           // requests served, "GET /path?query"
}

type slot struct {
	ex   Exchange
	left int // -1 = unlimited
}

// New starts a server for exchanges and closes it when the test ends.
// Body files are read now; a missing file fails the test at once.
func New(t testing.TB, exchanges ...Exchange) *Server {
	t.Helper()
	s := &Server{t: t, queue: map[string][]*slot{}}
	for _, ex := range exchanges {
		if ex.BodyFile != "" && ex.Body == nil {
			b, err := os.ReadFile(ex.BodyFile)
			if err != nil {
				t.Fatalf("replay: %v", err)
			}
			ex.Body = b
		}
		if ex.Method == "" {
			ex.Method = http.MethodGet
		}
		if ex.Status == 0 {
			ex.Status = http.StatusOK
		}
		n := ex.Times
		if n == 0 {
			n = 1
		}
		k, err := key(ex.Method, ex.URL)
		if err != nil {
			t.Fatalf("replay: %v", err)
		}
		s.queue[k] = append(s.queue[k], &slot{ex: ex, left: n})
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Load reads a manifest: a JSON array of Exchange, body_file relative to
// the manifest's directory.
func Load(t testing.TB, manifest string) []Exchange {
	t.Helper()
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	var exs []Exchange
	if err := json.Unmarshal(b, &exs); err != nil {
		t.Fatalf("replay %s: %v", manifest, err)
	}
	for i := range exs {
		if exs[i].BodyFile != "" && !filepath.IsAbs(exs[i].BodyFile) {
			exs[i].BodyFile = filepath.Join(filepath.Dir(manifest), exs[i].BodyFile)
		}
	}
	return exs
}

// key is METHOD path?sorted-query.
func key(method, raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("recorded URL %q: %w", raw, err)
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return strings.ToUpper(method) + " " + p + "?" + b.String(), nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	k, _ := key(r.Method, r.URL.RequestURI())
	s.mu.Lock()
	s.log = append(s.log, r.Method+" "+r.URL.RequestURI())
	var ex *Exchange
	for _, sl := range s.queue[k] {
		if sl.left != 0 {
			if sl.left > 0 {
				sl.left--
			}
			e := sl.ex
			ex = &e
			break
		}
	}
	s.mu.Unlock()
	if ex == nil {
		s.t.Errorf("replay: unrecorded request %s %s (or more requests than recorded)", r.Method, r.URL.RequestURI())
		http.Error(w, "not recorded", http.StatusNotImplemented)
		return
	}
	if ex.Delay > 0 {
		select {
		case <-time.After(ex.Delay):
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range ex.Header {
		w.Header().Set(k, v)
	}
	body := ex.Body
	if ex.TruncateAt > 0 && ex.TruncateAt < len(body) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(ex.Status)
		w.Write(body[:ex.TruncateAt])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		// Abort the connection so the client sees a short body.
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
			}
		}
		return
	}
	w.WriteHeader(ex.Status)
	w.Write(body)
}

// Requests returns the requests served so far, "GET /path?query", in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// Count returns how many requests had this method and URL (query in any order).
func (s *Server) Count(method, rawURL string) int {
	want, err := key(method, rawURL)
	if err != nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, l := range s.log {
		m, u, _ := strings.Cut(l, " ")
		if k, _ := key(m, u); k == want {
			n++
		}
	}
	return n
}

// Unused lists the recorded exchanges that were never (fully) requested,
// for tests that want every recorded exchange consumed.
func (s *Server) Unused() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k, slots := range s.queue {
		for _, sl := range slots {
			if sl.left > 0 {
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
