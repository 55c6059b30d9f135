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
	"casetrack/sources/eousa"
	"casetrack/sources/ice"
	"casetrack/sources/pacer"
)

// formats lists every file format `import` recognises, most specific
// first, and the inputs it streams instead (a caseload release, too large
// to read as a file). A new source's format is one line here.
func formats() ([]ingest.Format, []ingest.SnapshotFormat, error) {
	court, err := pacer.New(pacer.Config{})
	if err != nil {
		return nil, nil, err
	}
	return []ingest.Format{
			ingest.SourceFormat("doj", doj.Detect, doj.Parse),
			ingest.ReleaseFormat,
			ingest.SourceFormat(ice.Name, ice.Detect, ice.Parse),
			ingest.SourceFormat(pacer.Name, pacer.Detect, court.Parse),
		}, []ingest.SnapshotFormat{
			{Name: eousa.Name, Claim: eousa.IsRelease, Open: eousa.Open},
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
			maxBody, err := mb.bytes()
			if err != nil {
				return err
			}
			im, err := newImporter()
			if err != nil {
				return err
			}
			return a.withWriter(cmd.Context(), "import", strings.Join(paths, " "), func(ctx context.Context, st *store.Store, runID int64) (string, error) {
				imp := im.at(st, runID)
				imp.MaxBody = maxBody
				imp.Warn = func(fe ingest.FileError) { fmt.Fprintf(a.stderr, "warning: %s\n", fe.Error()) }
				failed, err := a.importPaths(ctx, imp, paths)
				switch {
				case err != nil:
					return store.RunFailed, &fatalError{err}
				case failed > 0:
					return store.RunFailed, &exitError{code: 1, err: fmt.Errorf("%d file(s), document(s) or release(s) failed to import", failed)}
				}
				return store.RunOK, nil
			})
		},
	}
	mb.add(cmd.Flags())
	return cmd
}

// importer holds what every import shares: the formats and the extraction
// rules. at binds it to the running writer.
type importer struct {
	norm     *normalize.Normalizer
	files    []ingest.Format
	releases []ingest.SnapshotFormat
}

func newImporter() (*importer, error) {
	files, releases, err := formats()
	if err != nil {
		return nil, err
	}
	norm, err := normalize.New()
	if err != nil {
		return nil, err
	}
	return &importer{norm: norm, files: files, releases: releases}, nil
}

func (im *importer) at(st *store.Store, runID int64) *ingest.Importer {
	return &ingest.Importer{Store: st, Extractor: im.norm, Formats: im.files, Snapshots: im.releases, RunID: runID}
}

// importPaths imports paths and prints what happened: a line per release,
// a line per failure, and the documents of the files. It returns how many
// files, documents or releases failed, and the error that stopped the
// import (a database failure or a cancelled run), if any.
func (a *app) importPaths(ctx context.Context, im *ingest.Importer, paths []string) (int, error) {
	stats, ferrs, err := im.Import(ctx, paths)
	for _, r := range stats.Releases {
		a.printRelease(r)
	}
	for _, fe := range ferrs {
		fmt.Fprintf(a.stderr, "failed: %s\n", fe.Error())
	}
	if len(paths) > len(stats.Releases) {
		fmt.Fprintf(a.stdout, "documents read %d, new %d, updated %d, unchanged %d, failed %d (events written %d, files %d)\n",
			stats.Read, stats.New, stats.Updated, stats.Unchanged, stats.Failed, stats.Events, stats.Files)
	}
	return len(ferrs), err
}

// printRelease prints one summary line per release (nothing more for one
// that failed: its failure is printed with the others).
func (a *app) printRelease(r ingest.SnapshotResult) {
	for _, w := range r.Release.Warnings {
		a.log.Warn("release", "format", r.Format, "path", r.Path, "warning", w)
	}
	switch {
	case r.AlreadyLoaded:
		fmt.Fprintf(a.stdout, "%s %s: already imported, nothing to do (%s)\n", r.Format, r.Snapshot, r.Path)
	case r.Loaded:
		fmt.Fprintf(a.stdout, "%s %s: defendants kept %d of %d cases' (%d MB scanned); documents new %d, updated %d, unchanged %d (events written %d); snapshot rows %d, count rows %d; revisions %d (outcome changed %d); older than a loaded snapshot %d\n",
			r.Format, r.Snapshot, r.Release.Kept, r.Release.Cases, r.Release.Bytes>>20, r.New, r.Updated, r.Unchanged, r.Events,
			r.SnapshotRows, r.CountRows, r.Revisions, r.OutcomeRevisions, r.KeptOlder)
	}
}
