// Package fuzzguard helps the parsers' fuzz targets (go test -fuzz) check the
// two properties every parser in casetrack owes the nightly run: it never
// panics and it never loops, whatever bytes a publisher sends. It is used
// only from tests, beside each parser (sources/*, pipeline/ingest,
// pipeline/normalize, internal/htmltext).
package fuzzguard

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"casetrack/internal/testshared"
)

// Limit bounds one parser call. Parsers take milliseconds on the real
// fixtures (megabytes); a call still running after Limit is a loop.
const Limit = 10 * time.Second

// Call runs f, failing the test when it panics (with the stack) or does not
// return within Limit (a loop, or something close enough to one).
func Call(t testing.TB, what string, f func()) {
	t.Helper()
	type result struct {
		panicked any
		stack    []byte
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{r, debug.Stack()}
				return
			}
			done <- result{}
		}()
		f()
	}()
	timer := time.NewTimer(Limit)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.panicked != nil {
			t.Fatalf("%s panicked: %v\n%s", what, r.panicked, r.stack)
		}
	case <-timer.C:
		t.Fatalf("%s did not return within %v: a loop?", what, Limit)
	}
}

// SharedFiles returns the files under shared/<rel...> whose names match
// pattern (filepath.Match on the base name), walking subdirectories. It
// returns nil when the shared directory is absent: fuzz targets then run on
// their inline seeds only. Files over maxSize bytes are left out (huge seeds
// make mutation slow).
func SharedFiles(pattern string, maxSize int64, rel ...string) []string {
	root := testshared.Root()
	if root == "" {
		return nil
	}
	var out []string
	filepath.WalkDir(filepath.Join(append([]string{root}, rel...)...), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if ok, _ := filepath.Match(pattern, d.Name()); !ok {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Size() <= maxSize {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// AddFiles adds each file's bytes to the seed corpus of f.
func AddFiles(f *testing.F, files []string) {
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(fmt.Errorf("seed %s: %w", p, err))
		}
		f.Add(b)
	}
}
