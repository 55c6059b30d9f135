package eousa

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"casetrack/sources"
)

// Name is the source name used everywhere (package, archive dir, rows).
const Name = "eousa"

// Publisher is the Record.Publisher of every EOUSA row.
const Publisher = "EOUSA"

// LandingURL is justice.gov's National Caseload Data page.
const LandingURL = "https://www.justice.gov/usao/resources/foia-library/national-caseload-data"

// Labels from LIONS Appendix A for the codes the record prints. They are
// words for a reader of Record.Body and Record.Docket; what a code means
// for casetrack's events is decided in pipeline/normalize (caseload.go).
var (
	instrumentLabel = map[string]string{"CO": "complaint", "IN": "indictment", "IF": "information",
		"SN": "superseding indictment", "SF": "superseding information", "CI": "citation", "PC": "perfected citation or complaint"}
	dispositionLabel = map[string]string{"GT": "guilty", "NC": "nolo contendere", "GD": "adjudged juvenile delinquent",
		"NG": "not guilty", "ND": "adjudged not juvenile delinquent", "DM": "dismissed without prejudice", "DJ": "dismissed with prejudice",
		"NW": "new filing"}
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
// back each line's span so the caseload can point at its evidence.
type body struct {
	b strings.Builder
}

func (b *body) line(format string, args ...any) sources.Span {
	start := b.b.Len()
	fmt.Fprintf(&b.b, format, args...)
	sp := sources.Span{Start: start, End: b.b.Len()}
	b.b.WriteByte('\n')
	return sp
}

func ddmon(t time.Time) string {
	if t.IsZero() {
		return "blank"
	}
	return strings.ToUpper(t.Format("02-Jan-2006"))
}

// labelled is " (label)" for a code the labels know, else "".
func labelled(labels map[string]string, code string) string {
	if l := labels[code]; l != "" {
		return " (" + l + ")"
	}
	if code == Withheld {
		return " (withheld)"
	}
	return ""
}

// Record states the defendant in the contract's terms: Caseload holds the
// structured statement (counts, stages, instruments, dispositions,
// sentence), Body renders every fact on a line of its own (the evidence an
// event points at), Docket the shared court-record view as far as LIONS
// allows. releaseURL is the justice.gov page of the snapshot ("" means the
// landing page).
//
// LIONS withholds names: the defendant's identity is the pseudonymous
// Record.Key, DISTRICT:CASEID:PARTID, the same in every snapshot.
func (d *Defendant) Record(releaseURL string) sources.Record {
	if releaseURL == "" {
		releaseURL = LandingURL
	}
	cl := &sources.Caseload{
		Snapshot: d.Snapshot, ContentHash: d.ContentHash(),
		District: d.District, DistrictName: d.DistrictName, CourtID: d.CourtID,
		CaseID: d.CaseID, PartID: d.PartID, Role: d.Role, Sealed: d.Sealed,
		CourtNumber: d.CourtNumber(), FilingDate: d.FilingDate(),
		ProgramCategories: d.ProgramCategories,
	}
	cl.SnapshotDate, _ = SnapshotDate(d.Snapshot)
	cl.DocketJoinKey, _ = DocketJoinKey(d.CourtID, cl.CourtNumber)

	var bd body
	bd.line("EOUSA National Caseload Data %s, district %s (%s), USAO number %s, participant %d.",
		d.Snapshot, d.District, d.DistrictName, d.CaseID, d.PartID)
	bd.line("GS_PARTICIPANT: TYPE=%s ROLE=%s DEFEND_NUM=%d; name withheld by EOUSA.", d.Type, d.Role, d.DefendantNum)
	bd.line("GS_CASE: CLASS=%s STATUS=%s RECVD_DATE=%s LEAD_CHARGE=%s.", d.CaseClass, d.CaseStatus, ddmon(d.ReceivedDate), d.LeadCharge)
	if len(d.ProgramCategories) > 0 {
		bd.line("GS_CASE_PROG_CAT: %s (first is primary).", strings.Join(d.ProgramCategories, ", "))
	}
	for _, a := range d.Agencies {
		lead := ""
		if a.Lead {
			lead = " (lead agent)"
		}
		label := a.Label
		if label == "" {
			label = "not in the taxonomy"
		}
		bd.line("Investigative agency: GS_PARTICIPANT %d AGENCY=%s, %s%s.", a.PartID, a.Code, label, lead)
		cl.Agencies = append(cl.Agencies, sources.CaseAgency{Code: a.Code, Agency: a.Agency, Lead: a.Lead})
	}
	for _, cs := range d.Courts {
		st := sources.CaseStage{ID: cs.CrtHisID, Court: cs.Court, Number: cs.CourtNumber, FilingDate: cs.FilingDate,
			FilingWithheld: cs.FilingWithheld, Disposition: cs.Disposition, DispReason: cs.DispReason, DispDate: cs.DispDate}
		st.Line = bd.line("GS_COURT_HIST %d: COURT=%s COURT_NUMBER=%s FILING_DATE=%s DISPOSITION=%s.", cs.CrtHisID, cs.Court, cs.CourtNumber, ddmon(cs.FilingDate), cs.StageDisposition)
		for _, in := range cs.Instruments {
			sp := bd.line("GS_INSTRUMENT %d/%d: TYPE=%s%s FILING_DATE=%s in court %s %s.", cs.CrtHisID, in.ID, in.Type, labelled(instrumentLabel, in.Type), ddmon(in.FilingDate), cs.Court, cs.CourtNumber)
			st.Instruments = append(st.Instruments, sources.CaseInstrument{ID: in.ID, Type: in.Type, FilingDate: in.FilingDate, Line: sp})
		}
		if cs.Disposition != "" {
			st.DispositionLine = bd.line("GS_PART_COURT %d/%d: DISPOSITION=%s%s DISP_REASON=%s DISP_DATE=%s.", d.PartID, cs.CrtHisID, cs.Disposition, labelled(dispositionLabel, cs.Disposition), cs.DispReason, ddmon(cs.DispDate))
		}
		cl.Stages = append(cl.Stages, st)
	}
	if sn := d.Sentence; sn != nil {
		sp := bd.line("GS_SENTENCE: SENT_DATE=%s INCAR_TYPE=%s incarceration %s months, probation %s months.", ddmon(sn.Date), sn.IncarType,
			strconv.FormatFloat(sn.Months, 'f', -1, 64), strconv.FormatFloat(sn.ProbationMonths, 'f', -1, 64))
		cl.Sentence = &sources.CaseSentence{Date: sn.Date, Months: sn.Months, Life: sn.Life, TimeServed: sn.TimeServed,
			ProbationMonths: sn.ProbationMonths, Line: sp}
	}
	for _, c := range d.Counts {
		sp := bd.line("Count %d/%d/%d: CHARGE=%s (%s) CATEGORY=%s DISPOSITION=%s DISP_REASON=%s DISP_DATE=%s.", c.CrtHisID, c.InstID, c.CountID, c.Charge, orWithheld(c.Statute), c.Category, c.Disposition, c.DispReason, ddmon(c.DispDate))
		cl.Counts = append(cl.Counts, sources.CaseCount{Stage: c.CrtHisID, Instrument: c.InstID, ID: c.CountID, Charge: c.Charge,
			Statute: c.Statute, Class: c.Category, Disposition: c.Disposition, DispReason: c.DispReason, DispDate: c.DispDate,
			CaseLevel: c.CaseLevel, Line: sp})
	}

	return sources.Record{
		Source:    Name,
		Key:       d.Key,
		URL:       releaseURL,
		Publisher: Publisher,
		Published: cl.SnapshotDate,
		Title:     fmt.Sprintf("EOUSA caseload %s: %s USAO %s participant %d", d.Snapshot, d.District, d.CaseID, d.PartID),
		Body:      bd.b.String(),
		Topics:    append([]string(nil), d.ProgramCategories...),
		District:  d.DistrictName,
		Kept:      d.Kept,
		Docket:    docket(d),
		Caseload:  cl,
	}
}

func orWithheld(s string) string {
	if s == "" {
		return "withheld or unreadable"
	}
	return s
}

var courtNumberType = regexp.MustCompile(`^\d{2}-([A-Za-z]{2})-\d{5}`)

// docket fills the shared court-record shape as far as LIONS allows: no
// names, no docket text; counts with their dispositions; the instruments
// as entries; terminated when the case was closed.
func docket(d *Defendant) *sources.Docket {
	dk := &sources.Docket{
		Court:          d.CourtID,
		District:       d.DistrictName,
		DocketNumber:   d.CourtNumber(),
		DateFiled:      d.FilingDate(),
		DateTerminated: d.CloseDate,
	}
	if m := courtNumberType.FindStringSubmatch(dk.DocketNumber); m != nil {
		dk.CaseType = strings.ToLower(m[1])
	}
	dd := sources.Defendant{Number: d.DefendantNum}
	for _, c := range d.Counts {
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
	for _, cs := range d.Courts {
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
