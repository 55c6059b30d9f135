package htmltext

import (
	"testing"
	"unicode/utf8"

	"casetrack/internal/fuzzguard"
)

// FuzzFromHTML: the HTML-to-text extractor never panics or loops, and
// turns valid UTF-8 into valid UTF-8. Seeds: the real PACER pages in
// shared/fixtures/pacer plus inline fragments.
//
//	go test ./internal/htmltext -run '^$' -fuzz FuzzFromHTML -fuzztime 10s
func FuzzFromHTML(f *testing.F) {
	fuzzguard.AddFiles(f, fuzzguard.SharedFiles("*.html", 128<<10, "fixtures", "pacer"))
	for _, s := range []string{
		"", "<p>a</p><p>b</p>", "<br><br/>x&nbsp;y&amp;z", "<script>alert(1)</script>t", "\x80\x93 smart \x92quotes\x94",
		"<table><tr><td>a<td>b</table>", "<!-- c -->", "<p>unterminated", "&#0;&#xD800;&bogus;",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in := string(b)
		var out string
		fuzzguard.Call(t, "FromHTML", func() { out = FromHTML(in) })
		if !utf8.ValidString(out) && utf8.ValidString(in) {
			t.Fatalf("valid input gave invalid UTF-8 %q", out)
		}
		fuzzguard.Call(t, "Clean", func() { Clean(in) })
		fuzzguard.Call(t, "FixC1", func() { FixC1(in) })
	})
}
