package normalize

import (
	"regexp"
	"strings"
)

// Charge categories read from wording when no statute is cited
// (taxonomy.md "wording without a statute"). Each rule has a cheap keyword
// gate so the regex only runs on sentences that could match.
type wordingRule struct {
	category string
	gate     keySet // any of these substrings must occur in the lower-cased text
	re       *startRe
	reject   *regexp.Regexp // a match followed by this (within the match's tail) is discarded
	rejectIn *regexp.Regexp // a match whose own text, or the object just before it, has this is discarded
}

// csam is the set of ways releases name child sexual abuse material.
const csam = `(?:child (?:sexual abuse|sex abuse|exploitation|pornograph\w*)(?: materials?| images?| videos?| files?| content)?|csam|obscene visual depictions? of minors|visual depictions? of (?:a )?minors?|images? (?:and videos? )?(?:of|depicting) (?:the )?(?:sexual (?:abuse|assaults?|exploitation)|child(?:ren)?|minors?)|files depicting child sexual abuse|sexually explicit (?:images?|videos?|material) of (?:a )?(?:minors?|child(?:ren)?))`

var wordingRules = []wordingRule{
	{category: "sex_trafficking_conspiracy", gate: newKeySet("traffick"),
		re: newStartRe(`conspir\w* to (?:commit |engage in )?(?:child |commercial )?sex(?:ual)?[- ]traffick|sex[- ]trafficking conspiracy|conspiracy to (?:commit |engage in )?(?:the )?sex trafficking|conspiracy to traffic \w+ for (?:commercial )?sex`, "conspir", "sex")},
	{category: "sex_trafficking_minor", gate: newKeySet("traffick"),
		re: newStartRe(`sex(?:ual)?[- ]traffick\w*,? (?:of |involving )?(?:a |an |two |three |four |five |six |several |multiple |\d+ )?(?:minors?|child(?:ren)?|juveniles?|teens?|teenagers?|girls?|boys?)|child sex[- ]traffick|traffick\w* (?:of )?(?:a |an )?(?:minors?|child(?:ren)?|juveniles?) for (?:commercial )?sex|and of minors`, "sex", "child", "traffick", "and of minors")},
	{category: "sex_trafficking_force_fraud_coercion", gate: newKeySet("force", "coercion"),
		re: newStartRe(`(?:sex(?:ual)?[- ]traffick\w*|commercial sex)[^.;]{0,80}?(?:by (?:means of )?force|force,? fraud,? (?:or|and) coercion|by (?:force|fraud|coercion))|sex[- ]trafficking by force`, "sex", "commercial sex")},
	{category: "forced_labor", gate: newKeySet("labor", "labour", "servitude", "peonage"),
		re: newStartRe(`forced labou?r|labou?r[- ]traffick|involuntary servitude|domestic servitude|\bservitude\b|\bpeonage\b|compel\w* (?:their |his |her |the victims' )?labou?r`, "forced labo", "labo", "involuntary", "domestic", "servitude", "peonage", "compel")},
	{category: "csam_production", gate: newKeySet("produc", "exploitation", "sexually explicit conduct", "record"),
		re: newStartRe(`produc\w*(?:,| and| or| attempted| to| of| \w+){0,6} `+csam+`|sexual exploitation (?:and [\w ]{3,40} )?of (?:a |an |two |three |\w+ )?(?:female |male |young )?(?:minors?|child(?:ren)?)|for the purpose of producing|to produce (?:a )?visual depictions?|record\w* (?:the |his |her )?(?:child )?sexual abuse`, "produc", "sexual exploitation", "for the purpose", "to produce", "record")},
	{category: "csam_distribution_receipt", gate: newKeySet("distribut", "receiv", "receipt", "transport", "advertis", "transmit", "trad", "ship", "access"),
		re: newStartRe(`(?:distribut|receiv|receipt|transport|advertis|transmit|trad|ship|access\w* with intent to view)\w*(?:,| and| or| attempted| to| of| \w+){0,8} `+csam, "distribut", "receiv", "receipt", "transport", "advertis", "transmit", "trad", "ship", "access")},
	{category: "csam_possession", gate: newKeySet("possess"),
		re: newStartRe(`possess\w*(?:,| and| or| attempted| to| of| \w+){0,8} `+csam, "possess")},
	{category: "enticement_minor", gate: newKeySet("entic"),
		re: newStartRe(`(?:coercion and )?entice(?:ment)?\b|enticing|attempt\w* to (?:persuade, induce, )?entice`, "coercion and ", "entic", "attempt")},
	{category: "transportation_minor", gate: newKeySet("transport"),
		re:     newStartRe(`transport\w* (?:of )?(?:a |an |the |two |three |\w+ )?(?:minors?|child(?:ren)?|juveniles?|girls?|boys?)(?: victims?)?\b`, "transport"),
		reject: regexp.MustCompile(`^\s*(?:pornograph|sexual abuse material|sex abuse material|exploitation material)`)},
	{category: "travel_illicit_sexual_conduct", gate: newKeySet("travel"),
		re: newStartRe(`travel\w* (?:in (?:interstate|foreign) commerce )?(?:with (?:the )?intent to engage in|to engage in|for the purpose of engaging in) (?:illicit|illegal|unlawful)? ?sex|illicit sexual conduct`, "travel", "illicit sexual conduct")},
	{category: "sexual_abuse_minor", gate: newKeySet("abus", "sexual contact", "sexual assault", "molest", "lewd", "rape"),
		re:     newStartRe(`\brape of (?:a |an |two |\w+ )?(?:minors?|child(?:ren)?)|child rape|statutory rape|(?:aggravated )?sexual abuse of (?:a |an |two |\w+ )?(?:minors?|child(?:ren)?|ward)|abusive sexual contact (?:with|of) (?:a )?(?:minor|child)|sexually abus\w* (?:a |an |two |\w+ )?(?:minors?|child(?:ren)?|girls?|boys?)|sexual assault of (?:a )?(?:minor|child)|child (?:sexual|sex) abuse\b|child molest\w*|lewd (?:and lascivious )?(?:acts? |conduct )?(?:with|upon|on) (?:a )?(?:minor|child)`, "rape", "statutory", "aggravated ", "sexual", "abusive", "child", "lewd"),
		reject: regexp.MustCompile(`^\s*(?:materials?|images?|videos?|files?|content)`)},
	{category: "alien_smuggling", gate: newKeySet("alien", "smuggl", "harbor"),
		re: newStartRe(`alien[- ]smuggling|human smuggling|smuggl\w* (?:of )?(?:\w+ )?(?:illegal |undocumented |unauthorized )?(?:aliens|migrants|noncitizens)|smuggl\w*[\w ]{0,40}? into the united states|(?:transport|harbor|conceal|shield)\w*,?(?:[\w ,]{0,40})? (?:illegal |undocumented |unauthorized )?aliens|alien harbou?ring|bring(?:s|ing)? (?:in )?(?:an? |\w+ )?(?:illegal |undocumented |unauthorized )?aliens?\b|conspir\w* to (?:smuggle|transport|harbor)(?: (?:and|or) (?:smuggle|transport|harbor))?(?: (?:\w+ ){0,2}(?:aliens?|migrants?|noncitizens?|people|persons|individuals)\b|\s*[.,;]|\s*$)|alien transport`, "alien", "human smuggling", "smuggl", "transport", "harbor", "conceal", "shield", "bring", "conspir"),
		// goods smuggled into the country are customs crimes, not people
		rejectIn: regexp.MustCompile(`\b(?:goods|merchandise|counterfeit|cargo|contraband|drugs?|narcotics|cocaine|methamphetamine|fentanyl|heroin|marijuana|firearms?|weapons?|guns?|ammunition|wildlife|cash|currency|cigarettes|products|parts)\b`)},
	{category: "immigration_violation", gate: newKeySet("entry", "reentry", "re-entry", "reentered", "re-entered", "immigration violation", "after deportation", "after removal"),
		re: newStartRe(`illegal re-?entry|unlawful re-?entry|re-?entry (?:after|following) (?:deportation|removal)|re-?entry of (?:a )?(?:previously )?(?:removed|deported) alien|illegally re-?entered|illegal entry|improper entry|unlawful entry|(?:administrative )?immigration violations?|found in the united states after (?:deportation|removal|being removed)`, "illegal", "unlawful", "reentry", "re-entry", "improper", "administrative ", "immigration violation", "found in the united states")},
	{category: "other", gate: newKeySet("obscen", "hostage", "firearm", "gun", "narcotic", "fentanyl", "cocaine", "methamphetamine", "heroin", "drug", "launder", "enterprise", "register", "false document", "false attestation", "fraud", "extortion", "kidnap", "racketeer", "travel act", "murder", "assault on", "stalking", "threat"),
		re: newStartRe(`obscene (?:material|matter|images?|visual)|hostage[- ]taking|hostage|(?:possession|use|carrying) of a firearm|firearm|\bgun\b|narcotic|fentanyl|cocaine|methamphetamine|heroin|drug (?:trafficking|distribution|conspiracy|dealer)|money launder|child exploitation enterprise|fail\w* to register|false documents?|false attestation|document fraud|visa fraud|wire fraud|(?:passport|immigration|naturalization|marriage|benefits?|bank|health care|mail|tax|securities|investment|bankruptcy|insurance|citizenship|asylum) fraud|identity theft|extortion|kidnap\w*|racketeer|travel act|\bmurder|stalking`, "obscene", "hostage", "possession of", "use of", "carrying of", "firearm", "gun", "narcotic", "fentanyl", "cocaine", "methamphetamine", "heroin", "drug ", "money launder", "child exploitation enterprise", "fail", "false ", "document fraud", "visa fraud", "wire fraud", "passport", "immigration", "naturalization", "marriage", "benefit", "bank", "health care", "mail", "tax", "securities", "investment", "bankruptcy", "insurance", "citizenship", "asylum", "identity theft", "extortion", "kidnap", "racketeer", "travel act", "murder", "stalking")},
}

// wordingGates finds every rule's gate in one pass: bit i is rule i's.
var wordingGates = func() *maskSet {
	var lits []string
	var masks []uint64
	for i, r := range wordingRules {
		for _, g := range r.gate.all {
			lits = append(lits, g)
			masks = append(masks, 1<<i)
		}
	}
	return newMaskSet(lits, masks)
}()

var reGenericSexTrafficking = regexp.MustCompile(`sex(?:ual)?[- ]traffick`)
var reChildTrafficking = regexp.MustCompile(`traffick\w* (?:of )?(?:the |a |an |two |three |\d+ )?(?:missing )?(?:\d+-year-old )?(?:juveniles?|minors?|child(?:ren)?|teens?|teenagers?|girls?)\b`)
var reGenericHumanTrafficking = newStartRe(`human traffick|\btraffick(?:ing|ed) (?:the |a |an )?(?:victims?|women|persons?)`, "human traffick", "traffick")

// docVictims says what a release says about its victims, to read an
// unqualified "sex trafficking": minors, and/or adults by force.
type docVictims int

const (
	docMinorVictims docVictims = 1 << iota
	docAdultForce
)

var reDocAdultForce = newStartRe(`(?:adults?|women|woman)[^.;]{0,80}(?:force|fraud|coercion)|(?:force|fraud|coercion)[^.;]{0,40}(?:adults?|women|woman)`, "adult", "wom", "force", "fraud", "coercion")

func victimsOf(low string) docVictims {
	var v docVictims
	if minorKeys.in(low) ||
		strings.Contains(low, "-year-old") && reDocMinor.MatchString(low) {
		v |= docMinorVictims
	}
	if forceKeys.in(low) && adultKeys.in(low) && reDocAdultForce.MatchString(low) {
		v |= docAdultForce
	}
	return v
}

var reDocMinor = newStartRe(`\b(?:minors?|child(?:ren)?|juveniles?|teens?|teenagers?|underage|(?:[1-9]|1[0-7])-year-old (?:girl|boy|child|victim|female|male)s?|girls)\b`,
	"minor", "child", "juvenile", "teen", "underage", "girls", "1", "2", "3", "4", "5", "6", "7", "8", "9").wordStarting()

// reRecordNoun describes a person by a past conviction: "convicted child
// molester", "previously convicted child predator", "registered sex offender".
var reRecordNoun = regexp.MustCompile(`\b(?:(?:previously|twice|once|\w+-time) )?(?:convicted|registered) (?:[\w-]+ ){0,2}(?:molesters?|offenders?|predators?|felons?|rapists?|pedophiles?|abusers?|traffickers?|murderers?|killers?)\b`)

// wordingCategories returns the categories the wording of low (lower-cased
// text) names. docMinor says whether the release speaks of minor victims,
// used to read an unqualified "sex trafficking".
func wordingCategories(low string, docMinor docVictims) []string {
	if strings.Contains(low, "convicted") || strings.Contains(low, "registered") {
		// "a Colombian national and convicted child molester, sentenced for
		// passport fraud": a person described by a past conviction names no
		// charge of this case
		low = reRecordNoun.ReplaceAllString(low, "")
	}
	var out []string
	gates := wordingGates.masks(low)
	for i := range wordingRules {
		r := &wordingRules[i]
		if gates&(1<<i) == 0 {
			continue
		}
		for _, m := range r.re.FindAllStringIndex(low, -1) {
			if r.reject != nil && r.reject.MatchString(low[m[1]:]) || r.rejectIn != nil && r.rejectIn.MatchString(low[objectStart(low, m[0]):m[1]]) {
				continue
			}
			out = appendUnique(out, r.category)
			break
		}
	}
	hasST := false
	for _, c := range out {
		if strings.HasPrefix(c, "sex_trafficking") {
			hasST = true
		}
	}
	if !hasST && strings.Contains(low, "traffick") {
		switch {
		case reGenericSexTrafficking.MatchString(low), reChildTrafficking.MatchString(low):
			if docMinor&docMinorVictims != 0 || reChildTrafficking.MatchString(low) {
				out = appendUnique(out, "sex_trafficking_minor")
			}
			if docMinor&docAdultForce != 0 || docMinor&docMinorVictims == 0 && !reChildTrafficking.MatchString(low) {
				out = appendUnique(out, "sex_trafficking_force_fraud_coercion")
			}
		case reGenericHumanTrafficking.MatchString(low) && !containsStr(out, "forced_labor"):
			out = appendUnique(out, "other")
		}
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// literal gates: one of them occurs wherever the guarded rule can match
var (
	minorKeys = newKeySet("minor", "child", "juvenile", "teen", "underage", "girls")
	forceKeys = newKeySet("force", "fraud", "coercion")
	adultKeys = newKeySet("adult", "women", "woman")
)

// keySets of the named gate lists.
var (
	creditLiteralsSet = newKeySet(creditLiterals...)
	creditKeysSet     = newKeySet(creditKeys...)
	immSignalsSet     = newKeySet(immSignals...)
	monthKeysSet      = newKeySet(monthKeys...)
	stageGateSet      = newKeySet(stageGate...)
	genericKeysSet    = newKeySet(genericKeys...)
	historyKeysSet    = newKeySet(historyKeys...)
)

// objectStart returns where the object of a participle that opens the
// match at i begins ("shipments of contraband smuggled into the United
// States"): up to three words back, within the clause and not past "and"
// or "or". A match that does not open with a participle starts at i.
func objectStart(low string, i int) int {
	w := i
	for w < len(low) && low[w] >= 'a' && low[w] <= 'z' {
		w++
	}
	if w-i < 3 || low[w-2:w] != "ed" {
		return i
	}
	words, end := 0, i
	for j := i - 1; j >= 0; j-- {
		switch c := low[j]; {
		case c == ',' || c == ';' || c == '.' || c == ':':
			return j + 1
		case c == ' ' && j+1 < end:
			switch low[j+1 : end] {
			case "and", "or", "and ", "or ":
				return end
			}
			if words++; words == 3 {
				return j + 1
			}
			end = j + 1
		}
	}
	return 0
}
