package main

// Crash-safety tests: the real binary, run as a subprocess on a real corpus,
// killed (SIGKILL, SIGTERM) at several points, then run again. The published
// database must stay as it was after every kill, and the rerun must end
// exactly where a clean run ends (same documents, same events).

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/pipeline/store"
	"casetrack/pipeline/workspace"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binary builds casetrack once per test process, skipping when it cannot.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("crash tests build and run the binary; skipped with -short")
	}
	binOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			binErr = err
			return
		}
		binDir, binErr = os.MkdirTemp("", "casetrack-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "casetrack")
		out, err := exec.Command(goTool, "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	if binErr != nil {
		t.Skipf("cannot build the casetrack binary for crash tests: %v", binErr)
	}
	return binPath
}

// crashInputs are the real corpus files the crash tests import: a base that
// is published first, and a larger import that gets killed.
func crashInputs(t *testing.T) (base []string, extra []string) {
	return []string{testshared.Path(t, "corpus", "dev")},
		[]string{testshared.Path(t, "corpus", "ice-full", "records.jsonl"), testshared.Path(t, "fixtures", "doj")}
}

// snapshot is what a run leaves for researchers: every document and every
// event as exported, minus the columns that record when it was loaded.
func snapshot(t *testing.T, db string) string {
	t.Helper()
	var b strings.Builder
	for _, what := range []string{"documents", "events"} {
		out := mustRun(t, "--db", db, "export", what, "--format", "csv")
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("export %s: %v", what, err)
		}
		drop := map[int]bool{}
		for i, col := range recs[0] {
			if col == "imported_at" || col == "updated_at" {
				drop[i] = true
			}
		}
		fmt.Fprintf(&b, "%s: %d rows\n", what, len(recs)-1)
		w := csv.NewWriter(&b)
		for _, r := range recs {
			var keep []string
			for i, v := range r {
				if !drop[i] {
					keep = append(keep, v)
				}
			}
			w.Write(keep)
		}
		w.Flush()
	}
	return b.String()
}

func importCmd(bin, db string, paths ...string) *exec.Cmd {
	cmd := exec.Command(bin, append([]string{"--db", db, "import"}, paths...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd
}

func workingPath(db string) string {
	return filepath.Join(filepath.Dir(db), ".work", filepath.Base(db)+".work")
}

// killPoint decides when to kill: it is polled until it says so or the
// process ends by itself.
type killPoint struct {
	name string
	now  func(db string, started time.Time) bool
}

func afterDelay(d time.Duration) killPoint {
	return killPoint{fmt.Sprintf("after %v", d), func(_ string, started time.Time) bool { return time.Since(started) >= d }}
}

func whenFile(name string, path func(db string) string, grown int64) killPoint {
	return killPoint{name, func(db string, _ time.Time) bool {
		st, err := os.Stat(path(db))
		return err == nil && st.Size() >= grown
	}}
}

func TestKilledImportLeavesPublishedAndRerunMatchesClean(t *testing.T) {
	bin := binary(t)
	base, extra := crashInputs(t)

	clean := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, append([]string{"--db", clean, "import"}, base...)...)
	baseSnap := snapshot(t, clean)
	mustRun(t, append([]string{"--db", clean, "import"}, extra...)...)
	cleanSnap := snapshot(t, clean)
	if cleanSnap == baseSnap {
		t.Fatal("the killed import would add nothing; the test proves nothing")
	}

	points := []killPoint{
		{"at start", func(string, time.Time) bool { return true }},
		whenFile("lock holder written", func(db string) string { return db + ".lock" }, 1),
		whenFile("write-ahead log appears", func(db string) string { return workingPath(db) + ".wal" }, 1),
		whenFile("write-ahead log past 1 MB", func(db string) string { return workingPath(db) + ".wal" }, 1<<20),
		afterDelay(30 * time.Millisecond),
		afterDelay(80 * time.Millisecond),
		afterDelay(150 * time.Millisecond),
		afterDelay(250 * time.Millisecond),
		whenFile("publishing", func(db string) string { return db + ".publishing.tmp" }, 1),
	}
	killed := 0
	for _, p := range points {
		t.Run(strings.ReplaceAll(p.name, " ", "_"), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.duckdb")
			mustRun(t, append([]string{"--db", db, "import"}, base...)...)
			pub, _ := os.ReadFile(db)

			cmd := importCmd(bin, db, extra...)
			started := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var wasKilled bool
		poll:
			for {
				select {
				case <-exited:
					break poll
				default:
				}
				if p.now(db, started) {
					cmd.Process.Signal(syscall.SIGKILL)
					<-exited
					wasKilled = cmd.ProcessState.Sys().(syscall.WaitStatus).Signaled()
					break poll
				}
				time.Sleep(time.Millisecond)
			}
			if wasKilled {
				killed++
				if now, _ := os.ReadFile(db); !bytes.Equal(now, pub) {
					t.Error("SIGKILL changed the published database")
				}
				if got := snapshot(t, db); got != baseSnap {
					t.Error("the published database reads differently after SIGKILL")
				}
			} else {
				t.Logf("%s: the import finished before the kill point (%v)", p.name, cmd.ProcessState)
			}
			// The next run finishes the work: nothing lost, nothing doubled.
			rerun := importCmd(bin, db, extra...)
			if err := rerun.Run(); err != nil {
				t.Fatalf("rerun after kill: %v\n%s", err, rerun.Stdout)
			}
			if got := snapshot(t, db); got != cleanSnap {
				t.Errorf("after kill and rerun the database differs from a clean run's\n got: %.400s\nwant: %.400s", got, cleanSnap)
			}
		})
	}
	if killed < 3 {
		t.Errorf("only %d of %d kill points caught the import running; make the input larger", killed, len(points))
	}
}

// SIGTERM is the polite stop: the run records itself as interrupted in the
// working copy, publishes nothing and exits non-zero; the next run finishes.
func TestSIGTERMRecordsInterruptedRun(t *testing.T) {
	bin := binary(t)
	base, extra := crashInputs(t)
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, append([]string{"--db", db, "import"}, base...)...)
	pub, _ := os.ReadFile(db)

	cmd := importCmd(bin, db, extra...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Stop the process as soon as it holds the lock, queue SIGTERM, let it go:
	// the signal lands before its work is done.
	waitFor(t, "the lock holder line", func() bool {
		b, _ := os.ReadFile(db + ".lock")
		return len(b) > 0
	})
	cmd.Process.Signal(syscall.SIGSTOP)
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Process.Signal(syscall.SIGCONT)
	err := cmd.Wait()
	if err == nil {
		t.Fatalf("SIGTERM'd import exited 0:\n%s", cmd.Stdout)
	}
	if out := fmt.Sprint(cmd.Stdout); !strings.Contains(out, "interrupted") {
		t.Errorf("no interruption message:\n%s", out)
	}
	if now, _ := os.ReadFile(db); !bytes.Equal(now, pub) {
		t.Error("SIGTERM'd import changed the published database")
	}
	got := mustRun(t, "--db", workingPath(db), "sql", "--format", "csv", "SELECT command, status FROM runs ORDER BY run_id")
	if got != "command,status\r\nimport,ok\r\nimport,interrupted\r\n" {
		t.Errorf("runs in the working copy: %q", got)
	}
	if err := importCmd(bin, db, extra...).Run(); err != nil {
		t.Fatalf("rerun: %v", err)
	}
	got = mustRun(t, "--db", db, "sql", "--format", "csv", "SELECT status FROM runs ORDER BY run_id")
	if got != "status\r\nok\r\ninterrupted\r\nok\r\n" {
		t.Errorf("published runs after the rerun: %q", got)
	}
}

// A second writer refuses at once, exit code 2, naming the holder; a reader
// answers while the writer holds its lock and its working database open.
func TestSecondWriterRefusedAndReaderAnswersDuringWrite(t *testing.T) {
	bin := binary(t)
	base, extra := crashInputs(t)
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, append([]string{"--db", db, "import"}, base...)...)

	// Freeze a real writer in the middle of its run: it holds the lock and
	// DuckDB's lock on the working file.
	writer := importCmd(bin, db, extra...)
	if err := writer.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(time.Millisecond) {
		if _, err := os.Stat(workingPath(db) + ".wal"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the writer never opened its working database")
		}
	}
	writer.Process.Signal(syscall.SIGSTOP)
	defer writer.Process.Kill()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, bin, "--db", db, "import", base[0])
	out, err := second.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatal("the second writer waited instead of refusing")
	}
	if code := second.ProcessState.ExitCode(); code != 2 || err == nil {
		t.Errorf("second writer: exit %d, want 2", code)
	}
	holder := fmt.Sprintf("pid %d, casetrack import", writer.Process.Pid)
	if !strings.Contains(string(out), "locked by another writer") || !strings.Contains(string(out), holder) {
		t.Errorf("second writer's message does not name the holder (%s):\n%s", holder, out)
	}

	reader := exec.CommandContext(ctx, bin, "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM documents")
	out, err = reader.CombinedOutput()
	if ctx.Err() != nil || err != nil {
		t.Fatalf("read during a write: %v (%v)\n%s", err, ctx.Err(), out)
	}
	if string(out) != "n\r\n20\r\n" {
		t.Errorf("read during a write saw %q, want the published 20 documents", out)
	}
	status := exec.CommandContext(ctx, bin, "--db", db, "status")
	if out, err := status.CombinedOutput(); err != nil || !strings.Contains(string(out), "Last runs") {
		t.Errorf("status during a write: %v\n%s", err, out)
	}

	writer.Process.Signal(syscall.SIGCONT)
	if err := writer.Wait(); err != nil {
		t.Fatalf("the frozen writer failed after resuming: %v\n%s", err, writer.Stdout)
	}
	if got := mustRun(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) > 20 AS grew FROM documents"); got != "grew\r\ntrue\r\n" {
		t.Errorf("after the writer finished: %q", got)
	}
}

// A publish killed half-way leaves a partial temporary file beside the
// published database; readers still get the old database and the next run
// publishes over the leftovers.
func TestKilledPublishLeavesOldFileValid(t *testing.T) {
	base, extra := crashInputs(t)
	db := filepath.Join(t.TempDir(), "c.duckdb")
	mustRun(t, append([]string{"--db", db, "import"}, base...)...)
	before := snapshot(t, db)

	// What a kill during Publish's copy or before its rename leaves behind.
	work, err := os.ReadFile(workingPath(db))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(db+".publishing.tmp", work[:len(work)/3], 0o644)
	os.WriteFile(db+".publishing", work[:len(work)/2], 0o644)
	if got := snapshot(t, db); got != before {
		t.Error("the published file reads differently with publish leftovers beside it")
	}
	mustRun(t, append([]string{"--db", db, "import"}, extra...)...)
	if got := snapshot(t, db); got == before {
		t.Error("the next run did not publish")
	}
	for _, left := range []string{db + ".publishing", db + ".publishing.tmp"} {
		if _, err := os.Stat(left); err == nil {
			t.Errorf("%s left behind after a successful publish", left)
		}
	}
}

// Publish refuses a working copy that was not closed (its WAL still beside
// it), so a half-checkpointed file is never published.
func TestPublishRefusesUnclosedWorkingCopy(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.duckdb")
	ws, err := workspace.Open(db, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Release()
	st, err := store.Open(context.Background(), ws.WorkingPath(), store.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.BeginRun(context.Background(), "test", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(ws.WorkingPath() + ".wal"); err != nil {
		t.Skip("DuckDB checkpointed without a WAL; nothing to check")
	}
	if err := ws.Publish(); err == nil {
		t.Error("published a working copy that was still open")
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a published file appeared")
	}
}

// runOnRecord is a constructed release record whose body, some megabytes
// of text with no sentence end, takes extraction many seconds.
func runOnRecord(bytes int) []byte {
	var b strings.Builder
	syl := []string{"ka", "lo", "mi", "ra", "ven", "to", "sul", "de", "bri", "no"}
	name := func(i int) string {
		w := ""
		for k := 0; k < 3 || i > 0; k++ {
			w += syl[i%len(syl)]
			i /= len(syl)
		}
		return strings.ToUpper(w[:1]) + w[1:]
	}
	for i := 0; b.Len() < bytes; i++ {
		fmt.Fprintf(&b, "and %s %s, 34, of Houston, was sentenced to %d months in federal prison for distribution of child sexual abuse material in violation of 18 U.S.C. 2252A after HSI special agents arrested %s on May 2, 2023 and %s pleaded guilty ",
			name(i+1000), name(i), 60+i%100, name(i), name(i))
	}
	body, _ := json.Marshal(b.String())
	// url first: import recognises a release record by its head
	return []byte(`{"url": "https://www.justice.gov/constructed-run-on", "title": "Constructed run-on release", "published": "2024-06-01", "body": ` +
		string(body) + "}")
}

// SIGTERM reaches the extraction: an import busy with one long body stops
// within a couple of seconds, records the run as interrupted and publishes
// nothing (it used to finish extracting the body first).
func TestSIGTERMStopsALongExtraction(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "long.json")
	if err := os.WriteFile(in, runOnRecord(3<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "c.duckdb")
	cmd := importCmd(bin, db, in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the working copy", func() bool { _, err := os.Stat(workingPath(db) + ".wal"); return err == nil })
	time.Sleep(time.Second) // well into the extraction
	cmd.Process.Signal(syscall.SIGTERM)
	signalled := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if d := time.Since(signalled); d > 2*time.Second {
			t.Errorf("the import stopped %v after SIGTERM", d.Round(time.Millisecond))
		} else {
			t.Logf("the import stopped %v after SIGTERM", d.Round(time.Millisecond))
		}
		if err == nil || !strings.Contains(fmt.Sprint(cmd.Stdout), "interrupted") {
			t.Errorf("exit %v:\n%s", err, cmd.Stdout)
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the import ignored SIGTERM for a minute")
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("an interrupted import published")
	}
}
