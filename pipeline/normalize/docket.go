package normalize

// Court-verified events from a docket (sources.Docket), the court side of
// casetrack: where a press release announces, a docket proves. This file
// reads what the PACER parser and the CourtListener client put in
// Record.Docket and decides which events it proves, per defendant:
//
//   - charged: each complaint, information and indictment entry (or, when
//     the entries are not on the page, one event from the counts, dated by
//     the docket's filing date);
//   - arrest: the first arrest / executed-warrant / initial-appearance
//     entry, where present;
//   - convicted: plea or verdict, read from the entries and, failing that,
//     from the count dispositions; the counts of conviction are those whose
//     disposition is neither a dismissal nor an acquittal, wherever the
//     court filed them (Pending or Terminated);
//   - sentenced: the custody term of the counts of conviction (months, life,
//     probation or time served, see SentenceKind);
//   - dismissed / acquitted: one event per count so disposed.
//
// Civil dockets and criminal matters without counts or complaints (the
// search-warrant "mj" dockets) prove nothing and give no events.
//
// Evidence is the docket entry text or the count text plus its disposition.
// EvidenceStart/EvidenceEnd stay 0/0 for docket events: the evidence comes
// from structured fields, not from a span of Record.Body.

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"casetrack/sources"
)

// Entry and disposition patterns, compiled once.
var (
	reChargeEntry   = regexp.MustCompile(`(?i)^\W*(?:[A-Z]{1,4}:\s*)?(?:(?:sealed|redacted|amended|corrected)\s+)*((?:(?:first|second|third|\d+(?:st|nd|rd|th))\s+)?superseding\s+)?(indictment|information|complaint)\b`)
	reSupersedeN    = regexp.MustCompile(`(?i)\b(second|third|2nd|3rd)\s+superseding`)
	reArrestEntry   = regexp.MustCompile(`(?i)^\W*arrest of\b|\bwarrant returned executed\b|\barrested\b|\binitial appearance\b[^.]{0,120}\bheld\b|\bminute entry\b[^.]{0,160}\binitial appearance\b`)
	rePleaEntry     = regexp.MustCompile(`(?i)\b(?:enters?|entered)\s+(?:a\s+)?plea\s+of\s+guilty\b|\bplea\s+of\s+guilty\b|\bguilty\s+plea\s+(?:entered|accepted)\b|\bpleads?\s+guilty\b|\bpled\s+guilty\b|\bpleaded\s+guilty\b|\bchange\s+of\s+plea\s+hearing\b[^.]{0,120}\bheld\b|\bplea\s+entered\b[^.]{0,40}\bguilty\b`)
	rePleaAgreement = regexp.MustCompile(`(?i)\bplea\s+agreement\b`)
	reVerdictEntry  = regexp.MustCompile(`(?i)\bjury\s+verdict\b|\bverdict\s+of\s+guilty\b|\bguilty\s+verdict\b|\bfound\s+guilty\b|\bfinds\s+(?:the\s+)?defendant\s+guilty\b|^\W*verdict\b`)
	reNegated       = regexp.MustCompile(`(?i)\bnot\s*$`)
	reSentencedAt   = regexp.MustCompile(`(?i)\bsentencing\b[^.]{0,160}\bheld\b|\bsentence\s+imposed\b`)
	reJudgmentEntry = regexp.MustCompile(`(?i)^\W*(?:amended\s+)?judgment\b(?:\s+and\s+commitment)?(?:\s+issued)?\s+as\s+to\b`)
	reDismissDisp   = regexp.MustCompile(`(?i)\bdismiss`)
	reAcquitDisp    = regexp.MustCompile(`(?i)\bnot\s+guilty\b|\bacquit`)
	reVerdictDisp   = regexp.MustCompile(`(?i)\bverdict\b|\bfound\s+guilty\b|\bguilty\s+by\s+(?:the\s+)?(?:jury|court)\b`)
	rePleaDisp      = regexp.MustCompile(`(?i)\bplea\b|\bpled\b|\bpleaded\b`)
	reDismissEntry  = regexp.MustCompile(`(?i)\bdismiss\w*\b[^.]{0,120}\bcounts?\b|\bcounts?\b[^.]{0,120}\bdismiss`)
	reMotionEntry   = regexp.MustCompile(`(?i)^\W*(?:\w+\s+){0,2}motion\b`)
	reSurnameSplit  = regexp.MustCompile(`[\s,]+`)
	reArrestedOn    = regexp.MustCompile(`(?i)(?:executed|arrested|arrest\s+of\b[^.]{0,80}?)\s+on\s+(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b`)
)

// DocketEvents returns the court-verified events a docket record proves, per
// defendant in docket order and, within a defendant, in case order
// (arrest, charged, convicted, sentenced, then dismissed/acquitted counts).
// Records without a Docket, civil dockets and count-less matters give nil.
func (n *Normalizer) DocketEvents(rec sources.Record) []Event {
	d := rec.Docket
	if d == nil || !criminalCaseType(d.CaseType) {
		return nil
	}
	var out []Event
	for i := range d.Defendants {
		out = append(out, n.defendantEvents(d, &d.Defendants[i])...)
	}
	return out
}

// criminalCaseType: "cr" criminal, "mj" magistrate-judge criminal
// (complaints, warrants), "po" petty offence. Everything else (cv, mc, md,
// bk, ...) is not a criminal prosecution.
func criminalCaseType(t string) bool {
	switch strings.ToLower(t) {
	case "cr", "mj", "po":
		return true
	}
	return false
}

type countClass int

const (
	classNone countClass = iota // no disposition yet
	classConvicted
	classDismissed
	classAcquitted
)

func classify(disp string) countClass {
	switch {
	case strings.TrimSpace(disp) == "":
		return classNone
	case reAcquitDisp.MatchString(disp):
		return classAcquitted
	case reDismissDisp.MatchString(disp) && !reGuiltyWords.MatchString(disp):
		return classDismissed
	default:
		return classConvicted
	}
}

var reGuiltyWords = regexp.MustCompile(`(?i)\bguilty\b|\bcustody\b|\bbop\b|\bprison|\bprobation\b|\bmonths?\b`)

func (n *Normalizer) defendantEvents(d *sources.Docket, def *sources.Defendant) []Event {
	if len(def.Counts) == 0 && len(def.Complaints) == 0 {
		return nil // search-warrant matters and the like: nothing charged
	}
	entries := relevantEntries(d, def)
	kind := DefendantPerson
	if reOrgForm.MatchString(strings.ToLower(def.Name)) {
		kind = DefendantOrganisation // "USA v. Acme Logistics, Inc."
	}
	base := Event{
		Defendant:     def.Name,
		DefendantKind: kind,
		Aliases:       def.Aliases,
		PersonCount:   1,
		District:      d.District,
		DocketNumber:  d.DocketNumber,
		CourtVerified: true,
	}
	var out []Event

	// arrest
	for _, e := range entries {
		if reArrestEntry.MatchString(e.Text) {
			ev := base
			ev.Type = Arrest
			ev.Date = e.Date
			if t, ok := arrestedOn(e.Text); ok && !t.After(e.Date) {
				ev.Date = t // "Warrant Returned Executed on 1/20/04" filed later
			}
			ev.Evidence = e.Text
			ev.Statutes, ev.Categories = n.countStatutes(def.Complaints)
			if len(ev.Statutes) == 0 {
				ev.Statutes, ev.Categories = n.countStatutes(def.Counts)
			}
			out = append(out, ev)
			break
		}
	}

	// charged: one event per charging-instrument entry.
	charged := 0
	complaintSeen := false
	instruments := map[string]bool{} // one event per instrument: "Indictment unsealed" is not a new charge
	for _, e := range entries {
		m := reChargeEntry.FindStringSubmatch(e.Text)
		if m == nil || reMotionEntry.MatchString(e.Text) {
			continue
		}
		kind := strings.ToLower(m[2])
		inst := kind + "|" + strings.ToLower(strings.Join(strings.Fields(m[1]), " "))
		if instruments[inst] {
			continue
		}
		instruments[inst] = true
		ev := base
		ev.Type = Charged
		ev.Date = e.Date
		ev.Evidence = e.Text
		switch kind {
		case "complaint":
			complaintSeen = true
			ev.Statutes, ev.Categories = n.countStatutes(def.Complaints)
			if len(ev.Statutes) == 0 {
				ev.Statutes, ev.Categories = n.countStatutes(def.Counts)
			}
		default:
			level := 0
			if m[1] != "" {
				level = 1
				if reSupersedeN.MatchString(m[1]) {
					level = 2
				}
			}
			ev.Statutes, ev.Categories = n.countStatutes(countsAtLevel(def.Counts, level))
		}
		out = append(out, ev)
		charged++
	}
	if charged == 0 || (!complaintSeen && len(def.Complaints) > 0 && len(def.Counts) == 0) {
		// The charging entries are not on the page (a partial capture or a
		// docket opened on transfer): the counts themselves prove the charge.
		// A complaint-only defendant is charged by complaint; its date is
		// the docket's filing date only when the docket is the complaint's own.
		ev := base
		ev.Type = Charged
		if len(def.Counts) > 0 {
			ev.Statutes, ev.Categories = n.countStatutes(def.Counts)
			ev.Evidence = countsEvidence(def.Counts)
			ev.Date = d.DateFiled
		} else {
			ev.Statutes, ev.Categories = n.countStatutes(def.Complaints)
			ev.Evidence = countsEvidence(def.Complaints)
			if strings.EqualFold(d.CaseType, "mj") {
				ev.Date = d.DateFiled
			}
		}
		out = append(out, ev)
	}

	// Counts by outcome, wherever the court filed them.
	var convicted, dismissed, acquitted []sources.Count
	for _, c := range def.Counts {
		switch classify(c.Disposition) {
		case classConvicted:
			convicted = append(convicted, c)
		case classDismissed:
			dismissed = append(dismissed, c)
		case classAcquitted:
			acquitted = append(acquitted, c)
		}
	}

	// convicted
	convEntry, how := convictionEntry(entries)
	if how == "" {
		for _, c := range convicted {
			if reVerdictDisp.MatchString(c.Disposition) {
				how = "verdict"
				break
			}
			if rePleaDisp.MatchString(c.Disposition) {
				how = "plea"
			}
		}
		if how == "" {
			// No plea or verdict wording anywhere but a plea agreement on file.
			for _, e := range entries {
				if rePleaAgreement.MatchString(e.Text) && !reMotionEntry.MatchString(e.Text) {
					how = "plea"
					break
				}
			}
		}
	}
	if len(convicted) > 0 || convEntry != nil {
		ev := base
		ev.Type = Convicted
		ev.PleaOrVerdict = how
		convCounts := convicted
		if len(convCounts) == 0 {
			convCounts = def.Counts
		}
		ev.Statutes, ev.Categories = n.countStatutes(convCounts)
		if convEntry != nil {
			ev.Date = convEntry.Date
			ev.Evidence = convEntry.Text
		} else {
			ev.Evidence = countsEvidence(convicted)
		}
		out = append(out, ev)
	}

	// sentenced
	if len(convicted) > 0 {
		var months float64
		kind := ""
		var from sources.Count
		for _, c := range convicted {
			m, k := ParseDispositionSentence(c.Disposition)
			if k == "" {
				continue
			}
			if sentenceRank(k, m) > sentenceRank(kind, months) {
				months, kind, from = m, k, c
			}
		}
		if kind != "" {
			ev := base
			ev.Type = Sentenced
			ev.SentenceKind = kind
			ev.SentenceMonths = months
			ev.Statutes, ev.Categories = n.countStatutes(convicted)
			ev.Evidence = countEvidence(from)
			ev.Date = sentencingDate(entries, from.Disposition, def, d)
			out = append(out, ev)
		}
	}

	// dismissed / acquitted, one per count.
	for _, group := range []struct {
		typ    string
		counts []sources.Count
	}{{Dismissed, dismissed}, {Acquitted, acquitted}} {
		for _, c := range group.counts {
			ev := base
			ev.Type = group.typ
			ev.Statutes, ev.Categories = n.countStatutes([]sources.Count{c})
			ev.Evidence = countEvidence(c)
			ev.Date = dispositionDate(entries, c, def, d)
			out = append(out, ev)
		}
	}
	return out
}

// relevantEntries keeps the entries about def: on a one-defendant view all
// of them; on a multi-defendant page those naming the defendant (surname or
// an alias) or naming nobody in particular.
func relevantEntries(d *sources.Docket, def *sources.Defendant) []sources.DocketEntry {
	if len(d.Defendants) <= 1 {
		return d.Entries
	}
	names := append([]string{def.Name}, def.Aliases...)
	var keys []string
	for _, nm := range names {
		parts := reSurnameSplit.Split(strings.TrimSpace(nm), -1)
		if len(parts) > 0 {
			keys = append(keys, strings.ToLower(parts[len(parts)-1]))
		}
	}
	var out []sources.DocketEntry
	for _, e := range d.Entries {
		low := strings.ToLower(e.Text)
		for _, k := range keys {
			if len(k) > 2 && strings.Contains(low, k) {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// convictionEntry finds the first entry recording a guilty plea or a guilty
// verdict, skipping "not guilty" pleas and verdicts and mere scheduling.
func convictionEntry(entries []sources.DocketEntry) (*sources.DocketEntry, string) {
	for i := range entries {
		t := entries[i].Text
		if reMotionEntry.MatchString(t) {
			continue
		}
		if firstUnnegated(rePleaEntry, t) {
			return &entries[i], "plea"
		}
		if firstUnnegated(reVerdictEntry, t) {
			return &entries[i], "verdict"
		}
	}
	return nil, ""
}

// firstUnnegated reports whether re matches t somewhere not preceded by
// "not" ("Not guilty plea entered", "found not guilty").
func firstUnnegated(re *regexp.Regexp, t string) bool {
	for _, loc := range re.FindAllStringIndex(t, -1) {
		pre := t[max(0, loc[0]-12):loc[0]]
		seg := t[loc[0]:loc[1]]
		if reNegated.MatchString(pre) || strings.Contains(strings.ToLower(seg), "not ") {
			continue
		}
		return true
	}
	return false
}

// countsAtLevel keeps the counts of one charging instrument: level 0 the
// original ("1", "2-4"), level 1 the superseding ("1s"), level 2 the second
// superseding ("1ss"). When none match it returns all counts.
func countsAtLevel(counts []sources.Count, level int) []sources.Count {
	var out []sources.Count
	for _, c := range counts {
		if strings.Count(strings.ToLower(c.Numbers), "s")/max(1, strings.Count(c.Numbers, "-")+1) == level {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return counts
	}
	return out
}

// countStatutes returns the normalised statutes of the counts, in order
// without repeats, and their charge categories.
func (n *Normalizer) countStatutes(counts []sources.Count) ([]string, []string) {
	var statutes, cats []string
	seenS, seenC := map[string]bool{}, map[string]bool{}
	for _, c := range counts {
		ss := c.Statutes
		if len(ss) == 0 && c.Statute != "" {
			ss = []string{c.Statute}
		}
		for _, s := range ss {
			if !seenS[s] {
				seenS[s] = true
				statutes = append(statutes, s)
			}
		}
		var cs []string
		if len(ss) == 0 {
			cs = n.StatuteCategories("", c.Text)
		}
		for _, s := range ss {
			cs = append(cs, n.StatuteCategories(s, c.Text)...)
		}
		for _, x := range cs {
			if !seenC[x] {
				seenC[x] = true
				cats = append(cats, x)
			}
		}
	}
	sort.Strings(cats)
	return statutes, cats
}

func countEvidence(c sources.Count) string {
	s := c.Text
	if c.Numbers != "" {
		s += " (" + c.Numbers + ")"
	}
	if c.Disposition != "" {
		s += ": " + c.Disposition
	}
	return s
}

func countsEvidence(cs []sources.Count) string {
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		parts = append(parts, countEvidence(c))
	}
	return strings.Join(parts, "; ")
}

// sentencingDate: the sentencing-hearing minute entry, else the entry that
// repeats the disposition (the judgment), else a judgment entry, else the
// day the defendant (or the case) was terminated.
func sentencingDate(entries []sources.DocketEntry, disp string, def *sources.Defendant, d *sources.Docket) time.Time {
	for _, e := range entries {
		if reSentencedAt.MatchString(e.Text) && !reMotionEntry.MatchString(e.Text) {
			return e.Date
		}
	}
	if e := entryQuoting(entries, disp); e != nil {
		return e.Date
	}
	for _, e := range entries {
		if reJudgmentEntry.MatchString(e.Text) {
			return e.Date
		}
	}
	return terminated(def, d)
}

// dispositionDate dates a dismissal or acquittal: the entry that repeats the
// disposition, else one dismissing counts, else the sentencing, else the
// termination date.
func dispositionDate(entries []sources.DocketEntry, c sources.Count, def *sources.Defendant, d *sources.Docket) time.Time {
	if e := entryQuoting(entries, c.Disposition); e != nil {
		return e.Date
	}
	for _, e := range entries {
		if reDismissEntry.MatchString(e.Text) && !reMotionEntry.MatchString(e.Text) && !strings.Contains(strings.ToLower(e.Text), "motion to dismiss") {
			return e.Date
		}
	}
	for _, e := range entries {
		if reSentencedAt.MatchString(e.Text) && !reMotionEntry.MatchString(e.Text) {
			return e.Date
		}
	}
	return terminated(def, d)
}

// arrestedOn reads the arrest date an entry states ("Arrest Warrant
// Returned Executed on 6/8/04", "Arrest of X on 2/4/2017").
func arrestedOn(text string) (time.Time, bool) {
	m := reArrestedOn.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[3])
	if len(m[3]) == 2 {
		y += 2000
		if y > time.Now().Year()+1 {
			y -= 100
		}
	}
	mo, _ := strconv.Atoi(m[1])
	d, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
}

func terminated(def *sources.Defendant, d *sources.Docket) time.Time {
	if !def.DateTerminated.IsZero() {
		return def.DateTerminated
	}
	return d.DateTerminated
}

// entryQuoting returns the first entry whose text contains the disposition
// (white space and case folded), when the disposition is long enough to be
// distinctive.
func entryQuoting(entries []sources.DocketEntry, disp string) *sources.DocketEntry {
	want := fold(disp)
	if len(want) < 16 {
		return nil
	}
	for i := range entries {
		if strings.Contains(fold(entries[i].Text), want) {
			return &entries[i]
		}
	}
	return nil
}

func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// sentenceRank orders sentences so the most severe wins across counts.
func sentenceRank(kind string, months float64) float64 {
	switch kind {
	case SentenceLife:
		return 1e9
	case SentencePrison:
		return 1000 + months
	case SentenceTimeServed:
		return 2
	case SentenceProbation:
		return 1
	}
	return 0
}

// Sentence wording, compiled once.
var (
	reRevocation   = regexp.MustCompile(`(?i)supervised\s+release\s+revoked|revocation\s+(?:judgment|of\s+supervised)|probation\s+revoked`)
	reSRTermAfter  = regexp.MustCompile(`(?i)\d+(?:\.\d+)?\s*\)?\s*(?:years?|yrs?\.?|months?|mos?\.?)\s*(?:of\s+|on\s+)?(?:supervised\s+release|s/r|sr\b|term\s+of\s+supervised)`)
	reSRTermBefore = regexp.MustCompile(`(?i)supervised\s+release\s*(?:-|of|for|:)?\s*(?:a\s+)?(?:term\s+of\s+)?\d+(?:\.\d+)?\s*\)?\s*(?:years?|yrs?\.?|months?|mos?\.?)`)
	reClauseSplit  = regexp.MustCompile(`;|\.\s+|\.$`)
	reCustody      = regexp.MustCompile(`(?i)\bbop\b|cbop|bureau\s+of\s+prisons|\bcustody\b|imprison|\bprison\b|incarcerat|\bsentenced\s+to\b|\bjail\b|\bcommitted\b`)
	reStrongCust   = regexp.MustCompile(`(?i)\bbop\b|cbop|bureau\s+of\s+prisons|imprison|\bprison\b|incarcerat|\bjail\b`)
	reDispLife     = regexp.MustCompile(`(?i)\blife\b`)
	reDispTerm     = regexp.MustCompile(`(?i)(\d+(?:\.\d+)?)\s*\)?\s*(years?|yrs?\.?|months?|mos?\.?|days?)\b`)
	reTimeServed   = regexp.MustCompile(`(?i)\btime\s+served\b`)
	reCreditServed = regexp.MustCompile(`(?i)credit\s+for\s+time\s+served`)
	reDupNumber    = regexp.MustCompile(`(\d+)\s*\(\s*\d+\s*\)`)
	reNumberWord   = regexp.MustCompile(`(?i)\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](one|two|three|four|five|six|seven|eight|nine))?\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b`)
)

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// ParseDispositionSentence reads the custody term from a count disposition as dockets
// print it ("Custody of BOP - 220 mos.", "Bureau of Prisons - 15 YEARS",
// "committed to the custody of BOP for life", "TIME SERVED", "36 MONTHS
// PROBATION", "committed to the custody of the Bureau of Prisons for a term
// of FOURTEEN (14) MONTHS, with credit for time served"). Supervised-release
// terms are ignored, and so is everything from a supervised-release
// revocation on (that is a later sentence for a violation, not the
// sentence for the offence). It returns months of custody and the kind
// (SentencePrison, SentenceLife, SentenceTimeServed, SentenceProbation);
// kind "" when the text states no sentence. Concurrent terms give the
// longest; months are 0 for life, time served and probation.
func ParseDispositionSentence(disp string) (float64, string) {
	t := disp
	if loc := reRevocation.FindStringIndex(t); loc != nil {
		t = t[:loc[0]]
	}
	t = reNumberWord.ReplaceAllStringFunc(t, func(w string) string {
		parts := strings.FieldsFunc(strings.ToLower(w), func(r rune) bool { return r == '-' || r == ' ' })
		sum := 0
		for _, p := range parts {
			sum += numberWords[p]
		}
		return strconv.Itoa(sum)
	})
	t = reDupNumber.ReplaceAllString(t, "$1") // "FOURTEEN (14)" -> "14 (14)" -> "14"
	t = reSRTermAfter.ReplaceAllString(t, " ")
	t = reSRTermBefore.ReplaceAllString(t, " ")
	var (
		months             float64
		life, served, prob bool
	)
	for _, cl := range reClauseSplit.Split(t, -1) {
		low := strings.ToLower(cl)
		if strings.Contains(low, "probation") && !reStrongCust.MatchString(cl) {
			prob = true
			continue
		}
		if strings.Contains(low, "supervised release") && !reCustody.MatchString(cl) ||
			strings.Contains(low, "upon release") || strings.Contains(low, "release from") {
			continue
		}
		custody := reCustody.MatchString(cl)
		if custody && reDispLife.MatchString(cl) && !strings.Contains(low, "lifetime") {
			life = true
		}
		if reTimeServed.MatchString(cl) && !reCreditServed.MatchString(cl) {
			served = true
		}
		bare := !custody && !strings.Contains(low, "detention") && !strings.Contains(low, "assessment") &&
			!strings.Contains(low, "fine") && !strings.Contains(low, "restitution") && !strings.Contains(low, "community")
		if !custody && !bare {
			continue
		}
		for _, m := range reDispTerm.FindAllStringSubmatch(cl, -1) {
			v, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				continue
			}
			unit := strings.ToLower(m[2])
			switch {
			case strings.HasPrefix(unit, "y"):
				v *= 12
			case strings.HasPrefix(unit, "d"):
				if !custody {
					continue
				}
				v /= 30.4375
			}
			if v > months {
				months = v
			}
		}
	}
	switch {
	case life:
		return 0, SentenceLife
	case months > 0:
		return months, SentencePrison
	case served:
		return 0, SentenceTimeServed
	case prob:
		return 0, SentenceProbation
	}
	return 0, ""
}
