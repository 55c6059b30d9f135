// Package testshared locates the read-only material in ../shared (real
// fixtures and labelled corpora) for tests. The directory sits beside the
// project root; CASETRACK_SHARED overrides it. Tests that need it skip with a
// clear message when it is absent, so a fresh clone still passes.
package testshared

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvVar names the environment variable that overrides the shared directory.
const EnvVar = "CASETRACK_SHARED"

// Root returns the shared directory, or "" when it cannot be found.
func Root() string {
	if d := os.Getenv(EnvVar); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		return ""
	}
	// Walk up from the working directory (a package dir under go test) to the
	// module root, then look beside it.
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			cand := filepath.Join(filepath.Dir(dir), "shared")
			if st, err := os.Stat(cand); err == nil && st.IsDir() {
				return cand
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of rel inside the shared directory, skipping the test
// with a clear message when the shared directory or that path is absent.
func Path(tb testing.TB, rel ...string) string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skipf("shared material not found (set %s or place shared/ beside the project root); skipping", EnvVar)
	}
	p := filepath.Join(append([]string{root}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared material %s not found; skipping", p)
	}
	return p
}
