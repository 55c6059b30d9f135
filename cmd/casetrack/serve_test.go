package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"casetrack/pipeline/store"
	"casetrack/sources"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := loadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDSTShifts(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(1, 0, 0)
	for _, c := range []struct {
		spec, tz         string
		skipped, doubled []string
	}{
		{"30 2 * * *", "America/New_York", []string{"2026-03-08 02:30"}, nil},
		{"30 1 * * *", "America/New_York", nil, []string{"2026-11-01 01:30"}},
		{"*/20 2 * * *", "America/New_York", []string{"2026-03-08 02:00", "2026-03-08 02:20", "2026-03-08 02:40"}, nil},
		{"0 3 * * *", "America/New_York", nil, nil},
		{"30 2 * * *", "UTC", nil, nil},
		{"30 1 * * 0", "Europe/London", []string{"2026-03-29 01:30"}, []string{"2026-10-25 01:30"}},
		{"30 1 * * 1", "Europe/London", nil, nil}, // both changes fall on Sundays
		{"CRON_TZ=America/Chicago 15 2 * * *", "UTC", []string{"2026-03-08 02:15"}, nil},
		{"@every 1h", "America/New_York", nil, nil},
		{"@daily", "Australia/Lord_Howe", nil, nil}, // half-hour shifts at 02:00, never at midnight
	} {
		sched, err := scheduleParser.Parse(c.spec)
		if err != nil {
			t.Fatalf("%s: %v", c.spec, err)
		}
		skipped, doubled := dstShifts(sched, zone(t, c.tz), from, to)
		if got := fmtLocal(skipped); got != strings.Join(c.skipped, ",") {
			t.Errorf("%q in %s: skipped %s, want %v", c.spec, c.tz, got, c.skipped)
		}
		if got := fmtLocal(doubled); got != strings.Join(c.doubled, ",") {
			t.Errorf("%q in %s: doubled %s, want %v", c.spec, c.tz, got, c.doubled)
		}
	}
}

func fmtLocal(ts []time.Time) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.Format("2006-01-02 15:04"))
	}
	return strings.Join(s, ",")
}

// The warning exists because of what robfig/cron does; if a new version
// stops skipping gap times, this fails and the warning should be revisited.
func TestRobfigSkipsGapAndRepeatsOverlap(t *testing.T) {
	ny := zone(t, "America/New_York")
	s, _ := scheduleParser.Parse("30 2 * * *")
	if got := s.Next(time.Date(2026, 3, 7, 12, 0, 0, 0, ny)); got.Day() != 9 {
		t.Errorf("after 03-07 noon the next 02:30 is %v; robfig no longer skips the gap day", got)
	}
	s, _ = scheduleParser.Parse("30 1 * * *")
	first := s.Next(time.Date(2026, 10, 31, 12, 0, 0, 0, ny))
	if second := s.Next(first); second.Sub(first) != time.Hour {
		t.Errorf("fall-back: runs at %v then %v; robfig no longer repeats the overlap", first, second)
	}
}

func TestDue(t *testing.T) {
	daily, _ := scheduleParser.Parse("30 2 * * *")
	at := func(d, h, m int) time.Time { return time.Date(2026, 5, d, h, m, 0, 0, time.UTC) }
	for _, c := range []struct {
		last, now time.Time
		want      bool
	}{
		{time.Time{}, at(10, 12, 0), true},    // never ran
		{at(10, 2, 40), at(10, 23, 0), false}, // today's run done
		{at(10, 2, 40), at(11, 1, 0), false},  // tomorrow's not due yet
		{at(10, 2, 40), at(11, 3, 0), true},   // tomorrow's 02:30 was missed
		{at(8, 2, 40), at(10, 1, 0), true},    // several missed
	} {
		if got := due(daily, c.last, c.now); got != c.want {
			t.Errorf("last %v now %v: due %v, want %v", c.last, c.now, got, c.want)
		}
	}
}

// testApp is an app whose log lines are kept for inspection.
type testApp struct {
	*app
	logs *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) count(sub string) int { return strings.Count(s.String(), sub) }

func newTestApp(t *testing.T) testApp {
	logs := &syncBuffer{}
	a := &app{db: filepath.Join(t.TempDir(), "c.duckdb"), stdout: io.Discard, stderr: io.Discard, stdin: strings.NewReader("")}
	a.log = slog.New(slog.NewJSONHandler(logs, nil))
	return testApp{a, logs}
}

// serveInBackground starts serve and returns a function that cancels it and
// waits for it to return.
func serveInBackground(t *testing.T, a *app, cfg serveConfig) (stop func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.serve(ctx, cfg) }()
	return func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not return within 30s of cancellation")
			return nil
		}
	}
}

// waitFor polls cond until it holds, failing after 20s (a hang guard, not a
// speed assertion).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeRun publishes a database holding one run of command with status.
func writeRun(t *testing.T, a *app, command, status string) {
	t.Helper()
	err := a.withWriter(context.Background(), command, "", func(context.Context, *store.Store, int64) (string, error) {
		return status, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestLastSuccessfulRun(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	if last, err := a.lastSuccessfulRun(ctx, runCommand); err != nil || !last.IsZero() {
		t.Fatalf("nothing published: %v %v", last, err)
	}
	before := time.Now().Truncate(time.Millisecond)
	writeRun(t, a.app, runCommand, store.RunOK)
	after := time.Now()
	time.Sleep(20 * time.Millisecond) // the runs below finish strictly later
	writeRun(t, a.app, runCommand, store.RunFailed)
	writeRun(t, a.app, "import", store.RunOK)
	last, err := a.lastSuccessfulRun(ctx, runCommand)
	if err != nil {
		t.Fatal(err)
	}
	if last.Before(before) || last.After(after) {
		t.Errorf("last successful run %v, want the ok run's end, between %v and %v", last, before, after)
	}
}

func TestServeCatchUpRunsAtStart(t *testing.T) {
	a := newTestApp(t)
	ran := make(chan struct{}, 10)
	stop := serveInBackground(t, a.app, serveConfig{Spec: "@every 1h", Job: func(ctx context.Context) error {
		ran <- struct{}{}
		return nil
	}})
	select {
	case <-ran:
	case <-time.After(20 * time.Second):
		t.Fatal("no catch-up run with nothing published")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if a.logs.count("catch-up run") != 1 {
		t.Errorf("logs: %s", a.logs)
	}
}

func TestServeRunsOnScheduleWithoutCatchUp(t *testing.T) {
	a := newTestApp(t)
	writeRun(t, a.app, runCommand, store.RunOK) // a fresh success: no catch-up
	last, err := a.lastSuccessfulRun(context.Background(), runCommand)
	if err != nil || last.IsZero() {
		t.Fatalf("last successful run: %v %v", last, err)
	}
	var n atomic.Int32
	// The catch-up check sees the moment the run finished: with a one-second
	// spec, any real delay before serve starts would make a catch-up due.
	stop := serveInBackground(t, a.app, serveConfig{Spec: "* * * * * *", Now: func() time.Time { return last }, Job: func(ctx context.Context) error {
		n.Add(1)
		return errors.New("a failing run is logged and the schedule goes on")
	}})
	waitFor(t, "two scheduled runs", func() bool { return n.Load() >= 2 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	logs := a.logs.String()
	if strings.Contains(logs, "catch-up run") {
		t.Errorf("catch-up despite a fresh successful run:\n%s", logs)
	}
	if !strings.Contains(logs, "a failing run is logged") || !strings.Contains(logs, `"level":"ERROR"`) {
		t.Errorf("job error not logged:\n%s", logs)
	}
}

func TestServeSkipsOverlapsAndRecoversPanics(t *testing.T) {
	a := newTestApp(t)
	release := make(chan struct{})
	var running, maxRunning, calls atomic.Int32
	stop := serveInBackground(t, a.app, serveConfig{Spec: "* * * * * *", Job: func(ctx context.Context) error {
		calls.Add(1)
		r := running.Add(1)
		defer running.Add(-1)
		for {
			m := maxRunning.Load()
			if r <= m || maxRunning.CompareAndSwap(m, r) {
				break
			}
		}
		if calls.Load() == 1 {
			<-release // the first run (the catch-up) outlasts several ticks
			return nil
		}
		panic("a panicking run must not take serve down")
	}})
	waitFor(t, "two skipped ticks", func() bool { return a.logs.count("scheduled run skipped") >= 2 })
	if c := calls.Load(); c != 1 {
		t.Errorf("%d runs started while the first was still going", c)
	}
	close(release)
	waitFor(t, "a recovered panic", func() bool { return a.logs.count("a panicking run must not take serve down") >= 1 })
	waitFor(t, "a run after the panic", func() bool { return calls.Load() >= 3 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if m := maxRunning.Load(); m != 1 {
		t.Errorf("%d runs at once", m)
	}
}

// A run cancelled by shutdown commits the batch it was on, is recorded as
// interrupted, publishes nothing, and the next run finishes the work with
// nothing lost or doubled.
func TestServeShutdownRecordsInterruptedRun(t *testing.T) {
	a := newTestApp(t)
	writeRun(t, a.app, "import", store.RunOK) // something published, no successful `run`
	pubBefore, err := os.ReadFile(a.db)
	if err != nil {
		t.Fatal(err)
	}
	const batches, perBatch = 50, 10
	firstBatch := make(chan struct{})
	var once sync.Once
	var stopAfterFirst atomic.Bool
	stopAfterFirst.Store(true)
	job := func(ctx context.Context) error {
		return a.withWriter(ctx, runCommand, "", func(ctx context.Context, st *store.Store, runID int64) (string, error) {
			for b := 0; b < batches; b++ {
				if err := ctx.Err(); err != nil {
					return store.RunInterrupted, err
				}
				items := make([]store.Item, perBatch)
				for i := range items {
					key := fmt.Sprintf("doc-%03d-%02d", b, i)
					items[i] = store.Item{Record: sources.Record{Source: "t", Key: key, URL: "https://example.test/" + key, Body: key}}
				}
				if _, err := st.Load(ctx, runID, items); err != nil {
					return store.RunFailed, err
				}
				once.Do(func() { close(firstBatch) })
				if b == 0 && stopAfterFirst.Load() {
					<-ctx.Done() // shutdown arrives while the run is going
				}
			}
			return store.RunOK, nil
		})
	}
	stop := serveInBackground(t, a.app, serveConfig{Spec: "@every 1h", Job: job})
	select {
	case <-firstBatch:
	case <-time.After(20 * time.Second):
		t.Fatal("catch-up run did not start")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if pub, _ := os.ReadFile(a.db); !bytes.Equal(pub, pubBefore) {
		t.Error("an interrupted run changed the published database")
	}
	work := filepath.Join(filepath.Dir(a.db), ".work", filepath.Base(a.db)+".work")
	got := mustRun(t, "--db", work, "sql", "--format", "csv",
		"SELECT (SELECT string_agg(command || ':' || status, ' ' ORDER BY run_id) FROM runs) AS runs, (SELECT count(*) FROM documents) AS docs")
	if got != "runs,docs\r\nimport:ok run:interrupted,10\r\n" {
		t.Errorf("working copy after shutdown: %q", got)
	}

	// The next run carries on from the working copy and publishes everything once.
	stopAfterFirst.Store(false)
	stop = serveInBackground(t, a.app, serveConfig{Spec: "@every 1h", Job: job})
	waitFor(t, "the next run to publish", func() bool {
		_, out, _ := casetrack(t, "", "--db", a.db, "sql", "--format", "csv", "SELECT count(*) FROM runs WHERE status = 'ok' AND command = 'run'")
		return strings.HasSuffix(out, "\r\n1\r\n")
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	got = mustRun(t, "--db", a.db, "sql", "--format", "csv", "SELECT count(*) AS n, count(DISTINCT key) AS keys FROM documents")
	if want := fmt.Sprintf("n,keys\r\n%d,%d\r\n", batches*perBatch, batches*perBatch); got != want {
		t.Errorf("after the next run: %q, want %q", got, want)
	}
}
