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
	"syscall"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/pipeline/store"
	"casetrack/sources"
)

// MaxFileSize bounds what one file may hold; larger files are refused
// rather than read into memory.
const MaxFileSize = 512 << 20

// Extractor reads events out of a record (normalize.Normalizer). With
// more than one worker it is called from several goroutines at once, so it
// must be safe for concurrent use (the Normalizer is). It stops early, with
// ctx's error, when ctx is done.
type Extractor interface {
	EventsContext(ctx context.Context, rec sources.Record) ([]normalize.Event, error)
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
	// MaxBody cuts longer document bodies (sources.Record.Prepare); 0
	// means sources.DefaultMaxBody, negative no cap.
	MaxBody int
	// Warn, when set, is told what was read but not as given: text that
	// was not UTF-8, a body cut to MaxBody, a document that another file
	// held too.
	Warn func(FileError)
}

// fileResult is one file read, parsed and extracted by a worker.
type fileResult struct {
	recs     []sources.Record
	events   [][]normalize.Event
	err      error
	warnings []error
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
				res := im.readFile(files[i])
				res.events = make([][]normalize.Event, len(res.recs))
				for j := range res.recs {
					evs, err := im.Extractor.EventsContext(ctx, res.recs[j])
					if err != nil {
						break // cancelled: Import returns ctx's error
					}
					res.events[j] = evs
				}
				results[i] <- res
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
// release, or a document that cannot be stored, is reported, kept in
// parse_errors (source "import" for a file, the document's source for a
// document) and skipped; the rest goes on. It returns the first error that
// stops the whole import (a store failure, a cancelled context) separately
// from the per-file and per-document failures.
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
		for _, df := range res.Failed { // kept in parse_errors; reported as any document
			ferrs = append(ferrs, FileError{df.Ref, df.Err})
		}
		res.Failed = nil
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
	var readOK []string // files read since the last flush: their old parse errors go
	firstFile := map[string]int{}
	flush := func() error {
		if err := im.Store.ClearParseErrors(ctx, ImportSource, readOK); err != nil {
			return err
		}
		readOK = readOK[:0]
		if len(batch) == 0 {
			return nil
		}
		ls, err := im.Store.Load(ctx, im.RunID, batch)
		if err != nil {
			return err
		}
		for _, f := range ls.Failed {
			ferrs = append(ferrs, FileError{f.Ref, f.Err})
		}
		st.Failed += len(ls.Failed)
		ls.Failed = nil
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
		for _, w := range res.warnings {
			im.warn(FileError{path, w})
		}
		if res.err != nil {
			ferrs = append(ferrs, FileError{path, res.err})
			st.Failed++
			if err := im.Store.RecordParseError(ctx, im.RunID, ImportSource, path, "", res.err); err != nil {
				return st, ferrs, err
			}
		} else {
			readOK = append(readOK, path)
		}
		for j, r := range res.recs {
			st.Read++
			id := store.DocID(r)
			if k, seen := firstFile[id]; seen && k != i {
				im.warn(FileError{path, fmt.Errorf("holds the same document (%s) as %s; only one is stored, the one read last", id, files[k])})
			} else if !seen {
				firstFile[id] = i
			}
			batch = append(batch, store.Item{Record: r, Events: res.events[j], Ref: path})
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

// ImportSource is the parse_errors source of a file `import` could not read.
const ImportSource = "import"

func (im *Importer) warn(fe FileError) {
	if im.Warn != nil {
		im.Warn(fe)
	}
}

func (im *Importer) maxBody() int {
	if im.MaxBody == 0 {
		return sources.DefaultMaxBody
	}
	return im.MaxBody
}

func (im *Importer) batchSize() int {
	if im.BatchSize > 0 {
		return im.BatchSize
	}
	return 2000
}

// readFile recognises and parses one file, and prepares its records
// (sources.Record.Prepare), saying what it had to change.
func (im *Importer) readFile(path string) fileResult {
	b, modTime, err := readRegular(path)
	if err != nil {
		return fileResult{err: err}
	}
	var res fileResult
	if at := sources.FirstInvalidUTF8(b); at >= 0 {
		res.warnings = append(res.warnings, fmt.Errorf("not valid UTF-8 (first bad byte at offset %d): the bytes that are not were replaced with U+FFFD, or the page read as Latin-1; check the stored text", at))
	}
	res.recs, res.err = im.parse(path, b, modTime)
	for i := range res.recs {
		r := &res.recs[i]
		repaired, cut := r.Prepare(im.maxBody())
		if repaired && len(res.warnings) == 0 {
			res.warnings = append(res.warnings, fmt.Errorf("%s: text that was not valid UTF-8 was repaired (U+FFFD)", store.DocID(*r)))
		}
		if cut {
			res.warnings = append(res.warnings, fmt.Errorf("%s: body of %d bytes cut to %d (the body cap; documents.body_full_bytes keeps the length)", store.DocID(*r), r.BodyBytes, len(r.Body)))
		}
	}
	return res
}

// readRegular reads a regular file. Anything else (a FIFO, a device, a
// socket) is refused without blocking on it.
func readRegular(path string) ([]byte, time.Time, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	if !info.Mode().IsRegular() {
		return nil, time.Time{}, fmt.Errorf("not a regular file (%s): refused", info.Mode().Type())
	}
	if info.Size() > MaxFileSize {
		return nil, time.Time{}, fmt.Errorf("file is %d bytes, over the %d-byte limit", info.Size(), MaxFileSize)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, time.Time{}, err
	}
	if len(b) == 0 {
		return nil, time.Time{}, fmt.Errorf("empty file: %w", sources.ErrEmpty)
	}
	return b, info.ModTime().UTC(), nil
}

// parse reads b with the first format that recognises it.
func (im *Importer) parse(path string, b []byte, modTime time.Time) ([]sources.Record, error) {
	head := b[:min(len(b), 4096)]
	for _, format := range im.Formats {
		if format.Detect(path, head) {
			recs, err := format.Parse(path, b, modTime)
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
			files = append(files, p) // readRegular refuses what is not a regular file
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
