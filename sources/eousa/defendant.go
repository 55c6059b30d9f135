package eousa

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"
	"time"
)

// Defendant is one defendant of one LIONS case as one snapshot states it:
// the rows of GS_CASE, GS_CASE_PROG_CAT, GS_PARTICIPANT (the defendant and
// the case's investigative agencies), GS_AGENT, GS_COURT_HIST,
// GS_INSTRUMENT, GS_COUNT, GS_PART_COURT, GS_PART_COUNT and GS_SENTENCE
// joined on DISTRICT+CASEID, CRTHISID, PARTID and INSTID/COUNTID. LIONS
// withholds names; Key is the pseudonymous identity.
type Defendant struct {
	Key      string // DISTRICT:CASEID:PARTID, e.g. "FLM:2019R01234:2"; the same in every snapshot
	Snapshot string // release the rows come from, e.g. "SEPFY2018"

	District     string // EOUSA district code, "FLM"
	DistrictName string // taxonomy name, "M.D. Fla."; "" when the code is unknown
	CourtID      string // CourtListener court id, "flmd"
	CaseID       string // USAO number
	PartID       int64
	DefendantNum int    // DEFEND_NUM, 0 when blank
	Role         string // D, DG, DJ, … or "D*" when sealed
	Type         string // participant type: I individual, B business

	CaseClass    string    // R criminal, V civil
	CaseStatus   string    // A active, C completed, …
	ReceivedDate time.Time // GS_CASE.RECVD_DATE (referral received)
	CloseDate    time.Time
	LeadCharge   string // GS_CASE.LEAD_CHARGE as written ("*" when sealed)

	ProgramCategories []string // GS_CASE_PROG_CAT.PROG_CAT in row-ID order (first = primary); "*" when withheld
	Agencies          []Agency
	Courts            []CourtStage // court stages this defendant is in (GS_PART_COURT), in CRTHISID order
	Counts            []Count      // per-defendant counts; case counts when the defendant has none
	Sentence          *Sentence

	Sealed bool   // some value on the defendant's rows is withheld ("*")
	Kept   string // why the filter kept the defendant
}

// Agency is one investigative agency participant of the case (TYPE=A ROLE=IN).
type Agency struct {
	PartID   int64
	Code     string // LIONS code, "HSCE"
	Agency   string // taxonomy code, "ICE"; "" when the code has no taxonomy agency
	Label    string // "ICE (HSI or ERO)"
	Lead     bool   // GS_AGENT.LEAD_AGENT = Y on this participant
	OfficeID string // AGCYOFFID (district-local office, decoded only by table_gs_agency_off)
}

// CourtStage is one GS_COURT_HIST row joined to the defendant's GS_PART_COURT row.
type CourtStage struct {
	CrtHisID       int64
	Court          string // DC district, MG magistrate, NC not in court, CA appeals, …
	Location       string
	CourtNumber    string // YY-CR-NNNNN as LIONS writes it; "*" when withheld
	FilingDate     time.Time
	FilingWithheld bool
	// The defendant's disposition in this court (GS_PART_COURT).
	Disposition string // GT, NC, NG, DM, DJ, NW, …
	DispReason  string // PLED, JTRD, GWOD, …
	DispDate    time.Time
	// The stage's own disposition (GS_COURT_HIST), for reference.
	StageDisposition string
	Instruments      []Instrument
}

// Instrument is a charging document (GS_INSTRUMENT).
type Instrument struct {
	ID          int64
	Type        string // CO complaint, IN indictment, IF information, SN/SF superseding; "*" when withheld
	FilingDate  time.Time
	Withheld    bool // TYPE or FILING_DATE withheld
	Superseding bool
}

// Count is one count (GS_PART_COUNT, joined to GS_COUNT for the penalty provision).
type Count struct {
	CrtHisID    int64
	InstID      int64
	CountID     int64
	Charge      string // as written, "18 :2252Aa2"; "*" when withheld
	Statute     string // "18 U.S.C. 2252A(a)(2)"; "" when withheld or unreadable
	Category    string // F felony, M misdemeanour, P petty
	PenaltyProv string // GS_COUNT.PENT_PROV as written
	Disposition string
	DispReason  string
	DispDate    time.Time
	CaseLevel   bool // from GS_COUNT: the defendant has no GS_PART_COUNT rows
}

// Sentence is GS_SENTENCE for the defendant.
type Sentence struct {
	Date            time.Time
	IncarType       string  // CON, COS, LIF life, TIM time served, …
	Months          float64 // INCAR_YEARS×12 + INCAR_MONTHS + INCAR_DAYS/30
	Life            bool
	TimeServed      bool
	ProbationMonths float64
}

// CourtNumber is the district-court number when there is one, else the
// first court number on the defendant's stages.
func (d *Defendant) CourtNumber() string {
	first := ""
	for _, c := range d.Courts {
		if c.CourtNumber == "" || c.CourtNumber == Withheld {
			continue
		}
		if c.Court == "DC" {
			return c.CourtNumber
		}
		if first == "" {
			first = c.CourtNumber
		}
	}
	return first
}

// FilingDate is the earliest filing date of a charging instrument on the
// defendant's stages, else of the stage itself.
func (d *Defendant) FilingDate() time.Time {
	var best time.Time
	for _, c := range d.Courts {
		for _, in := range c.Instruments {
			if !in.FilingDate.IsZero() && (best.IsZero() || in.FilingDate.Before(best)) {
				best = in.FilingDate
			}
		}
		if best.IsZero() && !c.FilingDate.IsZero() && c.Court != "NC" {
			best = c.FilingDate
		}
	}
	return best
}

// ContentHash is a hex sha256 of everything the snapshot says about the
// defendant except the snapshot id, so two snapshots that say the same
// thing hash the same and a changed disposition shows as a new hash. It is
// the JSON of Defendant: a field added to Defendant (or its parts) changes
// every hash, and the next snapshot loaded then shows every defendant in
// eousa_defendant_revisions; leave the struct alone unless that is meant.
func (d *Defendant) ContentHash() string {
	c := *d
	c.Snapshot = ""
	b, err := json.Marshal(c)
	if err != nil { // cannot happen: plain data
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// sortDefendant puts every slice in a stable order so hashes and events
// do not depend on row order in the files.
func sortDefendant(d *Defendant) {
	sort.SliceStable(d.Courts, func(i, j int) bool { return d.Courts[i].CrtHisID < d.Courts[j].CrtHisID })
	for i := range d.Courts {
		in := d.Courts[i].Instruments
		sort.SliceStable(in, func(a, b int) bool { return in[a].ID < in[b].ID })
	}
	sort.SliceStable(d.Counts, func(i, j int) bool {
		a, b := d.Counts[i], d.Counts[j]
		if a.CrtHisID != b.CrtHisID {
			return a.CrtHisID < b.CrtHisID
		}
		if a.InstID != b.InstID {
			return a.InstID < b.InstID
		}
		return a.CountID < b.CountID
	})
	sort.SliceStable(d.Agencies, func(i, j int) bool {
		if d.Agencies[i].Lead != d.Agencies[j].Lead {
			return d.Agencies[i].Lead
		}
		return d.Agencies[i].PartID < d.Agencies[j].PartID
	})
}

// DefendantKey builds the pseudonymous key DISTRICT:CASEID:PARTID.
func DefendantKey(district, caseID string, partID int64) string {
	var b strings.Builder
	b.WriteString(district)
	b.WriteByte(':')
	b.WriteString(caseID)
	b.WriteByte(':')
	b.WriteString(itoa(partID))
	return b.String()
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}
