package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file over MaxFileSize is refused before it is read into memory. The
// test file is sparse: it takes no disk space and no time to make.
func TestOversizedFileRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"url":"https://x.test/a","body":"b"}` + "\n")
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		f.Close()
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	f.Close()
	im := &Importer{Formats: []Format{ReleaseFormat}}
	res := im.readFile(p)
	if res.err == nil || !strings.Contains(res.err.Error(), "limit") || len(res.recs) != 0 {
		t.Errorf("oversized file: %d records, err %v", len(res.recs), res.err)
	}
}
