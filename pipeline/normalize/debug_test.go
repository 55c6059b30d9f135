package normalize

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"casetrack/sources"
)

// TestDebugDoc prints how one gold file is read (DEBUG_DOC=path); a
// developer's aid, skipped otherwise.
func TestDebugDoc(t *testing.T) {
	p := os.Getenv("DEBUG_DOC")
	if p == "" {
		t.Skip("set DEBUG_DOC to a gold JSON file")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		URL, Title, Body string
		Published        *string
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	rec := sources.Record{URL: g.URL, Title: g.Title, Body: g.Body}
	if g.Published != nil {
		rec.Published, _ = time.Parse("2006-01-02", *g.Published)
	}
	n, _ := New()
	d := &doc{n: n, rec: rec, ref: rec.Published, relative: !rec.Published.IsZero()}
	d.sents = splitSentences(rec.Body)
	d.docMinor = victimsOf(lowerASCII(rec.Body))
	d.dateline = datelineEnd(rec.Body)
	d.read()
	d.collectDefendants()
	d.link()
	for ci, c := range d.clauses {
		if len(c.hits) == 0 && len(c.names) == 0 {
			continue
		}
		fmt.Printf("[%d/s%d] %q\n", ci, c.sent, clip(d.sents[c.sent].text[c.start:c.end], 160))
		for _, h := range c.hits {
			r := d.rawFor(ci, h)
			fmt.Printf("   hit %s %q plea=%s old=%v hist=%v date=%v\n", h.typ, c.low[h.pos:h.end], h.plea, r.old, r.history, r.date.Format("2006-01-02"))
		}
		for _, nm := range c.names {
			fmt.Printf("   name %q off=%v strong=%v age=%d poss=%v\n", nm.name, nm.official, nm.strong, nm.age, nm.possessive)
		}
	}
	for _, df := range d.defs {
		fmt.Printf("DEF %q primary=%v raws=%d\n", df.name, df.primary, len(df.raws))
	}
	for _, e := range n.Events(rec) {
		fmt.Printf("EV %s %q n=%d %v %v %v %.0f %s\n", e.Type, e.Defendant, e.PersonCount, e.Categories, e.Agencies, e.Date.Format("2006-01-02"), e.SentenceMonths, e.District)
	}
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
