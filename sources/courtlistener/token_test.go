package courtlistener

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/pipeline/archive"
	"casetrack/sources"
)

// The API token goes out in the Authorization header and nowhere else: not
// in any emitted document (URL, headers, body), not in the raw archive the
// fetcher writes them to, not in the parsed records.
func TestTokenNeverInDocumentsOrArchive(t *testing.T) {
	si := newStandIn(t)
	s := newTestSource(t, si.Server, testToken)
	arc, err := archive.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var docs []sources.Document
	_, err = s.Crawl(context.Background(), httpFetcher{si.Client()}, "", func(d sources.Document) error {
		d.Source = Name
		d, err := arc.Put(d)
		docs = append(docs, d)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("crawl emitted nothing; the test proves nothing")
	}
	token := []byte(testToken)
	for _, d := range docs {
		if bytes.Contains(d.Body, token) || strings.Contains(d.URL, testToken) || strings.Contains(strings.Join(headerValues(d), " "), testToken) {
			t.Errorf("token in emitted document %s", d.URL)
		}
		recs, err := s.Parse(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if strings.Contains(r.URL+r.Title+r.Body+r.Key, testToken) {
				t.Errorf("token in record %s", r.Key)
			}
		}
	}
	files := 0
	filepath.WalkDir(arc.Root(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, _ := os.ReadFile(p)
		if bytes.Contains(b, token) {
			t.Errorf("token in archive file %s", p)
		}
		return nil
	})
	if files == 0 {
		t.Error("nothing archived")
	}
	// Gzip hides the body from a byte search: check the decompressed bodies too.
	arc.Walk(context.Background(), Name, func(d sources.Document) error {
		if bytes.Contains(d.Body, token) {
			t.Errorf("token in archived body %s", d.SHA256)
		}
		return nil
	})
}

func headerValues(d sources.Document) []string {
	var out []string
	for k, vs := range d.Header {
		out = append(out, k)
		out = append(out, vs...)
	}
	return out
}
