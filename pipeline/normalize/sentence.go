package normalize

import (
	"regexp"
	"strconv"
	"strings"
)

// Prison terms as releases print them.
var (
	reTerm = regexp.MustCompile(`\b(\d+(?:\.\d+)?|` + numWordAlt + `)(?:\s+and\s+(?:a|one)[- ]half)?(?:\s*-\s*|\s+)(years?|months?)(?:\s*-\s*old)?(?:,?\s+and\s+(\d+|` + numWordAlt + `)\s+months?)?`)
	reLife = regexp.MustCompile(`\b(?:life (?:in (?:federal |state )?prison|imprisonment|sentences?|terms?|without)|to life\b|\w+ consecutive life|(?:two|three|four|five|six|seven|eight|nine|ten|multiple) life\b)`)
	// text right before a term that makes it something other than the sentence imposed
	reTermBefore = regexp.MustCompile(`(?:up to|maximum(?: of)?|minimum(?: of)?|faces?|facing|could|would|as many as|at least|no less than|not less than|mandatory|statutory|guideline|probation of|supervised release of|followed by|plus|and)\s*(?:a |an |the )?(?:\w+ ){0,2}$`)
	// text right after a term that makes it supervision, not custody
	reTermAfter = regexp.MustCompile(`^\s*(?:term )?(?:of )?(?:supervised release|supervision|probation|of probation|old)`)
)

const numWordAlt = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-five|thirty|thirty-five|forty|fifty|sixty|seventy|eighty|ninety|hundred`

var numWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30, "thirty-five": 35, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}

func numValue(s string) float64 {
	if v, ok := numWords[s]; ok {
		return v
	}
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// ParseSentence reads the custody term a sentence of text imposes: "15
// years" → 180 months, "151 months", "11 years and 3 months" → 135, "a
// 50-year sentence" → 600, "life in prison" → SentenceLife, "time served" →
// SentenceTimeServed, probation alone → SentenceProbation. Maximum
// penalties ("faces up to 20 years") and supervised release are not
// sentences. ok is false when the text states no term.
func ParseSentence(text string) (months float64, kind string, ok bool) {
	return parseTerm(lowerASCII(text))
}

func parseTerm(low string) (float64, string, bool) {
	lifeAt := -1
	if loc := reLife.FindStringIndex(low); loc != nil {
		before := low[max(0, loc[0]-30):loc[0]]
		after := low[loc[1]:min(len(low), loc[1]+30)]
		if !strings.Contains(before, "up to") && !strings.Contains(before, "maximum") && !strings.Contains(before, "faces") &&
			!strings.Contains(before, "supervised") && !strings.Contains(before, "possible") &&
			!strings.Contains(after, "supervis") && !strings.Contains(after, "probation") {
			lifeAt = loc[0]
		}
	}
	for _, m := range reTerm.FindAllStringSubmatchIndex(low, -1) {
		if lifeAt >= 0 && lifeAt < m[0] {
			break
		}
		if reTermBefore.MatchString(low[max(0, m[0]-40):m[0]]) || reTermAfter.MatchString(low[m[1]:]) {
			continue
		}
		tail := low[m[1]:min(len(low), m[1]+12)]
		if strings.Contains(low[m[0]:m[1]], "old") || strings.HasPrefix(strings.TrimSpace(tail), "old") || strings.HasPrefix(tail, " ago") {
			continue
		}
		n := numValue(low[m[2]:m[3]])
		unit := low[m[4]:m[5]]
		mo := n
		if strings.HasPrefix(unit, "year") {
			mo = n * 12
			if strings.Contains(low[m[0]:m[1]], "half") {
				mo += 6
			}
		}
		if m[6] >= 0 {
			mo += numValue(low[m[6]:m[7]])
		}
		if mo <= 0 {
			continue
		}
		return mo, SentencePrison, true
	}
	if lifeAt >= 0 {
		return 0, SentenceLife, true
	}
	if strings.Contains(low, "time served") {
		return 0, SentenceTimeServed, true
	}
	if strings.Contains(low, "probation") {
		return 0, SentenceProbation, true
	}
	return 0, "", false
}
