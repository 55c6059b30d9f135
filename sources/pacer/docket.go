package pacer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"casetrack/sources"
)

var (
	reDocketHeading = regexp.MustCompile(`(?i)\b(CRIMINAL|CIVIL)\s+DOCKET\s+FOR\s+CASE\s*#:\s*(\S+)`)
	reHeaderLabel   = regexp.MustCompile(`(?i)^(Case title|Date Filed|Date Terminated|Assigned to|Referred to):\s*(.*)$`)
	reTerminated    = regexp.MustCompile(`(?i)^TERMINATED:\s*(\d{1,2}/\d{1,2}/\d{4})`)
	rePartyNumber   = regexp.MustCompile(`\((\d+)\)\s*$`)
	reCountNumbers  = regexp.MustCompile(`^\(([0-9A-Za-z][0-9A-Za-z\s,\-]*)\)$`)
	reEntered       = regexp.MustCompile(`\(Entered:\s*(\d{1,2}/\d{1,2}/\d{4})\)`)
	reDoc1          = regexp.MustCompile(`/doc1/(\d+)`)
	reGoDLS         = regexp.MustCompile(`goDLS\('[^']*','(\d+)','(\d+)'`)
	reJudgeTitle    = regexp.MustCompile(`(?i)^(?:(?:senior|chief|district|magistrate|bankruptcy|u\.s\.|us)\s+)*(?:judge|hon\.?|honorable)\s+`)
)

// criminal section headings under a defendant.
const (
	secNone = iota
	secPending
	secTerminated
	secComplaints
	secHOLOpening
	secHOLTerminated
)

var sectionHeadings = map[string]int{
	"pending counts":                     secPending,
	"terminated counts":                  secTerminated,
	"complaints":                         secComplaints,
	"highest offense level (opening)":    secHOLOpening,
	"highest offense level (terminated)": secHOLTerminated,
}

// isDocketReport reports whether the page carries a CM/ECF docket-report heading.
func isDocketReport(doc *goquery.Document) bool {
	found := false
	doc.Find("h3").EachWithBreak(func(_ int, h *goquery.Selection) bool {
		found = reDocketHeading.MatchString(text(h))
		return !found
	})
	return found
}

// parseDocketReport reads a district docket report (DktRpt.pl).
func (s *Source) parseDocketReport(doc *goquery.Document, raw []byte, docURL string) (*sources.Docket, error) {
	main := doc.Find("#cmecfMainContent").First()
	if main.Length() == 0 {
		main = doc.Find("body").First()
	}
	var heading string
	var m []string
	main.Find("h3").EachWithBreak(func(_ int, h *goquery.Selection) bool {
		heading = strings.Join(lines(h), "\n")
		m = reDocketHeading.FindStringSubmatch(heading)
		return m == nil
	})
	if m == nil {
		return nil, fmt.Errorf("pacer: no docket heading: %w", sources.ErrLayout)
	}
	cn, ok := parseCaseNumber(m[2])
	if !ok {
		return nil, fmt.Errorf("pacer: case number %q: %w", m[2], sources.ErrLayout)
	}
	d := &sources.Docket{
		DocketNumber:    cn.Docket,
		CaseType:        cn.CaseType,
		JudgeInitials:   cn.JudgeInitials,
		DefendantNumber: cn.Defendant,
		Kind:            "docket",
	}
	d.Court = courtFromHost(string(raw))
	if d.Court == "" {
		d.Court = s.districts.fromHeading(heading)
	}
	if d.Court == "" {
		d.Court = courtFromHost(docURL)
	}
	d.District = s.districts.name(d.Court)

	// Entries table: the one whose header row says "Docket Text".
	var entries *goquery.Selection
	main.Find("table").EachWithBreak(func(_ int, t *goquery.Selection) bool {
		first := t.Find("tr").First()
		if strings.Contains(text(first), "Docket Text") && strings.Contains(text(first), "Date Filed") {
			entries = t
			return false
		}
		return true
	})

	// Header: labelled lines before the party block; a civil caption has no
	// "Case title:" label and is the first line of the header table.
	headerTable := main.Find("h3").First().NextAllFiltered("table").First()
	for _, l := range lines(headerTable) {
		s.applyHeaderLine(d, l)
	}
	if d.CaseName == "" {
		if td := headerTable.Find("td").First(); td.Length() > 0 {
			if ls := lines(td); len(ls) > 0 && !reHeaderLabel.MatchString(ls[0]) {
				d.CaseName = harmonizeCaseName(ls[0])
			}
		}
	}

	if err := s.parseParties(d, main, entries); err != nil {
		return nil, err
	}
	if entries != nil {
		d.Entries, d.PacerCaseID = parseEntryRows(entries)
	}
	return d, nil
}

func (s *Source) applyHeaderLine(d *sources.Docket, l string) {
	hm := reHeaderLabel.FindStringSubmatch(l)
	if hm == nil {
		return
	}
	v := clean(hm[2])
	switch strings.ToLower(hm[1]) {
	case "case title":
		if d.CaseName == "" {
			d.CaseName = harmonizeCaseName(v)
		}
	case "date filed":
		if d.DateFiled.IsZero() {
			d.DateFiled = parseDate(v)
		}
	case "date terminated":
		if d.DateTerminated.IsZero() {
			d.DateTerminated = parseDate(v)
		}
	case "assigned to":
		if d.Judge == "" {
			d.Judge = reJudgeTitle.ReplaceAllString(v, "")
		}
	}
}

// parseParties walks the rows of the party tables in document order: a
// <b><u>Type (n)</u></b> row opens a party, the next row with a <b> names
// it, and under a defendant the criminal section headings open count lists.
func (s *Source) parseParties(d *sources.Docket, main, entries *goquery.Selection) error {
	var (
		cur         *sources.Defendant
		isDefendant bool
		wantName    bool
		section     = secNone
		partyType   string
		partyNum    int
	)
	flush := func() {
		if cur != nil && isDefendant {
			d.Defendants = append(d.Defendants, *cur)
		}
		cur = nil
	}
	main.Find("tr").EachWithBreak(func(_ int, tr *goquery.Selection) bool {
		if entries != nil && tr.ParentsFiltered("table").FilterSelection(entries).Length() > 0 {
			return true
		}
		td := tr.ChildrenFiltered("td").First()
		if td.Length() == 0 {
			if t := text(tr); strings.Contains(t, "PACER Service Center") || strings.Contains(t, "Transaction Receipt") {
				return false
			}
			return true
		}
		// Header row: the first cell is only a <b><u>...</u></b> heading.
		if u := td.Find("b u, u b").First(); u.Length() > 0 && text(u) != "" && text(u) == text(td) {
			h := text(u)
			if sec, ok := sectionHeadings[strings.ToLower(h)]; ok {
				section = sec
				return true
			}
			if strings.EqualFold(h, "Disposition") {
				return true
			}
			flush()
			partyNum = 0
			if pm := rePartyNumber.FindStringSubmatch(h); pm != nil {
				partyNum, _ = strconv.Atoi(pm[1])
				h = clean(h[:len(h)-len(pm[0])])
			}
			partyType = h
			isDefendant = strings.EqualFold(partyType, "Defendant")
			cur = &sources.Defendant{Number: partyNum}
			wantName = true
			section = secNone
			return true
		}
		if cur == nil {
			return true
		}
		if wantName {
			b := td.Find("b").First()
			if b.Length() == 0 {
				return true
			}
			cur.Name = text(b)
			wantName = false
			ls := lines(td)
			if len(ls) > 0 {
				ls = ls[1:] // the name itself; an empty <b> gives no lines at all
			}
			aka := false
			for _, l := range ls {
				switch {
				case reTerminated.MatchString(l):
					if cur.DateTerminated.IsZero() {
						cur.DateTerminated = parseDate(reTerminated.FindStringSubmatch(l)[1])
					}
				case strings.EqualFold(l, "also known as"):
					aka = true
				case aka:
					cur.Aliases = append(cur.Aliases, l)
					aka = false
				}
			}
			return true
		}
		if !isDefendant || section == secNone {
			return true
		}
		t := text(td)
		if t == "" {
			return true
		}
		switch section {
		case secHOLOpening:
			if cur.HighestOffenseOpening == "" {
				cur.HighestOffenseOpening = t
			}
			return true
		case secHOLTerminated:
			if cur.HighestOffenseTerminated == "" {
				cur.HighestOffenseTerminated = t
			}
			return true
		}
		if t == "None" {
			return true
		}
		c := sources.Count{}
		ls := lines(td)
		if n := len(ls); n > 1 {
			if nm := reCountNumbers.FindStringSubmatch(ls[n-1]); nm != nil {
				c.Numbers = strings.ReplaceAll(nm[1], " ", "")
				ls = ls[:n-1]
			}
		}
		c.Text = clean(strings.Join(ls, " "))
		if tds := tr.ChildrenFiltered("td"); tds.Length() > 1 {
			c.Disposition = text(tds.Last())
		}
		c.Statutes = NormalizeStatutes(c.Text)
		if len(c.Statutes) > 0 {
			c.Statute = c.Statutes[0]
		}
		switch section {
		case secPending:
			c.Status = "pending"
			cur.Counts = append(cur.Counts, c)
		case secTerminated:
			c.Status = "terminated"
			cur.Counts = append(cur.Counts, c)
		case secComplaints:
			cur.Complaints = append(cur.Complaints, c)
		}
		return true
	})
	flush()
	return nil
}

// parseEntryRows reads the Date Filed | # | Docket Text rows, and the CM/ECF
// case id from the document links' goDLS() calls.
func parseEntryRows(t *goquery.Selection) (out []sources.DocketEntry, caseID string) {
	t.Find("tr").Each(func(i int, tr *goquery.Selection) {
		tds := tr.ChildrenFiltered("td")
		if tds.Length() < 3 {
			return
		}
		date := parseDate(text(tds.Eq(0)))
		if date.IsZero() {
			return // header row
		}
		numCell := tds.Eq(1)
		e := sources.DocketEntry{
			Date:   date,
			Number: text(numCell),
			Text:   text(tds.Eq(2)),
		}
		if a := numCell.Find("a").First(); a.Length() > 0 {
			href, _ := a.Attr("href")
			if m := reDoc1.FindStringSubmatch(href); m != nil {
				e.PacerDocID = m[1]
			}
			oc, _ := a.Attr("onclick")
			if m := reGoDLS.FindStringSubmatch(oc); m != nil {
				e.PacerSeqNo = m[2]
				if caseID == "" {
					caseID = m[1]
				}
			}
		}
		if m := reEntered.FindStringSubmatch(e.Text); m != nil {
			e.DateEntered = parseDate(m[1])
		}
		out = append(out, e)
	})
	return out, caseID
}
