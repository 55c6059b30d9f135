package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"casetrack/pipeline/export"
	"casetrack/pipeline/store"
)

// statusQueries are what `status` shows, in order, each under a heading.
// A query that needs a table the database lacks (one no writer of this
// version has opened yet) is skipped.
var statusQueries = []struct{ title, needs, sql string }{
	{"Last runs", "", `SELECT run_id, command, status, started_at, finished_at,
		round(epoch(finished_at) - epoch(started_at), 1) AS seconds, error
		FROM runs ORDER BY run_id DESC LIMIT 10`},
	{"Sources", "", `WITH last_ok AS (
			SELECT source, max(finished_at) AS last_success FROM source_runs WHERE status = 'ok' GROUP BY source),
		last AS (SELECT source, arg_max(status, run_id) AS last_status, arg_max(error, run_id) AS last_error
			FROM source_runs GROUP BY source),
		docs AS (SELECT source, count(*) AS documents, max(published) AS newest_published FROM documents GROUP BY source)
		SELECT coalesce(d.source, l.source) AS source, d.documents, d.newest_published, o.last_success,
			l.last_status, c.cursor, l.last_error
		FROM docs d FULL JOIN last l USING (source) LEFT JOIN last_ok o USING (source) LEFT JOIN cursors c USING (source)
		ORDER BY source`},
	{"Documents that failed to parse or could not be stored (reparse after a fix; source import: import the file again)", "", `SELECT source, count(*) AS documents, max(last_seen) AS last_seen,
		any_value(error) AS example FROM parse_errors GROUP BY source ORDER BY source`},
	{"Event decisions (event_decisions.csv as the last writing run read it)", "event_decisions", `SELECT status, count(*) AS lines,
		max(checked_at) AS checked_at FROM event_decisions GROUP BY status ORDER BY status`},
	{"Event decisions not applied: stale (fix or remove the line) or malformed (fix the line)", "event_decisions", `SELECT line, status,
		decision, event_id, message FROM event_decisions WHERE status <> 'applied' ORDER BY line`},
}

func (a *app) statusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show the last runs, each source's freshness, parse errors and the published database's age",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info, err := os.Stat(a.db)
			if err != nil {
				return fmt.Errorf("status: %w (nothing published yet: run `casetrack run` or `casetrack import`)", err)
			}
			fmt.Fprintf(a.stdout, "Published database: %s (%.1f MB, written %s, %s ago)\n", a.db,
				float64(info.Size())/1e6, info.ModTime().UTC().Format(time.RFC3339), time.Since(info.ModTime()).Round(time.Second))
			st, err := store.Open(cmd.Context(), a.db, store.ReadOnly)
			if err != nil {
				return err
			}
			defer st.Close()
			return a.printSections(cmd.Context(), st)
		},
	}
}

func (a *app) printSections(ctx context.Context, st *store.Store) error {
	for _, q := range statusQueries {
		if q.needs != "" {
			var n int
			if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
				WHERE table_name = ?`, q.needs).Scan(&n); err != nil {
				return fmt.Errorf("status %s: %w", q.title, err)
			}
			if n == 0 {
				continue
			}
		}
		fmt.Fprintf(a.stdout, "\n%s\n", q.title)
		rows, err := st.DB().QueryContext(ctx, q.sql)
		if err != nil {
			return fmt.Errorf("status %s: %w", q.title, err)
		}
		_, err = export.WriteTable(rows, a.stdout)
		rows.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
