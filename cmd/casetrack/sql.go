package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"casetrack/pipeline/export"
	"casetrack/pipeline/store"
)

func (a *app) sqlCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "sql [QUERY]",
		Short: "Query the database read-only: one query as an argument, or an interactive shell",
		Long: `sql opens the database read-only with DuckDB's file system switched off and
runs only queries (SELECT, EXPLAIN, SHOW, DESCRIBE, SUMMARIZE, PRAGMA), one
statement at a time, so nothing can be written through it: neither the
database nor any other file. With a QUERY argument it runs that query and
exits; without one it reads statements ending in ";" from standard input
(".tables" lists tables and views, ".quit" leaves).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "csv" {
				return fmt.Errorf("unknown format %q (want table or csv)", format)
			}
			st, err := store.Open(cmd.Context(), a.db, store.Sandbox)
			if err != nil {
				return err
			}
			defer st.Close()
			if len(args) == 1 {
				return a.query(cmd.Context(), st, args[0], format)
			}
			return a.shell(cmd.Context(), st, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "table or csv")
	return cmd
}

func (a *app) query(ctx context.Context, st *store.Store, q, format string) error {
	rows, err := st.SandboxQuery(ctx, q)
	if err != nil {
		return fmt.Errorf("sql: %w", err)
	}
	defer rows.Close()
	if format == "csv" {
		_, err = export.WriteCSV(rows, a.stdout, export.Options{})
	} else {
		_, err = export.WriteTable(rows, a.stdout)
	}
	return err
}

// shell reads statements until EOF, printing errors and going on.
func (a *app) shell(ctx context.Context, st *store.Store, format string) error {
	in := bufio.NewScanner(a.stdin)
	in.Buffer(make([]byte, 0, 64<<10), 16<<20)
	prompt := func(cont bool) {
		if isTerminal(a.stdout) {
			if cont {
				io.WriteString(a.stdout, "   ...> ")
			} else {
				io.WriteString(a.stdout, "casetrack> ")
			}
		}
	}
	var stmt strings.Builder
	prompt(false)
	for in.Scan() {
		line := in.Text()
		trimmed := strings.TrimSpace(line)
		if stmt.Len() == 0 {
			switch trimmed {
			case "":
				prompt(false)
				continue
			case ".quit", ".exit", `\q`:
				return nil
			case ".tables":
				trimmed = "SELECT table_name AS name, table_type AS type FROM information_schema.tables ORDER BY table_type, table_name;"
				line = trimmed
			}
		}
		stmt.WriteString(line)
		stmt.WriteString("\n")
		if !strings.HasSuffix(trimmed, ";") {
			prompt(true)
			continue
		}
		q := strings.TrimSpace(stmt.String())
		stmt.Reset()
		if err := a.query(ctx, st, q, format); err != nil {
			fmt.Fprintln(a.stderr, "error:", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		prompt(false)
	}
	if rest := strings.TrimSpace(stmt.String()); rest != "" {
		if err := a.query(ctx, st, rest, format); err != nil {
			fmt.Fprintln(a.stderr, "error:", err)
		}
	}
	return in.Err()
}
