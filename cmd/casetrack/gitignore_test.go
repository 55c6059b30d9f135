package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRoot is the repository this test runs in, or skips without git.
func gitRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not a git checkout (or no git): %v", err)
	}
	return strings.TrimSpace(string(out))
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// The repository tracks no database, working copy or lock, and everything a
// writer leaves beside the default database is ignored: `make run` on a
// fresh clone must leave `git status` clean. The writers run here in a
// scratch repository holding the project's .gitignore, on data/ as
// `make run` does, and the names a killed writer can leave behind are checked
// too.
func TestGitIgnoresWhatWritersLeave(t *testing.T) {
	root := gitRoot(t)
	for _, f := range strings.Fields(git(t, root, "ls-files", "data")) {
		if strings.Contains(f, ".duckdb") || strings.Contains(f, ".work") || strings.HasSuffix(f, ".lock") {
			t.Errorf("the repository tracks %s", f)
		}
	}

	ignore, err := os.ReadFile(filepath.Join(root, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	if err := os.WriteFile(filepath.Join(repo, ".gitignore"), ignore, 0o644); err != nil {
		t.Fatal(err)
	}
	good, err := filepath.Abs("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	srv := dojStandIn(t, dojPage(t, normalRelease()))
	t.Chdir(repo)
	db := filepath.Join("data", "casetrack.duckdb")
	mustRun(t, "--db", db, "import", good)
	mustRun(t, "--db", db, "run", "--sources", "doj", "--base-url", "doj="+srv.URL, "--contact", "test@example.org")
	mustRun(t, "--db", db, "sql", "SELECT count(*) FROM documents")
	mustRun(t, "--db", db, "status")
	if st := git(t, repo, "status", "--porcelain", "--untracked-files=all"); st != "?? .gitignore\n" {
		t.Errorf("git status after the writers ran:\n%s", st)
	}
	// what an interrupted writer or a reader's spill can leave
	for _, name := range []string{"casetrack.duckdb.wal", "casetrack.duckdb.lock", "casetrack.duckdb.publishing",
		"casetrack.duckdb.publishing.tmp", "casetrack.duckdb.staging-123.csv", "casetrack.duckdb.tmp/duckdb_temp_storage-0.tmp",
		".work/casetrack.duckdb.work", ".work/casetrack.duckdb.work.wal", ".work/casetrack.duckdb.work.tmp",
		".work/casetrack.duckdb.work.staging-1.csv", "raw/doj/ab/abcd.gz"} {
		p := filepath.Join("data", name)
		if err := exec.Command("git", "-C", repo, "check-ignore", "-q", "--no-index", p).Run(); err != nil {
			t.Errorf("%s is not ignored", p)
		}
	}
}
