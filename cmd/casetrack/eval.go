package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"casetrack/pipeline/evaluate"
	"casetrack/pipeline/ingest"
	"casetrack/pipeline/link/linkdb"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/review"
	"casetrack/pipeline/review/reviewdb"
	"casetrack/pipeline/store"
)

func (a *app) evalCmd() *cobra.Command {
	var gold, keep, format string
	var withReview bool
	cmd := &cobra.Command{
		Use:   "eval --gold DIR",
		Short: "Score extraction against hand-labelled releases (precision, recall, F1, per-document diff)",
		Long: `eval imports the labelled releases of DIR (one JSON record with a "gold" field
per file) into a scratch database with the same importer as 'casetrack import',
reads the stored events back, and scores them as shared/docs/taxonomy.md
(Scoring) defines: event precision/recall/F1, category and agency F1 over
matched pairs, immigration false positives, then what each document missed,
invented or got wrong. The --db database is not touched.

--review also measures the review sheet ('export events --review'): of the
stored events that match no gold event, how many its checks flag, and of those
that match one, how many, with the count per reason (text format: and the
events it missed or doubted).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if gold == "" {
				return fmt.Errorf("--gold DIR is required")
			}
			ctx := cmd.Context()
			docs, err := evaluate.LoadGold(gold)
			if err != nil {
				return err
			}
			rep, sheet, err := scoreDir(ctx, gold, docs, keep, withReview)
			if err != nil {
				return err
			}
			if format == "json" {
				out := map[string]any{"documents": len(docs),
					"events": prf(rep.Events), "categories": prf(rep.Categories), "agencies": prf(rep.Agencies),
					"immigration_false_positives": rep.ImmigrationFP, "error_kinds": rep.Kinds}
				if sheet != nil {
					out["review"] = map[string]any{"unmatched": sheet.Unmatched, "unmatched_flagged": sheet.UnmatchedFlagged,
						"matched": sheet.Matched, "matched_flagged": sheet.MatchedFlagged}
				}
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			fmt.Fprintf(a.stdout, "gold %s: %d documents\n", gold, len(docs))
			if sheet != nil {
				if err := sheet.WriteText(a.stdout, true); err != nil {
					return err
				}
			}
			return rep.WriteText(a.stdout)
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "", "directory of labelled releases")
	cmd.Flags().StringVar(&keep, "keep", "", "keep the scratch database at this path (default: a temporary file)")
	cmd.Flags().StringVar(&format, "format", "text", "text (summary and per-document diff) or json (summary)")
	cmd.Flags().BoolVar(&withReview, "review", false, "also measure the review sheet's flags against the labels")
	return cmd
}

func prf(p evaluate.PRF) map[string]any {
	return map[string]any{"precision": p.Precision(), "recall": p.Recall(), "f1": p.F1(), "tp": p.TP, "fp": p.FP, "fn": p.FN}
}

// scoreDir imports dir into a scratch database and scores what it stored;
// withReview also links the events (as every writing run does) and
// measures the review sheet's checks.
func scoreDir(ctx context.Context, dir string, docs []evaluate.GoldDoc, keep string, withReview bool) (evaluate.Report, *evaluate.SheetScore, error) {
	path := keep
	if path == "" {
		tmp, err := os.MkdirTemp("", "casetrack-eval-*")
		if err != nil {
			return evaluate.Report{}, nil, err
		}
		defer os.RemoveAll(tmp)
		path = filepath.Join(tmp, "eval.duckdb")
	} else {
		os.Remove(path)
	}
	norm, err := normalize.New()
	if err != nil {
		return evaluate.Report{}, nil, err
	}
	st, err := store.Open(ctx, path, store.ReadWrite)
	if err != nil {
		return evaluate.Report{}, nil, err
	}
	defer st.Close()
	im := &ingest.Importer{Store: st, Extractor: norm, Formats: []ingest.Format{ingest.ReleaseFormat}}
	// Exactly the labelled files: a gold directory may hold other files (a sample list).
	files := make([]string, len(docs))
	for i, d := range docs {
		files[i] = filepath.Join(dir, d.File)
	}
	stats, ferrs, err := im.Import(ctx, files)
	if err != nil {
		return evaluate.Report{}, nil, err
	}
	if len(ferrs) > 0 {
		return evaluate.Report{}, nil, fmt.Errorf("eval: %d file(s) of %s failed to import, first: %v", len(ferrs), dir, ferrs[0])
	}
	if stats.Read != len(docs) {
		return evaluate.Report{}, nil, fmt.Errorf("eval: imported %d documents but %s has %d labelled ones", stats.Read, dir, len(docs))
	}
	pred, err := st.EventsByURL(ctx)
	if err != nil {
		return evaluate.Report{}, nil, err
	}
	rep := evaluate.Score(docs, pred)
	if !withReview {
		return rep, nil, nil
	}
	if _, err := linkdb.Stage(ctx, st.DB(), ""); err != nil {
		return rep, nil, err
	}
	stored, err := reviewdb.LoadDocuments(ctx, st.DB())
	if err != nil {
		return rep, nil, err
	}
	sheet := evaluate.ScoreSheet(docs, stored, review.Checker{Agencies: norm.Agencies})
	return rep, &sheet, nil
}
