package review

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// docContext is what the checks of one document share, computed once.
type docContext struct {
	d            *Document
	title        string // lower case
	paragraphs   []paragraph
	immigration  bool   // an immigration-enforcement release (see reImmigrationHeadline)
	headline     string // the stage the headline states, "" for none
	removal      bool   // the headline reports a removal or deportation
	count        headCount
	types        map[string]bool // event types present in the document
	unnamed      map[string]int  // unnamed events' person counts by type
	named        map[string]int  // named events by type
	agencyNamer  func(string) []string
	mainAgencies map[string]bool // agencies named outside boilerplate paragraphs (lazily)
}

type paragraph struct {
	text        string
	boilerplate bool
}

func newDocContext(d *Document, agencies func(string) []string) *docContext {
	c := &docContext{d: d, title: lower(d.Title), types: map[string]bool{}, unnamed: map[string]int{},
		named: map[string]int{}, agencyNamer: agencies}
	for _, p := range strings.Split(d.Body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			c.paragraphs = append(c.paragraphs, paragraph{text: p, boilerplate: reBoilerplate.MatchString(p)})
		}
	}
	for _, e := range d.Events {
		c.types[e.Type] = true
		if e.Defendant == "" {
			c.unnamed[e.Type] += max(e.PersonCount, 1)
		} else {
			c.named[e.Type]++
		}
	}
	c.headline = headlineStage(c.title)
	c.removal = reRemovalHeadline.MatchString(c.title) && c.headline != "arrest"
	c.count = headlineCount(d.Title)
	c.immigration = reImmigrationHeadline.MatchString(c.title) && (c.headline == "" || c.headline == "arrest")
	return c
}

// eventCheck tests one event; ok says whether it fired.
type eventCheck func(c *docContext, e *Event) (r Reason, ok bool)

var eventChecks = []eventCheck{
	checkNotAPerson,
	checkAlias,
	checkChildInImmigration,
	checkHistory,
	checkGroupCount,
	checkHeadlineStage,
	checkBoilerplateAgency,
	checkConvictionWithoutCharge,
}

// checkNotAPerson: a defendant that does not look like a person's or an
// organisation's name ("Hudson Valley", "Nationality Act").
func checkNotAPerson(c *docContext, e *Event) (Reason, bool) {
	if e.Defendant == "" {
		return Reason{}, false
	}
	if why := notAName(e.Defendant, c.d.Body); why != "" {
		return Reason{NotAPerson, fmt.Sprintf("%q %s", e.Defendant, why)}, true
	}
	return Reason{}, false
}

// checkAlias: a defendant the release names only as someone's alias.
func checkAlias(c *docContext, e *Event) (Reason, bool) {
	if e.Defendant == "" || !onlyAsAlias(e.Defendant, c.d.Body) {
		return Reason{}, false
	}
	return Reason{AliasAsDefendant, fmt.Sprintf("%q is printed only after aka or alias", e.Defendant)}, true
}

// checkChildInImmigration: a child-exploitation category on an event of an
// immigration-enforcement release, where the child offence is usually an
// old conviction (taxonomy rule 2: such an arrest is immigration_violation).
func checkChildInImmigration(c *docContext, e *Event) (Reason, bool) {
	if !c.immigration || !InSet("child_exploitation", e.Categories) {
		return Reason{}, false
	}
	return Reason{ChildInImmigration, "headline: " + c.d.Title}, true
}

// Words that tell history in an evidence sentence: prior outcomes, and
// state or foreign courts (whose convictions are not the federal ones
// counted here).
var reHistory = regexp.MustCompile(`(?i)\b(?:previously (?:been )?(?:convicted|deported|removed|arrested|charged|sentenced)|prior (?:conviction|arrest|removal|deportation)s?|criminal history|in absentia|had been (?:convicted|arrested|charged|sentenced|deported|removed)|was (?:removed|deported) (?:from|to)|dating back|years? later|(?:state|county|superior|circuit|municipal|magistrate|judicial district) court|state of [A-Z][a-z]+ charged|[A-Z][a-z]+(?:an|ian|ese) court)\b`)

// reYear finds four-digit years.
var reYear = regexp.MustCompile(`\b(?:19[5-9]\d|20[0-4]\d)\b`)

// stageOrder ranks the court stages; an earlier stage told in a release
// about a later one (a plea in a sentencing release) is expected.
var stageOrder = map[string]int{"arrest": 1, "charged": 2, "convicted": 3, "sentenced": 4, "acquitted": 4, "dismissed": 4}

// checkHistory: a charge, conviction or sentence read from a sentence that
// also tells history (a prior outcome, a state or foreign court), or an
// event that the headline's stage does not explain dated or told with a
// year well before the release. Arrests are left to the other checks:
// immigration arrests are told with the person's history by design.
func checkHistory(c *docContext, e *Event) (Reason, bool) {
	if e.Type == "arrest" {
		return Reason{}, false
	}
	if m := reHistory.FindString(e.Evidence); m != "" {
		return Reason{HistorySentence, fmt.Sprintf("evidence says %q", m)}, true
	}
	if c.d.Published.IsZero() || stageOrder[e.Type] < stageOrder[c.headline] {
		return Reason{}, false
	}
	pub := c.d.Published.Year()
	if !e.Date.IsZero() && e.Date.Year() < pub-1 {
		return Reason{HistorySentence, fmt.Sprintf("dated %s, release published %s", e.Date.Format("2006-01-02"), c.d.Published.Format("2006-01-02"))}, true
	}
	for _, y := range reYear.FindAllString(e.Evidence, -1) {
		if n, _ := strconv.Atoi(y); n < pub-1 {
			return Reason{HistorySentence, fmt.Sprintf("evidence names %s, release published %d", y, pub)}, true
		}
	}
	return Reason{}, false
}

// checkGroupCount: an unnamed group whose count differs from the total the
// headline announces, or named arrests in a release whose headline
// announces more arrests than it names and has no group event (the names
// are examples from a sweep).
func checkGroupCount(c *docContext, e *Event) (Reason, bool) {
	h := c.count
	if h.n < 2 {
		return Reason{}, false
	}
	if e.Defendant == "" {
		n := e.PersonCount
		if n == h.n || (h.atLeast && n >= h.n) {
			return Reason{}, false
		}
		return Reason{GroupCountVsHeadline, fmt.Sprintf("group of %d, headline says %q", n, h.text)}, true
	}
	if e.Type != "arrest" || c.unnamed["arrest"] > 0 || c.headline != "arrest" || c.named["arrest"] >= h.n {
		return Reason{}, false
	}
	return Reason{GroupCountVsHeadline, fmt.Sprintf("headline says %q but the release's events name %d arrest(s) and no group", h.text, c.named["arrest"])}, true
}

// checkHeadlineStage: the headline states a stage that no event of the
// release has, or reports a removal (no stage at all), so the events read
// are likely background.
func checkHeadlineStage(c *docContext, e *Event) (Reason, bool) {
	if c.removal {
		return Reason{HeadlineStageMissing, "headline reports a removal, not an arrest or a court stage: " + c.d.Title}, true
	}
	if s := c.headline; s != "" && !c.types[s] {
		return Reason{HeadlineStageMissing, fmt.Sprintf("headline says %s but no %s event was read: %s", s, s, c.d.Title)}, true
	}
	return Reason{}, false
}

// checkBoilerplateAgency: an agency credited to the event that the release
// names only in boilerplate paragraphs (tip lines, "learn more about",
// mission statements).
func checkBoilerplateAgency(c *docContext, e *Event) (Reason, bool) {
	if c.agencyNamer == nil || len(e.Agencies) == 0 {
		return Reason{}, false
	}
	if c.mainAgencies == nil {
		c.mainAgencies = map[string]bool{}
		for _, p := range c.paragraphs {
			if !p.boilerplate {
				for _, a := range c.agencyNamer(p.text) {
					c.mainAgencies[a] = true
				}
			}
		}
		for _, a := range c.agencyNamer(c.d.Title) {
			c.mainAgencies[a] = true
		}
	}
	var only []string
	for _, a := range e.Agencies {
		// ICE named in the text and resolved to the unit the release names
		// (even in boilerplate) is how normalize credits HSI and ERO.
		ice := a == "ICE" || a == "HSI" || a == "ICE_ERO"
		if !c.mainAgencies[a] && !(ice && (c.mainAgencies["ICE"] || c.mainAgencies["HSI"] || c.mainAgencies["ICE_ERO"])) {
			only = append(only, a)
		}
	}
	if len(only) == 0 {
		return Reason{}, false
	}
	return Reason{AgencyFromBoilerplate, strings.Join(only, ", ") + " named only in boilerplate or not at all"}, true
}

// checkConvictionWithoutCharge: a conviction or sentence whose case has no
// arrest or charge anywhere in the data, in a release whose headline does
// not announce a conviction or a sentence: most likely the person's record
// told as background.
func checkConvictionWithoutCharge(c *docContext, e *Event) (Reason, bool) {
	if (e.Type != "convicted" && e.Type != "sentenced") || e.CaseCharged {
		return Reason{}, false
	}
	if stageOrder[c.headline] >= stageOrder["convicted"] {
		return Reason{}, false
	}
	return Reason{ConvictionWithoutCharge, "no arrest or charge in its case, and the headline announces no conviction or sentence"}, true
}

// Boilerplate paragraphs: tip lines, social media, mission statements,
// program descriptions, the presumption of innocence.
var reBoilerplate = regexp.MustCompile(`(?i)report (?:crimes?|suspicious|tips?|information)|tip (?:line|form)|866-|1-800-|learn more|follow (?:us|hsi|ice)|on x\b|@\w+|official notifications to congress|committed to ensuring|is a national|nationwide initiative|is part of (?:operation|project)|project safe childhood|presumed innocent|merely an? (?:allegation|accusation)|area of responsibility|read more|for more (?:news|information)|is the principal investigative|principal investigative (?:arm|component)|know2protect|detainee death|national center for missing|launched in (?:may )?2006`)

// Stage words in headlines, each with the event type it states.
var headlineStageWords = []struct {
	re    *regexp.Regexp
	stage string
}{
	{regexp.MustCompile(`\bsentenced\b|\bsentences?\b|\bsentencing\b|\bto prison\b|\b(?:years?|months|life) in (?:federal )?prison\b`), "sentenced"},
	{regexp.MustCompile(`\bpleads? guilty\b|\bpleaded guilty\b|\bfound guilty\b|\bconvicted\b|\bconviction\b|\bjury convicts\b`), "convicted"},
	{regexp.MustCompile(`\bindicted\b|\bindictment\b|\bcharged\b|\bcharges\b|\bcharging\b`), "charged"},
	{regexp.MustCompile(`\barrests?\b|\barrested\b|\bapprehends?\b|\bapprehended\b|\bnabs?\b|\bcaptures?\b|\bcaptured\b|\btaken into custody\b`), "arrest"},
}

// headlineStage returns the stage a (lower-case) headline states: its
// first stage word, which is what the release announces; in an arrest
// headline, a later "charged with" or "convicted of" describes the person.
func headlineStage(title string) string {
	first, firstAt := "", len(title)+1
	for _, w := range headlineStageWords {
		for _, loc := range w.re.FindAllStringIndex(title, -1) {
			if loc[0] < firstAt && !(w.stage == "convicted" && describesPerson(title[:loc[0]], title[loc[0]:])) {
				first, firstAt = w.stage, loc[0]
			}
		}
	}
	return first
}

// describesPerson: "convicted" tells who the person is, not what happened:
// it follows a word for the person ("criminal alien convicted of") or
// stands before a noun ("convicted child sex offender").
func describesPerson(before, after string) bool {
	f := strings.Fields(before)
	if len(f) > 0 && personNouns[strings.Trim(f[len(f)-1], ",")] {
		return true
	}
	next := strings.Fields(strings.TrimPrefix(after, "convicted"))
	return strings.HasPrefix(after, "convicted") && len(next) > 0 && !verbFollowers[strings.Trim(next[0], ",:")]
}

var personNouns = wordSet(`alien aliens national nationals noncitizen noncitizens immigrant immigrants offender offenders
	predator predators fugitive fugitives felon felons citizen citizens`)

// Words after "convicted" used as a verb.
var verbFollowers = wordSet(`of by in for on at after following and`)

var reRemovalHeadline = regexp.MustCompile(`\bremoves\b|\bremoved (?:to|from)\b|\bdeports\b|\bdeported (?:to|from)\b|\brepatriates\b|\bturns over\b|\bextradites\b`)

// reImmigrationHeadline marks an immigration-enforcement release when the
// headline's stage is an arrest or none: the arrest or removal of a
// noncitizen, not a prosecution.
var reImmigrationHeadline = regexp.MustCompile(`\baliens?\b|\bnoncitizens?\b|\bero\b|\bremoves?\b|\bdeports?\b|\bnational\b|\bimmigra`)

// headCount is the number of people a headline announces.
type headCount struct {
	n       int
	atLeast bool // "more than 350", "over 20"
	text    string
}

var reHeadCount = regexp.MustCompile(`(?i)\b(more than |over |nearly |about |approximately |at least )?(\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?)\s+(?:(?:[a-z-]+)\s+){0,3}?(?:people|persons|individuals|men|women|aliens|illegal aliens|criminal aliens|noncitizens|defendants|suspects|members|gang members|fugitives|offenders|predators|nationals|workers|arrests)\b`)

var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24}

func headlineCount(title string) headCount {
	m := reHeadCount.FindStringSubmatch(title)
	if m == nil {
		return headCount{}
	}
	num := strings.ToLower(m[2])
	n, ok := numberWords[num]
	if !ok {
		n, _ = strconv.Atoi(strings.ReplaceAll(num, ",", ""))
	}
	return headCount{n: n, atLeast: m[1] != "" || num == "dozens", text: strings.TrimSpace(m[0])}
}
