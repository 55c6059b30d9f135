package pacer

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"casetrack/data"
)

// caseNumber is a CM/ECF case number split into its parts.
type caseNumber struct {
	Docket        string // "4:13-cr-03121"
	CaseType      string // "cr"
	JudgeInitials string // "RGK" (first of the judge suffixes)
	Defendant     int    // 1 in "...-RGK-CRZ-1"; 0 when absent
}

var reCaseNumber = regexp.MustCompile(`(\d{1,2}):(\d{2})-([A-Za-z]{1,4})-(\d{1,6})((?:-[A-Za-z]{1,5})*)(?:-(\d{1,3}))?`)

// parseCaseNumber finds the first CM/ECF case number in s.
func parseCaseNumber(s string) (caseNumber, bool) {
	m := reCaseNumber.FindStringSubmatch(s)
	if m == nil {
		return caseNumber{}, false
	}
	num := m[4]
	for len(num) < 5 {
		num = "0" + num
	}
	cn := caseNumber{
		Docket:   fmt.Sprintf("%s:%s-%s-%s", m[1], m[2], strings.ToLower(m[3]), num),
		CaseType: strings.ToLower(m[3]),
	}
	if m[5] != "" {
		cn.JudgeInitials = strings.Split(strings.TrimPrefix(m[5], "-"), "-")[0]
	}
	if m[6] != "" {
		cn.Defendant, _ = strconv.Atoi(m[6])
	}
	return cn, true
}

var (
	reEtAl     = regexp.MustCompile(`(?i),?\s+et\.?\s+al\.?$`)
	reUSAFirst = regexp.MustCompile(`^(?i)(USA|U\.S\.A\.|(?:The\s+)?United States of America|U\.S\.)\s+v\.?\s+`)
	reUSALast  = regexp.MustCompile(`(?i)(\s+v\.?\s+)(?:USA|U\.S\.A\.|(?:The\s+)?United States of America)$`)
	reTrailing = regexp.MustCompile(`[\s;,]+$`)
	reEtAlMid  = regexp.MustCompile(`(?i),?\s+et\.?\s+al\.?(\s+v\.?\s+)`)
)

// clean collapses runs of white space (including non-breaking spaces) and trims.
func clean(s string) string {
	// strings.Fields splits on unicode.IsSpace, which includes U+00A0.
	return strings.Join(strings.Fields(s), " ")
}

// harmonizeCaseName writes a docket caption the way CourtListener stores it:
// "USA v. Mitchell et al" becomes "United States v. Mitchell". Only the
// plaintiff abbreviation and the "et al" tail change; the rest is as printed.
func harmonizeCaseName(s string) string {
	s = clean(s)
	s = reUSAFirst.ReplaceAllString(s, "United States v. ")
	// "Spoon et al v. Ethicon, Inc. et al": drop every "et al".
	s = reEtAlMid.ReplaceAllString(s, "$1")
	s = reEtAl.ReplaceAllString(s, "")
	s = reTrailing.ReplaceAllString(s, "")
	s = reEtAl.ReplaceAllString(s, "")
	s = reUSALast.ReplaceAllString(s, "${1}United States")
	return strings.TrimSpace(s)
}

// parseDate reads MM/DD/YYYY (or M/D/YYYY, or YYYY-MM-DD) as a UTC date.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"01/02/2006", "1/2/2006", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// courtFromHost returns the court id from the first CM/ECF host name
// ("ecf.ned.uscourts.gov") found in s. A plain scan: pages are ~100 KB and
// a case-insensitive regexp over all of them was a tenth of the parse time.
func courtFromHost(s string) string {
	for off := 0; ; {
		i := strings.Index(s[off:], ".uscourts.gov")
		if i < 0 {
			return ""
		}
		i += off
		j := i
		for j > 0 && isASCIILetter(s[j-1]) {
			j--
		}
		if n := i - j; n >= 2 && n <= 6 && j >= 4 && strings.EqualFold(s[j-4:j], "ecf.") {
			return strings.ToLower(s[j:i])
		}
		off = i + len(".uscourts.gov")
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// districts maps court ids and long names to taxonomy district names. It is
// built once per Source (never global mutable state).
type districts struct {
	byID   map[string]string
	byLong []data.District
}

func loadDistricts() (*districts, error) {
	ds, err := data.Districts()
	if err != nil {
		return nil, fmt.Errorf("pacer: districts: %w", err)
	}
	d := &districts{byID: make(map[string]string, len(ds)), byLong: ds}
	for _, x := range ds {
		d.byID[x.CourtID] = x.Name
	}
	return d, nil
}

// name returns the taxonomy district name of a court id ("ned" -> "D. Neb.").
func (d *districts) name(court string) string { return d.byID[court] }

// fromHeading finds the court id in a docket heading such as "United States
// District Court for the Western District of Washington (Seattle)" or
// "California Northern District (San Francisco)".
func (d *districts) fromHeading(h string) string {
	h = strings.ToLower(clean(h))
	best, bestLen := "", 0
	for _, x := range d.byLong {
		long := strings.ToLower(x.LongName) // "western district of washington"
		cands := []string{long}
		// "California Northern District" word order.
		if i := strings.Index(long, " district of "); i > 0 {
			cands = append(cands, strings.ToLower(x.State)+" "+long[:i]+" district")
		} else if strings.HasPrefix(long, "district of ") {
			cands = append(cands, strings.ToLower(x.State)+" district")
		}
		for _, c := range cands {
			if strings.Contains(h, c) && len(c) > bestLen {
				best, bestLen = x.CourtID, len(c)
			}
		}
	}
	return best
}

// docketURL builds the CM/ECF docket report URL for a case id, or the
// court's CM/ECF root when the id is unknown.
func docketURL(court, caseID string) string {
	if court == "" {
		return ""
	}
	u := "https://ecf." + court + ".uscourts.gov/cgi-bin/DktRpt.pl"
	if caseID != "" {
		u += "?" + url.QueryEscape(caseID)
	}
	return u
}

// SplitCaseNumber splits a CM/ECF case number such as
// "4:13-cr-03121-RGK-CRZ-1" into the normalised docket number
// ("4:13-cr-03121"), case type ("cr"), first judge's initials ("RGK") and
// defendant number (1; 0 when absent). ok is false when s holds none.
func SplitCaseNumber(s string) (docket, caseType, judge string, defendant int, ok bool) {
	cn, ok := parseCaseNumber(s)
	return cn.Docket, cn.CaseType, cn.JudgeInitials, cn.Defendant, ok
}
