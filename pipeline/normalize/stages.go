package normalize

import (
	"regexp"
	"strings"
)

// A stage hit is one verb phrase in a clause that reports an event type.
type stageHit struct {
	typ      string
	pos, end int    // offsets in the clause
	plea     string // plea / verdict for convicted
	charging bool   // "charging X": only names after it are charged
	desc     bool   // a bare participle after a noun ("a man convicted of"): news only in a release about that conviction
	record   bool   // a participle that makes a noun of the person's record ("convicted child molester"): never news
}

var stageGate = []string{"arrest", "captur", "custody", "apprehend", "surrender", "charg", "indict", "complaint", "guilty",
	"convict", "sentenc", "acquit", "dismiss", "verdict", "plea", "trial", "unseal", "initial appearance", "initial court appearance", "to serve", "landed ", "lands ", "were detained"}

var (
	reArrest = newStartRe(`\bunsealed (?:upon|following|after) (?:his|her|their) arrest\b|\bcapture (?:and (?:return|extradition) )?of\b|\b(?:took|taken|takes|assumed|assumes) custody of\b|\b(?:led to|leads to|resulted in|results in|resulting in|announced|announces|reported|reports|led|leads|made|makes) the (?:[\w.,-]+ ){0,3}?arrests? of\b|\b(?:follows?|followed) the (?:[\w.,-]+ ){0,3}?arrests?(?: [\w.,-]+){0,3}? of\b|\b(?:participated|assisted|took part|was involved) in the (?:[\w.,-]+ ){0,3}?arrests? of\b|\b(?:criminally )?captured\b|\b(?:criminally )?(?:arrested|apprehended|taken into (?:federal |u\.s\. |ice )?custody|took (?:\w+ ){0,2}into (?:federal |u\.s\. |ice )?custody|surrendered)\b|\bwere detained\b`,
		"takes", "participated", "assisted", "took part", "was involved", "assumed", "assumes", "led", "leads", "made the", "makes the", "resulted in", "results in", "resulting in", "announce", "report", "capture", "criminally", "arrested", "apprehended", "taken", "took", "surrendered", "were detained", "unsealed", "follow").wordStarting()
	reCharged = newStartRe(`\b(?:charged|indicted|re-?indicted)\b|\bcharging\b|\bfac(?:es?|ing)\s+(?:\w+\s+){0,2}charges\b|\bto face (?:\w+ ){0,2}charges\b|\b(?:indictment|complaint|information)\s+(?:was|were|has been|had been)\s+(?:\w+\s+)?(?:unsealed|filed|returned)\b|\b(?:returned|filed|unsealed)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:indictment|complaint|information)\b|\bon (?:federal |criminal )charges\b|\b(?:led to|leads to|resulted in|results in|resulting in|brought|brings|filed|files|announced|announces)\s+(?:[\w-]+\s+){0,2}?charges against\b|\b(?:led to|leads to|resulted in|results in|resulting in|announced|announces)\s+(?:the\s+|an\s+)?(?:[\w-]+\s+){0,2}?indictments? of\b|\bmade (?:an |his |her |their )?initial (?:court )?appearances?\b|\b(?:indictment|complaint|information)(?:,[^,;]{1,80},)?\s+(?:also\s+)?charges\b|\bobtained\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,5}?(?:criminal complaint|indictment)\b|\bagree(?:s|d)?\s+to\s+plead\s+guilty\b`,
		"charg", "indict", "reindicted", "re-indicted", "fac", "made", "to face", "complaint", "information", "returned", "filed", "unsealed", "on federal", "on criminal",
		"led to", "leads to", "resulted in", "results in", "resulting in", "brought", "brings", "files", "announce", "obtained", "agree").wordStarting()
	rePlea = newStartRe(`\b(?:pleaded|pled|plead|pleads|pleading)\s+guilty\b|\bentered (?:a |his |her )?(?:plea of guilty|guilty pleas?)\b|\bguilty pleas?\b`,
		"ple", "entered", "guilty").wordStarting()
	reVerdict = regexp.MustCompile(`\bfound\s+(?:[\w.]+\s+){0,4}guilty\b|\bconvicted by (?:a |the )?(?:federal )?jury\b|\b(?:a |the )?(?:federal )?jury (?:(?:sitting )?in (?:[\w.-]+,? ){1,3})?(?:found|convicted|returned (?:a |its |the )?(?:guilty )?verdicts?)\b|\bguilty verdicts?\b|\bfinding (?:[\w.]+\s+){0,4}guilty\b|\b(?:following|after) (?:a |an )(?:[\w-]+ ){0,2}(?:jury )?trial\b`)
	reConvict = regexp.MustCompile(`\bconvicted\b`)
	// what stands before "convicted" when it reports a verdict: an
	// auxiliary ("was convicted", "has been convicted") or an active subject
	// ("a jury convicted", "the court convicted"); a bare participle after a
	// noun describes ("a man convicted of such crimes")
	// what follows "took custody of" when it is no person: "the package"
	reThingAfter    = regexp.MustCompile(`^\s+(?:the|a|an|his|her|their)\s+(?:\w+\s+)?(?:package|parcel|vehicle|car|truck|boat|drugs?|weapons?|firearms?|evidence|money|cash|property|child|children|minor|victim|box|container|shipment|load)\b`)
	reRecordNounAt  = regexp.MustCompile(`^convicted (?:[\w-]+ ){0,2}(?:molesters?|offenders?|predators?|felons?|rapists?|pedophiles?|abusers?|traffickers?|murderers?|killers?)\b`)
	reListAfter     = regexp.MustCompile(`^\s+(?:[\w-]+\s+){0,3}?(?:were|are|include|included)\b`) // "the defendants convicted at trial were:"
	reCourtSubject  = regexp.MustCompile(`\b(?:court|jury|judge)\b[^,;]*$`)
	reConvictedVerb = regexp.MustCompile(`(?:\b(?:was|were|is|are|been|being|be|get|got|jury|juries|court|judge|panel|tribunal|and|then|later|subsequently|ultimately|eventually|who|had|has|have)|,)\s+(?:(?:\w+ly|also|not|never|each|all|both|later|then|previously|since|again|twice|once|ultimately|subsequently)\s+){0,2}$|^\s*$|^[^,]*\b(?:he|she|they)\s+$`)
	reSentenced     = newStartRe(`\bsentenced\b|\b(?:\d+|`+numWordAlt+`)[- ](?:year|month)[- ](?:federal |prison |jail )?sentence\b|['’]s (?:\w+ )?sentence\b|\bimposed (?:the |a |an )?(?:[\w-]+ ){0,3}sentences?\b|\b(?:received|secured?|handed down|led to|resulted in|results in) (?:a |an |the )?(?:[\w-]+ ){0,3}sentence\b|\b(?:led to|resulted in|results in|announced|announces|announce) the (?:[\w.,]+ ){0,3}?sentencing of\b`,
		"announce", "sentenced", "'s", "’s", "imposed", "received", "secure", "handed down", "led to", "resulted in", "results in", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred")
	// a sentence told without the word: "ordered Carmine Agnello, 39, to
	// serve one year and three months in prison", "has landed a Smithtown
	// man 15 months in prison"
	reSentencedOther = newStartRe(`\bordered (?:[\w’'.,-]+ ){1,8}?to serve\b|\b(?:lands?|landed) (?:[\w’'.,-]+ ){1,8}?(?:\d+|`+numWordAlt+`)(?:[- ]and[- ]a[- ]half)?[- ](?:years?|months?)(?:['’]s?)? (?:in|of) (?:federal )?(?:prison|imprisonment)\b`,
		"ordered", "land").wordStarting()
	reAcquit  = regexp.MustCompile(`\bacquitted\b|\bfound not guilty\b|\bnot guilty verdict\b|\bjudgment of acquittal\b`)
	reDismiss = newStartRe(`\b(?:charges?|counts?|indictment|case|complaint)\s+(?:\w+\s+){0,4}(?:was|were|has been|have been)\s+dismissed\b|\bdismissed (?:the |all )?(?:\w+\s+){0,2}(?:charges?|counts?|indictment|case)\b`,
		"charge", "count", "indictment", "case", "complaint", "dismissed").wordStarting()

	// words just before a verb that make it future, hypothetical or negated
	reNotNews = newStartRe(`(?:\bif|\bwill|\bwould|\bcould|\bmay|\bmight|\bscheduled|\bexpected|\bset to|\bto be|\bawaiting|\bpending|\bbefore being|\bcan be|\bonce|\bnot|\bnever|\bwhen|\bfaces?|\bfacing|\bunless|\buntil|\bcannot|\bhelp|\bhelps|\bto)\s+(?:\w+\s+){0,2}$`,
		"if", "will", "would", "could", "may", "might", "scheduled", "expected", "set to", "to", "awaiting", "pending", "before being", "can be", "once", "not", "never", "when", "face", "facing", "unless", "until", "cannot", "help").wordStarting()
	// "the defendants charged", "all of the individuals charged": a
	// participle describing who the boilerplate that follows is about
	reGroupSubject = regexp.MustCompile(`\b(?:the|those|these|all|each|any|other)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,2}?(?:defendants?|individuals?|persons?|people|suspects?|men|women|subjects?|offenders?)\s+$|\bthose\s+$`)
	// penalties faced, the presumption of innocence, "merely an allegation"
	reBoilerplate = regexp.MustCompile(`\bfaces?\b|\bpresumed innocent\b|\bmerely (?:an? )?(?:allegation|accusation)s?\b`)
	// penalty talk: what a conviction would bring is not an event
	rePenalty = newStartRe(`mandatory minimum|maximum (?:penalty|sentence|term)|under federal law|faces? (?:a |up to)|if convicted|statutory (?:maximum|minimum)`,
		"mandatory minimum", "maximum", "under federal law", "face", "if convicted", "statutory")
	// history wording that makes a conviction or sentence background
	reHistoryConv = newStartRe(`prior (?:\w+ )?convictions?|who (?:was|were|had been|has been|is) (?:\w+ )?convicted|(?:has|have) been convicted|been removed|previous(?:ly)? convicted|had been (?:convicted|sentenced)|criminal history|state prison|state court|county court|circuit court|court of common pleas|superior court|village court|municipal court|district court of [a-z]+ county|separate case|in that case|unrelated case|prior case|related cases?|convictions? (?:for|of)|released from (?:his|her) |convicted (?:sex )?(?:offender|felon)|was serving|while serving|previously (?:been )?sentenced|having been (?:\w+ ){0,5}convicted|convicted (?:twice|three times|\d+ times|multiple times|several times|numerous times)|(?:twice|three times|\d+ times) convicted`,
		"prior", "who", "has", "have", "been removed", "previous", "had been", "criminal history", "state", "county court", "circuit court", "court of common pleas", "superior court", "village court", "municipal court", "district court of", "separate case", "in that case", "unrelated case", "related case", "conviction", "released from", "convicted", "was serving", "while serving", "having been", "twice", "three times", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
	reHistoryCharge = newStartRe(`already (?:been )?charged|(?:still |remain )?pending against|related cases?|previously (?:been )?(?:charged|indicted)|separate case|in that case|can be charged|could be charged|for which|charged (?:with )?or convicted|convicted (?:of )?or charged`,
		"still ", "remain ", "pending", "related", "already", "previously", "separate case", "in that case", "can be charged", "could be charged", "for which", "charged", "convicted")
	reDescribedConvict = regexp.MustCompile(`\bconvicted (?:sex )?(?:offender|felon)s?\b`)
	reOwnConviction    = regexp.MustCompile(`(?:following|after|upon) (?:his|her|their|a|the) (?:jury )?(?:convictions?|guilty pleas?) (?:for|of|on)|\b(?:and|an?) convicted felon\b`)
	reHistoryArrest    = newStartRe(`arrested (?:multiple|several|numerous|many) times|previously (?:been )?arrested|prior arrest|had been arrested|originally arrested`,
		"arrested", "previously", "prior arrest", "had been arrested", "originally arrested")
)

// reArrestedPeople is a plural noun of people right before "arrested",
// which then describes them; reCountedPeople is the same noun counted
// ("five men arrested Tuesday"), a group's arrest.
var (
	reArrestedPeople = regexp.MustCompile(`\b(?:drivers|smugglers|couriers|aliens|individuals|people|persons|suspects|members|others|subjects|offenders|migrants|nationals|workers|employees|associates|co-conspirators)\s+$`)
	reCountedPeople  = regexp.MustCompile(`(?:\b\d+|\b(?:` + numWordAlt + `|dozens|hundreds))\s+(?:[\w-]+\s+){0,3}\w+\s+$`)
)

// arrestedBefore reports an arrest hit before offset pos.
func arrestedBefore(hits []stageHit, pos int) bool {
	for _, h := range hits {
		if h.typ == Arrest && h.end <= pos {
			return true
		}
	}
	return false
}

// reNotFinal is a plea the court has yet to accept.
var reNotFinal = regexp.MustCompile(`\bnot (?:yet )?final\b|\buntil (?:it is )?accepted\b|\bsubject to (?:the )?court(?:['’]s)? (?:approval|acceptance)\b`)

// reDetainedPending is what follows a pretrial detention.
var reDetainedPending = regexp.MustCompile(`^\s*(?:pending|without bond|until|in (?:federal |criminal )?custody since)`)

// reLedTo is an investigation that "led a Long Island woman to plead
// guilty": the plea happened, though "to" stands before it.
var reLedTo = regexp.MustCompile(`\b(?:led|leads|caused) (?:[\w’'.,-]+ ){1,6}to\s+$`)

// reToDate is a stage told as a running tally: "pleaded guilty to date".
var reToDate = regexp.MustCompile(`^[^.;,]{0,40}\bto date\b`)

// reServingBefore ends the words before a sentence being served.
var reServingBefore = regexp.MustCompile(`\bserving (?:an? |his |her |the )?(?:[\w-]+ ){0,2}$`)

// reChargingDocument is a charging document as the subject of "charges".
var reChargingDocument = regexp.MustCompile(`^(?:indictment|complaint|information)\b`)

// stageHits finds the event phrases of one lower-cased clause.
func stageHits(low string) []stageHit {
	if !stageGateSet.in(low) {
		return nil
	}
	var hits []stageHit
	var penalty []int
	if penaltyKeys.in(low) {
		penalty = rePenalty.FindStringIndex(low)
	}
	add := func(typ string, m []int, plea string) {
		before := low[max(0, m[0]-30):m[0]]
		if reNotNews.MatchString(before) && !(typ == Convicted && reLedTo.MatchString(low[max(0, m[0]-80):m[0]])) {
			return
		}
		if penalty != nil && penalty[0] < m[0] && (typ == Convicted || typ == Sentenced) {
			return // "the mandatory minimum sentence for a defendant convicted of ..."
		}
		if typ == Convicted && plea == "plea" && reNotFinal.MatchString(low) {
			return // "Eli Lilly's guilty plea and sentence is not final until accepted by the U.S. District Court"
		}
		if (typ == Convicted || typ == Sentenced) && strings.Contains(low[m[1]:], "to date") && reToDate.MatchString(low[m[0]:]) {
			return // "the nine airlines that have pleaded guilty to date ... are": a running tally, not news
		}
		if typ == Sentenced && reServingBefore.MatchString(before) {
			return // "is currently in state custody, serving a 50-year sentence for ...": a status, no sentencing
		}
		if typ == Charged && strings.HasSuffix(strings.TrimRight(before, " "), "wanted") {
			return // "was wanted on federal charges for illegal entry": a warrant, no charge this release reports
		}
		if typ == Charged && reGroupSubject.MatchString(before) && reBoilerplate.MatchString(low[m[1]:]) {
			return // "the defendants charged in the indictment face up to ...", "are presumed innocent"
		}
		charges := false
		if typ == Charged && strings.HasSuffix(low[m[0]:m[1]], " charges") && reChargingDocument.MatchString(low[m[0]:m[1]]) {
			// "the indictment, unsealed on Jan. 24, charges nine
			// defendants": the verb is the hit, so that stages told
			// inside the interjection keep their own
			m, charges = []int{m[1] - len("charges"), m[1]}, true
		}
		hits = append(hits, stageHit{typ: typ, pos: m[0], end: m[1], plea: plea, charging: charges || strings.HasPrefix(low[m[0]:m[1]], "charging") || strings.HasSuffix(low[m[0]:m[1]], "charges against") || typ == Charged && strings.HasSuffix(low[m[0]:m[1]], " of")})
	}
	if arrestKeys.in(low) {
		for _, m := range reArrest.FindAllStringIndex(low, -1) {
			if strings.HasSuffix(low[m[0]:m[1]], "custody of") && reThingAfter.MatchString(low[m[1]:]) {
				continue // "took custody of the package"
			}
			if strings.HasSuffix(low[m[0]:m[1]], "detained") && (strings.Contains(low[max(0, m[0]-80):m[0]], "appear") || reDetainedPending.MatchString(low[m[1]:])) {
				continue // "appeared in federal court ... and were detained pending trial": no arrest
			}
			n := len(hits)
			add(Arrest, m, "")
			if len(hits) > n && strings.HasPrefix(low[m[0]:], "arrested") {
				before := low[max(0, m[0]-60):m[0]]
				if reArrestedPeople.MatchString(before) && !reCountedPeople.MatchString(before) {
					// "agents interviewed other load drivers arrested for
					// transporting illegal aliens": those people's arrest,
					// told to describe them
					hits[n].desc, hits[n].record = true, true
				}
			}
		}
	}
	var charged [][]int
	if chargeKeys.in(low) {
		charged = reCharged.FindAllStringIndex(low, -1)
	}
	for _, m := range charged {
		// "charged" inside "discharged", "surcharged" is excluded by \b; a
		// charge that is only faced ("faces up to 20 years") never matches
		add(Charged, m, "")
	}
	var acq [][]int
	if acquitKeys.in(low) {
		acq = reAcquit.FindAllStringIndex(low, -1)
	}
	for _, m := range acq {
		add(Acquitted, m, "")
	}
	inAcq := func(p int) bool {
		for _, a := range acq {
			if p >= a[0] && p < a[1] {
				return true
			}
		}
		return false
	}
	guilty := strings.Contains(low, "guilty")
	if guilty || strings.Contains(low, "plea") {
		for _, m := range rePlea.FindAllStringIndex(low, -1) {
			add(Convicted, m, "plea")
		}
	}
	var verdicts [][]int
	if guilty || verdictKeys.in(low) {
		verdicts = reVerdict.FindAllStringIndex(low, -1)
	}
	for _, m := range verdicts {
		if inAcq(m[0]) {
			continue
		}
		add(Convicted, m, "verdict")
	}
	var convs [][]int
	if strings.Contains(low, "convict") {
		convs = reConvict.FindAllStringIndex(low, -1)
	}
	for _, m := range convs {
		desc := !reConvictedVerb.MatchString(low[max(0, m[0]-40):m[0]]) && !reCourtSubject.MatchString(low[max(0, m[0]-90):m[0]]) && !reListAfter.MatchString(low[m[1]:])
		record := reRecordNounAt.MatchString(low[m[0]:]) // "is a convicted sex offender", "and convicted child molester"
		if !record && strings.HasSuffix(low[:m[0]], ", ") && arrestedBefore(hits, m[0]) {
			// "a citizen of Honduras arrested Jan. 29 in Sheridan, Oregon,
			// convicted in the U.S. District Court ... for illegal
			// reentry": after the arrest, a bare participle tells the
			// person's record
			record = true
		}
		covered := false
		for _, h := range hits {
			if h.typ == Convicted && m[0] >= h.pos-40 && m[0] <= h.end+40 {
				covered = true
			}
		}
		if !covered {
			add(Convicted, m, "")
			if (desc || record) && len(hits) > 0 && hits[len(hits)-1].pos == m[0] {
				hits[len(hits)-1].desc = true
				hits[len(hits)-1].record = record
			}
		}
	}
	if strings.Contains(low, "sentenc") {
		for _, m := range reSentenced.FindAllStringIndex(low, -1) {
			add(Sentenced, m, "")
		}
	}
	if strings.Contains(low, "to serve") || strings.Contains(low, "landed ") || strings.Contains(low, "lands ") {
		for _, m := range reSentencedOther.FindAllStringIndex(low, -1) {
			add(Sentenced, m, "")
		}
	}
	if strings.Contains(low, "dismiss") {
		for _, m := range reDismiss.FindAllStringIndex(low, -1) {
			add(Dismissed, m, "")
		}
	}
	// order by position
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].pos < hits[j-1].pos; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	// a verdict clause ("a jury convicted ... after a trial") may carry two
	// convicted hits; keep the first, with a plea/verdict if any has one
	out := hits[:0]
	for _, h := range hits {
		dup := false
		for k := range out {
			if out[k].typ == h.typ && h.typ != Charged && h.pos-out[k].end < 100 {
				if out[k].plea == "" {
					out[k].plea = h.plea
				}
				dup = true
			}
		}
		if !dup {
			out = append(out, h)
		}
	}
	return out
}

// historyKeys gate the history regexes: one occurs wherever any can match.
var historyKeys = []string{"or convicted", "having been", "pending", "related case", "twice", "or charged", "prior", "previous", "had been", "has been", "have been", "history", "state ", "court",
	"separate", "that case", "unrelated", "conviction", "released from", "offender", "felon", "serving", "removed",
	"who ", "already", "can be", "could be", "for which", "times", "originally"}

// historyFor reports whether the clause's wording marks events of typ as
// background (criminal history, a separate case, a state conviction).
//
// For a conviction or sentence, only the verb's own stretch counts: the
// words right before it ("previously sentenced", "had been convicted") and
// what follows. History told of the subject before that ("A Florida man
// and previously convicted child predator was sentenced ...", "X, who has
// a prior conviction for Y, pleaded guilty") describes the person, not this
// event.
func historyFor(typ, low string, pos int) bool {
	if (typ == Sentenced || typ == Convicted) && !reCourtSubject.MatchString(low[:pos]) {
		// a court as subject ("Hidalgo County Court ... convicted") belongs
		// to the event, and so does a lead-in ("In related cases, ...")
		lead := reLeadIn.FindString(low[:pos])
		low = lead + " " + low[max(len(lead), pos-25):]
	}
	if (typ == Sentenced || typ == Convicted) && strings.Contains(low, "convicted ") {
		// "a convicted sex offender, pleaded guilty", "reentry by a
		// convicted felon": a description or a charge's name near the
		// verb, not a conviction the clause reports
		low = reDescribedConvict.ReplaceAllString(low, "")
	}
	if !historyKeysSet.in(low) {
		return false
	}
	switch typ {
	case Sentenced:
		if strings.Contains(low, "conviction") || strings.Contains(low, "convicted felon") {
			// the case's own conviction and a description of the
			// defendant are no history: "was sentenced following her
			// conviction for", "a South Texas man and convicted felon"
			low = reOwnConviction.ReplaceAllString(low, "")
		}
		return reHistoryConv.MatchString(low)
	case Convicted:
		return reHistoryConv.MatchString(low)
	case Charged:
		return reHistoryCharge.MatchString(low)
	case Arrest:
		return reHistoryArrest.MatchString(low)
	}
	return false
}

// reOtherCaseLead opens a clause that tells another case than the
// release's own.
var reOtherCaseLead = regexp.MustCompile(`^(?:in|during) (?:a |an )?(?:very |\w+ly )?(?:similar|separate|unrelated|different|earlier|prior|another) (?:case|incident|investigation|operation|matter)\b|^in another (?:\w+ )?(?:case|incident|investigation|matter)\b`)

// reLeadIn is an adverbial opening a clause before its subject.
var reLeadIn = regexp.MustCompile(`^(?:in|on|as|during|previously|earlier|separately|additionally|also|following|after|before)\b[^,]{0,40},`)

// literal gates: one of them occurs wherever the guarded rule can match
var (
	penaltyKeys = newKeySet("minimum", "maximum", "federal law", "face", "if convicted", "statutory")
	arrestKeys  = newKeySet("arrest", "apprehend", "custody", "surrender", "captur", "were detained")
	chargeKeys  = newKeySet("charg", "indict", "accused", "complaint", "information", "initial appearance", "initial court appearance", "agreed to plead", "agree to plead", "agrees to plead")
	acquitKeys  = newKeySet("acquit", "not guilty")
	verdictKeys = newKeySet("jury", "trial", "verdict")
)
