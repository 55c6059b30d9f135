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
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
)

func (a *app) evalCmd() *cobra.Command {
	var gold, keep, format string
	cmd := &cobra.Command{
		Use:   "eval --gold DIR",
		Short: "Score extraction against hand-labelled releases (precision, recall, F1, per-document diff)",
		Long: `eval imports the labelled releases of DIR (one JSON record with a "gold" field
per file) into a scratch database with the same importer as 'casetrack import',
reads the stored events back, and scores them as shared/docs/taxonomy.md
(Scoring) defines: event precision/recall/F1, category and agency F1 over
matched pairs, immigration false positives, then what each document missed,
invented or got wrong. The --db database is not touched.`,
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
			rep, err := scoreDir(ctx, gold, docs, keep)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"documents": len(docs),
					"events": prf(rep.Events), "categories": prf(rep.Categories), "agencies": prf(rep.Agencies),
					"immigration_false_positives": rep.ImmigrationFP, "error_kinds": rep.Kinds})
			}
			fmt.Fprintf(a.stdout, "gold %s: %d documents\n", gold, len(docs))
			return rep.WriteText(a.stdout)
		},
	}
	cmd.Flags().StringVar(&gold, "gold", "", "directory of labelled releases")
	cmd.Flags().StringVar(&keep, "keep", "", "keep the scratch database at this path (default: a temporary file)")
	cmd.Flags().StringVar(&format, "format", "text", "text (summary and per-document diff) or json (summary)")
	return cmd
}

func prf(p evaluate.PRF) map[string]any {
	return map[string]any{"precision": p.Precision(), "recall": p.Recall(), "f1": p.F1(), "tp": p.TP, "fp": p.FP, "fn": p.FN}
}

// scoreDir imports dir into a scratch database and scores what it stored.
func scoreDir(ctx context.Context, dir string, docs []evaluate.GoldDoc, keep string) (evaluate.Report, error) {
	path := keep
	if path == "" {
		tmp, err := os.MkdirTemp("", "casetrack-eval-*")
		if err != nil {
			return evaluate.Report{}, err
		}
		defer os.RemoveAll(tmp)
		path = filepath.Join(tmp, "eval.duckdb")
	} else {
		os.Remove(path)
	}
	norm, err := normalize.New()
	if err != nil {
		return evaluate.Report{}, err
	}
	st, err := store.Open(ctx, path, store.ReadWrite)
	if err != nil {
		return evaluate.Report{}, err
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
		return evaluate.Report{}, err
	}
	if len(ferrs) > 0 {
		return evaluate.Report{}, fmt.Errorf("eval: %d file(s) of %s failed to import, first: %v", len(ferrs), dir, ferrs[0])
	}
	if stats.Read != len(docs) {
		return evaluate.Report{}, fmt.Errorf("eval: imported %d documents but %s has %d labelled ones", stats.Read, dir, len(docs))
	}
	pred, err := st.EventsByURL(ctx)
	if err != nil {
		return evaluate.Report{}, err
	}
	return evaluate.Score(docs, pred), nil
}
