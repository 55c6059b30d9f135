package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"casetrack/internal/testshared"
)

// walkthrough returns the commands of the README's "Offline walk-through"
// block, each split into words as a shell would (comments dropped).
func walkthrough(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n## Offline walk-through")
	if i < 0 {
		t.Fatal("README has no Offline walk-through section")
	}
	s = s[i:]
	start := strings.Index(s, "```sh\n")
	end := strings.Index(s[start+6:], "```")
	if start < 0 || end < 0 {
		t.Fatal("the walk-through has no sh block")
	}
	var cmds [][]string
	for _, line := range strings.Split(s[start+6:start+6+end], "\n") {
		words, err := shellWords(line)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if len(words) > 0 {
			cmds = append(cmds, words)
		}
	}
	return cmds
}

// shellWords splits a command line as sh does for these simple lines:
// words separated by blanks, single and double quotes, a comment from an
// unquoted "#" that starts a word.
func shellWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case c == '#' && !inWord:
			return words, nil
		case c == '"' || c == '\'':
			j := strings.IndexByte(line[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("unclosed %c", c)
			}
			cur.WriteString(line[i+1 : i+1+j])
			inWord, i = true, i+1+j
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// TestREADMEWalkthrough runs the README's offline walk-through as written
// (read from the README, so the two cannot drift apart) on a scratch
// database: every command succeeds, and the preset step prints people,
// not "(0 rows)".
func TestREADMEWalkthrough(t *testing.T) {
	testshared.Path(t, "corpus", "dev-ice") // skips, saying why, without ../shared
	shared := testshared.Root()
	cmds := walkthrough(t)
	t.Chdir(t.TempDir()) // export --out cases.csv lands here
	db := filepath.Join(t.TempDir(), "walkthrough.duckdb")
	ran := map[string]bool{}
	for _, words := range cmds {
		if words[0] == "make" {
			continue // builds the binary this test is
		}
		if words[0] != "bin/casetrack" {
			t.Fatalf("the walk-through runs %q, not bin/casetrack", strings.Join(words, " "))
		}
		args := []string{"--db", db}
		for _, w := range words[1:] {
			if rest, ok := strings.CutPrefix(w, "../shared/"); ok {
				w = filepath.Join(shared, filepath.FromSlash(rest))
			}
			if strings.ContainsAny(w, "*?[") {
				matches, err := filepath.Glob(w)
				if err != nil || len(matches) == 0 {
					t.Fatalf("%s matches nothing", w)
				}
				args = append(args, matches...)
				continue
			}
			args = append(args, w)
		}
		code, out, errs := casetrack(t, "", args...)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s\n%s", strings.Join(words, " "), code, out, errs)
		}
		ran[words[1]] = true
		if len(words) > 3 && words[1] == "tally" && words[2] == "--preset" {
			if !regexp.MustCompile(`(?m)^FY\d{4} +[0-9 ]*[1-9]`).MatchString(out) {
				t.Errorf("the preset step shows no people:\n%s", out)
			}
		}
	}
	for _, c := range []string{"import", "tally", "sql", "export", "eval"} {
		if !ran[c] {
			t.Errorf("the walk-through no longer runs %s", c)
		}
	}
	if _, err := os.Stat("cases.csv"); err != nil {
		t.Errorf("export --out cases.csv: %v", err)
	}
}
