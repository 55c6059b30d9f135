// Package archive is casetrack's raw archive: every response body the
// fetcher (pipeline/fetch) receives is written here, compressed and
// content-addressed, BEFORE any source parses it. `casetrack reparse`
// rebuilds records from it without the network, and any archived document
// can become a test fixture by copying it.
//
// Layout under the root (default data/raw):
//
//	<source>/<sha256[:2]>/<sha256>.gz    the body, gzip, no name or mtime in the header
//	<source>/<sha256[:2]>/<sha256>.json  the sidecar: Meta of the first fetch of those bytes
//
// File names are derived from the hash only, never from the URL. Writing
// the same bytes again is a no-op (the first sidecar is kept), so the
// archive is idempotent and append-only. Files are written to a temporary
// name and renamed, body first and sidecar last, so an entry is complete
// exactly when its sidecar exists.
package archive

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"casetrack/sources"
)

// DefaultRoot is where the archive lives unless configured otherwise.
const DefaultRoot = "data/raw"

// ErrNotFound means no complete entry exists for that source and hash.
var ErrNotFound = errors.New("not in archive")

// KeptHeaders are the response headers worth keeping beside a body. Nothing
// else is stored: never Authorization, cookies or tokens.
var KeptHeaders = []string{"Content-Type", "Content-Language", "ETag", "Last-Modified", "Date", "Location"}

// Meta is the JSON sidecar of one archived body.
type Meta struct {
	Source      string              `json:"source"`
	URL         string              `json:"url"` // credentials and secret-looking query values removed
	Status      int                 `json:"status"`
	ContentType string              `json:"content_type,omitempty"`
	Header      map[string][]string `json:"headers,omitempty"`
	FetchedAt   time.Time           `json:"fetched_at"`
	SHA256      string              `json:"sha256"`
	Size        int64               `json:"size"` // uncompressed bytes
}

// Archive is a raw archive rooted at one directory. It holds no state
// besides the root, so several values (or processes) may share a root.
type Archive struct {
	root string
}

// New opens (creating if needed) the archive at root; "" means DefaultRoot.
func New(root string) (*Archive, error) {
	if root == "" {
		root = DefaultRoot
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("archive %s: %w", root, err)
	}
	return &Archive{root: root}, nil
}

// Root returns the archive directory.
func (a *Archive) Root() string { return a.root }

var (
	sourceName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	hexSHA     = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Sum returns the hex sha256 of b, the archive key.
func Sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// paths returns the body and sidecar paths of one entry.
func (a *Archive) paths(source, sha string) (body, meta string, err error) {
	if !sourceName.MatchString(source) {
		return "", "", fmt.Errorf("archive: source name %q: want lowercase letters, digits, - or _", source)
	}
	if !hexSHA.MatchString(sha) {
		return "", "", fmt.Errorf("archive: %q is not a hex sha256", sha)
	}
	dir := filepath.Join(a.root, source, sha[:2])
	return filepath.Join(dir, sha+".gz"), filepath.Join(dir, sha+".json"), nil
}

// Put stores doc.Body under doc.Source and returns doc with SHA256 set (and
// checked, when the caller filled it) and Header reduced to KeptHeaders.
// It is idempotent: when the entry exists, nothing is written and the
// existing sidecar stays as it was.
func (a *Archive) Put(doc sources.Document) (sources.Document, error) {
	sum := Sum(doc.Body)
	if doc.SHA256 != "" && doc.SHA256 != sum {
		return doc, fmt.Errorf("archive %s %s: document says sha256 %s but body hashes to %s", doc.Source, doc.URL, doc.SHA256, sum)
	}
	doc.SHA256 = sum
	doc.Header = keptHeader(doc.Header)
	bodyPath, metaPath, err := a.paths(doc.Source, sum)
	if err != nil {
		return doc, err
	}
	if _, err := os.Stat(metaPath); err == nil {
		return doc, nil
	}
	if err := os.MkdirAll(filepath.Dir(bodyPath), 0o755); err != nil {
		return doc, fmt.Errorf("archive %s: %w", doc.URL, err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression) // the level is valid
	if _, err := zw.Write(doc.Body); err != nil {
		return doc, fmt.Errorf("archive %s: compress: %w", doc.URL, err)
	}
	if err := zw.Close(); err != nil {
		return doc, fmt.Errorf("archive %s: compress: %w", doc.URL, err)
	}
	if err := writeAtomic(bodyPath, gz.Bytes()); err != nil {
		return doc, fmt.Errorf("archive %s: %w", doc.URL, err)
	}
	ct := doc.ContentType
	if ct == "" {
		ct = doc.Header.Get("Content-Type")
	}
	m := Meta{
		Source: doc.Source, URL: SafeURL(doc.URL), Status: doc.Status, ContentType: ct,
		Header: doc.Header, FetchedAt: doc.FetchedAt.UTC(), SHA256: sum, Size: int64(len(doc.Body)),
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return doc, fmt.Errorf("archive %s: sidecar: %w", doc.URL, err)
	}
	if err := writeAtomic(metaPath, append(mb, '\n')); err != nil {
		return doc, fmt.Errorf("archive %s: %w", doc.URL, err)
	}
	return doc, nil
}

// Has reports whether a complete entry exists.
func (a *Archive) Has(source, sha string) bool {
	_, metaPath, err := a.paths(source, sha)
	if err != nil {
		return false
	}
	_, err = os.Stat(metaPath)
	return err == nil
}

// Get reads one entry back as a Document, verifying the hash. A missing
// entry wraps ErrNotFound.
func (a *Archive) Get(source, sha string) (sources.Document, error) {
	_, metaPath, err := a.paths(source, sha)
	if err != nil {
		return sources.Document{}, err
	}
	m, err := readMeta(metaPath)
	if err != nil {
		return sources.Document{}, err
	}
	return a.load(m)
}

// load reads the body of an entry whose sidecar is m.
func (a *Archive) load(m Meta) (sources.Document, error) {
	bodyPath, _, err := a.paths(m.Source, m.SHA256)
	if err != nil {
		return sources.Document{}, err
	}
	f, err := os.Open(bodyPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return sources.Document{}, fmt.Errorf("archive %s/%s: body missing: %w", m.Source, m.SHA256, ErrNotFound)
		}
		return sources.Document{}, fmt.Errorf("archive %s/%s: %w", m.Source, m.SHA256, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return sources.Document{}, fmt.Errorf("archive %s/%s: %w", m.Source, m.SHA256, err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return sources.Document{}, fmt.Errorf("archive %s/%s: %w", m.Source, m.SHA256, err)
	}
	if got := Sum(body); got != m.SHA256 {
		return sources.Document{}, fmt.Errorf("archive %s/%s: corrupt, body hashes to %s", m.Source, m.SHA256, got)
	}
	return sources.Document{
		Source: m.Source, URL: m.URL, FetchedAt: m.FetchedAt, Status: m.Status,
		ContentType: m.ContentType, Header: http.Header(m.Header), Body: body, SHA256: m.SHA256,
	}, nil
}

func readMeta(path string) (Meta, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Meta{}, fmt.Errorf("archive %s: %w", path, ErrNotFound)
		}
		return Meta{}, fmt.Errorf("archive: %w", err)
	}
	var m Meta
	if err := json.Unmarshal(b, &m); err != nil {
		return Meta{}, fmt.Errorf("archive %s: sidecar: %w", path, err)
	}
	return m, nil
}

// Sources lists the source directories present, sorted.
func (a *Archive) Sources() ([]string, error) {
	ents, err := os.ReadDir(a.root)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", a.root, err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() && sourceName.MatchString(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// List returns the sidecars of every complete entry of source, oldest fetch
// first (ties by hash), so that replaying them in order lets a later
// version of a document win, as it did when it was crawled.
func (a *Archive) List(source string) ([]Meta, error) {
	if !sourceName.MatchString(source) {
		return nil, fmt.Errorf("archive: source name %q", source)
	}
	dir := filepath.Join(a.root, source)
	var metas []Meta
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".json") {
			return nil
		}
		m, err := readMeta(p)
		if err != nil {
			return err
		}
		if m.Source != source || filepath.Base(p) != m.SHA256+".json" {
			return fmt.Errorf("archive %s: sidecar does not match its path", p)
		}
		metas = append(metas, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive list %s: %w", source, err)
	}
	sort.Slice(metas, func(i, j int) bool {
		if !metas[i].FetchedAt.Equal(metas[j].FetchedAt) {
			return metas[i].FetchedAt.Before(metas[j].FetchedAt)
		}
		return metas[i].SHA256 < metas[j].SHA256
	})
	return metas, nil
}

// Walk hands every archived document of source to fn in List order, for
// `casetrack reparse`. It stops at the first error from fn or from reading,
// and when ctx is done.
func (a *Archive) Walk(ctx context.Context, source string, fn func(sources.Document) error) error {
	metas, err := a.List(source)
	if err != nil {
		return err
	}
	for _, m := range metas {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := a.load(m)
		if err != nil {
			return err
		}
		if err := fn(doc); err != nil {
			return err
		}
	}
	return nil
}

func keptHeader(h http.Header) http.Header {
	out := http.Header{}
	for _, k := range KeptHeaders {
		if v := h.Values(k); len(v) > 0 {
			out[http.CanonicalHeaderKey(k)] = append([]string(nil), v...)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

var secretParam = regexp.MustCompile(`(?i)token|key|secret|passw|auth|sig|session|credential`)

// SafeURL removes user info and the values of query parameters whose names
// look secret (token, api_key, signature, ...) so a sidecar never holds a
// credential. Unparseable input is returned with its query dropped.
func SafeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		s, _, _ := strings.Cut(raw, "?")
		return s
	}
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		changed := false
		for k := range q {
			if secretParam.MatchString(k) {
				q[k] = []string{"REDACTED"}
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}

// writeAtomic writes b to path through a temporary file in the same
// directory and a rename.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
