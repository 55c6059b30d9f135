package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// webDriver drives one headless Chromium through chromedriver's W3C
// WebDriver endpoint (Debian package chromium-driver), so a test can click
// links as a reader would. Only the few endpoints the tests need, over
// plain HTTP and JSON.
type webDriver struct {
	t       *testing.T
	base    string // http://127.0.0.1:PORT/session/ID
	timeout time.Duration
}

// elementKey is the W3C name of an element reference in JSON.
const elementKey = "element-6066-11e4-a52e-4f735466cecf"

func chromedriver(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CASETRACK_CHROMEDRIVER"); p != "" {
		return p
	}
	if p, err := exec.LookPath("chromedriver"); err == nil {
		return p
	}
	t.Skip("chromedriver not found (install the Debian package chromium-driver, or set CASETRACK_CHROMEDRIVER); skipping the click-through test")
	return ""
}

// startWebDriver starts chromedriver and one browser session, both ended
// when the test ends.
func startWebDriver(t *testing.T) *webDriver {
	t.Helper()
	browser, driver := chromium(t), chromedriver(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, driver, fmt.Sprintf("--port=%d", port))
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("chromedriver: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	w := &webDriver{t: t, base: fmt.Sprintf("http://127.0.0.1:%d", port), timeout: 60 * time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(w.base + "/status")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromedriver did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"goog:chromeOptions": map[string]any{"binary": browser, "args": []string{"--headless", "--no-sandbox", "--disable-gpu",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + t.TempDir(), "--window-size=1280,1600"}}}}}
	var s struct {
		SessionID string `json:"sessionId"`
	}
	w.call("POST", "/session", caps, &s)
	if s.SessionID == "" {
		t.Fatalf("no WebDriver session\n%s", logs.String())
	}
	w.base += "/session/" + s.SessionID
	t.Cleanup(func() { w.call("DELETE", "", nil, nil) })
	return w
}

// call sends one command and decodes the reply's value into out.
func (w *webDriver) call(method, path string, body, out any) {
	w.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			w.t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), w.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, w.base+path, r)
	if err != nil {
		w.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatalf("webdriver %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var reply struct {
		Value json.RawMessage `json:"value"`
	}
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &reply); err != nil || resp.StatusCode != http.StatusOK {
		w.t.Fatalf("webdriver %s %s: %s: %s", method, path, resp.Status, b)
	}
	if out != nil {
		if err := json.Unmarshal(reply.Value, out); err != nil {
			w.t.Fatalf("webdriver %s %s: %v: %s", method, path, err, reply.Value)
		}
	}
}

func (w *webDriver) open(url string) { w.call("POST", "/url", map[string]string{"url": url}, nil) }

func (w *webDriver) url() string {
	var u string
	w.call("GET", "/url", nil, &u)
	return u
}

func (w *webDriver) source() string {
	var s string
	w.call("GET", "/source", nil, &s)
	return s
}

// find returns the element matching a CSS selector.
func (w *webDriver) find(css string) string {
	var el map[string]string
	w.call("POST", "/element", map[string]string{"using": "css selector", "value": css}, &el)
	return el[elementKey]
}

func (w *webDriver) text(el string) string {
	var s string
	w.call("GET", "/element/"+el+"/text", nil, &s)
	return s
}

func (w *webDriver) click(el string) { w.call("POST", "/element/"+el+"/click", map[string]any{}, nil) }

// TestBrowserClickThrough opens the first page of a report in headless
// Chromium and clicks as a reader would: from HSI's conviction count to
// the people behind it, and from a person to the release that states the
// conviction, served by a local stand-in of the publisher's site.
func TestBrowserClickThrough(t *testing.T) {
	w := startWebDriver(t)
	// The constructed releases, each served at its own URL on a local server.
	bodies := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(rw, r)
			return
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(rw, "<!DOCTYPE html><html><body><p>%s</p></body></html>", html.EscapeString(body))
	}))
	defer srv.Close()
	items := fixtureItems()
	for i, it := range items {
		if strings.HasPrefix(it.Record.URL, "https://") {
			path := "/" + it.Record.Key
			items[i].Record.URL = srv.URL + path
			bodies[path] = it.Record.Body
		}
	}
	db := fixtureDBOf(t, items)
	out := t.TempDir()
	if err := Build(context.Background(), db, out, Options{}); err != nil {
		t.Fatal(err)
	}

	w.open(fileURL(filepath.Join(out, "index.html")))
	count := w.find(`#answer-hsi tr[data-key="FY2024"] a.count[data-measure="convictions_secured"]`)
	if got := w.text(count); got != "1" {
		t.Fatalf("HSI FY2024 convictions on the first page = %q", got)
	}
	w.click(count)
	if u := w.url(); !strings.HasSuffix(u, "/answer-hsi.html#FY2024_set_convictions_secured") {
		t.Fatalf("the conviction count led to %s", u)
	}
	person := `section[id="FY2024_set_convictions_secured"] li.person`
	if got := w.text(w.find(person + " strong")); got != "John Doe" {
		t.Fatalf("the person behind the count is %q", got)
	}
	var evidence, release string
	if err := db.QueryRow(`SELECT e.evidence, d.url FROM events e JOIN documents d USING (doc_id)
		WHERE e.defendant = 'John Doe' AND e.event_type = 'convicted'`).Scan(&evidence, &release); err != nil {
		t.Fatal(err)
	}
	w.click(w.find(person + ` li.report[data-event="convicted"] a.release`))
	if u := w.url(); u != release {
		t.Fatalf("the person's conviction link led to %s, want the release %s", u, release)
	}
	if src := w.source(); !strings.Contains(src, evidence) {
		t.Errorf("the release opened does not state the conviction %q:\n%.500s", evidence, src)
	}
}
