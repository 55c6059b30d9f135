package link

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Scoring. A pair of events gets points for how well the names agree and
// for each further key that agrees or disagrees. The weights are rough
// log-odds: a name alone, even an exact one, is never enough; a name plus
// one real second key is.
const (
	// Name points by level. An exact three-word name ("Jonathan Michael
	// Atkinson") is rarer than an exact two-word one ("John Smith").
	pointsNameExactLong = 4.0
	pointsNameExact     = 3.0
	pointsNameCompat    = 2.5 // same given name, a middle name missing on one side
	pointsNameInitial   = 1.5 // "J. Smith"
	pointsNameFuzzy     = 1.0 // one letter off: never merged automatically

	// Second keys (each also counts toward MinSecondKeys).
	pointsSameDocket    = 4.0 // dockets are unique within a district: near proof of one case
	pointsCategory      = 2.0 // share a specific charge category
	pointsAges          = 2.0 // printed ages agree once the time between events is added
	pointsDates         = 1.0 // stages in a possible order, within CaseWindow
	pointsSameDocument  = 2.0 // one release, one name: a release's arrest and charge of one man
	pointsSameEvent     = 1.5 // same stage within SameEventDays: two publishers, one arrest
	pointsOtherCategory = 0.5 // share only "other": too broad to be a key
	pointsSameDistrict  = 0.5 // the block agrees; confirms, never decides
	pointsAgency        = 0.5 // a credited agency in common; confirms, never decides

	// Penalties.
	penaltyOtherDocket   = -3.0 // two different criminal dockets: two cases at least
	penaltyCategories    = -1.0 // both have categories and none is shared
	penaltyDateOrder     = -2.0 // a later stage dated before an earlier one
	penaltyDatesFarApart = -1.0 // more than CaseWindow apart

	// MergeScore is the total at or above which a pair with a non-fuzzy
	// name, no hard conflict and at least MinSecondKeys second keys is
	// merged. An exact name (3) plus a shared category (2) reaches it; an
	// exact name with plausible dates only (3+1) does not.
	MergeScore = 5.0
	// ReviewScore is the lower edge of the near-miss band: pairs scoring in
	// [ReviewScore, MergeScore), or held back by a conflict elsewhere in
	// their clusters, are exported as "uncertain" for a person to decide.
	ReviewScore = 3.0
	// RecordScore: a kept-apart pair scoring below this (a shared name and
	// little else, typically namesakes) is not recorded as a link; with
	// common names such pairs outnumber everything else.
	RecordScore = 2.0
	// MinSecondKeys is how many keys besides the name must agree.
	MinSecondKeys = 1
	// FuzzyReviewKeys is how many second keys a fuzzy-named pair needs
	// before it is worth a reviewer's time (a shared docket always is).
	FuzzyReviewKeys = 2

	// CaseWindow bounds one case: federal cases run from arrest to sentence
	// in months to a few years; five years covers long trials.
	CaseWindow = 5 * 365 * 24 * time.Hour
	// SameEventDays: two reports of the same stage for the same person
	// this close together describe one event (ICE and a USAO on one arrest).
	SameEventDays = 7
	// FallbackSlackDays widens date comparisons when a date is only the
	// document's publication date, which can trail the event by weeks.
	FallbackSlackDays = 30
	// OrderSlackDays tolerates small date errors between real event dates.
	OrderSlackDays = 3
	// AgeSlackYears tolerates "34" printed a few months before a birthday.
	AgeSlackYears = 1.5
)

// stageRank orders event types within a case. Arrest and charge share a
// rank: an indictment may be unsealed before or after the arrest.
var stageRank = map[string]int{
	"arrest": 0, "charged": 0,
	"convicted": 1, "acquitted": 1, "dismissed": 1,
	"sentenced": 2,
}

var docketRe = regexp.MustCompile(`(?i)(\d{1,2})\s*:\s*(\d{2})\s*-?\s*([a-z]{2,3})\s*-?\s*(\d{1,6})`)

// normDocket reduces a docket number to "N:YY-tt-NNNNN": office, year,
// case type and number, without judge initials or defendant number, so
// "2:17-cr-00378-SPL-1" and "2:17-CR-378" compare equal.
func normDocket(s string) (norm, kind string) {
	m := docketRe.FindStringSubmatch(s)
	if m == nil {
		return "", ""
	}
	num := strings.TrimLeft(m[4], "0")
	if num == "" {
		num = "0"
	}
	kind = strings.ToLower(m[3])
	return fmt.Sprintf("%s:%s-%s-%05s", strings.TrimLeft(m[1], "0"), m[2], kind, num), kind
}

// prepared is an Event with everything the comparisons need computed once.
type prepared struct {
	ev         *Event
	names      []personName // defendant first, then aliases
	docket     string
	docketKind string
	cats       map[string]bool
	specific   bool // has a category other than "other"
	agencies   map[string]bool
	// spread is how many known districts the defendant's exact name
	// (given name + last word) appears in across the run: above one, the
	// name belongs to several people and a release without a district
	// cannot say which.
	spread  int
	days    int64 // days since the epoch of Date; meaningful when hasDate
	hasDate bool
	rank    int
}

func prepare(e *Event) prepared {
	p := prepared{ev: e, rank: stageRank[e.Type]}
	if n, ok := parseName(e.Defendant); ok {
		p.names = append(p.names, n)
		for _, a := range e.Aliases {
			if an, ok := parseName(a); ok {
				p.names = append(p.names, an)
			}
		}
	}
	p.docket, p.docketKind = normDocket(e.DocketNumber)
	p.cats = make(map[string]bool, len(e.Categories))
	for _, c := range e.Categories {
		p.cats[c] = true
		if c != "other" {
			p.specific = true
		}
	}
	p.agencies = make(map[string]bool, len(e.Agencies))
	for _, a := range e.Agencies {
		p.agencies[a] = true
	}
	if !e.Date.IsZero() {
		p.hasDate = true
		p.days = e.Date.Unix() / 86400
	}
	return p
}

// bestName is the strongest agreement between any name of a and any of b.
func bestName(a, b *prepared) nameLevel {
	best := nameNone
	for _, x := range a.names {
		for _, y := range b.names {
			if l := compareNames(x, y); l > best {
				best = l
				if best == nameExact {
					return best
				}
			}
		}
	}
	return best
}

func namePoints(l nameLevel, a, b *prepared) float64 {
	switch l {
	case nameExact:
		if len(a.names[0].tokens) >= 3 && len(b.names[0].tokens) >= 3 {
			return pointsNameExactLong
		}
		return pointsNameExact
	case nameCompatible:
		return pointsNameCompat
	case nameInitial:
		return pointsNameInitial
	case nameFuzzy:
		return pointsNameFuzzy
	}
	return 0
}

// pairScore is one scored comparison.
type pairScore struct {
	score     float64
	level     nameLevel
	keys      int    // second keys that agree
	strong    bool   // same docket or same document
	disjoint  bool   // both have categories and share none
	ambiguous bool   // a common name and a side without a district
	dateKey   bool   // dates_plausible counted among keys
	docket    bool   // same docket number
	conflict  string // a hard conflict: never merged without review
	sameEvent bool
	reasons   []string
}

// hardConflict reports why a and b cannot be one person, or "". It is
// also checked across whole clusters before any merge, so transitive
// chains ("J. Smith" joining John and James) cannot form.
func hardConflict(a, b *prepared, level nameLevel) string {
	if level < nameInitial {
		return "names_differ"
	}
	if a.ev.District != "" && b.ev.District != "" && a.ev.District != b.ev.District {
		return "district_conflict"
	}
	if agreed, known := agesAgree(a, b); known && !agreed {
		return "ages_inconsistent"
	}
	return ""
}

// agesAgree compares printed ages once the time between the two events is
// added: 34 in March 2023 and 35 in June 2024 agree.
func agesAgree(a, b *prepared) (agreed, known bool) {
	if a.ev.Age <= 0 || b.ev.Age <= 0 || !a.hasDate || !b.hasDate {
		return false, false
	}
	years := float64(b.days-a.days) / 365.25
	d := float64(b.ev.Age-a.ev.Age) - years
	return d <= AgeSlackYears && d >= -AgeSlackYears, true
}

// add counts one key: its points, whether it is a second key, and (when
// the reasons are wanted) why.
func (s *pairScore) add(pts float64, key bool, reason string, why bool) {
	s.score += pts
	if key {
		s.keys++
	}
	if why {
		s.reasons = append(s.reasons, reason)
	}
}

// score compares two events. It never looks beyond the pair. The reasons
// are filled only when why is set: Resolve scores every pair of a block
// without them and asks again for the few pairs it records as links.
func score(a, b *prepared, why bool) pairScore {
	var s pairScore
	s.level = bestName(a, b)
	if s.level == nameNone {
		return s
	}
	s.score = namePoints(s.level, a, b)
	if why {
		s.reasons = append(s.reasons, s.level.String())
	}

	if a.docket != "" && b.docket != "" {
		switch {
		case a.docket == b.docket:
			s.docket, s.strong = true, true
			s.add(pointsSameDocket, true, "same_docket", why)
		case a.docketKind == "cr" && b.docketKind == "cr":
			s.add(penaltyOtherDocket, false, "different_docket", why)
		}
	}
	if a.ev.DocURL != "" && a.ev.DocURL == b.ev.DocURL {
		s.strong = true
		s.add(pointsSameDocument, true, "same_document", why)
	}
	if a.ev.District != "" && a.ev.District == b.ev.District {
		s.add(pointsSameDistrict, false, "same_district", why)
	}

	// Categories.
	shared, sharedOther := "", false
	for _, c := range a.ev.Categories {
		if b.cats[c] {
			if c == "other" {
				sharedOther = true
			} else if shared == "" || c < shared {
				shared = c
			}
		}
	}
	switch {
	case shared != "":
		reason := ""
		if why {
			reason = "category_overlap:" + shared
		}
		s.add(pointsCategory, true, reason, why)
	case sharedOther:
		s.add(pointsOtherCategory, false, "category_overlap:other", why)
	case a.specific && b.specific:
		// "other" is the unclassified rest, so only two specific lists
		// that share nothing count against the pair.
		s.disjoint = true
		s.add(penaltyCategories, false, "categories_disjoint", why)
	}

	// Ages (inconsistency is a hard conflict, below).
	if agreed, _ := agesAgree(a, b); agreed {
		s.add(pointsAges, true, "ages_consistent", why)
	}

	// Dates: order of stages and distance.
	if a.hasDate && b.hasDate {
		slack := int64(OrderSlackDays)
		if a.ev.DateFromDoc || b.ev.DateFromDoc {
			slack = FallbackSlackDays
		}
		early, late := a, b
		if b.rank < a.rank {
			early, late = b, a
		}
		gap := b.days - a.days
		if gap < 0 {
			gap = -gap
		}
		switch {
		case early.rank < late.rank && late.days < early.days-slack:
			s.add(penaltyDateOrder, false, "dates_out_of_order", why)
		case gap > int64(CaseWindow/(24*time.Hour)):
			s.add(penaltyDatesFarApart, false, "dates_far_apart", why)
		default:
			s.dateKey = true
			s.add(pointsDates, true, "dates_plausible", why)
		}
		sameDays := int64(SameEventDays)
		if a.ev.DateFromDoc || b.ev.DateFromDoc {
			sameDays = FallbackSlackDays / 2
		}
		if a.ev.Type == b.ev.Type && a.ev.DocURL != b.ev.DocURL && gap <= sameDays {
			s.sameEvent = true
			s.add(pointsSameEvent, false, "same_event", why)
		}
	}

	for _, ag := range a.ev.Agencies {
		if b.agencies[ag] {
			s.add(pointsAgency, false, "agency_overlap", why)
			break
		}
	}

	if (a.ev.District == "" || b.ev.District == "") && (a.spread > 1 || b.spread > 1) {
		s.ambiguous = true
		if why {
			s.reasons = append(s.reasons, "common_name_no_district")
		}
	}
	s.conflict = hardConflict(a, b, s.level)
	if s.conflict == "names_differ" && s.level == nameFuzzy {
		s.conflict = "" // fuzzy names are held back by the merge rule, not flagged as conflicts
	}
	if s.conflict != "" && why {
		s.reasons = append(s.reasons, s.conflict)
	}
	return s
}

// verdict is what the rules alone decide for a scored pair.
type verdict int

const (
	verdictNone      verdict = iota // not worth recording
	verdictKeepApart                // recorded: same or similar name, rules say two people
	verdictUncertain                // near miss: exported for review
	verdictMerge                    // merged (if the clusters allow it)
)

// decide applies the merge rule:
//   - a hard conflict (different given or middle names, two districts,
//     inconsistent ages) keeps the pair apart;
//   - a fuzzy name never merges; it goes to review when a docket or
//     FuzzyReviewKeys second keys agree, and is otherwise dropped;
//   - otherwise MergeScore and MinSecondKeys must both be met, and
//   - disjoint categories (two cases, or two people) merge only on a
//     docket or within one document; a name found in several districts
//     whose pair lacks a district on one side needs two second keys
//     besides the dates (a category and the ages, say);
//   - below that, a pair scoring at least ReviewScore is uncertain, and
//     anything lower is kept apart (recorded, so a reviewer can see it).
func decide(s pairScore) verdict {
	switch {
	case s.level == nameNone:
		return verdictNone
	case s.conflict != "":
		return verdictKeepApart
	case s.level == nameFuzzy:
		if s.docket || s.keys >= FuzzyReviewKeys {
			return verdictUncertain
		}
		return verdictNone
	case s.score >= MergeScore && s.keys >= MinSecondKeys && (s.strong || !s.disjoint && !s.ambiguous):
		return verdictMerge
	case s.score >= MergeScore && s.keys-b2i(s.dateKey) >= MinSecondKeys+1 && !s.disjoint:
		return verdictMerge // a common name without a district: two keys besides the dates make up for it
	case s.score >= ReviewScore:
		return verdictUncertain
	}
	return verdictKeepApart
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
