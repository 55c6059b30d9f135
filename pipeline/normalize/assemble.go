package normalize

import (
	"regexp"
	"sort"
	"strings"
	"time"
)

var reAnaphoric = regexp.MustCompile(`^(?:these|those|the|this|that|all|both|his|her|their|each|its|them|it|one|two|three|\d+|the (?:charges?|counts?|offen[cs]es?))\b|^$|^[,.;]`)

var stageRank = map[string]int{Arrest: 1, Charged: 2, Convicted: 3, Sentenced: 4, Acquitted: 3, Dismissed: 2}

// assemble turns linked raw events into Events: background removed, one
// event per person per stage, categories, agencies, district, sentence.
func (d *doc) assemble() []Event {
	imm := d.enforcementRelease()
	agencies := d.creditedAgencies()
	district := d.district()
	fallback := &lazyCats{d: d}

	// reference date of the main defendants' news, for co-defendants
	primaryRef := d.ref
	for _, df := range d.defs {
		if !df.primary {
			continue
		}
		for _, r := range df.raws {
			if !r.old && !r.history && !r.date.IsZero() && r.date.After(primaryRef) {
				primaryRef = r.date
			}
		}
	}

	var out []Event
	named := false
	listed := map[string]bool{} // stages told of the entries of a list
	var listedArrests []int     // out indexes: arrests of listed people with no charge of their own
	for _, df := range d.defs {
		if d.stopped() {
			return nil
		}
		kept := d.filterDefendant(df, primaryRef, imm)
		if len(kept) == 0 {
			continue
		}
		named = true
		cats := d.defendantCategories(df, kept, imm, fallback, agencies)
		statutes := d.statutesOf(kept)
		for _, r := range kept {
			e := d.event(r)
			if e.Type == Sentenced && (e.SentenceKind == "" || approxTerm(d.clauses[r.clause].low[r.hit.pos:])) {
				// no term, or a rounded one ("more than seven years"): a
				// term stated elsewhere for the same sentencing
				for _, o := range df.raws {
					if o.typ == Sentenced && !o.old && !o.history && o.clause != r.clause {
						if low := d.clauses[o.clause].low[o.hit.pos:]; approxTerm(low) {
							continue
						} else if mo, kind, ok := ParseSentence(low); ok {
							e.SentenceMonths, e.SentenceKind = mo, kind
							break
						}
					}
				}
			}
			e.Defendant = df.name
			e.DefendantKind = DefendantPerson
			if df.org {
				e.DefendantKind = DefendantOrganisation
			}
			if df.listed {
				listed[e.Type] = true
				if e.Type == Arrest && !hasType(kept, Charged) {
					listedArrests = append(listedArrests, len(out))
				}
			}
			e.Aliases = df.aliases
			e.Age = df.age
			e.PersonCount = 1
			e.Categories = cats
			e.Statutes = statutes
			e.Agencies = agencies
			e.District = district
			out = append(out, e)
		}
	}
	switch {
	case !named:
		out = append(out, d.unnamedEvents(imm, agencies, district, fallback, "")...)
	default:
		stage, fold := d.headlineGroup(out, imm)
		switch {
		case !imm && (fold && listed[stage] || listed[d.head.stage] && d.head.count > countType(out, d.head.stage)):
			// a criminal case's list of the people charged ("Those
			// charged ... include:") names them as the news even when the
			// title counts more: the people it leaves out are a group of
			// their own, and so are the counts of stages nobody named
			// ("arrested five of the subjects")
			out = append(out, d.restGroups(out, d.head.stage, imm, agencies, district, fallback, len(listedArrests) >= 2)...)
			if len(listedArrests) >= 2 && countType(out, Charged) == 0 {
				out = d.listedCharges(out, listedArrests, imm, agencies, district, fallback)
			}
		case !imm && len(listedArrests) >= 2 && countType(out, Charged) == 0:
			out = d.listedCharges(out, listedArrests, imm, agencies, district, fallback)
		case fold:
			// the release leads with more people than it names: the named
			// are examples of the group ("Among those arrested were ...");
			// the group is the event, the examples' other stages stay
			kept := out[:0]
			for _, e := range out {
				if e.Type != stage {
					kept = append(kept, e)
				}
			}
			if len(kept) == 0 && !imm {
				// nobody is left named: the release reads as one about
				// groups ("indictment charging 11 ... arrested five"); an
				// enforcement release's one group is its arrest total
				stage = ""
			}
			out = append(kept, d.unnamedEvents(imm, agencies, district, fallback, stage)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].EvidenceStart != out[j].EvidenceStart {
			return out[i].EvidenceStart < out[j].EvidenceStart
		}
		return stageRank[out[i].Type] < stageRank[out[j].Type]
	})
	return out
}

// reEarlierNow is "earlier" of the release's own days: "made his initial
// appearance earlier today".
var reEarlierNow = regexp.MustCompile(`\bearlier (?:today|this (?:week|morning|afternoon))\b`)

// filterDefendant keeps one raw event per stage that the release reports
// as news for df.
func (d *doc) filterDefendant(df *defendant, primaryRef time.Time, imm bool) []rawEvent {
	if len(df.raws) == 0 {
		return nil
	}
	var newsSentences []rawEvent
	for _, r := range df.raws {
		if r.typ == Sentenced && !r.old && !r.history {
			newsSentences = append(newsSentences, r)
		}
	}
	hasNewsSentence := len(newsSentences) > 0
	var newsDate time.Time
	newsRef := func() time.Time {
		if newsDate.IsZero() {
			newsDate = d.primaryNewsDate(primaryRef)
		}
		return newsDate
	}
	background := func(r rawEvent) bool {
		if r.history {
			return true
		}
		if r.old && !(r.typ == Convicted && hasNewsSentence && d.pleaOfThisCase(r, newsSentences)) {
			return true
		}
		if d.recordStage(r) {
			return true
		}
		if !df.primary {
			if r.typ == Sentenced && d.head.stage != "" && stageRank[d.head.stage] < stageRank[Sentenced] && !containsStr(d.head.stages, Sentenced) {
				// a release about a plea or a charge tells co-defendants'
				// sentences as the case's past ("Judge Williams sentenced
				// Emmanuel Samuel, ... to 82 months")
				return true
			}
			low := d.clauses[r.clause].low
			// for an arrest, "previously" near it, not anywhere in the
			// clause: "a citizen of Guatemala arrested Feb. 1 in
			// Ferndale, ..., previously removed to his home country" is
			// this arrest
			near := low
			if r.typ == Arrest && r.hit.end > 0 {
				near = low[max(0, r.hit.pos-40):min(len(low), r.hit.end+25)]
			}
			if strings.Contains(near, "previously") || strings.Contains(near, "earlier") && !reEarlierNow.MatchString(near) {
				return true
			}
			if r.typ != Arrest && r.typ != Charged && rePerfectStage.MatchString(low[max(0, r.hit.pos-20):min(len(low), r.hit.end)]) {
				return true // a co-defendant who "has pleaded guilty" did so before this news
			}
			// a co-defendant sentenced in this release keeps the plea or
			// verdict the sentence followed ("Candelario and Vander were
			// convicted ... on Oct. 1, 2008"), as the main defendant does
			ownPlea := r.typ == Convicted && hasNewsSentence && d.pleaOfThisCase(r, newsSentences)
			ref := primaryRef
			if r.typ == Arrest {
				// an operation's arrests run over days: a week of the
				// main arrest, not of the release
				ref = newsRef()
			}
			if !ownPlea && !r.date.IsZero() && r.date.Before(ref.AddDate(0, 0, -7)) {
				return true
			}
			if !ownPlea && r.date.IsZero() && r.dateMo != 0 && r.dateYr*12+int(r.dateMo) < primaryRef.Year()*12+int(primaryRef.Month()) {
				return true // "Marrero and Pascual pleaded guilty in January 2009" in a February release about another's plea
			}
		}
		return false
	}
	// the latest stage decides; a co-defendant whose latest stage is
	// background is background altogether
	top, topBg := 0, false
	for _, r := range df.raws {
		if rk := stageRank[r.typ]; rk > top {
			top, topBg = rk, background(r)
		} else if rk == top && !background(r) {
			topBg = false
		}
	}
	if topBg && !df.primary && !imm {
		return nil
	}
	newsTop := 0
	for _, r := range df.raws {
		if imm && r.typ != Arrest && !(r.typ == Charged && d.federalChargeNow(r)) {
			continue
		}
		if !background(r) && stageRank[r.typ] > newsTop {
			newsTop = stageRank[r.typ]
		}
	}
	seen := map[string]int{}
	var kept []rawEvent
	for _, r := range df.raws {
		if background(r) {
			continue
		}
		if imm && r.typ != Arrest && !(r.typ == Charged && d.federalChargeNow(r)) {
			continue // an immigration arrest: old convictions are history
		}
		if newsTop >= 3 && (r.typ == Arrest || r.typ == Charged) {
			continue // earlier stages of a case whose outcome is the news
		}
		if i, ok := seen[r.typ]; ok {
			if kept[i].hit.plea == "" && r.hit.plea != "" {
				kept[i].hit.plea = r.hit.plea
			}
			if kept[i].date.IsZero() && !r.date.IsZero() {
				kept[i].date = r.date
			}
			continue
		}
		seen[r.typ] = len(kept)
		kept = append(kept, r)
	}
	return kept
}

// primaryNewsDate is the earliest date of the main defendants' news in
// the last six weeks before ref, else ref: a co-defendant's arrest within a
// week of it is the same news ("ICE arrested him Jan. 12" in a release of
// Jan. 20 makes another man's arrest of Jan. 9 the same operation's).
func (d *doc) primaryNewsDate(ref time.Time) time.Time {
	out := ref
	for _, df := range d.defs {
		if !df.primary {
			continue
		}
		for _, r := range df.raws {
			if !r.old && !r.history && !r.date.IsZero() && r.date.Before(out) && !r.date.Before(ref.AddDate(0, 0, -45)) {
				out = r.date
			}
		}
	}
	return out
}

// pleaOfThisCase reports whether an old conviction in a sentencing release
// can be the plea or verdict the sentence followed: one whose charge wording
// shares a category with the sentence's, or either names none. A plea to
// another offence ("He pled guilty May 14, 2021, to sexual abuse of a
// minor" in a release about a sentence for passport fraud) is another case.
func (d *doc) pleaOfThisCase(r rawEvent, sentences []rawEvent) bool {
	plea := d.clauseCategories(r.clause, r.hit.end)
	if len(plea) == 0 {
		return true
	}
	for _, s := range sentences {
		cats := d.clauseCategories(s.clause, s.hit.end)
		if len(cats) == 0 {
			return true
		}
		for _, c := range cats {
			if containsStr(plea, c) {
				return true
			}
		}
	}
	return false
}

// rePerfectStage is a stage in the perfect tense: "have pleaded guilty",
// "has been sentenced", told of co-defendants as done before the news.
var rePerfectStage = regexp.MustCompile(`\b(?:has|have|had)\s+(?:\w+\s+)?(?:pleaded|pled|been\s+(?:convicted|sentenced|found))`)

// immigrationRelease reports whether the release is about an immigration
// arrest (an ERO arrest of someone with old convictions): immigration
// wording, a news arrest, and no new criminal charge or federal sentence.
// In such a release convictions and sentences are history and arrests are
// immigration_violation (taxonomy rule 2).
func (d *doc) immigrationRelease() bool {
	if !immSignalsSet.in(d.lowBody) && !hasWord(d.lowBody, "ero") {
		return false
	}
	arrest := false
	for ci, c := range d.clauses {
		for _, h := range c.hits {
			r := d.rawFor(ci, h)
			if r.old || r.history {
				continue
			}
			switch h.typ {
			case Arrest:
				arrest = true
			case Charged:
				if !strings.Contains(c.low, "immigration") || reFederal.MatchString(c.low) {
					return false
				}
			case Sentenced, Convicted:
				if reFederal.MatchString(c.low) {
					return false
				}
			}
		}
	}
	return arrest
}

// immSignals are the wordings of an immigration-enforcement release.
var immSignals = []string{"enforcement and removal operations", "removal proceedings", "immigration detainer",
	"pending removal", "amenable to removal", "previously removed", "unlawfully present", "illegally present",
	"removable", "illegal alien", "criminal alien", "noncitizen", "administrative immigration", "immigration custody",
	"ice custody", "deport"}

// hasWord reports whether w occurs in low as a whole word.
func hasWord(low, w string) bool {
	for from := 0; ; {
		i := strings.Index(low[from:], w)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(w)
		if (i == 0 || !isAlnum(low[i-1])) && (j == len(low) || !isAlnum(low[j])) {
			return true
		}
		from = i + 1
	}
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// clauseCategories reads the categories of one clause: wording and cited
// statutes, in the part of the clause that states the charge (a trailing
// "after ..." or "who ..." clause tells history or conduct, not counts).
func (d *doc) clauseCategories(ci int, lastHitEnd int) []string {
	c := &d.clauses[ci]
	seg := c.low
	if loc := reSubordinate.FindStringIndex(seg[min(lastHitEnd, len(seg)):]); loc != nil {
		seg = seg[:lastHitEnd+loc[0]]
	}
	cats := wordingCategories(seg, d.docMinor)
	s := d.sents[c.sent]
	for _, st := range ParseStatutes(s.masked[c.start:c.end]) {
		cats = appendUnique(cats, d.n.statutes.categories(st, seg)...)
	}
	if len(cats) == 0 {
		// a charge named but matching no category ("charged with related
		// immigration offenses") is "other"; "pleaded guilty to these
		// charges" names nothing
		for _, m := range reChargePhrase.FindAllStringIndex(seg, -1) {
			rest := strings.TrimLeft(seg[m[1]:], " ")
			if !reAnaphoric.MatchString(rest) {
				cats = []string{"other"}
				break
			}
		}
	}
	return cats
}

// lazyCats computes the release's fallback categories once, when needed.
type lazyCats struct {
	d    *doc
	done bool
	cats []string
}

func (l *lazyCats) get() []string {
	if !l.done {
		l.cats, l.done = l.d.fallbackCategories(), true
	}
	return l.cats
}

func (d *doc) defendantCategories(df *defendant, kept []rawEvent, imm bool, fallback *lazyCats, agencies []string) []string {
	if imm {
		return d.enforcementCategories(kept)
	}
	var cats []string
	done := map[int]bool{}
	for _, r := range df.raws {
		if done[r.clause] || !keptClause(kept, r.clause) && (r.old || r.history) {
			continue
		}
		done[r.clause] = true
		last := 0
		for _, h := range d.clauses[r.clause].hits {
			if h.end > last {
				last = h.end
			}
		}
		cats = appendUnique(cats, d.clauseCategories(r.clause, last)...)
	}
	if len(cats) == 0 {
		cats = fallback.get()
	}
	if len(cats) == 0 {
		typ := Arrest
		for _, r := range kept {
			if r.typ != Arrest {
				typ = r.typ
			}
		}
		cats = d.defaultCategories(typ, agencies)
	}
	if len(cats) > 1 {
		// "other" from a vague charge phrase yields to a specific category
		// read elsewhere, but a specific other offence (firearm) stays
		cats = orderCategories(cats)
	}
	return cats
}

func keptClause(kept []rawEvent, ci int) bool {
	for _, r := range kept {
		if r.clause == ci {
			return true
		}
	}
	return false
}

func orderCategories(cats []string) []string {
	out := make([]string, 0, len(cats))
	for _, c := range cats {
		if c != "other" {
			out = append(out, c)
		}
	}
	if len(out) < len(cats) {
		out = append(out, "other")
	}
	return out
}

// fallbackCategories are read from the title and the news clauses when a
// defendant's own clauses name no offence; nil when nothing in the release does.
func (d *doc) fallbackCategories() []string {
	cats := wordingCategories(lowerASCII(d.rec.Title), d.docMinor)
	for ci, c := range d.clauses {
		if len(c.hits) == 0 {
			continue
		}
		last := 0
		for _, h := range c.hits {
			if h.end > last {
				last = h.end
			}
		}
		news := false
		for _, h := range c.hits {
			r := d.rawFor(ci, h)
			if !r.old && !r.history {
				news = true
			}
		}
		if !news {
			continue
		}
		for _, x := range wordingCategories(c.low, d.docMinor) {
			cats = appendUnique(cats, x)
		}
	}
	if len(cats) == 0 {
		// no stage clause names an offence: what the release says it is about
		for _, s := range d.sents {
			cats = appendUnique(cats, wordingCategories(s.low, d.docMinor)...)
		}
	}
	if len(cats) == 0 {
		return nil
	}
	return orderCategories(cats)
}

// reCriminalProcess is wording of a criminal case in court: an arrest in
// such a release is for the crime, even when no category names it.
// criminalProcessKeys holds a literal of every reCriminalProcess match: a
// one-pass check before the pattern is tried at every byte of the body.
var criminalProcessKeys = newKeySet("federal prosecutors", "court appearance", "initial appearance", "criminal complaint",
	"indict", "charged with", "charging ", "face", "bribe")

var reCriminalProcess = regexp.MustCompile(`federal prosecutors|court appearance|initial appearance|criminal complaint|indicted|indictment|charged with|charging (?:him|her|them)|faces? (?:up to|a maximum)|bribe`)

// defaultCategories are an event's categories when nothing in the release
// names an offence: an arrest credited to ICE (any part of it) in a release
// worded as immigration enforcement, with no criminal case in court, is an
// administrative immigration arrest (taxonomy: immigration_violation covers
// "administrative immigration arrests"; rule 2); anything else is "other".
func (d *doc) defaultCategories(typ string, agencies []string) []string {
	if typ == Arrest && d.bodyFact("adminArrest", func() bool {
		return (immSignalsSet.in(d.lowBody) || hasWord(d.lowBody, "ero")) && !(criminalProcessKeys.in(d.lowBody) && reCriminalProcess.MatchString(d.lowBody))
	}) {
		for _, a := range agencies {
			if a == "ICE" || a == "ICE_ERO" || a == "HSI" {
				return []string{"immigration_violation"}
			}
		}
	}
	return []string{"other"}
}

func (d *doc) statutesOf(kept []rawEvent) []string {
	var out []string
	seen := map[int]bool{}
	for _, r := range kept {
		c := d.clauses[r.clause]
		if seen[c.sent] {
			continue
		}
		seen[c.sent] = true
		out = appendUnique(out, ParseStatutes(d.sents[c.sent].masked)...)
	}
	return out
}

// federalChargeNow reports whether a charge in an immigration arrest
// release is a new federal case told as news ("Firmino, who's now facing
// federal criminal charges for being an alien in possession of a
// firearm"), not the pending state charges of the person's record.
func (d *doc) federalChargeNow(r rawEvent) bool {
	if r.old || r.history {
		return false
	}
	low := d.clauses[r.clause].low
	return reFederalCharge.MatchString(low) && !strings.Contains(low, "state ")
}

// reFederalCharge is a federal charging step.
var reFederalCharge = regexp.MustCompile(`\bfederal (?:criminal )?(?:charges?|complaint|indictment|grand jury)\b|\bcharged federally\b|\bu\.s\. magistrate\b|\bcriminal complaint\b`)

// restGroups returns, beside the named events of a listed criminal case,
// the group counts the release also reports: the title's stage minus the
// people named for it, and the stages nobody named.
func (d *doc) restGroups(named []Event, stage string, imm bool, agencies []string, district string, lazy *lazyCats, arrestList bool) []Event {
	have := map[string]int{}
	for _, e := range named {
		have[e.Type]++
	}
	var out []Event
	for _, g := range d.unnamedEvents(imm, agencies, district, lazy, "") {
		if g.PersonCount < 2 {
			continue // an unnamed single beside named people is one of them
		}
		switch {
		case g.Type == stage:
			if g.PersonCount > have[stage] {
				g.PersonCount -= have[stage]
				out = append(out, g)
			}
		case g.Type == Charged && arrestList:
			// the charge of a list of the people arrested: listedCharges
			// gives it to them
		case have[g.Type] == 0:
			out = append(out, g)
		}
	}
	return out
}

// listedCharges gives the people a criminal case lists as arrested the
// charge the release tells of a group at least as large ("The indictment
// ... charges nine defendants"; "The individuals arrested are: ..."): they
// are its defendants, and the ones it does not name stay a group.
func (d *doc) listedCharges(out []Event, arrests []int, imm bool, agencies []string, district string, lazy *lazyCats) []Event {
	groups := d.unnamedEvents(imm, agencies, district, lazy, Charged)
	if len(groups) == 0 || groups[0].PersonCount < len(arrests) {
		return out
	}
	g := groups[0]
	for _, i := range arrests {
		e := out[i]
		e.Type, e.Date = Charged, g.Date
		e.Evidence, e.EvidenceStart, e.EvidenceEnd = g.Evidence, g.EvidenceStart, g.EvidenceEnd
		out = append(out, e)
	}
	if g.PersonCount > len(arrests) {
		g.PersonCount -= len(arrests)
		out = append(out, g)
	}
	return out
}

// countType counts the events of type typ.
func countType(evs []Event, typ string) int {
	n := 0
	for _, e := range evs {
		if e.Type == typ {
			n++
		}
	}
	return n
}

// event builds the Event of a kept raw event: type, date, plea/verdict,
// sentence, evidence.
func (d *doc) event(r rawEvent) Event {
	c := d.clauses[r.clause]
	s := d.sents[c.sent]
	e := Event{Type: r.typ, Date: r.date, Evidence: s.text, EvidenceStart: s.start, EvidenceEnd: s.end}
	if r.typ == Convicted {
		e.PleaOrVerdict = r.hit.plea
	}
	if r.typ == Sentenced {
		if mo, kind, ok := ParseSentence(c.low[r.hit.pos:]); ok {
			e.SentenceMonths, e.SentenceKind = mo, kind
		} else if mo, kind, ok := ParseSentence(c.low); ok {
			e.SentenceMonths, e.SentenceKind = mo, kind
		}
	}
	return e
}

// headlineGroup reports a total the release leads with, in its title ("ICE
// arrests 1,361 criminal aliens", "makes 18 arrests") or its lede ("ICE
// Buffalo arrested 35 criminal aliens during a weeklong operation"), when
// the release names fewer than half of them for that stage: the named are
// examples ("Among those arrested were: ..."). A small count ("Three men
// indicted") is a release that names each defendant, even where the names
// were not all read: folding them into a group would lose the ones read.
func (d *doc) headlineGroup(named []Event, imm bool) (string, bool) {
	stage, count := d.head.stage, d.head.count
	if count < 10 && imm {
		// an enforcement operation's total in the lede; elsewhere a lede's
		// number is too often something else ("one of the top 100 most
		// wanted", "smuggling 47 aliens")
		stage, count = d.ledeGroup()
	}
	if count < 10 || stage == "" {
		return "", false
	}
	k := 0
	for _, e := range named {
		if e.Type == stage {
			k++
		}
	}
	return stage, k*2 < count
}

// ledeGroup returns the stage and size of a group the release's first
// sentence reports ("ICE arrested 356 illegal alien gang members").
func (d *doc) ledeGroup() (string, int) {
	for ci := range d.clauses {
		c := &d.clauses[ci]
		if c.sent > 0 {
			break
		}
		for _, m := range reGroup.FindAllStringSubmatchIndex(c.low, -1) {
			if cnt := parseCount(c.low[m[2]:m[3]]); cnt >= 10 {
				h, ok := nearestHit(c.hits, m[2])
				// the verb's own object or subject: "arrested 35 criminal
				// aliens", "35 aliens were arrested"; not "massacring 20
				// people" further on
				near := ok && (h.end <= m[2] && m[2]-h.end <= 25 || h.pos >= m[1] && h.pos-m[1] <= 20)
				if near && h.typ == Arrest {
					if r := d.rawFor(ci, h); !r.old && !r.history {
						return h.typ, cnt
					}
				}
			}
		}
	}
	return "", 0
}

// preferGroup reports whether a group count of stage typ read from the
// body is a better total than the one kept so far: the one closest to the
// title's count of that stage (at or above it when the title says "more
// than"), else the larger.
func (d *doc) preferGroup(typ string, cand, kept int) bool {
	h := d.head
	if h.count < 2 || h.stage != typ {
		return cand > kept
	}
	dist := func(n int) int {
		if h.atLeast && n < h.count {
			return 1 << 30
		}
		if n < h.count {
			return h.count - n
		}
		return n - h.count
	}
	return dist(cand) < dist(kept)
}

// groupHit is a stage of an unnamed group with its count.
type groupHit struct {
	typ   string
	count int
	hit   stageHit
}

// unnamedEvents reads a release that names no defendant: group totals
// ("67 suspected traffickers were arrested", one event per stage with the
// headline total) and single unnamed people ("ERO arrested a 34-year-old
// citizen of Guatemala").
//
// With only set, it returns just the group event of that stage (or none):
// the headline's total in a release that also names some of the people.
func (d *doc) unnamedEvents(imm bool, agencies []string, district string, lazy *lazyCats, only string) []Event {
	type best struct {
		ev    Event
		count int
	}
	groups := map[string]*best{}
	singles := map[string]*best{}
	var order []string
	for ci := range d.clauses {
		c := &d.clauses[ci]
		if len(c.hits) == 0 && !nominalPhraseKeys.in(c.low) {
			continue
		}
		stats := reStats.MatchString(c.low)
		var found []groupHit
		if !stats {
			for _, m := range reGroup.FindAllStringSubmatchIndex(c.low, -1) {
				numStart := m[2]
				if numStart >= 4 && c.low[numStart-4:numStart] == "the " &&
					d.wordBefore(c.low[m[2]:m[3]], d.sents[c.sent].start) {
					// "the 200 criminal aliens arrested" points back to a
					// number the release gave before (a program total, or a
					// group already counted); "the five men were charged"
					// with no earlier five is a count
					continue
				}
				cnt := parseCount(c.low[m[2]:m[3]])
				if cnt < 2 {
					continue
				}
				h, ok := nearestHit(c.hits, numStart)
				if !ok {
					continue
				}
				found = append(found, groupHit{h.typ, cnt, h})
				// "five men were arrested and charged": the stages joined
				// to it by "and" have the same subject
				for _, next := range chainedHits(c, h) {
					found = append(found, groupHit{next.typ, cnt, next})
				}
			}
			var nominal [][]int
			if nominalKeys.in(c.low) {
				nominal = reNominal.FindAllStringSubmatchIndex(c.low, -1)
			}
			if strings.Contains(c.low, " arrests") {
				// "made two other arrests of child predators", "made 55 arrests"
				for _, m := range reCountedArrests.FindAllStringSubmatchIndex(c.low, -1) {
					if cnt := parseCount(c.low[m[2]:m[3]]); cnt >= 2 {
						found = append(found, groupHit{Arrest, cnt, stageHit{typ: Arrest, pos: m[2], end: m[1]}})
					}
				}
			}
			for _, m := range nominal {
				cnt := parseCount(c.low[m[4]:m[5]])
				typ := Arrest
				switch {
				case strings.HasPrefix(c.low[m[2]:m[3]], "prosecution"), strings.HasPrefix(c.low[m[2]:m[3]], "indictment"):
					typ = Charged
				case strings.HasPrefix(c.low[m[2]:m[3]], "conviction"):
					typ = Convicted
				}
				if cnt >= 2 {
					found = append(found, groupHit{typ, cnt, stageHit{typ: typ, pos: m[0], end: m[1]}})
				}
			}
		}
		for _, f := range found {
			r := d.rawFor(ci, f.hit)
			// an annual total ("39 defendants were indicted in 2020") is
			// news in the next year's release; an exact old date is not
			if r.history || r.old && (!r.date.IsZero() || r.dateYr < d.ref.Year()-1) {
				continue
			}
			if imm && f.typ != Arrest {
				continue
			}
			e := d.event(r)
			e.Type = f.typ
			e.PersonCount = f.count
			if b, ok := groups[f.typ]; !ok || d.preferGroup(f.typ, f.count, b.count) {
				if !ok {
					order = append(order, "g"+f.typ)
				}
				groups[f.typ] = &best{ev: e, count: f.count}
			}
		}
		if len(found) > 0 || only != "" {
			continue
		}
		for _, h := range c.hits {
			generic := reGenericSingle.MatchString(c.low) || (h.typ == Arrest && reUnnamedObj.MatchString(c.low))
			pronounObj := !generic && rePronounObj.MatchString(c.low)
			if !generic && !pronounObj && (!reHeShe.MatchString(c.low) || h.typ == Charged && reChargeNarration.MatchString(c.low)) {
				continue
			}
			r := d.rawFor(ci, h)
			if r.old || r.history {
				continue
			}
			if pronounObj && r.date.IsZero() {
				// "officials arrested him" with no date is most often a
				// removal or custody release retelling the person's past
				continue
			}
			if imm && h.typ != Arrest {
				continue
			}
			if _, ok := singles[h.typ]; ok {
				continue
			}
			if _, ok := groups[h.typ]; ok && imm {
				continue // one of the operation's arrests, told as an example
			}
			e := d.event(r)
			e.PersonCount = 1
			singles[h.typ] = &best{ev: e, count: 1}
			order = append(order, "s"+h.typ)
		}
	}
	h := d.head
	if imm && h.stage == Arrest && (h.count == 0 || h.vague) && groups[Arrest] == nil && singles[Arrest] == nil && (only == "" || only == Arrest) {
		// "ICE arrests dozens of criminal illegal aliens ...", "...
		// arrest dangerous criminal aliens": no total anywhere, but the
		// people listed after "include:" are that many at least
		if n, s, ok := d.listedPeople(); ok {
			groups[Arrest] = &best{ev: Event{Type: Arrest, PersonCount: n, Evidence: s.text, EvidenceStart: s.start, EvidenceEnd: s.end}, count: n}
			order = append(order, "g"+Arrest)
		}
	}
	if st := h.stage; st != "" && h.count >= 2 && !h.vague && groups[st] == nil && len(d.sents) > 0 && (only == "" || only == st) && (!imm || st == Arrest) {
		// the body does not repeat the title's total ("ICE arrests 32
		// illegal aliens in Palm Beach County"): the lede carries it
		s := d.sents[0]
		groups[st] = &best{ev: Event{Type: st, PersonCount: h.count, Evidence: s.text, EvidenceStart: s.start, EvidenceEnd: s.end}, count: h.count}
		if only == "" {
			order = append(order, "g"+st)
		}
		if imm {
			// an unnamed arrest read from the body is one of the
			// operation's, as when the body gives the total itself
			kept := order[:0]
			for _, k := range order {
				if k != "s"+st {
					kept = append(kept, k)
				}
			}
			order = kept
		}
	}
	if only != "" {
		order = nil
		if groups[only] != nil {
			order = []string{"g" + only}
		}
	}
	if imm && (only == "" || only == Arrest) && groups[Charged] == nil {
		// the operation's arrests are the group; a charge some of them
		// face is news of its own
		if e, ok := d.subsetCharge(); ok {
			groups[Charged] = &best{ev: e, count: e.PersonCount}
			order = append(order, "g"+Charged)
		}
	}
	var out []Event
	for _, k := range order {
		var b *best
		if k[0] == 'g' {
			b = groups[k[1:]]
		} else {
			b = singles[k[1:]]
		}
		e := b.ev
		if imm && len(e.Categories) == 0 {
			e.Categories = []string{"immigration_violation"}
		} else if !imm {
			c := d.clauseAt(e.EvidenceStart)
			cats := d.clauseCategories(c, len(d.clauses[c].low))
			fallback := lazy.get()
			if len(cats) == 0 || len(cats) == 1 && cats[0] == "other" && len(fallback) > 0 && fallback[0] != "other" {
				cats = fallback
			}
			if len(cats) == 0 {
				cats = d.defaultCategories(e.Type, agencies)
			}
			e.Categories = cats
		}
		e.Agencies = agencies
		e.District = district
		out = append(out, e)
	}
	// the headline total once: a type with a group keeps it, singles of the
	// same type are kept only when reported apart (a dated local arrest)
	return out
}

// subsetCharge reads, in an immigration enforcement release, a charge
// brought against some of the people the operation arrested, told as news
// with a count for its subject ("one has been charged with felony illegal
// reentry", "Among those arrested were four individuals charged with ...",
// "One was taken into state custody ... and is being charged with four
// counts of assault"): an unnamed group of that count, with the charge's
// own category. Their arrests stay immigration arrests.
func (d *doc) subsetCharge() (Event, bool) {
	if !strings.Contains(d.lowBody, "charged") {
		return Event{}, false
	}
	for ci := range d.clauses {
		c := &d.clauses[ci]
		for _, h := range append(c.hits[:len(c.hits):len(c.hits)], c.described...) {
			if h.typ != Charged {
				continue
			}
			m := reSubsetSubject.FindStringSubmatchIndex(c.low[:h.pos])
			if m == nil || reRelClause.MatchString(c.low[m[3]:h.pos]) {
				continue // "One was a criminal alien ... who is charged with ...": the record
			}
			r := d.rawFor(ci, h)
			if r.old || r.history || reChargeNarration.MatchString(c.low) {
				continue
			}
			cnt := parseCount(c.low[m[2]:m[3]])
			if cnt < 1 || d.head.count > 0 && cnt >= d.head.count {
				continue
			}
			e := d.event(r)
			e.Type, e.PersonCount = Charged, cnt
			if e.Categories = d.clauseCategories(ci, len(c.low)); len(e.Categories) == 0 {
				e.Categories = []string{"other"}
			}
			return e, true
		}
	}
	return Event{}, false
}

// reSubsetSubject is a counted subject right before a charge: "one has
// been", "four individuals", "One was taken into state custody ... and is
// being".
var reSubsetSubject = regexp.MustCompile(`(?:^|, |\band |\bwere |\bwas )(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})(?: of (?:them|those|the \w+))?(?: (?:individuals?|people|persons?|aliens?|men|women|others?|suspects?|subjects?|illegal aliens))?\b[^,;]{0,80}?(?:\b(?:has|have|had) been |\b(?:is|are|was|were) (?:being |also )?|\b(?:individuals?|people|persons?|aliens?|men|women|others?|suspects?|subjects?) )$`)

// reHeShe is a clause whose subject is "he" or "she", after an optional
// lead-in ("On Feb. 3, she pleaded guilty"): in a release that names
// nobody, the one unnamed person it is about.
var reHeShe = regexp.MustCompile(`^(?:(?:on|in|later|then|previously|subsequently|also)\b[^,]{0,30},\s*)?(?:he|she)\s`)

// reAndChain is what joins two stage verbs of one subject: "arrested and
// charged", "pleaded guilty and was later sentenced".
var reAndChain = regexp.MustCompile(`^,?\s+and\s+(?:(?:were|was|have been|has been|had been|later|subsequently|then)\s+){0,2}$`)

// chainedHits returns the hits after h in the clause that follow it, one
// after another, joined only by "and".
func chainedHits(c *clause, h stageHit) []stageHit {
	var out []stageHit
	prev := h
	for _, next := range c.hits {
		if next.pos <= prev.pos {
			continue
		}
		if next.pos < prev.end || !reAndChain.MatchString(c.low[prev.end:next.pos]) {
			break
		}
		out = append(out, next)
		prev = next
	}
	return out
}

// reCountedArrests is a count of arrests made ("two other arrests").
var reCountedArrests = regexp.MustCompile(`(?:^|[^\w$.,-])(\d{1,3}(?:,\d{3})*|` + numWordAlt + `)\s+(?:other\s+|more\s+|additional\s+|new\s+)?arrests\b`)

// rePronounObj is an unnamed person as the object of the stage verb
// ("police arrested and charged him").
var rePronounObj = regexp.MustCompile(`\b(?:arrested|apprehended|charged|indicted)\s+(?:and\s+(?:charged|indicted)\s+)?(?:him|her)\b`)

// reChargeNarration marks a charge told as someone's record ("he was also
// charged with ..., which was dismissed, and has pending charges").
var reChargeNarration = regexp.MustCompile(`\balso charged\b|\bpending\b|\bdismissed\b`)

func (d *doc) clauseAt(start int) int {
	for i, c := range d.clauses {
		if d.sents[c.sent].start == start {
			return i
		}
	}
	return 0
}

func nearestHit(hits []stageHit, pos int) (stageHit, bool) {
	var best stageHit
	bd := -1
	for _, h := range hits {
		dist := h.pos - pos
		if dist < 0 {
			dist = -dist + 20 // prefer the verb after the number: "67 traffickers were arrested"
		}
		if bd < 0 || dist < bd {
			best, bd = h, dist
		}
	}
	return best, bd >= 0
}

func parseCount(s string) int {
	s = strings.ReplaceAll(s, ",", "")
	return int(numValue(s))
}

// creditedAgencies collects the agencies the release credits, then
// resolves a plain "ICE" to the unit the release names (HSI, ERO).
func (d *doc) creditedAgencies() []string {
	var out []string
	cutoff := time.Time{}
	if !d.ref.IsZero() {
		cutoff = d.ref.AddDate(-1, 0, 0)
	}
	var ds []dateMention
	bounds := d.sentenceClauses()
	for si, s := range d.sents {
		ments := d.ments[si]
		if len(ments) == 0 {
			continue
		}
		// sentences telling old history credit nobody
		old := false
		event := false
		for ci := bounds[si]; ci < bounds[si+1]; ci++ {
			c := &d.clauses[ci]
			for _, h := range c.hits {
				r := d.rawFor(ci, h)
				if r.old || r.history {
					old = true
				} else if h.typ == Arrest {
					event = true
				}
			}
		}
		if !event && strings.Contains(s.low, " arrests") && reCountedArrests.MatchString(s.low) {
			event = true // "HSI and ERO personnel made two other arrests"
		}
		if !old && !event && !cutoff.IsZero() {
			// the sentence's dates matter only where no arrest is news
			ds = d.dates(s.low, ds)
			for _, dm := range ds {
				if dm.exact && dm.date.Before(cutoff) && !dm.relative {
					old = true
				}
			}
		}
		if old && !event {
			continue
		}
		out = appendUnique(out, credited(s.low, ments, event)...)
	}
	if containsStr(out, "ICE") {
		var units []string
		for _, c := range out {
			if c == "HSI" || c == "ICE_ERO" {
				units = append(units, c)
			}
		}
		if len(units) == 0 {
			for _, ms := range d.ments {
				for _, m := range ms {
					if m.code == "HSI" || m.code == "ICE_ERO" {
						units = appendUnique(units, m.code)
					}
				}
			}
		}
		if len(units) > 0 {
			var res []string
			for _, c := range out {
				if c != "ICE" {
					res = append(res, c)
				}
			}
			out = appendUnique(res, units...)
		}
	}
	return out
}

// district returns the federal district: the publisher's hint, a district
// named in full, or a single-district state in the dateline of a federal case.
func (d *doc) district() string {
	if d.rec.District != "" {
		return d.rec.District
	}
	if dist := d.n.districts.named(d.lowBody); dist != "" {
		return dist
	}
	federal := false
	for ci, c := range d.clauses {
		for _, h := range c.hits {
			if h.typ == Arrest {
				continue
			}
			if r := d.rawFor(ci, h); !r.old && !r.history {
				federal = true
			}
		}
	}
	if !federal {
		return ""
	}
	if st := d.n.districts.datelineState(d.rec.Body); st != "" {
		if dist, ok := d.n.districts.single[st]; ok {
			return dist
		}
	}
	return ""
}

// literal gates: one of them occurs wherever the guarded rule can match
var (
	nominalPhraseKeys = newKeySet("arrests of", "arrest of", "prosecution of", "indictments of", "convictions of", " arrests")
	nominalKeys       = newKeySet("arrest", "prosecution", "indictment", "conviction")
)

// approxTerm reports a rounded prison term: "more than seven years".
func approxTerm(low string) bool {
	m := reTerm.FindStringIndex(low)
	return m != nil && reApprox.MatchString(low[max(0, m[0]-20):m[0]])
}

var reApprox = regexp.MustCompile(`(?:more than|over|nearly|almost|approximately|about|roughly)\s+$`)
