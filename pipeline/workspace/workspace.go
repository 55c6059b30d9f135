// Package workspace keeps the one writer and the many readers of a casetrack
// database out of each other's way.
//
// DuckDB allows one writing process, and a read-only handle held by another
// process blocks a writer. So a writing command never opens the published
// database (the --db path) at all:
//
//  1. it takes an exclusive lock (<db>.lock, flock; the holder's PID and
//     command are written inside so a second writer can name it);
//  2. it works on its own working copy (<dir>/.work/<name>.work), made
//     from the published file when there is no newer working copy left by
//     an interrupted run, and only once the published file has been checked
//     (a broken published file never replaces a good working copy);
//  3. on success it checkpoints and closes the working copy, copies it to a
//     temporary file beside the published one, syncs it and renames it over
//     the published path: readers see the old file or the new one, never a
//     half-written one.
//
// A run killed at any moment leaves the published file as it was; the
// working copy holds every transaction that committed, so the next run
// carries on from there (loads are idempotent, cursors move only after
// their documents commit).
package workspace

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ErrLocked means another writer holds the database.
var ErrLocked = errors.New("database is locked by another writer")

// Workspace is a held write lock on one published database.
type Workspace struct {
	published string
	working   string
	lock      *os.File
	verify    func(path string) error
}

// Open takes the write lock for the database published at path and
// prepares the working copy. It fails at once (never waits) when another
// writer holds the lock, naming it. verify, when not nil, must accept the
// published file before it is copied into the working copy (store.Verify:
// it opens as a casetrack database); if it does not, Open fails and the
// working copy is left as it was.
func Open(path, command string, verify func(path string) error) (*Workspace, error) {
	if path == "" || path == ":memory:" {
		return nil, fmt.Errorf("workspace: a database path is required")
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(filepath.Join(dir, ".work"), 0o755); err != nil {
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	lf, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	if err := syscall.Flock(int(lf.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := io.ReadAll(io.LimitReader(lf, 512))
		lf.Close()
		who := strings.TrimSpace(string(holder))
		if who == "" {
			who = "unknown process"
		}
		return nil, fmt.Errorf("%s: %w (held by %s)", path, ErrLocked, who)
	}
	lf.Truncate(0)
	fmt.Fprintf(lf, "pid %d, casetrack %s, since %s\n", os.Getpid(), command, time.Now().UTC().Format(time.RFC3339))
	lf.Sync()
	w := &Workspace{published: path, lock: lf, verify: verify,
		working: filepath.Join(dir, ".work", filepath.Base(path)+".work")}
	if err := w.prepare(); err != nil {
		w.Release()
		return nil, err
	}
	return w, nil
}

// WorkingPath is the file the writer opens.
func (w *Workspace) WorkingPath() string { return w.working }

// PublishedPath is the file readers open.
func (w *Workspace) PublishedPath() string { return w.published }

// prepare makes sure the working copy exists and is not older than the
// published file. A working copy newer than the published file is the work
// of an interrupted run and is kept.
func (w *Workspace) prepare() error {
	pub, perr := os.Stat(w.published)
	work, werr := os.Stat(w.working)
	// A WAL left beside the working copy belongs to it: DuckDB replays it.
	switch {
	case perr != nil && !os.IsNotExist(perr):
		return fmt.Errorf("workspace %s: %w", w.published, perr)
	case perr != nil && werr == nil:
		return nil // nothing published yet; an earlier run's work is waiting
	case perr != nil:
		return nil // fresh start: DuckDB creates the working file
	case werr == nil && !work.ModTime().Before(pub.ModTime()):
		return nil
	case !pub.Mode().IsRegular():
		return fmt.Errorf("workspace: %s is not a regular file", w.published)
	}
	if w.verify != nil {
		if err := w.verify(w.published); err != nil {
			keep := "move it aside and the next run starts a new database there"
			if werr == nil {
				keep = fmt.Sprintf("the working copy %s (the last good one) is kept: move %s aside and the next run continues from it, then publishes", w.working, w.published)
			}
			return fmt.Errorf("%s cannot be used: %w; nothing was changed; %s", w.published, err, keep)
		}
	}
	os.Remove(w.working + ".wal")
	if err := copyFile(w.published, w.working); err != nil {
		return fmt.Errorf("workspace: copy %s to working copy: %w", w.published, err)
	}
	return nil
}

// Publish replaces the published database with the working copy, which the
// caller must have closed (checkpointed). The working copy stays for the
// next run, so it need not be copied again.
func (w *Workspace) Publish() error {
	if _, err := os.Stat(w.working + ".wal"); err == nil {
		return fmt.Errorf("workspace: %s still has a write-ahead log; close the database before publishing", w.working)
	}
	tmp := w.published + ".publishing"
	if err := copyFile(w.working, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("workspace: publish %s: %w", w.published, err)
	}
	if err := os.Rename(tmp, w.published); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("workspace: publish %s: %w", w.published, err)
	}
	// The rename is durable once the directory is synced.
	if d, err := os.Open(filepath.Dir(w.published)); err == nil {
		d.Sync()
		d.Close()
	}
	// The working copy must not look older than what it was published as.
	now := time.Now()
	os.Chtimes(w.working, now, now)
	return nil
}

// Release drops the lock. Safe to call more than once.
func (w *Workspace) Release() {
	if w.lock == nil {
		return
	}
	w.lock.Truncate(0)
	syscall.Flock(int(w.lock.Fd()), syscall.LOCK_UN)
	w.lock.Close()
	w.lock = nil
}

// copyFile copies src to dst through a temporary file and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := dst + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := out.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}
