package eousa

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"

	"casetrack/sources"
)

// Config configures the downloader. cmd fills it; nothing here reads the
// environment.
type Config struct {
	// BaseURL is the National Caseload Data landing page (LandingURL by default).
	BaseURL string
	// Dir keeps the releases: Dir/<SNAPSHOT>/DISKnn.zip (cmd: <raw archive>/_eousa, outside the content-addressed source directories).
	Dir string
	// ChunkSize is the byte range fetched per request (32 MiB by default:
	// under pipeline/fetch's 50 MiB body cap).
	ChunkSize int64
}

// Source is the eousa source: Crawl downloads the newest monthly release.
type Source struct{ cfg Config }

// New returns the source with defaults filled in.
func New(cfg Config) *Source {
	if cfg.BaseURL == "" {
		cfg.BaseURL = LandingURL
	}
	if cfg.ChunkSize <= 0 {
		cfg.ChunkSize = 32 << 20
	}
	return &Source{cfg: cfg}
}

// Name is "eousa".
func (s *Source) Name() string { return Name }

// Manifest describes one downloaded release; Crawl emits it as the
// Document body (JSON) once every part is complete and checked.
type Manifest struct {
	Snapshot  string         `json:"snapshot"`   // e.g. JULFY2025
	MonthPage string         `json:"month_page"` // justice.gov page listing the parts
	LinkText  string         `json:"link_text"`  // "July 2025 data files"
	Dir       string         `json:"dir"`        // local directory holding the parts
	Parts     []ManifestPart `json:"parts"`
}

// ManifestPart is one downloaded zip part.
type ManifestPart struct {
	Name   string `json:"name"` // DISK01.zip
	URL    string `json:"url"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

var (
	monthLink = regexp.MustCompile(`(?i)\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\s+data\s+files\b`)
	diskName  = regexp.MustCompile(`(?i)disk\s*_?0*(\d{1,3})`)
	// Content-Range: bytes 0-99/1234
	contentRange = regexp.MustCompile(`^bytes\s+(\d+)-(\d+)/(\d+|\*)$`)
)

// Release is a monthly release link found on the landing page.
type ReleaseLink struct {
	Snapshot string
	Month    time.Time // first day of the month covered
	URL      string
	Text     string
}

// SnapshotID names the monthly release covering month m: <MON>FY<fiscal year>.
func SnapshotID(m time.Time) string {
	fy := m.Year()
	if m.Month() >= time.October {
		fy++
	}
	return strings.ToUpper(m.Format("Jan")) + "FY" + strconv.Itoa(fy)
}

// FindReleases reads the landing page: links whose text is
// "<Month> <YYYY> data files", newest first.
func FindReleases(page []byte, base string) ([]ReleaseLink, error) {
	links, err := anchors(page, base)
	if err != nil {
		return nil, err
	}
	var out []ReleaseLink
	seen := map[string]bool{}
	for _, a := range links {
		m := monthLink.FindStringSubmatch(a.text)
		if m == nil || seen[a.href] {
			continue
		}
		t, err := time.Parse("January 2006", strings.Title(strings.ToLower(m[1]))+" "+m[2]) //nolint:staticcheck // ASCII month names
		if err != nil {
			continue
		}
		seen[a.href] = true
		out = append(out, ReleaseLink{Snapshot: SnapshotID(t), Month: t, URL: a.href, Text: strings.TrimSpace(a.text)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Month.After(out[j].Month) })
	return out, nil
}

// PartLink is one zip part listed on a month page.
type PartLink struct {
	Name string // DISK01.zip
	URL  string
}

// FindParts reads a month page: links whose text names a disk and a zip
// ("DISK01.zip", "Disk 1 (zip)"), in disk order.
func FindParts(page []byte, base string) ([]PartLink, error) {
	links, err := anchors(page, base)
	if err != nil {
		return nil, err
	}
	var out []PartLink
	seen := map[string]bool{}
	for _, a := range links {
		lt := strings.ToLower(a.text)
		if !strings.Contains(lt, "disk") || !strings.Contains(lt, "zip") {
			continue
		}
		m := diskName.FindStringSubmatch(a.text)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		name := fmt.Sprintf("DISK%02d.zip", n)
		if seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, PartLink{Name: name, URL: a.href})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

type anchor struct{ text, href string }

// anchors lists the <a href> links of a page with their text, hrefs made absolute.
func anchors(page []byte, base string) ([]anchor, error) {
	bu, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("base url %q: %w", base, err)
	}
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	var out []anchor
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, at := range n.Attr {
				if at.Key != "href" {
					continue
				}
				u, err := bu.Parse(strings.TrimSpace(at.Val))
				if err == nil {
					out = append(out, anchor{text: strings.Join(strings.Fields(textOf(n)), " "), href: u.String()})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out, nil
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
		b.WriteByte(' ')
	}
	return b.String()
}

func (s *Source) get(ctx context.Context, f sources.Fetcher, u string) (sources.Document, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return sources.Document{}, err
	}
	doc, err := f.Fetch(ctx, req)
	if err != nil {
		return doc, err
	}
	if doc.Status == http.StatusUnauthorized || doc.Status == http.StatusForbidden {
		return doc, fmt.Errorf("%s: status %d: %w", u, doc.Status, sources.ErrBlocked)
	}
	if doc.Status != http.StatusOK {
		return doc, fmt.Errorf("%s: status %d", u, doc.Status)
	}
	return doc, nil
}

// Crawl finds the newest monthly release on the landing page and, unless
// cur already names it, downloads its zip parts into Dir/<SNAPSHOT>/ (see
// download), then emits one Document whose body is the Manifest (JSON).
// The cursor is the snapshot id of the last release fully downloaded; on
// error the old cursor is returned and the partial files stay for the
// next run to resume.
func (s *Source) Crawl(ctx context.Context, f sources.Fetcher, cur sources.Cursor, emit func(sources.Document) error) (sources.Cursor, error) {
	if s.cfg.Dir == "" {
		return cur, errors.New("eousa crawl: Config.Dir not set")
	}
	landing, err := s.get(ctx, f, s.cfg.BaseURL)
	if err != nil {
		return cur, fmt.Errorf("eousa landing page: %w", err)
	}
	rels, err := FindReleases(landing.Body, s.cfg.BaseURL)
	if err != nil {
		return cur, fmt.Errorf("eousa landing page: %w", err)
	}
	if len(rels) == 0 {
		return cur, fmt.Errorf("eousa landing page %s: no \"<Month> <YYYY> data files\" link: %w", s.cfg.BaseURL, sources.ErrLayout)
	}
	newest := rels[0]
	if string(cur) == newest.Snapshot {
		return cur, nil
	}
	monthPage, err := s.get(ctx, f, newest.URL)
	if err != nil {
		return cur, fmt.Errorf("eousa %s page: %w", newest.Snapshot, err)
	}
	parts, err := FindParts(monthPage.Body, newest.URL)
	if err != nil {
		return cur, fmt.Errorf("eousa %s page: %w", newest.Snapshot, err)
	}
	if len(parts) == 0 {
		return cur, fmt.Errorf("eousa %s page %s: no DISK zip links: %w", newest.Snapshot, newest.URL, sources.ErrLayout)
	}
	dir := filepath.Join(s.cfg.Dir, newest.Snapshot)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cur, fmt.Errorf("eousa %s: %w", newest.Snapshot, err)
	}
	man := Manifest{Snapshot: newest.Snapshot, MonthPage: newest.URL, LinkText: newest.Text, Dir: dir}
	for _, p := range parts {
		mp, err := s.download(ctx, f, dir, p)
		if err != nil {
			return cur, fmt.Errorf("eousa %s %s: %w", newest.Snapshot, p.Name, err)
		}
		man.Parts = append(man.Parts, mp)
	}
	body, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return cur, err
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), body, 0o644); err != nil {
		return cur, fmt.Errorf("eousa %s manifest: %w", newest.Snapshot, err)
	}
	sum := sha256.Sum256(body)
	doc := sources.Document{Source: Name, URL: newest.URL, FetchedAt: monthPage.FetchedAt, Status: http.StatusOK,
		ContentType: "application/json", Body: body, SHA256: hex.EncodeToString(sum[:])}
	if err := emit(doc); err != nil {
		return cur, err
	}
	return sources.Cursor(newest.Snapshot), nil
}

// download fetches one zip part in byte ranges of ChunkSize through the
// Fetcher, appending to <name>.part. Every chunk's sha256 is written to
// <name>.chunks as "offset length sha256"; on resume the bytes already in
// .part are re-hashed against that list and the file is cut back to the
// last chunk that checks out. When the part is whole it must open as a
// zip; its sha256 goes to <name>.sha256 and .part is renamed. A part that
// already has a matching .sha256 is not fetched again.
func (s *Source) download(ctx context.Context, f sources.Fetcher, dir string, p PartLink) (ManifestPart, error) {
	final := filepath.Join(dir, p.Name)
	mp := ManifestPart{Name: p.Name, URL: p.URL}
	if sum, size, ok := verifiedPart(final); ok {
		mp.SHA256, mp.Bytes = sum, size
		return mp, nil
	}
	partPath, chunksPath := final+".part", final+".chunks"
	off, err := resumeOffset(partPath, chunksPath)
	if err != nil {
		return mp, err
	}
	fh, err := os.OpenFile(partPath, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return mp, err
	}
	defer fh.Close()
	if err := fh.Truncate(off); err != nil {
		return mp, err
	}
	if _, err := fh.Seek(off, io.SeekStart); err != nil {
		return mp, err
	}
	chunks, err := os.OpenFile(chunksPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return mp, err
	}
	defer chunks.Close()
	total := int64(-1)
	for total < 0 || off < total {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL, nil)
		if err != nil {
			return mp, err
		}
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+s.cfg.ChunkSize-1))
		doc, err := f.Fetch(ctx, req)
		if err != nil {
			return mp, fmt.Errorf("bytes %d-: %w", off, err)
		}
		switch doc.Status {
		case http.StatusPartialContent:
			m := contentRange.FindStringSubmatch(strings.TrimSpace(doc.Header.Get("Content-Range")))
			if m == nil {
				return mp, fmt.Errorf("206 without a usable Content-Range %q: %w", doc.Header.Get("Content-Range"), sources.ErrLayout)
			}
			start, _ := strconv.ParseInt(m[1], 10, 64)
			end, _ := strconv.ParseInt(m[2], 10, 64)
			if start != off || end-start+1 != int64(len(doc.Body)) {
				return mp, fmt.Errorf("asked for bytes %d-, got %s with %d bytes: %w", off, m[0], len(doc.Body), sources.ErrLayout)
			}
			if m[3] != "*" {
				total, _ = strconv.ParseInt(m[3], 10, 64)
			} else if int64(len(doc.Body)) < s.cfg.ChunkSize {
				total = end + 1
			}
		case http.StatusOK:
			// No range support: the body is the whole file; only usable from the start.
			if off != 0 {
				return mp, fmt.Errorf("server ignored Range at offset %d: %w", off, sources.ErrLayout)
			}
			total = int64(len(doc.Body))
		case http.StatusRequestedRangeNotSatisfiable:
			if off > 0 && total < 0 {
				total = off // the file ended exactly at a chunk boundary
				continue
			}
			return mp, fmt.Errorf("range %d- not satisfiable", off)
		case http.StatusUnauthorized, http.StatusForbidden:
			return mp, fmt.Errorf("status %d: %w", doc.Status, sources.ErrBlocked)
		default:
			return mp, fmt.Errorf("bytes %d-: status %d", off, doc.Status)
		}
		if len(doc.Body) == 0 && off < total {
			return mp, fmt.Errorf("bytes %d-: empty body: %w", off, sources.ErrEmpty)
		}
		if _, err := fh.Write(doc.Body); err != nil {
			return mp, err
		}
		if err := fh.Sync(); err != nil {
			return mp, err
		}
		sum := sha256.Sum256(doc.Body)
		if _, err := fmt.Fprintf(chunks, "%d %d %s\n", off, len(doc.Body), hex.EncodeToString(sum[:])); err != nil {
			return mp, err
		}
		off += int64(len(doc.Body))
	}
	if err := fh.Close(); err != nil {
		return mp, err
	}
	zr, err := zip.OpenReader(partPath)
	if err != nil {
		return mp, fmt.Errorf("downloaded part is not a zip: %v: %w", err, sources.ErrLayout)
	}
	zr.Close()
	sum, size, err := hashFile(partPath)
	if err != nil {
		return mp, err
	}
	if err := os.WriteFile(final+".sha256", []byte(sum+"  "+p.Name+"\n"), 0o644); err != nil {
		return mp, err
	}
	if err := os.Rename(partPath, final); err != nil {
		return mp, err
	}
	os.Remove(chunksPath)
	mp.SHA256, mp.Bytes = sum, size
	return mp, nil
}

// resumeOffset re-hashes the bytes already downloaded against the chunk
// list and returns how many of them check out.
func resumeOffset(partPath, chunksPath string) (int64, error) {
	cf, err := os.Open(chunksPath)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer cf.Close()
	pf, err := os.Open(partPath)
	if errors.Is(err, os.ErrNotExist) {
		return 0, os.Remove(chunksPath)
	}
	if err != nil {
		return 0, err
	}
	defer pf.Close()
	var good int64
	var kept []string
	sc := bufio.NewScanner(cf)
	for sc.Scan() {
		var off, n int64
		var want string
		if _, err := fmt.Sscanf(sc.Text(), "%d %d %s", &off, &n, &want); err != nil || off != good {
			break
		}
		h := sha256.New()
		if _, err := io.Copy(h, io.NewSectionReader(pf, off, n)); err != nil {
			break
		}
		if got, err := pf.Stat(); err != nil || got.Size() < off+n || hex.EncodeToString(h.Sum(nil)) != want {
			break
		}
		good = off + n
		kept = append(kept, sc.Text())
	}
	// Rewrite the chunk list to what checked out.
	var b strings.Builder
	for _, k := range kept {
		b.WriteString(k)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(chunksPath, []byte(b.String()), 0o644); err != nil {
		return 0, err
	}
	return good, nil
}

// verifiedPart reports whether a finished part exists and matches its .sha256.
func verifiedPart(final string) (string, int64, bool) {
	b, err := os.ReadFile(final + ".sha256")
	if err != nil {
		return "", 0, false
	}
	fields := strings.Fields(string(b))
	if len(fields) == 0 {
		return "", 0, false
	}
	sum, size, err := hashFile(final)
	if err != nil || sum != fields[0] {
		return "", 0, false
	}
	return sum, size, true
}

func hashFile(path string) (string, int64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// ParseManifest reads the Document Crawl emits.
func ParseManifest(doc sources.Document) (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(doc.Body, &m); err != nil || m.Snapshot == "" || len(m.Parts) == 0 {
		return m, fmt.Errorf("eousa: document %s is not a release manifest: %w", doc.URL, sources.ErrLayout)
	}
	return m, nil
}

// Parse reads the manifest Document and returns one Record describing the
// release (Key "release:<SNAPSHOT>"): provenance for the run. The
// defendants themselves are too many for one Document; the importer reads
// them from the parts on disk (Releases, Open).
//
// The landing and month pages the crawl fetches are archived like any
// response; they are navigation, not records, so Parse returns nothing for
// an HTML document (what `casetrack reparse` hands it).
func (s *Source) Parse(doc sources.Document) ([]sources.Record, error) {
	if isHTML(doc) {
		return nil, nil
	}
	m, err := ParseManifest(doc)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, p := range m.Parts {
		fmt.Fprintf(&b, "%s %d bytes sha256 %s %s\n", p.Name, p.Bytes, p.SHA256, p.URL)
	}
	rec := sources.Record{Source: Name, Key: "release:" + m.Snapshot, URL: m.MonthPage, Publisher: Publisher,
		Title: "EOUSA National Caseload Data " + m.Snapshot + " (" + m.LinkText + ")", Body: b.String(),
		RawSHA256: doc.SHA256, FetchedAt: doc.FetchedAt, Kept: "release manifest"}
	if d, ok := SnapshotDate(m.Snapshot); ok {
		rec.Published = d
	}
	return []sources.Record{rec}, nil
}

func isHTML(doc sources.Document) bool {
	if strings.Contains(strings.ToLower(doc.ContentType), "html") {
		return true
	}
	b := bytes.TrimSpace(doc.Body)
	return len(b) > 0 && b[0] == '<'
}
