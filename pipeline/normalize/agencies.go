package normalize

import (
	"strings"

	"casetrack/data"
)

// aliasNode is a trie over folded tokens of the agency aliases.
type aliasNode struct {
	next map[string]*aliasNode
	code string // agency code when an alias ends here ("-": named, never credited)
}

type agencyMatcher struct{ root *aliasNode }

func newAgencyMatcher() (*agencyMatcher, error) {
	aliases, err := data.AgencyAliases()
	if err != nil {
		return nil, err
	}
	m := &agencyMatcher{root: &aliasNode{}}
	var toks []token
	for _, a := range aliases {
		toks = tokenize(a.Alias, toks)
		n := m.root
		for _, t := range toks {
			if n.next == nil {
				n.next = map[string]*aliasNode{}
			}
			c, ok := n.next[t.norm]
			if !ok {
				c = &aliasNode{}
				n.next[t.norm] = c
			}
			n = c
		}
		if n.code == "" {
			n.code = a.Agency
		}
	}
	return m, nil
}

// mention is one agency named in a sentence.
type mention struct {
	code       string
	start, end int // byte offsets in the sentence
}

// find returns the agencies named in s, leftmost-longest, in order.
func (m *agencyMatcher) find(s string, toks []token, dst []mention) ([]mention, []token) {
	dst = dst[:0]
	toks = tokenize(s, toks)
	for i := 0; i < len(toks); {
		n := m.root
		best, bestEnd := "", -1
		for j := i; j < len(toks); j++ {
			c, ok := n.next[toks[j].norm]
			if !ok {
				break
			}
			n = c
			if n.code != "" {
				best, bestEnd = n.code, j
			}
		}
		if bestEnd < 0 {
			i++
			continue
		}
		dst = append(dst, mention{code: best, start: toks[i].start, end: toks[bestEnd].end})
		i = bestEnd + 1
	}
	return dst, toks
}

// Crediting (taxonomy.md "Agencies"): an agency is credited when the text
// says it investigated, led, conducted or made the arrest, or when its head
// co-announces or is quoted; "with assistance from" and "supported by" are
// not credits.
var (
	// reCredit finds wording that credits the agencies around it.
	reCredit = newStartRe(`\binvestigat(?:ed|ing|es)\b|investigations? (?:(?:was|were|is|are|has been) )?(?:\w+ )?(?:conducted|led|by|with)\b|investigative (?:partners|agenc)|\bconducted\b|\bled\b|-led\b|\bleads\b|\bpartner(?:ed|ing|ship)\b|in partnership|collaborat\w*|in conjunction with|\bwork(?:ed|ing|s)?\b(?: \w+){0,3} (?:with|alongside)\b|\balongside\b|\bjoint(?:ly)? (?:\S+ ){0,12}(?:investigation|operation)|\bcredited\b|efforts of investigators|participat\w+ in|\barrested\b|\barrest\b|\bapprehended\b|\bapprehend\b|into custody|consisting of|comprised of|coordinated by|\bexecut(?:ed|ing)\b|task force members|members of the`,
		"investigat", "conducted", "led", "-led", "leads", "partner", "in partnership", "collaborat", "in conjunction with",
		"work", "alongside", "joint", "credited", "efforts of investigators", "participat", "arrest", "apprehend", "into custody",
		"consisting of", "comprised of", "coordinated by", "execut", "task force members", "members of the")
	// reAssistPassive starts the part of a sentence naming helpers only.
	reAssistPassive = newStartRe(`with (?:the )?(?:\w+ )?(?:assistance|support|help) (?:from|of|by)|(?:assisted|supported|aided) by|(?:assistance|support|help) (?:was |were )?(?:also )?provided by|assisting agenc|additional assistance|also assisted|(?:agencies|partners) (?:that |who )?(?:also )?(?:assisted|supported|helped|provided)|\bthank(?:s|ed)?\b`,
		"with ", "assist", "support", "aided", "help", "additional assistance", "also assisted", "agencies", "partners", "thank")
	// reAssistActive: an agency that itself only assisted or supported.
	reAssistActive = newStartRe(`\b(?:assisted|supported|helped|aided)\b|provided (?:\w+ )?(?:assistance|support)`,
		"assisted", "supported", "helped", "aided", "provided")
	// reHeadTitle: a quoted or co-announcing head of an agency.
	reHeadTitle = newStartRe(`special agent[- ]in[- ]charge|\bsac\b|field office director|\bdirector\b|\bchief\b|\bsheriff\b|\bcommissioner\b|\bsuperintendent\b|\bcolonel\b|inspector in charge|\bcommander\b|agent in charge`,
		"special agent", "sac", "field office director", "director", "chief", "sheriff", "commissioner", "superintendent", "colonel",
		"inspector in charge", "commander", "agent in charge")
	reAnnounce = newStartRe(`\bannounc\w*|made the announcement`, "announc", "made the announcement")
	reSaid     = newStartRe(`\b(?:said|says|stated|added|noted|explained)\b`, "said", "says", "stated", "added", "noted", "explained").wordStarting()
	// reInvestigationNoun: "following an HSI and Postal Service investigation"
	reInvestigationNoun = newStartRe(`(?:following|after|through|from|in|result of|results? of|led to|resulted from|during) (?:a|an|the|this) [^;]{0,160}?investigation`,
		"following ", "after ", "through ", "from ", "in ", "result", "led to ", "during ")
)

// creditLiterals credit wherever they occur; reCredit is run for the rest.
var creditLiterals = []string{"investigated", "investigating", "investigates", "conducted", "-led", "partnered",
	"partnering", "partnership", "collaborat", "in conjunction with", "alongside", "credited", "efforts of investigators",
	"arrested", "apprehended", "into custody", "consisting of", "comprised of", "coordinated by", "executed",
	"executing", "task force members", "members of the"}

// creditKeys gate reCredit: one of them occurs wherever it can match.
var creditKeys = []string{"investigat", "conducted", "led", "lead", "partner", "collaborat", "conjunction", "work",
	"alongside", "joint", "credit", "efforts of", "participat", "arrest", "apprehend", "custody", "consist",
	"comprised", "coordinated", "execut", "members"}

// credited returns the agency codes the sentence credits. eventSentence
// marks a sentence that itself reports a news event (an arrest sentence
// credits whoever made the arrest).
func credited(low string, ments []mention, eventSentence bool) []string {
	creditable := false
	for _, m := range ments {
		if m.code != data.NotCredited {
			creditable = true
		}
	}
	if !creditable {
		return nil
	}
	cut := len(low)
	helpers := helperKeys.in(low)
	if helpers {
		if loc := reAssistPassive.FindStringIndex(low); loc != nil {
			cut = loc[0]
		}
	}
	var active [][]int
	if helpers {
		active = reAssistActive.FindAllStringIndex(low[:cut], -1)
	}
	for _, m := range active {
		rest := low[m[1]:]
		if strings.HasPrefix(rest, " by") {
			continue
		}
		return nil // the agency named here only helped
	}
	head := low[:cut]
	ok := eventSentence || creditLiteralsSet.in(head) ||
		creditKeysSet.in(head) && reCredit.MatchString(head) ||
		strings.Contains(head, "investigation") && reInvestigationNoun.MatchString(head)
	if !ok && (reSaid.MatchString(low) || reAnnounce.MatchString(low)) && reHeadTitle.MatchString(low) {
		ok = true
	}
	if !ok {
		return nil
	}
	var out []string
	for _, m := range ments {
		if m.start >= cut || m.code == data.NotCredited {
			continue
		}
		out = appendUnique(out, m.code)
	}
	return out
}

// literal gates: one of them occurs wherever the guarded rule can match
var (
	helperKeys = newKeySet("assist", "support", "help", "aid", "thank")
)
