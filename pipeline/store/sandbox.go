package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// The Sandbox mode serves `casetrack sql`, which runs whatever a researcher
// (or anyone who can run the command) types. Two independent layers keep
// it from writing anything:
//
//  1. DuckDB's local file system is disabled once the database is open.
//     enable_external_access=false alone is not enough: DuckDB then still
//     allows the database file, its WAL (.wal, .wal.recovery,
//     .wal.checkpoint) and its spill directory, so `COPY … TO '<db>'`
//     overwrote the published database. With the file system disabled the
//     open database is read through the handle it already holds, and every
//     path (COPY TO, EXPORT, ATTACH, INSTALL, persistent secrets, file
//     logging, spilling) fails. The configuration is then locked, so no SET,
//     RESET or PRAGMA can undo it.
//  2. SandboxQuery runs a statement only when it opens with a query's
//     keyword and DuckDB, preparing it alone, classifies it as a query
//     (SELECT or EXPLAIN; PRAGMA, SHOW, DESCRIBE and SUMMARIZE are
//     rewritten to SELECT). COPY, EXPORT, ATTACH, SET, INSTALL, LOAD, CALL,
//     CHECKPOINT, CREATE and the rest are refused before they run, whatever
//     DuckDB would allow. The keyword comes first because preparing is not
//     always free of effects (preparing EXPORT DATABASE creates its
//     directory).
//
// TestSQLHasNoWritePath tries every write vector in both modes of the shell
// and checks that the database's bytes are unchanged.

// sandboxDSN is the part of the connection string set before the database
// opens (the file system can only be disabled after, see lockDown).
const sandboxDSN = "&enable_external_access=false&autoinstall_known_extensions=false&autoload_known_extensions=false"

// lockDown disables the local file system and locks the configuration of an
// open sandboxed database. Both settings are global: every connection the
// pool opens later has them too.
func lockDown(ctx context.Context, db *sql.DB) error {
	for _, q := range []string{
		"SET disabled_filesystems = 'LocalFileSystem'",
		"SET lock_configuration = true",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sandbox: %s: %w", q, err)
		}
	}
	return nil
}

// queryStatements are the statement kinds SandboxQuery runs.
var queryStatements = map[duckdb.StmtType]bool{
	duckdb.STATEMENT_TYPE_SELECT:  true,
	duckdb.STATEMENT_TYPE_EXPLAIN: true,
}

// ErrNotAQuery is returned by SandboxQuery for a statement that is not a query.
var ErrNotAQuery = errors.New("only queries run here (SELECT, EXPLAIN, SHOW, DESCRIBE, SUMMARIZE or PRAGMA)")

// SandboxQuery runs one user-typed query on a store opened in Sandbox mode.
// A text holding several statements is refused: each must be checked alone.
func (s *Store) SandboxQuery(ctx context.Context, q string) (*sql.Rows, error) {
	if s.mode != Sandbox {
		return nil, fmt.Errorf("sandbox query on a database not opened in Sandbox mode")
	}
	if err := s.checkQuery(ctx, q); err != nil {
		return nil, err
	}
	// The pool holds one connection: the query runs on the one checked.
	return s.db.QueryContext(ctx, q)
}

// queryKeywords are the words a query may open with.
var queryKeywords = map[string]bool{"select": true, "from": true, "with": true, "values": true, "table": true,
	"show": true, "describe": true, "desc": true, "summarize": true, "pragma": true, "(": true}

// opensAsQuery reports whether q opens with a query keyword, or with
// EXPLAIN [ANALYZE] and then one (EXPLAIN ANALYZE runs what it explains).
func opensAsQuery(q string) bool {
	kw, rest := firstKeyword(q)
	if kw == "explain" {
		if kw, rest = firstKeyword(rest); kw == "analyze" {
			kw, _ = firstKeyword(rest)
		}
		return kw != "(" && queryKeywords[kw] // "(" may open EXPLAIN's options
	}
	return queryKeywords[kw]
}

// firstKeyword returns q's first word, lower-cased, after white space and
// SQL comments ("(" for an opening parenthesis), and the text after it.
func firstKeyword(q string) (kw, rest string) {
	for {
		q = strings.TrimLeft(q, " \t\r\n\f")
		switch {
		case strings.HasPrefix(q, "--"):
			i := strings.IndexByte(q, '\n')
			if i < 0 {
				return "", ""
			}
			q = q[i+1:]
		case strings.HasPrefix(q, "/*"):
			i := strings.Index(q, "*/")
			if i < 0 {
				return "", ""
			}
			q = q[i+2:]
		case strings.HasPrefix(q, "("):
			return "(", q[1:]
		default:
			end := strings.IndexFunc(q, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')
			})
			if end < 0 {
				end = len(q)
			}
			return strings.ToLower(q[:end]), q[end:]
		}
	}
}

// checkQuery returns ErrNotAQuery unless q opens with a query keyword and
// is one statement of a kind in queryStatements (prepared, not run).
func (s *Store) checkQuery(ctx context.Context, q string) error {
	if !opensAsQuery(q) {
		return ErrNotAQuery
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*duckdb.Conn)
		if !ok {
			return fmt.Errorf("sandbox: unexpected driver connection %T", dc)
		}
		// Prepare (not PrepareContext) takes exactly one statement; with
		// several, the driver would run all but the last while preparing.
		stmt, err := c.Prepare(q)
		if err != nil {
			if strings.Contains(err.Error(), "multi-statement") {
				return fmt.Errorf("one statement at a time, please: %w", ErrNotAQuery)
			}
			return err
		}
		defer stmt.Close()
		ds, ok := stmt.(*duckdb.Stmt)
		if !ok {
			return fmt.Errorf("sandbox: unexpected driver statement %T", stmt)
		}
		typ, err := ds.StatementType()
		if err != nil {
			return err
		}
		if !queryStatements[typ] {
			return ErrNotAQuery
		}
		return nil
	})
}
