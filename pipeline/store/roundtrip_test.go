package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// trickyItems are documents whose events carry every kind of value the
// staging format must survive: delimiters, quotes, line breaks, control
// characters, non-ASCII text, empty and NULL fields, life sentences,
// fractional months, empty and multi-element lists.
func trickyItems() []Item {
	day := time.Date(2023, 7, 4, 0, 0, 0, 0, time.UTC)
	evs := []normalize.Event{
		{Type: normalize.Sentenced, Defendant: `José "Pepe" Ñúñez, Jr.`, Aliases: []string{"Pepe", `El "Flaco", Sr.`},
			Age: 41, PersonCount: 1, Date: day, Statutes: []string{"18 U.S.C. 2252A(a)(2)", "18 U.S.C. 2251(a)"},
			Categories: []string{"csam_production"}, Agencies: []string{"HSI", "FBI"}, SentenceKind: normalize.SentencePrison,
			SentenceMonths: 127.5, District: "S.D. Tex.", DocketNumber: "4:23-cr-00123", CourtVerified: true,
			Evidence: "He said, \"I did it\";\nthen\r\nleft.\tTab\x1erecord\x1funit\x01nul\x00 end ", EvidenceStart: 3, EvidenceEnd: 70},
		{Type: normalize.Sentenced, Defendant: "Ann Roe", PersonCount: 1, SentenceKind: normalize.SentenceLife,
			Evidence: "Ann Roe was sentenced to life.", Categories: []string{"sex_trafficking"}},
		{Type: normalize.Arrest, PersonCount: 12, Evidence: "Twelve men were arrested."},
		{Type: normalize.Convicted, Defendant: " leading and trailing ", PleaOrVerdict: "verdict", PersonCount: 1,
			Evidence: `""`},
		{Type: normalize.Charged, Defendant: "NULL", PersonCount: 1, Evidence: "-1", DocketNumber: "=cmd()",
			District: "N.D. Ill.", Agencies: []string{"\\N"}},
		{Type: normalize.Arrest, Defendant: `John Doe`, PersonCount: 1, Evidence: "John Doe was arrested."},
		{Type: normalize.Arrest, Defendant: `JOHN DOE`, PersonCount: 1, Evidence: "JOHN DOE was arrested again."},
	}
	return []Item{
		{Record: sources.Record{Source: "file", Key: "tricky", URL: "https://example.test/a,b?\"q\"", Title: "T",
			Body: "Body", Published: day}, Events: evs},
		{Record: sources.Record{Source: "file", Key: "none", URL: "https://example.test/none", Title: "No events"}},
		{Record: sources.Record{Source: "file", Key: "one", URL: "https://example.test/one", Title: "One"},
			Events: []normalize.Event{{Type: normalize.Dismissed, Defendant: "Zed", PersonCount: 1, Evidence: "x"}}},
	}
}

// stored is what an event reads back as: empty lists are nil, the person
// count is at least one, a life sentence has no months.
func stored(e normalize.Event) normalize.Event {
	e.PersonCount = max(e.PersonCount, 1)
	if e.SentenceKind == "" || e.SentenceKind == normalize.SentenceLife {
		e.SentenceMonths = 0
	}
	for _, l := range []*[]string{&e.Aliases, &e.Statutes, &e.Categories, &e.Agencies} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	return e
}

func TestLoadStoresEveryValueExactly(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.duckdb"), ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	items := append(trickyItems(), benchItems(300, 4)...)
	st, err := s.Load(ctx, 1, items)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, it := range items {
		want += len(it.Events)
	}
	if st.New != len(items) || st.Events != want {
		t.Fatalf("stats %+v, want %d new and %d events", st, len(items), want)
	}
	got, err := s.EventsByURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		g := got[it.Record.URL]
		if len(g) != len(it.Events) {
			t.Fatalf("%s: %d events stored, want %d", it.Record.URL, len(g), len(it.Events))
		}
		for i, e := range it.Events {
			if w := stored(e); !reflect.DeepEqual(g[i], w) {
				t.Errorf("%s event %d:\n got %#v\nwant %#v", it.Record.URL, i, g[i], w)
			}
		}
	}

	// Ids and hashes are the ones earlier versions stored, so databases
	// loaded before stay unchanged on re-import.
	rows, err := s.DB().Query(`SELECT doc_id, ordinal, event_id FROM events`)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for rows.Next() {
		var doc, id string
		var ord int
		if err := rows.Scan(&doc, &ord, &id); err != nil {
			t.Fatal(err)
		}
		ids[fmt.Sprint(doc, "#", ord)] = id
	}
	rows.Close()
	var hashes = map[string]string{}
	rows, err = s.DB().Query(`SELECT doc_id, content_sha256 FROM documents`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var doc, h string
		rows.Scan(&doc, &h)
		hashes[doc] = h
	}
	rows.Close()
	for _, it := range items {
		doc := DocID(it.Record)
		if h := referenceContentHash(it); hashes[doc] != h {
			t.Errorf("%s: content hash %s, want %s", doc, hashes[doc], h)
		}
		seen := map[string]int{}
		for i, e := range it.Events {
			k := e.Type + "\x00" + strings.ToLower(e.Defendant)
			want := referenceEventID(doc, e, seen[k])
			seen[k]++
			if got := ids[fmt.Sprint(doc, "#", i)]; got != want {
				t.Errorf("%s event %d: id %s, want %s", doc, i, got, want)
			}
		}
	}

	// A second load of the same batch writes nothing.
	st, err = s.Load(ctx, 2, items)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st, LoadStats{Unchanged: len(items)}) {
		t.Fatalf("second load %+v", st)
	}
}

// referenceEventID and referenceContentHash are the straightforward
// definitions of the id and hash (fmt and a streaming hash); the loader's
// faster versions must agree with them byte for byte.
func referenceEventID(docID string, e normalize.Event, n int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d", docID, e.Type, strings.ToLower(e.Defendant), n)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func referenceContentHash(it Item) string {
	h := sha256.New()
	str := func(xs ...string) {
		for _, x := range xs {
			io.WriteString(h, x)
			h.Write([]byte{0})
		}
	}
	num := func(xs ...int64) {
		for _, x := range xs {
			var b [10]byte
			n := 0
			ux := uint64(x) << 1
			if x < 0 {
				ux = ^ux
			}
			for ux >= 0x80 {
				b[n] = byte(ux) | 0x80
				ux >>= 7
				n++
			}
			b[n] = byte(ux)
			h.Write(b[:n+1])
		}
	}
	strs := func(xs []string) { num(int64(len(xs))); str(xs...) }
	times := func(ts ...time.Time) {
		for _, t := range ts {
			num(t.Unix())
		}
	}
	r := it.Record
	str(r.Source, r.Key, r.URL, r.Publisher, r.Title, r.Body, r.District, r.Kept)
	times(r.Published, r.Changed)
	strs(r.Topics)
	strs(r.Components)
	if r.Docket != nil {
		b, _ := json.Marshal(r.Docket)
		h.Write(b)
	}
	for _, e := range it.Events {
		str("\x1e", e.Type, e.Defendant, e.PleaOrVerdict, e.SentenceKind, e.District, e.DocketNumber, e.Evidence)
		strs(e.Aliases)
		strs(e.Statutes)
		strs(e.Categories)
		strs(e.Agencies)
		times(e.Date)
		num(int64(e.Age), int64(e.PersonCount), int64(e.EvidenceStart), int64(e.EvidenceEnd))
		str(strconv.FormatFloat(e.SentenceMonths, 'g', -1, 64), strconv.FormatBool(e.CourtVerified))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestEventIDAndContentHashMatchReference(t *testing.T) {
	for _, it := range append(trickyItems(), benchItems(50, 3)...) {
		doc := DocID(it.Record)
		if got, want := contentHash(it), referenceContentHash(it); got != want {
			t.Errorf("%s: contentHash %s, want %s", doc, got, want)
		}
		for i, e := range it.Events {
			if got, want := EventID(doc, e, i), referenceEventID(doc, e, i); got != want {
				t.Errorf("%s %d: EventID %s, want %s", doc, i, got, want)
			}
		}
	}
}

// docColumns is one documents row as read back, NULL as the string null.
type docColumns struct {
	DocID, Source, Key, URL, Publisher, Published, Changed, Title, Body string
	Topics, Components                                                  []string
	District, Kept, RawSHA256, ContentSHA256, FetchedAt, Imported       string
	Updated                                                             string
	RunID                                                               int64
}

const null = "<NULL>"

func readDocuments(t *testing.T, s *Store) map[string]docColumns {
	t.Helper()
	rows, err := s.DB().Query(`SELECT doc_id, source, key, url, coalesce(publisher, '<NULL>'),
		coalesce(strftime(published, '%Y-%m-%d'), '<NULL>'), coalesce(strftime(changed, '%Y-%m-%d %H:%M:%S.%f'), '<NULL>'),
		title, body, topics, components, coalesce(district, '<NULL>'), coalesce(kept_reason, '<NULL>'),
		coalesce(raw_sha256, '<NULL>'), content_sha256, coalesce(strftime(fetched_at, '%Y-%m-%d %H:%M:%S.%f'), '<NULL>'),
		strftime(imported_at, '%Y-%m-%d %H:%M:%S.%f'), strftime(updated_at, '%Y-%m-%d %H:%M:%S.%f'), run_id
		FROM documents`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]docColumns{}
	for rows.Next() {
		var d docColumns
		var topics, components []any
		if err := rows.Scan(&d.DocID, &d.Source, &d.Key, &d.URL, &d.Publisher, &d.Published, &d.Changed, &d.Title,
			&d.Body, &topics, &components, &d.District, &d.Kept, &d.RawSHA256, &d.ContentSHA256, &d.FetchedAt,
			&d.Imported, &d.Updated, &d.RunID); err != nil {
			t.Fatal(err)
		}
		for _, x := range topics {
			d.Topics = append(d.Topics, x.(string))
		}
		for _, x := range components {
			d.Components = append(d.Components, x.(string))
		}
		out[d.DocID] = d
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// wantDocument is what a record should read back as: empty optional
// strings are NULL, URL, title and body are kept as given (the empty string included),
// times are UTC to the microsecond.
func wantDocument(it Item, imported, updated time.Time, runID int64) docColumns {
	r := it.Record
	opt := func(s string) string {
		if s == "" {
			return null
		}
		return s
	}
	ts := func(t time.Time) string {
		if t.IsZero() {
			return null
		}
		return t.UTC().Truncate(time.Microsecond).Format("2006-01-02 15:04:05.000000")
	}
	day := null
	if !r.Published.IsZero() {
		day = r.Published.Format("2006-01-02")
	}
	// The one thing staging changes: a list element's unit separator
	// (the staging format's list delimiter) becomes a space.
	elems := func(xs []string) []string {
		var out []string
		for _, x := range xs {
			out = append(out, strings.ReplaceAll(x, listSep, " "))
		}
		return out
	}
	return docColumns{DocID: DocID(r), Source: r.Source, Key: r.Key, URL: r.URL, Publisher: opt(r.Publisher),
		Published: day, Changed: ts(r.Changed), Title: r.Title, Body: r.Body, Topics: elems(r.Topics),
		Components: elems(r.Components), District: opt(r.District), Kept: opt(r.Kept), RawSHA256: opt(r.RawSHA256),
		ContentSHA256: contentHash(it), FetchedAt: ts(r.FetchedAt), Imported: ts(imported), Updated: ts(updated),
		RunID: runID}
}

func TestLoadStoresEveryDocumentFieldExactly(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.duckdb"), ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	first := time.Date(2026, 3, 1, 9, 30, 15, 123456789, time.UTC)
	s.now = func() time.Time { return first }
	est := time.FixedZone("EST", -5*3600)
	items := []Item{
		{Record: sources.Record{Source: "doj", Key: "k1", URL: "https://www.justice.gov/opa/pr/a?x=\"1\"",
			Publisher: "USAO", Published: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
			Changed: time.Date(2024, 3, 1, 17, 4, 5, 999999999, est), Title: `"Quoted" title, with comma`,
			Body:   "Line one;\nline \"two\"\r\nfield\x1esep unit\x1fsep nul\x00 end, é ñ 中文\n",
			Topics: []string{"Project Safe Childhood", `a "b", c`, "x\x1fy"}, Components: []string{"USAO - Texas, Southern"},
			District: "S.D. Tex.", Kept: "child exploitation", RawSHA256: strings.Repeat("ab", 32),
			FetchedAt: time.Date(2024, 3, 2, 1, 2, 3, 456000, time.UTC)}},
		{Record: sources.Record{Source: "file", Key: "bare", URL: "", Title: "", Body: ""}},
		{Record: sources.Record{Source: "file", Key: "=1+2", URL: "-1", Title: "NULL", Body: `\N`,
			Topics: []string{}, Components: []string{""}}},
	}
	if _, err := s.Load(ctx, 7, items); err != nil {
		t.Fatal(err)
	}
	check := func(got map[string]docColumns, want []docColumns) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%d documents stored, want %d", len(got), len(want))
		}
		for _, w := range want {
			g := got[w.DocID]
			// One empty string in a list reads back as no elements; the
			// hash still covers it, so nothing is lost on reload.
			if len(w.Components) == 1 && w.Components[0] == "" {
				w.Components = nil
			}
			if len(w.Topics) == 0 {
				w.Topics = nil
			}
			if len(g.Topics) == 0 {
				g.Topics = nil
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s:\n got %+v\nwant %+v", w.DocID, g, w)
			}
		}
	}
	var want []docColumns
	for _, it := range items {
		want = append(want, wantDocument(it, first, first, 7))
	}
	check(readDocuments(t, s), want)

	// An update keeps imported_at and moves updated_at and run_id.
	later := first.Add(36 * time.Hour)
	s.now = func() time.Time { return later }
	items[0].Record.Body += "Corrected.\n"
	if st, err := s.Load(ctx, 8, items); err != nil || !reflect.DeepEqual(st, LoadStats{Updated: 1, Unchanged: 2}) {
		t.Fatalf("reload: %+v, %v", st, err)
	}
	want[0] = wantDocument(items[0], first, later, 8)
	check(readDocuments(t, s), want)
}
