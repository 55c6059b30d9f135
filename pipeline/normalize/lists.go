package normalize

import (
	"regexp"
	"strings"
)

// Releases about many defendants print them as a list and tell a stage once
// for all of them: "Each defendant was convicted of conspiring to
// distribute ..." before a sentencing list, or an indictment release whose
// defendants follow as a roster, one per line ("Amado Calderon-Calderon,
// aka “Don Juan”, 46, Guatemala"). The stage belongs to every person of the
// list, not to the first one or to nobody.

// reEveryDefendant is a subject that stands for all the release's
// defendants: "each defendant", "all of the defendants", "the defendants",
// a bare "All are charged with ...", not a counted "all four defendants",
// which may be some of them.
var reEveryDefendant = regexp.MustCompile(`(?:^|[,;:] |\band )(?:each|every|all)(?: of the)? (?:\w+ )?(?:defendants?|men|women|individuals?|persons?|suspects?|co-defendants?|co-conspirators?)\b[^,;]*$|^(?:the|these|those) (?:\w+ )?(?:defendants|co-defendants|co-conspirators)(?: \w+){0,2} (?:were|have|had|each|all)\b[^,;]*$|^all (?:are|were|have|had)\b[^,;]*$`)

// everyKeys gate reEveryDefendant.
var everyKeys = newKeySet("each", "every", "all ", "defendants", "co-defendants", "co-conspirators")

// reCountedAll is "all four defendants", which may be some of them.
var reCountedAll = regexp.MustCompile(`\ball (?:\d+|` + numWordAlt + `) `)

// reAllCounted is a counted "all" subject: "All four indicted individuals
// were arrested".
var reAllCounted = regexp.MustCompile(`(?:^|[,;:] |\band )all (\d+|` + numWordAlt + `)(?: (?:[\w-]+ )?(?:defendants|individuals|men|women|people|persons|suspects|co-defendants|co-conspirators)\b)?[^,;]*$`)

// applyToEvery gives each stage told of "each defendant" to every named
// defendant of the release.
func (d *doc) applyToEvery(every []rawEvent) {
	if len(every) == 0 {
		return
	}
	d.registerListLines()
	for _, df := range d.defs {
		for _, r := range every {
			df.raws = append(df.raws, r)
		}
	}
}

// reAllBut is a subject of all the release's defendants save some: "All
// but two of the above-named individuals were arrested".
var reAllBut = regexp.MustCompile(`(?:^|[,;:] )all but (?:\d+|` + numWordAlt + `) of the (?:[\w-]+ )?(?:defendants|individuals|people|persons|men|women|suspects|co-conspirators)\b[^,;]*$`)

// applyAllBut gives a stage told of "all but two of the defendants" to
// every defendant the next sentence does not name ("West and Jimmy
// Ylimaki remain at large"): by full name, or by a family name no other
// defendant shares. With nobody named there it gives nothing.
func (d *doc) applyAllBut(raws []rawEvent) {
	if len(raws) == 0 {
		return
	}
	family := map[string]int{} // defendants by family name
	for _, df := range d.defs {
		family[df.key[len(df.key)-1]]++
	}
	for _, r := range raws {
		next := d.clauses[r.clause].sent + 1
		if next >= len(d.sents) {
			continue
		}
		low := d.sents[next].low
		var keep []*defendant
		except := 0
		at := d.sents[next-1].start
		for _, df := range d.defs {
			if df.first >= at {
				continue // named after it: not one of "the above-named"
			}
			fam := df.key[len(df.key)-1]
			if strings.Contains(low, strings.ToLower(df.name)) || family[fam] == 1 && hasWord(low, fam) {
				except++
				continue
			}
			keep = append(keep, df)
		}
		if except == 0 {
			continue
		}
		giveStage(keep, r)
	}
}

// registerListLines takes for defendants the people who open the lines
// of a block of three or more lines that each begin with a person's name:
// a list with no introduction of its own ("Each individual has been
// charged with ...", then "Noe Ardon, of Honduras, was indicted on June
// 25, 2024;" ... "Nidia Maradiaga-Flores, of Honduras, is scheduled for
// trial"), so the stage told of every defendant reaches the entries that
// report none.
func (d *doc) registerListLines() {
	var block []int // clause indexes of the current block's lines
	flush := func() {
		if len(block) >= 3 {
			for _, ci := range block {
				c := &d.clauses[ci]
				df := d.listedDefendant(c.names[0], d.sents[c.sent])
				df.listed = true
			}
		}
		block = block[:0]
	}
	prevSent := -1
	for ci := range d.clauses {
		c := &d.clauses[ci]
		if c.sent == prevSent {
			continue
		}
		prevSent = c.sent
		s := d.sents[c.sent]
		if s.start > 0 && d.rec.Body[s.start-1] != '\n' {
			continue // a later sentence of the same line
		}
		if !d.entryPerson(c, s) {
			flush()
			continue
		}
		block = append(block, ci)
	}
	flush()
}

// readRosters finds runs of short lines that each open with a defendant's
// name and report no stage of their own (a roster), and gives every name in
// the run the stage of the line that introduces it. A short capitalised line
// whose name was not read does not break the run.
func (d *doc) readRosters() {
	var run []int // clause indexes of the current roster run
	named := 0
	flush := func() {
		if named >= 3 {
			d.assignRoster(run)
		}
		run, named = run[:0], 0
	}
	prevSent := -1
	for ci := range d.clauses {
		c := &d.clauses[ci]
		if c.sent == prevSent {
			continue // one line, one entry
		}
		prevSent = c.sent
		switch d.rosterLine(c) {
		case 2:
			named++
			run = append(run, ci)
		case 1:
			if len(run) > 0 {
				run = append(run, ci)
			}
		default:
			flush()
		}
	}
	flush()
}

// rosterLine rates a clause as a roster entry: 2 for a whole short line
// that opens with a defendant's name and reports no stage, 1 for a short
// capitalised line without a stage (an entry whose name was not read), 0
// otherwise.
func (d *doc) rosterLine(c *clause) int {
	s := d.sents[c.sent]
	if len(c.hits) > 0 || c.start != 0 || s.end-s.start > 240 || s.start > 0 && d.rec.Body[s.start-1] != '\n' {
		return 0
	}
	if len(c.names) > 0 && c.names[0].start == 0 && !c.names[0].official &&
		(d.findMention(c.names[0]) != nil || d.classifyName(c.names[0], s) != notAName) {
		return 2 // "Thomas L. Crowder Jr. of Leonardtown, Md."
	}
	if s.text != "" && s.text[0] >= 'A' && s.text[0] <= 'Z' && !strings.HasSuffix(strings.TrimSpace(s.text), ":") {
		return 1
	}
	return 0
}

// assignRoster gives the roster's people the stage of the line that
// introduces it ("The following residents were each charged with ...:",
// "Among the criminal aliens arrested were:"), or the title's stage when the
// introduction reports none ("The defendants are:"). A run with no
// introduction (names printed for another reason) gets nothing.
func (d *doc) assignRoster(run []int) {
	intro, skipped := -1, 0
	for ci := run[0] - 1; ci >= 0 && skipped <= 3; ci-- {
		if d.rosterLine(&d.clauses[ci]) > 0 {
			skipped++ // a line of the list that was not read as one
			continue
		}
		intro = ci
		break
	}
	if intro < 0 {
		return
	}
	// an introduction: "... were each charged with ...:", "the following",
	// or, right before the list, a sentence telling a stage of plural
	// people ("The remaining defendants charged in the indictment are
	// fugitives.")
	low := d.sents[d.clauses[intro].sent].low
	if !reListIntro.MatchString(low) && !(skipped == 0 && len(d.clauses[intro].hits) > 0 && rePluralPeople.MatchString(low)) {
		return
	}
	var lead rawEvent
	if c := &d.clauses[intro]; len(c.hits) > 0 {
		lead = d.rawFor(intro, c.hits[len(c.hits)-1])
	} else if d.head.stage != "" {
		lead = rawEvent{typ: d.head.stage}
	} else {
		return
	}
	for ci := intro + 1; ci <= run[len(run)-1]; ci++ {
		c := &d.clauses[ci]
		if len(c.names) == 0 || c.names[0].start > 0 {
			continue
		}
		nm := c.names[0]
		if nm.official || d.rosterLine(c) != 2 {
			continue
		}
		// a list line names its person without an age: "Keith A.
		// Collins of Deale, Md."
		df := d.listedDefendant(nm, d.sents[c.sent])
		df.listed = true
		if hasNewsType(df.raws, lead.typ) {
			continue
		}
		r := lead
		r.clause = ci // the line is the evidence
		r.hit = stageHit{typ: lead.typ}
		df.raws = append(df.raws, r)
	}
}

// rePluralPeople names several people.
var rePluralPeople = regexp.MustCompile(`\b(?:defendants|individuals|men|women|people|persons|members|suspects|aliens|nationals|co-conspirators|co-defendants|residents|offenders|predators|criminals|fugitives)\b`)

// reListIntro is a sentence that introduces a list of people.
var reListIntro = regexp.MustCompile(`:\s*$|\bthe following\b|\bas follows\b|\b(?:are|were|include|included|including)\s*:`)

// giveStage gives r to each of dfs that has no stage of its type yet.
func giveStage(dfs []*defendant, r rawEvent) {
	for _, df := range dfs {
		if !hasType(df.raws, r.typ) {
			df.raws = append(df.raws, r)
		}
	}
}

// hasNewsType reports a stage of typ that is not the person's history: a
// list entry "arrested multiple times for domestic battery" still takes
// the list's arrest.
func hasNewsType(raws []rawEvent, typ string) bool {
	for _, r := range raws {
		if r.typ == typ && !r.history {
			return true
		}
	}
	return false
}

func hasType(raws []rawEvent, typ string) bool {
	for _, r := range raws {
		if r.typ == typ {
			return true
		}
	}
	return false
}

// readColonLists reads the other list shape of indictment and takedown
// releases: a sentence that ends in a colon and introduces people ("The
// individuals arrested are:", "The indictment charges:", "Those charged
// ... include:"), then one paragraph per defendant that opens with the
// name and goes on to describe the role, often at length and with stages
// of its own ("Hexi Wang, 32, of El Monte, who manages ...;"). The
// roster reader leaves these alone because the lines are long or report a
// stage; the introduction's stage still belongs to every entry.
func (d *doc) readColonLists() {
	var firstClause []int // by sentence
	var enforcement int8  // 1 for an immigration enforcement release, 2 when not, 0 unread
	for ci := range d.clauses {
		c := &d.clauses[ci]
		s := d.sents[c.sent]
		if ci+1 < len(d.clauses) && d.clauses[ci+1].sent == c.sent {
			continue // the sentence's last clause carries the colon
		}
		if !strings.HasSuffix(strings.TrimSpace(s.text), ":") || !lineEndsAt(d.rec.Body, s.end) {
			continue // a list's introduction ends its line
		}
		if firstClause == nil {
			firstClause = d.firstClauses()
		}
		if strings.Contains(s.low, "among") {
			continue // examples of a group ("Among those arrested were:"): the group is the news
		}
		entries := d.colonEntries(c.sent, firstClause)
		if len(entries) < 2 {
			continue
		}
		if enforcement == 0 {
			enforcement = 2
			if d.enforcementRelease() {
				enforcement = 1
			}
		}
		if enforcement == 1 && !(d.head.count > 0 && len(entries) == d.head.count) && !d.noGroupTotal(len(entries)) {
			// people an immigration operation arrested, listed with their
			// records: the group is the news, unless the list holds every
			// one of the people the title counts ("ICE San Diego arrests 4
			// convicted child sex predators ... Those arrested include:")
			// or the release gives no total at all ("ICE continues to
			// arrest violent criminal illegal aliens in Chicago ... Of
			// those arrested ..., violent criminal illegal aliens
			// include:"): then the people listed are the arrests it reports
			return
		}
		var lead rawEvent
		switch m := reThoseStaged.FindStringSubmatch(s.low); {
		case len(c.hits) > 0:
			lead = d.rawFor(ci, c.hits[len(c.hits)-1])
		case m != nil:
			lead = rawEvent{typ: participleStage[m[1]]}
		case d.head.stage != "" && rePluralPeople.MatchString(s.low) || d.head.stage != "" && strings.Contains(s.low, "charges"):
			lead = rawEvent{typ: d.head.stage}
		default:
			continue
		}
		for _, ei := range entries {
			ec := &d.clauses[ei]
			nm := ec.names[0]
			df := d.listedDefendant(nm, d.sents[ec.sent])
			df.listed = true
			if hasNewsType(df.raws, lead.typ) {
				continue
			}
			r := lead
			r.clause = ei
			r.hit = stageHit{typ: lead.typ}
			df.raws = append(df.raws, r)
		}
	}
}

// reThoseStaged is a list's introduction whose subject is the people of a
// stage, with no verb of its own: "Those charged with marriage fraud
// conspiracy ... include:", "The individuals arrested are:".
var reThoseStaged = regexp.MustCompile(`^(?:those|the (?:\w+ )?(?:people|persons|individuals|defendants|suspects|men|women|subjects)) (?:who were )?(charged|indicted|arrested|convicted|sentenced)\b`)

// participleStage maps reThoseStaged's participle to its stage.
var participleStage = map[string]string{"charged": Charged, "indicted": Charged, "arrested": Arrest, "convicted": Convicted, "sentenced": Sentenced}

// listedPeople counts the people a list introduced by a line ending in a
// colon gives one per line, named ("Hernan Cortes-Valencia, a criminal
// illegal alien from Mexico ...") or not ("A 53-year-old Mexican male
// convicted of ..."), and returns the introduction. Two or more make a
// list.
func (d *doc) listedPeople() (int, sentence, bool) {
	var first []int // by sentence, built when a list is found
	for si, s := range d.sents {
		if !strings.HasSuffix(strings.TrimSpace(s.text), ":") || !lineEndsAt(d.rec.Body, s.end) || !rePluralPeople.MatchString(s.low) {
			continue
		}
		if first == nil {
			first = d.firstClauses()
		}
		n := 0
		for sj := si + 1; sj < len(d.sents); sj++ {
			t := d.sents[sj]
			if t.start > 0 && d.rec.Body[t.start-1] != '\n' {
				continue // the entry's paragraph goes on
			}
			if !reUnnamedEntry.MatchString(t.low) && (first[sj] < 0 || !d.entryPerson(&d.clauses[first[sj]], t)) {
				break
			}
			n++
		}
		if n >= 2 {
			return n, s, true
		}
	}
	return 0, sentence{}, false
}

// reUnnamedEntry opens a list entry that describes a person without a
// name: "A 35-year-old Mexican male", "A 37-year-Honduran male".
var reUnnamedEntry = regexp.MustCompile(`^an? (?:\d{1,2}|[a-z]+-[a-z]+)[- ](?:year|old)`)

// entryPerson reports whether clause c, the first of sentence s, opens
// with the name of a person a list entry gives: not an official's or a
// place's, and printed with an age, an alias or a home town, or already a
// defendant.
func (d *doc) entryPerson(c *clause, s sentence) bool {
	if c.start != 0 || len(c.names) == 0 || c.names[0].start != 0 {
		return false
	}
	nm := c.names[0]
	if nm.official || nm.place || isPlace(nm.key) {
		return false
	}
	if !nm.strong && !homeAfter(s.text[nm.end:]) && d.findMention(nm) == nil {
		return false
	}
	return d.classifyName(nm, s) != notAName
}

// firstClauses returns each sentence's first clause index (-1 for none).
func (d *doc) firstClauses() []int {
	first := make([]int, len(d.sents))
	for i := range first {
		first[i] = -1
	}
	for cj := len(d.clauses) - 1; cj >= 0; cj-- {
		first[d.clauses[cj].sent] = cj
	}
	return first
}

// noGroupTotal reports an enforcement release that counts no group
// larger than its list of n people: no number in the title ("dozens" is
// none), none in the lede, and no arrest total in the body ("more than
// 1,300 arrested" in Operation Charlotte's Web, whose list are examples).
func (d *doc) noGroupTotal(n int) bool {
	if d.head.count > 0 && !d.head.vague {
		return false
	}
	if _, c := d.ledeGroup(); c > 0 {
		return false
	}
	for _, g := range d.unnamedEvents(true, nil, "", &lazyCats{d: d}, Arrest) {
		if g.PersonCount > n {
			return false
		}
	}
	return true
}

// lineEndsAt reports whether only spaces stand between offset i and the
// next line break or the end of body.
func lineEndsAt(body string, i int) bool {
	for ; i < len(body); i++ {
		switch body[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// listedDefendant returns the defendant a list entry names, registering
// one the reader had not taken for a defendant (no stage or age of its
// own).
func (d *doc) listedDefendant(nm nameMention, s sentence) *defendant {
	if df := d.findMention(nm); df != nil {
		return df
	}
	df := &defendant{name: nm.name, key: nm.key, aliases: nm.aliases, age: nm.age, first: s.start + nm.start, lastSeen: -1,
		org: d.classifyName(nm, s) == orgName}
	d.defs = append(d.defs, df)
	return df
}

// colonEntries returns the first clause of each list entry after sentence
// si: every paragraph that opens with a person's name, up to the first
// paragraph that does not. Sentences inside an entry's paragraph belong to
// it.
func (d *doc) colonEntries(si int, firstClause []int) []int {
	var out []int
	for sj := si + 1; sj < len(d.sents); sj++ {
		s := d.sents[sj]
		if s.start > 0 && d.rec.Body[s.start-1] != '\n' {
			continue // the entry goes on
		}
		ci := firstClause[sj]
		if ci < 0 {
			break
		}
		if !d.entryPerson(&d.clauses[ci], s) {
			break
		}
		out = append(out, ci)
	}
	return out
}
