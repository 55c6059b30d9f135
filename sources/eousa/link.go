package eousa

import (
	"regexp"
	"strings"
)

// docketNumber matches the case part of an EOUSA court number
// ("23-CR-00123", "23-CR-00123-1", "11-CR-01234-E") and of a PACER or
// CourtListener docket number ("1:23-cr-00123", "8:19-cr-145-T-23AEP",
// "2:17-cr-00378-SPL-2"): optional office digit and colon, two- or
// four-digit year, two-letter case type, sequence number.
var docketNumber = regexp.MustCompile(`^\s*(?:\d{1,2}\s*:\s*)?(\d{2}|\d{4})\s*-\s*([A-Za-z]{2})\s*-\s*(\d{1,6})(?:\D|$)`)

// DocketJoinKey normalises an EOUSA court number or a PACER/CourtListener
// docket number, with the court it belongs to, to one join key:
// "flmd:23-cr-00123". LIONS has no office/division digit, so the key has
// none either: the PACER "1:" or "8:" is dropped, the year is cut to two
// digits, the type lower-cased and the sequence zero-padded to five
// digits; suffixes (defendant number, judge initials, "-E") are dropped.
// courtID is the CourtListener court id ("flmd"; an EOUSA district code
// must be mapped first, see Refs.Districts or Defendant.CourtID). ok is
// false when either part is missing or the number is free text (LIONS
// numbers before about 2012, or from courts that do not enforce the form).
//
// Two cases in different divisions of one district can share a key (the
// office digit is what tells them apart on PACER); callers should treat a
// key that matches several dockets as ambiguous.
func DocketJoinKey(courtID, number string) (string, bool) {
	courtID = strings.ToLower(strings.TrimSpace(courtID))
	if courtID == "" {
		return "", false
	}
	m := docketNumber.FindStringSubmatch(number)
	if m == nil {
		return "", false
	}
	yy := m[1]
	if len(yy) == 4 {
		yy = yy[2:]
	}
	seq := strings.TrimLeft(m[3], "0")
	if seq == "" || len(seq) > 5 {
		return "", false
	}
	seq = strings.Repeat("0", 5-len(seq)) + seq
	return courtID + ":" + yy + "-" + strings.ToLower(m[2]) + "-" + seq, true
}
