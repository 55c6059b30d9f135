package sources

import "time"

// Docket is a federal criminal case as a court record states it: the shape
// shared by PACER docket reports, CourtListener's REST API and any other
// court-record source. It holds what the record says; pipeline/normalize
// decides which events it proves.
type Docket struct {
	Court          string // CourtListener court id, e.g. "ned", "wawd"
	District       string // taxonomy district name, e.g. "D. Neb."
	DocketNumber   string // normalised "8:17-cr-00102" (no judge initials, no defendant number)
	CaseName       string
	DateFiled      time.Time
	DateTerminated time.Time
	Judge          string
	CaseType       string // "cr", "mj", "cv", ...
	Defendants     []Defendant
	// Added for the PACER and CourtListener sources (additive).
	DefendantNumber int       // the defendant whose view the page is (the "-1" in ...-RGK-CRZ-1); 0 when the page covers all
	JudgeInitials   string    // "RGK" from the docket number's judge suffix
	PacerCaseID     string    // CM/ECF internal case id (DktRpt.pl?<id>), when the page shows it
	DateLastFiling  time.Time // case-query / RECAP "date of last filing"
	Kind            string    // which page or API gave it: "docket", "history", "query", "recap_xml", "rss", "courtlistener"
	Entries         []DocketEntry
}

// Defendant is one party charged in a criminal docket.
type Defendant struct {
	Name                     string
	Number                   int // defendant number within the case (the "-2" in 2:17-cr-00378-SPL-2)
	Aliases                  []string
	DateTerminated           time.Time
	Counts                   []Count // pending and terminated counts
	Complaints               []Count // complaint charges (no count number)
	HighestOffenseOpening    string
	HighestOffenseTerminated string
}

// Count is one charge as the docket prints it.
type Count struct {
	Text        string // count text as printed, e.g. "18:2252(a)(4)(B) POSSESSION OF CHILD PORNOGRAPHY"
	Statute     string // normalised "18 U.S.C. 2252(a)(4)(B)"; empty when the text has none
	Numbers     string // count numbers as printed: "1", "2-4", "1s", "2s-3s"
	Status      string // "pending" or "terminated" (the docket section it sits under)
	Disposition string // disposition text as printed
	// Added for the PACER and CourtListener sources (additive): every
	// statute the text cites, normalised; Statute is the first of them.
	Statutes []string
}

// DocketEntry is one line of the docket.
type DocketEntry struct {
	Date   time.Time // date filed
	Number string    // document number, empty for minute entries
	Text   string
	// Added for the PACER and CourtListener sources (additive).
	DateEntered      time.Time // "(Entered: MM/DD/YYYY)" / history "Entered:"; zero when not shown
	ShortDescription string    // CM/ECF short description ("Complaint", "Plea Agreement"); history, RSS, RECAP
	PacerDocID       string    // the /doc1/<id> of the main document, as printed (no digit rewriting)
	PacerSeqNo       string    // de_seq_num
}
