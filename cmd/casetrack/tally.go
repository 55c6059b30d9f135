package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casetrack/pipeline/export"
	"casetrack/pipeline/review/reviewdb"
	"casetrack/pipeline/store"
	"casetrack/pipeline/tally"
)

func (a *app) tallyCmd() *cobra.Command {
	var by, format, since, until, preset, agencies, categories, sets string
	var denominator bool
	cmd := &cobra.Command{
		Use:   "tally",
		Short: "Count people: arrests announced, convictions secured and the conversion, by category, agency, year, district",
		Long: `tally counts people at each stage, broken down by --by (` + strings.Join(tally.Dimensions, ", ") + `).
Columns: ` + strings.Join(tally.Measures, ", ") + `.

--denominator prints the EOUSA denominator instead: per agency × category (or
category set) × fiscal year, defendants charged and convicted according to the
U.S. Attorneys' caseload data (` + "`casetrack import`" + ` of a release, or
` + "`casetrack run --sources eousa`" + `) beside people whose arrest or conviction a
release announced, and the share announced. Columns: ` + strings.Join(tally.DenominatorMeasures, ", ") + `.
--agency, --category and --category-set filter it; ICE there means "ICE (HSI or
ERO)", and HSI selects it.

Presets (--preset NAME) answer standing questions in one command:
` + presetHelp() + `
How to read it:
- ` + strings.Join(tally.Notes, "\n- "),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var opt tally.Options
			if preset != "" {
				p, ok := tally.Presets[preset]
				if !ok {
					return fmt.Errorf("unknown preset %q (have %s)", preset, strings.Join(tally.PresetNames(), ", "))
				}
				opt = p.Options
			}
			if denominator {
				opt.Denominator = true
			}
			var err error
			if by != "" {
				if opt.By, err = tally.ParseList("--by", by, tally.Dimensions); err != nil {
					return err
				}
			}
			if agencies != "" {
				opt.Agencies, _ = tally.ParseList("--agency", strings.ToUpper(agencies), nil)
			}
			if categories != "" {
				opt.Categories, _ = tally.ParseList("--category", strings.ToLower(categories), nil)
			}
			if sets != "" {
				if opt.CategorySets, err = tally.ParseList("--category-set", sets, []string{"child_exploitation", "trafficking"}); err != nil {
					return err
				}
			}
			for _, d := range []struct {
				flag string
				in   string
				out  *time.Time
			}{{"--since", since, &opt.Since}, {"--until", until, &opt.Until}} {
				if d.in == "" {
					continue
				}
				if *d.out, err = time.Parse("2006-01-02", d.in); err != nil {
					return fmt.Errorf("%s: want YYYY-MM-DD: %w", d.flag, err)
				}
			}
			st, err := store.Open(cmd.Context(), a.db, store.ReadOnly)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := tally.Validate(cmd.Context(), st.DB(), opt); err != nil {
				return err
			}
			// How many events in these cells were corrected by hand, said
			// beside the numbers in every format.
			scope := reviewdb.Scope{Agencies: opt.Agencies, Categories: opt.Categories, CategorySets: opt.CategorySets,
				Since: opt.Since, Until: opt.Until}
			if opt.Denominator && slices.ContainsFunc(opt.Agencies, func(a string) bool {
				return strings.EqualFold(a, "ICE") || strings.EqualFold(a, "HSI") || strings.EqualFold(a, "ICE_ERO")
			}) {
				// The denominator's ICE is HSI or ERO (tally.DenominatorNotes).
				scope.Agencies = append(slices.Clone(opt.Agencies), "ICE", "HSI", "ICE_ERO")
			}
			fixes, err := reviewdb.CountCorrections(cmd.Context(), st.DB(), scope)
			if err != nil {
				return err
			}
			notes := append(slices.Clone(tally.NotesFor(opt)), "Hand corrections: "+fixes.String()+".")
			rows, err := tally.Query(cmd.Context(), st.DB(), opt)
			if err != nil {
				return err
			}
			defer rows.Close()
			switch format {
			case "table":
				if preset != "" {
					fmt.Fprintf(a.stdout, "%s: %s\n\n", preset, tally.Presets[preset].Description)
				}
				if _, err := export.WriteTableNulls(rows, a.stdout, tally.NullLabels); err != nil {
					return err
				}
				for _, n := range notes {
					fmt.Fprintln(a.stdout, "note:", n)
				}
				return nil
			case "csv":
				if _, err := export.WriteCSV(rows, a.stdout, export.Options{}); err != nil {
					return err
				}
				if fixes.Corrected()+fixes.Dropped > 0 {
					fmt.Fprintln(a.stderr, "note: Hand corrections:", fixes.String()+".")
				}
				return nil
			case "json":
				var buf strings.Builder
				if _, err := export.WriteJSONL(rows, &buf, export.Options{}); err != nil {
					return err
				}
				type corrections struct {
					Corrected int `json:"corrected"`
					Changed   int `json:"changed"`
					Added     int `json:"added"`
					Dropped   int `json:"dropped"`
				}
				out := struct {
					Preset          string            `json:"preset,omitempty"`
					Denominator     bool              `json:"denominator,omitempty"`
					By              []string          `json:"by"`
					Notes           []string          `json:"notes"`
					CorrectedByHand corrections       `json:"corrected_by_hand"`
					Rows            []json.RawMessage `json:"rows"`
				}{Preset: preset, Denominator: opt.Denominator, By: opt.By, Notes: notes,
					CorrectedByHand: corrections{fixes.Corrected(), fixes.Changed, fixes.Added, fixes.Dropped}, Rows: []json.RawMessage{}}
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
	f := cmd.Flags()
	f.StringVar(&by, "by", "", "comma-separated dimensions: "+strings.Join(tally.Dimensions, ","))
	f.BoolVar(&denominator, "denominator", false, "the EOUSA denominator: U.S. Attorneys' charged and convicted beside releases' announced, per agency, category and fiscal year")
	f.StringVar(&preset, "preset", "", "a named tally: "+strings.Join(tally.PresetNames(), ", "))
	f.StringVar(&agencies, "agency", "", "only these credited agencies (comma-separated codes, e.g. HSI,FBI)")
	f.StringVar(&categories, "category", "", "only these charge categories (comma-separated)")
	f.StringVar(&sets, "category-set", "", "only these category sets: child_exploitation, trafficking")
	f.StringVar(&since, "since", "", "only events on or after this date (YYYY-MM-DD)")
	f.StringVar(&until, "until", "", "only events before this date (YYYY-MM-DD)")
	f.StringVar(&format, "format", "table", "table, csv or json")
	return cmd
}

func presetHelp() string {
	var b strings.Builder
	for _, n := range tally.PresetNames() {
		fmt.Fprintf(&b, "  %-28s %s\n", n, tally.Presets[n].Description)
	}
	return b.String()
}
