package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casetrack/pipeline/ingest"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources/doj"
	"casetrack/sources/ice"
	"casetrack/sources/pacer"
)

// formats lists every file format `import` recognises, most specific first.
func formats() ([]ingest.Format, error) {
	court, err := pacer.New(pacer.Config{})
	if err != nil {
		return nil, err
	}
	return []ingest.Format{
		ingest.SourceFormat("doj", doj.Detect, doj.Parse),
		ingest.ReleaseFormat,
		ingest.SourceFormat(ice.Name, ice.Detect, ice.Parse),
		ingest.SourceFormat(pacer.Name, pacer.Detect, court.Parse),
	}, nil
}

func (a *app) importCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import PATH...",
		Short: "Load saved documents (release records, API pages, saved pages) from files or directories",
		Long: `Import reads saved documents, recognising each file's format:
  - press-release records (JSON object per file, or JSONL), fields url, publisher, published, title, body
  - justice.gov API pages (press_releases.json), 2020 and 2024 shapes
  - saved ice.gov release pages (HTML)
  - saved PACER pages: docket reports, docket history, case queries, RECAP XML, CM/ECF RSS
Directories are walked recursively. A file that cannot be read is reported with
its path and reason, the rest of the import goes on, and the command exits
non-zero at the end. Importing the same documents again changes nothing.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, paths []string) error {
			ctx := cmd.Context()
			fmts, err := formats()
			if err != nil {
				return err
			}
			norm, err := normalize.New()
			if err != nil {
				return err
			}
			return a.withWriter(ctx, "import", strings.Join(paths, " "), func(ctx context.Context, st *store.Store, runID int64) (string, error) {
				im := &ingest.Importer{Store: st, Extractor: norm, Formats: fmts, RunID: runID}
				stats, ferrs, err := im.Import(ctx, paths)
				for _, fe := range ferrs {
					fmt.Fprintf(a.stderr, "failed: %s\n", fe.Error())
				}
				fmt.Fprintf(a.stdout, "documents read %d, new %d, updated %d, unchanged %d, failed %d (events written %d, files %d)\n",
					stats.Read, stats.New, stats.Updated, stats.Unchanged, stats.Failed, stats.Events, stats.Files)
				switch {
				case err != nil:
					return store.RunFailed, &fatalError{err}
				case len(ferrs) > 0:
					return store.RunFailed, &exitError{code: 1, err: fmt.Errorf("%d file(s) or document(s) failed to import", len(ferrs))}
				}
				return store.RunOK, nil
			})
		},
	}
}
