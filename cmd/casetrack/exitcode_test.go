package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/pipeline/workspace"
)

// Exit 2 means one thing, "another writer holds the lock" (the README's
// systemd unit treats it as success); every other failure of a writer,
// such as a database directory that cannot be made, exits 1.
func TestExitTwoOnlyWhenLocked(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.duckdb")
	ws, err := workspace.Open(db, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := casetrack(t, "", "--db", db, "import", "testdata/good")
	ws.Release()
	if code != 2 || !strings.Contains(errs, "locked by another writer") {
		t.Errorf("locked: exit %d, %s", code, errs)
	}

	// a regular file where the database's directory should be: mkdir fails
	notDir := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"import", "testdata/good"}, {"reparse"}} {
		code, _, errs = casetrack(t, "", append([]string{"--db", filepath.Join(notDir, "c.duckdb")}, cmd...)...)
		if code != 1 || errs == "" {
			t.Errorf("%s with an unusable directory: exit %d, want 1 (%s)", cmd[0], code, errs)
		}
	}
}
