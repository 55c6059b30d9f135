// Package evaluate scores extracted events against hand-labelled gold
// releases, exactly as shared/docs/taxonomy.md "Scoring against gold"
// defines: event precision/recall/F1 (type equal and a shared family-name
// token, unnamed with unnamed), category and agency micro-F1 over matched
// pairs, and immigration false positives. It sits beside the pipeline:
// `casetrack eval` imports a gold directory, runs normalize, and prints the
// Report with its per-document diff.
package evaluate

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/pipeline/review"
	"casetrack/sources"
)

// GoldEvent is one labelled event (corpus README "Format").
type GoldEvent struct {
	Defendant      *string         `json:"defendant"`
	Count          int             `json:"count"`
	Type           string          `json:"type"`
	PleaOrVerdict  *string         `json:"plea_or_verdict"`
	Date           *string         `json:"date"`
	Statutes       []string        `json:"statutes"`
	Categories     []string        `json:"categories"`
	SentenceMonths json.RawMessage `json:"sentence_months"` // number, "life" or null
	Agencies       []string        `json:"agencies"`
}

// Gold is a release's labels.
type Gold struct {
	District *string     `json:"district"`
	Events   []GoldEvent `json:"events"`
	Notes    string      `json:"notes"`
}

// GoldDoc is one labelled release.
type GoldDoc struct {
	ID        string  `json:"id"`
	URL       string  `json:"url"`
	Publisher string  `json:"publisher"`
	Published *string `json:"published"`
	Title     string  `json:"title"`
	Body      string  `json:"body"`
	Gold      Gold    `json:"gold"`
	File      string  `json:"-"`
}

// PublishedTime returns the release date, zero when unknown.
func (g GoldDoc) PublishedTime() time.Time {
	if g.Published == nil {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", *g.Published)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Record builds the press-release record the pipeline would import for g.
func (g GoldDoc) Record() sources.Record {
	return sources.Record{Source: "gold", Key: g.ID, URL: g.URL, Publisher: g.Publisher,
		Published: g.PublishedTime(), Title: g.Title, Body: g.Body}
}

// LoadGold reads every *.json file of dir (sorted by name).
func LoadGold(dir string) ([]GoldDoc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("gold %s: no *.json files", dir)
	}
	sort.Strings(paths)
	docs := make([]GoldDoc, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("gold %s: %w", p, err)
		}
		var g GoldDoc
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("gold %s: %w", p, err)
		}
		if g.URL == "" {
			return nil, fmt.Errorf("gold %s: no url", p)
		}
		g.File = filepath.Base(p)
		docs = append(docs, g)
	}
	return docs, nil
}

// PRF is a precision/recall/F1 triple with its counts.
type PRF struct {
	TP, FP, FN int
}

// Precision, Recall and F1 of the counts (1 when nothing was expected or predicted).
func (p PRF) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }
func (p PRF) Recall() float64    { return ratio(p.TP, p.TP+p.FN) }
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (p *PRF) add(q PRF) { p.TP += q.TP; p.FP += q.FP; p.FN += q.FN }

// Pair is a matched gold/predicted event.
type Pair struct {
	Gold GoldEvent
	Pred normalize.Event
}

// DocResult is the diff of one release.
type DocResult struct {
	ID, URL, File string
	Matched       []Pair
	Missed        []GoldEvent       // gold events nothing matched
	Invented      []normalize.Event // predictions matching no gold event
	Mismatches    []string          // field differences on matched pairs
	ImmigrationFP int
	Events        PRF
	Categories    PRF
	Agencies      PRF
}

// Report is the score of a gold set.
type Report struct {
	Docs          []DocResult
	Events        PRF
	Categories    PRF
	Agencies      PRF
	ImmigrationFP int
	Kinds         ErrorKinds
}

// ErrorKinds counts the errors by the kinds issue 13 names, so a reader sees
// where they are and not only the F1. An error is counted under the first
// kind that fits; the rest are "other".
type ErrorKinds struct {
	NonPerson        int `json:"non_person_defendant"` // invented: the defendant is no person or organisation
	MissedListMember int `json:"missed_list_member"`   // missed: a named defendant of a release with 3+ of that stage
	MissedGroupTotal int `json:"missed_group_total"`   // missed or wrong: an unnamed group's event or its count
	ImmigrationFP    int `json:"immigration_false_positive"`
	HistoryAsNews    int `json:"history_as_news"` // invented: a stage the gold lacks for a defendant it has, or any event of a release with none
	OtherInvented    int `json:"other_invented"`
	OtherMissed      int `json:"other_missed"`
}

// Score compares predicted events (by document URL) with the gold labels.
func Score(docs []GoldDoc, predicted map[string][]normalize.Event) Report {
	var rep Report
	for _, g := range docs {
		r := scoreDoc(g, predicted[g.URL])
		rep.Events.add(r.Events)
		rep.Categories.add(r.Categories)
		rep.Agencies.add(r.Agencies)
		rep.ImmigrationFP += r.ImmigrationFP
		rep.Kinds.add(g, r)
		rep.Docs = append(rep.Docs, r)
	}
	return rep
}

// Matched reports, for each predicted event of g's document, whether it
// matches a gold event (the pairing Score uses).
func Matched(g GoldDoc, preds []normalize.Event) []bool {
	_, used := pair(g, preds)
	return used
}

// pair matches gold events to predictions, best pairs first (exact name,
// then the most shared family tokens), each at most once: gmatched[i] is
// the prediction matched to gold event i (-1 for none), used[j] whether
// prediction j matched.
func pair(g GoldDoc, preds []normalize.Event) (gmatched []int, used []bool) {
	used = make([]bool, len(preds))
	gmatched = make([]int, len(g.Gold.Events))
	for i := range gmatched {
		gmatched[i] = -1
	}
	type cand struct{ gi, pi, score int }
	var cands []cand
	for gi, ge := range g.Gold.Events {
		for pi, pe := range preds {
			if s := matchScore(ge, pe); s > 0 {
				cands = append(cands, cand{gi, pi, s})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	for _, c := range cands {
		if gmatched[c.gi] >= 0 || used[c.pi] {
			continue
		}
		gmatched[c.gi] = c.pi
		used[c.pi] = true
	}
	return gmatched, used
}

func scoreDoc(g GoldDoc, preds []normalize.Event) DocResult {
	r := DocResult{ID: g.ID, URL: g.URL, File: g.File}
	gmatched, used := pair(g, preds)
	for gi, ge := range g.Gold.Events {
		pi := gmatched[gi]
		if pi < 0 {
			r.Missed = append(r.Missed, ge)
			r.Events.FN++
			continue
		}
		pe := preds[pi]
		r.Events.TP++
		r.Matched = append(r.Matched, Pair{Gold: ge, Pred: pe})
		r.Categories.add(setPRF(ge.Categories, pe.Categories))
		r.Agencies.add(setPRF(ge.Agencies, pe.Agencies))
		r.Mismatches = append(r.Mismatches, fieldDiff(ge, pe)...)
	}
	for pi, pe := range preds {
		if !used[pi] {
			r.Invented = append(r.Invented, pe)
			r.Events.FP++
		}
	}
	r.ImmigrationFP = immigrationFP(g.Gold.Events, preds)
	return r
}

// add counts the errors of one release by kind.
func (k *ErrorKinds) add(g GoldDoc, r DocResult) {
	k.ImmigrationFP += r.ImmigrationFP
	perType := map[string]int{}
	var goldNames []string
	for _, ge := range g.Gold.Events {
		perType[ge.Type]++
		if ge.Defendant != nil {
			goldNames = append(goldNames, *ge.Defendant)
		}
	}
	for _, m := range r.Missed {
		switch {
		case m.Defendant == nil || *m.Defendant == "":
			k.MissedGroupTotal++
		case perType[m.Type] >= 3:
			k.MissedListMember++
		default:
			k.OtherMissed++
		}
	}
	for _, p := range r.Matched {
		if p.Gold.Defendant == nil && p.Gold.Count != p.Pred.PersonCount {
			k.MissedGroupTotal++
		}
	}
	for _, e := range r.Invented {
		switch {
		case e.Defendant != "" && normalize.NonPersonName(e.Defendant):
			k.NonPerson++
		case len(g.Gold.Events) == 0 || e.Defendant != "" && sharesFamilyName(e.Defendant, goldNames):
			k.HistoryAsNews++
		default:
			k.OtherInvented++
		}
	}
}

func sharesFamilyName(name string, others []string) bool {
	for _, o := range others {
		for _, a := range FamilyTokens(name) {
			for _, b := range FamilyTokens(o) {
				if a == b {
					return true
				}
			}
		}
	}
	return false
}

// Category sets the immigration rule protects (taxonomy.md).
var protected = map[string]bool{
	"sex_trafficking_minor": true, "sex_trafficking_force_fraud_coercion": true, "sex_trafficking_conspiracy": true,
	"forced_labor": true, "csam_production": true, "csam_distribution_receipt": true, "csam_possession": true,
	"enticement_minor": true, "transportation_minor": true, "travel_illicit_sexual_conduct": true, "sexual_abuse_minor": true,
}

func immigrationFP(gold []GoldEvent, preds []normalize.Event) int {
	immArrest := false
	for _, ge := range gold {
		for _, c := range ge.Categories {
			if protected[c] {
				return 0
			}
		}
		if ge.Type == normalize.Arrest && contains(ge.Categories, "immigration_violation") {
			immArrest = true
		}
	}
	if !immArrest {
		return 0
	}
	n := 0
	for _, pe := range preds {
		for _, c := range pe.Categories {
			if protected[c] {
				n++
				break
			}
		}
	}
	return n
}

// matchScore is 0 when the events do not match; higher is a better match.
func matchScore(ge GoldEvent, pe normalize.Event) int {
	if ge.Type != pe.Type {
		return 0
	}
	gname := ""
	if ge.Defendant != nil {
		gname = *ge.Defendant
	}
	if gname == "" || pe.Defendant == "" {
		if gname == "" && pe.Defendant == "" {
			return 1
		}
		return 0
	}
	if foldName(gname) == foldName(pe.Defendant) {
		return 100
	}
	gf, pf := FamilyTokens(gname), FamilyTokens(pe.Defendant)
	shared := 0
	for _, a := range gf {
		for _, b := range pf {
			if a == b {
				shared++
			}
		}
	}
	if shared == 0 {
		return 0
	}
	return 1 + shared
}

// FamilyTokens returns a name's family-name tokens: the folded tokens after
// the given name, suffixes (Jr., III) dropped, accents folded; a one-word
// name is all family name. Hyphenated surnames also count by their parts.
func FamilyTokens(name string) []string {
	words := strings.Fields(foldName(name))
	var toks []string
	for _, w := range words {
		switch w {
		case "jr", "sr", "ii", "iii", "iv":
			continue
		}
		toks = append(toks, w)
	}
	if len(toks) > 1 {
		toks = toks[1:]
	}
	var out []string
	for _, t := range toks {
		out = append(out, t)
		if strings.Contains(t, "-") {
			out = append(out, strings.Split(t, "-")...)
		}
	}
	return out
}

func foldName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := accents[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z', r == '-', r == ' ':
			b.WriteRune(r)
		case r == ',' || r == '.':
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var accents = func() map[rune]rune {
	m := map[rune]rune{}
	for base, list := range map[rune]string{'a': "àáâãäåā", 'c': "çćč", 'e': "èéêëēė", 'i': "ìíîïī",
		'n': "ñń", 'o': "òóôõöøō", 'u': "ùúûüū", 'y': "ýÿ", 's': "šś", 'z': "žź"} {
		for _, r := range list {
			m[r] = base
		}
	}
	return m
}()

func setPRF(gold, pred []string) PRF {
	var p PRF
	for _, x := range pred {
		if contains(gold, x) {
			p.TP++
		} else {
			p.FP++
		}
	}
	for _, x := range gold {
		if !contains(pred, x) {
			p.FN++
		}
	}
	return p
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func fieldDiff(ge GoldEvent, pe normalize.Event) []string {
	who := "unnamed"
	if ge.Defendant != nil {
		who = *ge.Defendant
	}
	var out []string
	f := func(field, g, p string) {
		if g != p {
			out = append(out, fmt.Sprintf("%s %s %s: gold %q, got %q", who, ge.Type, field, g, p))
		}
	}
	gd := ""
	if ge.Date != nil {
		gd = *ge.Date
	}
	pd := ""
	if !pe.Date.IsZero() {
		pd = pe.Date.Format("2006-01-02")
	}
	f("date", gd, pd)
	gp := ""
	if ge.PleaOrVerdict != nil {
		gp = *ge.PleaOrVerdict
	}
	f("plea_or_verdict", gp, pe.PleaOrVerdict)
	if ge.Defendant == nil && ge.Count != pe.PersonCount {
		f("count", fmt.Sprint(ge.Count), fmt.Sprint(pe.PersonCount))
	}
	gs := strings.Trim(string(ge.SentenceMonths), `"`)
	if gs == "null" {
		gs = ""
	}
	ps := ""
	switch {
	case pe.SentenceKind == normalize.SentenceLife:
		ps = "life"
	case pe.SentenceMonths > 0:
		ps = fmt.Sprint(pe.SentenceMonths)
	}
	f("sentence_months", gs, ps)
	f("categories", strings.Join(sorted(ge.Categories), ","), strings.Join(sorted(pe.Categories), ","))
	f("agencies", strings.Join(sorted(ge.Agencies), ","), strings.Join(sorted(pe.Agencies), ","))
	f("statutes", strings.Join(sorted(ge.Statutes), ","), strings.Join(sorted(pe.Statutes), ","))
	return out
}

func sorted(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// WriteText prints the summary and the per-document diff.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "events      P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)\n", r.Events.Precision(), r.Events.Recall(), r.Events.F1(), r.Events.TP, r.Events.FP, r.Events.FN)
	fmt.Fprintf(&b, "categories  P %.3f  R %.3f  F1 %.3f  (micro over %d matched pairs)\n", r.Categories.Precision(), r.Categories.Recall(), r.Categories.F1(), r.Events.TP)
	fmt.Fprintf(&b, "agencies    P %.3f  R %.3f  F1 %.3f\n", r.Agencies.Precision(), r.Agencies.Recall(), r.Agencies.F1())
	fmt.Fprintf(&b, "immigration false positives %d\n", r.ImmigrationFP)
	k := r.Kinds
	fmt.Fprintf(&b, "error kinds: non-person defendant %d, missed list member %d, missed group total %d, immigration false positive %d, history as news %d, other invented %d, other missed %d\n",
		k.NonPerson, k.MissedListMember, k.MissedGroupTotal, k.ImmigrationFP, k.HistoryAsNews, k.OtherInvented, k.OtherMissed)
	for _, d := range r.Docs {
		if len(d.Missed) == 0 && len(d.Invented) == 0 && len(d.Mismatches) == 0 && d.ImmigrationFP == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s %s\n", d.ID, d.URL)
		for _, m := range d.Missed {
			who := "unnamed"
			if m.Defendant != nil {
				who = *m.Defendant
			}
			fmt.Fprintf(&b, "  missed   %s %s (count %d) %v %v\n", m.Type, who, m.Count, m.Categories, m.Agencies)
		}
		for _, e := range d.Invented {
			who := e.Defendant
			if who == "" {
				who = "unnamed"
			}
			fmt.Fprintf(&b, "  invented %s %s (count %d) %v %v: %q\n", e.Type, who, e.PersonCount, e.Categories, e.Agencies, clip(e.Evidence, 140))
		}
		for _, m := range d.Mismatches {
			fmt.Fprintf(&b, "  field    %s\n", m)
		}
		if d.ImmigrationFP > 0 {
			fmt.Fprintf(&b, "  IMMIGRATION FALSE POSITIVES %d\n", d.ImmigrationFP)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// SheetScore measures the review sheet (pipeline/review) against gold: of
// the extracted events that match no gold event, how many the checks flag
// (the higher the better), and of those that match one, how many (the
// lower the better).
type SheetScore struct {
	Unmatched, UnmatchedFlagged int
	Matched, MatchedFlagged     int
	// ByReason counts, per reason code, the unmatched [0] and matched [1]
	// events it flagged.
	ByReason map[string]*[2]int
	// Missed lists the unmatched events no check flagged, and Doubted the
	// matched ones some check flagged, one line each, for tuning the checks.
	Missed, Doubted []string
}

// ScoreSheet runs ch over the stored documents and compares its flags
// with the gold labels of the same documents (by URL). Documents without
// labels are ignored.
func ScoreSheet(gold []GoldDoc, docs []review.Document, ch review.Checker) SheetScore {
	s := SheetScore{ByReason: map[string]*[2]int{}}
	byURL := make(map[string]*GoldDoc, len(gold))
	for i := range gold {
		byURL[gold[i].URL] = &gold[i]
	}
	for i := range docs {
		d := &docs[i]
		g := byURL[d.URL]
		if g == nil {
			continue
		}
		preds := make([]normalize.Event, len(d.Events))
		for j, e := range d.Events {
			preds[j] = normalize.Event{Type: e.Type, Defendant: e.Defendant, PersonCount: e.PersonCount}
		}
		matched := Matched(*g, preds)
		reasons := ch.Reasons(d)
		for j, e := range d.Events {
			k := 0
			if matched[j] {
				k = 1
				s.Matched++
			} else {
				s.Unmatched++
			}
			for _, r := range reasons[j] {
				c := s.ByReason[r.Code]
				if c == nil {
					c = &[2]int{}
					s.ByReason[r.Code] = c
				}
				c[k]++
			}
			flagged := len(reasons[j]) > 0
			who := e.Defendant
			if who == "" {
				who = fmt.Sprintf("unnamed (%d)", e.PersonCount)
			}
			line := fmt.Sprintf("%s %s %s %v: %q", g.ID, e.Type, who, e.Categories, clip(e.Evidence, 120))
			switch {
			case matched[j] && flagged:
				s.MatchedFlagged++
				var rs []string
				for _, r := range reasons[j] {
					rs = append(rs, r.String())
				}
				s.Doubted = append(s.Doubted, line+" <- "+strings.Join(rs, "; "))
			case !matched[j] && flagged:
				s.UnmatchedFlagged++
			case !matched[j]:
				s.Missed = append(s.Missed, line)
			}
		}
	}
	return s
}

// WriteText prints the sheet's two rates, the count per reason and, with
// detail, the events it missed and doubted.
func (s SheetScore) WriteText(w io.Writer, detail bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "review sheet: flags %d of %d events that match no gold event (%.0f%%), %d of %d that match one (%.0f%%)\n",
		s.UnmatchedFlagged, s.Unmatched, 100*ratio(s.UnmatchedFlagged, s.Unmatched),
		s.MatchedFlagged, s.Matched, 100*ratio(s.MatchedFlagged, s.Matched))
	codes := make([]string, 0, len(s.ByReason))
	for c := range s.ByReason {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		fmt.Fprintf(&b, "  %-40s flags %3d unmatched, %3d matched\n", c, s.ByReason[c][0], s.ByReason[c][1])
	}
	if detail {
		for _, l := range s.Missed {
			fmt.Fprintf(&b, "  not flagged, matches no gold: %s\n", l)
		}
		for _, l := range s.Doubted {
			fmt.Fprintf(&b, "  flagged, matches gold:        %s\n", l)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
