package pacer

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"casetrack/sources"
)

var (
	reSummaryDate = regexp.MustCompile(`(?i)^Date (filed|terminated|of last filing):\s*(\S+)`)
	reHistDate    = regexp.MustCompile(`(?i)^(Filed & Entered|Filed|Entered):\s*(\d{1,2}/\d{1,2}/\d{4})`)
	reDktText     = regexp.MustCompile(`^(?i)Docket Text:\s*`)
)

// summaryHeader reads the centred block that the case-query (iquery.pl)
// and docket-history (HistDocQry.pl) pages share:
//
//	<center><b><font size="+1">1:17-cr-00299-MAD All Defendants</font></b> USA v. Constantine<br>
//	<b>Date filed:</b> 11/22/2017<br><b>Date terminated:</b> ...<br><b>Date of last filing:</b> ...
func (s *Source) summaryHeader(doc *goquery.Document, raw []byte, docURL, kind string) (*sources.Docket, bool) {
	var d *sources.Docket
	doc.Find("center").EachWithBreak(func(_ int, c *goquery.Selection) bool {
		font := c.Find("b font").First()
		if font.Length() == 0 {
			return true
		}
		cn, ok := parseCaseNumber(text(font))
		if !ok {
			return true
		}
		ls := lines(c)
		if len(ls) == 0 {
			return true
		}
		d = &sources.Docket{
			DocketNumber:  cn.Docket,
			CaseType:      cn.CaseType,
			JudgeInitials: cn.JudgeInitials,
			Kind:          kind,
		}
		// "<case number> All Defendants" or "<case number> Defendant N".
		if !strings.Contains(strings.ToLower(text(font)), "all defendants") {
			d.DefendantNumber = cn.Defendant
		}
		d.CaseName = harmonizeCaseName(strings.TrimPrefix(ls[0], text(font)))
		for _, l := range ls[1:] {
			m := reSummaryDate.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			switch strings.ToLower(m[1]) {
			case "filed":
				d.DateFiled = parseDate(m[2])
			case "terminated":
				d.DateTerminated = parseDate(m[2])
			case "of last filing":
				d.DateLastFiling = parseDate(m[2])
			}
		}
		return false
	})
	if d == nil {
		return nil, false
	}
	d.Court = courtFromHost(string(raw))
	if d.Court == "" {
		d.Court = courtFromHost(docURL)
	}
	d.District = s.districts.name(d.Court)
	d.PacerCaseID = caseIDFromCookie(raw)
	return d, true
}

// isHistoryReport: the docket-history page has an <h2>History</h2> heading
// over a "Doc. No. | Dates | Description" table.
func isHistoryReport(doc *goquery.Document) bool {
	found := false
	doc.Find("h2").EachWithBreak(func(_ int, h *goquery.Selection) bool {
		found = strings.EqualFold(text(h), "History") || strings.HasPrefix(strings.ToLower(text(h)), "history/documents")
		return !found
	})
	return found
}

// isCaseQuery: the iquery.pl result page links the case's reports.
func isCaseQuery(raw []byte) bool {
	b := string(raw)
	return strings.Contains(b, "qrySummary.pl") && strings.Contains(b, "HistDocQry.pl") && strings.Contains(b, "All Defendants")
}

// parseHistoryReport reads HistDocQry.pl: summary header plus one entry per
// document row (number, Filed/Entered dates, short description) and, where
// the report was run with docket text, a "Docket Text:" row below it.
func (s *Source) parseHistoryReport(doc *goquery.Document, raw []byte, docURL string) (*sources.Docket, error) {
	d, ok := s.summaryHeader(doc, raw, docURL, "history")
	if !ok {
		return nil, fmt.Errorf("pacer: history report without case header: %w", sources.ErrLayout)
	}
	var table *goquery.Selection
	doc.Find("table").EachWithBreak(func(_ int, t *goquery.Selection) bool {
		hdr := text(t.Find("tr").First())
		if strings.Contains(hdr, "Doc.") && strings.Contains(hdr, "Dates") && strings.Contains(hdr, "Description") {
			table = t
			return false
		}
		return true
	})
	if table == nil {
		return nil, fmt.Errorf("pacer: history report without entry table: %w", sources.ErrLayout)
	}
	table.ChildrenFiltered("tbody").ChildrenFiltered("tr").Each(func(_ int, tr *goquery.Selection) {
		tds := tr.ChildrenFiltered("td")
		if tds.Length() == 1 {
			// "Docket Text:" row of the entry above.
			t := text(tds)
			if reDktText.MatchString(t) && len(d.Entries) > 0 {
				d.Entries[len(d.Entries)-1].Text = reDktText.ReplaceAllString(t, "")
			}
			return
		}
		if tds.Length() < 3 {
			return
		}
		e := sources.DocketEntry{Number: text(tds.Eq(0))}
		if a := tds.Eq(0).Find("a").First(); a.Length() > 0 {
			href, _ := a.Attr("href")
			if m := reDoc1.FindStringSubmatch(href); m != nil {
				e.PacerDocID = m[1]
			}
			oc, _ := a.Attr("onclick")
			if m := reGoDLS.FindStringSubmatch(oc); m != nil {
				e.PacerSeqNo = m[2]
			}
		}
		for _, l := range lines(tds.Eq(1)) {
			m := reHistDate.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			t := parseDate(m[2])
			switch strings.ToLower(m[1]) {
			case "filed":
				e.Date = t
			case "entered":
				e.DateEntered = t
			default:
				e.Date, e.DateEntered = t, t
			}
		}
		e.ShortDescription = text(tds.Eq(2))
		if e.Date.IsZero() {
			return
		}
		d.Entries = append(d.Entries, e)
	})
	return d, nil
}

// parseCaseQuery reads the iquery.pl case summary page (no parties, no entries).
func (s *Source) parseCaseQuery(doc *goquery.Document, raw []byte, docURL string) (*sources.Docket, error) {
	d, ok := s.summaryHeader(doc, raw, docURL, "query")
	if !ok {
		return nil, fmt.Errorf("pacer: case query without case header: %w", sources.ErrLayout)
	}
	return d, nil
}

// caseIDFromCookie reads the CM/ECF case id the page stores in its
// CASE_NUM cookie ("1:17-cr-00299(112358)"), falling back to a report link.
func caseIDFromCookie(raw []byte) string {
	if m := reCaseCookie.FindSubmatch(raw); m != nil {
		return string(m[1])
	}
	if m := reCaseIDLink.FindSubmatch(raw); m != nil {
		return string(m[1])
	}
	return ""
}

var (
	reCaseCookie = regexp.MustCompile(`CASE_NUM["=,\s]+[^"(]*\((\d+)\)`)
	reCaseIDLink = regexp.MustCompile(`DktRpt\.pl\?(\d+)`)
)
