package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // --tz must work on hosts without a zoneinfo database (minimal containers)

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"casetrack/pipeline/store"
)

// runCommand is the runs.command value of a scheduled run; the catch-up
// check looks for the last successful run under this name.
const runCommand = "run"

// scheduleParser accepts standard five-field specs, an optional leading
// seconds field (six fields) and descriptors such as @daily or @every 1h.
var scheduleParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// serveConfig is what serve needs; tests fill Job with a fake.
type serveConfig struct {
	Spec string
	Loc  *time.Location
	// Job is one scheduled run. Its error is logged; the runs table already
	// holds the outcome.
	Job func(ctx context.Context) error
	// Now is the clock for the catch-up check; nil means time.Now.
	Now func() time.Time
}

func (a *app) serveCmd() *cobra.Command {
	var spec, tz string
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "serve --cron SPEC",
		Short: "Stay running and do `casetrack run` on a cron schedule",
		Long: `serve runs the whole pipeline (what ` + "`casetrack run`" + ` does) on a cron schedule until
SIGTERM or SIGINT.

  --cron "30 2 * * *"   minute hour day-of-month month day-of-week; a leading
                        seconds field and @daily, @hourly, @every 6h also work
  --tz America/Chicago  read the spec in this zone (default UTC). A spec whose
                        local time falls in a daylight-saving gap does not run
                        on that day; serve warns at start when that will happen.

A run still going when the next one is due makes the next one skip. When the
last successful run is older than one interval (a scheduled run was missed,
or none ever ran), serve runs once at start. On SIGTERM/SIGINT the current run
finishes its batch, commits, is recorded as interrupted, and serve exits; the
published database stays as it was and the next run carries on.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			loc, err := loadZone(tz)
			if err != nil {
				return err
			}
			opts, err := rf.options()
			if err != nil {
				return err
			}
			return a.serve(cmd.Context(), serveConfig{Spec: spec, Loc: loc, Job: func(ctx context.Context) error {
				return a.runJob(ctx, opts)
			}})
		},
	}
	cmd.Flags().StringVar(&spec, "cron", "", "cron schedule (required), e.g. \"30 2 * * *\"")
	cmd.Flags().StringVar(&tz, "tz", "UTC", "time zone the schedule is read in (IANA name, e.g. America/New_York)")
	cmd.MarkFlagRequired("cron")
	rf.add(cmd)
	return cmd
}

func loadZone(name string) (*time.Location, error) {
	if name == "" || strings.EqualFold(name, "UTC") {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("--tz %q: %w", name, err)
	}
	return loc, nil
}

// serve runs cfg.Job on cfg.Spec until ctx is cancelled, then waits for a
// running job to finish (it sees the same cancelled ctx) and returns nil.
func (a *app) serve(ctx context.Context, cfg serveConfig) error {
	log := a.logger()
	if cfg.Loc == nil {
		cfg.Loc = time.UTC
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	sched, err := scheduleParser.Parse(cfg.Spec)
	if err != nil {
		return fmt.Errorf("--cron %q: %w", cfg.Spec, err)
	}
	skipped, doubled := dstShifts(sched, cfg.Loc, now(), now().AddDate(1, 0, 0))
	for _, t := range skipped {
		log.Warn("scheduled time falls in a daylight-saving gap; that run will not happen",
			"cron", cfg.Spec, "tz", cfg.Loc.String(), "local_time", t.Format("2006-01-02 15:04:05"))
	}
	for _, t := range doubled {
		log.Warn("scheduled time falls in a daylight-saving overlap; the run will happen twice",
			"cron", cfg.Spec, "tz", cfg.Loc.String(), "local_time", t.Format("2006-01-02 15:04:05"))
	}

	clog := cronLogger{log}
	// Skip wraps Recover, not the other way round: robfig's skip guard is
	// released only when the job returns, so a panic escaping it would make
	// every later tick skip.
	job := cron.NewChain(cron.SkipIfStillRunning(clog), cron.Recover(clog)).Then(cron.FuncJob(func() {
		if ctx.Err() != nil {
			return
		}
		start := time.Now()
		log.Info("scheduled run starting", "cron", cfg.Spec)
		if err := cfg.Job(ctx); err != nil {
			log.Error("scheduled run ended with an error", "error", err.Error(), "seconds", time.Since(start).Seconds())
			return
		}
		log.Info("scheduled run finished", "seconds", time.Since(start).Seconds())
	}))

	c := cron.New(cron.WithLocation(cfg.Loc), cron.WithParser(scheduleParser), cron.WithLogger(clog))
	c.Schedule(sched, job)

	// The catch-up goes through the same wrapped job, so a scheduled tick
	// arriving while it runs is skipped like any overlap.
	var catchUp sync.WaitGroup
	last, err := a.lastSuccessfulRun(ctx, runCommand)
	if err != nil {
		log.Warn("cannot read the last successful run; running now", "error", err.Error())
	}
	if due(sched, last, now().In(cfg.Loc)) {
		log.Info("catch-up run: the last successful run is older than one interval", "last_success", fmtTime(last))
		catchUp.Add(1)
		go func() { defer catchUp.Done(); job.Run() }()
	}
	c.Start()
	log.Info("serving", "cron", cfg.Spec, "tz", cfg.Loc.String(), "next", c.Entries()[0].Next.Format(time.RFC3339))

	<-ctx.Done()
	log.Info("shutting down: waiting for the current run to finish its batch")
	<-c.Stop().Done()
	catchUp.Wait()
	log.Info("stopped")
	return nil
}

// logger is a.log, or a JSON logger on stderr when no command set it up
// (tests calling serve directly).
func (a *app) logger() *slog.Logger {
	if a.log != nil {
		return a.log
	}
	return newLogger(a.stderr)
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format(time.RFC3339)
}

// due reports whether a scheduled time has passed since the last successful
// run (or there never was one): the last success is older than one interval.
func due(sched cron.Schedule, lastOK, now time.Time) bool {
	if lastOK.IsZero() {
		return true
	}
	next := sched.Next(lastOK.In(now.Location()))
	return !next.IsZero() && !next.After(now)
}

// lastSuccessfulRun reads the end of the newest successful run of command
// from the published database (read-only; zero when nothing was published or
// no such run succeeded).
func (a *app) lastSuccessfulRun(ctx context.Context, command string) (time.Time, error) {
	if _, err := os.Stat(a.db); errors.Is(err, os.ErrNotExist) {
		return time.Time{}, nil
	}
	st, err := store.Open(ctx, a.db, store.ReadOnly)
	if err != nil {
		return time.Time{}, err
	}
	defer st.Close()
	var t sql.NullTime
	if err := st.DB().QueryRowContext(ctx, `SELECT max(finished_at) FROM runs WHERE command = ? AND status = ?`,
		command, store.RunOK).Scan(&t); err != nil {
		return time.Time{}, fmt.Errorf("last successful %s: %w", command, err)
	}
	if !t.Valid {
		return time.Time{}, nil
	}
	// finished_at is stored as UTC without a zone.
	v := t.Time
	return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), time.UTC), nil
}

// dstShifts returns the local wall-clock times in [from, to) at which sched,
// read in loc, is hit by a daylight-saving change. skipped are times inside
// a spring-forward gap: they do not exist, and robfig/cron skips the run
// (measured: "30 2 * * *" in America/New_York goes from 03-07 to 03-09 in
// 2026). doubled are times inside a fall-back overlap: they happen twice,
// and robfig runs twice (measured: "30 1 * * *" fires at 01:30 EDT and again
// at 01:30 EST on 2026-11-01). serve warns about both at start.
//
// For each offset change of loc in the window it evaluates the same spec in
// a fixed zone with the offset in force on the side where the wall clock
// runs straight through the shifted interval, and collects the times the
// spec fires inside it. Interval schedules (@every) are unaffected.
func dstShifts(sched cron.Schedule, loc *time.Location, from, to time.Time) (skipped, doubled []time.Time) {
	spec, ok := sched.(*cron.SpecSchedule)
	if !ok {
		return nil, nil
	}
	if spec.Location != time.Local {
		loc = spec.Location // a CRON_TZ= prefix in the spec wins over --tz
	}
	for _, tr := range offsetChanges(loc, from, to) {
		_, before := tr.Add(-time.Second).In(loc).Zone()
		_, after := tr.In(loc).Zone()
		naive := *spec
		var width time.Duration
		if after > before {
			// Gap: wall times [wall_before(tr), +width) never happen.
			width = time.Duration(after-before) * time.Second
			naive.Location = time.FixedZone("before", before)
		} else {
			// Overlap: wall times [wall_after(tr), +width) happen twice.
			width = time.Duration(before-after) * time.Second
			naive.Location = time.FixedZone("after", after)
		}
		for t := naive.Next(tr.Add(-time.Second)); !t.IsZero() && t.Before(tr.Add(width)); t = naive.Next(t) {
			local := t.In(naive.Location) // the wall-clock time the spec names
			if after > before {
				skipped = append(skipped, local)
			} else {
				doubled = append(doubled, local)
			}
		}
	}
	return skipped, doubled
}

// offsetChanges returns the instants in [from, to) at which loc's UTC
// offset changes, to the second.
func offsetChanges(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	_, prev := from.In(loc).Zone()
	for t := from.Truncate(time.Hour); t.Before(to); t = t.Add(time.Hour) {
		next := t.Add(time.Hour)
		_, off := next.In(loc).Zone()
		if off != prev {
			// Binary search the first second with the new offset in (t, next].
			lo, hi := t, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if _, o := mid.In(loc).Zone(); o == off {
					hi = mid
				} else {
					lo = mid
				}
			}
			if !hi.Before(from) {
				out = append(out, hi)
			}
		}
		prev = off
	}
	return out
}

// cronLogger sends robfig/cron's log lines (skips, recovered panics) to slog.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.l.Warn("scheduled run skipped: the previous run is still going")
		return
	}
	// robfig logs every wake-up and schedule at Info; keep them at Debug.
	c.l.Debug("cron "+msg, kv...)
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron "+msg, append([]any{"error", fmt.Sprint(err)}, kv...)...)
}
