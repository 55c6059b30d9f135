package eousa

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"casetrack/sources"
)

// Open streams one record per kept defendant, each with its caseload part,
// in decode order; the snapshot is known before anything is read.
func TestOpenStreamsRecords(t *testing.T) {
	rel, err := Open("testdata/constructed_AUGFY2023")
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	want := sources.Snapshot{ID: "AUGFY2023", Date: time.Date(2023, 8, 31, 0, 0, 0, 0, time.UTC), URL: LandingURL}
	if got := rel.Snapshot(); got != want {
		t.Errorf("snapshot %+v, want %+v", got, want)
	}
	defs, _, _ := decodeAll(t, "testdata/constructed_AUGFY2023", Options{})
	var keys, wantKeys []string
	for _, d := range defs {
		wantKeys = append(wantKeys, d.Key)
	}
	st, err := rel.Records(context.Background(), func(rec sources.Record) error {
		if rec.Caseload == nil || rec.Caseload.Snapshot != "AUGFY2023" || rec.Source != Name {
			t.Errorf("record %s: %+v", rec.Key, rec.Caseload)
		}
		keys = append(keys, rec.Key)
		return nil
	})
	if err != nil || st.Kept != 6 || st.Cases == 0 || st.Bytes == 0 || !reflect.DeepEqual(keys, wantKeys) {
		t.Errorf("Records: %v %+v keys %v, want %v", err, st, keys, wantKeys)
	}
	// An error from emit stops the read and comes back as it is.
	stop := errors.New("stop")
	if _, err := rel.Records(context.Background(), func(sources.Record) error { return stop }); err != stop {
		t.Errorf("emit error came back as %v", err)
	}
}

// A release `run` downloaded names its month page in manifest.json: that
// is the records' URL and the snapshot's.
func TestOpenReadsManifestPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "AUGFY2023")
	if err := os.CopyFS(dir, os.DirFS("testdata/constructed_AUGFY2023")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"snapshot":"AUGFY2023","month_page":"https://example.test/aug-2023","parts":[{"name":"DISK01.zip"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	rel, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	if rel.Snapshot().URL != "https://example.test/aug-2023" {
		t.Errorf("snapshot %+v", rel.Snapshot())
	}
	var urls []string
	if _, err := rel.Records(context.Background(), func(rec sources.Record) error { urls = append(urls, rec.URL); return nil }); err != nil || len(urls) != 6 || urls[0] != "https://example.test/aug-2023" {
		t.Errorf("record urls %v (%v)", urls, err)
	}
}

func TestOpenNeedsSnapshotID(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "somerelease")
	if err := os.CopyFS(dir, os.DirFS("testdata/constructed_AUGFY2023")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "DISK23")); err != nil { // its log file names the snapshot
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, sources.ErrLayout) {
		t.Errorf("release without a snapshot id: %v", err)
	}
	rel, err := OpenWith(dir, Options{Snapshot: "SEPFY2018"})
	if err != nil || rel.Snapshot().ID != "SEPFY2018" {
		t.Fatalf("OpenWith: %v", err)
	}
	rel.Close()
}

// A release in which nothing touches the charge set is an error, never an
// empty snapshot.
func TestRecordsEmptyRelease(t *testing.T) {
	rel, err := OpenWith("testdata/constructed_AUGFY2023", Options{Snapshot: "AUGFY2023", Charges: map[string]bool{}, ProgramCategories: map[string]bool{}})
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	if _, err := rel.Records(context.Background(), func(sources.Record) error { return nil }); !errors.Is(err, sources.ErrEmpty) {
		t.Errorf("empty release: %v", err)
	}
}

func TestIsRelease(t *testing.T) {
	dir := t.TempDir()
	zipDir := filepath.Join(dir, "JULFY2025")
	os.MkdirAll(zipDir, 0o755)
	os.WriteFile(filepath.Join(zipDir, "DISK01.zip"), []byte("x"), 0o644)
	plain := filepath.Join(dir, "notes")
	os.MkdirAll(plain, 0o755)
	os.WriteFile(filepath.Join(plain, "release.json"), []byte("{}"), 0o644)
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"testdata/constructed_JULFY2023", true},
		{"testdata/constructed_JULFY2023/DISK01", true},
		{zipDir, true},
		{filepath.Join(zipDir, "DISK01.zip"), true},
		{plain, false},
		{filepath.Join(plain, "release.json"), false},
		{filepath.Join(dir, "missing"), false},
	} {
		if got := IsRelease(tc.path); got != tc.want {
			t.Errorf("IsRelease(%s) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// Releases lists the downloaded releases (a manifest.json each), oldest
// first, for `run` to import after the crawl.
func TestReleasesListsDownloads(t *testing.T) {
	dir := t.TempDir()
	for _, s := range []string{"AUGFY2023", "JULFY2023", "OCTFY2024"} {
		os.MkdirAll(filepath.Join(dir, s), 0o755)
		os.WriteFile(filepath.Join(dir, s, "manifest.json"), []byte(`{"snapshot":"`+s+`","parts":[{"name":"DISK01.zip"}]}`), 0o644)
	}
	os.MkdirAll(filepath.Join(dir, "SEPFY2023"), 0o755) // still downloading: no manifest yet
	got, err := New(Config{Dir: dir}).Releases()
	want := []string{filepath.Join(dir, "JULFY2023"), filepath.Join(dir, "AUGFY2023"), filepath.Join(dir, "OCTFY2024")}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("releases %v %v, want %v", got, err, want)
	}
	os.WriteFile(filepath.Join(dir, "JULFY2023", "manifest.json"), []byte(`{}`), 0o644)
	if _, err := New(Config{Dir: dir}).Releases(); err == nil {
		t.Error("a broken manifest went unnoticed")
	}
}
