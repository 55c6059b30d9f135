package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateMention is a date printed in a sentence (positions in the sentence).
type dateMention struct {
	pos, end int
	date     time.Time  // zero when only a year (or month and year) is known
	year     int        // the year, printed or inferred; 0 for a bare weekday/today without a reference
	month    time.Month // with date zero: the month of a month and year ("January 2009"), else 0
	exact    bool       // day, month and year are known
	relative bool       // "today", "Monday"
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
	"jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

const monthAlt = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`

var (
	reMonthDay  = newStartRe(`\b`+monthAlt+`\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`, monthKeys...).wordStarting()
	reMonthYear = newStartRe(`\b`+monthAlt+`\.?,?\s+(?:of\s+)?(\d{4})\b`, monthKeys...).wordStarting()
	reYear      = newStartRe(`\b(?:in|since|during|from|between|of|by|late|early|mid-?)\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d),`,
		"in", "since", "during", "from", "between", "of", "by", "late", "early", "mid", "19", "20").wordStarting()
	reRelative = regexp.MustCompile(`\b(today|yesterday|(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b`)
	reNumDate  = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
)

var monthKeys = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// findDates returns the dates printed in low (a lower-cased sentence),
// resolved against ref (the release date; zero when unknown). A month and
// day without a year take ref's year, or the year before when that would put
// the date more than a week after the release. "today", "yesterday" and
// weekdays resolve against ref.
func findDates(low string, ref time.Time, dst []dateMention) []dateMention {
	dst = dst[:0]
	digits := strings.ContainsAny(low, "0123456789")
	monthy := digits && monthKeysSet.in(low)
	var md [][]int
	if monthy {
		md = reMonthDay.FindAllStringSubmatchIndex(low, -1)
	}
	for _, m := range md {
		mon := months[low[m[2]:m[3]]]
		day, _ := strconv.Atoi(low[m[4]:m[5]])
		if day < 1 || day > 31 {
			continue
		}
		dm := dateMention{pos: m[0], end: m[1]}
		if m[6] >= 0 {
			y, _ := strconv.Atoi(low[m[6]:m[7]])
			dm.year = y
			dm.date = time.Date(y, mon, day, 0, 0, 0, 0, time.UTC)
			dm.exact = true
		} else if !ref.IsZero() {
			y := ref.Year()
			d := time.Date(y, mon, day, 0, 0, 0, 0, time.UTC)
			if d.After(ref.AddDate(0, 0, 7)) {
				d = time.Date(y-1, mon, day, 0, 0, 0, 0, time.UTC)
			}
			dm.year = d.Year()
			dm.date = d
			dm.exact = true
		}
		dst = append(dst, dm)
	}
	var nd [][]int
	if digits && strings.Contains(low, "/") {
		nd = reNumDate.FindAllStringSubmatchIndex(low, -1)
	}
	for _, m := range nd {
		mo, _ := strconv.Atoi(low[m[2]:m[3]])
		day, _ := strconv.Atoi(low[m[4]:m[5]])
		y, _ := strconv.Atoi(low[m[6]:m[7]])
		if mo < 1 || mo > 12 || day < 1 || day > 31 {
			continue
		}
		dst = append(dst, dateMention{pos: m[0], end: m[1], year: y, exact: true,
			date: time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)})
	}
	var my [][]int
	if monthy {
		my = reMonthYear.FindAllStringSubmatchIndex(low, -1)
	}
	for _, m := range my {
		if overlaps(dst, m[0]) {
			continue
		}
		y, _ := strconv.Atoi(low[m[4]:m[5]])
		dst = append(dst, dateMention{pos: m[0], end: m[1], year: y, month: months[low[m[2]:m[3]]]})
	}
	var ys [][]int
	if digits && (strings.Contains(low, "19") || strings.Contains(low, "20")) {
		ys = reYear.FindAllStringSubmatchIndex(low, -1)
	}
	for _, m := range ys {
		a, b := m[2], m[3]
		if a < 0 {
			a, b = m[4], m[5]
		}
		if overlaps(dst, a) {
			continue
		}
		y, _ := strconv.Atoi(low[a:b])
		dst = append(dst, dateMention{pos: a, end: b, year: y})
	}
	if !ref.IsZero() && strings.Contains(low, "day") {
		for _, m := range reRelative.FindAllStringSubmatchIndex(low, -1) {
			w := low[m[2]:m[3]]
			dm := dateMention{pos: m[0], end: m[1], relative: true}
			switch {
			case w == "today":
				dm.date = ref
			case w == "yesterday":
				dm.date = ref.AddDate(0, 0, -1)
			default:
				last := len(w) >= 5 && w[:5] == "last "
				for i := len(w) - 1; i >= 0; i-- {
					if w[i] == ' ' {
						w = w[i+1:]
						break
					}
				}
				wd := weekdays[w]
				back := (int(ref.Weekday()) - int(wd) + 7) % 7
				if last && back == 0 {
					back = 7
				}
				dm.date = ref.AddDate(0, 0, -back)
			}
			dm.year = dm.date.Year()
			dm.exact = true
			dst = append(dst, dm)
		}
	}
	return dst
}

func overlaps(ds []dateMention, pos int) bool {
	for _, d := range ds {
		if pos >= d.pos && pos < d.end {
			return true
		}
	}
	return false
}
