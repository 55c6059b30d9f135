package eousa

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the constructed releases under testdata/ from scenario_test.go")

var constructedSnapshots = []struct {
	snap int
	dir  string
}{{1, "testdata/constructed_JULFY2023"}, {2, "testdata/constructed_AUGFY2023"}}

// TestConstructedTestdataCurrent rebuilds the constructed releases from the
// scenario against the real SEPFY2018 layout and checks the committed bytes
// match (or rewrites them with -update).
func TestConstructedTestdataCurrent(t *testing.T) {
	l := loadSharedLayout(t)
	for _, cs := range constructedSnapshots {
		files, extra := constructedScenario(cs.snap)
		tmp := t.TempDir()
		if err := renderRelease(l, tmp, files, extra); err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.RemoveAll(cs.dir); err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(cs.dir, os.DirFS(tmp)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want := readTree(t, tmp)
		got := readTree(t, cs.dir)
		if len(got) != len(want) {
			t.Errorf("%s: %d files, scenario makes %d (run go test -run TestConstructedTestdataCurrent -update)", cs.dir, len(got), len(want))
		}
		for name, w := range want {
			if !bytes.Equal(got[name], w) {
				t.Errorf("%s/%s differs from the scenario (run go test -run TestConstructedTestdataCurrent -update)", cs.dir, name)
			}
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func decodeAll(t *testing.T, path string, opt Options) ([]Defendant, Stats, *Release) {
	t.Helper()
	rel, err := OpenRelease(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rel.Close() })
	var out []Defendant
	st, err := Decode(context.Background(), rel, opt, func(d Defendant) error {
		out = append(out, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, st, rel
}

func byKey(defs []Defendant) map[string]Defendant {
	m := map[string]Defendant{}
	for _, d := range defs {
		m[d.Key] = d
	}
	return m
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDecodeConstructedJuly(t *testing.T) {
	defs, st, rel := decodeAll(t, "testdata/constructed_JULFY2023", Options{})
	if rel.Snapshot != "JULFY2023" {
		t.Errorf("snapshot %q, want JULFY2023 (from the logs disk file name)", rel.Snapshot)
	}
	if len(rel.Warnings) != 0 {
		t.Errorf("warnings: %v", rel.Warnings)
	}
	for _, f := range rel.Files {
		if !strings.HasPrefix(f.LayoutFrom, "README.TXT") {
			t.Errorf("%s: layout from %q, want its README.TXT", f.Name, f.LayoutFrom)
		}
	}
	var keys []string
	for _, d := range defs {
		keys = append(keys, d.Key)
	}
	want := []string{"AZ:2021R00500:2", "CAC:2022R00900:2", "CAC:2022R00900:3", "FLM:2019R01234:2", "NYE:2022R00310:3", "TXS:2020R00077:3"}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("kept %v\nwant %v", keys, want)
	}
	if st.Cases != 6 { // the civil NYE matter is selected by its count, then dropped as CLASS V
		t.Errorf("cases selected %d, want 6", st.Cases)
	}
	// GS_PARTICIPANT is read once (pass 2); GS_COUNT twice (selection, then rows).
	if st.Rows["GS_PARTICIPANT"] != 21 || st.Rows["GS_COUNT"] != 2*13 {
		t.Errorf("rows scanned: participant %d (want 21), count %d (want 26)", st.Rows["GS_PARTICIPANT"], st.Rows["GS_COUNT"])
	}
	if len(st.Problems) != 0 {
		t.Errorf("problems: %v", st.Problems)
	}
	m := byKey(defs)

	flm := m["FLM:2019R01234:2"]
	if flm.DistrictName != "M.D. Fla." || flm.CourtID != "flmd" || flm.Snapshot != "JULFY2023" {
		t.Errorf("FLM district/snapshot: %+v", flm)
	}
	if flm.CourtNumber() != "19-CR-00145" {
		t.Errorf("FLM court number %q", flm.CourtNumber())
	}
	if !flm.FilingDate().Equal(day("2019-03-15")) {
		t.Errorf("FLM filing date %v, want the complaint's 2019-03-15", flm.FilingDate())
	}
	// The outcome (normalize.CaseloadOutcome, pipeline/normalize/caseload_test.go) rests on these stages.
	if cs := flm.Courts; len(cs) != 2 || cs[0].Disposition != "NW" || cs[1].Court != "DC" || cs[1].Disposition != "GT" || cs[1].DispReason != "PLED" || !cs[1].DispDate.Equal(day("2020-01-16")) {
		t.Errorf("FLM stages %+v", cs)
	}
	if got := []string{flm.Counts[0].Statute, flm.Counts[1].Statute}; !reflect.DeepEqual(got, []string{"18 U.S.C. 2252A(a)(2)", "18 U.S.C. 2252A(a)(5)(B)"}) {
		t.Errorf("FLM statutes %v", got)
	}
	if flm.Counts[0].PenaltyProv != "18 :2252Ab1" || flm.Counts[1].Disposition != "DM" {
		t.Errorf("FLM counts %+v", flm.Counts)
	}
	if flm.Sentence == nil || flm.Sentence.Months != 97 || flm.Sentence.Life {
		t.Errorf("FLM sentence %+v", flm.Sentence)
	}
	if len(flm.Agencies) != 1 || flm.Agencies[0].Code != "HSCE" || flm.Agencies[0].Agency != "ICE" || flm.Agencies[0].Label != "ICE (HSI or ERO)" || !flm.Agencies[0].Lead {
		t.Errorf("FLM agencies %+v", flm.Agencies)
	}
	if !reflect.DeepEqual(flm.ProgramCategories, []string{"080"}) || flm.Kept != "defendant count 18 U.S.C. 2252A(a)(2)" {
		t.Errorf("FLM program categories %v kept %q", flm.ProgramCategories, flm.Kept)
	}
	if flm.Sealed {
		t.Error("FLM marked sealed")
	}

	txs := m["TXS:2020R00077:3"]
	if len(txs.Courts) != 1 || len(txs.Courts[0].Instruments) != 2 || !txs.Courts[0].Instruments[1].Superseding || txs.Courts[0].Instruments[0].Superseding {
		t.Errorf("TXS instruments %+v", txs.Courts)
	}
	if cs := txs.Courts[0]; cs.Disposition != "GT" || cs.DispReason != "JTRD" {
		t.Errorf("TXS stage %+v", cs)
	}
	if txs.Sentence == nil || !txs.Sentence.Life {
		t.Errorf("TXS sentence %+v", txs.Sentence)
	}
	if len(txs.Agencies) != 2 || txs.Agencies[0].Agency != "FBI" || !txs.Agencies[0].Lead || txs.Agencies[1].Agency != "STATE_LOCAL" {
		t.Errorf("TXS agencies (lead first) %+v", txs.Agencies)
	}
	if txs.DistrictName != "S.D. Tex." {
		t.Errorf("TXS district %q", txs.DistrictName)
	}

	az := m["AZ:2021R00500:2"]
	if disp := az.Courts[0].Disposition; disp != "" {
		t.Errorf("AZ in July is pending, got %q", disp)
	}
	if az.Counts[0].Statute != "8 U.S.C. 1324(a)(1)(A)(ii)" || az.Agencies[0].Agency != "CBP" {
		t.Errorf("AZ %+v %+v", az.Counts, az.Agencies)
	}

	sealed := m["CAC:2022R00900:3"]
	if !sealed.Sealed || sealed.Role != "D*" || sealed.Kept != "program category 080" {
		t.Errorf("sealed co-defendant: sealed=%v role=%q kept=%q", sealed.Sealed, sealed.Role, sealed.Kept)
	}
	if len(sealed.Counts) != 1 || sealed.Counts[0].Charge != Withheld || sealed.Counts[0].Statute != "" {
		t.Errorf("sealed counts %+v", sealed.Counts)
	}
	if _, ok := m["CAC:2023R00001:2"]; ok {
		t.Error("wholly sealed case kept: nothing in it names a statute")
	}
	cac := m["CAC:2022R00900:2"]
	if cac.Sentence == nil || cac.Sentence.Months != 180 {
		t.Errorf("CAC sentence %+v", cac.Sentence)
	}
}

func TestDecodeConstructedAugustChangesDispositions(t *testing.T) {
	jul, _, _ := decodeAll(t, "testdata/constructed_JULFY2023", Options{})
	aug, _, rel := decodeAll(t, "testdata/constructed_AUGFY2023", Options{})
	if rel.Snapshot != "AUGFY2023" {
		t.Errorf("snapshot %q", rel.Snapshot)
	}
	j, a := byKey(jul), byKey(aug)
	if len(j) != len(a) {
		t.Fatalf("%d vs %d defendants", len(j), len(a))
	}
	changed := map[string]bool{}
	for k, dj := range j {
		da := a[k]
		if dj.ContentHash() != da.ContentHash() {
			changed[k] = true
		}
	}
	want := map[string]bool{"AZ:2021R00500:2": true, "NYE:2022R00310:3": true}
	if !reflect.DeepEqual(changed, want) {
		t.Errorf("changed between snapshots: %v, want %v", changed, want)
	}
	if cs := a["AZ:2021R00500:2"].Courts[0]; cs.Disposition != "DM" || cs.DispReason != "GWOD" {
		t.Errorf("AZ in August: %s %s", cs.Disposition, cs.DispReason)
	}
	if cs := a["NYE:2022R00310:3"].Courts[0]; cs.Disposition != "NG" || !cs.DispDate.Equal(day("2023-07-28")) {
		t.Errorf("NYE in August: %s %v", cs.Disposition, cs.DispDate)
	}
}

// zipRelease packs each DISKnn directory of a constructed release into DISKnn.zip.
func zipRelease(t testing.TB, src, dst string) {
	t.Helper()
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		fh, err := os.Create(filepath.Join(dst, e.Name()+".zip"))
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(fh)
		files, _ := os.ReadDir(filepath.Join(src, e.Name()))
		for _, f := range files {
			w, err := zw.Create(f.Name())
			if err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(filepath.Join(src, e.Name(), f.Name()))
			w.Write(b)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		fh.Close()
	}
}

func TestDecodeZipPartsMatchesDirectory(t *testing.T) {
	dir, _, _ := decodeAll(t, "testdata/constructed_AUGFY2023", Options{})
	tmp := filepath.Join(t.TempDir(), "AUGFY2023")
	os.Mkdir(tmp, 0o755)
	zipRelease(t, "testdata/constructed_AUGFY2023", tmp)
	zipped, _, rel := decodeAll(t, tmp, Options{})
	if rel.Files[0].Part == "" {
		t.Fatal("zip release read as plain files")
	}
	if !reflect.DeepEqual(dir, zipped) {
		t.Errorf("zip parts decode differently from the unpacked release")
	}
}

func TestDecodeFallbackLayout(t *testing.T) {
	tmp := t.TempDir()
	if err := os.CopyFS(tmp, os.DirFS("testdata/constructed_JULFY2023")); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(tmp, "*", "README.TXT"))
	for _, m := range matches {
		os.Remove(m)
	}
	want, _, _ := decodeAll(t, "testdata/constructed_JULFY2023", Options{})
	got, _, rel := decodeAll(t, tmp, Options{Snapshot: "JULFY2023"})
	for _, f := range rel.Files {
		if f.LayoutFrom != "fallback" {
			t.Errorf("%s layout from %q", f.Name, f.LayoutFrom)
		}
	}
	if !reflect.DeepEqual(want, got) {
		t.Error("fallback layout decodes differently")
	}
}

func TestDecodeMissingTable(t *testing.T) {
	tmp := t.TempDir()
	os.CopyFS(tmp, os.DirFS("testdata/constructed_JULFY2023"))
	os.Remove(filepath.Join(tmp, "DISK04", "gs_sentence.txt"))
	rel, err := OpenRelease(tmp, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rel.Close()
	if _, err := Decode(context.Background(), rel, Options{}, func(Defendant) error { return nil }); err == nil || !strings.Contains(err.Error(), "GS_SENTENCE") {
		t.Errorf("missing table: err %v", err)
	}
	st, err := Decode(context.Background(), rel, Options{AllowMissing: true}, func(Defendant) error { return nil })
	if err != nil || len(st.Missing) != 1 || st.Defendants != 6 {
		t.Errorf("AllowMissing: %v %+v", err, st)
	}
}

func TestRecordReader(t *testing.T) {
	in := "abc\nde\r\nfgh\r\nij" // full, short, CRLF, short CRLF... unterminated last
	rr := newRecordReader(strings.NewReader(in), 3)
	var got []string
	for {
		rec, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(rec))
	}
	if want := []string{"abc", "de ", "fgh", "ij "}; !reflect.DeepEqual(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	rr = newRecordReader(strings.NewReader("abcdef\n"), 3)
	if _, err := rr.next(); err == nil {
		t.Error("overlong record accepted")
	}
}

func TestLatin1(t *testing.T) {
	if got := latin1([]byte{'J', 'o', 's', 0xe9}); got != "José" {
		t.Errorf("latin1 %q", got)
	}
}

// ContentHash is what eousa_defendant_revisions compares across snapshots:
// a hash that changes with the code, not the data, would show every
// defendant as revised in the next snapshot loaded. Pinned to the value the
// hash had before the records moved to sources.Caseload; change it only
// with a change to Defendant that is meant to restate every defendant.
func TestContentHashPinned(t *testing.T) {
	defs, _, _ := decodeAll(t, "testdata/constructed_AUGFY2023", Options{})
	flm := byKey(defs)["FLM:2019R01234:2"]
	if got, want := flm.ContentHash(), "ef11bea377265073294352aba4f3dead6bf3b2c5219b1d46b9b3d953b31e522a"; got != want {
		t.Errorf("FLM content hash %s, want %s", got, want)
	}
}
