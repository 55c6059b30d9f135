package doj

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Detect reports whether a file looks like a saved justice.gov API
// response, from its name and its first bytes (head; 512 are plenty, the
// whole file also works). It is for `casetrack import`, which must route a
// file to the right parser without a hint. It looks for a JSON object whose
// first keys are the API's envelope ("metadata" with "responseInfo" or
// "resultset") or a release ("uuid" beside "changed"/"component"/"title").
func Detect(name string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case "", ".json", ".txt", ".js":
	default:
		return false
	}
	h := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))
	if len(h) == 0 || h[0] != '{' {
		return false
	}
	has := func(k string) bool { return bytes.Contains(h, []byte(`"`+k+`"`)) }
	if has("metadata") && (has("responseInfo") || has("resultset")) {
		return true
	}
	return has("uuid") && (has("changed") || has("component") || has("vuuid"))
}
