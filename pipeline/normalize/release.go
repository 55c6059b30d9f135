package normalize

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"casetrack/sources"
)

// clause is one ";"-separated part of a sentence, the unit events are read from.
type clause struct {
	sent       int // index into doc.sents
	start, end int // offsets in the sentence
	low        string
	hits       []stageHit
	described  []stageHit    // stage phrases dropped as descriptions: names in them are still people, and they bound dates
	names      []nameMention // names inside this clause (offsets in the sentence)
	dates      []dateMention // offsets in the clause
}

type rawEvent struct {
	typ     string
	clause  int
	hit     stageHit
	date    time.Time
	dateYr  int
	dateMo  time.Month // the month of a month-and-year date ("in January 2009"), else 0
	old     bool
	history bool
}

type defendant struct {
	name     string
	key      []string
	age      int
	aliases  []string
	first    int // position in body of first mention
	primary  bool
	org      bool // an organisation ("Cannon Seafood Inc."), not a person
	listed   bool // an entry of a list the release introduces with a stage
	raws     []rawEvent
	lastSeen int
}

type doc struct {
	n          *Normalizer
	rec        sources.Record
	ref        time.Time
	sents      []sentence
	clauses    []clause
	ments      [][]mention // per sentence
	defs       []*defendant
	docMinor   docVictims
	relative   bool // relative dates resolve (the release date is known)
	dateline   int  // byte offset where the dateline ends (names before it are places)
	lowBody    string
	raws       map[[2]int]rawEvent     // rawFor cache by clause and hit position
	head       headline                // what the title announces
	immAction  int8                    // 1 when the body tells immigration action against a person, 2 when not, 0 unread
	otherCases []bool                  // by sentence: it tells another case than the release's (otherCase)
	linked     []int                   // spans of linked pages' lines (linkedPageLine); nil until read
	byFirst    map[string][]*defendant // defendants by the first word of their names (findMention)
	byFirstN   int                     // defs[:byFirstN] are in byFirst

	// per-release lookups and cancellation (linear.go)
	bodyWords    map[string]bool
	firstWordEnd map[string]int
	facts        map[string]bool
	defPairs     map[[2]string][]int // defendants (index in defs) by two words of their names
	defFew       []int               // defendants whose names have fewer than two distinct words
	defsIndexed  int                 // defs[:defsIndexed] are indexed
	ctx          context.Context
}

var (
	reReReport = newStartRe(`previously (?:released|announced|reported|published) (?:information|details|the)|(?:has )?released photos of|releases photos of`,
		"previously", "has released", "released photos", "releases photos")
	rePronoun = regexp.MustCompile(`(?:^|[,;:] |\band |\bthen |\blater )(?:he|she|they)\b`)
	reGeneric = newStartRe(`\b(?:an?|the|two|three|four|five|both|another)\s+(?:[\w,.’'-]+\s+){0,6}?(?:man|woman|men|women|national|nationals|resident|residents|citizen|citizens|teacher|coach|official|defendant|defendants|couple|pair|soldier|caseworker|father|mother|stepfather|person|individual|offender|predator|trafficker|smuggler|employees?|commissioner|officer|pastor|priest|doctor|nurse|student|illegal alien|alien|noncitizen|fugitive|general|leader|commander|member|executive|owner|driver|worker|operator|dealer|felon|immigrant|reservist|veteran|pilot|contractor|businessman|businesswoman|lawyer|physician|manager|ringleader|kingpin|associate|specialist|sailor|airman|teen|teenager|grandfather|husband|wife|boyfriend|engineer|accountant|broker|banker|pharmacist|dentist|therapist|counselor|mayor|sergeant|deputy|trooper|guard)\b`,
		"a", "the", "two", "three", "four", "five", "both").wordStarting()
	// reGenericSingle is the narrower set of subjects that make an unnamed
	// single person's event in a release that names nobody ("a Florida man
	// was sentenced"); roles such as "a gang member" or "the leader" there
	// are more often someone the release names but the reader missed.
	reGenericSingle = newStartRe(`\b(?:an?|the|two|three|four|five|both|another)\s+(?:[\w,.’'-]+\s+){0,6}?(?:man|woman|men|women|national|nationals|resident|residents|citizen|citizens|teacher|coach|official|defendant|defendants|couple|pair|soldier|caseworker|father|mother|stepfather|person|individual|offender|predator|trafficker|smuggler|employees?|commissioner|officer|pastor|priest|doctor|nurse|student|illegal alien|alien|noncitizen|fugitive)\b`,
		"a", "the", "two", "three", "four", "five", "both").wordStarting()
	reGroup   = regexp.MustCompile(`(?:^|[^\w$.,-])(\d{1,3}(?:,\d{3})*|` + numWordAlt + `)\s+(?:of the \d+\s+)?(?:[\w-]+\s+){0,5}?(people|persons|individuals|suspects|defendants|men|women|aliens|noncitizens|offenders|predators|traffickers|pimps|subjects|fugitives|nationals|adults|criminals|members|leaders|buyers|johns|targets|smugglers|protest[eo]rs|rioters|agitators)\b`)
	reNominal = newStartRe(`\b(arrests?|prosecution|indictments?|convictions?) of (\d{1,3}(?:,\d{3})*|`+numWordAlt+`)\s+(?:[\w-]+\s+){0,4}?(people|persons|individuals|suspects|defendants|men|women|aliens|noncitizens|offenders|predators|traffickers)\b`,
		"arrest", "prosecution", "indictment", "conviction").wordStarting()
	reStats = newStartRe(`so far|to date|since (?:its|the|it)|recogni[sz]|commend|honou?r|award|cumulative|over the (?:past|last) \d+ years|fiscal year`,
		"so far", "to date", "since ", "recogni", "commend", "hono", "award", "cumulative", "over the ", "fiscal year")
	reUnnamedObj = newStartRe(`(?:arrested|apprehended|custody)\s+(?:an?|the)\s+(?:[\w,.’'-]+\s+){0,6}?(?:man|woman|national|citizen|alien|noncitizen|individual|person|suspect|fugitive|offender|teacher|resident)\b`,
		"arrested", "apprehended", "custody")
	reImmSignals   = regexp.MustCompile(`enforcement and removal operations|\bero\b|removal proceedings|immigration detainer|pending removal|amenable to removal|previously removed|unlawfully present|illegally present|removable|illegal alien|criminal alien|noncitizen|administrative immigration|immigration custody|ice custody|deport`)
	reChargePhrase = newStartRe(`charged with|pleaded guilty to|pled guilty to|convicted of|found guilty of|guilty of|sentenced\b[^.;]{0,80}? for|indicted (?:on|for)|charges? of|counts? of|for (?:his|her|their) role`,
		"charge", "pleaded guilty", "pled guilty", "convicted of", "found guilty", "guilty of", "sentenced", "indicted ", "count", "for his", "for her", "for their")
	reSubordinate = newStartRe(`\b(?:after|because|when|while|who|whose|which|according to|before|where)\b`,
		"after", "because", "when", "while", "who", "which", "according to", "before", "where").wordStarting()
	reFederal = newStartRe(`federal|u\.s\. district|grand jury|assistant u\.s\. attorney|assistant united states attorney|justice\.gov|u\.s\. attorney`,
		"federal", "u.s. ", "grand jury", "assistant ", "justice.gov")
	reSaidNear = regexp.MustCompile(`\bsaid\s*$|^\s*,?\s*said\b`)
	reWordCap  = newStartRe(`\p{Lu}[\p{L}'’-]+`,
		upperLits...)
)

var (
	reTitleBefore = newStartRe(`\b(?:attorney|judge|director|agent in charge|special agent|chief|secretary|commissioner|sheriff|ambassador|administrator|superintendent|inspector|officer|detective|trooper|prosecutor|general)\b[^.]*$`,
		"attorney", "judge", "director", "agent in charge", "special agent", "chief", "secretary", "commissioner", "sheriff", "ambassador", "administrator", "superintendent", "inspector", "officer", "detective", "trooper", "prosecutor", "general").wordStarting()
	reAnnouncedAfter = regexp.MustCompile(`^[^.;]{0,12}\b(?:announced|said|stated)\b`)
	reStateAfter     = regexp.MustCompile(`(?i)^,\s*(?:ala|ariz|ark|calif|colo|conn|del|fla|ga|ill|ind|kan|ky|la|md|mass|mich|minn|miss|mo|mont|neb|nev|okla|ore|pa|tenn|tex|va|vt|wash|wis|wyo|n\.[cdhjmy]|s\.[cd]|r\.i|w\.va|d\.c)\.|^,\s*(?:alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new \w+|north \w+|south \w+|ohio|oklahoma|oregon|pennsylvania|rhode island|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming|puerto rico)\b`)
)

func (n *Normalizer) releaseEvents(ctx context.Context, rec sources.Record) []Event {
	body := rec.Body
	if strings.TrimSpace(body) == "" {
		return nil
	}
	d := &doc{n: n, rec: rec, ref: rec.Published, head: readHeadline(rec.Title), ctx: ctx}
	if d.head.kind == kindCivil && !reTitleClemency.MatchString(lowerASCII(rec.Title)) && reCriminalLede.MatchString(lowerASCII(body[:min(len(body), 600)])) {
		d.head.kind = "" // "agrees to pay ... to resolve allegations" with a criminal plea in the lede
	}
	switch d.head.kind {
	case kindRemoval, kindDeath, kindStatement, kindRoundup, kindCivil:
		// a removal, a death in custody, a statement or a look back: the
		// people in it are told with their histories, not as new cases
		return nil
	}
	d.sents = splitSentences(body)
	lowBody := lowerASCII(body)
	d.lowBody = lowBody
	if reReportKeys.in(lowBody) && reReReport.MatchString(lowBody) {
		return nil // a re-report of an already announced case
	}
	d.docMinor = victimsOf(lowBody)
	d.dateline = datelineEnd(body)
	d.relative = !d.ref.IsZero()
	if d.ref.IsZero() {
		d.ref = latestDate(d.sents)
	}
	d.read()
	d.collectDefendants()
	d.link()
	if d.stopped() {
		return nil
	}
	return d.assemble()
}

// reCriminalLede is criminal wording in a release's opening.
var reCriminalLede = regexp.MustCompile(`\b(?:criminal (?:information|complaint|fine|charges?|case)|plead\w* guilty|pled guilty|indicted|indictment|sentenced|convicted|misdemeanor|felony)\b`)

// semicolonNameList reports whether the semicolons of a sentence separate
// the items of a list that one predicate at its end reports on ("A, 26, of
// X; B, also known as ..., 31, of Y; and C, 29, of Z, were convicted"): no
// item before the last reports a stage, and the last starts with "and".
func semicolonNameList(low string) bool {
	items := strings.Split(low, "; ")
	if len(items) < 2 || !strings.HasPrefix(items[len(items)-1], "and ") {
		return false
	}
	for _, it := range items[:len(items)-1] {
		if len(stageHits(it)) > 0 {
			return false
		}
	}
	return len(stageHits(items[len(items)-1])) > 0
}

// datelineEnd returns where a "CITY, State —" dateline ends, or 0.
func datelineEnd(body string) int {
	head := body
	if len(head) > 80 {
		head = head[:80]
	}
	for _, dash := range []string{" — ", " – ", " - ", "—"} {
		if i := strings.Index(head, dash); i > 0 && !strings.Contains(head[:i], "\n") {
			return i + len(dash)
		}
	}
	return 0
}

func latestDate(sents []sentence) time.Time {
	var best time.Time
	var ds []dateMention
	for _, s := range sents {
		ds = findDates(s.low, time.Time{}, ds)
		for _, dm := range ds {
			if dm.exact && dm.date.After(best) {
				best = dm.date
			}
		}
	}
	return best
}

// read splits sentences into clauses and finds stage phrases, names, dates
// and agency mentions.
func (d *doc) read() {
	var toks []token
	d.ments = make([][]mention, len(d.sents))
	// a detainer release tells the local arrest that put the person in a
	// jail ICE lodged its detainer with: that arrest is the news
	detainer := reTitleDetainer.MatchString(lowerASCII(d.rec.Title))
	for si, s := range d.sents {
		if d.stopped() {
			return
		}
		var ms []mention
		ms, toks = d.n.agencies.find(s.masked, toks, nil)
		d.ments[si] = ms
		skip := 0
		if s.start < d.dateline {
			skip = d.dateline - s.start
		}
		var names []nameMention
		headline := isHeadline(s.text) || d.linkedPageLine(s)
		// names matter where a stage is reported or a person is introduced
		// with an age, alias or description
		if hasUpper(s.masked) && !headline && (stageGateSet.in(s.low) || mayIntroduce(s.masked) || d.shortLine(s) || surnameOpensNext(d.sents, si)) {
			names = findNames(s.text, s.masked, skip)
			names = annotateNames(s, names)
		}
		// clauses split at "; " unless the semicolons separate the items of
		// a list introduced by a colon ("The defendants convicted were: A of
		// X; B of Y; ...")
		listSentence := false
		if c := strings.Index(s.low, ": "); c >= 0 {
			if sc := strings.Index(s.low, "; "); sc > c {
				listSentence = true
			}
		}
		if !listSentence && strings.Contains(s.low, "; ") {
			listSentence = semicolonNameList(s.low)
		}
		a := 0
		for a <= len(s.low) {
			b := strings.Index(s.low[a:], "; ")
			if listSentence {
				b = -1
			}
			end := len(s.low)
			if b >= 0 {
				end = a + b
			}
			c := clause{sent: si, start: a, end: end, low: s.low[a:end]}
			if !headline {
				c.hits, c.described = d.newsHits(stageHits(c.low))
				if detainer && len(c.hits) == 0 {
					c.hits = detainerArrest(c.low)
				}
			}
			for _, nm := range names {
				if nm.start >= a && nm.start < end {
					c.names = append(c.names, nm)
				}
			}
			if len(c.hits) > 0 {
				c.dates = d.dates(c.low, nil)
			}
			d.clauses = append(d.clauses, c)
			if b < 0 {
				break
			}
			a = end + 2
		}
	}
}

// newsHits drops the descriptive participles of a clause ("a man
// convicted of such crimes", "a 30-year-old Honduran convicted for his
// role") unless the title announces a conviction or sentence, where they
// describe the case the release is about.
func (d *doc) newsHits(hits []stageHit) (news, described []stageHit) {
	court := false
	for _, s := range d.head.stages {
		if s == Convicted || s == Sentenced {
			court = true
		}
	}
	for _, h := range hits {
		if h.record || h.desc && !court {
			described = append(described, h)
			continue
		}
		news = append(news, h)
	}
	return news, described
}

// dates finds dates against the release date; without a printed release
// date, day-month dates get no year and relative ones are not resolved.
func (d *doc) dates(low string, dst []dateMention) []dateMention {
	if d.relative {
		return findDates(low, d.ref, dst)
	}
	dst = findDates(low, time.Time{}, dst)
	return dst
}

// isHeadline reports a title-case line (a headline or subhead printed in the
// body): its verbs are not the release's sentences and its capitalised
// words are not names.
func isHeadline(s string) bool {
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "Jr.") || strings.HasSuffix(s, ";") {
		return false // a list entry ends with a semicolon, a headline never does
	}
	if reAgeAppositive.MatchString(s) || strings.Contains(s, " aka ") || strings.Contains(s, "a/k/a") || strings.Contains(s, "a.k.a.") || strings.Contains(s, "also known as") {
		return false // a roster line: "Raul Ibarra-Sosa, aka “Flaco”, 44, Colombia"
	}
	// count the words as strings.Fields splits them, without allocating:
	// this runs on every line
	words, caps, content := 0, 0, 0
	start := -1
	for i := 0; i <= len(s); {
		space, size := true, 1
		if i < len(s) {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if !space && start < 0 {
			start = i
		}
		if space && start >= 0 {
			w := s[start:i]
			start = -1
			words++
			if !functionWord(w) {
				content++
				if r := w[0]; r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '"' || r >= 0x80 {
					caps++
				}
			}
		}
		i += size
	}
	if words < 4 {
		return false
	}
	return content >= 3 && caps*10 >= content*8
}

// functionWord reports whether w is one of the small words a headline
// leaves lower-case ("of", "and", "to" ...), in any case.
func functionWord(w string) bool {
	if len(w) > 5 {
		return false
	}
	var b [5]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	switch string(b[:len(w)]) {
	case "of", "and", "to", "in", "for", "the", "a", "an", "on", "with", "at", "by", "from", "as", "or", "after", "into":
		return true
	}
	return false
}

// reAgeAppositive is an age printed after a name: ", 44," or ", 44" at the end.
var reAgeAppositive = regexp.MustCompile(`, (?:age )?\d{1,2}(?:[,;]|\.?$|\s)|\p{L} \(\d{1,2}\)`)

// shortLine reports a sentence that is a whole short line of its own: an
// entry of a list ("Keith A. Collins of Deale, Md.").
func (d *doc) shortLine(s sentence) bool {
	return s.end-s.start < 120 && (s.start == 0 || d.rec.Body[s.start-1] == '\n') &&
		(s.end == len(d.rec.Body) || d.rec.Body[s.end] == '\n')
}

// linkedPageLine reports a sentence of another page the release links
// to, as scraped pages print it: a line "Central District of California |
// Two Southern California Men ... Sentenced to Federal Prison | United
// States Department of Justice" and the excerpt paragraph after it ("Ruiz
// of Orange County was sentenced ..."). That page's cases are not this
// release's news. The lines are found once per release.
func (d *doc) linkedPageLine(s sentence) bool {
	if d.linked == nil {
		d.linked = linkedPageSpans(d.rec.Body)
	}
	for i := 0; i+1 < len(d.linked); i += 2 {
		if s.start >= d.linked[i] && s.start < d.linked[i+1] {
			return true
		}
	}
	return false
}

// linkedPageSpans returns the byte spans (start, end pairs) of the linked
// pages' title lines and the line after each; an empty, non-nil slice when
// there are none.
func linkedPageSpans(body string) []int {
	spans := []int{}
	if !strings.Contains(body, " | ") {
		return spans
	}
	for _, m := range reLinkedPage.FindAllStringIndex(body, -1) {
		start := strings.LastIndexByte(body[:m[0]], '\n') + 1
		if !strings.Contains(body[start:m[0]], " | ") {
			continue // a title line: "District | Title | site"
		}
		end := len(body)
		if k := strings.IndexByte(body[m[1]:], '\n'); k >= 0 {
			end = m[1] + k + 1
			if k2 := strings.IndexByte(body[end:], '\n'); k2 >= 0 {
				end += k2 // and the excerpt line after it
			} else {
				end = len(body)
			}
		}
		spans = append(spans, start, end)
	}
	return spans
}

// reLinkedPage is the site name a scraped link to another agency's page
// carries.
var reLinkedPage = regexp.MustCompile(`\| (?:United States Department of Justice|U\.S\. Department of Justice|Federal Bureau of Investigation|Department of Homeland Security)\b`)

// mayIntroduce reports text that may introduce a person: ", 34,", ", a ...",
// "36-year-old", "also known as".
func mayIntroduce(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == ',' && s[i+1] == ' ' {
			c := s[i+2]
			if c >= '0' && c <= '9' || c == 'a' && i+3 < len(s) && (s[i+3] == ' ' || s[i+3] == 'n' || s[i+3] == 'g') || c == 'm' {
				return true
			}
		}
	}
	return strings.Contains(s, "year-old") || strings.Contains(s, "known as") || strings.Contains(s, "a/k/a") || strings.Contains(s, "a.k.a.")
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// reFormerAfter is a former office after a name: "Jimmy Sullivan, the
// former chief of police, pleaded guilty" names a defendant, not an official.
var reFormerAfter = regexp.MustCompile(`^,?\s*(?:the\s+|an?\s+)?former\b`)

// reAKAWord starts an alias list; reAliasEnd is where the list gives way to
// the person's age or description ("…, also known as Humilde and Marco
// Saravia, 26, of El Salvador").
var (
	reAKAWord  = regexp.MustCompile(`\b(?:also known as|a/k/a|aka|a\.k\.a\.),?\s`)
	reAliasEnd = regexp.MustCompile(`[,;(]\s*(?:\d|of\b|an?\b|the\b|who\b|all\b|both\b|and\b)|;|\(|\.\s`)
)

// quoteLen is the byte length of an opening quote at the start of s, or 0.
func quoteLen(s string) int {
	for _, q := range []string{"\"", "“", "‘", "'"} {
		if strings.HasPrefix(s, q) {
			return len(q)
		}
	}
	return 0
}

// annotateNames marks officials, ages, appositives and aliases, and drops
// the names that are aliases of the name before them.
func annotateNames(s sentence, names []nameMention) []nameMention {
	if strings.Contains(s.low, "known as") || strings.Contains(s.low, "k/a") || strings.Contains(s.low, "aka") {
		var spans [][2]int
		for _, m := range reAKAWord.FindAllStringIndex(s.low, -1) {
			end := min(len(s.low), m[1]+80)
			if q := quoteLen(s.low[m[1]:]); q > 0 {
				// a quoted alias ends at its closing quote
				if c := strings.IndexAny(s.low[m[1]+q:end], "\"”’'"); c >= 0 {
					end = m[1] + q + c
				}
			} else if e := reAliasEnd.FindStringIndex(s.low[m[1]:end]); e != nil {
				end = m[1] + e[0]
			}
			spans = append(spans, [2]int{m[1], end})
		}
		kept := names[:0]
		for _, nm := range names {
			alias := false
			for _, sp := range spans {
				if nm.start >= sp[0] && nm.start < sp[1] {
					alias = true
				}
			}
			if !alias {
				kept = append(kept, nm)
			}
		}
		names = kept
	}
	for i := range names {
		nm := &names[i]
		after := s.text[nm.end:]
		before := s.text[:nm.start]
		lowAfter := lowerASCII(after[:min(len(after), 120)])
		if m := reAgeAfter.FindStringSubmatch(after[:min(len(after), 40)]); m != nil {
			for _, g := range m[1:] {
				if g != "" {
					nm.age, _ = strconv.Atoi(g)
				}
			}
			nm.strong = true
		}
		if m := reAgeBefore.FindStringSubmatch(before[max(0, len(before)-16):]); m != nil {
			nm.age, _ = strconv.Atoi(m[1])
			nm.strong = true
		}
		if reAppositive.MatchString(lowAfter) {
			nm.strong = true
		}
		if m := reAKA.FindStringSubmatch(lowAfter); m != nil {
			start := len(after) - len(strings.TrimLeft(after, ", "))
			_ = start
			// keep the alias as printed
			if idx := strings.Index(lowAfter, m[1]); idx >= 0 {
				nm.aliases = append(nm.aliases, strings.TrimSpace(after[idx:idx+len(m[1])]))
			}
			nm.strong = true
		}
		if strings.HasPrefix(after, "’s") || strings.HasPrefix(after, "'s") {
			nm.possessive = true
		}
		if reOfficialAfter.MatchString(lowAfter) && !reFormerAfter.MatchString(lowAfter) {
			nm.official = true
		}
		// a title shortly before the name in the same phrase: "Acting U.S.
		// Attorney for the Northern District of Florida Thomas F. Kirwin"
		lb := lowerASCII(before[max(0, len(before)-70):])
		if i := strings.LastIndexAny(lb, ",;:()“”\""); i >= 0 {
			lb = lb[i+1:]
		}
		if reTitleBefore.MatchString(lb) && !titleThenVerb(lb) {
			nm.official = true
		}
		lowBefore := lowerASCII(before[max(0, len(before)-12):])
		if reSaidNear.MatchString(lowBefore) || strings.HasPrefix(strings.TrimSpace(lowAfter), "said") {
			nm.official = true
		}
		if reAnnouncedAfter.MatchString(lowAfter) {
			nm.official = true // "... and FBI Executive Assistant Director J. Stephen Tidwell announced."
		}
		if nm.age > 0 {
			nm.official = false // ages are printed for defendants: "U.S. District Judge Samuel B. Kent, 59"
		}
		if strings.HasPrefix(after, ",") && reStateAfter.MatchString(after[:min(len(after), 30)]) {
			nm.place = true // "Santa Rosa Beach, Fla."
		}
	}
	return names
}

// sameName reports whether two folded names denote the same person: one's
// words all occur in the other (two words at least), as "Salgado Soto" in
// "Conrado Salgado Soto".
func sameName(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 2 {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// findMention returns the first defendant whose name is the mention's
// (sameName); a father and son of one name ("Robert Moore Sr.", "Robert
// Moore Jr.") are two defendants.
func (d *doc) findMention(nm nameMention) *defendant {
	if df := d.findNamed(nm.key, nameSuffix(nm.name)); df != nil || len(nm.key) < 2 {
		return df
	}
	// the same name with its surname misspelt: "Jashanpreet Sing" after
	// "Jashanpreet Singh"
	n := len(nm.key)
	if len(nm.key[n-1]) < 4 {
		return nil
	}
	if d.byFirst == nil {
		d.byFirst = map[string][]*defendant{}
	}
	for ; d.byFirstN < len(d.defs); d.byFirstN++ { // index the defendants added since
		df := d.defs[d.byFirstN]
		if len(df.key) > 0 {
			d.byFirst[df.key[0]] = append(d.byFirst[df.key[0]], df)
		}
	}
	for _, df := range d.byFirst[nm.key[0]] {
		if len(df.key) != n || !oneEditApart(df.key[n-1], nm.key[n-1]) {
			continue
		}
		if strings.Join(df.key[:n-1], " ") == strings.Join(nm.key[:n-1], " ") {
			return df
		}
	}
	return nil
}

// findNamed returns the first defendant whose name is key's and whose
// generational suffix, when both have one, is suffix.
func (d *doc) findNamed(key []string, suffix string) *defendant {
	best := -1
	d.sameNameCandidates(key, func(i int) { // linear.go
		if (best < 0 || i < best) && sameName(d.defs[i].key, key) {
			if suffix != "" && d.defs[i].suffix() != "" && suffix != d.defs[i].suffix() {
				return
			}
			best = i
		}
	})
	if best < 0 {
		return nil
	}
	return d.defs[best]
}

// nameSuffix is the generational suffix a name is printed with ("jr",
// "sr", "iii"), or "".
func nameSuffix(name string) string {
	i := strings.LastIndexAny(name, " ,")
	if i < 0 {
		return ""
	}
	if k := nameKey(name[i+1:]); isSuffix(k) {
		return k
	}
	return ""
}

func (df *defendant) suffix() string { return nameSuffix(df.name) }

// collectDefendants registers the people the release treats as defendants:
// names printed with an age or a descriptive appositive, and names in a
// clause that reports a stage, unless they are officials.
func (d *doc) collectDefendants() {
	for ci := range d.clauses {
		c := &d.clauses[ci]
		s := d.sents[c.sent]
		for _, nm := range c.names {
			if nm.official {
				continue
			}
			if !nm.strong && len(c.hits) == 0 && len(c.described) == 0 && !d.surnameSubjectLater(ci, nm) && !d.pronounStageLater(ci, nm) {
				continue
			}
			if isPlace(nm.key) || nm.place {
				continue
			}
			kind := d.classifyName(nm, s)
			if kind == notAName || kind == orgName && !orgSubject(c, nm, s, d.dateline) {
				continue // a company named as a customer or victim is no defendant
			}
			if df := d.findMention(nm); df != nil {
				if len(nm.key) > len(df.key) {
					df.name, df.key = nm.name, nm.key
					d.reindexDef(df)
				}
				if df.age == 0 {
					df.age = nm.age
				}
				df.aliases = appendUnique(df.aliases, nm.aliases...)
				continue
			}
			d.defs = append(d.defs, &defendant{name: nm.name, key: nm.key, age: nm.age, aliases: nm.aliases, first: s.start + nm.start, lastSeen: -1, org: kind == orgName})
		}
	}
}

// surnameOpensNext reports whether one of the next two sentences opens
// with a capitalised word that this sentence has after another capitalised
// word ("... the residence of Mark Paulino." "Paulino, a former teacher,
// was charged"): a name introduced here may be a defendant.
func surnameOpensNext(sents []sentence, si int) bool {
	for sj := si + 1; sj < len(sents) && sj <= si+2; sj++ {
		t := sents[sj].text
		end := strings.IndexAny(t, " ,’'")
		if end < 3 || t[0] < 'A' || t[0] > 'Z' {
			continue
		}
		w := t[:end]
		for off := 0; ; {
			i := strings.Index(sents[si].text[off:], " "+w)
			if i < 0 {
				break
			}
			i += off
			if after := i + 1 + len(w); after == len(sents[si].text) || !isWordByte(sents[si].text[after]) {
				// the word before is capitalised: a given name
				if j := strings.LastIndexByte(sents[si].text[:i], ' '); i > 0 && sents[si].text[j+1] >= 'A' && sents[si].text[j+1] <= 'Z' {
					return true
				}
			}
			off = i + 1
		}
	}
	return false
}

// pronounStageLater reports whether a name that opens a paragraph is taken
// up by a pronoun in a later clause of that paragraph that reports a stage
// and names nobody ("Yuri Estevez Convictions: Homicide; ... ICE arrested
// him in Hollywood Jan. 12."): an entry of a list of people, each told in
// a paragraph of their own.
func (d *doc) pronounStageLater(ci int, nm nameMention) bool {
	c := &d.clauses[ci]
	s := d.sents[c.sent]
	if nm.start != 0 || c.start != 0 || s.start > 0 && d.rec.Body[s.start-1] != '\n' {
		return false
	}
	for cj := ci + 1; cj < len(d.clauses) && cj <= ci+8; cj++ {
		o := &d.clauses[cj]
		if d.sents[o.sent].para != s.para {
			return false
		}
		if len(o.names) > 0 {
			return false // another person: the pronoun may be theirs
		}
		for _, h := range o.hits {
			if reHeShe.MatchString(o.low) || rePronounAfter.MatchString(o.low[h.end:]) {
				return true
			}
		}
	}
	return false
}

// sentUnion adds here to the people named in sentence si, starting afresh
// when si is a later sentence than the one *cur holds.
func sentUnion(prev []*defendant, cur *int, si int, here []*defendant) []*defendant {
	if *cur != si {
		prev, *cur = nil, si
	}
	for _, df := range here {
		prev = appendDef(prev, df)
	}
	return prev
}

// countedHit is a stage told of a small counted group before anyone is
// named.
type countedHit struct {
	clause int
	hit    stageHit
	n      int
}

// nameCounted gives a counted group's stage to the people the next
// sentence names when it names exactly that many and tells no stage of its
// own: "ICE officers arrested two criminal aliens in Detroit June 10.
// Ahmad Fareez Thabateh, 49, a Palestinian, and Kassim Saleh Wasil, 70, a
// Yemeni, who will remain in ICE custody."
func (d *doc) nameCounted(counted []countedHit) {
	for _, k := range counted {
		next := d.clauses[k.clause].sent + 1
		var named []*defendant
		ok := true
		for cj := k.clause + 1; cj < len(d.clauses) && d.clauses[cj].sent <= next && ok; cj++ {
			c := &d.clauses[cj]
			if c.sent < next {
				continue
			}
			ok = len(c.hits) == 0
			for _, nm := range c.names {
				if df := d.findMention(nm); df != nil && !nm.official {
					named = appendDef(named, df)
				}
			}
		}
		if !ok || len(named) != k.n {
			continue
		}
		giveStage(named, d.rawFor(k.clause, k.hit))
	}
}

// applyToAllOf gives a stage told of "all four indicted individuals" to
// every defendant when the release names exactly that many people, or to
// the people of the title's stage when the title counts that many ("4
// Chinese nationals sentenced ... All four pleaded guilty on Jan. 10"); with
// more, the four may be some of them.
func (d *doc) applyToAllOf(all []countedHit) {
	for _, k := range all {
		var people, staged []*defendant
		for _, df := range d.defs {
			if df.org {
				continue
			}
			people = append(people, df)
			for _, r := range df.raws {
				if d.head.stage != "" && r.typ == d.head.stage && !r.old && !r.history {
					staged = append(staged, df)
					break
				}
			}
		}
		switch {
		case len(people) == k.n:
		case d.head.count == k.n && len(staged) == k.n:
			people = staged
		default:
			continue
		}
		giveStage(people, d.rawFor(k.clause, k.hit))
	}
}

// applyTitleCount gives the title's stage to every person the release
// names when the title counts exactly that many ("Three Staten Island, NY
// Men Indicted ...", "Six Telemarketers Charged ..."): the people are the
// ones it counts, though the body tells the stage only of the group
// ("the unsealing of an indictment charging three Staten Island, N.Y.,
// men") or names them in its account of the scheme ("Stewart Pope of
// Seminole, Fla.; John Maginnis of Miami; ... engaged in"). A person is
// a defendant with a stage of their own or a name printed with an age, an
// alias or a home town; officials and places are not.
func (d *doc) applyTitleCount() {
	h := d.head
	if h.stage == "" || h.count < 2 || h.vague || h.atLeast || h.helped || len(d.sents) == 0 {
		return // "ICE St. Paul assists in arresting 2 Minnesota men": another agency's arrest
	}
	var people []*defendant
	fresh := map[string]*defendant{} // people not yet defendants, by name, so a second mention is the same person
	for ci := range d.clauses {
		c := &d.clauses[ci]
		s := d.sents[c.sent]
		for _, nm := range c.names {
			if nm.official || nm.place || isPlace(nm.key) {
				continue
			}
			df := d.findMention(nm)
			if df == nil {
				df = fresh[strings.Join(nm.key, " ")]
			}
			if df != nil && df.org {
				return // a company's case: its people are not what the title counts
			}
			if !(df != nil && len(df.raws) > 0 || nm.strong || homeAfter(s.text[nm.end:])) || d.classifyName(nm, s) != personName {
				continue
			}
			if df == nil {
				df = &defendant{name: nm.name, key: nm.key, aliases: nm.aliases, age: nm.age, first: s.start + nm.start, lastSeen: -1}
				fresh[strings.Join(nm.key, " ")] = df
			}
			if people = appendDef(people, df); len(people) > h.count {
				return
			}
		}
	}
	if len(people) != h.count {
		return
	}
	for _, df := range people {
		if !containsDef(d.defs, df) {
			d.defs = append(d.defs, df)
		}
		if !hasType(df.raws, h.stage) {
			// the sentence that names the person is the evidence, and its
			// charges the person's, not the lede's for everyone
			df.raws = append(df.raws, rawEvent{typ: h.stage, clause: d.clauseAt(df.first), hit: stageHit{typ: h.stage}})
		}
	}
}

// calledDefendants charges the people a charging release calls
// defendants and tells nothing else of: "Two of the remaining defendants,
// Levon Arakelyan, 45, of Las Vegas, Nevada and Ivan Bojorquez, 33, of
// Gardena, California are presently detained in state custody". A
// defendant of the case is charged in it; in a release about a plea or a
// sentence, such people are the case's past and are left alone.
func (d *doc) calledDefendants() {
	if d.head.stage != Charged && d.head.stage != Arrest {
		return
	}
	for ci := range d.clauses {
		c := &d.clauses[ci]
		if len(c.names) == 0 || !strings.Contains(c.low, "defendant") {
			continue
		}
		s := d.sents[c.sent]
		run := -1 // start of the names that follow "defendants," in this clause
		for _, nm := range c.names {
			if run < 0 {
				if !reCalledDefendants.MatchString(s.low[max(0, nm.start-60):nm.start]) {
					continue
				}
				run = nm.start
			}
			if nm.official || !nm.strong {
				continue
			}
			df := d.findMention(nm)
			if df == nil || len(df.raws) > 0 {
				continue
			}
			df.raws = append(df.raws, rawEvent{typ: Charged, clause: ci, hit: stageHit{typ: Charged}})
		}
	}
}

// reCalledDefendants ends the words that call the names after them
// defendants: "Two of the remaining defendants, ", "co-defendants ".
var reCalledDefendants = regexp.MustCompile(`\b(?:remaining |other |additional )?(?:co-)?defendants?,?\s+$`)

// homeAfter reports a home town printed after a name: "of Seminole,
// Fla.", ", both of Long Beach", "and Frank DiMezza, both of Long Beach".
func homeAfter(after string) bool {
	return reOfPlaceAfter.MatchString(after) || reBothOfAfter.MatchString(after)
}

// reOfPlaceAfter is a home town right after a name: ", of Honduras,".
var reOfPlaceAfter = regexp.MustCompile(`^,? (?:of|from) [A-Z]`)

// reBothOfAfter is a home town shared with the next name: "and Frank
// DiMezza, both of Long Beach", ", both of Long Beach".
var reBothOfAfter = regexp.MustCompile(`^(?: and \p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'-]+){0,3})?,? (?:both|all) (?:of|from) \p{Lu}`)

// reRelativePerfect ends the words before a stage told in a relative
// clause in the perfect: "the nine airlines that have ", "executives who
// have ".
var reRelativePerfect = regexp.MustCompile(`\b(?:who|that|which) (?:have|has|had) (?:\w+ )?$`)

// reObjPronounAfter is a pronoun object right after a verb.
var reObjPronounAfter = regexp.MustCompile(`^\s+(?:them|him|her)\b`)

// reThemAfter is a plural pronoun object right after a stage verb.
var reThemAfter = regexp.MustCompile(`^\s+them\b`)

// rePronounAfter is a pronoun object right after a stage verb: "arrested
// him in Miami".
var rePronounAfter = regexp.MustCompile(`^\s+(?:him|her)\b`)

// surnameSubjectLater reports whether a name introduced in a clause with no
// stage of its own ("investigators executed a search warrant at the
// residence of Mark Paulino") returns by its surname as the subject of a
// later clause that has one ("Paulino, a former schoolteacher, was charged
// ..."): releases name a defendant in full once and by surname after.
func (d *doc) surnameSubjectLater(ci int, nm nameMention) bool {
	if len(nm.key) < 2 {
		return false
	}
	for cj := ci + 1; cj < len(d.clauses) && cj <= ci+6; cj++ {
		c := &d.clauses[cj]
		if len(c.hits) == 0 {
			continue
		}
		// any part but the given name: Hispanic and Portuguese names are
		// taken up by their first surname ("Daniel Firmino Dos Santos
		// Vicente" ... "Firmino, who's now facing federal charges")
		for _, sur := range nm.key[1:] {
			if len(sur) < 3 || !strings.HasPrefix(c.low, sur) {
				continue
			}
			if rest := c.low[len(sur):]; rest == "" || rest[0] == ' ' || rest[0] == ',' || strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, "'s ") {
				return true
			}
		}
	}
	return false
}

var places = map[string]bool{}

func init() {
	for _, p := range []string{"puerto rico", "new york city", "el salvador", "dominican republic", "sierra leone",
		"rio grande valley", "corpus christi", "santa rosa beach", "garden city", "falls church", "salt lake city",
		"kansas city", "las vegas", "new orleans", "las cruces", "oklahoma city", "mexico city", "guatemala city",
		"long island", "central islip", "st johns", "south padre island", "port mansfield", "rio grande", "baton rouge",
		"park hills", "el cajon", "national city", "new mexico", "new jersey", "new york", "north carolina",
		"south carolina", "north dakota", "south dakota", "west virginia", "rhode island", "new hampshire",
		"united kingdom", "costa rica", "hong kong", "saudi arabia", "south africa", "sri lanka", "new zealand"} {
		places[p] = true
	}
}

func isPlace(key []string) bool {
	return places[strings.Join(key, " ")]
}

// link assigns every stage hit to defendants (named, by surname, pronoun or
// generic subject) and records it on them.
func (d *doc) link() {
	fam := map[string][]*defendant{}
	given := map[string][]*defendant{} // by given name, for family members told apart by it
	for _, df := range d.defs {
		for i, k := range df.key {
			if i == 0 && len(df.key) > 1 {
				given[k] = append(given[k], df)
				continue
			}
			if df.org && orgForms[k] {
				continue // "S.A.", "Ltd." name no company alone
			}
			fam[k] = append(fam[k], df)
			for _, part := range strings.Split(k, "-") {
				if part != k && len(part) > 2 {
					fam[part] = append(fam[part], df)
				}
			}
		}
	}
	// primary defendants: those named in the first clause naming any
	primarySet := d.firstNamed()
	var last []*defendant
	var every []rawEvent  // stages of "each defendant", "all of the defendants"
	var allBut []rawEvent // stages of "all but two of the defendants"
	var wbuf []wordSpan
	var bare []*defendant // bare-surname defendants of the first clause that has any
	firstBare := -1
	var carry rawEvent // a stage whose list of objects may go on in the sentence's next clauses
	carrySent := -1
	var counted []countedHit  // "arrested two criminal aliens", no one named yet
	var allOf []countedHit    // "all four defendants were arrested"
	var lastSent []*defendant // everyone named in the latest sentence that names anyone
	lastSentIdx := -1
	for ci := range d.clauses {
		if d.stopped() {
			return
		}
		c := &d.clauses[ci]
		s := d.sents[c.sent]
		var here []*defendant
		for _, nm := range c.names {
			if nm.official {
				continue
			}
			if df := d.findMention(nm); df != nil && !containsDef(here, df) {
				if nm.possessive && !possessiveEvent(s.low[nm.end:]) {
					continue
				}
				here = append(here, df)
			}
		}
		// single surnames: "Herrera pleaded guilty"
		if len(d.defs) > 0 && len(c.hits) > 0 {
			for _, m := range reWordCap.FindAllStringIndex(s.masked[c.start:c.end], -1) {
				a, b := c.start+m[0], c.start+m[1]
				if insideName(c.names, a) {
					continue
				}
				w := s.masked[a:b]
				k := nameKey(strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s"))
				cands := introducedBefore(fam[k], s.start+a)
				if len(cands) == 0 && len(given[k]) == 1 && len(fam[given[k][0].key[len(given[k][0].key)-1]]) > 1 {
					// "Andres is also charged": a father and son of one
					// surname are told apart by their given names
					cands = given[k]
				}
				if len(cands) == 0 && !d.bodyHasWord(strings.ToLower(w)) {
					cands = misspelt(fam, k) // "Haskel, Jacques and Gleason" after "Benjamin Haskell"
				}
				if len(cands) != 1 || containsDef(here, cands[0]) {
					continue
				}
				if (strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s")) && !possessiveEvent(s.low[b:]) {
					continue
				}
				if pw := strings.ToLower(strings.TrimRight(prevWord(s.text, a), ".,")); titleWords[pw] {
					continue
				}
				here = append(here, cands[0])
			}
		}
		// a surname with no earlier full name, as subject or object of
		// the stage verb, is a defendant of its own
		for _, sp := range bareSurnames(s, c, &wbuf) {
			if insideName(c.names, sp[0]) {
				continue
			}
			w := s.masked[sp[0]:sp[1]]
			k := nameKey(w)
			if len(fam[k]) > 0 || len(given[k]) > 0 || d.bodyHasWord(strings.ToLower(w)) {
				continue // resolved above, ambiguous, or a common word capitalised
			}
			if m := misspelt(fam, k); len(m) == 1 {
				here = appendDef(here, m[0]) // "apprehended Bonilla-Garica" after "Jose Ignacio Bonilla-Garcia"
				continue
			}
			df := &defendant{name: w, key: []string{k}, first: s.start + sp[0], lastSeen: -1}
			d.defs = append(d.defs, df)
			fam[k] = append(fam[k], df)
			for _, part := range strings.Split(k, "-") {
				if part != k && len(part) > 2 {
					fam[part] = append(fam[part], df)
				}
			}
			here = appendDef(here, df)
			if firstBare < 0 || firstBare == ci {
				firstBare = ci
				bare = append(bare, df)
			}
		}
		if len(c.hits) == 0 {
			if carry.typ != "" && carrySent == c.sent {
				if got := d.listContinuation(c); len(got) > 0 {
					giveStage(got, carry)
					here = got
				} else {
					carry.typ = ""
				}
			}
			if len(here) > 0 {
				last = here
				lastSent = sentUnion(lastSent, &lastSentIdx, c.sent, here)
			}
			continue
		}
		carry.typ = ""
		for _, h := range c.hits {
			targets := beforeCharging(c, outsideRelative(c, here, h), h)
			if h.charging {
				targets = nil
				for _, df := range here {
					for _, nm := range c.names {
						if sameName(nm.key, df.key) && nm.start-c.start > h.pos {
							targets = appendDef(targets, df)
						}
					}
				}
				if len(targets) == 0 {
					if g := genericPhrase(c.low[h.end:]); g != "" {
						targets = d.primaryOr(primarySet, g)
					}
				}
				if len(targets) == 0 && reObjPronounAfter.MatchString(c.low[h.end:]) {
					// "A and B were arrested pursuant to a grand jury
					// indictment charging them with ...": the people named
					// before
					for _, df := range here {
						for _, nm := range c.names {
							if sameName(nm.key, df.key) && nm.start-c.start < h.pos {
								targets = appendDef(targets, df)
							}
						}
					}
				}
			}
			if len(targets) == 0 {
				pre := c.low[:h.pos]
				if strings.Contains(pre, "all ") {
					if m := reAllCounted.FindStringSubmatch(pre); m != nil {
						// "All four indicted individuals were arrested July
						// 15": every defendant when the release names that
						// many (read on as well, for when it does not)
						allOf = append(allOf, countedHit{ci, h, parseCount(m[1])})
					}
				}
				switch {
				case strings.Contains(pre, "all but ") && reAllBut.MatchString(pre):
					allBut = append(allBut, d.rawFor(ci, h)) // "All but two of the above-named individuals were arrested"
					continue
				case everyKeys.in(pre) && reEveryDefendant.MatchString(pre) && !reCountedAll.MatchString(pre):
					every = append(every, d.rawFor(ci, h)) // "Each defendant was convicted of ...": all of them, named before or after
					continue
				case len(last) == 0 && len(here) == 0 && h.typ == Arrest && (reThemAfter.MatchString(c.low[h.end:]) || strings.Contains(c.low[h.pos:h.end], " them ")):
					// "the U.S. Marshals Service took them into custody"
					// before anyone is named: the people the release lists
					every = append(every, d.rawFor(ci, h))
					continue
				case rePronoun.MatchString(pre) || strings.HasPrefix(c.low, "he ") || strings.HasPrefix(c.low, "she ") || strings.HasPrefix(c.low, "they ") || !h.charging && rePronounAfter.MatchString(c.low[h.end:]) ||
					h.typ == Arrest && strings.HasPrefix(c.low[h.pos:], "unsealed "): // "unsealed upon her arrest"

					targets = last
					if strings.HasPrefix(c.low, "they ") && lastSentIdx == c.sent-1 && len(lastSent) > len(last) {
						// "A; B; and C appeared in federal court Aug. 13.
						// They face charges ...": all of the sentence's
						// people, not the last clause's
						targets = lastSent
					}
					if len(targets) == 0 {
						targets = primarySet
					}
				default:
					if g := genericPhrase(c.low); g != "" && !reRelativePerfect.MatchString(pre) {
						// not "the three airline executives who have pleaded
						// guilty": a relative perfect describes others
						targets = d.primaryOr(primarySet, g)
					}
				}
				if len(targets) == 0 && c.sent == 0 {
					// the lede's subject, any noun: "A Jacksonville Beach
					// sushi restauranter has pleaded guilty ..."
					lede := pre
					if d.dateline > 0 && d.dateline <= len(lede) {
						lede = lede[d.dateline:]
					}
					if reLedeSubject.MatchString(lede) || pluralLede(lede) {
						targets = d.primaryOr(primarySet, lede)
					}
				}
				if len(targets) == 0 && !h.charging {
					// a generic object of an active verb: "ICE ... arrested a
					// documented MS-13 member Oct. 24", named in the next sentence
					if after := c.low[h.end:]; genericKeysSet.in(after) {
						if loc := reGeneric.FindStringIndex(after); loc != nil && strings.TrimSpace(after[:loc[0]]) == "" {
							targets = d.primaryOr(primarySet, after[loc[0]:loc[1]])
						}
					}
				}
				if len(targets) == 0 && len(last) == 0 && len(here) == 0 {
					if m := reGroup.FindStringSubmatchIndex(c.low[h.end:]); m != nil && m[2] <= 2 {
						if n := parseCount(c.low[h.end+m[2] : h.end+m[3]]); n >= 2 && n <= 6 {
							counted = append(counted, countedHit{ci, h, n})
						}
					}
				}
			}
			for _, df := range targets {
				df.raws = append(df.raws, d.rawFor(ci, h))
			}
			if len(targets) > 0 && objectsAfter(c, targets, h) {
				// "others taken into custody include A, 33, and B, 68,
				// both of Richmond; C, 33, ...": the list may go on past
				// the semicolon
				carry, carrySent = d.rawFor(ci, h), c.sent
			}
		}
		if len(here) > 0 {
			last = here
			lastSent = sentUnion(lastSent, &lastSentIdx, c.sent, here)
		}
	}
	for _, df := range primarySet {
		df.primary = true
	}
	d.nameCounted(counted)
	d.applyToAllOf(allOf)
	d.applyToEvery(every)
	d.applyAllBut(allBut)
	d.readRosters()
	d.readColonLists()
	d.applyTitleCount() // after the lists: a list line is the better evidence
	d.calledDefendants()
	// a release whose first named person appears only after the generic
	// lead ("A Florida man was sentenced ...") still has that person first
	if len(primarySet) == 0 && len(d.defs) > 0 {
		d.defs[0].primary = true
		if len(bare) > 0 && bare[0] == d.defs[0] {
			for _, df := range bare {
				df.primary = true // "arrested Holloway, Lamar, and Murphy"
			}
		}
	}
}

// reLedeSubject is a lede's indefinite subject right before its verb.
var reLedeSubject = regexp.MustCompile(`^\s*an?\s+[^,;:()]{2,80}?\s+(?:(?:has|have|was|were|is|had)\s+)?(?:been\s+)?$`)

// rePluralLede is a plural subject of the lede's verb, with nobody named:
// "Leaders of a Colombian drug trafficking organization have pleaded
// guilty ...", the people named in the sentences after.
var rePluralLede = regexp.MustCompile(`^\s*(?:the\s+|two\s+|three\s+|four\s+|five\s+|both\s+)?(?:[\w’'-]+\s+){0,3}?(?:leaders|members|men|women|nationals|residents|citizens|defendants|brothers|sisters|siblings|owners|operators|executives|officers|smugglers|traffickers|individuals|people|aliens|fugitives|couple|pair)\b[^,;:()]{0,60}?\s+(?:have|were|are|had)\s+(?:been\s+)?(?:also\s+)?$`)

// pluralLede reports a plural lede subject that counts nobody: a number
// ("41 gang members were arrested") makes it a group, not the named few.
func pluralLede(lede string) bool {
	return !strings.ContainsAny(lede, "0123456789") && !strings.Contains(lede, "dozens") && !strings.Contains(lede, "hundreds") &&
		rePluralLede.MatchString(lede)
}

// reRelClause opens a relative clause.
var reRelClause = regexp.MustCompile(`\b(?:who|whom|whose|which)\b`)

// outsideRelative drops from a hit's targets the people named inside a
// relative clause after the hit's own object: in "ICE announced the arrest
// of Julio Xocop-Vicente, a criminal illegal alien who killed Amber Paris",
// the arrest is Xocop-Vicente's, not the victim's.
// beforeCharging drops from the targets of hit h the people named only
// after a later "charging" in the clause: they are that charge's
// ("HSI arrested Adys Lastres Morera ... days after the Department
// unsealed an indictment charging Raul Castro").
func beforeCharging(c *clause, targets []*defendant, h stageHit) []*defendant {
	if h.charging || len(targets) < 2 {
		return targets
	}
	limit := -1
	for _, o := range c.hits {
		if o.charging && o.pos > h.end {
			limit = o.pos
			break
		}
	}
	if limit < 0 {
		return targets
	}
	namedAfter := false
	for _, nm := range c.names {
		if nm.start-c.start >= limit && !nm.official {
			namedAfter = true
		}
	}
	if !namedAfter {
		return targets // "... an indictment charging them"
	}
	if h.typ == Charged && limit-h.end < 40 && objectsOfEarlierHit(c, h) {
		// "HSI arrested A ... days after the Department unsealed an
		// indictment charging X": A is the arrest's; the charge is X's,
		// told by the charging hit
		return nil
	}
	var out []*defendant
	for _, df := range targets {
		for _, nm := range c.names {
			if nm.start-c.start < limit && sameName(nm.key, df.key) {
				out = append(out, df)
				break
			}
		}
	}
	if len(out) == 0 {
		return targets // a surname or pronoun target: leave it be
	}
	return out
}

// objectsOfEarlierHit reports whether every name before hit h in clause c
// stands after an earlier hit of another stage: the object of that verb.
func objectsOfEarlierHit(c *clause, h stageHit) bool {
	first := -1
	for _, o := range c.hits {
		if o.pos < h.pos && o.typ != h.typ {
			first = o.end
			break
		}
	}
	if first < 0 {
		return false
	}
	for _, nm := range c.names {
		if p := nm.start - c.start; p < h.pos && p < first && !nm.official {
			return false
		}
	}
	return true
}

// misspelt returns the one defendant whose surname k is a misspelling of
// (one letter added, dropped, changed, or two swapped: "Haskel" for
// "Haskell", "Bonilla-Garica" for "Bonilla-Garcia"), or nil. Releases
// misspell names, and a misspelt surname otherwise becomes a defendant of
// its own.
func misspelt(fam map[string][]*defendant, k string) []*defendant {
	if len(k) < 5 {
		return nil
	}
	var out []*defendant
	for sur, dfs := range fam {
		if len(dfs) != 1 || sur[0] != k[0] || len(sur)-len(k) > 1 || len(k)-len(sur) > 1 || !oneEditApart(sur, k) {
			continue
		}
		if len(out) > 0 && out[0] != dfs[0] {
			return nil // two could be meant
		}
		out = dfs
	}
	return out
}

// oneEditApart reports whether a and b differ by one insertion, deletion,
// substitution or swap of neighbours.
func oneEditApart(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

// introducedBefore narrows the defendants a bare surname may stand for to
// those named in full before it: a defendant's relatives of one surname,
// introduced later in the release, do not make the surname ambiguous
// where it stands for the defendant alone. With none named before, all of
// them remain.
func introducedBefore(cands []*defendant, pos int) []*defendant {
	if len(cands) < 2 {
		return cands
	}
	n := 0
	var one *defendant
	for _, df := range cands {
		if df.first < pos {
			n++
			one = df
		}
	}
	if n == 1 {
		return []*defendant{one}
	}
	return cands
}

// objectsAfter reports whether a target of hit h is named in full after
// the verb in clause c: a list as the verb's object.
func objectsAfter(c *clause, targets []*defendant, h stageHit) bool {
	for _, df := range targets {
		for _, nm := range c.names {
			if nm.start-c.start >= h.end && sameName(nm.key, df.key) {
				return true
			}
		}
	}
	return false
}

// listContinuation returns the defendants of a clause that only goes on
// with a list of people printed with their ages ("Ishan Dhuka, 33, and
// Sahil Karovalia, 32, both of Rosenberg"), or nil when the clause is
// anything else.
func (d *doc) listContinuation(c *clause) []*defendant {
	if len(c.names) == 0 {
		return nil
	}
	lead := strings.TrimPrefix(c.low, "and ")
	if first := c.names[0].start - c.start; first != 0 && first != len(c.low)-len(lead) {
		return nil
	}
	var out []*defendant
	s := d.sents[c.sent]
	for i, nm := range c.names {
		if nm.official {
			return nil
		}
		// the entry's name, printed with an age or an appositive ("Weston
		// Coolidge, a businessman from Las Vegas"); later names without an
		// age are places and employers in the appositive ("both of Sugar
		// Land")
		if nm.age == 0 && (i > 0 || !reEntryAppositive.MatchString(s.low[nm.end:c.end])) {
			continue
		}
		if d.findMention(nm) == nil && d.classifyName(nm, s) != personName {
			continue
		}
		out = appendDef(out, d.listedDefendant(nm, s))
	}
	return out
}

// reEntryAppositive is what follows the name of a list entry: a
// description, or nothing.
var reEntryAppositive = regexp.MustCompile(`^(?:,? (?:an?|the) |\s*$)`)

func outsideRelative(c *clause, here []*defendant, h stageHit) []*defendant {
	if len(here) < 2 {
		return here
	}
	loc := reRelClause.FindStringIndex(c.low[h.end:])
	if loc == nil {
		return here
	}
	rel := h.end + loc[0]
	pos := func(df *defendant) int {
		for _, nm := range c.names {
			if sameName(nm.key, df.key) || len(df.key) == 1 && containsStr(nm.key, df.key[0]) {
				return nm.start - c.start
			}
		}
		return -1
	}
	object := false
	for _, df := range here {
		if p := pos(df); p >= h.end && p < rel {
			object = true
		}
	}
	if !object {
		return here
	}
	var out []*defendant
	for _, df := range here {
		if p := pos(df); p < 0 || p < rel {
			out = append(out, df)
		}
	}
	return out
}

// firstNamed returns the defendants named in the first clause that names any.
func (d *doc) firstNamed() []*defendant {
	for ci := range d.clauses {
		var here []*defendant
		for _, nm := range d.clauses[ci].names {
			if nm.official {
				continue
			}
			if df := d.findMention(nm); df != nil {
				here = appendDef(here, df)
			}
		}
		if len(here) > 0 {
			return here
		}
	}
	return nil
}

var rePluralGeneric = regexp.MustCompile(`\b(?:two|three|four|five|both|couple|pair|men|women|nationals|residents|citizens|defendants|leaders|members|brothers|sisters|siblings|owners|operators|executives|officers|smugglers|traffickers|individuals|people|aliens|fugitives|employees|workers|drivers|managers)\b|\band (?:his|her) (?:son|daughter|wife|husband|brother|sister|father|mother|nephew|niece|cousin|partner|girlfriend|boyfriend|co-defendant|accomplice)\b`)

// primaryOr resolves a generic subject phrase ("a Florida man", "two
// residents") to the release's main defendant(s): all of them for a plural
// subject, the first for a singular one.
// genericKeys gate reGeneric.
var genericKeys = []string{"man", "men", "national", "resident", "citizen", "teacher", "coach", "official", "defendant",
	"couple", "pair", "soldier", "caseworker", "father", "mother", "person", "individual", "offender", "predator",
	"trafficker", "smuggler", "employee", "commissioner", "officer", "pastor", "priest", "doctor", "nurse", "student",
	"alien", "fugitive", "general", "leader", "commander", "member", "executive", "owner", "driver", "worker", "operator",
	"dealer", "felon", "immigrant", "reservist", "veteran", "pilot", "contractor", "businessm", "businessw", "lawyer",
	"physician", "manager", "ringleader", "kingpin", "associate", "specialist", "sailor", "airman", "teen", "grandfather",
	"husband", "wife", "boyfriend", "engineer", "accountant", "broker", "banker", "pharmacist", "dentist", "therapist",
	"counselor", "mayor", "sergeant", "deputy", "trooper", "guard"}

func genericPhrase(low string) string {
	if !genericKeysSet.in(low) {
		return ""
	}
	loc := reGeneric.FindStringIndex(low)
	if loc == nil {
		return ""
	}
	// "a criminal illegal alien and his son": two people
	return low[loc[0]:loc[1]] + reAndRelative.FindString(low[loc[1]:])
}

// reAndRelative is a relative joined to a generic subject.
var reAndRelative = regexp.MustCompile(`^,? and (?:his|her) (?:son|daughter|wife|husband|brother|sister|father|mother|nephew|niece|cousin|partner|girlfriend|boyfriend|co-defendant|accomplice)\b`)

func (d *doc) primaryOr(primary []*defendant, phrase string) []*defendant {
	low := phrase
	if len(primary) > 0 {
		if rePluralGeneric.MatchString(low) {
			if role := d.introducedAs(low); len(role) >= 2 {
				return role // "the employees were charged with ..." after "along with employees A, B and C"
			}
			if len(primary) == 1 {
				return nil // "the employees" are not the one main defendant
			}
			return primary
		}
		return primary[:1]
	}
	// the generic subject precedes every name: take the first defendants
	// printed with an age, as the lead's subject usually is
	var out []*defendant
	for _, df := range d.defs {
		if df.age > 0 || len(out) == 0 {
			out = append(out, df)
			break
		}
	}
	return out
}

// introducedAs returns the defendants the release introduced with the
// plural role a generic subject names ("the employees" → "along with
// employees Gilver Martinez-Juanta, Miguel Angel Leal-Sanchez and
// Fernando Casas-Gamboa"): each printed after the role word with only
// other names, commas and "and" between.
func (d *doc) introducedAs(phrase string) []*defendant {
	f := strings.Fields(phrase)
	if len(f) == 0 {
		return nil
	}
	role := f[len(f)-1]
	var out []*defendant
	for _, df := range d.defs {
		if df.first <= 0 {
			continue
		}
		before := d.lowBody[max(0, df.first-160):df.first]
		i := strings.LastIndex(before, " "+role+" ")
		if i < 0 {
			continue
		}
		gap := before[i+len(role)+2:]
		ok := true
		for _, o := range d.defs {
			if o == df || o.first <= 0 || o.first < df.first-len(gap) || o.first >= df.first {
				continue
			}
			at := len(gap) - (df.first - o.first)
			gap = gap[:at] + strings.Repeat(" ", len(o.name)) + gap[min(len(gap), at+len(o.name)):]
		}
		for _, w := range strings.FieldsFunc(gap, func(r rune) bool { return r == ' ' || r == ',' }) {
			if w != "and" {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, df)
		}
	}
	return out
}

func possessiveEvent(after string) bool {
	after = strings.TrimLeft(after, "’'s ")
	for _, w := range []string{"sentence", "sentencing", "plea", "conviction", "arrest", "indictment", "guilty"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	// "36-year-old Annamarie Fleischman’s sentence" is read above; a
	// possessive otherwise names the person as owner, not subject
	return false
}

func insideName(names []nameMention, pos int) bool {
	for _, nm := range names {
		if pos >= nm.start && pos < nm.end {
			return true
		}
	}
	return false
}

func containsDef(list []*defendant, df *defendant) bool {
	for _, x := range list {
		if x == df {
			return true
		}
	}
	return false
}

func appendDef(list []*defendant, df *defendant) []*defendant {
	if containsDef(list, df) {
		return list
	}
	return append(list, df)
}

// rawFor builds the raw event of hit h in clause ci: its date (the nearest
// date after the phrase and before the next phrase, else the nearest before)
// and whether the date or the wording make it background.
func (d *doc) rawFor(ci int, h stageHit) rawEvent {
	key := [2]int{ci, h.pos}
	if r, ok := d.raws[key]; ok && r.typ == h.typ {
		return r
	}
	r := d.computeRaw(ci, h)
	if d.raws == nil {
		d.raws = map[[2]int]rawEvent{}
	}
	d.raws[key] = r
	return r
}

func (d *doc) computeRaw(ci int, h stageHit) rawEvent {
	c := &d.clauses[ci]
	r := rawEvent{typ: h.typ, clause: ci, hit: h}
	next := len(c.low)
	for _, hs := range [][]stageHit{c.hits, c.described} {
		for _, o := range hs {
			if o.pos > h.pos && o.pos < next {
				next = o.pos
			}
		}
	}
	var best *dateMention
	for i := range c.dates {
		dm := &c.dates[i]
		if rangeDate(c.low, dm.pos) || periodYear(c.low, dm.pos) {
			continue
		}
		if dm.pos >= h.end && dm.pos < next && !relativeBetween(c.low[h.end:dm.pos]) {
			if strings.HasPrefix(c.low[h.pos:], "fac") && strings.Contains(c.low[h.end:dm.pos], ", ") {
				// "now facing federal charges for ..., entered the United
				// States on Oct. 17, 2015": a present charge; the date is
				// another verb's
				continue
			}
			if best == nil || dm.pos < best.pos {
				best = dm
			}
		}
	}
	if best == nil {
		firstHit := len(c.low)
		for _, o := range c.hits {
			firstHit = min(firstHit, o.pos)
		}
		for i := range c.dates {
			dm := &c.dates[i]
			if dm.end <= h.pos && h.pos-dm.end < 150 && !rangeDate(c.low, dm.pos) && !periodYear(c.low, dm.pos) {
				// the nearest one before, unless another phrase lies
				// between; a date leading the clause ("On Oct. 20, 2017,
				// police arrested and charged ...") dates all its verbs
				between := false
				for _, o := range c.hits {
					if o.pos > dm.end && o.pos < h.pos && o.typ != h.typ && dm.end > firstHit {
						between = true
					}
				}
				if !between && (best == nil || dm.pos > best.pos) {
					best = dm
				}
			}
		}
	}
	if best == nil && next < len(c.low) && reAndChain.MatchString(c.low[h.end:next]) {
		// "arrested and charged her … on June 6, 2019": verbs joined by
		// "and" share the date that follows the last of them
		for _, o := range c.hits {
			if o.pos == next {
				nr := d.computeRaw(ci, o)
				r.date, r.dateYr, r.dateMo, r.old = nr.date, nr.dateYr, nr.dateMo, nr.old
			}
		}
	}
	if best != nil {
		r.dateYr, r.dateMo = best.year, best.month
		if best.exact {
			r.date = best.date
		}
		if !d.ref.IsZero() {
			if best.exact && best.date.Before(d.ref.AddDate(-1, 0, 0)) {
				r.old = true
			}
			if !best.exact && best.year > 0 && best.year < d.ref.Year() {
				r.old = true
			}
		}
	}
	r.history = historyFor(h.typ, c.low, h.pos) || d.otherCase(c.sent)
	return r
}

// rePreviouslyOthers is a sentence telling that other defendants were
// sentenced or convicted before.
var rePreviouslyOthers = regexp.MustCompile(`\b(?:other|co-?)(?:\s|-)?(?:defendants?|conspirators?)\b[^.;]*\b(?:were|have been|had been|was|has been) previously (?:convicted|sentenced)|\bpreviously (?:been )?(?:convicted|sentenced)\b[^.;]*\b(?:other|co-?)(?:\s|-)?(?:defendants?|conspirators?)\b`)

// reTitleDetainer is a title about an immigration detainer lodged with a
// jail.
var reTitleDetainer = regexp.MustCompile(`\b(?:lodges?|lodged|places?|placed|files?|filed|issues?|issued)\s+(?:an?\s+)?(?:immigration\s+|arrest\s+)?detainers?\b`)

// reArrestFollowing is the local arrest a detainer release tells: "...
// lodged an immigration detainer against X following his arrest by the
// Lee County Sheriff's Office April 9".
var reArrestFollowing = regexp.MustCompile(`\b(?:following|after|upon) (?:his|her|their) (?:recent )?arrests? (?:by|on|in|for)\b`)

// detainerArrest returns the arrest hit of a detainer release's clause.
func detainerArrest(low string) []stageHit {
	m := reArrestFollowing.FindStringIndex(low)
	if m == nil {
		return nil
	}
	return []stageHit{{typ: Arrest, pos: m[0], end: m[1]}}
}

// otherCase reports whether sentence si goes on telling another case than
// the release's own: a sentence of its paragraph, up to it, opens with "In
// a similar case ..." ("... arrested Gratien Milandou Wamba ... Officers
// arrested Milandou Wamba for immigration violations"), or it is, or
// follows, one that says other defendants were sentenced before.
func (d *doc) otherCase(si int) bool {
	if d.otherCases == nil {
		// once per release, in one pass: a flag carried to the paragraph's end
		d.otherCases = make([]bool, len(d.sents))
		on, next := false, false
		for sj := range d.sents {
			if sj > 0 && d.sents[sj].para != d.sents[sj-1].para {
				on, next = false, false
			}
			if next {
				d.otherCases[sj], next = true, false
				continue
			}
			if strings.HasPrefix(d.sents[sj].low, "in ") || strings.HasPrefix(d.sents[sj].low, "during ") {
				on = on || reOtherCaseLead.MatchString(d.sents[sj].low)
			}
			if on {
				d.otherCases[sj] = true
				continue
			}
			if strings.Contains(d.sents[sj].low, "previously") && rePreviouslyOthers.MatchString(d.sents[sj].low) {
				// "Three other defendants ... were previously sentenced.
				// His accomplices X was sentenced to 24 months ...": the
				// next sentence tells those past stages
				d.otherCases[sj], next = true, true
				continue
			}
			d.otherCases[sj] = on
		}
	}
	return d.otherCases[si]
}

// literal gates: one of them occurs wherever the guarded rule can match
var (
	reReportKeys = newKeySet("previously", "photos")
)

// rangeDate reports a date that bounds a range ("between Feb. 20, 2020, and
// May 8, 2025", "from 2019 to 2021"): neither end is an event's date.
func rangeDate(low string, pos int) bool {
	if pos >= 8 && low[pos-8:pos] == "between " || pos >= 5 && low[pos-5:pos] == "from " {
		return true
	}
	return pos >= 4 && (low[pos-4:pos] == "and " || low[pos-3:pos] == "to ") && strings.Contains(low[max(0, pos-40):pos], "between ")
}

// relativeBetween reports a relative clause opening between a stage verb
// and a date after it: "arrested a Brazilian alien whose tourist visa
// expired April 16, 2016" dates the visa, not the arrest.
func relativeBetween(between string) bool {
	return strings.Contains(between, " whose ") || strings.Contains(between, " who ") || strings.Contains(between, " which ") ||
		strings.Contains(between, " who’s ") || strings.Contains(between, " who's ")
}

// periodYear reports a year that names the period an offence concerns, not
// when anything happened: "a false tax return for the year 2000", "returns
// for tax years 2000 and 2001", "fiscal year 2019".
func periodYear(low string, pos int) bool {
	before := low[max(0, pos-24):pos]
	if strings.HasSuffix(before, "year ") || strings.HasSuffix(before, "years ") {
		return true
	}
	for _, join := range []string{"and ", "through ", "to ", "or "} {
		if strings.HasSuffix(before, join) {
			// the earlier years of the list: "years 2000, 2001 and 2002"
			b := strings.TrimSuffix(before, join)
			i := strings.LastIndex(b, "years ")
			if i < 0 {
				return false
			}
			rest := strings.TrimSpace(b[i+len("years "):])
			return rest != "" && strings.Trim(rest, "0123456789, ") == ""
		}
	}
	return false
}

// titleThenVerb reports a title followed by a stage verb before the name:
// "The U.S. Attorney's Office ... indicted Jose Leonardo Gutierrez-Mendez"
// names the defendant, not an official.
func titleThenVerb(lb string) bool {
	loc := reTitleBefore.FindStringIndex(lb)
	return loc != nil && len(stageHits(lb[loc[0]:])) > 0
}
