package courtlistener

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"casetrack/sources"
	"casetrack/sources/pacer"
)

// The v4 response shapes this package reads. Every JSON name here is checked
// against CourtListener's real OPTIONS metadata by a test
// (shared/fixtures/courtlistener/api_v4_http_options_all_endpoints.json).

// page is a cursor-paginated list response.
type page[T any] struct {
	Next    *string `json:"next"`
	Results []T     `json:"results"`
}

// searchHit is one result of /search/?type=r (RECAP dockets). The search
// endpoint publishes no field metadata in OPTIONS; docket_id is the one
// field read, named in CourtListener's search API documentation.
type searchHit struct {
	DocketID int64 `json:"docket_id"`
}

type docketJSON struct {
	ID              int64   `json:"id"`
	CourtID         string  `json:"court_id"`
	AbsoluteURL     string  `json:"absolute_url"`
	DateModified    string  `json:"date_modified"`
	DateFiled       *string `json:"date_filed"`
	DateTerminated  *string `json:"date_terminated"`
	DateLastFiling  *string `json:"date_last_filing"`
	CaseName        string  `json:"case_name"`
	DocketNumber    string  `json:"docket_number"`
	AssignedToStr   string  `json:"assigned_to_str"`
	CaseType        *string `json:"federal_dn_case_type"`
	JudgeInitials   *string `json:"federal_dn_judge_initials_assigned"`
	DefendantNumber *int    `json:"federal_defendant_number"`
	PacerCaseID     *string `json:"pacer_case_id"`
}

type partyJSON struct {
	ID         int64           `json:"id"`
	Name       string          `json:"name"`
	ExtraInfo  string          `json:"extra_info"`
	PartyTypes []partyTypeJSON `json:"party_types"`
}

type partyTypeJSON struct {
	DocketID                 *int64          `json:"docket_id"`
	Name                     string          `json:"name"`
	DateTerminated           *string         `json:"date_terminated"`
	HighestOffenseOpening    string          `json:"highest_offense_level_opening"`
	HighestOffenseTerminated string          `json:"highest_offense_level_terminated"`
	CriminalCounts           []countJSON     `json:"criminal_counts"`
	CriminalComplaints       []complaintJSON `json:"criminal_complaints"`
}

type countJSON struct {
	Name        string `json:"name"`
	Disposition string `json:"disposition"`
	Status      int    `json:"status"` // 1 Pending, 2 Terminated
}

type complaintJSON struct {
	Name        string `json:"name"`
	Disposition string `json:"disposition"`
}

type entryJSON struct {
	EntryNumber         *int64    `json:"entry_number"`
	DateFiled           *string   `json:"date_filed"`
	Description         string    `json:"description"`
	PacerSequenceNumber *string   `json:"pacer_sequence_number"`
	RecapDocuments      []docJSON `json:"recap_documents"`
}

type docJSON struct {
	DocumentType int    `json:"document_type"` // 1 main document, 2 attachment
	PacerDocID   string `json:"pacer_doc_id"`
	Description  string `json:"description"`
}

// bundle is the Document body Crawl emits for one docket: the three raw v4
// responses it needed (each already archived by the Fetcher as fetched),
// side by side. Parse reads it back.
type bundle struct {
	Format  string            `json:"casetrack_format"` // bundleFormat
	Docket  json.RawMessage   `json:"docket"`
	Parties []json.RawMessage `json:"parties"`
	Entries []json.RawMessage `json:"docket_entries"`
}

const bundleFormat = "courtlistener-docket-bundle/1"

var reCountNumbers = regexp.MustCompile(`\(([0-9][0-9A-Za-z\s,\-]*)\)\s*$`)

// toDocket maps the v4 docket, parties and entries onto sources.Docket, the
// same shape the PACER parser gives for the same case.
func (s *Source) toDocket(dj docketJSON, parties []partyJSON, entries []entryJSON) (*sources.Docket, error) {
	num, ctype, judge, defNo, ok := pacer.SplitCaseNumber(dj.DocketNumber)
	if !ok {
		return nil, fmt.Errorf("courtlistener: docket %d: docket number %q: %w", dj.ID, dj.DocketNumber, sources.ErrLayout)
	}
	d := &sources.Docket{
		Court:          dj.CourtID,
		District:       s.districts[dj.CourtID],
		DocketNumber:   num,
		CaseName:       strings.Join(strings.Fields(dj.CaseName), " "),
		DateFiled:      day(dj.DateFiled),
		DateTerminated: day(dj.DateTerminated),
		DateLastFiling: day(dj.DateLastFiling),
		Judge:          dj.AssignedToStr,
		CaseType:       ctype,
		JudgeInitials:  judge,
		Kind:           "courtlistener",
	}
	if dj.CaseType != nil && *dj.CaseType != "" {
		d.CaseType = strings.ToLower(*dj.CaseType)
	}
	if dj.JudgeInitials != nil && *dj.JudgeInitials != "" {
		d.JudgeInitials = *dj.JudgeInitials
	}
	d.DefendantNumber = defNo
	if dj.DefendantNumber != nil {
		d.DefendantNumber = *dj.DefendantNumber
	}
	if dj.PacerCaseID != nil {
		d.PacerCaseID = *dj.PacerCaseID
	}
	for _, p := range parties {
		for _, pt := range p.PartyTypes {
			if pt.DocketID != nil && *pt.DocketID != dj.ID {
				continue // the party's role in another docket
			}
			if !strings.EqualFold(strings.TrimSpace(pt.Name), "Defendant") {
				continue
			}
			def := sources.Defendant{
				Name:                     strings.Join(strings.Fields(p.Name), " "),
				DateTerminated:           day(pt.DateTerminated),
				HighestOffenseOpening:    pt.HighestOffenseOpening,
				HighestOffenseTerminated: pt.HighestOffenseTerminated,
			}
			for _, c := range pt.CriminalCounts {
				cnt := sources.Count{Disposition: strings.Join(strings.Fields(c.Disposition), " ")}
				name := strings.Join(strings.Fields(c.Name), " ")
				// The count number is glued to the name: "...PORNOGRAPHY(2)".
				if m := reCountNumbers.FindStringSubmatchIndex(name); m != nil {
					cnt.Numbers = strings.ReplaceAll(name[m[2]:m[3]], " ", "")
					name = strings.TrimSpace(name[:m[0]])
				}
				cnt.Text = name
				switch c.Status {
				case 1:
					cnt.Status = "pending"
				case 2:
					cnt.Status = "terminated"
				}
				setStatutes(&cnt)
				def.Counts = append(def.Counts, cnt)
			}
			for _, c := range pt.CriminalComplaints {
				cnt := sources.Count{
					Text:        strings.Join(strings.Fields(c.Name), " "),
					Disposition: strings.Join(strings.Fields(c.Disposition), " "),
				}
				setStatutes(&cnt)
				def.Complaints = append(def.Complaints, cnt)
			}
			d.Defendants = append(d.Defendants, def)
		}
	}
	for _, e := range entries {
		de := sources.DocketEntry{
			Date: day(e.DateFiled),
			Text: strings.Join(strings.Fields(e.Description), " "),
		}
		if e.EntryNumber != nil {
			de.Number = strconv.FormatInt(*e.EntryNumber, 10)
		}
		if e.PacerSequenceNumber != nil {
			de.PacerSeqNo = *e.PacerSequenceNumber
		}
		for _, doc := range e.RecapDocuments {
			if doc.DocumentType == 1 || len(e.RecapDocuments) == 1 {
				de.PacerDocID = doc.PacerDocID
				de.ShortDescription = doc.Description
				break
			}
		}
		d.Entries = append(d.Entries, de)
	}
	return d, nil
}

func setStatutes(c *sources.Count) {
	c.Statutes = pacer.NormalizeStatutes(c.Text)
	if len(c.Statutes) > 0 {
		c.Statute = c.Statutes[0]
	}
}

// day reads a v4 date ("2016-04-21") or date-time as a UTC date.
func day(p *string) time.Time {
	if p == nil || *p == "" {
		return time.Time{}
	}
	s := *p
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t
		}
	}
	return time.Time{}
}
