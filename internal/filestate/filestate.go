// Package filestate records every file under some directories with its
// SHA-256, for tests that must show a command wrote, created and removed
// nothing (the SQL sandbox).
package filestate

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// State is every file under the directories taken, with its SHA-256.
type State map[string][32]byte

// Take reads every file under dirs.
func Take(tb testing.TB, dirs ...string) State {
	tb.Helper()
	out := State{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = sha256.Sum256(b)
			return nil
		})
		if err != nil {
			tb.Fatalf("filestate: %v", err)
		}
	}
	return out
}

// Changes lists what differs in after: "created p", "changed p", "removed p".
func (before State) Changes(after State) []string {
	var out []string
	for p, h := range after {
		if b, ok := before[p]; !ok {
			out = append(out, "created "+p)
		} else if b != h {
			out = append(out, "changed "+p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, "removed "+p)
		}
	}
	sort.Strings(out)
	return out
}
