package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"casetrack/pipeline/answer"
	"casetrack/pipeline/store"
)

func (a *app) answerCmd() *cobra.Command {
	var since, agencies, format string
	var people, bom bool
	cmd := &cobra.Command{
		Use:   "answer",
		Short: "The question answered: ICE/HSI child-exploitation arrests announced since FY2023 vs the convictions that followed, beside the published figures",
		Long: fmt.Sprintf(answer.Question, answer.DefaultSinceFY) + `

answer prints, for each credited agency (HSI, ICE ERO and ICE without a
directorate kept apart, then ICE as a whole) and each federal fiscal year
since --since, and for the whole period: people whose arrest a release
announced (unnamed group arrests apart), charged, convicted (by plea or
verdict; press-only or court-verified), sentenced with the median sentence,
and arrests later convicted with the conversion and its median lag; then the
same convictions by charge category, the closest published figure of each
fiscal year beside casetrack's count (a ratio only when unit, stage, charge
set and agency are comparable), the published figures of the period, and
what the numbers do not cover. Counts come from the tallies of the
child-exploitation set (tally --preset hsi-child-exploitation is the HSI
part). docs/data-dictionary.md defines every column.

--people lists the people and the releases (URL and evidence sentence)
behind each count; with --format csv it writes them instead of the counts,
one row per count, person and report.

Columns: ` + strings.Join(answer.Columns, ", ") + `.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opt := answer.Options{People: people}
			var err error
			if opt.SinceFY, err = answer.ParseFiscalYear(since); err != nil {
				return fmt.Errorf("--since: %w", err)
			}
			if opt.Agencies, err = answer.ParseAgencies(agencies); err != nil {
				return fmt.Errorf("--agency: %w", err)
			}
			if !slices.Contains(answer.Formats, format) {
				return fmt.Errorf("--format: unknown format %q (want %s)", format, strings.Join(answer.Formats, ", "))
			}
			st, err := store.Open(cmd.Context(), a.db, store.ReadOnly)
			if err != nil {
				return err
			}
			defer st.Close()
			ans, err := answer.Compute(cmd.Context(), st.DB(), opt)
			if err != nil {
				return err
			}
			if ans.Nothing != "" && format == "csv" {
				fmt.Fprintln(a.stderr, "casetrack answer:", ans.Nothing)
			}
			return answer.Write(a.stdout, ans, answer.WriteOptions{Format: format, People: people, BOM: bom})
		},
	}
	f := cmd.Flags()
	f.StringVar(&since, "since", fmt.Sprintf("FY%d", answer.DefaultSinceFY), "first federal fiscal year counted (FY2023 starts 2022-10-01)")
	f.StringVar(&agencies, "agency", strings.Join(answer.DefaultAgencies, ","), "credited agencies, each answered apart (comma-separated codes; ERO = ICE_ERO); with several, also together")
	f.StringVar(&format, "format", "table", strings.Join(answer.Formats, ", "))
	f.BoolVar(&people, "people", false, "list the people and releases behind each count")
	f.BoolVar(&bom, "bom", false, "csv: start with a UTF-8 byte-order mark (helps Excel)")
	return cmd
}
