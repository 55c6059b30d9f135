package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casetrack/pipeline/ingest"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources/doj"
	"casetrack/sources/eousa"
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
	var mb maxBodyFlag
	cmd := &cobra.Command{
		Use:   "import PATH...",
		Short: "Load saved documents (release records, API pages, saved pages) from files or directories",
		Long: `Import reads saved documents, recognising each file's format:
  - press-release records (JSON object per file, or JSONL), fields url, publisher, published, title, body
  - justice.gov API pages (press_releases.json), 2020 and 2024 shapes
  - saved ice.gov release pages (HTML)
  - saved PACER pages: docket reports, docket history, case queries, RECAP XML, CM/ECF RSS
  - EOUSA National Caseload Data releases: a release directory (DISKnn.zip parts,
    or unpacked gs_*.txt tables beside README.TXT) or one DISKnn.zip part; the
    directory or a file in it must name the snapshot (e.g. SEPFY2018). A snapshot
    already imported is skipped; see docs/eousa.md
Directories are walked recursively. A file that cannot be read, or a document
that cannot be stored, is reported with its path and reason and kept in
parse_errors; the rest of the import goes on, and the command exits 1 at the
end. Bodies longer than --max-body are cut (and say so). Importing the same
documents again changes nothing.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, paths []string) error {
			ctx := cmd.Context()
			maxBody, err := mb.bytes()
			if err != nil {
				return err
			}
			fmts, err := formats()
			if err != nil {
				return err
			}
			norm, err := normalize.New()
			if err != nil {
				return err
			}
			var releases, files []string
			for _, p := range paths {
				if eousa.IsRelease(p) {
					releases = append(releases, p)
				} else {
					files = append(files, p)
				}
			}
			return a.withWriter(ctx, "import", strings.Join(paths, " "), func(ctx context.Context, st *store.Store, runID int64) (string, error) {
				failed := 0
				for _, p := range releases {
					if err := a.loadRelease(ctx, st, runID, norm, p, ""); err != nil {
						if ctx.Err() != nil || isStoreFailure(err) {
							return store.RunFailed, &fatalError{err}
						}
						fmt.Fprintf(a.stderr, "failed: %s: %v\n", p, err)
						failed++
					}
				}
				if len(files) == 0 {
					if failed > 0 {
						return store.RunFailed, &exitError{code: 1, err: fmt.Errorf("%d release(s) failed to import", failed)}
					}
					return store.RunOK, nil
				}
				im := &ingest.Importer{Store: st, Extractor: norm, Formats: fmts, RunID: runID, MaxBody: maxBody,
					Warn: func(fe ingest.FileError) { fmt.Fprintf(a.stderr, "warning: %s\n", fe.Error()) }}
				stats, ferrs, err := im.Import(ctx, files)
				for _, fe := range ferrs {
					fmt.Fprintf(a.stderr, "failed: %s\n", fe.Error())
				}
				fmt.Fprintf(a.stdout, "documents read %d, new %d, updated %d, unchanged %d, failed %d (events written %d, files %d)\n",
					stats.Read, stats.New, stats.Updated, stats.Unchanged, stats.Failed, stats.Events, stats.Files)
				switch {
				case err != nil:
					return store.RunFailed, &fatalError{err}
				case len(ferrs)+failed > 0:
					return store.RunFailed, &exitError{code: 1, err: fmt.Errorf("%d file(s), document(s) or release(s) failed to import", len(ferrs)+failed)}
				}
				return store.RunOK, nil
			})
		},
	}
	mb.add(cmd.Flags())
	return cmd
}

// loadRelease imports one EOUSA release (sources/eousa Loader) inside the
// running writer and prints one summary line.
func (a *app) loadRelease(ctx context.Context, st *store.Store, runID int64, norm *normalize.Normalizer, path, releaseURL string) error {
	l := &eousa.Loader{Store: st, RunID: runID, Categorize: norm.StatuteCategories, ReleaseURL: releaseURL}
	res, err := l.Load(ctx, path)
	for _, w := range res.Warnings {
		a.log.Warn("eousa release", "path", path, "warning", w)
	}
	if err != nil {
		return err
	}
	if res.AlreadyLoaded {
		fmt.Fprintf(a.stdout, "eousa %s: already imported, nothing to do (%s)\n", res.Snapshot, path)
		return nil
	}
	fmt.Fprintf(a.stdout, "eousa %s: defendants kept %d of %d cases' (%d MB scanned); documents new %d, updated %d, unchanged %d (events written %d); snapshot rows %d, count rows %d; revisions %d (outcome changed %d); older than a loaded snapshot %d\n",
		res.Snapshot, res.Decode.Defendants, res.Decode.Cases, res.Decode.Bytes>>20, res.New, res.Updated, res.Unchanged, res.Events,
		res.SnapshotRows, res.CountRows, res.Revisions, res.OutcomeRevisions, res.KeptOlder)
	return nil
}

// isStoreFailure tells a database failure (stop, publish nothing) from a
// bad release (report it, go on).
func isStoreFailure(err error) bool { return errors.Is(err, eousa.ErrStore) }
