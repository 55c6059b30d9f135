package review

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"casetrack/pipeline/normalize"
)

// notAName says why name does not look like a person's or an
// organisation's name, or "" when it does. normalize cuts names at the words
// it knows cannot be part of one; what reaches the store and still fails
// here is a capitalised run of place, organisation, operation or legal
// words ("Hudson Valley", "Nationality Act", "Metro Surge") or a name the
// release only ever prints inside a longer proper noun ("Special Response"
// of "Special Response Team"). A company (Inc., LLC, Corp.) is a possible
// defendant and passes; a printed age ("Ana Park, 34,") proves a person.
func notAName(name, body string) string {
	toks := strings.Fields(name)
	if len(toks) == 0 {
		return ""
	}
	if normalize.OrganisationName(name) {
		return "" // extraction's list of legal forms
	}
	if hasAge(name, body) {
		return ""
	}
	for _, t := range toks {
		if strings.IndexFunc(t, unicode.IsDigit) >= 0 {
			return "holds a number"
		}
	}
	if leadWords[foldToken(toks[0])] && len(toks) > 1 {
		return "starts with " + toks[0] + ", as place and organisation names do"
	}
	for _, t := range toks {
		if w := foldToken(t); nonNameWords[w] {
			return "holds " + t + ", a word of place, organisation, operation or law names"
		}
	}
	if len(toks) > 1 && onlyInsideLongerName(name, body) {
		return "is printed only inside a longer proper noun or after 'the'"
	}
	return ""
}

// onlyAsAlias: every time the release prints name, it follows "aka",
// "a/k/a", "alias" or "also known as": the defendant's other name was
// taken for the name.
func onlyAsAlias(name, body string) bool {
	return everywhere(name, body, func(before, _ string) bool {
		return reAliasBefore.MatchString(strings.ToLower(strings.TrimRight(before, " ,“\"(")))
	})
}

var reAliasBefore = regexp.MustCompile(`(?:\baka|\ba/k/a|\balias|also known as|the alias)$`)

// foldToken lower-cases a name token and strips punctuation around it.
func foldToken(t string) string {
	return strings.ToLower(strings.TrimFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// hasAge: the release prints the name with an age ("Name, 34," or "Name (34)").
func hasAge(name, body string) bool {
	for _, at := range occurrences(name, body) {
		if reAgeAfter.MatchString(body[at+len(name):]) {
			return true
		}
	}
	return false
}

// occurrences returns the offsets at which body prints name.
func occurrences(name, body string) []int {
	var out []int
	for i := 0; ; {
		j := strings.Index(body[i:], name)
		if j < 0 {
			return out
		}
		out = append(out, i+j)
		i += j + len(name)
	}
}

// everywhere reports whether body prints name at least once and ok holds
// for the text before and after every occurrence.
func everywhere(name, body string, ok func(before, after string) bool) bool {
	at := occurrences(name, body)
	for _, i := range at {
		if !ok(body[:i], body[i+len(name):]) {
			return false
		}
	}
	return len(at) > 0
}

var reAgeAfter = regexp.MustCompile(`^(?:,\s*|\s*\()\d{1,2}\b`)

// onlyInsideLongerName: every time the release prints name, a capitalised
// word continues it ("Special Response Team") or precedes it mid-sentence
// ("FBI's Hudson Valley"), or it follows "the". A person's name is printed
// on its own at least once.
func onlyInsideLongerName(name, body string) bool {
	return everywhere(name, body, insideLongerName)
}

func insideLongerName(before, after string) bool {
	// the next word, when it follows a single space
	if strings.HasPrefix(after, " ") {
		next := strings.TrimLeft(after, " ")
		word := next[:wordEnd(next)]
		if unicode.IsUpper(firstRune(word)) && !calendarWords[strings.ToLower(word)] {
			return true
		}
	}
	b := strings.TrimRight(before, " ")
	if len(b) == len(before) {
		return false // no space before: start of the body or of a paragraph after punctuation
	}
	prev := b[strings.LastIndexAny(b, " \n")+1:]
	switch {
	case strings.EqualFold(prev, "the"):
		return true
	case strings.HasSuffix(prev, "’s") || strings.HasSuffix(prev, "'s"):
		return true
	case prev != "" && unicode.IsUpper(firstRune(prev)) && unicode.IsLetter(lastRune(prev)):
		// a capitalised word right before it, not ending a sentence or a
		// list item, and not a word that introduces a person
		return !titleBefore[strings.ToLower(prev)]
	}
	return false
}

// wordEnd is the length of the word s starts with.
func wordEnd(s string) int {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return i
	}
	return len(s)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// Capitalised words that may follow a name without continuing it.
var calendarWords = wordSet(`january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday`)

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// Capitalised words that may stand right before a person's name.
var titleBefore = wordSet(`defendant defendants national citizen resident mr mrs ms dr jr sr president former
	co-defendant codefendant inmate fugitive alien`)

// First words of place and organisation names, never of a defendant's full name.
var leadWords = wordSet(`la las los el the operation cartel`)

// Words of place, organisation, operation and legal names that are not
// personal names (surnames such as Park, Hill or Church are left out).
var nonNameWords = wordSet(`valley hills heights springs falls creek mountain mountains island islands harbor harbour
	port canyon desert coast county city town village borough township parish territory region republic kingdom
	province institution institute center centre facility prison jail penitentiary detention correctional processing
	courthouse school university college academy hospital clinic warehouse warehousing industries enterprises holdings
	cartel gang clan familia network syndicate operation task force team unit response squad bureau department office
	agency administration division section commission committee council program project initiative service services
	investigations enforcement immigration customs security homeland border patrol police sheriff marshals navy army
	marines reservist military airport station terminal market restaurant hotel motel farms ranch foundation ministries
	embassy consulate act acts statute proceeding proceedings bankruptcy fraud conspiracy trafficking smuggling
	distribute distribution possess possession manufacture fentanyl methamphetamine cocaine heroin marijuana narcotics
	drugs surge sweep check metro sanctuary national international federal nationality citizenship naturalization visa
	asylum district court courts state states`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
