package answer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casetrack/data"
)

// TestDefinitions: every column of both CSVs and every unit of the
// published figures is defined here (for the method page) and named in
// docs/data-dictionary.md.
func TestDefinitions(t *testing.T) {
	dict, err := os.ReadFile(filepath.Join("..", "..", "docs", "data-dictionary.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []struct {
		cols []string
		defs []Definition
	}{{CSVColumns, Definitions}, {PeopleCSVColumns, PeopleDefinitions}} {
		if len(set.cols) != len(set.defs) {
			t.Fatalf("%d columns, %d definitions", len(set.cols), len(set.defs))
		}
		for i, c := range set.cols {
			if set.defs[i].Column != c || set.defs[i].Meaning == "" || set.defs[i].Unit == "" {
				t.Errorf("column %d %s: definition %+v", i, c, set.defs[i])
			}
			if !strings.Contains(string(dict), "`"+c+"`") {
				t.Errorf("docs/data-dictionary.md does not define `%s`", c)
			}
		}
	}
	figs, err := data.PublicFigures()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		if UnitMeanings[f.Unit] == "" {
			t.Errorf("unit %q of %s %s has no meaning", f.Unit, f.Figure, f.YearLabel())
		}
		if !strings.Contains(string(dict), "`"+f.Unit+"`") {
			t.Errorf("docs/data-dictionary.md does not define the unit `%s`", f.Unit)
		}
	}
}
