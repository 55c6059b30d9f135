package doj

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The justice.gov API has served two shapes of the same document (see the
// history in doc.go). These types decode either one; each is lenient about
// the JSON type of a value and strict about its meaning.

// apiPage is the envelope of /api/v1/press_releases.json.
type apiPage struct {
	Metadata *struct {
		ResponseInfo struct {
			Status           flexInt `json:"status"`
			DeveloperMessage string  `json:"developerMessage"`
		} `json:"responseInfo"`
		Resultset struct {
			Count    flexInt `json:"count"`
			Pagesize flexInt `json:"pagesize"`
			Page     flexInt `json:"page"`
		} `json:"resultset"`
	} `json:"metadata"`
	Results *[]json.RawMessage `json:"results"`
}

// apiRelease is one element of results.
type apiRelease struct {
	UUID      flexString `json:"uuid"`
	Title     flexString `json:"title"`
	Body      flexString `json:"body"`
	Teaser    flexString `json:"teaser"`
	URL       flexString `json:"url"`
	Number    flexString `json:"number"`
	Date      flexTime   `json:"date"`
	Created   flexTime   `json:"created"`
	Changed   flexTime   `json:"changed"`
	Component flexTerms  `json:"component"`
	Topic     flexTerms  `json:"topic"`
}

// flexInt accepts 20, "20", "" and null (0 for the last two).
type flexInt struct {
	N     int64
	Valid bool
}

func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// A float such as 20.0 is still a count.
		fl, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return fmt.Errorf("not an integer: %s", b)
		}
		n = int64(fl)
	}
	f.N, f.Valid = n, true
	return nil
}

// flexString accepts a string, a number, null, or the empty list [] that
// older responses used for absent values.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case b[0] == '[':
		var l []json.RawMessage
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		if len(l) > 0 {
			return fmt.Errorf("expected a string, got a list of %d", len(l))
		}
		*f = ""
	case b[0] == '{':
		return fmt.Errorf("expected a string, got an object")
	default: // number or bool
		*f = flexString(b)
	}
	return nil
}

// flexTime accepts the forms a DOJ timestamp has taken:
//
//	"1405004290"                                  (2020: epoch seconds as a string)
//	1405004290                                    (a bare number)
//	"<time datetime=\"2024-08-07T22:45:53+00:00\">1723070753</time>\n" (2024)
//	"2024-08-07T22:45:53+00:00"                   (RFC 3339)
//
// and "" / null for unknown.
type flexTime struct{ time.Time }

var (
	timeTag   = regexp.MustCompile(`(?is)<time[^>]*\bdatetime\s*=\s*["']([^"']+)["'][^>]*>(.*?)</time>`)
	anyTag    = regexp.MustCompile(`<[^>]*>`)
	allDigits = regexp.MustCompile(`^-?\d+$`)
)

func (f *flexTime) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	t, err := parseStamp(string(s))
	if err != nil {
		return err
	}
	f.Time = t
	return nil
}

// parseStamp reads one DOJ timestamp string (see flexTime). The epoch inside
// a <time> element wins over its datetime attribute; both say the same
// instant in the documented examples.
func parseStamp(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	var attr string
	if m := timeTag.FindStringSubmatch(s); m != nil {
		attr, s = strings.TrimSpace(m[1]), strings.TrimSpace(anyTag.ReplaceAllString(m[2], ""))
	} else if strings.Contains(s, "<") {
		s = strings.TrimSpace(anyTag.ReplaceAllString(s, ""))
	}
	if allDigits.MatchString(s) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("timestamp %q: %w", s, err)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	for _, cand := range []string{s, attr} {
		if cand == "" {
			continue
		}
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
			if t, err := time.Parse(layout, cand); err == nil {
				return t.UTC(), nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised timestamp %q", s)
}

// flexTerms accepts a taxonomy field in any of the shapes seen or plausible:
// a list of {"uuid","name"} objects (both years), a list of plain strings,
// a single object, a single string (one name; "" means none), or null.
type flexTerms []string

func (f *flexTerms) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*f = nil
		return nil
	}
	switch b[0] {
	case '"', '{':
		name, err := termName(b)
		if err != nil {
			return err
		}
		*f = nil
		if name != "" {
			*f = flexTerms{name}
		}
		return nil
	case '[':
		var l []json.RawMessage
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		out := make(flexTerms, 0, len(l))
		for i, raw := range l {
			name, err := termName(raw)
			if err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
			if name != "" {
				out = append(out, name)
			}
		}
		*f = out
		return nil
	}
	return fmt.Errorf("expected a list of terms, got %.20s", b)
}

func termName(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) > 0 && b[0] == '{':
		var o struct {
			Name flexString `json:"name"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return "", err
		}
		return strings.TrimSpace(string(o.Name)), nil
	default:
		var s flexString
		if err := s.UnmarshalJSON(b); err != nil {
			return "", err
		}
		return strings.TrimSpace(string(s)), nil
	}
}
