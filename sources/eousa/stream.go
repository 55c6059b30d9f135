package eousa

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"casetrack/sources"
)

// stream is a release opened for loading: sources.Release over Decode.
type stream struct {
	rel  *Release
	snap sources.Snapshot
	opt  Options
}

// Open opens the release at path (see OpenRelease and IsRelease) as a
// sources.Release: one Record per kept defendant (see Defendant.Record).
// The snapshot id must be in the directory or file names; the release's
// page is the month page its manifest.json names (a release `casetrack
// run` downloaded), else the landing page.
func Open(path string) (sources.Release, error) {
	return OpenWith(path, Options{})
}

// OpenWith is Open with decoding options (opt.Snapshot overrides the id
// found in the names).
func OpenWith(path string, opt Options) (sources.Release, error) {
	rel, err := OpenRelease(path, nil)
	if err != nil {
		return nil, err
	}
	id := opt.Snapshot
	if id == "" {
		id = rel.Snapshot
	}
	date, ok := SnapshotDate(id)
	if !ok {
		rel.Close()
		return nil, fmt.Errorf("eousa %s: no snapshot id (like SEPFY2018) in the directory or file names: %w", path, sources.ErrLayout)
	}
	opt.Snapshot = id
	url := LandingURL
	if m, err := readManifest(filepath.Join(path, "manifest.json")); err == nil && m.MonthPage != "" {
		url = m.MonthPage
	}
	return &stream{rel: rel, opt: opt, snap: sources.Snapshot{ID: id, Date: date, URL: url}}, nil
}

func (s *stream) Snapshot() sources.Snapshot { return s.snap }

func (s *stream) Close() error { return s.rel.Close() }

// Records decodes the release and emits each kept defendant's Record. A
// release in which no defendant touches the charge set is an error
// (sources.ErrEmpty): a wrong or truncated download, never a snapshot.
func (s *stream) Records(ctx context.Context, emit func(sources.Record) error) (sources.ReleaseStats, error) {
	st, err := Decode(ctx, s.rel, s.opt, func(def Defendant) error {
		return emit(def.Record(s.snap.URL))
	})
	out := sources.ReleaseStats{Cases: st.Cases, Kept: st.Defendants, Bytes: st.Bytes, Warnings: s.rel.Warnings}
	if err != nil {
		return out, err
	}
	if st.Defendants == 0 {
		return out, fmt.Errorf("eousa %s: no defendant touches the charge set: %w", s.rel.Path, sources.ErrEmpty)
	}
	return out, nil
}

var diskZip = regexp.MustCompile(`(?i)^disk\d{1,3}\.zip$`)

// IsRelease reports whether path looks like an EOUSA release, so `import`
// can stream it with Open instead of reading it file by file: a DISKnn.zip
// part, a directory holding DISKnn.zip parts, or a directory whose tree
// (two levels deep at most) holds a README.TXT beside gs_*.txt tables.
func IsRelease(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !st.IsDir() {
		return diskZip.MatchString(filepath.Base(path))
	}
	var check func(dir string, depth int) bool
	check = func(dir string, depth int) bool {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return false
		}
		readme, gs := false, false
		for _, e := range ents {
			n := e.Name()
			switch {
			case e.IsDir():
				if depth < 2 && check(filepath.Join(dir, n), depth+1) {
					return true
				}
			case diskZip.MatchString(n) && depth == 0:
				return true
			case strings.EqualFold(n, "README.TXT"):
				readme = true
			case gsFileName.MatchString(n):
				gs = true
			}
		}
		return readme && gs
	}
	return check(path, 0)
}

// Releases lists the releases Crawl has finished downloading under the
// source's directory (Config.Dir/<SNAPSHOT>/manifest.json, written once
// every part is downloaded and checked), oldest first. `casetrack run`
// imports them after the crawl; a snapshot the database already holds is
// skipped there without being read.
func (s *Source) Releases() ([]string, error) {
	if s.cfg.Dir == "" {
		return nil, nil
	}
	matches, err := filepath.Glob(filepath.Join(s.cfg.Dir, "*", "manifest.json"))
	if err != nil {
		return nil, err
	}
	type found struct {
		dir  string
		date string
	}
	var out []found
	for _, m := range matches {
		man, err := readManifest(m)
		if err != nil {
			return nil, err
		}
		d, ok := SnapshotDate(man.Snapshot)
		if !ok {
			return nil, fmt.Errorf("eousa releases: %s names no snapshot", m)
		}
		out = append(out, found{filepath.Dir(m), d.Format("2006-01-02") + man.Snapshot})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].date < out[j].date })
	dirs := make([]string, len(out))
	for i, f := range out {
		dirs[i] = f.dir
	}
	return dirs, nil
}

// readManifest reads a release directory's manifest.json.
func readManifest(path string) (Manifest, error) {
	var man Manifest
	b, err := os.ReadFile(path)
	if err != nil {
		return man, err
	}
	if err := json.Unmarshal(b, &man); err != nil || man.Snapshot == "" {
		return man, fmt.Errorf("eousa: %s is not a release manifest", path)
	}
	return man, nil
}
