package sources

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrepareRepairsAndCuts(t *testing.T) {
	r := Record{Title: "bad \xff title", Body: "line one\nline two é\nline three", Topics: []string{"ok", "x\xc3"}}
	repaired, cut := r.Prepare(0)
	if !repaired || cut || r.Title != "bad \uFFFD title" || r.Topics[1] != "x\uFFFD" || r.BodyBytes != 0 {
		t.Errorf("repair: %v %v %+v", repaired, cut, r)
	}
	full := len(r.Body)
	repaired, cut = r.Prepare(len("line one\nline two é\nli"))
	if repaired || !cut || r.Body != "line one\nline two é\n" || r.BodyBytes != full {
		t.Errorf("cut at a line: %v %v %q %d", repaired, cut, r.Body, r.BodyBytes)
	}
	// no line break: at a space; no space: at a character boundary
	r = Record{Body: "aaaa bbbb cccc"}
	r.Prepare(12)
	if r.Body != "aaaa bbbb " || r.BodyBytes != 14 {
		t.Errorf("cut at a word: %q %d", r.Body, r.BodyBytes)
	}
	r = Record{Body: strings.Repeat("é", 10)}
	r.Prepare(7)
	if r.Body != "ééé" || !utf8.ValidString(r.Body) {
		t.Errorf("cut at a character: %q", r.Body)
	}
	// a second Prepare keeps the original length
	r = Record{Body: strings.Repeat("word ", 100)}
	r.Prepare(200)
	r.Prepare(100)
	if r.BodyBytes != 500 || len(r.Body) > 100 {
		t.Errorf("twice: %d %d", r.BodyBytes, len(r.Body))
	}
	if FirstInvalidUTF8([]byte("ok é \xff")) != 6 || FirstInvalidUTF8([]byte("ok")) != -1 {
		t.Error("FirstInvalidUTF8")
	}
}
