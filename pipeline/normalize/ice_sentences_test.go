package normalize_test

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"casetrack/internal/testshared"
	"casetrack/pipeline/evaluate"
	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// iceSentenceLabels is testdata/ice_sentence_labels.json: hand labels of
// single ICE sentences, stored as keys into ../shared (never the text).
type iceSentenceLabels struct {
	Sentences []iceSentence `json:"sentences"`
}

type iceSentence struct {
	ID            string               `json:"id"`
	Stratum       string               `json:"stratum"`
	Source        string               `json:"source"` // "candidates" or "ice-full"
	DocumentID    string               `json:"document_id"`
	EvidenceStart int                  `json:"evidence_start"` // character (rune) offsets into the release body
	EvidenceEnd   int                  `json:"evidence_end"`
	EventID       string               `json:"event_id"`
	Events        []evaluate.GoldEvent `json:"events"`
	Note          string               `json:"note"`
}

// iceCandidate is the part of one bln_ice_event_candidates.jsonl line the
// test needs.
type iceCandidate struct {
	DocumentID    string `json:"document_id"`
	EventID       string `json:"event_id"`
	EvidenceStart int    `json:"evidence_start"`
	EvidenceEnd   int    `json:"evidence_end"`
	EvidenceText  string `json:"evidence_text"`
}

// iceSentenceFallbackDate is used when the derived index is absent.
var iceSentenceFallbackDate = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// iceSentenceFloors sit just under the scores measured when the labels were
// written (see testdata/ice_sentence_labels.md), so a regression fails.
var iceSentenceFloors = struct{ events, categories, agencies float64 }{0.88, 0.74, 0.95}

// TestICESentenceLabels scores the extraction on hand-labelled single
// sentences from real ICE releases (the draw and the labelling rules are in
// testdata/ice_sentence_labels.md). Each sentence becomes the whole body of
// an ICE record published on its release's date. Run with -v to print the
// disagreements.
func TestICESentenceLabels(t *testing.T) {
	raw, err := os.ReadFile("testdata/ice_sentence_labels.json")
	if err != nil {
		t.Fatal(err)
	}
	var labels iceSentenceLabels
	if err := json.Unmarshal(raw, &labels); err != nil {
		t.Fatalf("ice_sentence_labels.json: %v", err)
	}
	if len(labels.Sentences) < 100 {
		t.Fatalf("only %d labelled sentences", len(labels.Sentences))
	}
	cands := loadICECandidates(t, testshared.Path(t, "fixtures", "ice", "bln_ice_event_candidates.jsonl"))
	published := loadICEPublished(t)
	var bodies map[string]string // document_id -> ice-full body, loaded only when needed

	n, err := normalize.New()
	if err != nil {
		t.Fatal(err)
	}
	var docs []evaluate.GoldDoc
	pred := map[string][]normalize.Event{}
	byID := map[string]iceSentence{}
	tipStatutes := 0
	for _, s := range labels.Sentences {
		var text string
		switch s.Source {
		case "candidates":
			c, ok := cands[s.EventID]
			if !ok {
				t.Fatalf("%s: event %s not in the candidates file", s.ID, s.EventID)
			}
			if c.DocumentID != s.DocumentID || c.EvidenceStart != s.EvidenceStart || c.EvidenceEnd != s.EvidenceEnd {
				t.Fatalf("%s: key %s %d-%d does not match candidate %s (%s %d-%d)", s.ID, s.DocumentID,
					s.EvidenceStart, s.EvidenceEnd, s.EventID, c.DocumentID, c.EvidenceStart, c.EvidenceEnd)
			}
			text = c.EvidenceText
		case "ice-full":
			if bodies == nil {
				bodies = loadICEFullBodies(t, published.urls)
			}
			body, ok := bodies[s.DocumentID]
			if !ok {
				t.Fatalf("%s: document %s not in ice-full", s.ID, s.DocumentID)
			}
			r := []rune(body)
			if s.EvidenceStart < 0 || s.EvidenceEnd > len(r) || s.EvidenceStart >= s.EvidenceEnd {
				t.Fatalf("%s: offsets %d-%d outside the body", s.ID, s.EvidenceStart, s.EvidenceEnd)
			}
			text = string(r[s.EvidenceStart:s.EvidenceEnd])
		default:
			t.Fatalf("%s: unknown source %q", s.ID, s.Source)
		}
		day := iceSentenceFallbackDate
		if d, ok := published.dates[s.DocumentID]; ok {
			day = d
		}
		ds := day.Format("2006-01-02")
		g := evaluate.GoldDoc{ID: s.ID, URL: "ice-sentence:" + s.ID, Publisher: "ICE", Published: &ds,
			Body: text, Gold: evaluate.Gold{Events: s.Events, Notes: s.Note}, File: s.Stratum}
		docs = append(docs, g)
		byID[s.ID] = s
		rec := sources.Record{Source: "ice-sentence", Key: s.ID, URL: g.URL, Publisher: "ICE", Published: day, Body: text}
		evs := n.Events(rec)
		for i, e := range evs {
			if e.EvidenceStart < 0 || e.EvidenceEnd > len(text) || text[e.EvidenceStart:e.EvidenceEnd] != e.Evidence {
				t.Errorf("%s: evidence offsets do not point at the evidence", s.ID)
			}
			if s.Stratum == "tip_line" {
				for _, st := range e.Statutes {
					if strings.Contains(st, "2423") {
						tipStatutes++
					}
				}
			}
			evs[i].Date = time.Time{} // dates are not labelled
		}
		pred[g.URL] = evs
	}
	rep := evaluate.Score(docs, pred)
	t.Logf("ICE sentences (%d): events P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d); categories F1 %.3f; agencies F1 %.3f; immigration FP %d; tip-line 2423 statutes %d",
		len(docs), rep.Events.Precision(), rep.Events.Recall(), rep.Events.F1(), rep.Events.TP, rep.Events.FP, rep.Events.FN,
		rep.Categories.F1(), rep.Agencies.F1(), rep.ImmigrationFP, tipStatutes)
	if testing.Verbose() {
		writeICESentenceDiff(os.Stdout, rep, docs, byID)
	}
	if rep.Events.F1() < iceSentenceFloors.events {
		t.Errorf("event F1 %.3f below the floor %.2f", rep.Events.F1(), iceSentenceFloors.events)
	}
	if rep.Categories.F1() < iceSentenceFloors.categories {
		t.Errorf("category F1 %.3f below the floor %.2f", rep.Categories.F1(), iceSentenceFloors.categories)
	}
	if rep.Agencies.F1() < iceSentenceFloors.agencies {
		t.Errorf("agency F1 %.3f below the floor %.2f", rep.Agencies.F1(), iceSentenceFloors.agencies)
	}
	if rep.ImmigrationFP != 0 {
		t.Errorf("%d immigration false positives", rep.ImmigrationFP)
	}
	if tipStatutes != 0 {
		t.Errorf("%d tip-line numbers read as 18 U.S.C. 2423", tipStatutes)
	}
}

// writeICESentenceDiff prints each sentence the extraction disagrees with:
// its id, stratum, text, label note, and the missed / invented / field lines.
func writeICESentenceDiff(w io.Writer, rep evaluate.Report, docs []evaluate.GoldDoc, byID map[string]iceSentence) {
	body := map[string]string{}
	for _, d := range docs {
		body[d.ID] = d.Body
	}
	who := func(name *string) string {
		if name == nil {
			return "unnamed"
		}
		return *name
	}
	for _, d := range rep.Docs {
		var mism []string
		for _, m := range d.Mismatches {
			if !strings.Contains(m, " date: ") { // dates are not labelled
				mism = append(mism, m)
			}
		}
		if len(d.Missed) == 0 && len(d.Invented) == 0 && len(mism) == 0 && d.ImmigrationFP == 0 {
			continue
		}
		s := byID[d.ID]
		fmt.Fprintf(w, "\n%s [%s] %q\n  label note: %s\n", d.ID, s.Stratum, body[d.ID], s.Note)
		for _, m := range d.Missed {
			fmt.Fprintf(w, "  missed   %s %s (count %d) %v %v\n", m.Type, who(m.Defendant), m.Count, m.Categories, m.Agencies)
		}
		for _, e := range d.Invented {
			name := e.Defendant
			if name == "" {
				name = "unnamed"
			}
			fmt.Fprintf(w, "  invented %s %s (count %d) %v %v %v\n", e.Type, name, e.PersonCount, e.Categories, e.Agencies, e.Statutes)
		}
		for _, m := range mism {
			fmt.Fprintf(w, "  field    %s\n", m)
		}
		if d.ImmigrationFP > 0 {
			fmt.Fprintf(w, "  IMMIGRATION FALSE POSITIVES %d\n", d.ImmigrationFP)
		}
	}
}

func loadICECandidates(t *testing.T, path string) map[string]iceCandidate {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]iceCandidate{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var c iceCandidate
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s line %d: %v", path, line, err)
		}
		out[c.EventID] = c
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// icePublished holds the derived index: release dates and URLs by document_id.
type icePublished struct {
	dates map[string]time.Time
	urls  map[string]string // url -> document_id
}

// loadICEPublished reads bln_ice_releases_derived_index.csv; when it is
// absent every sentence gets iceSentenceFallbackDate.
func loadICEPublished(t *testing.T) icePublished {
	t.Helper()
	p := icePublished{dates: map[string]time.Time{}, urls: map[string]string{}}
	root := testshared.Root()
	if root == "" {
		return p
	}
	f, err := os.Open(root + "/fixtures/ice/bln_ice_releases_derived_index.csv")
	if err != nil {
		t.Logf("derived index not found (%v); using %s for every sentence", err, iceSentenceFallbackDate.Format("2006-01-02"))
		return p
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("derived index: %v", err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, need := range []string{"document_id", "url", "published_date"} {
		if _, ok := col[need]; !ok {
			t.Fatalf("derived index: no column %q", need)
		}
	}
	for _, r := range rows[1:] {
		id := r[col["document_id"]]
		p.urls[r[col["url"]]] = id
		if d, err := time.Parse("2006-01-02", r[col["published_date"]]); err == nil {
			p.dates[id] = d
		}
	}
	return p
}

// loadICEFullBodies reads ice-full's records and keys their bodies by the
// derived index's document_id.
func loadICEFullBodies(t *testing.T, urls map[string]string) map[string]string {
	t.Helper()
	path := testshared.Path(t, "corpus", "ice-full", "records.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var r struct{ URL, Body string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s line %d: %v", path, line, err)
		}
		if id, ok := urls[r.URL]; ok {
			out[id] = r.Body
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}
