package eousa

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"casetrack/pipeline/normalize"
	"casetrack/sources"
)

// Name is the source name used everywhere (package, archive dir, rows).
const Name = "eousa"

// Publisher is the Record.Publisher of every EOUSA row.
const Publisher = "EOUSA"

// LandingURL is justice.gov's National Caseload Data page.
const LandingURL = "https://www.justice.gov/usao/resources/foia-library/national-caseload-data"

// Categorizer maps one normalised statute and its context to taxonomy
// charge categories (normalize's StatuteCategories in production).
type Categorizer func(statute, context string) []string

// Labels from LIONS Appendix A for the codes events print.
var (
	instrumentLabel = map[string]string{"CO": "complaint", "IN": "indictment", "IF": "information",
		"SN": "superseding indictment", "SF": "superseding information", "CI": "citation", "PC": "perfected citation or complaint"}
	dispositionLabel = map[string]string{"GT": "guilty", "NC": "nolo contendere", "GD": "adjudged juvenile delinquent",
		"NG": "not guilty", "ND": "adjudged not juvenile delinquent", "DM": "dismissed without prejudice", "DJ": "dismissed with prejudice"}
	// programContext is the wording handed to the categorizer with each
	// statute: it decides 1591 (minor vs force, fraud or coercion).
	programContext = map[string]string{
		"080": "Project Safe Childhood (program category 080): the victim is a minor child",
		"087": "child pornography (program category 087): the victim is a minor child",
		"05E": "trafficking in persons, slavery or involuntary servitude (program category 05E): by force, fraud or coercion",
	}
)

// SnapshotDate is the last day of the month a snapshot id names:
// SEPFY2018 → 2018-09-30, OCTFY2019 → 2018-10-31 (fiscal years start in October).
func SnapshotDate(snapshot string) (time.Time, bool) {
	m := snapshotName.FindStringSubmatch(strings.ToUpper(snapshot))
	if m == nil || len(snapshot) != 9 {
		return time.Time{}, false
	}
	mon, ok := months[m[1][:3]]
	fy, err := strconv.Atoi(m[1][5:9])
	if !ok || err != nil {
		return time.Time{}, false
	}
	year := fy
	if mon >= time.October {
		year = fy - 1
	}
	return time.Date(year, mon+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1), true
}

// body accumulates the Record body, one line per LIONS fact, and hands
// back each line's offsets so events can point at their evidence.
type body struct {
	b strings.Builder
}

func (b *body) line(format string, args ...any) (text string, start, end int) {
	text = fmt.Sprintf(format, args...)
	start = b.b.Len()
	b.b.WriteString(text)
	end = b.b.Len()
	b.b.WriteByte('\n')
	return text, start, end
}

func ddmon(t time.Time) string {
	if t.IsZero() {
		return "blank"
	}
	return strings.ToUpper(t.Format("02-Jan-2006"))
}

// Events maps one decoded defendant to the store's pair: a Record (the
// defendant as the snapshot states it, Docket filled) and its court-verified
// events. releaseURL is the justice.gov page of the snapshot ("" means the
// landing page). categorize supplies charge categories per statute.
//
// LIONS withholds names, so every event has Defendant "" and PersonCount 1:
// it is one known person, not an unnamed group. The person's identity is
// the pseudonymous Record.Key, DISTRICT:CASEID:PARTID, which is the same in
// every snapshot; the store keeps events under their record, so linking
// and per-person tallies use that key in place of a name.
func Events(def Defendant, releaseURL string, categorize Categorizer) (sources.Record, []normalize.Event) {
	if releaseURL == "" {
		releaseURL = LandingURL
	}
	var bd body
	bd.line("EOUSA National Caseload Data %s, district %s (%s), USAO number %s, participant %d.",
		def.Snapshot, def.District, def.DistrictName, def.CaseID, def.PartID)
	bd.line("GS_PARTICIPANT: TYPE=%s ROLE=%s DEFEND_NUM=%d; name withheld by EOUSA.", def.Type, def.Role, def.DefendantNum)
	bd.line("GS_CASE: CLASS=%s STATUS=%s RECVD_DATE=%s LEAD_CHARGE=%s.", def.CaseClass, def.CaseStatus, ddmon(def.ReceivedDate), def.LeadCharge)
	if len(def.ProgramCategories) > 0 {
		bd.line("GS_CASE_PROG_CAT: %s (first is primary).", strings.Join(def.ProgramCategories, ", "))
	}
	var agencies []string
	seenAg := map[string]bool{}
	for _, a := range def.Agencies {
		lead := ""
		if a.Lead {
			lead = " (lead agent)"
		}
		label := a.Label
		if label == "" {
			label = "not in the taxonomy"
		}
		bd.line("Investigative agency: GS_PARTICIPANT %d AGENCY=%s, %s%s.", a.PartID, a.Code, label, lead)
		if a.Agency != "" && !seenAg[a.Agency] {
			seenAg[a.Agency] = true
			agencies = append(agencies, a.Agency)
		}
	}

	ctx := ""
	for _, pc := range def.ProgramCategories {
		if c, ok := programContext[pc]; ok {
			ctx = c
			break
		}
	}
	cats := func(statutes []string) []string {
		if categorize == nil {
			return nil
		}
		var out []string
		seen := map[string]bool{}
		for _, s := range statutes {
			for _, c := range categorize(s, ctx) {
				if !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
		}
		return out
	}
	base := func(typ, docket string, date time.Time, statutes []string, ev string, s, e int) normalize.Event {
		return normalize.Event{Type: typ, Defendant: "", PersonCount: 1, Date: date, Statutes: statutes,
			Categories: cats(statutes), Agencies: agencies, District: def.DistrictName, DocketNumber: docket,
			CourtVerified: true, Evidence: ev, EvidenceStart: s, EvidenceEnd: e}
	}
	statutesWhere := func(keep func(Count) bool) []string {
		var out []string
		seen := map[string]bool{}
		for _, c := range def.Counts {
			if c.Statute != "" && keep(c) && !seen[c.Statute] {
				seen[c.Statute] = true
				out = append(out, c.Statute)
			}
		}
		return out
	}

	var events []normalize.Event
	var convictedStatutes []string
	convicted := false
	for _, cs := range def.Courts {
		number := cs.CourtNumber
		if number == Withheld {
			number = ""
		}
		bd.line("GS_COURT_HIST %d: COURT=%s COURT_NUMBER=%s FILING_DATE=%s DISPOSITION=%s.", cs.CrtHisID, cs.Court, cs.CourtNumber, ddmon(cs.FilingDate), cs.StageDisposition)
		if cs.Court == "NC" {
			continue // matter stage: nothing filed in court
		}
		charged := false
		for _, in := range cs.Instruments {
			if !chargingInstrument[in.Type] && in.Type != Withheld {
				continue
			}
			label := instrumentLabel[in.Type]
			if in.Type == Withheld {
				label = "instrument type withheld"
			}
			ev, s, e := bd.line("GS_INSTRUMENT %d/%d: TYPE=%s (%s) FILING_DATE=%s in court %s %s.", cs.CrtHisID, in.ID, in.Type, label, ddmon(in.FilingDate), cs.Court, cs.CourtNumber)
			st := statutesWhere(func(c Count) bool { return c.CrtHisID == cs.CrtHisID && c.InstID == in.ID })
			events = append(events, base(normalize.Charged, number, in.FilingDate, st, ev, s, e))
			charged = true
		}
		if !charged && (cs.Court == "DC" || cs.Court == "MG") && (!cs.FilingDate.IsZero() || cs.FilingWithheld) {
			ev, s, e := bd.line("GS_COURT_HIST %d: case filed in court %s %s on %s.", cs.CrtHisID, cs.Court, cs.CourtNumber, ddmon(cs.FilingDate))
			st := statutesWhere(func(c Count) bool { return c.CrtHisID == cs.CrtHisID })
			events = append(events, base(normalize.Charged, number, cs.FilingDate, st, ev, s, e))
		}
		if !trialCourt(cs.Court) || cs.Disposition == "" || cs.Disposition == "NW" || cs.DispReason == "DFOC" {
			continue
		}
		ev, s, e := bd.line("GS_PART_COURT %d/%d: DISPOSITION=%s (%s) DISP_REASON=%s DISP_DATE=%s.", def.PartID, cs.CrtHisID, cs.Disposition, dispositionLabel[cs.Disposition], cs.DispReason, ddmon(cs.DispDate))
		onStage := func(c Count) bool { return c.CrtHisID == cs.CrtHisID }
		switch {
		case convictedCodes[cs.Disposition]:
			st := statutesWhere(func(c Count) bool { return onStage(c) && convictedCodes[c.Disposition] })
			if len(st) == 0 {
				st = statutesWhere(func(c Count) bool { return onStage(c) && c.Disposition == "" })
			}
			evt := base(normalize.Convicted, number, cs.DispDate, st, ev, s, e)
			evt.PleaOrVerdict = PleaOrVerdict(cs.DispReason)
			events = append(events, evt)
			convictedStatutes = append(convictedStatutes, st...)
			convicted = true
		case acquittedCodes[cs.Disposition]:
			events = append(events, base(normalize.Acquitted, number, cs.DispDate, statutesWhere(onStage), ev, s, e))
		case dismissedCodes[cs.Disposition]:
			events = append(events, base(normalize.Dismissed, number, cs.DispDate, statutesWhere(onStage), ev, s, e))
		}
	}
	// Count-level convictions where the defendant-level disposition is blank.
	if !convicted {
		var last *Count
		for i := range def.Counts {
			c := &def.Counts[i]
			if convictedCodes[c.Disposition] && c.DispReason != "DFOC" && (last == nil || !c.DispDate.Before(last.DispDate)) {
				last = c
			}
		}
		if last != nil {
			ev, s, e := bd.line("GS_PART_COUNT %d/%d/%d: DISPOSITION=%s DISP_REASON=%s DISP_DATE=%s (no defendant-level disposition).", last.CrtHisID, last.InstID, last.CountID, last.Disposition, last.DispReason, ddmon(last.DispDate))
			st := statutesWhere(func(c Count) bool { return convictedCodes[c.Disposition] })
			evt := base(normalize.Convicted, def.CourtNumber(), last.DispDate, st, ev, s, e)
			evt.PleaOrVerdict = PleaOrVerdict(last.DispReason)
			events = append(events, evt)
			convictedStatutes = st
		}
	}
	if sn := def.Sentence; sn != nil {
		ev, s, e := bd.line("GS_SENTENCE: SENT_DATE=%s INCAR_TYPE=%s incarceration %s months, probation %s months.", ddmon(sn.Date), sn.IncarType,
			strconv.FormatFloat(sn.Months, 'f', -1, 64), strconv.FormatFloat(sn.ProbationMonths, 'f', -1, 64))
		evt := base(normalize.Sentenced, def.CourtNumber(), sn.Date, dedupe(convictedStatutes), ev, s, e)
		switch {
		case sn.Life:
			evt.SentenceKind = normalize.SentenceLife
		case sn.TimeServed:
			evt.SentenceKind = normalize.SentenceTimeServed
		case sn.Months > 0:
			evt.SentenceKind, evt.SentenceMonths = normalize.SentencePrison, sn.Months
		case sn.ProbationMonths > 0:
			evt.SentenceKind = normalize.SentenceProbation
		}
		events = append(events, evt)
	}
	for _, c := range def.Counts {
		bd.line("Count %d/%d/%d: CHARGE=%s (%s) CATEGORY=%s DISPOSITION=%s DISP_REASON=%s DISP_DATE=%s.", c.CrtHisID, c.InstID, c.CountID, c.Charge, orWithheld(c.Statute), c.Category, c.Disposition, c.DispReason, ddmon(c.DispDate))
	}

	rec := sources.Record{
		Source:    Name,
		Key:       def.Key,
		URL:       releaseURL,
		Publisher: Publisher,
		Title:     fmt.Sprintf("EOUSA caseload %s: %s USAO %s participant %d", def.Snapshot, def.District, def.CaseID, def.PartID),
		Body:      bd.b.String(),
		Topics:    append([]string(nil), def.ProgramCategories...),
		District:  def.DistrictName,
		Kept:      def.Kept,
		Docket:    docket(def),
	}
	if d, ok := SnapshotDate(def.Snapshot); ok {
		rec.Published = d
	}
	return rec, events
}

func orWithheld(s string) string {
	if s == "" {
		return "withheld or unreadable"
	}
	return s
}

func dedupe(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

var courtNumberType = regexp.MustCompile(`^\d{2}-([A-Za-z]{2})-\d{5}`)

// docket fills the shared court-record shape as far as LIONS allows: no
// names, no docket text; counts with their dispositions; the instruments
// as entries.
func docket(def Defendant) *sources.Docket {
	dk := &sources.Docket{
		Court:        def.CourtID,
		District:     def.DistrictName,
		DocketNumber: def.CourtNumber(),
		DateFiled:    def.FilingDate(),
	}
	if m := courtNumberType.FindStringSubmatch(dk.DocketNumber); m != nil {
		dk.CaseType = strings.ToLower(m[1])
	}
	if _, _, date := def.Outcome(); !date.IsZero() {
		dk.DateTerminated = date
	}
	dd := sources.Defendant{Number: def.DefendantNum}
	for _, c := range def.Counts {
		status := "pending"
		if c.Disposition != "" {
			status = "terminated"
		}
		disp := strings.TrimSpace(strings.Join([]string{c.Disposition, dispositionLabel[c.Disposition], c.DispReason, dateOrBlank(c.DispDate)}, " "))
		dd.Counts = append(dd.Counts, sources.Count{
			Text:        strings.TrimSpace(c.Charge + " " + c.Category),
			Statute:     c.Statute,
			Numbers:     strconv.FormatInt(c.CountID, 10),
			Status:      status,
			Disposition: strings.Join(strings.Fields(disp), " "),
		})
	}
	dk.Defendants = []sources.Defendant{dd}
	for _, cs := range def.Courts {
		for _, in := range cs.Instruments {
			label := instrumentLabel[in.Type]
			if label == "" {
				label = "instrument " + in.Type
			}
			dk.Entries = append(dk.Entries, sources.DocketEntry{Date: in.FilingDate,
				Text: fmt.Sprintf("%s filed in %s %s (GS_INSTRUMENT %d/%d)", label, cs.Court, cs.CourtNumber, cs.CrtHisID, in.ID)})
		}
	}
	return dk
}

func dateOrBlank(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
