// Package crawl runs the live half of the pipeline for one source at a
// time: crawl (through the polite fetcher, which archives every body before
// anything parses it) → parse → normalize → load, recording a source_runs
// row and moving the source's cursor only after every document up to it is
// committed. Reparse runs the same parse → normalize → load over the raw
// archive, without the network.
package crawl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"casetrack/pipeline/archive"
	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// Extractor reads events out of a record (normalize.Normalizer), stopping
// early with ctx's error when ctx is done.
type Extractor interface {
	EventsContext(ctx context.Context, rec sources.Record) ([]normalize.Event, error)
}

// Parser is the part of a source that reparse needs.
type Parser interface {
	Name() string
	Parse(doc sources.Document) ([]sources.Record, error)
}

// Runner loads documents from sources into the store.
type Runner struct {
	Store     *store.Store
	Extractor Extractor
	RunID     int64
	Log       *slog.Logger // required
	BatchSize int          // records per transaction; 0 means 500
	// MaxBody cuts longer record bodies (sources.Record.Prepare); 0 means
	// sources.DefaultMaxBody, negative no cap.
	MaxBody int
	// Progress, when set, is told after each document (for a progress bar).
	Progress func(source string, docs, records int)
}

// loader batches records from one source and loads them.
type loader struct {
	r       *Runner
	src     Parser
	batch   []store.Item
	result  *store.SourceRun
	docs    int
	records int
}

// handle parses one document and queues its records. A document that does
// not parse is recorded in parse_errors (it is already archived) and
// counted as failed; it does not stop the source. So is a record that
// cannot be stored (see flush).
func (l *loader) handle(ctx context.Context, doc sources.Document) error {
	l.docs++
	recs, err := l.src.Parse(doc)
	ref := doc.URL
	if at := sources.FirstInvalidUTF8(doc.Body); at >= 0 {
		l.r.Log.Warn("not valid UTF-8: the bytes that are not were replaced with U+FFFD, or the page read as Latin-1",
			"source", l.src.Name(), "url", doc.URL, "offset", at)
	}
	if err != nil {
		l.result.Failed++
		l.r.Log.Warn("parse failed", "source", l.src.Name(), "url", doc.URL, "sha256", doc.SHA256, "err", err)
		if perr := l.r.Store.RecordParseError(ctx, l.r.RunID, l.src.Name(), ref, doc.SHA256, err); perr != nil {
			return perr
		}
	} else if err := l.r.Store.ClearParseError(ctx, l.src.Name(), ref); err != nil {
		return err
	}
	for _, rec := range recs {
		if rec.FetchedAt.IsZero() {
			rec.FetchedAt = doc.FetchedAt
		}
		if rec.RawSHA256 == "" {
			rec.RawSHA256 = doc.SHA256
		}
		if _, cut := rec.Prepare(l.r.maxBody()); cut {
			l.r.Log.Warn("body cut to the body cap; documents.body_full_bytes keeps its length", "source", l.src.Name(),
				"doc_id", store.DocID(rec), "bytes", rec.BodyBytes, "kept", len(rec.Body))
		}
		evs, err := l.r.Extractor.EventsContext(ctx, rec)
		if err != nil {
			return err
		}
		l.result.Seen++
		l.records++
		l.batch = append(l.batch, store.Item{Record: rec, Events: evs, Ref: ref})
	}
	if l.r.Progress != nil {
		l.r.Progress(l.src.Name(), l.docs, l.records)
	}
	if len(l.batch) >= l.r.batchSize() {
		return l.flush(ctx)
	}
	return nil
}

func (l *loader) flush(ctx context.Context) error {
	if len(l.batch) == 0 {
		return nil
	}
	st, err := l.r.Store.Load(ctx, l.r.RunID, l.batch)
	if err != nil {
		return fmt.Errorf("%s: load: %w", l.src.Name(), err)
	}
	for _, f := range st.Failed {
		l.r.Log.Warn("document not stored", "source", l.src.Name(), "ref", f.Ref, "err", f.Err)
	}
	l.result.Failed += len(st.Failed)
	l.result.NotStored += len(st.Failed)
	st.Failed = nil
	l.result.Stats.Add(st)
	l.batch = l.batch[:0]
	return nil
}

func (r *Runner) maxBody() int {
	if r.MaxBody == 0 {
		return sources.DefaultMaxBody
	}
	return r.MaxBody
}

func (r *Runner) batchSize() int {
	if r.BatchSize > 0 {
		return r.BatchSize
	}
	return 500
}

// Crawl runs one source from its stored cursor. It always returns the
// source_runs row it recorded; the error says why the source failed. On
// failure the cursor stays where it was (stale beats partial) and every
// document loaded before the failure stays loaded.
func (r *Runner) Crawl(ctx context.Context, src sources.Source, f sources.Fetcher) (store.SourceRun, error) {
	res := store.SourceRun{Source: src.Name(), Started: time.Now().UTC()}
	l := &loader{r: r, src: src, result: &res}
	err := func() error {
		cur, err := r.Store.Cursor(ctx, src.Name())
		if err != nil {
			return err
		}
		res.CursorBefore, res.CursorAfter = cur, cur
		next, err := src.Crawl(ctx, f, sources.Cursor(cur), func(doc sources.Document) error {
			return l.handle(ctx, doc)
		})
		if ferr := l.flush(ctx); ferr != nil {
			return errors.Join(err, ferr)
		}
		if err != nil {
			return err
		}
		if string(next) != cur {
			if err := r.Store.SetCursor(ctx, r.RunID, src.Name(), string(next)); err != nil {
				return err
			}
			res.CursorAfter = string(next)
		}
		return nil
	}()
	res.Err = err
	res.Finished = time.Now().UTC()
	if rerr := r.Store.RecordSourceRun(ctx, r.RunID, res); rerr != nil && err == nil {
		err = rerr
	}
	r.logResult(res)
	return res, err
}

// Reparse rebuilds records and events of one source from the raw archive.
// Unchanged documents are counted as such and not rewritten.
func (r *Runner) Reparse(ctx context.Context, src Parser, arc *archive.Archive) (store.SourceRun, error) {
	res := store.SourceRun{Source: src.Name(), Started: time.Now().UTC()}
	l := &loader{r: r, src: src, result: &res}
	err := arc.Walk(ctx, src.Name(), func(doc sources.Document) error { return l.handle(ctx, doc) })
	if ferr := l.flush(ctx); ferr != nil {
		err = errors.Join(err, ferr)
	}
	res.Err = err
	res.Finished = time.Now().UTC()
	if rerr := r.Store.RecordSourceRun(ctx, r.RunID, res); rerr != nil && err == nil {
		err = rerr
	}
	r.logResult(res)
	return res, err
}

func (r *Runner) logResult(res store.SourceRun) {
	attrs := []any{"source", res.Source, "seen", res.Seen, "new", res.Stats.New, "updated", res.Stats.Updated,
		"unchanged", res.Stats.Unchanged, "failed", res.Failed, "cursor_before", res.CursorBefore,
		"cursor_after", res.CursorAfter, "duration", res.Finished.Sub(res.Started).Round(time.Millisecond).String()}
	if res.Err != nil {
		r.Log.Error("source failed", append(attrs, "err", res.Err)...)
		return
	}
	r.Log.Info("source done", attrs...)
}
