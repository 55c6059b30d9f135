// Package store is the load stage: it owns the DuckDB database, applies the
// migrations and views embedded in schemas/, loads records and their events
// idempotently, and records every run. It is the only package that writes
// to the database.
package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"casetrack/schemas"
)

// Mode says how a database is opened.
type Mode int

const (
	// ReadWrite creates the file if needed, applies migrations and views.
	ReadWrite Mode = iota
	// ReadOnly opens an existing database for queries; nothing can be written.
	ReadOnly
	// Sandbox is for user-typed SQL (see sandbox.go): ReadOnly with no
	// file system at all once the database is open, so nothing can write
	// the database, its WAL or any other file, nor read other files; and
	// SandboxQuery runs only statements that read.
	Sandbox
)

// ErrNoDatabase is returned when a read-only open finds no database file.
var ErrNoDatabase = errors.New("no database")

// checkpointThreshold is how much write-ahead log a writer accumulates
// before DuckDB checkpoints it into the database file (DuckDB's default is
// 16MB). Each checkpoint recompresses the table's last, partly filled row
// group, so with the default an import in 2,000-document batches
// checkpointed every other batch and spent most of its time there; at
// 256MB a batch commits to the log and the data is compressed once, at a
// later checkpoint or at Close. Commits stay durable either way (the log is
// synced), at the price of up to this much log to replay after a crash and
// the uncheckpointed rows held in memory meanwhile.
const checkpointThreshold = "256MB"

// Store is an open casetrack database.
type Store struct {
	db   *sql.DB
	path string
	mode Mode
	now  func() time.Time
	// Load stages events in files named by stagePattern (os.CreateTemp
	// syntax) in stageDir: beside a database file, so that a writer killed
	// mid-load leaves them where the next Open finds and removes them.
	stageDir, stagePattern string
}

// Open opens the database at path ("" or ":memory:" for an in-memory one).
func Open(ctx context.Context, path string, mode Mode) (*Store, error) {
	dsn := path
	if path == ":memory:" {
		dsn = ""
	}
	if mode != ReadWrite {
		if dsn == "" {
			return nil, fmt.Errorf("open: an in-memory database cannot be opened read-only")
		}
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open %s: %w (run `casetrack import` or `casetrack run` first)", path, ErrNoDatabase)
		}
		dsn += "?access_mode=read_only"
		if mode == Sandbox {
			dsn += sandboxDSN
		}
	} else if dsn != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, explainLock(err))
	}
	// One connection: DuckDB serialises writes anyway, and temp tables and
	// transactions must stay on the connection that made them.
	db.SetMaxOpenConns(1)
	if mode == Sandbox {
		if err := lockDown(ctx, db); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	s := &Store{db: db, path: path, mode: mode, now: func() time.Time { return time.Now().UTC() },
		stagePattern: "casetrack-events-*.csv"}
	if mode == ReadWrite && dsn != "" {
		if _, err := db.ExecContext(ctx, "SET checkpoint_threshold = '"+checkpointThreshold+"'"); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		// This process now holds the database's write lock, so staging
		// files beside it belong to a writer that died mid-load.
		s.stageDir = filepath.Dir(path)
		base := filepath.Base(path)
		s.stagePattern = base + ".staging-*.csv"
		stale, _ := filepath.Glob(filepath.Join(s.stageDir, globEscaper.Replace(base)+".staging-*.csv"))
		for _, f := range stale {
			os.Remove(f)
		}
	}
	if mode == ReadWrite {
		if err := s.migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

// globEscaper quotes the characters filepath.Match treats specially.
var globEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)

// explainLock turns DuckDB's lock conflict into a message naming what to do.
func explainLock(err error) error {
	if strings.Contains(err.Error(), "Could not set lock") || strings.Contains(err.Error(), "Conflicting lock") {
		return fmt.Errorf("database is locked by another process (another casetrack run or a writer holding it): %w", err)
	}
	return err
}

// DB exposes the handle for queries (tallies, exports, the SQL shell).
func (s *Store) DB() *sql.DB { return s.db }

// Path is the database file ("" for in-memory).
func (s *Store) Path() string { return s.path }

// Close checkpoints (for writers) and closes the database.
func (s *Store) Close() error {
	if s.mode == ReadWrite && s.path != "" && s.path != ":memory:" {
		if _, err := s.db.Exec("CHECKPOINT"); err != nil {
			s.db.Close()
			return fmt.Errorf("checkpoint %s: %w", s.path, err)
		}
	}
	return s.db.Close()
}

// Migrate applies casetrack's migrations and views to any DuckDB handle
// (tests of other packages use it on an in-memory database).
func Migrate(ctx context.Context, db *sql.DB) error {
	s := &Store{db: db, now: func() time.Time { return time.Now().UTC() }}
	return s.migrate(ctx)
}

// migrate applies pending migrations in order, then re-creates all views.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	applied := map[string]string{}
	rows, err := s.db.QueryContext(ctx, `SELECT version, sha256 FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for rows.Next() {
		var v, h string
		if err := rows.Scan(&v, &h); err != nil {
			rows.Close()
			return fmt.Errorf("migrate: %w", err)
		}
		applied[v] = h
	}
	rows.Close()

	names, err := sqlFiles(".")
	if err != nil {
		return err
	}
	for _, name := range names {
		body, err := fs.ReadFile(schemas.FS, name)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:])
		if prev, ok := applied[name]; ok {
			if prev != h {
				return fmt.Errorf("migrate: %s changed after it was applied (add a new migration instead)", name)
			}
			continue
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?, ?)`, name, h, s.now()); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: %w", name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	views, err := sqlFiles("views")
	if err != nil {
		return err
	}
	for _, name := range views {
		body, err := fs.ReadFile(schemas.FS, name)
		if err != nil {
			return fmt.Errorf("views %s: %w", name, err)
		}
		if _, err := s.db.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("views %s: %w", name, err)
		}
	}
	return nil
}

// sqlFiles lists the .sql files directly in dir of the embedded schemas, sorted.
func sqlFiles(dir string) ([]string, error) {
	entries, err := fs.ReadDir(schemas.FS, dir)
	if err != nil {
		return nil, fmt.Errorf("schemas %s: %w", dir, err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".sql") {
			out = append(out, filepath.ToSlash(filepath.Join(dir, e.Name())))
		}
	}
	sort.Strings(out)
	return out, nil
}

// Verify reports whether path opens as a casetrack database: a DuckDB file
// that holds casetrack's migrations and its documents table. Writers check
// the published file with it before copying it over their working copy.
func Verify(ctx context.Context, path string) error {
	s, err := Open(ctx, path, ReadOnly)
	if err != nil {
		return fmt.Errorf("not a casetrack database: %w", err)
	}
	defer s.Close()
	var migrations, docs int
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM schema_migrations), (SELECT count(*) FROM documents)`).Scan(&migrations, &docs); err != nil {
		return fmt.Errorf("not a casetrack database: %s: %w", path, err)
	}
	if migrations == 0 {
		return fmt.Errorf("not a casetrack database: %s has no migrations applied", path)
	}
	return nil
}
