package normalize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A person's name as releases print it: capitalised words (initials,
// hyphens, apostrophes, accents), with particles (de, del, y, van ...) and a
// generational suffix.
var reName = newStartRe(`\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*\.?(?:\s+(?:(?:de|del|de la|de los|la|las|los|van|von|der|den|da|das|dos|do|di|du|le|y|bin|ibn|al|el)\s+)?\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*\.?)*(?:,?\s+(?:Jr|Sr)\b\.?)?`,
	upperLits...)

// Words that cannot be part of a defendant's name; a capitalised run is cut
// at them. Titles among them mark the name that follows as an official's.
var nameStop = map[string]bool{}
var titleWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`judge judges attorney attorneys agent agents charge director chief officer officers
		detective detectives secretary ambassador commissioner sheriff general deputy governor mayor senator president inspector
		superintendent colonel captain lieutenant sergeant gen brig maj lt col capt sgt trooper prosecutor prosecutors counsel attaché attache paralegal constable
		administrator marshal assistant acting senior trial magistrate executive associate principal head honorable hon
		investigator investigators analyst spokesperson spokesman spokeswoman dr mr mrs ms sac asac rac fod pastor reverend professor`) {
		nameStop[w] = true
		titleWords[w] = true
	}
	for _, w := range strings.Fields(`u.s us u.s. united states state federal department office police county court courts division
		section unit task force center centre bureau service services homeland security investigations investigation immigration
		customs enforcement removal operations operation border patrol protection national international internet crimes crime
		against children justice airport university college school church street avenue road drive boulevard highway farms inc llc
		company corporation administration agency commission council program project safe childhood initiative alliance coalition
		team group organization cartel gang network ice hsi ero fbi dhs doj atf dea cbp usms uspis ncmec icac ceos x twitter
		facebook instagram youtube threads bluesky truth social the a an this that these those on in at of for from with by
		according following after before during between under since as and or but if when while he she they his her their it its
		we our i my you your some all each both one two three four five six seven eight nine ten also approximately nearly more
		today yesterday monday tuesday wednesday thursday friday saturday sunday january february march april may june july
		august september october november december jan feb mar apr jun jul aug sep sept oct nov dec district eastern western
		northern southern middle central northeast northwest southeast southwest north south east west american mexican
		guatemalan honduran salvadoran venezuelan new old san santa los las el fort st saint lake city county's american
		republic kingdom committee commission fugitive fugitives criminal alien aliens illegal defendant defendants victim
		victims minor minor's child according read learn report members member officials authorities partners partner law
		marshals patrol highway field resident residents native nation nations tribe tribal cyber tip tipline line hotline
		know2protect k2p psa playlist campaign digital safety series channel case cases indictment complaint information
		release press news washington d.c dc known2protect sheriff's attorney's department's office's court's texas florida
		california arizona puerto rico mexico guatemala honduras el peru ohio jersey york
		alabama missouri kentucky tennessee washington oregon nevada utah colorado idaho montana wyoming nebraska kansas
		oklahoma louisiana arkansas mississippi illinois indiana michigan wisconsin minnesota iowa pennsylvania maryland
		delaware connecticut massachusetts vermont maine hampshire rhode island alaska hawaii guam virgin islands columbia
		ghana mexico's trafficking sex production attempted enticement forced labor pornography online possession distribution
		receipt transportation abuse sexual exploitation material materials conspiracy counts count felony murder assault
		coercion minor minors obscene aggravated kidnapping firearm firearms registration offender offenders registry
		immigrants migrants co-defendant co-defendants co-conspirator co-conspirators accomplice accomplices`) {
		nameStop[w] = true
	}
}

// Places that look like names.
var reAgeAfter = regexp.MustCompile(`^,?\s*(?:age\s+|aged\s+)?(\d{1,2})\s*(?:[,);]|\.?$)|^,\s+(?:an?|the)\s+(\d{1,2})[- ]year[- ]old|^\s*\((\d{1,2})\)`)
var reAgeBefore = regexp.MustCompile(`(\d{1,2})[- ]year[- ]old\s+$`)
var reAppositive = regexp.MustCompile(`^,\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,6}?(?:man|woman|resident|national|citizen|native|teacher|coach|predator|offender|soldier|caseworker|manager|employee|member|leader|trafficker|smuggler|official|commissioner|father|mother|illegal|alien|noncitizen|former|registered|convicted|alleged)\b`)
var reAKA = regexp.MustCompile(`^,?\s*(?:also known as|a/k/a|aka|a\.k\.a\.),?\s*["“'‘]?([^"”’',;]+)`)
var reOfficialAfter = regexp.MustCompile(`^,?\s*(?:the\s+|an?\s+)?(?:acting\s+|interim\s+|former\s+)?(?:u\.s\.\s+|united states\s+|assistant\s+|deputy\s+|principal\s+|special\s+|executive\s+|senior\s+|chief\s+|trial\s+)*(?:attorney|agent|director|judge|chief|head|commissioner|sheriff|secretary|ambassador|administrator|spokes|superintendent|inspector|officer|prosecutor|assistant attorney general|attorney general|field office)`)

// nameMention is one personal name found in a sentence.
type nameMention struct {
	start, end int      // byte offsets in the sentence text
	name       string   // as written
	key        []string // folded tokens, suffix dropped
	official   bool     // a judge, prosecutor, agent or other official
	age        int
	strong     bool // printed with an age or a descriptive appositive: a defendant
	possessive bool
	place      bool // followed by a state: "Santa Rosa Beach, Fla."
	aliases    []string
}

// findNames returns the personal names in the sentence text (quoted speech
// and datelines excluded by the caller through skip).
func findNames(text, masked string, skipBefore int) []nameMention {
	var out []nameMention
	masked = blankNicknames(masked)
	masked = blankOrgPlace(masked)
	masked = joinDottedForms(masked)
	for _, m := range reName.FindAllStringIndex(masked, -1) {
		if m[1] <= skipBefore {
			continue
		}
		if m[0] > 0 && !gluedAnd(masked, m[0]) {
			// "S. Army" inside "U.S. Army" is no name: start after it
			if c := masked[m[0]-1]; c == '.' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
				sp := strings.IndexByte(masked[m[0]:m[1]], ' ')
				if sp < 0 {
					continue
				}
				m[0] += sp + 1
			}
			if strings.HasSuffix(strings.TrimRight(masked[:m[0]], " "), "&") {
				continue
			}
		}
		if strings.HasPrefix(strings.TrimLeft(masked[m[1]:], " "), "&") {
			continue // a firm: "San Diego Powder & Protective Coatings"
		}
		out = appendNameParts(out, text, m[0], m[1])
	}
	return out
}

// blankNicknames blanks the marks of a masked quotation between two words
// of a name, so 'Jimmy "Jimbo" Sullivan' reads as one name (the masked
// text already blanked the nickname itself; offsets are kept).
func blankNicknames(masked string) string {
	if !strings.Contains(masked, "\"") && !strings.Contains(masked, "“") {
		return masked
	}
	return reEmptyQuote.ReplaceAllStringFunc(masked, func(q string) string {
		return strings.Repeat(" ", len(q))
	})
}

// gluedAnd reports a name glued to the "and" before it, a typo the
// releases print ("Michael Jacques, 24, andThomas Gleason,21").
func gluedAnd(s string, at int) bool {
	return at >= 3 && s[at-3:at] == "and" && (at == 3 || s[at-4] == ' ')
}

// blankOrgPlace blanks the parentheses of a place inside a company's name
// ("KIK (Virginia) LLC"), so the name reads whole; offsets are kept.
func blankOrgPlace(masked string) string {
	if !strings.Contains(masked, "(") {
		return masked
	}
	return reOrgPlace.ReplaceAllStringFunc(masked, func(m string) string {
		b := []byte(m)
		for i, c := range b {
			if c == '(' || c == ')' {
				b[i] = ' '
			}
		}
		return string(b)
	})
}

// joinDottedForms rewrites a dotted legal form inside the masked text so
// the name pattern reads it as one word ("LAN Cargo S.A. (LAN Cargo)":
// "S.A." becomes "SA.." in place, offsets kept; the name is cut from the
// original text).
func joinDottedForms(masked string) string {
	if !strings.Contains(masked, ".A.") && !strings.Contains(masked, ".V.") {
		return masked
	}
	return reDottedForm.ReplaceAllStringFunc(masked, func(m string) string {
		return m[:1] + m[2:3] + ".."
	})
}

// reDottedForm is a two-letter legal form written with dots.
var reDottedForm = regexp.MustCompile(`\b(?:S\.A|N\.V)\.`)

// reOrgPlace is a capitalised word in parentheses before a legal form.
var reOrgPlace = regexp.MustCompile(`\(\p{Lu}[\p{L}.-]*(?: \p{Lu}[\p{L}.-]*)?\) (?:LLC|L\.L\.C\.|Inc\b|Corp\b|Corporation|Co\.|Company|Ltd\b|Limited|S\.A\.|N\.V\.|plc|PLC|AG|GmbH|LP|L\.P\.|LLP)`)

// reNickname is a quoted nickname inside a name.
var reNickname = regexp.MustCompile(`(?:^|\s)(?:"|“)([^"”]+)(?:"|”)(?:\s|$)`)

// reEmptyQuote is a quotation whose content masking blanked, between
// capitalised words.
var reEmptyQuote = regexp.MustCompile(`(?:"|“)[ ]+(?:"|”)`)

func appendNameParts(out []nameMention, text string, a, b int) []nameMention {
	// split the run into words, cut at stop words
	type w struct {
		s          string
		start, end int
	}
	var words []w
	i := a
	for i < b {
		for i < b && (text[i] == ' ' || text[i] == ',' || text[i] == '\t') {
			i++
		}
		j := i
		for j < b && text[j] != ' ' && text[j] != ',' && text[j] != '\t' {
			j++
		}
		if j > i {
			words = append(words, w{text[i:j], i, j})
		}
		i = j
	}
	prevTitle := false
	// the word right before the run may be a title too ("Judge" lower-cased? no; "said")
	if pw := prevWord(text, a); titleWords[strings.ToLower(strings.TrimRight(pw, ".,"))] && !lowerRole(pw) {
		prevTitle = true
	}
	var cur []w
	nextStop := ""
	flush := func(titled bool) {
		defer func() { cur = cur[:0] }()
		if len(cur) > 0 {
			if pw := strings.ToLower(strings.TrimRight(prevWord(text, cur[0].start), ",")); placePreps[pw] && !resultIn(text, cur[0].start, pw) {
				return // "of Smoke Signal, Arizona", "in Vado, New Mexico"
			} else if pw == "and" && rePlaceAnd.MatchString(text[max(0, cur[0].start-60):cur[0].start]) {
				return // "agents from Laredo and Eagle Pass"
			}
			if orgWords[nextStop] {
				return // "Civil Rights Division", "Corpus Christi Police Department"
			}
		}
		// drop leading particles
		for len(cur) > 0 && isParticle(cur[0].s) {
			cur = cur[1:]
		}
		for len(cur) > 0 && (isParticle(cur[len(cur)-1].s) || numWords[strings.ToLower(cur[len(cur)-1].s)] > 0) {
			cur = cur[:len(cur)-1] // "Class Four", "Operating One": a number ends no name
		}
		if len(cur) < 2 {
			return
		}
		for _, x := range cur[:len(cur)-1] {
			if strings.HasSuffix(x.s, "’s") || strings.HasSuffix(x.s, "'s") {
				return // "Operations Atlanta’s Mobile Criminal Alien Team": a possessive inside is no name
			}
		}
		key := nameKey(cur[0].s)
		var keys []string
		nonSuffix := 0
		for _, x := range cur {
			k := nameKey(x.s)
			if isSuffix(k) {
				continue
			}
			if isParticle(x.s) {
				continue
			}
			keys = append(keys, k)
			nonSuffix++
		}
		_ = key
		if nonSuffix < 2 {
			return
		}
		st, en := cur[0].start, cur[len(cur)-1].end
		poss := false
		for _, suf := range []string{"’s", "'s", "’", "'"} {
			if strings.HasSuffix(text[st:en], suf) {
				en -= len(suf)
				poss = true
				break
			}
		}
		name := strings.TrimRight(text[st:en], ",")
		if !isSuffix(nameKey(cur[len(cur)-1].s)) {
			name = strings.TrimRight(name, ".")
		}
		nm := nameMention{start: st, end: st + len(name), name: name, key: keys, official: titled, possessive: poss}
		if q := reNickname.FindStringSubmatchIndex(name); q != nil {
			// 'Jimmy "Jimbo" Sullivan': the nickname is an alias
			nm.aliases = append(nm.aliases, name[q[2]:q[3]])
			nm.name = strings.Join(strings.Fields(name[:q[0]]+" "+name[q[1]:]), " ")
		}
		out = append(out, nm)
	}
	for _, x := range words {
		k := strings.ToLower(strings.TrimRight(strings.ReplaceAll(x.s, "’", "'"), ".,"))
		k2 := strings.TrimSuffix(k, "'s")
		if legalForms[k] && len(cur) > 0 {
			// an organisation's legal form ends its name: "Cannon Seafood Inc."
			cur = append(cur, x)
			nextStop = ""
			flush(prevTitle)
			continue
		}
		if len(cur) > 0 && (isParticle(x.s) || numWords[k] > 0 && x.s[0] >= 'A' && x.s[0] <= 'Z') {
			// inside a name, a particle ("Maria de los Angeles Garcia") or
			// a capitalised number word ("John Two Bulls") is part of it
			cur = append(cur, x)
			continue
		}
		if strings.HasSuffix(x.s, ":") || x.end < len(text) && text[x.end] == ':' && len(cur) >= 2 {
			// a field's label ends the name before it: "Yuri Estevez
			// Convictions: Homicide; ..."
			nextStop = k2
			flush(prevTitle)
			continue
		}
		if len(cur) == 1 && stopSurnames[k] && reAliasAfter.MatchString(text[x.end:]) {
			// a surname that is also a stop word, with an alias after it:
			// "Gareth West, a.k.a. “Buddy”" (an age would not do: "Lewis
			// May 3, 2024" is a date)
			cur = append(cur, x)
			continue
		}
		if len(cur) == 0 && len(x.s) >= 2 && strings.ToUpper(x.s) == x.s && orgRun(text[a:b]) {
			// a company's capitalised opening word: "EL AL Israel Airlines
			// Ltd.", "LAN Cargo S.A."
			cur = append(cur, x)
			continue
		}
		initial := len(x.s) == 2 && x.s[1] == '.' && x.s[0] >= 'A' && x.s[0] <= 'Z' // "Todd A. Boulanger"
		if !initial && (nameStop[k] || nameStop[k2]) || (strings.ToUpper(x.s) == x.s && len(x.s) <= 4 && !strings.Contains(x.s, ".") && !isSuffix(strings.ToLower(x.s)) && len(cur) == 0 && !allCapsRun(text[a:b]) && !orgRun(text[a:b])) {
			nextStop = k2
			flush(prevTitle)
			prevTitle = prevTitle || titleWords[k] || titleWords[k2]
			continue
		}
		cur = append(cur, x)
	}
	nextStop = strings.ToLower(strings.TrimRight(wordAfter(text, skipSpaces(text, b)), ".,"))
	if legalForms[nextStop] && len(cur) > 0 {
		// a lower-case legal form after the run: "Lloyds TSB Bank plc"
		at := skipSpaces(text, b)
		w := wordAfter(text, at)
		cur = append(cur, struct {
			s          string
			start, end int
		}{w, at, at + len(w)})
		nextStop = ""
	}
	flush(prevTitle)
	return out
}

// stopSurnames are stop words that are also family names.
var stopSurnames = wordSet(`west north south east may june april august march`)

// rePlaceAnd is a place after a preposition, joined by "and" to the run
// that follows: "from Laredo and ".
var rePlaceAnd = regexp.MustCompile(`\b(?:in|from|near)\s+\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+)?\s+and\s+$`)

// reAliasAfter is an alias after a name.
var reAliasAfter = regexp.MustCompile(`^,? (?:a\.k\.a\.|aka\b|also known as\b)`)

// lowerRole reports a role word written in lower case, which describes
// the person ("cartel associate Zhi Dong Zhang", "senior member") where
// the capitalised form is an official's title ("Associate Attorney
// General").
func lowerRole(w string) bool {
	switch w {
	case "associate", "senior", "executive", "head", "principal":
		return true
	}
	return false
}

// orgRun reports a capitalised run that ends in a legal form: its
// acronyms are the company's name ("KIK (Virginia) LLC", "ABC Corp."), not
// an agency's.
func orgRun(run string) bool {
	run = strings.TrimRight(run, " ,")
	w := run[strings.LastIndexByte(run, ' ')+1:]
	return legalForms[strings.ToLower(strings.TrimRight(w, ".,"))]
}

// legalForms end an organisation's name.
var legalForms = wordSet(`inc incorporated llc l.l.c ltd limited corp corporation plc ag gmbh s.a n.v llp`)

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// prepositions before a capitalised run that make it a place
var placePreps = map[string]bool{"in": true, "from": true, "at": true, "near": true,
	"across": true, "through": true, "outside": true, "within": true, "into": true, "between": true, "throughout": true}

// words after a capitalised run that make it an organisation or a place
var orgWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`department office police county court division section unit task force center centre
		bureau service services agency administration commission council program project initiative alliance coalition team
		group organization cartel gang network airport university college school church street avenue road drive boulevard
		highway farms inc llc company corporation resident residents native area hospital jail prison detention facility
		county's city township parish district state patrol sheriff sheriff's attorney's investigation investigations case
		field offices investigators agents internet child children metro regional special crimes crime narcotics gang
		drug enforcement intelligence operations fugitive homicide vice`) {
		orgWords[w] = true
	}
}

func allCapsRun(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 6 && upper == letters
}

// resultIn reports "resulted in" before a run: "the investigation resulted
// in Jose Luis Carrasco-Aldape ... pleading guilty" names a person, not a
// place.
func resultIn(text string, a int, pw string) bool {
	if pw != "in" {
		return false
	}
	j := a
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	switch strings.ToLower(prevWord(text, j-len(pw))) {
	case "resulted", "results", "resulting", "result":
		return true
	}
	return false
}

func prevWord(text string, a int) string {
	j := a
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	i := j
	for i > 0 && text[i-1] != ' ' {
		i--
	}
	return text[i:j]
}

func isParticle(s string) bool {
	switch s {
	case "de", "del", "la", "las", "los", "van", "von", "der", "den", "da", "das", "dos", "do", "di", "du", "le", "y", "bin", "ibn", "al", "el":
		return true
	}
	return false
}

func isSuffix(k string) bool {
	switch k {
	case "jr", "sr", "ii", "iii", "iv":
		return true
	}
	return false
}

// nameKey folds one name word: lower case, accents removed, punctuation dropped.
func nameKey(s string) string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "’s"), "'s")
	s = foldAccents(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || r == '-' {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Trim(b.String(), "-")
}

// foldAccents maps accented Latin letters to their base letter: "García" →
// "Garcia". (A table, not Unicode normalisation, to keep the standard
// library as the only dependency.)
func foldAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if f, ok := accentFold[r]; ok {
			b.WriteRune(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var accentFold = func() map[rune]rune {
	m := map[rune]rune{}
	groups := map[rune]string{
		'a': "àáâãäåāăą", 'A': "ÀÁÂÃÄÅĀĂĄ", 'c': "çćčĉ", 'C': "ÇĆČĈ", 'e': "èéêëēĕėęě", 'E': "ÈÉÊËĒĔĖĘĚ",
		'i': "ìíîïĩīĭįı", 'I': "ÌÍÎÏĨĪĬĮİ", 'n': "ñńňņ", 'N': "ÑŃŇŅ", 'o': "òóôõöøōŏő", 'O': "ÒÓÔÕÖØŌŎŐ",
		'u': "ùúûüũūŭůűų", 'U': "ÙÚÛÜŨŪŬŮŰŲ", 'y': "ýÿŷ", 'Y': "ÝŸŶ", 's': "śšşŝ", 'S': "ŚŠŞŜ", 'z': "źżž",
		'Z': "ŹŻŽ", 'g': "ğĝġģ", 'G': "ĞĜĠĢ", 'l': "łĺľļ", 'L': "ŁĹĽĻ", 'r': "ŕřŗ", 'R': "ŔŘŖ", 'd': "ďđ",
		'D': "ĎĐ", 't': "ťţ", 'T': "ŤŢ",
	}
	for base, list := range groups {
		for _, r := range list {
			m[r] = base
		}
	}
	return m
}()
