package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casetrack/internal/filestate"
)

// `casetrack sql` has no write path at all: every way DuckDB SQL can write
// a file (the database itself, by absolute or relative path, its WAL, any
// other path, an export, an attached database, a persistent secret, an
// extension, a profiling or log file) or loosen its own settings fails, as a
// one-shot query and in the interactive shell, and afterwards every file
// beside the database and in the home directory is byte for byte what it was.
func TestSQLHasNoWritePath(t *testing.T) {
	dir, scratch := t.TempDir(), t.TempDir()
	t.Setenv("HOME", scratch)
	db := filepath.Join(dir, "c.duckdb")
	mustRun(t, "--db", db, "import", "testdata/good")
	t.Chdir(dir)
	pwn := func(to string) string {
		return "COPY (SELECT 'pwned' AS x) TO '" + to + "' (FORMAT csv, USE_TMP_FILE false)"
	}
	vectors := []string{
		pwn(db), pwn("c.duckdb"), pwn("./c.duckdb"), pwn(db + ".wal"), pwn(db + ".wal.recovery"), pwn("c.duckdb.wal"),
		pwn(db + ".tmp/x.csv"), pwn(filepath.Join(scratch, "out.csv")), pwn("out.csv"),
		"COPY documents TO '" + db + "' (FORMAT parquet)",
		"EXPLAIN ANALYZE " + pwn(db),
		"SELECT 1; " + pwn(db),
		"EXPORT DATABASE '" + filepath.Join(scratch, "export") + "'",
		"ATTACH '" + filepath.Join(scratch, "new.duckdb") + "' AS n",
		"ATTACH '" + db + "' AS rw (READ_ONLY false)",
		"CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
		"CREATE PERSISTENT SECRET p (TYPE s3, KEY_ID 'a', SECRET 'b')",
		"INSTALL httpfs", "LOAD httpfs",
		"SET enable_external_access = true", "SET disabled_filesystems = ''", "SET lock_configuration = false",
		"RESET lock_configuration", "RESET disabled_filesystems", "SET access_mode = 'read_write'",
		"PRAGMA enable_profiling = 'json'", "PRAGMA profiling_output = '" + filepath.Join(scratch, "p.json") + "'",
		"SELECT * FROM enable_logging(storage = 'file', storage_path = '" + filepath.Join(scratch, "log") + "')",
		"CHECKPOINT", "DELETE FROM documents", "DROP TABLE events",
	}
	before := filestate.Take(t, dir, scratch)
	for _, q := range vectors {
		if code, out, _ := casetrack(t, "", "--db", db, "sql", q); code == 0 {
			t.Errorf("one-shot sql ran %q: %s", q, out)
		}
	}
	if changes := before.Changes(filestate.Take(t, dir, scratch)); len(changes) > 0 {
		t.Errorf("one-shot: %v", changes)
	}

	var in strings.Builder
	for _, q := range vectors {
		in.WriteString(q + ";\n")
	}
	in.WriteString("SELECT count(*) AS documents_left FROM documents;\n")
	code, out, errs := casetrack(t, in.String(), "--db", db, "sql", "--format", "csv")
	if code != 0 || out != "documents_left\r\n2\r\n" {
		t.Errorf("shell: exit %d, out %q", code, out)
	}
	if n := strings.Count(errs, "error: "); n != len(vectors) {
		t.Errorf("shell reported %d errors for %d write attempts:\n%s", n, len(vectors), errs)
	}
	if changes := before.Changes(filestate.Take(t, dir, scratch)); len(changes) > 0 {
		t.Errorf("interactive: %v", changes)
	}
}

// A writer checks that the published file is a casetrack database before
// copying it into its working copy. One that was overwritten stops the
// import with an error naming it, the good working copy is kept, and once
// the broken file is moved aside the next run continues from that copy.
func TestWriterKeepsWorkingCopyWhenPublishedIsBroken(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.duckdb")
	mustRun(t, "--db", db, "import", "testdata/good")
	work := filepath.Join(dir, ".work", "c.duckdb.work")
	good, err := os.ReadFile(work)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, []byte("x\npwned\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// overwritten after the last publish (as by a COPY through an old
	// sql sandbox), not within the same clock tick
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(db, later, later); err != nil {
		t.Fatal(err)
	}
	code, _, errs := casetrack(t, "", "--db", db, "import", "testdata/good")
	if code != 1 || !strings.Contains(errs, db+" cannot be used: not a casetrack database") ||
		!strings.Contains(errs, "working copy "+work+" (the last good one) is kept") {
		t.Errorf("import over a broken published file: exit %d\n%s", code, errs)
	}
	if now, _ := os.ReadFile(work); !bytes.Equal(now, good) {
		t.Error("the working copy changed")
	}
	if err := os.Rename(db, db+".broken"); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "--db", db, "import", "testdata/good")
	if !strings.Contains(out, "new 0, updated 0, unchanged 2") {
		t.Errorf("import from the kept working copy: %s", out)
	}
	if got := mustRun(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM documents"); got != "n\r\n2\r\n" {
		t.Errorf("published after recovery: %q", got)
	}

	// A --db that names some other file: the error is about that file, not
	// about a working copy the user never named.
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("my notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = casetrack(t, "", "--db", notes, "import", "testdata/good")
	if code != 1 || !strings.Contains(errs, notes+" cannot be used: not a casetrack database") || strings.Contains(errs, "notes.txt.work") {
		t.Errorf("--db notes.txt: exit %d\n%s", code, errs)
	}
	if b, _ := os.ReadFile(notes); string(b) != "my notes\n" {
		t.Error("notes.txt changed")
	}
}
