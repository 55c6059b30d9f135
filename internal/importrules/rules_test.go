package importrules

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// pkg is what the rules read of one `go list -json` package.
type pkg struct {
	ImportPath string
	Imports    []string // direct, non-test
	Deps       []string // transitive, non-test
}

// contract is the package every source and the pipeline share.
const contract = "casetrack/sources"

// databasePackages are packages that talk to a database.
func databasePackage(p string) bool {
	return p == "database/sql" || p == "database/sql/driver" || strings.HasPrefix(p, "github.com/duckdb/") ||
		p == "casetrack/pipeline/store" || p == "casetrack/schemas"
}

// networkPackage are packages that open connections (net/url and
// net/netip only parse).
func networkPackage(p string) bool {
	switch {
	case p == "net", p == "net/http", strings.HasPrefix(p, "net/http/"), p == "net/rpc", p == "net/smtp",
		p == "crypto/tls", p == "casetrack/pipeline/fetch":
		return true
	}
	return false
}

// sourceMayImport is the allow-list of a sources/... package's direct
// casetrack imports; any import outside casetrack/ is a library.
func sourceMayImport(p string) bool {
	switch {
	case !strings.HasPrefix(p, "casetrack/"):
		return true // standard library and third-party modules
	case p == contract, p == "casetrack/pipeline/fetch", p == "casetrack/data":
		return true
	case strings.HasPrefix(p, contract+"/"): // another source's parser (courtlistener reads docket numbers with pacer's)
		return true
	case strings.HasPrefix(p, "casetrack/internal/"):
		return true
	}
	return false
}

// check returns one line per broken rule.
func check(pkgs []pkg) []string {
	var bad []string
	for _, p := range pkgs {
		switch {
		case p.ImportPath == contract || strings.HasPrefix(p.ImportPath, contract+"/"):
			for _, imp := range p.Imports {
				if !sourceMayImport(imp) {
					bad = append(bad, p.ImportPath+" imports "+imp+": a source imports only the contract (casetrack/sources), pipeline/fetch and libraries")
				}
			}
			if ds := filter(p.Deps, func(d string) bool {
				return d == "casetrack/pipeline/store" || d == "casetrack/pipeline/normalize" || databasePackage(d)
			}); ds != "" {
				bad = append(bad, p.ImportPath+" depends on "+ds+": sources extract; pipeline/normalize decides and pipeline/store writes")
			}
		case p.ImportPath == "casetrack/pipeline/normalize":
			for _, imp := range p.Imports {
				if networkPackage(imp) {
					bad = append(bad, p.ImportPath+" imports "+imp+": normalize touches no network")
				}
			}
			if ds := filter(p.Deps, databasePackage); ds != "" {
				bad = append(bad, p.ImportPath+" depends on "+ds+": normalize touches no database")
			}
		}
	}
	return bad
}

// filter joins the packages of ps that keep accepts, "" when none does.
func filter(ps []string, keep func(string) bool) string {
	var out []string
	for _, p := range ps {
		if keep(p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

// goList runs `go list -json` on the packages the rules cover.
func goList(t *testing.T) []pkg {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to read the imports: %v", err)
	}
	cmd := exec.Command(goBin, "list", "-json", "casetrack/sources/...", "casetrack/pipeline/normalize")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestImportRules(t *testing.T) {
	pkgs := goList(t)
	var names []string
	for _, p := range pkgs {
		names = append(names, p.ImportPath)
	}
	// The rules must see what they are about, or they hold vacuously.
	for _, want := range []string{contract, "casetrack/sources/eousa", "casetrack/sources/pacer", "casetrack/pipeline/normalize"} {
		if !slices.Contains(names, want) {
			t.Fatalf("go list did not return %s (got %v)", want, names)
		}
	}
	for _, b := range check(pkgs) {
		t.Error(b)
	}
}

// The checker itself flags each kind of violation (and passes the allowed
// imports), on package lists written out here.
func TestCheckFlagsViolations(t *testing.T) {
	ok := []pkg{
		{ImportPath: "casetrack/sources/x", Imports: []string{"casetrack/sources", "casetrack/sources/pacer", "casetrack/pipeline/fetch", "casetrack/data", "casetrack/internal/htmltext", "golang.org/x/net/html", "net/http"},
			Deps: []string{"casetrack/sources", "net/http"}},
		{ImportPath: "casetrack/pipeline/normalize", Imports: []string{"casetrack/sources", "casetrack/data", "regexp"}, Deps: []string{"casetrack/sources", "net/http"}},
		{ImportPath: "casetrack/pipeline/ingest", Imports: []string{"casetrack/pipeline/store", "database/sql"}}, // not a source: free
	}
	if bad := check(ok); len(bad) != 0 {
		t.Errorf("allowed imports flagged: %v", bad)
	}
	for _, tc := range []struct {
		name string
		p    pkg
	}{
		{"source imports the store", pkg{ImportPath: "casetrack/sources/eousa", Imports: []string{"casetrack/pipeline/store"}}},
		{"source imports normalize", pkg{ImportPath: "casetrack/sources/eousa", Imports: []string{"casetrack/pipeline/normalize"}}},
		{"source imports another stage", pkg{ImportPath: "casetrack/sources/doj", Imports: []string{"casetrack/pipeline/archive"}}},
		{"source reaches the store through a library", pkg{ImportPath: "casetrack/sources/doj", Imports: []string{"casetrack/internal/x"}, Deps: []string{"casetrack/pipeline/store"}}},
		{"source talks to a database", pkg{ImportPath: "casetrack/sources/pacer", Imports: []string{"database/sql"}, Deps: []string{"database/sql"}}},
		{"the contract imports the store", pkg{ImportPath: "casetrack/sources", Imports: []string{"casetrack/pipeline/store"}}},
		{"normalize imports net/http", pkg{ImportPath: "casetrack/pipeline/normalize", Imports: []string{"net/http"}}},
		{"normalize imports fetch", pkg{ImportPath: "casetrack/pipeline/normalize", Imports: []string{"casetrack/pipeline/fetch"}}},
		{"normalize depends on DuckDB", pkg{ImportPath: "casetrack/pipeline/normalize", Deps: []string{"github.com/duckdb/duckdb-go/v2"}}},
	} {
		if bad := check([]pkg{tc.p}); len(bad) == 0 {
			t.Errorf("%s: not flagged", tc.name)
		}
	}
}
