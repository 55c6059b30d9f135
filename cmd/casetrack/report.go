package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"casetrack/pipeline/evaluate"
	"casetrack/pipeline/report"
	"casetrack/pipeline/store"
)

// reportOptions configure `casetrack report` and the report `run --report` refreshes.
type reportOptions struct {
	Out   string
	Since time.Time
	Gold  []string // labelled release dirs to score the extraction on (casetrack eval)
}

func (a *app) reportCmd() *cobra.Command {
	var out, since string
	var gold []string
	cmd := &cobra.Command{
		Use:   "report --out DIR",
		Short: "Write a static HTML report (charts, funnel, case table, method, CSV and Parquet downloads)",
		Long: `report reads the published database read-only and writes a self-contained
static site into DIR that opens from disk or can be published as is:
index.html (arrests announced vs convictions secured per agency and fiscal
year, and per charge-category group), funnel.html (people at each stage per
agency), cases.html (every defendant-case with links to its press releases and
dockets), method.html (sources, freshness, taxonomy, measured accuracy, what
the numbers do not cover) and data/ (CSV and Parquet). Nothing in it loads
anything from the network.

--gold DIR (repeatable) scores the extraction on labelled releases as
'casetrack eval' does and prints the result on the method page.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o := reportOptions{Out: out, Gold: gold}
			if out == "" {
				return fmt.Errorf("--out DIR is required")
			}
			if since != "" {
				t, err := time.Parse("2006-01-02", since)
				if err != nil {
					return fmt.Errorf("--since: want YYYY-MM-DD: %w", err)
				}
				o.Since = t
			}
			return a.buildReport(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "directory to write the site into (created if needed)")
	cmd.Flags().StringVar(&since, "since", "", "only events dated on or after YYYY-MM-DD")
	cmd.Flags().StringArrayVar(&gold, "gold", nil, "labelled release directory to measure extraction accuracy on (repeatable)")
	return cmd
}

// buildReport opens the published database read-only and writes the report.
func (a *app) buildReport(ctx context.Context, o reportOptions) error {
	var acc []report.Accuracy
	for _, dir := range o.Gold {
		docs, err := evaluate.LoadGold(dir)
		if err != nil {
			return fmt.Errorf("report --gold %s: %w", dir, err)
		}
		rep, _, err := scoreDir(ctx, dir, docs, "", false)
		if err != nil {
			return fmt.Errorf("report --gold %s: %w", dir, err)
		}
		acc = append(acc, report.AccuracyOf(dir, len(docs), rep))
	}
	st, err := store.Open(ctx, a.db, store.ReadOnly)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := report.Build(ctx, st.DB(), o.Out, report.Options{Since: o.Since, Accuracy: acc, Generated: time.Now()}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "report written to %s (open %s/index.html)\n", o.Out, o.Out)
	return nil
}
