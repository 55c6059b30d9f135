package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casetrack/pipeline/archive"
	"casetrack/pipeline/crawl"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
)

func (a *app) reparseCmd() *cobra.Command {
	var srcs, archiveDir string
	var mb maxBodyFlag
	cmd := &cobra.Command{
		Use:   "reparse",
		Short: "Rebuild records and events from the raw archive, without the network",
		Long: `reparse reads every archived response of the named sources (default: every
source with an archive directory) through the current parsers and extraction
rules, and loads the result: documents whose records and events did not change
are counted unchanged and not rewritten. Use it after fixing a parser or a rule,
and to clear the parse errors 'casetrack status' lists.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			maxBody, err := mb.bytes()
			if err != nil {
				return err
			}
			arc, err := archive.New(a.archiveRoot(runOptions{Archive: archiveDir}))
			if err != nil {
				return err
			}
			names, err := arc.Sources()
			if err != nil {
				return err
			}
			if srcs != "" {
				if names, err = parseSources(srcs); err != nil {
					return err
				}
			}
			var parsers []crawl.Parser
			for _, n := range names {
				mk, ok := sourceFactories[n]
				if !ok {
					a.log.Warn("archive directory has no source of that name; skipped", "source", n)
					continue
				}
				src, err := mk(runOptions{})
				if err != nil {
					return fmt.Errorf("%s: %w", n, err)
				}
				parsers = append(parsers, src)
			}
			if len(parsers) == 0 {
				return fmt.Errorf("nothing to reparse: the archive %s holds no known source", arc.Root())
			}
			norm, err := normalize.New()
			if err != nil {
				return err
			}
			return a.withWriter(cmd.Context(), "reparse", strings.Join(names, ","), func(ctx context.Context, st *store.Store, runID int64) (string, error) {
				r := &crawl.Runner{Store: st, Extractor: norm, RunID: runID, Log: a.log, MaxBody: maxBody}
				var failed []error
				notStored := 0
				for _, p := range parsers {
					res, err := r.Reparse(ctx, p, arc)
					fmt.Fprintf(a.stdout, "%s: documents %d, new %d, updated %d, unchanged %d, failed %d\n",
						p.Name(), res.Seen, res.Stats.New, res.Stats.Updated, res.Stats.Unchanged, res.Failed)
					if err != nil {
						failed = append(failed, fmt.Errorf("%s: %w", p.Name(), err))
					}
					// an archive also holds pages that are no documents (listings),
					// which fail to parse on every reparse: only a record that
					// parsed but could not be stored fails the command
					notStored += res.NotStored
				}
				if len(failed) > 0 {
					return store.RunFailed, &fatalError{errors.Join(failed...)}
				}
				if notStored > 0 {
					return store.RunFailed, &exitError{code: 1, err: fmt.Errorf("%d document(s) could not be stored; each is in parse_errors with its reason (casetrack status)", notStored)}
				}
				return store.RunOK, nil
			})
		},
	}
	cmd.Flags().StringVar(&srcs, "sources", "", "comma-separated sources (default: all archived)")
	cmd.Flags().StringVar(&archiveDir, "archive", "", "raw archive directory (default: raw/ beside the database)")
	mb.add(cmd.Flags())
	return cmd
}
