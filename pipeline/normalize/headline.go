package normalize

import (
	"regexp"
	"strings"
)

// A release's title is its first statement of the news: "ICE arrests
// Guatemalan national convicted of sexual battery", "Florida man sentenced
// to 15 years", "ICE Houston removes foreign fugitive". headline reads what
// it announces, so the body can be read against it: the stage and how many
// people it concerns, or that the release reports no case at all (a
// removal, a death in custody, a statement, a look back at old news).
//
// Titles have a grammar of their own. The first verb after the subject is
// the news ("ICE arrests X"); a participle after that describes the person
// ("X convicted of Y", "X charged with Y"), as does one before a noun
// ("convicted child sex offender", "twice deported felon"). "X leads to /
// results in Y" announces Y. Plural nouns after a number count people
// ("arrests 1,361 criminal aliens", "makes 18 arrests").

// headline is what a release's title announces.
type headline struct {
	stage    string   // event type of the news; "" when the title announces none
	stages   []string // stage and the stages coordinated with it ("arrested, charged")
	kind     string   // a release kind without case news: removal, death, statement, roundup; "" otherwise
	count    int      // people the stage concerns when the title counts them (2 or more); 0 otherwise
	atLeast  bool     // the count is a floor: "more than 350"
	vague    bool     // the count is a word for many: "dozens", "hundreds"
	immSubj  bool     // the subject is described in immigration terms (alien, deported, fugitive, national)
	forCrime bool     // the stage is told with its crime: "arrested for identity theft", "arrests X on federal charges"
	helped   bool     // the agency only helped: "ICE assists police with arrest of ..."
}

// Kinds of release that report no new case event.
const (
	kindRemoval   = "removal"   // ICE removes / deports someone
	kindDeath     = "death"     // a death in custody
	kindStatement = "statement" // a statement, speech, remarks
	kindRoundup   = "roundup"   // a look back over old news ("most viewed articles")
	kindCivil     = "civil"     // a civil suit, settlement, consent decree, or a clemency grant
)

// a stage cue in a title: the verb or noun and the stage it announces
type titleCue struct {
	pos, end int
	stage    string // an event type, or a kind
	noun     bool   // a noun form ("arrest", "conviction", "sentence"): news only after a result phrase or a count
}

// reOffStreets follows "remove" used of arrests: "... from Connecticut
// streets", "... off the streets", "from our communities".
var reOffStreets = regexp.MustCompile(`^\s+(?:[\w'-]+\s+){0,5}?(?:from|off)\s+(?:[\w'’.-]+\s+){0,3}?(?:streets|communities|neighborhoods)\b`)

var (
	reTitleCue = newStartRe(`\b(?:`+
		`(?P<arrest>arrests|arrest|arrested|arresting|apprehends|apprehend|apprehended|apprehension|nabs|nab|nabbed|captures|capture|captured|detains|detained|(?:taken |are |is |in )custody)`+
		`|(?P<charged>charged|charges|charge|indicted|indicts|indictment|indictments|re-indicted)`+
		`|(?P<convicted>pleads guilty|plead guilty|pleaded guilty|pled guilty|pleading guilty|guilty pleas?|convicted|convicts|convict|convictions?|found guilty|guilty verdicts?|jury verdict|admits|admitted|admitting)`+
		`|(?P<sentenced>sentenced|sentences|sentence|sentencing|(?:to|in|back to) (?:federal )?prison|behind bars)`+
		`|(?P<acquitted>acquitted|found not guilty)`+
		`|(?P<removal>removes|removed|remove|deports|deported|deport|repatriates|repatriated|(?:turns?|turned|hands?|handed) over (?:[\w'-]+ ){1,6}?to (?:\w+ )?authorities)`+
		`|(?P<death>passes away|passed away|dies|died|death of|death from|succumbs|succumbed)`+
		`)\b`, titleCueStarts...).wordStarting()
	// words before a participle that make it a description: "twice
	// deported", "previously removed", "4-time removed", "who has been convicted"
	reTitleDescBefore = regexp.MustCompile(`(?:\b(?:previously|twice|once|thrice|formerly|repeatedly|already|ever|never|recently|wrongly)|-times?)\s+$|\b(?:with|who(?:'s| has| had| was| is)?(?: been)?|had been|has been|been)\s+(?:\w+\s+){0,2}$`)
	// words before a noun of criminal history: "with prior convictions", "felony charges"
	reTitleHistoryNoun = regexp.MustCompile(`\b(?:prior|previous|past|earlier|felony|criminal|multiple|several|numerous|pending|outstanding|drug|dui|dwi|\d+|` + numWordAlt + `|with|his|her|their)\s+(?:\w+\s+)?$`)
	// subjects that make the participle after them a verb: "HSI Arizona
	// arrested man", "ICE has arrested"
	reTitleAgentBefore = regexp.MustCompile(`\b(?:ice|hsi|ero|fbi|cbp|dhs|atf|dea|usms|pd|police|agents|officers|partners|authorities|troopers|deputies|marshals|has|have|had),?\s+(?:\w+ly\s+)?$`)
	// words before "arrest", "capture", "charge" that make it a noun: "the
	// arrest of", "after ICE Boston arrest", "Patrol's arrest"
	reTitleNounBefore = regexp.MustCompile(`(?:\b(?:the|an?|his|her|their|its|of|in|after|following|for|during|upon|from|with|by|alien|criminal|illegal|mass|first|latest|recent|multiple|\d+)|'s)\s+$|^$`)
	// words after them that make it a noun: "arrest leads to", "arrest warrant"
	reTitleNounAfter = regexp.MustCompile(`^\s+(?:of|leads?|led|results?|resulting|warrant|detainer|record|rate|totals?)\b|^,`)
	// words after a participle that make it a verb ("arrested in", "sentenced
	// to", "charged with"); anything else (a noun) makes it an adjective
	reTitleVerbAfter = regexp.MustCompile(`^(?:$|[,:;]|\s+(?:by|to|in|on|for|with|of|at|after|as|and|following|during|over|under|near|from|after|before|while|into|\d|\$|a |an |the |twice|again|federally|today|guilty|back|more|nearly|over|up|life|out|under))`)
	// phrases whose object is the news: "investigation leads to 7-year sentence"
	reTitleResult = newStartRe(`\b(?:leads? to|led to|results? in|resulting in|resulted in|lands?|nets?|yields?|secures?|brings?|ends? in|sends?|culminates? in|gets?|receives?|earns?)\b`, "lead", "led to", "result", "land", "net", "yield", "secure", "bring", "end", "send", "culminate", "get", "receive", "earn").wordStarting()
	// a count of people: "1,361 criminal aliens", "more than 350 gang members", "18 arrests"
	reTitleCount = newStartRe(`(?:\b(more than|over|nearly|almost|approximately|about|at least|dozens of|hundreds of)\s+)?\b(\d{1,3}(?:,\d{3})+|\d+|`+numWordAlt+`|dozens|hundreds)\s+(?:(?:[\w'.,-]+\s+){0,4}?(?:aliens|nationals|noncitizens|immigrants|migrants|members|people|persons|individuals|suspects|defendants|men|women|fugitives|offenders|predators|criminals|traffickers|smugglers|workers|employees|arrests|subjects|targets|felons|drivers|killers|others|leaders|co-conspirators|conspirators|dealers)|(?:[\w'-]+\s+)?(?:are |were )?(?:sentenced|charged|indicted|arrested|convicted))\b`, titleCountStarts()...).wordStarting()
	// what a title calls a non-citizen it is about
	reTitleImm = newStartRe(`\b(?:aliens?|illegal|illegally|noncitizens?|deported|removed|reentr\w*|re-entr\w*|fugitives?|nationals?|immigrants?|migrants?|worksite|unlawfully present|illegally present)\b`, "alien", "illegal", "noncitizen", "deported", "removed", "reentr", "re-entr", "fugitive", "national", "immigrant", "migrant", "worksite", "unlawfully present").wordStarting()
	// title openings of releases that report no case
	reTitleStatement = regexp.MustCompile(`^(?:statement|remarks|readout|testimony|op-ed|fact sheet|joint statement)\b|\breleases? (?:new )?(?:photos|images|video|information)\b|\b(?:statement (?:from|by|on)|remarks (?:by|at|to)|delivers (?:remarks|keynote|speech)|speaks (?:at|to|before|on)|testifies|most viewed|year in review|top stories)\b|\b(?:calls? on|urgently calls?|urges?) (?:[\w.'-]+ ){1,6}?to (?:not |stop |end |honou?r |cooperate|release|comply)`)
)

// titleCueStarts are the literals every reTitleCue match begins with.
var titleCueStarts = []string{"arrest", "apprehen", "nab", "captur", "detain", "taken ", "are ", "is ", "in ",
	"charg", "indict", "re-indicted", "plead", "pled ", "guilty", "convict", "found ", "jury ", "admit",
	"sentenc", "to ", "back to", "behind", "acquitted", "remov", "deport", "repatriat", "turn", "hand", "pass", "dies", "died", "death", "succumb"}

// titleCountStarts are the literals every reTitleCount match begins with:
// a qualifier, a digit or a number word.
func titleCountStarts() []string {
	lits := []string{"more than", "over", "nearly", "almost", "approximately", "about", "at least", "dozens", "hundreds"}
	for c := '0'; c <= '9'; c++ {
		lits = append(lits, string(c))
	}
	return append(lits, strings.Split(numWordAlt, "|")...)
}

// titleStage names the cue groups of reTitleCue in order.
var titleStage = []string{"", Arrest, Charged, Convicted, Sentenced, Acquitted, kindRemoval, kindDeath}

// readHeadline reads a release title.
func readHeadline(title string) headline {
	low := strings.ReplaceAll(lowerASCII(title), "’", "'")
	var h headline
	if titleKindKeys.in(low) && reTitleStatement.MatchString(low) {
		h.kind = kindStatement
		if strings.Contains(low, "most viewed") || strings.Contains(low, "year in review") || strings.Contains(low, "top stories") {
			h.kind = kindRoundup
		}
		return h
	}
	if !titleCivilKeys.in(low) {
		// neither clemency nor a civil matter: skip both patterns
	} else if reTitleClemency.MatchString(low) {
		h.kind = kindCivil // "President commutes sentences of ...": old convictions, no new stage
		return h
	}
	if titleCivilKeys.in(low) && reTitleCivil.MatchString(low) && !reTitleCriminal.MatchString(low) {
		h.kind = kindCivil // "Justice Department settles lawsuit ...", "President commutes sentences"
		return h
	}
	if !strings.Contains(low, "extradit") {
		// no extradition
	} else if m := reTitleExtraditedTo.FindStringSubmatch(low); m != nil && !reTitleToUS.MatchString(m[1]) {
		h.kind = kindRemoval // "Bosnian national extradited to stand trial", "... extradited to Peru"
		return h
	}
	var cues []titleCue
	for _, m := range reTitleCue.FindAllStringSubmatchIndex(low, -1) {
		for g := 1; g < len(titleStage); g++ {
			if m[2*g] < 0 {
				continue
			}
			w := low[m[0]:m[1]]
			c := titleCue{pos: m[0], end: m[1], stage: titleStage[g]}
			switch w {
			case "arrest", "charge", "charges", "indictment", "indictments", "conviction", "convictions", "sentence", "sentences", "sentencing", "capture", "guilty plea", "guilty pleas", "guilty verdict", "guilty verdicts", "jury verdict":
				c.noun = true
			}
			switch w {
			case "arrests":
				c.noun = !titleVerbAt(low, m[0]) // "makes 18 arrests", "child predator arrests"
			case "arrest", "capture", "charge":
				// "ICE, ATF capture fugitive", "ICE and state of Florida
				// arrest 230 ..." against "after ICE Boston arrest"
				c.noun = reTitleNounBefore.MatchString(low[:m[0]]) || reTitleNounAfter.MatchString(low[m[1]:]) || reTitleEvade.MatchString(low[:m[0]])
			case "charges":
				if titleVerbAt(low, m[0]) && reTitleAgentBefore.MatchString(low[:m[0]]) {
					c.noun = false // "ICE charges 5 men"
				}
			case "removes", "remove", "removed":
				if reOffStreets.MatchString(low[m[1]:]) {
					c.stage = Arrest // "remove dangerous illegal aliens from Connecticut streets": an arrest, not a removal
				}
			case "plead guilty":
				if reTitleAgreeTo.MatchString(low[:m[0]]) {
					c.stage = Charged // "Four Executives Agree to Plead Guilty": charged with a plea agreement, no plea yet
				}
			case "guilty plea", "guilty pleas":
				if strings.HasSuffix(strings.TrimSpace(low[:m[0]]), "enters") || strings.HasSuffix(strings.TrimSpace(low[:m[0]]), "entered") || strings.HasSuffix(low[:m[0]], " a ") {
					c.noun = false // "enters guilty plea"
				}
			}
			cues = append(cues, c)
			break
		}
	}
	// a result phrase announces what follows it
	main := -1
	if loc := reTitleResult.FindStringIndex(low); loc != nil {
		for i, c := range cues {
			if c.pos >= loc[1] && !titleDescription(low, c) {
				main = i
				break
			}
		}
	}
	if main < 0 {
		for i, c := range cues {
			if titleDescription(low, c) {
				continue
			}
			if c.noun && !countedNoun(low, c) {
				continue
			}
			main = i
			break
		}
	}
	if main < 0 {
		return h
	}
	mc := cues[main]
	switch mc.stage {
	case kindRemoval, kindDeath:
		h.kind = mc.stage
		return h
	}
	h.stage = mc.stage
	h.stages = []string{mc.stage}
	// stages coordinated with the main one: "arrested, charged",
	// "pleads guilty and is sentenced"
	prev := mc
	for _, c := range cues[main+1:] {
		gap := low[prev.end:c.pos]
		if !reTitleCoord.MatchString(gap) || c.stage == kindRemoval || c.stage == kindDeath {
			break
		}
		h.stages = appendUnique(h.stages, c.stage)
		prev = c
	}
	if strings.ContainsAny(low, "0123456789") || reTitleNumberWord.MatchString(low) {
		h.count, h.atLeast = titleCount(low, mc)
		h.vague = h.count > 0 && vagueCount(low)
	}
	h.immSubj = reTitleImm.MatchString(low)
	h.forCrime = titleForCrime(low[mc.pos:])
	h.helped = reTitleHelped.MatchString(low[:mc.pos])
	return h
}

// reTitleTerm is a prison term right before "sentence": "7-year", "188-month prison", "life".
var reTitleTerm = regexp.MustCompile(`\d+(?:\.\d+)?[- ](?:year|month)s?(?:[- ]\w+)?$|\blife$|\bprison$`)

// reTitleForCrime is a stage told with its crime, right after the verb and
// its object: "arrested for aggravated identity theft", "arrests man on
// federal charges", "arrests alien for assaulting an officer".
var reTitleForCrime = regexp.MustCompile(`^\S+\s+((?:[\w'-]+,?\s+){0,8}?)(?:for|on)\s+(?:\w+\s+)?(?:charges?|allegedly|alleged|assault\w*|attempt\w*|\w+ing|\w+ theft|fraud|murder|homicide|illegal reentry|reentry|drug|fentanyl|child|sex|violations? of|conspiracy|smuggling|trafficking)\b`)

// reTitleHelped is an agency that only helped with the stage that follows.
var reTitleHelped = regexp.MustCompile(`\b(?:assists?|assisted|helps?|helped|aids?|aided|supports?|supported)\b`)

// titleForCrime reports a title that tells its stage with the crime (see
// reTitleForCrime); words that describe the person's past in between
// ("previously arrested for") make it a description instead.
func titleForCrime(fromCue string) bool {
	if reTitleSting.MatchString(fromCue) {
		return true // "nabs 255 in human trafficking sting": a criminal operation's arrests
	}
	if reTitleFederalCharge.MatchString(fromCue) {
		return true // "arrests 11 illegal aliens charged with document fraud and false claims": a federal case, not a record
	}
	m := reTitleForCrime.FindStringSubmatch(fromCue)
	if m == nil {
		return false
	}
	if reTitleOnCharges.MatchString(fromCue) {
		return true // "arrest previously convicted Kenyan national on gun charges": the arrest's own charges
	}
	for _, w := range strings.Fields(m[1]) {
		switch strings.Trim(w, ",") {
		case "previously", "charged", "convicted", "wanted", "accused", "with", "who", "sentenced":
			return false
		}
	}
	return true
}

// reTitleFederalCharge is a charge only federal courts hear, told of the
// people a title says were arrested: a pending state charge ("charged with
// raping") stays their record.
var reTitleFederalCharge = regexp.MustCompile(`\bcharged (?:federally )?with (?:[\w-]+ ){0,3}?(?:document fraud|false claims?|identity theft|illegal re-?entry|re-?entry|smuggling|visa fraud|passport fraud|marriage fraud|benefits? fraud|harboring|federal)`)

// reTitleEvade is an arrest escaped or resisted, not made.
var reTitleEvade = regexp.MustCompile(`\b(?:evade|evading|evaded|resist|resisting|resisted|avoid|avoiding|escape|escaping|flee|fleeing)\s+(?:\w+\s+)?$`)

// reTitleStatusNoun is a noun of a person's status right before a participle.
var reTitleStatusNoun = regexp.MustCompile(`\b(?:aliens?|nationals?|noncitizens?|offenders?|predators?|felons?|fugitives?)\s+$`)

// reTitleCountedStatus is a counted subject: "2 Cuban nationals", "4 Mexican nationals".
var reTitleCountedStatus = regexp.MustCompile(`(?:\b\d+|\b(?:` + numWordAlt + `))\s+(?:[\w-]+\s+){0,3}(?:aliens?|nationals?|noncitizens?|offenders?|predators?|felons?|fugitives?)\s+$`)

// reTitleAgencySubject is an agency or programme opening the title as its subject.
var reTitleAgencySubject = regexp.MustCompile(`^(?:\S+\s+){0,2}?(?:ice|hsi|ero|dhs|287\(g\)|partnership|program|operation)\b`)

// reTitlePriorArrest describes a person's arrest record.
var reTitlePriorArrest = regexp.MustCompile(`\b(?:prior|previous|past|earlier|multiple prior)\s+$`)

// reTitleFacing makes "charges" news: "faces new charges", "to face federal charges".
var reTitleFacing = regexp.MustCompile(`\b(?:fac\w*|to face|new|federal|criminal)\s+(?:[\w-]+\s+){0,3}$`)

// reTitleNumberEnd is a count right before a noun: "2 sentences".
var reTitleNumberEnd = regexp.MustCompile(`(?:\b\d+|\b(?:` + numWordAlt + `|multiple|several))$`)

// reTitleOnCharges is an arrest "on (gun|federal|...) charges".
var reTitleOnCharges = regexp.MustCompile(`^\S+\s+(?:[\w'-]+,?\s+){0,8}?on\s+(?:[\w-]+\s+){0,2}charges\b`)

// reTitleSting is a criminal operation the arrests were made in.
var reTitleSting = regexp.MustCompile(`^\S+\s+(?:[\w'-]+,?\s+){0,6}?in (?:an? |the )?(?:[\w-]+ ){0,3}(?:sting|undercover operation|trafficking operation|trafficking investigation|exploitation operation|predator operation)\b`)

// reTitleAgreeTo is an agreement to plead, before "plead guilty".
var reTitleAgreeTo = regexp.MustCompile(`\bagree(?:s|d)? to $`)

// reTitleBareCount is a bare count after the verb: "arrest 8 in", "charge
// 5 for", or ending the title: "... at local shipyard, detains 25".
var reTitleBareCount = regexp.MustCompile(`^\s+(\d{1,3}(?:,\d{3})*|` + numWordAlt + `)(?:\s+(?:in|on|for|after|during|at|from|with|as|following)\b|\s*$)`)

// literal gates of the title patterns: one occurs wherever the pattern can match
var (
	titleKindKeys  = newKeySet("statement", "remarks", "readout", "testimony", "op-ed", "fact sheet", "most viewed", "year in review", "top stories", "delivers", "speaks", "testifies", "release", "call", "urge")
	titleCivilKeys = newKeySet("settle", "consent", "agreement", "lawsuit", "sue", "suing", "suit", "civil", "agree", "resolve", "injunction", "enjoin", "commut", "pardon", "clemency", "forfeiture")
)

// reTitleCivil is a title about a civil matter or clemency; with no
// criminal wording beside it the release reports no criminal stage (a civil
// complaint or lawsuit is no charge, a commutation no new sentence).
var (
	reTitleClemency = regexp.MustCompile(`\b(?:commutes?|commuted|commutations?|pardons?|pardoned|clemency)\b`)
	reTitleCivil    = regexp.MustCompile(`\b(?:settles?|settled|settlement|consent decree|consent order|(?:reaches|enters|signs) (?:an? )?agreement|agreement with|lawsuits?|sues|sued|suing|files suit|civil (?:complaint|suit|action|penalt\w+|rights (?:lawsuit|suit|complaint|investigation))|agrees? to pay|to resolve|resolves? (?:allegations|claims)|injunction|enjoin\w*|commutes?|commutations?|pardons?|clemency|forfeiture (?:complaint|action))\b`)
	reTitleCriminal = regexp.MustCompile(`\b(?:indict\w*|plead\w*|pled|sentenc\w*|convict\w*|charged|charges|arrest\w*|guilty|criminal|prison|jail)\b`)
)

// reTitleExtraditedTo is an extradition out of the United States:
// "extradited to Peru", "extradited to stand trial" (abroad); one to the
// United States ("extradited to the US to face charges") is a case here.
var (
	reTitleExtraditedTo = regexp.MustCompile(`\b(?:extradited|extradites|extradition) to (\S+(?: \S+)?)`)
	reTitleToUS         = regexp.MustCompile(`^(?:the u\.?s|the united states|u\.?s\b|us\b|america|face)`)
)

// reTitleNumberWord is a count written in words: the gate of titleCount.
var reTitleNumberWord = newStartRe(`\b(?:`+numWordAlt+`|dozens|hundreds)\b`, append(strings.Split(numWordAlt, "|"), "dozens", "hundreds")...).wordStarting()

// reTitleCoord joins two stage verbs of one subject.
var reTitleCoord = regexp.MustCompile(`^(?:,\s*|\s+and\s+|,\s+and\s+)(?:(?:is|are|was|were|later|then|now|also)\s+)?$`)

// titleVerbAt reports whether the word at p is used as a verb: the title
// opens with a subject and p follows it ("ICE arrests", "ICE Houston
// arrests", "ICE, partners arrest"), not a number or adjective ("18 arrests",
// "child predator arrests").
func titleVerbAt(low string, p int) bool {
	before := strings.TrimSpace(low[:p])
	if before == "" {
		return false
	}
	f := strings.Fields(before)
	last := f[len(f)-1]
	if last[0] >= '0' && last[0] <= '9' || numWords[last] > 0 {
		return false
	}
	switch last {
	case "more", "multiple", "several", "numerous", "the", "of", "in", "for", "and", "to", "alien", "predator", "gang", "illegal", "mass", "dozens", "hundreds", "record", "enforcement", "worksite", "operation":
		return false
	}
	return true
}

// titleDescription reports a cue that describes the person rather than
// announcing news: a participle before a noun ("convicted child sex
// offender") or after "previously", "twice", "who has been"; a noun of
// criminal history ("with prior convictions", "felony charges").
func titleDescription(low string, c titleCue) bool {
	before := low[max(0, c.pos-40):c.pos]
	if c.noun {
		if c.stage == Arrest {
			// "18 arrests" counts; "prior arrests" describes; "evade arrest" is no arrest
			return reTitlePriorArrest.MatchString(before) || reTitleEvade.MatchString(before)
		}
		if c.stage == Charged && reTitleFacing.MatchString(before) {
			return false // "faces federal drug trafficking charges"
		}
		return reTitleHistoryNoun.MatchString(before) && !strings.HasPrefix(low[c.end:], " of")
	}
	if reTitleDescBefore.MatchString(before) {
		return true
	}
	w := low[c.pos:c.end]
	if strings.HasSuffix(w, "ed") && reTitleStatusNoun.MatchString(before) && reTitleAgencySubject.MatchString(low[:c.pos]) &&
		!reTitleResult.MatchString(low[:c.pos]) && !reTitleCountedStatus.MatchString(before) {
		// "287(g) partnership between ICE and MA DOC keeps criminal alien
		// convicted of drug trafficking off the streets": with an agency or
		// programme as the subject, a participle after the person's status
		// describes them
		return true
	}
	if strings.HasSuffix(w, "ed") && !strings.HasPrefix(w, "pleaded") && !strings.HasPrefix(w, "found") && !reTitleAgentBefore.MatchString(before) {
		if !reTitleVerbAfter.MatchString(low[c.end:]) {
			return true // "convicted felon", "deported criminal alien"
		}
	}
	return false
}

// countedNoun reports a noun cue that still announces news: a counted one
// ("18 arrests", "a 7-year sentence", "188 months in prison").
func countedNoun(low string, c titleCue) bool {
	before := strings.TrimSpace(low[max(0, c.pos-30):c.pos])
	if strings.HasPrefix(low[c.end:], " of ") || strings.HasPrefix(low[c.end:], " filed") || strings.HasPrefix(low[c.end:], " against") {
		return true // "arrest of MS-13 member", "sentencing of a South Texas man", "charges filed against"
	}
	switch c.stage {
	case Charged:
		return reTitleFacing.MatchString(before + " ")
	case Arrest:
		f := strings.Fields(before)
		for i := len(f) - 1; i >= 0 && i >= len(f)-4; i-- {
			if f[i][0] >= '0' && f[i][0] <= '9' || numWords[f[i]] > 0 {
				return true
			}
		}
	case Sentenced:
		return reTitleTerm.MatchString(before) || reTitleNumberEnd.MatchString(before) // "7-year sentence", "2 sentences"
	}
	return false
}

// titleCount returns how many people the main cue concerns when the title
// counts them: the count that is the cue's subject right before it ("21
// illegal aliens arrested", "12 men sentenced"), its object right after it
// ("arrests 1,361 criminal aliens", "leads to the arrest of 16 illegal
// aliens"), or the cue itself counted ("makes 18 arrests"). A number
// further off counts something else ("pleads guilty to smuggling 36 aliens").
func titleCount(low string, mc titleCue) (int, bool) {
	if m := reTitleBareCount.FindStringSubmatch(low[mc.end:]); m != nil {
		if n := parseCount(m[1]); n >= 2 {
			return n, false // "arrest 12 in $4M fraud scheme"
		}
	}
	for _, m := range reTitleCount.FindAllStringSubmatchIndex(low, -1) {
		numTxt := low[m[4]:m[5]]
		// not a count of people: "$3M", "7-year", a year
		if m[4] > 0 && (low[m[4]-1] == '$' || low[m[4]-1] == '-') {
			continue
		}
		if m[5] < len(low) && (low[m[5]] == '-' || low[m[5]] == '%') {
			continue
		}
		if len(numTxt) == 4 && (numTxt[:2] == "19" || numTxt[:2] == "20") {
			continue
		}
		start := m[0]
		switch {
		case m[1] >= mc.end && start <= mc.pos: // the cue is the counted noun or inside the phrase
		case start >= mc.end && reTitleObjectGap.MatchString(low[mc.end:start]):
		case m[1] <= mc.pos && reTitleSubjectGap.MatchString(low[m[1]:mc.pos]):
		case start == 0 && m[1] <= mc.pos && !strings.ContainsAny(low[m[1]:mc.pos], ",:;"):
			// the title opens with its counted subject: "53 members of the
			// criminal organization known as Las Farc charged"
		default:
			continue
		}
		n := 0
		switch numTxt {
		case "dozens":
			n = 24
		case "hundreds":
			n = 200
		default:
			n = parseCount(numTxt)
		}
		if n >= 2 {
			return n, m[2] >= 0 || numTxt == "dozens" || numTxt == "hundreds"
		}
	}
	return 0, false
}

// vagueCount reports a title count written as "dozens" or "hundreds".
func vagueCount(low string) bool {
	return strings.Contains(low, "dozens") || strings.Contains(low, "hundreds")
}

// reTitleObjectGap may stand between a stage cue and the count of its
// object: "arrests 1,361", "leads to the arrest of 16", "arrest nearly 1,500".
var reTitleObjectGap = regexp.MustCompile(`^\s+(?:(?:of|the|a|an|another|at least|an estimated)\s+)*$`)

// reTitleSubjectGap may stand between the counted subject and its stage
// cue: "21 illegal aliens arrested", "12 men are sentenced".
var reTitleSubjectGap = regexp.MustCompile(`^\s*(?:(?:are|were|have been|has been|all|each|now|also)\s+)*$`)

// Title is what a release title announces, as extraction reads it: the
// review sheet and the headline check compare the events with it.
type Title struct {
	// Stages are the event types announced as news ("ICE arrests …" →
	// arrest; "… pleads guilty, is sentenced" → convicted, sentenced), none
	// for a title that announces no case event; Stages[0] is the main one.
	Stages []string
	// Kind names a release that reports no case: "removal", "death",
	// "statement", "roundup", "civil"; "" otherwise.
	Kind string
	// Count is how many people the main stage concerns when the title counts
	// them (2 or more), AtLeast when that is a floor ("more than 350").
	Count   int
	AtLeast bool
	// Immigration: the subject is described in immigration terms (alien,
	// deported, fugitive, national).
	Immigration bool
}

// ReadTitle reads a release title as extraction does.
func ReadTitle(title string) Title {
	h := readHeadline(title)
	// readHeadline asks about the subject only of a stage; the title's
	// wording is asked here whatever it announces
	imm := reTitleImm.MatchString(strings.ReplaceAll(lowerASCII(title), "’", "'"))
	return Title{Stages: h.stages, Kind: h.kind, Count: h.count, AtLeast: h.atLeast, Immigration: imm}
}

// HeadlineStages returns ReadTitle(title).Stages.
func HeadlineStages(title string) []string {
	return readHeadline(title).stages
}
