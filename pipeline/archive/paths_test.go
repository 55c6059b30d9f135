package archive

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"testing"

	"casetrack/sources"
)

// File names come from the body's hash only: a hostile URL (path
// traversal, a file name of its own) never reaches the file system.
func TestPathsNeverFromURL(t *testing.T) {
	root := t.TempDir()
	a, _ := New(root)
	urls := []string{"../../../../tmp/evil.gz", "https://h/../../x.json", "file:///etc/passwd", "https://h/a%2F..%2F..%2Fb", "C:\\windows\\x"}
	for i, u := range urls {
		if _, err := a.Put(sources.Document{Source: "doj", URL: u, Status: 200, Body: []byte{byte(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	named := regexp.MustCompile(`^doj/[0-9a-f]{2}/[0-9a-f]{64}\.(gz|json)$`)
	n := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if !named.MatchString(filepath.ToSlash(rel)) {
			t.Errorf("archive file %s is not named by its hash", rel)
		}
		n++
		return nil
	})
	if n != 2*len(urls) {
		t.Errorf("%d files, want %d", n, 2*len(urls))
	}
}
