package pacer

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"casetrack/sources"
)

// recapXML is the RECAP / Internet Archive docket file
// (gov.uscourts.<court>.<case id>.docket.xml).
type recapXML struct {
	XMLName xml.Name `xml:"gov_uscourts_docket"`
	Case    struct {
		Court          string `xml:"court"`
		DocketNum      string `xml:"docket_num"`
		CaseName       string `xml:"case_name"`
		PacerCaseNum   string `xml:"pacer_case_num"`
		DateCaseFiled  string `xml:"date_case_filed"`
		DateLastFiling string `xml:"date_last_filing"`
		DateTerminated string `xml:"date_case_terminated"`
	} `xml:"case_details"`
	Documents []struct {
		DocNum        string `xml:"doc_num,attr"`
		AttachmentNum string `xml:"attachment_num,attr"`
		PacerDocID    string `xml:"pacer_doc_id"`
		DateFiled     string `xml:"date_filed"`
		DateEntered   string `xml:"date_entered"`
		LongDesc      string `xml:"long_desc"`
		ShortDesc     string `xml:"short_desc"`
	} `xml:"document_list>document"`
}

// parseRecapXML reads the RECAP archive XML: one entry per main document
// (attachment_num 0); attachments belong to their entry and are skipped.
func (s *Source) parseRecapXML(raw []byte) (*sources.Docket, error) {
	var x recapXML
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.CharsetReader = charsetReader
	dec.Strict = false
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("pacer: recap xml: %v: %w", err, sources.ErrLayout)
	}
	cn, ok := parseCaseNumber(x.Case.DocketNum)
	if !ok {
		return nil, fmt.Errorf("pacer: recap xml docket number %q: %w", x.Case.DocketNum, sources.ErrLayout)
	}
	d := &sources.Docket{
		Court:          strings.ToLower(clean(x.Case.Court)),
		DocketNumber:   cn.Docket,
		CaseType:       cn.CaseType,
		JudgeInitials:  cn.JudgeInitials,
		CaseName:       harmonizeCaseName(x.Case.CaseName),
		DateFiled:      parseDate(x.Case.DateCaseFiled),
		DateTerminated: parseDate(x.Case.DateTerminated),
		DateLastFiling: parseDate(x.Case.DateLastFiling),
		PacerCaseID:    clean(x.Case.PacerCaseNum),
		Kind:           "recap_xml",
	}
	d.District = s.districts.name(d.Court)
	for _, doc := range x.Documents {
		if a := clean(doc.AttachmentNum); a != "" && a != "0" {
			continue
		}
		d.Entries = append(d.Entries, sources.DocketEntry{
			Date:             parseDate(doc.DateFiled),
			DateEntered:      parseDate(doc.DateEntered),
			Number:           clean(doc.DocNum),
			Text:             clean(doc.LongDesc),
			ShortDescription: clean(doc.ShortDesc),
			PacerDocID:       clean(doc.PacerDocID),
		})
	}
	return d, nil
}

// rssFeed is a CM/ECF "Recent Entries" RSS 2.0 feed.
type rssFeed struct {
	XMLName xml.Name `xml:"rss"`
	Channel struct {
		Title         string    `xml:"title"`
		Link          string    `xml:"link"`
		LastBuildDate string    `xml:"lastBuildDate"`
		Items         []rssItem `xml:"item"`
	} `xml:"channel"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	Description string `xml:"description"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
}

var (
	reRSSShort  = regexp.MustCompile(`^\s*\[(.*?)\]`)
	reRSSAnchor = regexp.MustCompile(`(?is)<a[^>]*href="([^"]*)"[^>]*>\s*([^<]*?)\s*</a>`)
	reSeqNum    = regexp.MustCompile(`de_seq_num=(\d+)`)
	reDktRptID  = regexp.MustCompile(`DktRpt\.pl\?(\d+)`)
)

// rssDocket is one feed item read as a one-entry docket, with the item's
// guid (unique per case and entry) for keys.
type rssDocket struct {
	Docket *sources.Docket
	GUID   string
	Link   string
}

// parseRSS reads every item of a CM/ECF RSS feed that has a well-formed
// docket number (items such as "5:18-~gr-00001" are skipped), dropping
// repeated items (same guid), in feed order.
func (s *Source) parseRSS(raw []byte) ([]rssDocket, time.Time, error) {
	var f rssFeed
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.CharsetReader = charsetReader
	dec.Strict = false
	if err := dec.Decode(&f); err != nil {
		return nil, time.Time{}, fmt.Errorf("pacer: rss: %v: %w", err, sources.ErrLayout)
	}
	court := courtFromHost(f.Channel.Link)
	build, _ := time.Parse(time.RFC1123, strings.TrimSpace(f.Channel.LastBuildDate))
	var out []rssDocket
	seen := map[string]int{}     // guid -> index in out
	shorts := map[int][]string{} // index -> short descriptions seen for it
	for _, it := range f.Channel.Items {
		title := html.UnescapeString(clean(it.Title))
		first := strings.SplitN(title, " ", 2)
		cn, ok := parseCaseNumber(first[0])
		if !ok || reCaseNumber.FindString(first[0]) != first[0] {
			continue
		}
		desc := html.UnescapeString(it.Description)
		short := ""
		if m := reRSSShort.FindStringSubmatch(desc); m != nil {
			short = clean(m[1])
		}
		guid := clean(it.GUID)
		if guid == "" {
			guid = clean(it.Link) + "|" + clean(it.Description)
		}
		// CM/ECF repeats an item once per docket-entry type it carries
		// ("Order" and "~Util - Set Deadlines"): one entry, both types.
		if i, dup := seen[guid]; dup {
			shorts[i] = appendUnique(shorts[i], short)
			continue
		}
		seen[guid] = len(out)
		shorts[len(out)] = appendUnique(nil, short)
		name := ""
		if len(first) == 2 {
			name = harmonizeCaseName(first[1])
		}
		c := court
		if h := courtFromHost(it.Link); h != "" {
			c = h
		}
		d := &sources.Docket{
			Court:           c,
			District:        s.districts.name(c),
			DocketNumber:    cn.Docket,
			CaseType:        cn.CaseType,
			JudgeInitials:   cn.JudgeInitials,
			DefendantNumber: cn.Defendant,
			CaseName:        name,
			Kind:            "rss",
		}
		if m := reDktRptID.FindStringSubmatch(it.Link); m != nil {
			d.PacerCaseID = m[1]
		}
		e := sources.DocketEntry{}
		if t, err := time.Parse(time.RFC1123, strings.TrimSpace(it.PubDate)); err == nil {
			e.Date = t.UTC()
		} else if t, err := time.Parse(time.RFC1123Z, strings.TrimSpace(it.PubDate)); err == nil {
			e.Date = t.UTC()
		}
		if m := reRSSAnchor.FindStringSubmatch(desc); m != nil {
			e.Number = clean(m[2])
			if dm := reDoc1.FindStringSubmatch(m[1]); dm != nil {
				e.PacerDocID = dm[1]
			}
			if sm := reSeqNum.FindStringSubmatch(m[1]); sm != nil {
				e.PacerSeqNo = sm[1]
			}
		}
		d.Entries = []sources.DocketEntry{e}
		out = append(out, rssDocket{Docket: d, GUID: guid, Link: clean(it.Link)})
	}
	for i, ss := range shorts {
		sort.Strings(ss)
		out[i].Docket.Entries[0].ShortDescription = strings.Join(ss, " AND ")
	}
	return out, build, nil
}

func appendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// charsetReader lets encoding/xml read the ISO-8859-1 CM/ECF feeds.
func charsetReader(charset string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "":
		return in, nil
	case "iso-8859-1", "latin1", "latin-1", "windows-1252", "us-ascii", "ascii":
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(b)+len(b)/8)
		for _, c := range b {
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	}
	return nil, fmt.Errorf("unsupported charset %q", charset)
}
