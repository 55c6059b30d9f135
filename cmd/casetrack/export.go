package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"casetrack/data"
	"casetrack/pipeline/export"
	"casetrack/pipeline/link"
	"casetrack/pipeline/link/linkdb"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/review"
	"casetrack/pipeline/review/reviewdb"
	"casetrack/pipeline/store"
	"casetrack/pipeline/tally"
)

func (a *app) exportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write events or documents as CSV, JSONL or Parquet",
	}
	cmd.AddCommand(
		a.exportEvents(),
		a.exportOne("documents", "One row per source document with its provenance and event count",
			export.DocumentsQuery, nil),
		a.exportOne("cases", "One row per defendant-case: every stage's date and the URLs of the documents behind each",
			export.CasesQuery, nil),
		a.exportOne("tallies", "Every tally dimension at once, long form: one row per dimension × value",
			export.TalliesQuery, nil),
		a.exportLinks(),
	)
	return cmd
}

func (a *app) exportOne(name, short, query string, numeric map[string]bool) *cobra.Command {
	var format, out string
	var bom bool
	cmd := &cobra.Command{
		Use:   name,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := export.ParseFormat(format)
			if err != nil {
				return err
			}
			if err := a.checkOut(out); err != nil {
				return err
			}
			st, err := store.Open(cmd.Context(), a.db, store.ReadOnly)
			if err != nil {
				return err
			}
			defer st.Close()
			var n int
			if err := writeOut(out, a.stdout, func(w io.Writer) error {
				n, err = export.Query(cmd.Context(), st.DB(), query, f, w, export.Options{BOM: bom, NumericText: numeric})
				return err
			}); err != nil {
				return err
			}
			if out != "" {
				fmt.Fprintf(a.stderr, "wrote %d %s to %s\n", n, name, out)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv, jsonl or parquet")
	cmd.Flags().StringVar(&out, "out", "", "output file (default: standard output)")
	cmd.Flags().BoolVar(&bom, "bom", false, "start CSV with a UTF-8 byte-order mark (for Excel)")
	return cmd
}

// checkOut refuses an --out that cannot take the export, before anything
// is read or written: a directory, something that is not a regular file
// (the rename would replace it), or the database itself.
func (a *app) checkOut(path string) error {
	if path == "" {
		return nil
	}
	info, err := os.Stat(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	switch {
	case info.IsDir():
		return fmt.Errorf("--out %s is a directory: name a file, e.g. %s", path, filepath.Join(path, "export.csv"))
	case !info.Mode().IsRegular():
		return fmt.Errorf("--out %s is not a regular file (%s)", path, info.Mode().Type())
	}
	for _, db := range []string{a.db, a.db + ".wal", a.db + ".lock"} {
		if dbInfo, err := os.Stat(db); err == nil && os.SameFile(info, dbInfo) {
			return fmt.Errorf("--out %s is the database (or its WAL or lock): name another file", path)
		}
	}
	return nil
}

// exportEvents is `export events`, which with --review writes the review
// sheet instead: the events the checks of pipeline/review doubt, most
// consequential first, with empty decision columns for event_decisions.csv.
func (a *app) exportEvents() *cobra.Command {
	cmd := a.exportOne("events", "One row per event with its source document, evidence sentence and provenance; --review writes the review sheet",
		export.EventsQuery, export.EventNumericText)
	cmd.Long = `events writes one row per event (columns in docs/data-dictionary.md).

With --review it writes the review sheet instead (CSV): the events most likely
wrong, most consequential first (those in the child-exploitation and trafficking
sets before the rest), each with the reasons the checks found, and empty
decision, field, value, note and reviewer columns. Fill them in (drop, set or
add), save the sheet as event_decisions.csv beside the database, and every
writing run (import, run, reparse) applies it. --category-set and --agency
narrow the sheet. Events already corrected by hand are not listed again.`
	var sheet bool
	var sets, agencies string
	plain := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if !sheet {
			if sets != "" || agencies != "" {
				return fmt.Errorf("--category-set and --agency narrow the review sheet: use them with --review")
			}
			return plain(cmd, args)
		}
		f := review.Filter{}
		var err error
		if sets != "" {
			if f.CategorySets, err = tally.ParseList("--category-set", strings.ReplaceAll(sets, "-", "_"), []string{"child_exploitation", "trafficking"}); err != nil {
				return err
			}
		}
		if agencies != "" {
			if f.Agencies, err = tally.ParseList("--agency", strings.ToUpper(agencies), data.AgencyCodes); err != nil {
				return err
			}
			for i := range f.Agencies {
				f.Agencies[i] = strings.ToUpper(f.Agencies[i])
			}
		}
		flags := cmd.Flags()
		if format, _ := flags.GetString("format"); format != "csv" {
			return fmt.Errorf("--review writes CSV only (got --format %s)", format)
		}
		out, _ := flags.GetString("out")
		bom, _ := flags.GetBool("bom")
		return a.writeReviewSheet(cmd.Context(), out, bom, f)
	}
	cmd.Flags().BoolVar(&sheet, "review", false, "write the review sheet of the events most likely wrong (CSV)")
	cmd.Flags().StringVar(&sets, "category-set", "", "review sheet: only events in these category sets (child-exploitation, trafficking)")
	cmd.Flags().StringVar(&agencies, "agency", "", "review sheet: only events credited to these agencies (comma-separated codes, e.g. HSI)")
	return cmd
}

// writeReviewSheet checks the published database's press releases and
// writes the flagged events that pass f.
func (a *app) writeReviewSheet(ctx context.Context, out string, bom bool, f review.Filter) error {
	if err := a.checkOut(out); err != nil {
		return err
	}
	norm, err := normalize.New()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, a.db, store.ReadOnly)
	if err != nil {
		return err
	}
	defer st.Close()
	// Releases are checked one at a time; a flagged event keeps its
	// release's URL and title, not its body.
	ch := review.Checker{Agencies: norm.Agencies}
	var flagged []review.Flagged
	checked := 0
	err = reviewdb.EachDocument(ctx, st.DB(), func(d *review.Document) error {
		head := &review.Document{DocID: d.DocID, URL: d.URL, Title: d.Title}
		for _, fl := range ch.Check([]review.Document{*d}) {
			if f.Match(fl.Event) {
				fl.Doc = head
				flagged = append(flagged, fl)
			}
		}
		for i := range d.Events {
			if f.Match(&d.Events[i]) {
				checked++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	review.SortFlagged(flagged)
	err = writeOut(out, a.stdout, func(w io.Writer) error {
		if bom {
			io.WriteString(w, "\ufeff")
		}
		return review.WriteSheet(w, flagged)
	})
	if err == nil {
		fmt.Fprintf(a.stderr, "review sheet: %d of %d events flagged\n", len(flagged), checked)
	}
	return err
}

// writeOut writes to path atomically (temp file, then rename), or to stdout.
func writeOut(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".casetrack-export-*")
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}

func (a *app) exportLinks() *cobra.Command {
	var out, format string
	var uncertain, bom bool
	cmd := &cobra.Command{
		Use:   "links",
		Short: "The pairs worth a look that linking recorded; --uncertain writes a review sheet whose decision column feeds link_decisions.csv",
		Long: `links writes the pairs the linker recorded for audit: the merge edges that joined
each person (not every pair scored), uncertain pairs, kept-apart namesakes and
reviewed pairs (docs/data-dictionary.md). With --uncertain it writes only
the pairs it would not decide alone, as a review sheet: fill the decision column
with merge or keep_apart (and a note), save it as link_decisions.csv beside the
database, and the next run honours it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.checkOut(out); err != nil {
				return err
			}
			st, err := store.Open(ctx, a.db, store.ReadOnly)
			if err != nil {
				return err
			}
			defer st.Close()
			if !uncertain {
				f, err := export.ParseFormat(format)
				if err != nil {
					return err
				}
				return writeOut(out, a.stdout, func(w io.Writer) error {
					_, err := export.Query(ctx, st.DB(), export.LinksQuery, f, w, export.Options{BOM: bom})
					return err
				})
			}
			links, err := linkdb.LoadLinks(ctx, st.DB(), true)
			if err != nil {
				return err
			}
			events, err := linkdb.LoadEvents(ctx, st.DB())
			if err != nil {
				return err
			}
			return writeOut(out, a.stdout, func(w io.Writer) error {
				if bom {
					io.WriteString(w, "\ufeff")
				}
				return link.WriteReview(w, links, events)
			})
		},
	}
	cmd.Flags().BoolVar(&uncertain, "uncertain", false, "only the uncertain pairs, as a review sheet (CSV)")
	cmd.Flags().StringVar(&format, "format", "csv", "csv, jsonl or parquet (without --uncertain)")
	cmd.Flags().StringVar(&out, "out", "", "output file (default: standard output)")
	cmd.Flags().BoolVar(&bom, "bom", false, "start CSV with a UTF-8 byte-order mark (for Excel)")
	return cmd
}
