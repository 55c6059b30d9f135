// Command casetrack builds a reproducible count of child-exploitation and
// trafficking arrests announced by agencies and the federal convictions that
// follow, with a source link behind every number.
//
// cmd is the only place that reads flags and the environment; everything
// below it gets its configuration passed in.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// DefaultDB is where the database lives unless --db says otherwise.
const DefaultDB = "data/casetrack.duckdb"

// app carries what every command shares.
type app struct {
	db     string
	stdout io.Writer
	stderr io.Writer
	stdin  io.Reader
	log    *slog.Logger
}

// exitError carries a chosen exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr, stdin: stdin}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(stderr, "casetrack:", err)
		var ee *exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		return 1
	}
	return 0
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "casetrack",
		Short: "Count child-exploitation arrests announced and the federal convictions that follow",
		Long: `casetrack ingests agency press releases and court records, extracts events
(arrest, charged, convicted, sentenced, acquitted, dismissed) with defendants,
charges and investigating agencies, links them across sources, and tallies
"arrests announced" apart from "convictions secured", with a source link
behind every number.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			a.log = newLogger(a.stderr)
		},
	}
	root.PersistentFlags().StringVar(&a.db, "db", DefaultDB, "path of the DuckDB database")
	root.AddCommand(a.importCmd(), a.exportCmd(), a.tallyCmd(), a.sqlCmd(), a.statusCmd(), a.evalCmd(), a.runCmd(), a.reparseCmd(), a.serveCmd(), a.reportCmd(), a.answerCmd())
	return root
}

// newLogger logs text to a terminal and JSON otherwise (cron, systemd, CI).
func newLogger(w io.Writer) *slog.Logger {
	if isTerminal(w) {
		return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
