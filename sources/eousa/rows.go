package eousa

import "time"

// SnapshotRow is one row of eousa_defendant_snapshots
// (schemas/050_eousa.sql); Values lists it in column order for the
// Appender.
type SnapshotRow struct {
	Key, Snapshot                    string
	SnapshotDate                     time.Time
	ContentHash                      string
	District, DistrictName, CourtID  string
	CaseID                           string
	PartID                           int64
	Role                             string
	Sealed                           bool
	CourtNumber, DocketJoinKey       string
	FilingDate                       time.Time
	Disposition, DispReason, PleaVer string
	DispDate, SentenceDate           time.Time
	SentenceMonths                   float64
	SentenceLife                     bool
	ProgramCategories                []string
	Agencies, AgencyCodes, Statutes  []string
	Kept                             string
}

// SnapshotRow flattens the defendant for eousa_defendant_snapshots.
func (d *Defendant) SnapshotRow() SnapshotRow {
	r := SnapshotRow{
		Key: d.Key, Snapshot: d.Snapshot, ContentHash: d.ContentHash(),
		District: d.District, DistrictName: d.DistrictName, CourtID: d.CourtID,
		CaseID: d.CaseID, PartID: d.PartID, Role: d.Role, Sealed: d.Sealed,
		CourtNumber: d.CourtNumber(), FilingDate: d.FilingDate(),
		ProgramCategories: d.ProgramCategories, Statutes: d.Statutes(), Kept: d.Kept,
	}
	r.SnapshotDate, _ = SnapshotDate(d.Snapshot)
	r.DocketJoinKey, _ = DocketJoinKey(d.CourtID, r.CourtNumber)
	r.Disposition, r.DispReason, r.DispDate = d.Outcome()
	r.PleaVer = PleaOrVerdict(r.DispReason)
	if !convictedCodes[r.Disposition] {
		r.PleaVer = ""
	}
	if s := d.Sentence; s != nil {
		r.SentenceDate, r.SentenceMonths, r.SentenceLife = s.Date, s.Months, s.Life
	}
	seen := map[string]bool{}
	for _, a := range d.Agencies {
		r.AgencyCodes = append(r.AgencyCodes, a.Code)
		if a.Agency != "" && !seen[a.Agency] {
			seen[a.Agency] = true
			r.Agencies = append(r.Agencies, a.Agency)
		}
	}
	return r
}

// Values returns the row in eousa_defendant_snapshots column order, with
// NULL (nil) for blank strings and zero dates.
func (r SnapshotRow) Values() []any {
	return []any{
		r.Key, r.Snapshot, r.SnapshotDate, r.ContentHash,
		r.District, null(r.DistrictName), null(r.CourtID), r.CaseID, r.PartID,
		null(r.Role), r.Sealed, null(r.CourtNumber), null(r.DocketJoinKey), date(r.FilingDate),
		null(r.Disposition), null(r.DispReason), null(r.PleaVer), date(r.DispDate),
		date(r.SentenceDate), r.SentenceMonths, r.SentenceLife,
		list(r.ProgramCategories), list(r.Agencies), list(r.AgencyCodes), list(r.Statutes), null(r.Kept),
	}
}

// CountRows returns the eousa_count_snapshots rows of the defendant, each
// in column order.
func (d *Defendant) CountRows() [][]any {
	var out [][]any
	for _, c := range d.Counts {
		out = append(out, []any{d.Key, d.Snapshot, c.CrtHisID, c.InstID, c.CountID,
			null(c.Charge), null(c.Statute), null(c.Category), null(c.Disposition), null(c.DispReason), date(c.DispDate), c.CaseLevel})
	}
	return out
}

func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func list(xs []string) any {
	if xs == nil {
		return []string{}
	}
	return xs
}
