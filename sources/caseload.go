package sources

import (
	"context"
	"time"
)

// Caseload is one defendant of one prosecution as a prosecutors' caseload
// extract states it: the shape of the U.S. Attorneys' National Caseload
// Data (LIONS, sources/eousa), the one such extract so far. It is to a
// caseload record what Docket is to a court record: what the extract says,
// in its own codes (LIONS Appendix A: courts DC, MG, NC; instrument types
// CO, IN, IF, SN; dispositions GT, NG, DM; reasons PLED, JTRD, DFOC; a
// withheld value is Withheld). pipeline/normalize decides which events it
// proves and what the defendant's outcome is.
//
// Every fact an event can rest on has its own line in Record.Body; its
// Span gives that line's byte offsets, so the event's evidence is the line.
type Caseload struct {
	Snapshot     string    // the release that states it, e.g. "AUGFY2023"
	SnapshotDate time.Time // the last day of the month the release covers
	// ContentHash fingerprints everything the release says of the defendant
	// except the snapshot id: two snapshots that say the same thing hash
	// the same, a corrected disposition hashes differently.
	ContentHash string

	District     string // the extract's district code, "FLM"
	DistrictName string // taxonomy name, "M.D. Fla."; "" when the code is unknown
	CourtID      string // CourtListener court id, "flmd"
	CaseID       string // the U.S. Attorney's case number
	PartID       int64  // the defendant's participant id within the case
	Role         string // D, DG, DJ, …; "D*" when sealed
	Sealed       bool   // some value of the defendant's rows is withheld

	// CourtNumber is the district-court number, else the first court number
	// on the defendant's stages ("19-CR-00145"); "" when there is none.
	CourtNumber string
	// DocketJoinKey is CourtID and CourtNumber normalised to meet a PACER or
	// CourtListener docket number ("flmd:19-cr-00145"); "" when not possible.
	DocketJoinKey string
	// FilingDate is the earliest charging-document filing, else the earliest
	// court stage's filing; zero when unknown.
	FilingDate time.Time

	ProgramCategories []string // program category codes, first is primary
	Agencies          []CaseAgency
	Stages            []CaseStage // the court stages the defendant is in, in order
	Counts            []CaseCount
	Sentence          *CaseSentence
}

// Withheld is the value a caseload extract writes where the publisher
// withheld it (a sealed case, a name, a date).
const Withheld = "*"

// Span is the byte offsets of one line of Record.Body.
type Span struct{ Start, End int }

// CaseAgency is an investigating agency of the case.
type CaseAgency struct {
	Code   string // the extract's code, "HSCE"
	Agency string // taxonomy code, "ICE"; "" when the code has none
	Lead   bool   // the lead agency
}

// CaseStage is one court stage (magistrate, district, not yet in court, …)
// and the defendant's disposition in it.
type CaseStage struct {
	ID              int64
	Court           string // DC district, MG magistrate, NC not in court, CA appeals, …
	Number          string // the court's case number as written; Withheld when withheld
	FilingDate      time.Time
	FilingWithheld  bool
	Disposition     string // the defendant's disposition code here; "" when none yet
	DispReason      string
	DispDate        time.Time
	Instruments     []CaseInstrument
	Line            Span // the stage
	DispositionLine Span // the defendant's disposition; zero when there is none
}

// CaseInstrument is a document filed in a stage (complaint, indictment, …).
type CaseInstrument struct {
	ID         int64
	Type       string // instrument type code; Withheld when withheld
	FilingDate time.Time
	Line       Span
}

// CaseCount is one count against the defendant with its outcome.
type CaseCount struct {
	Stage, Instrument, ID int64
	Charge                string // as written, "18 :2252Aa2"; Withheld when withheld
	Statute               string // "18 U.S.C. 2252A(a)(2)"; "" when withheld or unreadable
	Class                 string // F felony, M misdemeanour, P petty offence
	Disposition           string // disposition code; "" while pending
	DispReason            string
	DispDate              time.Time
	CaseLevel             bool // a count of the case: the defendant has no counts of its own
	Line                  Span
}

// CaseSentence is the defendant's sentence.
type CaseSentence struct {
	Date            time.Time
	Months          float64 // incarceration as entered (years × 12 + months + days / 30)
	Life            bool    // incarceration type life
	TimeServed      bool    // incarceration type time served
	ProbationMonths float64
	Line            Span
}

// Snapshot names one caseload release: a complete restatement, as of Date,
// of every case the extract holds.
type Snapshot struct {
	ID   string    // "AUGFY2023"
	Date time.Time // the last day of the month it covers
	URL  string    // the page the release was published on
}

// Release is a caseload extract on disk, too large to read into memory (an
// EOUSA monthly release is about 20 GB of fixed-width tables). Snapshot is
// known before anything is read, so a loader can skip a release it holds;
// Records streams one Record (with Caseload) per kept defendant.
type Release interface {
	Snapshot() Snapshot
	// Records reads the release and hands each kept record to emit, in a
	// stable order. An error from emit stops the read and is returned as is.
	Records(ctx context.Context, emit func(Record) error) (ReleaseStats, error)
	Close() error
}

// ReleaseStats says what reading a release found.
type ReleaseStats struct {
	Cases    int      // cases kept by the release's filter
	Kept     int      // records emitted
	Bytes    int64    // bytes scanned
	Warnings []string // layout fallbacks, size checks that failed, …
}
