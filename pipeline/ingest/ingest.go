package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// MaxFileSize bounds what one file may hold; larger files are refused
// rather than read into memory.
const MaxFileSize = 512 << 20

// Extractor reads events out of a record (normalize.Normalizer). With
// more than one worker it is called from several goroutines at once, so it
// must be safe for concurrent use (the Normalizer is).
type Extractor interface {
	Events(rec sources.Record) []normalize.Event
}

// Stats counts an import, document by document.
type Stats struct {
	Files  int // files examined
	Read   int // documents read from them
	Failed int // files or documents that could not be read
	store.LoadStats
	// Releases says what each path a SnapshotFormat claimed did; their
	// documents are counted there, not above.
	Releases []SnapshotResult
}

// FileError is one file (or one document inside it) that failed.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Importer reads files into the store.
type Importer struct {
	Store     *store.Store
	Extractor Extractor
	Formats   []Format
	// Snapshots are the inputs streamed rather than read file by file
	// (caseload releases, snapshot.go); a path one claims is not walked.
	Snapshots []SnapshotFormat
	RunID     int64
	BatchSize int // documents per transaction; 0 means 2,000
	// Workers read, parse and extract that many files at once (the store
	// load stays sequential, in file order); 0 means GOMAXPROCS, at most 4.
	Workers int
}

// fileResult is one file read, parsed and extracted by a worker.
type fileResult struct {
	recs   []sources.Record
	events [][]normalize.Event
	err    error
}

func (im *Importer) workers() int {
	if im.Workers > 0 {
		return im.Workers
	}
	return min(runtime.GOMAXPROCS(0), 4)
}

// extractFiles reads, parses and extracts files on a few workers and
// delivers the results in file order through the returned channels (one per
// file, each written once). At most 2×workers files are in flight, so
// memory stays bounded; stop (or cancelling ctx) ends the workers early.
func (im *Importer) extractFiles(ctx context.Context, files []string) (results []chan fileResult, release func(), stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	w := im.workers()
	results = make([]chan fileResult, len(files))
	for i := range results {
		results[i] = make(chan fileResult, 1)
	}
	slots := make(chan struct{}, 2*w)
	jobs := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // dispatch in file order, as slots free up
		defer wg.Done()
		defer close(jobs)
		for i := range files {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				recs, err := im.readFile(files[i])
				evs := make([][]normalize.Event, len(recs))
				for j, r := range recs {
					if ctx.Err() != nil {
						break
					}
					evs[j] = im.Extractor.Events(r)
				}
				results[i] <- fileResult{recs: recs, events: evs, err: err}
			}
		}()
	}
	release = func() { <-slots }
	stop = func() {
		cancel()
		wg.Wait()
	}
	return results, release, stop
}

// Import loads every path: first, in order, those a SnapshotFormat claims
// (streamed, see importSnapshot), then the rest as files (directories
// walked recursively), loading every recognised document. A bad file or
// release is reported and skipped; the rest goes on. It returns the first
// error that stops the whole import (a store failure, a cancelled context)
// separately from the per-file failures.
func (im *Importer) Import(ctx context.Context, paths []string) (Stats, []FileError, error) {
	var st Stats
	var ferrs []FileError
	var rest []string
	for _, p := range paths {
		f := im.claim(p)
		if f == nil {
			rest = append(rest, p)
			continue
		}
		res, fatal, bad := im.importSnapshot(ctx, f, p)
		st.Releases = append(st.Releases, res)
		if fatal != nil {
			return st, ferrs, fatal
		}
		if bad != nil {
			ferrs = append(ferrs, FileError{p, bad})
		}
	}
	if len(rest) == 0 {
		return st, ferrs, nil
	}
	files, walkErrs := expand(rest)
	ferrs = append(ferrs, walkErrs...)
	st.Failed += len(walkErrs)
	batch := make([]store.Item, 0, im.batchSize())
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ls, err := im.Store.Load(ctx, im.RunID, batch)
		if err != nil {
			return err
		}
		st.LoadStats.Add(ls)
		batch = batch[:0]
		return nil
	}
	results, release, stop := im.extractFiles(ctx, files)
	defer stop()
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			return st, ferrs, err
		}
		var res fileResult
		select {
		case res = <-results[i]:
		case <-ctx.Done():
			return st, ferrs, ctx.Err()
		}
		release()
		if err := ctx.Err(); err != nil {
			return st, ferrs, err // a worker may have stopped extracting part way
		}
		st.Files++
		if res.err != nil {
			ferrs = append(ferrs, FileError{path, res.err})
			st.Failed++
		}
		for j, r := range res.recs {
			st.Read++
			batch = append(batch, store.Item{Record: r, Events: res.events[j]})
			if len(batch) >= im.batchSize() {
				if err := flush(); err != nil {
					return st, ferrs, err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return st, ferrs, err
	}
	return st, ferrs, nil
}

func (im *Importer) batchSize() int {
	if im.BatchSize > 0 {
		return im.BatchSize
	}
	return 2000
}

// readFile recognises and parses one file.
func (im *Importer) readFile(path string) ([]sources.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", info.Size(), MaxFileSize)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("empty file: %w", sources.ErrEmpty)
	}
	head := b[:min(len(b), 4096)]
	for _, format := range im.Formats {
		if format.Detect(path, head) {
			recs, err := format.Parse(path, b, info.ModTime().UTC())
			if err != nil {
				return recs, fmt.Errorf("%s: %w", format.Name, err)
			}
			return recs, nil
		}
	}
	return nil, fmt.Errorf("%w (not a release record, API page or saved page casetrack knows)", ErrUnrecognised)
}

// expand turns paths into a sorted list of regular files, walking
// directories recursively and skipping hidden files.
func expand(paths []string) ([]string, []FileError) {
	var files []string
	var errs []FileError
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, FileError{p, err})
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, FileError{path, err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != p && len(name) > 0 && name[0] == '.' {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				found = append(found, path)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.SkipDir) {
			errs = append(errs, FileError{p, err})
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, errs
}
