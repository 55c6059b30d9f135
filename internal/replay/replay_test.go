package replay

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// recTB records Errorf calls instead of failing, so the test can check
// that an unrecorded request is reported.
type recTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSequenceAndQueryOrder(t *testing.T) {
	s := New(t,
		Exchange{URL: "/p?a=1&b=2", Status: 429, Header: map[string]string{"Retry-After": "1"}},
		Exchange{URL: "/p?b=2&a=1", Body: []byte("ok")},
	)
	if st, _ := get(t, s.URL+"/p?b=2&a=1"); st != 429 {
		t.Errorf("first answer %d", st)
	}
	if st, body := get(t, s.URL+"/p?a=1&b=2"); st != 200 || body != "ok" {
		t.Errorf("second answer %d %q", st, body)
	}
	if n := s.Count("GET", "/p?b=2&a=1"); n != 2 {
		t.Errorf("count %d", n)
	}
	if len(s.Unused()) != 0 {
		t.Errorf("unused %v", s.Unused())
	}
}

func TestUnrecordedFailsNamingURL(t *testing.T) {
	rec := &recTB{TB: t}
	s := New(rec, Exchange{URL: "/known", Body: []byte("x")})
	get(t, s.URL+"/known")
	if st, _ := get(t, s.URL+"/known"); st != http.StatusNotImplemented {
		t.Errorf("exhausted exchange answered %d", st)
	}
	get(t, s.URL+"/unknown?page=3")
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.errs) != 2 || !strings.Contains(rec.errs[1], "GET /unknown?page=3") || !strings.Contains(rec.errs[0], "/known") {
		t.Errorf("reported %q", rec.errs)
	}
}

func TestTruncateAndManifest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "body.json"), []byte(`{"results":[1,2,3]}`), 0o644)
	os.WriteFile(filepath.Join(dir, "m.json"), []byte(`[{"url":"/a","body_file":"body.json","times":-1},{"url":"/cut","body_file":"body.json","truncate_at":5}]`), 0o644)
	s := New(t, Load(t, filepath.Join(dir, "m.json"))...)
	for i := 0; i < 3; i++ {
		if _, body := get(t, s.URL+"/a"); body != `{"results":[1,2,3]}` {
			t.Errorf("body %q", body)
		}
	}
	resp, err := http.Get(s.URL + "/cut")
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err == nil || string(b) != `{"res` {
		t.Errorf("truncated transfer read %q, err %v; want 5 bytes and an error", b, err)
	}
}
