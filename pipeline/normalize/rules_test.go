package normalize

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"casetrack/sources"
)

func mustNew(t testing.TB) *Normalizer {
	t.Helper()
	n, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestParseStatutes(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"in violation of 18 U.S.C. § 2252A(a)(2)", []string{"18 U.S.C. 2252A(a)(2)"}},
		{"Title 18, United States Code, Section 1591", []string{"18 U.S.C. 1591"}},
		{"attempted enticement, 18 USC 2422(b), and", []string{"18 U.S.C. 2422(b)"}},
		{"18 U.S.C. §§ 2251(a) and (e)", []string{"18 U.S.C. 2251(a)", "18 U.S.C. 2251(e)"}},
		{"18 U.S.C. 2252A(a)(2) and 2252A(a)(5)(B)", []string{"18 U.S.C. 2252A(a)(2)", "18 U.S.C. 2252A(a)(5)(B)"}},
		{"illegal reentry under 8 U.S.C. 1326(a)", []string{"8 U.S.C. 1326(a)"}},
		{"count 1: 18:2252(a)(4)(B)", []string{"18 U.S.C. 2252(a)(4)(B)"}},
		// HSI's tip line is not 18 U.S.C. 2423
		{"report tips at 866-347-2423 or 1-866-DHS-2-ICE", nil},
		{"Sentencing is set for 9:30 a.m.", nil},
	}
	for _, c := range cases {
		if got := ParseStatutes(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseStatutes(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestStatuteCategories(t *testing.T) {
	n := mustNew(t)
	cases := []struct{ statute, context, want string }{
		{"18 U.S.C. 1591(a)", "sex trafficking of a 15-year-old girl", "sex_trafficking_minor"},
		{"18 U.S.C. 1591", "sex trafficking of adult women by force, fraud or coercion", "sex_trafficking_force_fraud_coercion"},
		{"18 U.S.C. 1594(c)", "", "sex_trafficking_conspiracy"},
		{"18 U.S.C. 2252A(a)(5)(B)", "", "csam_possession"},
		{"18 U.S.C. 2252A(a)(2)", "", "csam_distribution_receipt"},
		{"18 U.S.C. 2252A(g)", "", "other"},
		{"18 U.S.C. 2252", "possession of child pornography", "csam_possession"},
		{"18 U.S.C. 2251A", "", "csam_production"},
		{"18 U.S.C. 2251(d)", "", "csam_distribution_receipt"},
		{"18 U.S.C. 2422(b)", "", "enticement_minor"},
		{"18 U.S.C. 2423(a)", "", "transportation_minor"},
		{"18 U.S.C. 2423(b)", "", "travel_illicit_sexual_conduct"},
		{"18 U.S.C. 2241(c)", "", "sexual_abuse_minor"},
		{"8 U.S.C. 1324(a)(1)(A)(ii)", "", "alien_smuggling"},
		{"8 U.S.C. 1326(b)(1)", "", "immigration_violation"},
		{"18 U.S.C. 922(g)", "", "other"},
	}
	for _, c := range cases {
		got := n.StatuteCategories(c.statute, c.context)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("StatuteCategories(%q, %q) = %v, want [%s]", c.statute, c.context, got, c.want)
		}
	}
	both := n.StatuteCategories("18 U.S.C. 1591", "of minors, and by force, fraud or coercion")
	sort.Strings(both)
	if !reflect.DeepEqual(both, []string{"sex_trafficking_force_fraud_coercion", "sex_trafficking_minor"}) {
		t.Errorf("1591 with both victims = %v", both)
	}
}

func TestParseSentence(t *testing.T) {
	cases := []struct {
		text   string
		months float64
		kind   string
		ok     bool
	}{
		{"was sentenced to 15 years in federal prison", 180, SentencePrison, true},
		{"was sentenced March 17 to 151 months, lifetime supervision", 151, SentencePrison, true},
		{"was sentenced to 11 years and 3 months, and was ordered to serve a 10-year term of supervised release", 135, SentencePrison, true},
		{"has led to a 50-year sentence for a Roanoke woman", 600, SentencePrison, true},
		{"have been sentenced to six and a half years in prison", 78, SentencePrison, true},
		{"imposed the 78-month sentence, with a time served credit of 8-months", 78, SentencePrison, true},
		{"has been sentenced to life in federal prison for sex trafficking violations", 0, SentenceLife, true},
		{"was sentenced to time served", 0, SentenceTimeServed, true},
		{"was sentenced to five years of probation", 0, SentenceProbation, true},
		{"faces up to 20 years in federal prison", 0, "", false},
		{"a 28 year-old criminal alien", 0, "", false},
	}
	for _, c := range cases {
		m, k, ok := ParseSentence(c.text)
		if m != c.months || k != c.kind || ok != c.ok {
			t.Errorf("ParseSentence(%q) = %v %q %v, want %v %q %v", c.text, m, k, ok, c.months, c.kind, c.ok)
		}
	}
}

func TestWordingCategories(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"charged with sex trafficking of children", []string{"sex_trafficking_minor"}},
		{"one count of conspiracy to commit sex trafficking of children", []string{"sex_trafficking_conspiracy", "sex_trafficking_minor"}},
		{"attempted sex trafficking by force or coercion of a 22-year-old woman", []string{"sex_trafficking_force_fraud_coercion"}},
		{"two counts each of forced labor", []string{"forced_labor"}},
		{"conspiracy to hold persons in a condition of involuntary servitude", []string{"forced_labor"}},
		{"pleaded guilty to one count of production of child pornography", []string{"csam_production"}},
		{"with attempted sexual exploitation of a child", []string{"csam_production"}},
		{"for possession of child pornography and one count for the transportation of child pornography", []string{"csam_distribution_receipt", "csam_possession"}},
		{"for attempted enticement of a minor to engage in sexual activity", []string{"enticement_minor"}},
		{"indicted for transporting minor victims across state lines", []string{"transportation_minor"}},
		{"travel with intent to engage in illicit sexual conduct", []string{"travel_illicit_sexual_conduct"}},
		{"one count of aggravated sexual abuse of a minor", []string{"sexual_abuse_minor"}},
		{"sentenced today to 14 months in prison for alien harboring", []string{"alien_smuggling"}},
		{"for conspiracy to transport illegal aliens resulting in death", []string{"alien_smuggling"}},
		{"facing criminal charges for illegal reentry after deportation", []string{"immigration_violation"}},
		{"and attempted transfer of obscene material to a minor", []string{"other"}},
		// alien smuggling stays apart from trafficking
		{"conspiracy to smuggle illegal aliens", []string{"alien_smuggling"}},
		{"conspiracy to bring an alien to the United States resulting in death", []string{"alien_smuggling"}},
		{"pleaded guilty to conspiracy to smuggle and harbor.", []string{"alien_smuggling"}},
		{"charged with conspiracy to transport an illegal alien", []string{"alien_smuggling"}},
		// goods smuggled into the country are a customs crime, not people
		{"a conspiracy to smuggle counterfeit goods from China into the United States", nil},
		{"coordinated large shipments of contraband smuggled into the united states from china", nil},
		{"paid for the migrants he smuggled into the united states", []string{"alien_smuggling"}},
		{"charged with conspiracy to smuggle firearms to Mexico", []string{"other"}},
		// the material is not abuse of a child by the defendant
		{"possessing child sexual abuse material", []string{"csam_possession"}},
	}
	for _, c := range cases {
		got := wordingCategories(c.text, 0)
		sort.Strings(got)
		want := append([]string(nil), c.want...)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("wordingCategories(%q) = %v, want %v", c.text, got, want)
		}
	}
	// an unqualified "sex trafficking" reads by the release's victims
	if got := wordingCategories("sentenced for sex trafficking violations", docMinorVictims); !reflect.DeepEqual(got, []string{"sex_trafficking_minor"}) {
		t.Errorf("sex trafficking with minor victims = %v", got)
	}
	if got := wordingCategories("human trafficking network", 0); !reflect.DeepEqual(got, []string{"other"}) {
		t.Errorf("human trafficking = %v", got)
	}
}

func hitTypes(low string) []string {
	var out []string
	for _, h := range stageHits(low) {
		out = append(out, h.typ+"/"+h.plea)
	}
	return out
}

func TestStageHits(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"salgado soto pleaded guilty to the labor-trafficking conspiracy in august 2015.", []string{"convicted/plea"}},
		{"were each found guilty of conspiracy on april 10 after a three-week jury trial.", []string{"convicted/verdict"}},
		{"was convicted april 28 in the u.s. district court", []string{"convicted/"}},
		{"a federal grand jury returned an indictment may 14 charging seth herrera", []string{"charged/"}},
		{"gordillo was charged by complaint on jan. 27 and arrested by hsi jan. 29.", []string{"charged/", "arrest/"}},
		{"pled guilty on oct. 24, 2024, and was sentenced april 1 to 12 years", []string{"convicted/plea", "sentenced/"}},
		{"valdez is scheduled to be sentenced aug. 12.", nil},
		{"if convicted, schilbe faces up to 20 years in prison", nil},
		{"the mandatory minimum sentence for a defendant convicted of sex trafficking", nil},
		{"cruz-santiago faces charges on sexual exploitation", []string{"charged/"}},
		{"he was acquitted of all counts", []string{"acquitted/"}},
		{"the charges against him were dismissed", []string{"dismissed/"}},
		{"the jury deliberated before finding jose rodriguez jr. guilty after a one-day trial april 15.", []string{"convicted/verdict"}},
		{"seven u.s. defendants were convicted today in the northern district of florida following a six-day jury trial", []string{"convicted/verdict"}},
		{"announced the capture and return of shilo watts, 38, from oman", []string{"arrest/"}},
		// sentences and pleas told without their usual verbs
		{"an ice investigation resulted in the july 10 sentencing of hugo hernandez", []string{"sentenced/"}},
		{"judge nusrat choudhury ordered carmine agnello, 39, to serve one year and three months in prison", []string{"sentenced/"}},
		{"a task force investigation has landed a smithtown man 15 months in prison for fraud", []string{"sentenced/"}},
		{"an hsi investigation led a long island woman to plead guilty to money laundering conspiracy", []string{"convicted/plea"}},
		// a plea agreement is no plea yet, but it answers a charge
		{"the defendant agreed to plead guilty", []string{"charged/"}},
		{"the defendant is expected to plead guilty", nil},
		{"he was ordered to pay restitution", nil},
		{"hsi new york led the arrest of a tren de aragua fugitive jan. 28", []string{"arrest/"}},
		{"the seizures follow the arrest wednesday of blake benthall for his alleged role", []string{"arrest/"}},
		{"the operation, in which more than 70 illegal aliens were detained, is the largest", []string{"arrest/"}},
		{"both appeared in federal court jan. 30 and were detained pending trial", nil},
		{"eli lilly's guilty plea and sentence is not final until accepted by the u.s. district court.", nil},
	}
	for _, c := range cases {
		if got := hitTypes(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("stageHits(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	for _, c := range []struct {
		typ, text string
	}{
		{Charged, "herrera is already charged in alaska relating to his alleged transportation"},
		{Convicted, "he was convicted of two counts of unlawful sexual conduct with a minor by the franklin county court of common pleas"},
		{Sentenced, "he was sentenced to 16 months in prison and two years of supervised release in that case."},
		{Arrest, "between 1994 and 2022, he was arrested multiple times"},
	} {
		if !historyFor(c.typ, c.text, 0) {
			t.Errorf("historyFor(%s, %q) = false, want background", c.typ, c.text)
		}
	}
	// history told of the subject before the verb describes the person
	subj := "a florida man and previously convicted child predator was sentenced march 26 to 15 years in federal prison"
	if historyFor(Sentenced, subj, strings.Index(subj, "sentenced")) {
		t.Errorf("historyFor(%q) = true, want news", subj)
	}
	if !historyFor(Sentenced, "he was previously sentenced to 5 years", strings.Index("he was previously sentenced to 5 years", "sentenced")) {
		t.Errorf("previously sentenced should be background")
	}
}

func TestCrediting(t *testing.T) {
	n := mustNew(t)
	credit := func(text string, event bool) []string {
		s := splitSentences(text)[0]
		ms, _ := n.agencies.find(s.masked, nil, nil)
		got := credited(s.low, ms, event)
		sort.Strings(got)
		return got
	}
	cases := []struct {
		text  string
		event bool
		want  []string
	}{
		{"This case was investigated by HSI Orlando, the Marion County Sheriff’s Office, the Ocala Police Department, and the Federal Bureau of Investigation.", false, []string{"FBI", "HSI", "STATE_LOCAL"}},
		{"The FBI investigated the case with assistance from the Tinicum Township Police Department; Delaware State Police.", false, []string{"FBI"}},
		{"This case was investigated by Homeland Security Investigations Fort Wayne, Indiana, with assistance from the Internet Crimes Against Children Task Force, the Indiana State Police.", false, []string{"HSI"}},
		{"U.S. Immigration Customs and Enforcement's Oklahoma field office assisted in the apprehension.", false, nil},
		{"Additional assistance was provided by Pasco Police Department, ATF and DEA.", false, nil},
		{"“HSI and the Puerto Rico Police Bureau are committed to protecting our children,” she said.", false, nil},
		{"“This guilty verdict sends a message,” said ICE Homeland Security Investigations San Diego Special Agent in Charge Shawn Gibson.", false, []string{"HSI"}},
		{"The announcement was made by Carol S. Rendon, acting U.S. Attorney; and Stephen D. Anthony, special agent in charge of the FBI’s Cleveland Division.", false, []string{"FBI"}},
		{"The search began after the National Center for Missing and Exploited Children alerted HSI, which investigated with the U.S. Attorney’s Office.", false, []string{"HSI"}},
		{"On Feb. 21, ERO Boston arrested an unlawfully present 34-year-old citizen of Guatemala in Gloucester.", true, []string{"ICE_ERO"}},
		{"following a joint U.S. Immigration and Customs Enforcement and U.S. Postal Service investigation.", false, []string{"ICE", "USPIS"}},
		{"The investigation began when a local police officer rescued two minors.", false, nil},
	}
	for _, c := range cases {
		got := credit(c.text, c.event)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("credited(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestFindNames(t *testing.T) {
	text := "Angel Valdez, a 19-year-old Corpus Christi resident, was convicted April 28 by U.S. District Judge Rolando Olvera of the Southern District of Texas."
	s := splitSentences(text)[0]
	names := findNames(s.text, s.masked, 0)
	names = annotateNames(s, names)
	var got []string
	for _, nm := range names {
		tag := nm.name
		if nm.official {
			tag += "(official)"
		}
		if nm.age > 0 {
			tag += "(age)"
		}
		got = append(got, tag)
	}
	want := []string{"Angel Valdez(age)", "Rolando Olvera(official)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names = %v, want %v", got, want)
	}
	s = splitSentences("Siyu Chen, also known as “Ban Ban,” was arrested by agents of the U.S. Army Criminal Investigation Division.")[0]
	names = findNames(s.text, s.masked, 0)
	names = annotateNames(s, names)
	if len(names) != 1 || names[0].name != "Siyu Chen" || len(names[0].aliases) != 1 || names[0].aliases[0] != "Ban Ban" {
		t.Errorf("alias names = %+v", names)
	}
}

func TestNameRoles(t *testing.T) {
	cases := []struct {
		text string
		want []string // names kept as possible defendants
	}{
		// a title earlier in the phrase makes the name an official's
		{"Acting U.S. Attorney for the Northern District of Florida Thomas F. Kirwin and FBI Executive Assistant Director J. Stephen Tidwell announced.", nil},
		// an age beats a title: the judge is the defendant
		{"A federal grand jury returned a superseding indictment today charging U.S. District Judge Samuel B. Kent, 59, with obstruction.", []string{"Samuel B. Kent"}},
		// places followed by their state are not people
		{"The defendants convicted at trial were: James Freeman of Santa Rosa Beach, Fla.; Gary Lakey of Anderson, Ind.", []string{"James Freeman", "Gary Lakey"}},
		// a role in lower case describes the person; capitalised, it is a title
		{"Alleged Sinaloa Cartel associate Zhi Dong Zhang was arraigned on Nov. 19 in New York.", []string{"Zhi Dong Zhang"}},
		{"The charges were announced by Associate Attorney General Kevin O'Connor and FBI Director James Comey.", nil},
	}
	for _, c := range cases {
		s := splitSentences(c.text)[0]
		names := findNames(s.text, s.masked, 0)
		names = annotateNames(s, names)
		var got []string
		for _, nm := range names {
			if !nm.official && !nm.place {
				got = append(got, nm.name)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("defendant names in %q = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestFindDates(t *testing.T) {
	ref := time.Date(2025, 2, 6, 0, 0, 0, 0, time.UTC)
	ds := findDates("was sentenced on feb. 5 and pleaded guilty on sept. 27, 2023, in court today", ref, nil)
	var got []string
	for _, d := range ds {
		got = append(got, d.date.Format("2006-01-02"))
	}
	want := []string{"2025-02-05", "2023-09-27", "2025-02-06"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dates = %v, want %v", got, want)
	}
	// a month-day later than the release belongs to the year before
	ds = findDates("arrested dec. 30", ref, nil)
	if len(ds) != 1 || ds[0].date.Year() != 2024 {
		t.Errorf("dec. 30 against 2025-02-06 = %+v", ds)
	}
	// a weekday is the last such day on or before the release (a Thursday)
	ds = findDates("was sentenced on tuesday", ref, nil)
	if len(ds) != 1 || !ds[0].date.Equal(time.Date(2025, 2, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("tuesday = %+v", ds)
	}
}

func TestSplitSentences(t *testing.T) {
	body := "Gregorio was removed from the U.S. He reentered without inspection.\nJudge Michael K. Judy sentenced him on Jan. 5 to 24 years. “He is dangerous. Very,” she said."
	ss := splitSentences(body)
	var got []string
	for _, s := range ss {
		if body[s.start:s.end] != s.text {
			t.Errorf("offsets of %q do not match the body", s.text)
		}
		got = append(got, s.text)
	}
	want := []string{
		"Gregorio was removed from the U.S.",
		"He reentered without inspection.",
		"Judge Michael K. Judy sentenced him on Jan. 5 to 24 years.",
		"“He is dangerous.",
		"Very,” she said.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences = %q\nwant %q", got, want)
	}
	if !strings.Contains(ss[3].masked, "   ") || strings.Contains(ss[3].masked, "dangerous") {
		t.Errorf("quoted speech not masked: %q", ss[3].masked)
	}
}

// Events on short releases made of real release sentences, one rule each.
func TestEventRules(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 2, 2, 0, 0, 0, 0, time.UTC)
	type want struct {
		typ, defendant string
		count          int
		cats, agencies []string
	}
	cases := []struct {
		name, title, body string
		want              []want
	}{
		{
			name:  "ERO arrest of a sex offender is an immigration arrest only",
			title: "ICE Columbus arrests Ghanaian national convicted of sex crimes with a minor",
			body: "COLUMBUS, Ohio — U.S. Immigration and Customs Enforcement apprehended a citizen of Ghana who was convicted of sex crimes with a minor when officers arrested Joseph Osei Boateng January 29 in Columbus, Ohio.\n" +
				"“Sex crimes against a minor threaten the very fabric of our communities,” said ICE Enforcement and Removal Operations Detroit Field Office Director Robert Lynch.\n" +
				"He was convicted of two counts of unlawful sexual conduct with a minor by the Franklin County Court of Common Pleas in October 2024.\n" +
				"Boateng remains in ICE custody pending the outcome of his immigration proceedings.",
			want: []want{{Arrest, "Joseph Osei Boateng", 1, []string{"immigration_violation"}, []string{"ICE_ERO"}}},
		},
		{
			name:  "sentencing release yields the plea too; earlier arrest is background",
			title: "Ocala man sentenced to 15 years",
			body: "OCALA, Fla. — A Florida man has been sentenced to 15 years in federal prison for attempting to entice a minor to engage in sexual activity following an investigation by Homeland Security Investigations (HSI) Orlando.\n" +
				"Rickey Lee Miller, Jr., 45, of Ocala, plead guilty on Sept. 6, 2024, for attempting to entice what he thought was a 15-year-old girl.\n" +
				"When Miller drove to a predetermined location, he was arrested by law enforcement.",
			want: []want{
				{Sentenced, "Rickey Lee Miller, Jr.", 1, []string{"enticement_minor"}, []string{"HSI"}},
				{Convicted, "Rickey Lee Miller, Jr.", 1, []string{"enticement_minor"}, []string{"HSI"}},
			},
		},
		{
			name:  "unnamed group: the headline total once",
			title: "FBI Task Forces Arrest Seven Alleged Pimps",
			body: "The Federal Bureau of Investigation (FBI), in conjunction with its local, state, and federal law enforcement task force partners, conducted Operation Cross Country VIII last week to address commercial child sex trafficking.\n" +
				"Seven individuals were arrested suspected of trafficking the juveniles.\n" +
				"Solano County: one minor recovered; four alleged pimps arrested.",
			want: []want{{Arrest, "", 7, []string{"sex_trafficking_minor"}, []string{"FBI", "STATE_LOCAL"}}},
		},
		{
			name:  "co-defendants' earlier sentences are background",
			title: "Man sentenced to life",
			body: "DALLAS — A Jacksonville, Texas man has been sentenced to life in federal prison for sex trafficking violations.\n" +
				"Desnique Deshawn Herndon, 28, was sentenced to seven life sentences by U.S. District Judge J. Campbell Barker June 18, 2025.\n" +
				"Three of Herndon's co-conspirators previously pled guilty for their roles in the offenses. Malcolm Kadeem Roberts, 29, of Tyler, was sentenced Nov. 16, 2023, to over 12 years in federal prison for conspiracy to commit sex trafficking of children.",
			want: []want{{Sentenced, "Desnique Deshawn Herndon", 1, []string{"sex_trafficking_minor"}, nil}},
		},
		{
			name:  "removal statistics are no event",
			title: "ICE Houston deports 174 criminal aliens",
			body:  "HOUSTON – U.S. Immigration and Customs Enforcement’s Enforcement and Removal Operations Houston field office deported 174 criminal aliens, including 24 gang members, to Mexico between March 17 to March 28 who as a group account for 610 criminal convictions.",
		},
		{
			name:  "alien smuggling is not trafficking; ICE resolves to the unit named",
			title: "Phoenix man sentenced for alien smuggling",
			body: "SELLS, Ariz. — A Phoenix-area man was sentenced April 29 to 52 months in prison for his role in transporting two illegal aliens in March 2024. U.S. Immigration and Customs Enforcement conducted the investigation in this case.\n" +
				"“Human smuggling is not a victimless crime,” said ICE Homeland Security Investigations Arizona Special Agent in Charge Francisco B. Burrola.\n" +
				"Cesar Abraam Velasquez-Munoz, 20, of Peoria, previously pleaded guilty to conspiracy to transport illegal aliens for profit.",
			want: []want{
				{Sentenced, "Cesar Abraam Velasquez-Munoz", 1, []string{"alien_smuggling"}, []string{"HSI"}},
				{Convicted, "Cesar Abraam Velasquez-Munoz", 1, []string{"alien_smuggling"}, []string{"HSI"}},
			},
		},
	}
	for _, c := range cases {
		rec := sources.Record{Source: "test", Published: pub, Title: c.title, Body: c.body}
		evs := n.Events(rec)
		var got []want
		for _, e := range evs {
			if c.body[e.EvidenceStart:e.EvidenceEnd] != e.Evidence {
				t.Errorf("%s: evidence offsets wrong", c.name)
			}
			cats := append([]string(nil), e.Categories...)
			ags := append([]string(nil), e.Agencies...)
			sort.Strings(cats)
			sort.Strings(ags)
			got = append(got, want{e.Type, e.Defendant, e.PersonCount, cats, ags})
		}
		for i := range c.want {
			sort.Strings(c.want[i].cats)
			sort.Strings(c.want[i].agencies)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got  %+v\n want %+v", c.name, got, c.want)
		}
	}
	// court records are read elsewhere
	if evs := n.Events(sources.Record{Body: "x was sentenced", Docket: &sources.Docket{}}); evs != nil {
		t.Errorf("docket record gave %v", evs)
	}
}

// eventKeys renders events as "type name count" for compact assertions.
func eventKeys(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Type+" "+e.Defendant+" "+strconv.Itoa(e.PersonCount))
	}
	return out
}

func checkEventKeys(t *testing.T, n *Normalizer, pub time.Time, cases []struct {
	name, body string
	want       []string
}) {
	t.Helper()
	for _, c := range cases {
		got := eventKeys(n.Events(sources.Record{Source: "test", Publisher: "ICE", Published: pub, Body: c.body}))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got  %q\n want %q", c.name, got, c.want)
		}
	}
}

// A surname resolves to the full name printed earlier; with none earlier,
// a surname that is the subject or object of the stage verb is the
// defendant; other capitalised words are not.
func TestBareSurnames(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"surname resolves to the earlier full name",
			"DALLAS — John Cochran, 45, of Dallas, was sentenced March 18 to 10 years in prison for wire fraud.\nCochran pleaded guilty Dec. 17, 2024.",
			[]string{"sentenced John Cochran 1", "convicted John Cochran 1"}},
		{"subject surname with nothing earlier", "Cochran pleaded guilty Dec. 17, 2024.", []string{"convicted Cochran 1"}},
		{"subject after a lead-in", "On March 3, Akhimie pleaded guilty to conspiracy to commit mail and wire fraud.", []string{"convicted Akhimie 1"}},
		{"object list of an active verb", "Agents entered the room and arrested Holloway, Lamar, and Murphy.",
			[]string{"arrest Holloway 1", "arrest Lamar 1", "arrest Murphy 1"}},
		{"object followed by a date", "ERO officers apprehended Flores March 3 at a residence in Houston.", []string{"arrest Flores 1"}},
		{"a plural subject is no surname", "Others were arrested for immigration violations such as illegal entry.", nil},
		{"a place before the verb is no surname", "BOSTON – A former mayor from Les Irois, Haiti was convicted March 18 by a federal jury in Boston of visa fraud.", nil},
		{"an adjective after the verb is no surname", "Officers arrested Cuban nationals March 3 in Miami.", nil},
		{"a title before a stage verb does not make the defendant an official",
			"The U.S. Attorney’s Office for the District of Massachusetts indicted Jose Leonardo Gutierrez-Mendez March 9 on one count of unlawful reentry.",
			[]string{"charged Jose Leonardo Gutierrez-Mendez 1"}},
	})
}

// A date leading the clause dates every verb in it; the ends of a range
// date none.
func TestLeadInDates(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"old lead-in date makes both verbs background", "On Oct. 20, 2017, the police arrested and charged Garcia for theft.", nil},
		{"recent lead-in date keeps both", "On March 3, the police arrested and charged Garcia for theft.", []string{"arrest Garcia 1", "charged Garcia 1"}},
	})
	rec := sources.Record{Source: "test", Published: pub, Body: "Between Feb. 20, 2020, and March 8, 2025, police arrested John Doe Smith, 40, at least 30 times and charged him with theft."}
	for _, e := range n.Events(rec) {
		if !e.Date.IsZero() {
			t.Errorf("range end taken as the %s date: %v", e.Type, e.Date)
		}
	}
}

// "charged with or convicted of" tells arrestees' records, not a charge.
func TestChargedOrConvictedIsHistory(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"record breakdown", "51 criminal aliens charged or convicted of property crimes such as burglary or theft.", nil},
		{"with or", "Of them, 790 alien offenders were charged with or convicted of crimes in the United States or abroad.", nil},
		{"a real charge still counts", "Five men were charged with conspiracy to distribute fentanyl.", []string{"charged  5"}},
	})
}

// History wording about the case's own conviction or describing the
// defendant does not make a sentencing background.
func TestSentencingWithOwnConviction(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"following her conviction", "BROWNSVILLE, Texas — A Houston woman was sentenced following her conviction for possession with intent to distribute fentanyl.",
			[]string{"sentenced  1"}},
		{"and convicted felon", "MCALLEN, Texas — A South Texas man and convicted felon was sentenced to 15 years in prison for drug trafficking.",
			[]string{"sentenced  1"}},
		{"a prior conviction is still history", "A Houston man with prior convictions for burglary was sentenced in state court in 2010 to five years.", nil},
	})
}

// A rounded term in the lead yields to the exact one stated later.
func TestRoundedTermYields(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	body := "MIDLAND, Texas — A Midland man was sentenced to more than seven years in federal prison for possession of a firearm.\n" +
		"On March 18, U.S. District Judge David Counts sentenced Manuel Trevino Padilla, 41, to 87 months in custody."
	evs := n.Events(sources.Record{Source: "test", Published: pub, Body: body})
	if len(evs) != 1 || evs[0].Type != Sentenced || evs[0].SentenceMonths != 87 {
		t.Errorf("got %+v, want one sentencing of 87 months", eventKeys(evs))
	}
}

// "Charged" describing the group a boilerplate sentence is about (penalties
// faced, the presumption of innocence) is no charging event; a sentence
// that charges a group still is one.
func TestChargedGroupInBoilerplate(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"penalty", "The defendants charged in the drug conspiracy face a mandatory minimum penalty of 10 years in prison.", nil},
		{"if convicted", "If convicted, the defendants charged in the indictment face up to life in prison.", nil},
		{"each of", "Each of the defendants charged in the indictment faces up to 20 years in prison.", nil},
		{"presumed innocent", "The defendants charged in this case are presumed innocent unless and until proven guilty.", nil},
		{"allegations", "The charges against the defendants charged today are merely allegations.", nil},
		{"after a group charge", "A federal grand jury indicted 12 people on May 3 for drug trafficking. The defendants charged in the conspiracy face a mandatory minimum penalty of 10 years in prison.",
			[]string{"charged  12"}},
		{"a charged group still counts", "The defendants were charged by indictment on May 3 with sex trafficking.", []string{"charged  1"}},
	})
}

// "The five men were charged" counts five; "the 200 … arrested" after the
// release already gave 200 points back to that number and adds nothing.
func TestDefiniteGroupCounts(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"the five men", "The five men were charged with sex trafficking on March 3.", []string{"charged  5"}},
		{"the two defendants", "The two defendants pleaded guilty on March 3 to sex trafficking of a minor.", []string{"convicted  2"}},
		{"anaphor of a program total", "The initiative has so far resulted in the arrest of 200 criminal aliens convicted of sex crimes. " +
			"The 200 criminal aliens arrested were convicted of crimes such as sexual assault and rape.", nil},
		{"anaphor of a counted group", "ERO officers arrested 36 criminal aliens on March 3. The 36 criminal aliens arrested had convictions for assault.",
			[]string{"arrest  36"}},
	})
}

// When nothing in a release names an offence, an ICE arrest in an
// immigration-enforcement release is immigration_violation; an arrest in a
// release about a criminal case, or by another agency, stays "other".
func TestDefaultCategoryOfUnstatedArrests(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ name, body, want string }{
		{"ERO operation", "TUCSON — A targeted enforcement operation by ICE Enforcement and Removal Operations Tucson led to the arrests of " +
			"four Mexican aliens with long criminal histories, April 8.", "immigration_violation"},
		{"criminal case", "TUCSON — A targeted enforcement operation by ICE Enforcement and Removal Operations Tucson led to the arrests of " +
			"four Mexican aliens, April 8. All four made their initial appearance in federal court April 9.", "other"},
		{"no immigration wording", "TUCSON — A targeted operation by ICE Tucson led to the arrests of four men, April 8.", "other"},
		{"another agency", "TUCSON — A targeted operation by FBI Tucson led to the arrests of four Mexican aliens who are illegally present, April 8.", "other"},
	} {
		evs := n.Events(sources.Record{Source: "test", Publisher: "ICE", Published: pub, Body: c.body})
		if len(evs) != 1 || evs[0].Type != Arrest || strings.Join(evs[0].Categories, ",") != c.want {
			t.Errorf("%s: got %+v, want one arrest of category %s", c.name, evs, c.want)
		}
	}
}

// One predicate after a ";"-separated list of defendants reports on all of
// them; a name inside an alias list is no defendant of its own.
func TestSemicolonListsAndAliases(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"semicolon list", "Jose Martinez, 26, of El Salvador; Carlos Lopez, 31, of Honduras; and Luis Perez, 29, of Houston, were convicted by a federal jury on May 20 of sex trafficking of a minor.",
			[]string{"convicted Jose Martinez 1", "convicted Carlos Lopez 1", "convicted Luis Perez 1"}},
		{"semicolon list with unquoted aliases", "Jose Martinez, also known as Chepe and Juan Reyes, 26, of El Salvador; Carlos Lopez, also known as Little Flaco, 31, of Honduras; and Luis Perez, 29, of Houston, were convicted by a federal jury on May 20 of sex trafficking of a minor.",
			[]string{"convicted Jose Martinez 1", "convicted Carlos Lopez 1", "convicted Luis Perez 1"}},
		{"semicolons between clauses still split", "Jose Martinez was sentenced to 10 years in prison; Carlos Lopez was sentenced to 12 years.",
			[]string{"sentenced Jose Martinez 1", "sentenced Carlos Lopez 1"}},
		{"chained aliases", "Mario Demarco, aka Marius Lupu aka David Adamec, 30, pleaded guilty on May 20 to conspiracy to commit bank fraud.",
			[]string{"convicted Mario Demarco 1"}},
		{"a quoted alias ends at its quote", "Antonio Espinoza Zarate, 55, also known as “El Gato,” and his son, Francisco Javier Espinoza Galindo, 31, were arrested on May 20.",
			[]string{"arrest Antonio Espinoza Zarate 1", "arrest Francisco Javier Espinoza Galindo 1"}},
	})
}

// In a release that names nobody, "he"/"she" is the one unnamed person it
// is about: each stage they report is an unnamed event of one person.
func TestPronounStagesInUnnamedReleases(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"plea with the sentencing", "A Houston man was sentenced on May 20 to 10 years in prison for receipt of child pornography. He pleaded guilty on Feb. 3.",
			[]string{"sentenced  1", "convicted  1"}},
		{"pronoun alone", "She pleaded guilty on Feb. 3 to receipt of child pornography.", []string{"convicted  1"}},
		{"old arrest stays background", "He was arrested Oct. 28, 2022, and found guilty on all counts by a federal jury on May 11.", []string{"convicted  1"}},
		{"charge narrated as a record", "He was also charged with sexual exploitation of a child, which was dismissed, and has pending charges for sexual assault.", nil},
		{"a named release is unchanged", "John Smith was sentenced on May 20 to 10 years in prison. He pleaded guilty on Feb. 3.",
			[]string{"sentenced John Smith 1", "convicted John Smith 1"}},
	})
}

// Unnamed arrests told as a count of arrests or with a pronoun object.
func TestCountedArrestsAndPronounObjects(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"counted arrests", "On July 17, HSI and ERO Newark personnel made two other arrests of child predators living in New Jersey.", []string{"arrest  2"}},
		{"group of protesters", "ICE arrested four aggressive protestors, June 12, who were caught on video damaging federal property.", []string{"arrest  4"}},
		{"dated pronoun object", "On July 17, Nassau County police arrested and charged him with criminal possession of a weapon.",
			[]string{"arrest  1", "charged  1"}},
		{"undated pronoun object is a retold past", "Officials arrested him and investigators later discovered his DNA matched the evidence.", nil},
	})
	evs := n.Events(sources.Record{Source: "test", Publisher: "ICE", Published: pub,
		Body: "On July 17, HSI and ERO Newark personnel made two other arrests of child predators living in New Jersey."})
	if len(evs) != 1 || strings.Join(evs[0].Agencies, ",") != "HSI,ICE_ERO" {
		t.Errorf("counted arrests credit the agencies that made them: %+v", evs)
	}
	evs = n.Events(sources.Record{Source: "test", Publisher: "DOJ", Published: pub,
		Body: "A federal jury in Jacksonville, Fla., found John Tillis guilty on July 16 of a federal civil rights violation."})
	if len(evs) != 1 || evs[0].Type != Convicted || evs[0].PleaOrVerdict != "verdict" {
		t.Errorf("a jury in a named place: %+v", evs)
	}
}

// A group count covers every stage its verbs report, joined by "and".
func TestGroupCountCoversChainedStages(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	checkEventKeys(t, n, pub, []struct {
		name, body string
		want       []string
	}{
		{"arrested and charged", "Five men were arrested and charged with sex trafficking of a minor on May 3.", []string{"arrest  5", "charged  5"}},
		{"pleaded and sentenced", "Three men pleaded guilty and were sentenced on May 3 for sex trafficking.", []string{"convicted  3", "sentenced  3"}},
		{"a second verb with its own subject is not chained", "Agents arrested 14 people on May 3, and prosecutors charged a man from Tampa.", []string{"arrest  14"}},
	})
}
