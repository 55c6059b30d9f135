package normalize

import (
	"regexp"
	"strings"
)

// Who a capitalised phrase names. Release prose capitalises statutes ("the
// Immigration and Nationality Act"), places ("of Woodland Hills"), units
// ("ERO Special Response teams"), operations ("Metro Surge"), gangs ("Tren
// de Aragua"), facilities ("Delaney Hall Detention Facility") and the
// words of a charge printed in title case ("Conspiracy to Distribute
// Fentanyl"). A defendant must be a person or an organisation: the phrase
// needs evidence of one, and no evidence against.
//
// Evidence against: the phrase ends in a word that heads a statute, place,
// facility, unit or operation name ("Act", "Valley", "Facility", "Squad");
// it opens with a word no name opens with ("Operation", "Distribute",
// "Community"); it is a known gang; it follows "Operation" or the ", of"
// of an appositive ("Arenas, 43, of Woodland Hills"); every word of it is
// printed in lower case elsewhere in the release ("Community Supervision"
// where "community supervision" also appears), which names never are.
//
// Evidence for outweighs the last test only: an age ("Mark Rice, 45,"), a
// descriptive appositive, an alias. Organisations are recognised by their
// legal form ("Inc.", "LLC", "Ltd", "Corp.", "S.A.", "N.V.", "Plc", "AG").

// nameKind is what a candidate defendant phrase names.
type nameKind int

const (
	notAName nameKind = iota
	personName
	orgName
)

var (
	// last words of names that are not people
	nonPersonHeads = wordSet(`act acts code valley hills beach bay harbor harbour parkway facility facilities display displays panel panels
		institution institutions complex center centre prison penitentiary jail academy corps guard army navy force forces
		squad sector unit units team teams response surge blitz market markets marketplace marketplaces customers data
		standards authority chapter province emirates war government way street road avenue boulevard
		heights springs island islands river mountains lake creek falls degree theft fraud laundering
		proceeding proceedings supervision resettlement convictions sentenced guilty properties plaza mall airport
		station terminal port county parish township village borough city town district circuit court courts
		division office department bureau agency administration commission council service services program project
		initiative operation operations task taskforce coalition alliance network organization cartel gang gangs
		enterprise conspiracy trafficking smuggling pornography material materials exploitation abuse offenses
		offense crimes charges counts firearms fentanyl methamphetamine cocaine heroin marijuana narcotics
		reservist reservists detention removal enforcement security investigations patrol protection hstf ero hsi
		registry campaign liberty vineyard hospital clinic school university college
		stadium arena hotel resort racetrack casino warehouse warehousing shipyard farm farms ranch gymnastics
		chairman vice president attorney judge agent director officer sheriff chief deputy inspector`)
	// first words of phrases that are not names
	nonPersonOpeners = wordSet(`operation project the distribute possessing possession transport transporting take
		identity money access first second third foreign joint professional restricted refugee community correctional
		detention darknet narcotics military marine coast navy army air major men women owner owners special united
		north south east west northern southern eastern western central upper lower greater new fort port mount lake
		saint san santa los las el la del de ciudad rio gulf pacific atlantic federal national international state
		district county city department office homeland immigration customs border enforcement internal secret
		conspiracy attempted aggravated sexual child production distribution receipt enticement coercion wire bank
		mail health care social medicare medicaid tax visa marriage passport naturalization citizenship sentencing
		sentenced convicted charged indicted pleads pleaded guilty today yesterday co-defendant co-conspirator
		defendant victim victims minor`)
	// gangs and cartels named in releases: organisations that are not
	// defendants of a case (the people in them are)
	gangWords = wordSet(`aragua michoacana salvatrucha salvatruchos crips bloods noreste zetas sinaloa jalisco mara
		sureños surenos paisas farc hezbollah hamas isis al-qaeda cartel cartels terrorist terrorists`)
	// legal forms of an organisation, as a name's last word (a trailing
	// "." dropped)
	orgForms = wordSet(`inc incorporated llc l.l.c ltd limited corp corporation co company plc s.a sa n.v nv ag gmbh
		llp lp l.p airlines airways bank foods`)
)

// orgFormEnd reports whether a lower-cased name ends in a legal form
// ("acme foods inc.", "grupo x s.a. de c.v."). A word lookup, not an
// end-anchored regexp: that one is tried from every byte of the name.
func orgFormEnd(low string) bool {
	w := strings.TrimSuffix(low, ".")
	if strings.HasSuffix(w, "s.a. de c.v") {
		i := len(w) - len("s.a. de c.v")
		return i == 0 || isSpaceASCII(w[i-1])
	}
	return orgForms[w[strings.LastIndexAny(w, asciiSpace)+1:]]
}

// asciiSpace is what \s matches in a Go regexp.
const asciiSpace = " \t\n\f\r"

func isSpaceASCII(c byte) bool { return strings.IndexByte(asciiSpace, c) >= 0 }

func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// classifyName says whether a candidate phrase found in sentence s names a
// person, an organisation or neither (see the comment at the top).
func (d *doc) classifyName(nm nameMention, s sentence) nameKind {
	if len(nm.key) == 0 {
		return notAName
	}
	lowName := strings.ToLower(nm.name)
	if orgFormEnd(lowName) {
		return orgName
	}
	if b := s.low[max(0, nm.start-80):nm.start]; tradeNameKeys.in(b) && reTradeName.MatchString(b) {
		return orgName // "HME Solutions Inc., dba Lifecare Medical (Lifecare Medical)", "company named Lifecare Medical"
	}
	first, last := nm.key[0], nm.key[len(nm.key)-1]
	if nonPersonHeads[last] || nonPersonOpeners[first] && !nm.strong {
		return notAName
	}
	for _, k := range nm.key {
		if gangWords[k] {
			return notAName
		}
	}
	before := s.low[max(0, nm.start-40):nm.start]
	if strings.HasSuffix(before, "operation ") || strings.HasSuffix(before, "operation “") || strings.HasSuffix(before, "operation \"") {
		return notAName // "Operation Metro Surge"
	}
	if cp := reCreditPhrase.FindStringIndex(s.low[:nm.start]); cp != nil && creditList(s.text[cp[1]:nm.start]) {
		return notAName // "following an investigation by ICE, ... Tucson Sector, Casa Grande, Pinal and Pima County Sheriff Departments"
	}
	if reNamedNotAccused.MatchString(before) {
		return notAName // "in honor of Katie Abraham", "brother of notorious dictator Fidel Castro": a person, no defendant
	}
	if reAppositivePlace.MatchString(before) {
		return notAName // "Arenas, 43, aka “Agent Zero,” of Woodland Hills"
	}
	if strings.HasSuffix(first, "-based") || reMemberOf.MatchString(before) {
		return notAName // "five high-ranking leaders of the Mexico-based Carteles Unidos"
	}
	if !nm.strong && d.allWordsLower(nm.key) {
		return notAName // "Community Supervision", "Progress Way"
	}
	return personName
}

// reCreditPhrase opens the part of a sentence that credits the agencies
// of a case ("following an investigation by", "with assistance from"): the
// capitalised words in it to the end of the sentence are agencies, units
// and places, as long as the sentence goes on listing them (creditList).
var (
	reCreditPhrase = regexp.MustCompile(`\b(?:investigation (?:led |conducted )?by|investigated by|(?:with )?(?:the )?(?:assistance|help|support) (?:of|from)|assisted by|in (?:partnership|coordination|collaboration|conjunction) with|joint(?:ly)? with)\s`)
)

// creditList reports whether the text between a credit phrase and a name
// only goes on listing agencies: capitalised words, commas, "and", "the",
// "of", dashes. A lower-case word of its own ("has resulted in",
// "apprehended", "into") ends the list.
func creditList(between string) bool {
	for _, w := range strings.Fields(between) {
		w = strings.Trim(w, ",()")
		if w == "" || w == "–" || w == "—" || w == "-" || w == "&" {
			continue
		}
		switch w {
		case "and", "the", "of", "for", "in", "on", "at":
			continue
		}
		if c := w[0]; !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// reNamedNotAccused ends the words before a person a release names for
// another reason than a case against them: the one an operation honours, a
// relative named to place the defendant.
var reNamedNotAccused = regexp.MustCompile(`\b(?:in (?:honor|honour|memory) of|named (?:for|after)|(?:brother|sister|son|daughter|father|mother|wife|husband|widow|widower|cousin|nephew|niece|uncle|aunt|grandson|granddaughter|grandfather|grandmother) of) (?:the )?(?:(?:late|former|notorious|slain|deceased|murdered|dictator|president|leader|victim)\s+)*$`)

// reMemberOf ends the words before a group's name: "leaders of the",
// "a member of".
var reMemberOf = regexp.MustCompile(`\b(?:leaders?|members?|heads?|bosses|boss|associates?|affiliates?|factions?|cells?|wing|branch) of (?:the )?$`)

// reAppositivePlace is the end of an appositive that a place follows:
// "X, 43, of", "X, also known as Y, of", "a resident of".
var reAppositivePlace = regexp.MustCompile(`(?:,\s*(?:\d{1,2}\s*,\s*)?(?:[^,]{0,40},\s*)?of|\bresidents? of|\bnatives? of|\bcitizens? of|\bnationals? of)\s+$`)

// allWordsLower reports whether every word of a name also appears in lower
// case in the release, as the words of "Community Supervision" do and the
// words of a person's name do not.
func (d *doc) allWordsLower(key []string) bool {
	if len(key) < 2 {
		return false
	}
	for _, k := range key {
		if len(k) < 3 || !d.bodyHasWord(k) {
			return false
		}
	}
	return true
}

// NonPersonName reports a defendant name that, read alone, is no person
// or organisation: it ends in a word that heads a statute, place, facility,
// unit or operation name, opens with a word no name opens with, or names a
// gang. It is the context-free part of classifyName, for checks over
// stored events (the evaluator's error kinds, the review sheet).
func NonPersonName(name string) bool {
	var key []string
	for _, w := range strings.Fields(name) {
		if k := nameKey(w); k != "" && !isSuffix(k) {
			key = append(key, k)
		}
	}
	if len(key) == 0 || orgFormEnd(strings.ToLower(name)) {
		return false
	}
	if nonPersonHeads[key[len(key)-1]] || len(key) > 1 && nonPersonOpeners[key[0]] {
		return true
	}
	for _, k := range key {
		if gangWords[k] {
			return true
		}
	}
	return false
}

// orgSubject reports an organisation named as the subject of the clause's
// stage ("On Dec. 16, Sharp Corp. pleaded guilty", "Tyson Foods Inc. was
// sentenced"): the only way releases name a company as a defendant that
// is not also how they name its customers and victims ("sold to Dell Inc.").
func orgSubject(c *clause, nm nameMention, s sentence, dateline int) bool {
	if len(c.hits) == 0 {
		return false
	}
	from := c.start
	if s.start < dateline && c.start == 0 {
		from = min(dateline-s.start, nm.start) // "WASHINGTON — Harbor Grain Inc. pleaded guilty"
	}
	if h := c.hits[0]; c.start+h.end <= nm.start && reCompanyPredicate.MatchString(s.low[c.start:nm.start]) {
		return true // "The company charged is Cannon Seafood Inc."
	}
	lead := reLeadIn.FindString(s.low[from:])
	if gap := s.low[from+len(lead) : nm.start]; strings.TrimSpace(gap) != "" && !orgListGap(gap, c, nm) {
		return false
	}
	return c.hits[0].pos >= nm.end-c.start
}

// orgListGap reports whether the words before a company's name are a
// plural subject and the companies listed before it: "three air cargo
// carriers, LAN Cargo S.A. (LAN Cargo), " before "Aerolinhas Brasileiras
// S.A.".
func orgListGap(gap string, c *clause, nm nameMention) bool {
	m := reCompaniesSubject.FindStringIndex(gap)
	if m == nil {
		return false
	}
	rest := []byte(gap[m[1]:])
	off := len(gap) - len(rest) // where rest begins within the gap
	base := nm.start - len(gap)
	for _, o := range c.names {
		for i := o.start - base - off; i < o.end-base-off; i++ {
			if i >= 0 && i < len(rest) {
				rest[i] = ' '
			}
		}
	}
	left := reParenAbbrev.ReplaceAllString(string(rest), " ")
	left = strings.NewReplacer(",", " ", " and ", " ", ".", " ").Replace(" " + left + " ")
	return strings.TrimSpace(left) == ""
}

// reCompaniesSubject is a plural subject that a list of companies follows:
// "three air cargo carriers, ", "the companies, ".
var reCompaniesSubject = regexp.MustCompile(`^(?:the |two |three |four |five |\d+ )?(?:[\w-]+ ){0,3}(?:carriers|companies|corporations|firms|airlines|banks|businesses),\s*`)

// reParenAbbrev is a company's short name in parentheses: "(LAN Cargo)".
var reParenAbbrev = regexp.MustCompile(`\([^()]{1,30}\)`)

// reTradeName ends the words before a company's trade name: "dba ",
// "doing business as ", "a company named ", and the short form in
// parentheses after one ("dba Lifecare Medical (").
var reTradeName = regexp.MustCompile(`(?:\bdba|\bd/b/a|\bdoing business as|\b(?:company|firm|business|corporation) (?:named|called))\s+$|\bdba [^()]{1,60}\($`)

// tradeNameKeys gate reTradeName.
var tradeNameKeys = newKeySet("dba", "d/b/a", "doing business", "named", "called")

// reCompanyPredicate is a company told as the one a stage names, by a
// copula before its name: "The company charged is", "the corporation
// sentenced was".
var reCompanyPredicate = regexp.MustCompile(`\b(?:company|corporation|firm|business|companies|corporations|firms)\s+(?:also\s+)?(?:charged|sentenced|convicted|indicted)\s+(?:is|was|are|were)\s+$`)

// OrganisationName reports a defendant name that ends in a legal form
// ("Tyson Foods Inc", "Lloyds TSB Bank plc"): an organisation, not a
// person. The views' defendant_kind macro (schemas/views/050_macros.sql)
// reads stored names by the same list.
func OrganisationName(name string) bool {
	return orgFormEnd(strings.ToLower(name))
}
