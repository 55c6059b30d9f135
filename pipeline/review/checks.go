package review

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"casetrack/pipeline/normalize"
)

// docContext is what the checks of one document share, computed once.
type docContext struct {
	d            *Document
	title        string // lower case
	paragraphs   []paragraph
	immigration  bool   // an immigration-enforcement release: an arrest or no stage, of someone described in immigration terms
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
	// the title as extraction reads it: one title reader for both
	t := normalize.ReadTitle(d.Title)
	if len(t.Stages) > 0 {
		c.headline = t.Stages[0]
	}
	c.removal = t.Kind == "removal"
	c.count = headCount{n: t.Count, atLeast: t.AtLeast}
	c.immigration = t.Immigration && (c.headline == "" || c.headline == normalize.Arrest)
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
		return Reason{GroupCountVsHeadline, fmt.Sprintf("group of %d, headline counts %s: %s", n, countText(h), c.d.Title)}, true
	}
	if e.Type != "arrest" || c.unnamed["arrest"] > 0 || c.headline != "arrest" || c.named["arrest"] >= h.n {
		return Reason{}, false
	}
	return Reason{GroupCountVsHeadline, fmt.Sprintf("headline counts %s but the release's events name %d arrest(s) and no group: %s", countText(h), c.named["arrest"], c.d.Title)}, true
}

func countText(h headCount) string {
	if h.atLeast {
		return "at least " + strconv.Itoa(h.n)
	}
	return strconv.Itoa(h.n)
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

// headCount is the number of people a headline announces.
type headCount struct {
	n       int
	atLeast bool // "more than 350", "over 20"
}
