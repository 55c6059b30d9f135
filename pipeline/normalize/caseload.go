package normalize

// Court-verified events from a caseload record (sources.Caseload: the U.S.
// Attorneys' National Caseload Data, LIONS, read by sources/eousa). Where a
// docket prints its dispositions in words (docket.go reads them with
// classify), LIONS writes codes; both land in the same classes (countClass)
// and so in the same events:
//
//   - charged: each charging instrument filed in a court stage (complaint,
//     indictment, information, superseding), or the stage's own filing when
//     a district or magistrate stage lists none;
//   - convicted: the defendant's disposition in a trial court (DC, MG) is
//     GT guilty, NC nolo contendere or GD adjudged delinquent, with plea
//     (reasons PLED/PLEM/PLOD/PLOM) or verdict (JTRD/JTRM/BTRD/BTRM);
//     failing a defendant-level one, the latest convicted count;
//   - acquitted: NG, ND; dismissed: DM, DJ, but not for reason DFOC
//     ("charged again in a later instrument": the case goes on);
//   - sentenced: the sentence (life, time served, prison months, probation).
//
// LIONS withholds names: events have no Defendant and PersonCount 1, one
// known person whose identity is the record's pseudonymous key. Statutes
// get their categories from the same statute table as every other record;
// the program category (080 Project Safe Childhood, 05E trafficking)
// supplies the context that decides 1591 (minor, or force, fraud or
// coercion). Evidence is the fact's line in Record.Body.

import (
	"time"

	"casetrack/sources"
)

// caseloadDisposition classes LIONS criminal dispositions (defendant or
// count) as docket.go's classify classes a docket's words.
var caseloadDisposition = map[string]countClass{
	"GT": classConvicted, "NC": classConvicted, "GD": classConvicted,
	"NG": classAcquitted, "ND": classAcquitted,
	"DM": classDismissed, "DJ": classDismissed,
}

// chargingInstrument are the LIONS instrument types that charge a defendant.
var chargingInstrument = map[string]bool{"CO": true, "IN": true, "IF": true, "SN": true, "SF": true, "CI": true, "PC": true}

// programContext is the wording handed to the statute table with each
// statute of a case in that program category.
var programContext = map[string]string{
	"080": "Project Safe Childhood (program category 080): the victim is a minor child",
	"087": "child pornography (program category 087): the victim is a minor child",
	"05E": "trafficking in persons, slavery or involuntary servitude (program category 05E): by force, fraud or coercion",
}

// dispositionReasonDFOC: dismissed because charged again in a later instrument.
const dispositionReasonDFOC = "DFOC"

// caseloadPleaOrVerdict reads a LIONS disposition reason: plea or verdict
// (jury or bench trial); "" otherwise.
func caseloadPleaOrVerdict(reason string) string {
	switch reason {
	case "PLED", "PLEM", "PLOD", "PLOM":
		return "plea"
	case "JTRD", "JTRM", "BTRD", "BTRM":
		return "verdict"
	}
	return ""
}

// trialCourt: district and magistrate court (and a stage whose court is
// not given) decide a defendant's outcome; appeals and post-disposition
// stages do not.
func trialCourt(court string) bool { return court == "DC" || court == "MG" || court == "" }

// finalStage reports whether a stage's defendant disposition is an outcome:
// a trial court's, not NW (the case moved to a new court) and not a
// dismissal because the charges were brought again (DFOC).
func finalStage(s *sources.CaseStage) bool {
	return trialCourt(s.Court) && s.Disposition != "" && s.Disposition != "NW" && s.DispReason != dispositionReasonDFOC
}

// Outcome is a caseload defendant's final trial-court disposition as one
// snapshot states it (the outcome columns of eousa_defendant_snapshots).
type Outcome struct {
	Disposition   string // LIONS code: GT, NG, DM, …; "" while pending
	Reason        string
	Date          time.Time
	PleaOrVerdict string // "plea", "verdict" or "" (convictions only)
}

// CaseloadOutcome is the latest final disposition on the defendant's
// stages (see finalStage).
func CaseloadOutcome(c *sources.Caseload) Outcome {
	var o Outcome
	for i := range c.Stages {
		s := &c.Stages[i]
		if !finalStage(s) {
			continue
		}
		if o.Disposition == "" || !s.DispDate.Before(o.Date) {
			o = Outcome{Disposition: s.Disposition, Reason: s.DispReason, Date: s.DispDate}
		}
	}
	if caseloadDisposition[o.Disposition] == classConvicted {
		o.PleaOrVerdict = caseloadPleaOrVerdict(o.Reason)
	}
	return o
}

// CaseloadEvents returns the court-verified events a caseload record
// proves, in stage order (charged, then the stage's outcome), then a
// count-level conviction and the sentence. Records without a Caseload
// give nil.
func (n *Normalizer) CaseloadEvents(rec sources.Record) []Event {
	c := rec.Caseload
	if c == nil {
		return nil
	}
	r := caseloadReader{n: n, rec: rec, c: c}
	for _, pc := range c.ProgramCategories {
		if ctx, ok := programContext[pc]; ok {
			r.context = ctx
			break
		}
	}
	for _, a := range c.Agencies {
		if a.Agency != "" {
			r.agencies = appendUnique(r.agencies, a.Agency)
		}
	}
	return r.events()
}

// caseloadReader holds what every event of one caseload record shares.
type caseloadReader struct {
	n        *Normalizer
	rec      sources.Record
	c        *sources.Caseload
	context  string
	agencies []string
	out      []Event
}

func (r *caseloadReader) add(typ, docket string, date time.Time, statutes []string, line sources.Span) *Event {
	ev := Event{Type: typ, PersonCount: 1, Date: date, Statutes: statutes, Categories: r.categories(statutes),
		Agencies: r.agencies, District: r.c.DistrictName, DocketNumber: docket, CourtVerified: true}
	if line.Start >= 0 && line.Start < line.End && line.End <= len(r.rec.Body) {
		// A span outside the body is a source's bug: the event is kept
		// without evidence, which the store's assertions report.
		ev.Evidence, ev.EvidenceStart, ev.EvidenceEnd = r.rec.Body[line.Start:line.End], line.Start, line.End
	}
	r.out = append(r.out, ev)
	return &r.out[len(r.out)-1]
}

// categories maps statutes to charge categories through the statute table,
// in statute order without repeats.
func (r *caseloadReader) categories(statutes []string) []string {
	var out []string
	for _, s := range statutes {
		out = appendUnique(out, r.n.StatuteCategories(s, r.context)...)
	}
	return out
}

// statutesWhere lists the distinct statutes of the counts keep accepts.
func (r *caseloadReader) statutesWhere(keep func(*sources.CaseCount) bool) []string {
	var out []string
	for i := range r.c.Counts {
		if cnt := &r.c.Counts[i]; cnt.Statute != "" && keep(cnt) {
			out = appendUnique(out, cnt.Statute)
		}
	}
	return out
}

func (r *caseloadReader) events() []Event {
	c := r.c
	var convictedStatutes []string
	convicted := false
	for i := range c.Stages {
		s := &c.Stages[i]
		if s.Court == "NC" {
			continue // a matter not (yet) in court: nothing filed
		}
		number := s.Number
		if number == sources.Withheld {
			number = ""
		}
		onStage := func(cnt *sources.CaseCount) bool { return cnt.Stage == s.ID }
		charged := false
		for _, in := range s.Instruments {
			if !chargingInstrument[in.Type] && in.Type != sources.Withheld {
				continue
			}
			st := r.statutesWhere(func(cnt *sources.CaseCount) bool { return onStage(cnt) && cnt.Instrument == in.ID })
			r.add(Charged, number, in.FilingDate, st, in.Line)
			charged = true
		}
		if !charged && (s.Court == "DC" || s.Court == "MG") && (!s.FilingDate.IsZero() || s.FilingWithheld) {
			r.add(Charged, number, s.FilingDate, r.statutesWhere(onStage), s.Line)
		}
		if !finalStage(s) {
			continue
		}
		switch caseloadDisposition[s.Disposition] {
		case classConvicted:
			st := r.statutesWhere(func(cnt *sources.CaseCount) bool {
				return onStage(cnt) && caseloadDisposition[cnt.Disposition] == classConvicted
			})
			if len(st) == 0 { // the counts carry no disposition of their own
				st = r.statutesWhere(func(cnt *sources.CaseCount) bool { return onStage(cnt) && cnt.Disposition == "" })
			}
			r.add(Convicted, number, s.DispDate, st, s.DispositionLine).PleaOrVerdict = caseloadPleaOrVerdict(s.DispReason)
			convictedStatutes = append(convictedStatutes, st...)
			convicted = true
		case classAcquitted:
			r.add(Acquitted, number, s.DispDate, r.statutesWhere(onStage), s.DispositionLine)
		case classDismissed:
			r.add(Dismissed, number, s.DispDate, r.statutesWhere(onStage), s.DispositionLine)
		}
	}
	// A conviction recorded on the counts where no stage states one.
	if !convicted {
		var last *sources.CaseCount
		for i := range c.Counts {
			cnt := &c.Counts[i]
			if caseloadDisposition[cnt.Disposition] == classConvicted && cnt.DispReason != dispositionReasonDFOC &&
				(last == nil || !cnt.DispDate.Before(last.DispDate)) {
				last = cnt
			}
		}
		if last != nil {
			st := r.statutesWhere(func(cnt *sources.CaseCount) bool { return caseloadDisposition[cnt.Disposition] == classConvicted })
			r.add(Convicted, c.CourtNumber, last.DispDate, st, last.Line).PleaOrVerdict = caseloadPleaOrVerdict(last.DispReason)
			convictedStatutes = st
		}
	}
	if sn := c.Sentence; sn != nil {
		ev := r.add(Sentenced, c.CourtNumber, sn.Date, appendUnique(nil, convictedStatutes...), sn.Line)
		switch {
		case sn.Life:
			ev.SentenceKind = SentenceLife
		case sn.TimeServed:
			ev.SentenceKind = SentenceTimeServed
		case sn.Months > 0:
			ev.SentenceKind, ev.SentenceMonths = SentencePrison, sn.Months
		case sn.ProbationMonths > 0:
			ev.SentenceKind = SentenceProbation
		}
	}
	return r.out
}
