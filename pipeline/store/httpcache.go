package store

import (
	"context"
	"fmt"
)

// CacheEntry is what a conditional GET needs to remember about one URL.
type CacheEntry struct {
	ETag, LastModified, SHA256 string
}

// HTTPCache reads the remembered validators of every URL.
func (s *Store) HTTPCache(ctx context.Context) (map[string]CacheEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT url, coalesce(etag, ''), coalesce(last_modified, ''), sha256 FROM http_cache`)
	if err != nil {
		return nil, fmt.Errorf("http cache: %w", err)
	}
	defer rows.Close()
	out := map[string]CacheEntry{}
	for rows.Next() {
		var u string
		var e CacheEntry
		if err := rows.Scan(&u, &e.ETag, &e.LastModified, &e.SHA256); err != nil {
			return nil, fmt.Errorf("http cache: %w", err)
		}
		out[u] = e
	}
	return out, rows.Err()
}

// SaveHTTPCache replaces the remembered validators in one transaction.
func (s *Store) SaveHTTPCache(ctx context.Context, entries map[string]CacheEntry) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("http cache: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM http_cache`); err != nil {
		return fmt.Errorf("http cache: %w", err)
	}
	if len(entries) > 0 {
		urls := make([]string, 0, len(entries))
		etags := make([]string, 0, len(entries))
		lms := make([]string, 0, len(entries))
		shas := make([]string, 0, len(entries))
		for u, e := range entries {
			urls, etags, lms, shas = append(urls, u), append(etags, e.ETag), append(lms, e.LastModified), append(shas, e.SHA256)
		}
		// One set-based insert from four parallel lists (never row by row).
		if _, err := tx.ExecContext(ctx, `INSERT INTO http_cache
			SELECT u, nullif(e, ''), nullif(l, ''), s, ? FROM (SELECT unnest(?::VARCHAR[]) AS u, unnest(?::VARCHAR[]) AS e,
				unnest(?::VARCHAR[]) AS l, unnest(?::VARCHAR[]) AS s)`, s.now(), urls, etags, lms, shas); err != nil {
			return fmt.Errorf("http cache: %w", err)
		}
	}
	return tx.Commit()
}
