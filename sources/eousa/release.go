package eousa

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"casetrack/sources"
)

// TableFile is one gs_*.txt file of a release, inside a zip part or on disk.
type TableFile struct {
	Table    string // GS_PARTICIPANT
	District string // district suffix of a split table ("FLM"), else ""
	Name     string // gs_participant_FLM.txt
	Part     string // zip part holding it ("DISK09.zip"); "" for a plain file
	Size     int64  // uncompressed bytes
	Layout   *Table // from the part's own README.TXT, else the fallback
	// LayoutFrom says where Layout came from: "README.TXT of DISK09.zip",
	// "README.TXT in <dir>" or "fallback".
	LayoutFrom string
	open       func() (io.ReadCloser, error)
}

// Open streams the file's bytes (decompressing a zip member on the fly).
func (f TableFile) Open() (io.ReadCloser, error) { return f.open() }

// Release is one monthly snapshot as downloaded: a directory holding the
// zip parts DISK01.zip … DISKnn.zip, a single zip part, or a directory
// tree of unpacked gs_*.txt files beside their README.TXT. Nothing is
// unpacked to disk; zip members are streamed through archive/zip.
type Release struct {
	Path     string
	Snapshot string // e.g. SEPFY2018; "" when nothing in the release names it
	Files    []TableFile
	Warnings []string // size checks that failed, READMEs missing, …
	closers  []io.Closer
}

// Close releases the zip parts.
func (r *Release) Close() error {
	var errs []error
	for _, c := range r.closers {
		errs = append(errs, c.Close())
	}
	r.closers = nil
	return errors.Join(errs...)
}

// TableFiles returns the files holding one table, in name order.
func (r *Release) TableFiles(table string) []TableFile {
	var out []TableFile
	for _, f := range r.Files {
		if f.Table == table {
			out = append(out, f)
		}
	}
	return out
}

var (
	snapshotName = regexp.MustCompile(`(?i)^((?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)FY\d{4})`)
	gsFileName   = regexp.MustCompile(`(?i)^gs_[a-z0-9_]+\.txt$`)
)

// OpenRelease opens a release at path (see Release). fallback supplies the
// layout of tables whose part has no README.TXT; nil means DefaultLayout.
func OpenRelease(path string, fallback Layout) (*Release, error) {
	if fallback == nil {
		var err error
		if fallback, err = DefaultLayout(); err != nil {
			return nil, err
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("eousa release: %w", err)
	}
	rel := &Release{Path: path}
	var zips []string
	if !st.IsDir() {
		if !strings.EqualFold(filepath.Ext(path), ".zip") {
			return nil, fmt.Errorf("eousa release %s: not a directory or zip part: %w", path, sources.ErrLayout)
		}
		zips = []string{path}
	} else {
		ents, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("eousa release: %w", err)
		}
		for _, e := range ents {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".zip") {
				zips = append(zips, filepath.Join(path, e.Name()))
			}
		}
		sort.Strings(zips)
		if m := snapshotName.FindStringSubmatch(filepath.Base(path)); m != nil {
			rel.Snapshot = strings.ToUpper(m[1])
		}
	}
	if len(zips) > 0 {
		for _, z := range zips {
			if err := rel.addZip(z, fallback); err != nil {
				rel.Close()
				return nil, err
			}
		}
	} else if err := rel.addDir(path, fallback); err != nil {
		return nil, err
	}
	if len(rel.Files) == 0 {
		rel.Close()
		return nil, fmt.Errorf("eousa release %s: no gs_*.txt tables: %w", path, sources.ErrEmpty)
	}
	return rel, nil
}

func (rel *Release) addZip(path string, fallback Layout) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("eousa release %s: %w", path, err)
	}
	rel.closers = append(rel.closers, zr)
	part := filepath.Base(path)
	var readme *Readme
	for _, f := range zr.File {
		base := pathBase(f.Name)
		if strings.EqualFold(base, "README.TXT") {
			rc, err := f.Open()
			if err != nil {
				return fmt.Errorf("eousa %s README.TXT: %w", part, err)
			}
			rd, err := ParseReadme(rc)
			rc.Close()
			if err != nil {
				return fmt.Errorf("eousa %s: %w", part, err)
			}
			readme = &rd
		}
		rel.noteSnapshot(base)
	}
	from := "README.TXT of " + part
	if readme == nil {
		rel.Warnings = append(rel.Warnings, part+": no README.TXT; using the fallback layout")
	}
	for _, f := range zr.File {
		base := pathBase(f.Name)
		if !gsFileName.MatchString(base) {
			continue
		}
		zf := f
		rel.addFile(base, part, int64(zf.UncompressedSize64), readme, from, fallback, zf.Open)
	}
	return nil
}

func (rel *Release) addDir(root string, fallback Layout) error {
	readmes := map[string]*Readme{}
	type plain struct {
		dir, path string
		size      int64
	}
	var files []plain
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		base := d.Name()
		rel.noteSnapshot(base)
		switch {
		case strings.EqualFold(base, "README.TXT"):
			fh, err := os.Open(p)
			if err != nil {
				return err
			}
			rd, err := ParseReadme(fh)
			fh.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			readmes[filepath.Dir(p)] = &rd
		case gsFileName.MatchString(base):
			info, err := d.Info()
			if err != nil {
				return err
			}
			files = append(files, plain{filepath.Dir(p), p, info.Size()})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("eousa release %s: %w", root, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	for _, f := range files {
		p := f.path
		rel.addFile(filepath.Base(p), "", f.size, readmes[f.dir], "README.TXT in "+f.dir, fallback,
			func() (io.ReadCloser, error) { return os.Open(p) })
	}
	return nil
}

// addFile names the table a gs_*.txt file holds and picks its layout.
func (rel *Release) addFile(base, part string, size int64, readme *Readme, from string, fallback Layout, open func() (io.ReadCloser, error)) {
	stem := base[:len(base)-len(filepath.Ext(base))]
	table, dist := strings.ToUpper(stem), ""
	known := func(t string) bool {
		if readme != nil && readme.Layout[t] != nil {
			return true
		}
		return fallback[t] != nil
	}
	if !known(table) {
		if i := strings.LastIndexByte(stem, '_'); i > 0 {
			suffix := stem[i+1:]
			if len(suffix) >= 2 && len(suffix) <= 3 && suffix == strings.ToUpper(suffix) && known(strings.ToUpper(stem[:i])) {
				table, dist = strings.ToUpper(stem[:i]), suffix
			}
		}
	}
	tf := TableFile{Table: table, District: dist, Name: base, Part: part, Size: size, open: open}
	switch {
	case readme != nil && readme.Layout[table] != nil:
		tf.Layout, tf.LayoutFrom = readme.Layout[table], from
	case fallback[table] != nil:
		tf.Layout, tf.LayoutFrom = fallback[table], "fallback"
	}
	if tf.Layout != nil && size > 0 && size%int64(tf.Layout.RecLen+1) != 0 && size%int64(tf.Layout.RecLen+2) != 0 {
		rel.Warnings = append(rel.Warnings, fmt.Sprintf("%s%s: %d bytes is not a whole number of %d-byte records", partPrefix(part), base, size, tf.Layout.RecLen))
	}
	rel.Files = append(rel.Files, tf)
}

func (rel *Release) noteSnapshot(base string) {
	if rel.Snapshot != "" {
		return
	}
	if m := snapshotName.FindStringSubmatch(base); m != nil {
		rel.Snapshot = strings.ToUpper(m[1])
	}
}

func pathBase(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}

func partPrefix(part string) string {
	if part == "" {
		return ""
	}
	return part + ":"
}
