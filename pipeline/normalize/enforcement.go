package normalize

import (
	"regexp"
	"strings"
)

// Immigration enforcement releases. Most of ICE's newsroom announces
// immigration arrests: "ICE arrests Guatemalan national convicted of sexual
// battery of a child", "ICE arrests 1,361 criminal aliens in June". The
// people in them are told with their criminal histories (convictions,
// sentences, pending state charges), and the history is what a careless
// count turns into child-exploitation arrests and convictions. Taxonomy rule
// 2 says such an arrest is one `arrest` with `immigration_violation`, never a
// trafficking or CSAM arrest, and never a conviction.
//
// The decision is made for the whole release, from its title and lede, and
// only then per sentence: a release is an enforcement release when its title
// announces an arrest of someone described in immigration terms (or its body
// is worded as immigration enforcement) and nothing in it reports a new
// criminal case as news: no federal complaint or indictment, no initial
// appearance, no plea, verdict or sentence of the release's own time.

// reNewCase is wording of a criminal case in court that a release reports
// as its news rather than as a person's record.
var reNewCase = newStartRe(`criminal complaint|federal complaint|(?:an|the|a federal|a superseding|a sealed|a grand jury) indictment|indicted (?:by|on|in)|grand jury|initial appearance|made (?:an|his|her) (?:initial )?appearance|federal prosecutors|federal charges?|federal court|u\.s\. district court|magistrate judge|assistant u\.s\. attorney|u\.s\. attorney['’]s office|arraigned|detention hearing|(?:is|are) charged with|(?:is|are) (?:currently |now )?facing (?:federal |criminal |new )+charges|(?:was|were) charged (?:by|in) (?:a |an )?(?:federal|criminal|complaint|information|indictment)`,
	"criminal complaint", "federal", "an ", "the ", "a ", "indicted", "grand jury", "initial appearance", "made ", "u.s. ", "magistrate", "assistant u.s.", "arraigned", "detention hearing", "is charged", "are charged", "is currently", "is now", "is facing", "are currently", "are now", "are facing", "was charged", "were charged")

// enforcementRelease reports whether the release announces immigration
// arrests (see the comment at the top of this file).
func (d *doc) enforcementRelease() bool {
	h := d.head
	if reTitleDetainer.MatchString(lowerASCII(d.rec.Title)) {
		return false // ICE lodged a detainer and arrested nobody; the arrest told is the police's
	}
	immWording := immSignalsSet.in(d.lowBody) || hasWord(d.lowBody, "ero")
	switch {
	case h.stage == Arrest && len(h.stages) == 1:
		if !h.immSubj && !immWording || !d.iceArrest() {
			return false
		}
		if h.forCrime || h.helped || reNewCase.MatchString(lowerASCII(d.rec.Title)) || d.extraditionNews() || d.newCaseNews() {
			return false // arrested on a criminal case, here or abroad, or by someone else
		}
		return true
	case h.stage != "":
		return false // a charge, plea, verdict or sentence is the news
	}
	// a release whose title announces no stage: its body decides, but a
	// criminal case in court or an arrest by another agency is no
	// immigration arrest ("All four made their initial appearance in
	// federal court")
	return !courtWords.in(d.lowBody) && d.iceArrest() && d.immigrationRelease()
}

// courtWords is wording of a federal criminal case in court.
var courtWords = newKeySet("initial appearance", "criminal complaint", "indicted", "indictment", "federal court",
	"federal prosecutors", "u.s. district court", "magistrate judge")

// extraditionNews reports an extradition the release tells as part of its
// case (a provisional arrest with a view toward extradition), as opposed to
// one told dated years back in a person's history ("Following a prolonged
// extradition battle in Scotland, Harkins was extradited ... in 1999").
func (d *doc) extraditionNews() bool {
	if !strings.Contains(d.lowBody, "extradit") {
		return false
	}
	for ci := range d.clauses {
		c := &d.clauses[ci]
		if !strings.Contains(c.low, "extradit") {
			continue
		}
		if c.sent >= 2 && !reExtraditionCase.MatchString(c.low) {
			continue // "was extradited to the Jefferson County Sheriff's Office" in a 2019 history
		}
		old := false
		for _, h := range c.hits {
			if r := d.rawFor(ci, h); r.old || r.history {
				old = true
			}
		}
		if !old {
			return true
		}
	}
	return false
}

// reExtraditionCase is wording of an extradition proceeding the release is about.
var reExtraditionCase = regexp.MustCompile(`provisional arrest|extradition (?:treaty|request|proceedings?|hearing|order)|request(?:ed|s)? (?:his |her |their )?extradition|pending extradition|awaiting extradition|with a view (?:toward|to) extradition|to face (?:charges|trial|justice)|to stand trial`)

// iceArrest reports whether ICE made the release's arrests: an ICE release,
// or one whose arrest sentences name ICE (a Marshals or police capture of a
// fugitive is no immigration arrest).
func (d *doc) iceArrest() bool {
	named := false // an agency is named in an arrest sentence
	for ci := range d.clauses {
		c := &d.clauses[ci]
		for _, h := range c.hits {
			if h.typ != Arrest {
				continue
			}
			for _, m := range d.ments[c.sent] {
				switch m.code {
				case "ICE", "ICE_ERO", "HSI":
					return true
				case "-":
				default:
					named = true
				}
			}
		}
	}
	return !named && strings.EqualFold(d.rec.Publisher, "ICE")
}

// newCaseNews reports a sentence that tells a new criminal case as the
// release's news: court wording in a clause with a stage that is neither
// old nor history, dated (if at all) close to the release.
func (d *doc) newCaseNews() bool {
	for ci := range d.clauses {
		c := &d.clauses[ci]
		if len(c.hits) == 0 || !reNewCase.MatchString(c.low) || reStateCourt.MatchString(c.low) {
			continue
		}
		if !reCourtCase.MatchString(c.low) && !federalCrime(c.low) {
			// only "is charged with" / "is facing charges": a pending
			// local charge of the person's record ("arrested Feb. 24 who is
			// charged with sexual assault of a minor"), unless the crime is
			// a federal one (illegal reentry, smuggling)
			continue
		}
		for _, h := range c.hits {
			if h.typ == Dismissed || h.typ == Acquitted {
				continue // the end of a case is no new one
			}
			r := d.rawFor(ci, h)
			if r.old || r.history || d.beforeNews(r) {
				continue
			}
			return true
		}
	}
	return false
}

// reCourtCase is the part of reNewCase that names a court or a charging
// document, as opposed to "is charged with" alone.
var reCourtCase = regexp.MustCompile(`complaint|indict|grand jury|appearance|federal|u\.s\. district|magistrate|u\.s\. attorney|arraigned|detention hearing`)

// federalCrime reports charge wording of a crime only federal courts try.
func federalCrime(low string) bool {
	for _, c := range wordingCategories(low, 0) {
		if c == "immigration_violation" || c == "alien_smuggling" {
			return true
		}
	}
	return false
}

// reStateCourt is a state court: its cases in an immigration arrest release
// are the person's record.
var reStateCourt = regexp.MustCompile(`superior court|state court|county court|circuit court|district court of [a-z]+ county|municipal court|court of common pleas|magistrate['’]s court|justice court|family court|juvenile court`)

// beforeNews reports a court stage dated well before the release: in an
// arrest release, a conviction or sentence of months ago is the person's
// record ("convicted … and sentenced on April 30, 2024", a year before).
func (d *doc) beforeNews(r rawEvent) bool {
	if d.ref.IsZero() {
		return false
	}
	if !r.date.IsZero() {
		return r.date.Before(d.ref.AddDate(0, 0, -45))
	}
	if r.dateYr > 0 {
		return r.dateYr < d.ref.Year()
	}
	// undated in a clause whose dates are all long past: "convicted Guerra
	// of illegal reentry and sentenced him ... Nov. 19, 2024"
	c := &d.clauses[r.clause]
	if len(c.dates) == 0 {
		return false
	}
	for _, dm := range c.dates {
		if !dm.exact || !dm.date.Before(d.ref.AddDate(0, 0, -45)) {
			return false
		}
	}
	return true
}

// enforcementCategories are the categories of an arrest in an enforcement
// release: immigration_violation, unless the person was arrested on a new
// criminal charge there and then ("criminally arrested for possession of
// child sexual abuse material" during the same raid).
func (d *doc) enforcementCategories(kept []rawEvent) []string {
	for _, r := range kept {
		low := d.clauses[r.clause].low
		if m := reCriminalArrest.FindStringSubmatch(low); m != nil {
			if cats := wordingCategories(m[1]+m[2], d.docMinor); len(cats) > 0 {
				return cats
			}
		}
	}
	return []string{"immigration_violation"}
}

// reCriminalArrest is an arrest on a new criminal charge, as opposed to an
// immigration arrest of someone with a record.
var reCriminalArrest = regexp.MustCompile(`criminally (?:arrested|charged) (?:\w+ )?(?:for|with) ([^.;]+)|arrested (?:\w+ )?on (?:federal|new criminal) charges? (?:of|for) ([^.;]+)`)

// recordStage reports a conviction or sentence told as a person's record in
// a release about immigration action (a detainer, an arrest, a custody
// transfer) whose title announces no conviction or sentence: undated and
// outside any federal court, "was convicted of two counts of … and
// sentenced to 10 years" is what the person did before, not news.
func (d *doc) recordStage(r rawEvent) bool {
	if r.typ != Convicted && r.typ != Sentenced || !r.date.IsZero() {
		return false
	}
	for _, s := range d.head.stages {
		if s == Convicted || s == Sentenced {
			return false
		}
	}
	if d.immAction == 0 {
		d.immAction = 2 // read the body once per release
		if immActionKeys.in(d.lowBody) {
			d.immAction = 1
		}
	}
	if d.immAction != 1 {
		return false
	}
	return !reFederal.MatchString(d.clauses[r.clause].low)
}

// immActionKeys is wording of immigration action against a person (a set
// of literals: found in one pass, where a regexp alternation would be tried
// at every byte of the body).
var immActionKeys = newKeySet("detainer", "ice custody", "immigration custody", "removal proceedings", "pending removal",
	"notice to appear", "immigration judge", "order of removal", "removal order", "amenable to removal")
