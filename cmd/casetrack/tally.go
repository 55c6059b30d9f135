package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casetrack/pipeline/export"
	"casetrack/pipeline/store"
	"casetrack/pipeline/tally"
)

func (a *app) tallyCmd() *cobra.Command {
	var by, format, since string
	cmd := &cobra.Command{
		Use:   "tally",
		Short: "Count arrests announced and convictions secured, by category, agency, year, fiscal year or district",
		Long: `Tally counts people at each stage, broken down by the dimensions in --by
(` + strings.Join(tally.Dimensions, ", ") + `). Columns: ` + strings.Join(tally.Measures, ", ") + `.

` + strings.Join(tally.Notes, "\n"),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dims, err := tally.ParseBy(by)
			if err != nil {
				return err
			}
			st, err := store.Open(cmd.Context(), a.db, store.ReadOnly)
			if err != nil {
				return err
			}
			defer st.Close()
			rows, err := tally.Query(cmd.Context(), st.DB(), tally.Options{By: dims, Since: since})
			if err != nil {
				return err
			}
			defer rows.Close()
			switch format {
			case "table":
				if _, err := export.WriteTable(rows, a.stdout); err != nil {
					return err
				}
				for _, n := range tally.Notes {
					fmt.Fprintln(a.stdout, "note:", n)
				}
				return nil
			case "csv":
				_, err := export.WriteCSV(rows, a.stdout, export.Options{})
				return err
			case "json":
				var buf strings.Builder
				if _, err := export.WriteJSONL(rows, &buf, export.Options{}); err != nil {
					return err
				}
				out := struct {
					By    []string          `json:"by"`
					Notes []string          `json:"notes"`
					Rows  []json.RawMessage `json:"rows"`
				}{By: dims, Notes: tally.Notes, Rows: []json.RawMessage{}}
				for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
					if l != "" {
						out.Rows = append(out.Rows, json.RawMessage(l))
					}
				}
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			return fmt.Errorf("unknown format %q (want table, csv or json)", format)
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "comma-separated dimensions: "+strings.Join(tally.Dimensions, ","))
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json")
	cmd.Flags().StringVar(&since, "since", "", "only events on or after this date (YYYY-MM-DD)")
	return cmd
}
