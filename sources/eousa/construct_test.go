package eousa

// Builders for CONSTRUCTED releases: rows laid out byte-exact against a
// real layout, with made-up values. No real LIONS row could be obtained
// (shared/fixtures/eousa/PROVENANCE.md), so every release under
// testdata/constructed_* is synthetic; the layouts and codes are real.

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"casetrack/internal/testshared"
)

type vals map[string]string

// buildRecord lays out one record: VARCHAR2/DATE left-aligned, NUMBER
// right-aligned (a guess: NOTES §2 says the alignment is undocumented),
// CREATE_USER/UPDATE_USER "*" as EOUSA always withholds them.
func buildRecord(t *Table, v vals) ([]byte, error) {
	rec := bytes.Repeat([]byte{' '}, t.RecLen)
	seen := 0
	for _, c := range t.Columns {
		s, ok := v[c.Name]
		if !ok && (c.Name == "CREATE_USER" || c.Name == "UPDATE_USER") {
			s, ok = "*", true
		}
		if !ok {
			continue
		}
		if _, set := v[c.Name]; set {
			seen++
		}
		w := c.End - c.Start + 1
		if len(s) > w {
			return nil, fmt.Errorf("%s.%s: %q wider than %d", t.Name, c.Name, s, w)
		}
		if strings.HasPrefix(c.Type, "NUMBER") && s != "*" {
			copy(rec[c.End-len(s):c.End], s)
		} else {
			copy(rec[c.Start-1:], s)
		}
	}
	if seen != len(v) {
		var unknown []string
		for k := range v {
			if _, ok := t.Column(k); !ok {
				unknown = append(unknown, k)
			}
		}
		return nil, fmt.Errorf("%s: unknown columns %v", t.Name, unknown)
	}
	return rec, nil
}

// loadSharedLayout reads the full 44-table layout from the shared fixtures.
func loadSharedLayout(tb testing.TB) Layout {
	tb.Helper()
	p := testshared.Path(tb, "fixtures", "eousa", "layout_SEPFY2018.csv")
	fh, err := os.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	l := Layout{}
	for _, r := range recs[1:] {
		// table,record_length,column_order,column,not_null,oracle_type,start,end,width,disks
		reclen, _ := strconv.Atoi(r[1])
		start, _ := strconv.Atoi(r[6])
		end, _ := strconv.Atoi(r[7])
		t := l[r[0]]
		if t == nil {
			t = &Table{Name: r[0], RecLen: reclen}
			l[r[0]] = t
		}
		t.Columns = append(t.Columns, Column{Name: r[3], NotNull: r[4] == "Y", Type: r[5], Start: start, End: end})
	}
	return l
}

// writeReadme renders a README.TXT in EOUSA's format for the given files.
func writeReadme(l Layout, part string, files map[string][]byte) []byte {
	var b bytes.Buffer
	b.WriteString("CONSTRUCTED for casetrack tests: synthetic rows on EOUSA's real SEPFY2018 layout; not an EOUSA file.\n")
	fmt.Fprintf(&b, "README.TXT FILES %s\n\n\nThis file contains a listing of the files in this ZIP file, followed by file layouts\n(if necessary).\n\n\nFile Listing:\n\n\n", strings.ToUpper(part))
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var total int
	tables := map[string]bool{}
	for _, n := range names {
		fmt.Fprintf(&b, "08/14/2023 10:49 AM %24s %s\n", commas(len(files[n])), n)
		total += len(files[n])
		if t := tableOf(l, n); t != "" {
			tables[t] = true
		}
	}
	fmt.Fprintf(&b, "\n\n%d File(s) %s bytes\n\n\n\nTable Layouts:\n\n", len(names), commas(total))
	tn := make([]string, 0, len(tables))
	for t := range tables {
		tn = append(tn, t)
	}
	sort.Strings(tn)
	for _, name := range tn {
		t := l[name]
		fmt.Fprintf(&b, "\n%s - %d Characters\n\n\nName                       Null?      Type            Position\n", t.Name, t.RecLen)
		for _, c := range t.Columns {
			nn := ""
			if c.NotNull {
				nn = "NOT NULL"
			}
			fmt.Fprintf(&b, "%-26s %-10s %-15s (%d:%d)\n", c.Name, nn, c.Type, c.Start, c.End)
		}
		b.WriteString("\n\n")
	}
	return bytes.ReplaceAll(b.Bytes(), []byte("\n"), []byte("\r\n"))
}

func commas(n int) string {
	s := strconv.Itoa(n)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

func tableOf(l Layout, file string) string {
	stem := strings.ToUpper(strings.TrimSuffix(file, ".txt"))
	if l[stem] != nil {
		return stem
	}
	if i := strings.LastIndexByte(stem, '_'); i > 0 && l[stem[:i]] != nil {
		return stem[:i]
	}
	return ""
}

// fileRows is one table file of a constructed release.
type fileRows struct {
	disk, name string
	rows       []vals
}

// renderRelease lays out files under dir/DISKnn/, each disk with its README.TXT.
func renderRelease(l Layout, dir string, files []fileRows, extra map[string]map[string]string) error {
	disks := map[string]map[string][]byte{}
	for _, f := range files {
		t := l[tableOf(l, f.name)]
		if t == nil {
			return fmt.Errorf("%s: no table", f.name)
		}
		var b bytes.Buffer
		for _, r := range f.rows {
			rec, err := buildRecord(t, r)
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			b.Write(rec)
			b.WriteByte('\n')
		}
		if disks[f.disk] == nil {
			disks[f.disk] = map[string][]byte{}
		}
		disks[f.disk][f.name] = b.Bytes()
	}
	for disk, fs := range extra {
		if disks[disk] == nil {
			disks[disk] = map[string][]byte{}
		}
		for n, s := range fs {
			disks[disk][n] = []byte(s)
		}
	}
	for disk, fs := range disks {
		d := filepath.Join(dir, disk)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(d, "README.TXT"), writeReadme(l, disk+".ZIP", fs), 0o644); err != nil {
			return err
		}
		for n, b := range fs {
			if err := os.WriteFile(filepath.Join(d, n), b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
