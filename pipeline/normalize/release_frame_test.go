package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"casetrack/sources"
)

// frameCase is a release written for a release-level rule: its title and
// body, and the events it must yield as "type defendant count categories".
type frameCase struct {
	name, title, body string
	want              []string
}

func checkFrames(t *testing.T, pub time.Time, publisher string, cases []frameCase) {
	t.Helper()
	n := mustNew(t)
	for _, c := range cases {
		evs := n.Events(sources.Record{Source: "test", Publisher: publisher, Published: pub, Title: c.title, Body: c.body})
		var got []string
		for _, e := range evs {
			got = append(got, strings.TrimSpace(e.Type+" "+e.Defendant)+" "+strconv.Itoa(e.PersonCount)+" "+strings.Join(e.Categories, ","))
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s:\n got  %q\n want %q", c.name, got, c.want)
		}
	}
}

// Releases whose title announces no case (a removal, a death in custody, a
// statement) yield nothing, however their bodies tell the person's history.
func TestNoEventReleaseKinds(t *testing.T) {
	pub := time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)
	body := "MIAMI — ICE officers arrested Carlos Ruiz-Perez, 41, on May 2. Ruiz-Perez was convicted of child molestation in 2012 and sentenced to 8 years in prison."
	checkFrames(t, pub, "ICE", []frameCase{
		{"removal", "ICE Miami removes Honduran fugitive convicted of child molestation", body, nil},
		{"death", "Honduran national in ICE custody passes away at Miami hospital", body, nil},
		{"statement", "Statement from ICE on the arrest of a Honduran fugitive", body, nil},
		{"arrest release keeps its arrest", "ICE Miami arrests Honduran fugitive convicted of child molestation", body,
			[]string{"arrest Carlos Ruiz-Perez 1 immigration_violation"}},
	})
}

// An ICE arrest of someone with a record is an immigration arrest only: the
// record's convictions, sentences and pending state charges are no events
// and lend no category; a new federal case or an arrest by others is not.
func TestEnforcementReleases(t *testing.T) {
	pub := time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "a sting's arrests are a criminal operation's, whatever detainers ICE lodged",
			title: "Joint operation nabs 255 in human trafficking sting; ICE lodges 30 detainers",
			body: "WINTER HAVEN, Fla. — ICE joined the Polk County Sheriff’s Office for a nine-day undercover human trafficking operation starting May 2, where 255 arrests were made for illegal acts related to soliciting prostitutes, prostitution and child exploitation.\n" +
				"ICE Enforcement and Removal Operations interviewed over 50 foreign-born individuals, leading to over 30 ICE detainers.",
			want: []string{"arrest 255 other"},
		},
		{
			name:  "a detainer release tells the police's arrest, not ICE's",
			title: "ICE lodges arrest detainer on criminal illegal alien who killed 3 in California while driving drunk",
			body: "LOS ANGELES - ICE lodged an arrest detainer for Jashanpreet Singh, a criminal illegal alien from India, responsible for taking the lives of three individuals in a DUI accident.\n" +
				"On June 4, ICE lodged an immigration detainer for Jashanpreet Sing following his arrest by local authorities in San Bernadino County, California on charges of vehicular manslaughter while intoxicated.",
			want: []string{"arrest Jashanpreet Singh 1 other"},
		},
		{
			name:  "a charge some of the operation's arrestees face is news of its own",
			title: "21 illegal aliens arrested in Bay, Leon County targeted operation",
			body: "TALLAHASSEE, Fla. — ICE and local partners conducted a two-day operation June 4 and 5 that resulted in the arrest of 21 illegal aliens.\n" +
				"Most had overstayed their visas, and one has been charged with felony illegal reentry after being previously removed.",
			want: []string{"arrest 21 immigration_violation", "charged 1 immigration_violation"},
		},
		{
			name:  "an assault on the officers during the operation",
			title: "ICE arrests 100+ illegal aliens during targeted enforcement operation in Tallahassee",
			body: "TALLAHASSEE, Fla. — ICE arrested more than 100 illegal aliens during a targeted enforcement operation at construction sites June 4.\n" +
				"One was taken into state custody for resisting arrest and is being charged with four counts of assault on law enforcement officers.",
			want: []string{"arrest 100 immigration_violation", "charged 1 other"},
		},
		{
			name:  "an old charge of one of them is the record",
			title: "ICE arrests 40 illegal aliens in Miami",
			body: "MIAMI — ICE arrested 40 illegal aliens June 3 during a targeted operation.\n" +
				"One was charged with assault in 2019, and another has a pending charge for theft.",
			want: []string{"arrest 40 immigration_violation"},
		},
		{
			name:  "an unnamed arrest in the body is one of the title's total",
			title: "ICE New Orleans cracks down on illegal employment at local shipyard, detains 25",
			body: "NEW ORLEANS — HSI New Orleans, with support from Enforcement and Removal Operations New Orleans, conducted an operation June 3 targeting immigration violations at a shipyard in Harvey, Louisiana.\n" +
				"On June 3, HSI New Orleans agents conducted the inspection at the worksite. ERO New Orleans support to arrest and process individuals found to be in violation of the Immigration and Nationality Act. A total of 25 illegal aliens from Honduras were encountered during the operation. Among the Honduran illegal aliens arrested, criminal histories include prior illegal entry and DUI.",
			want: []string{"arrest 25 immigration_violation"},
		},
		{
			name:  "conviction a year before the arrest is the record",
			title: "ICE arrests Salvadoran national convicted of sexual assault of a child",
			body: "DENVER — U.S. Immigration and Customs Enforcement arrested an illegally present Salvadoran national June 3.\n" +
				"ICE Denver officers arrested Mario Lopez-Diaz June 3 in Aurora.\n" +
				"The Adams County District Court convicted Lopez-Diaz of sexual assault on a child and sentenced him on May 14, 2024, to two years in prison.",
			want: []string{"arrest Mario Lopez-Diaz 1 immigration_violation"},
		},
		{
			name:  "pending state charge after a local arrest is the record",
			title: "ICE Denver arrests Guatemalan alien charged with assaulting a child",
			body: "DENVER — U.S. Immigration and Customs Enforcement apprehended an illegally present Guatemalan national charged with assault on a child.\n" +
				"Officers with the Aurora Police Department arrested Juan Tzoc-Lopez, 33, May 1, and charged him with child abuse.\n" +
				"ICE Denver officers arrested Tzoc-Lopez June 2 following his release from local custody.",
			want: []string{"arrest Juan Tzoc-Lopez 1 immigration_violation"},
		},
		{
			name:  "a new federal complaint makes it a criminal case",
			title: "ICE arrests previously removed Mexican national",
			body: "DENVER — ICE Denver officers arrested Pedro Ruiz-Mata, 45, a previously removed Mexican national, June 3.\n" +
				"Ruiz-Mata is charged with illegal reentry in a criminal complaint filed June 4 in U.S. District Court.",
			want: []string{"arrest Pedro Ruiz-Mata 1 immigration_violation", "charged Pedro Ruiz-Mata 1 immigration_violation"},
		},
		{
			name:  "a fugitive arrested for extradition is no immigration arrest",
			title: "HSI, US Marshals arrest fugitive wanted for child sex crimes in Peru",
			body: "NEWARK, N.J. — HSI special agents and deputy U.S. Marshals arrested Luis Carpio-Vega, 51, a foreign fugitive, June 2.\n" +
				"Peru requested his provisional arrest with a view toward extradition for the rape of a minor.",
			want: []string{"arrest Luis Carpio-Vega 1 sexual_abuse_minor"},
		},
	})
}

// A title that counts the people of its stage makes that count the event
// when the release names only a few of them as examples; the body's total
// closest to the title's wins over other numbers in the release.
func TestHeadlineGroupTotals(t *testing.T) {
	pub := time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "named examples of a counted operation",
			title: "ICE Phoenix arrests more than 400 criminal aliens during June operation",
			body: "PHOENIX — ICE arrested 412 illegal aliens with criminal convictions or pending charges in the Phoenix area during June.\n" +
				"The arrests included 38 gang members and 17 sex offenders.\n" +
				"Among those arrested was Jorge Mena-Ortiz, a 44-year-old criminal alien from Mexico, arrested June 9. He has been convicted of aggravated assault.",
			want: []string{"arrest 412 immigration_violation"},
		},
		{
			name:  "the title's total when the body does not repeat it",
			title: "ICE operation in Tulsa nets 23 arrests",
			body: "TULSA, Okla. — ICE Enforcement and Removal Operations officers conducted a three-day targeted operation in Tulsa, Oklahoma, ending June 30.\n" +
				"Officers arrested Ramon Quiroz-Vega, a 39-year-old Mexican national with a final order of removal, June 28.",
			want: []string{"arrest 23 immigration_violation"},
		},
		{
			name:  "a small count names each defendant",
			title: "Three men indicted for smuggling aliens",
			body:  "TUCSON — A federal grand jury indicted Luis Ortega-Ruiz, 31, of Tucson on July 9 for conspiracy to transport illegal aliens.",
			want:  []string{"charged Luis Ortega-Ruiz 1 alien_smuggling"},
		},
		{
			name:  "a list of some of the people charged keeps them, the rest and the arrests as groups",
			title: "11 charged in Florida for marriage fraud scheme",
			body: "JACKSONVILLE, Fla. — The U.S. Attorney unsealed a three-count indictment charging 11 in the scheme with marriage fraud conspiracy.\n" +
				"On July 3, HSI Jacksonville arrested five of the subjects.\n" +
				"Those charged with marriage fraud conspiracy include:\n" +
				"Anny Chen, 54, of New York.\n" +
				"Kiah Holly, 29, of Maryland.",
			want: []string{"charged 9 other", "arrest 5 other", "charged Anny Chen 1 other", "charged Kiah Holly 1 other"},
		},
	})
}

// "convicted" as a bare participle after a noun describes the person; it
// reports a verdict only with an auxiliary or a court as its subject, or in
// a release whose title announces the conviction or sentence.
func TestDescriptiveConvicted(t *testing.T) {
	pub := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{
			name:  "a description in an arrest release",
			title: "Kansas woman arrested for kidnapping",
			body:  "WICHITA, Kan. — FBI agents arrested Carla Brand, 29, on Feb. 20. Brand called her boyfriend, a man convicted of child molestation, 40 times.",
			want:  []string{"arrest Carla Brand 1 other"},
		},
		{
			name:  "a court as the subject",
			title: "Wichita man sentenced for fraud",
			body:  "WICHITA, Kan. — A federal court convicted Omar Reyes, 41, of wire fraud and sentenced him Feb. 24 to 60 months in prison.",
			want:  []string{"convicted Omar Reyes 1 other", "sentenced Omar Reyes 1 other"},
		},
		{
			name:  "the case of a sentencing release",
			title: "Wichita man sentenced for fraud",
			body:  "WICHITA, Kan. — A Wichita man convicted of wire fraud was sentenced Feb. 24 to 60 months in prison. Omar Reyes, 41, of Wichita, ran the scheme from 2019.",
			want:  []string{"convicted Omar Reyes 1 other", "sentenced Omar Reyes 1 other"},
		},
	})
}

// Capitalised phrases that are statutes, places, units, operations, gangs or
// facilities are no defendants; people printed beside them are.
func TestNonPersonDefendants(t *testing.T) {
	pub := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "a statute after the verb",
			title: "Iranian national charged with sanctions violations",
			body:  "LOS ANGELES — A federal grand jury indicted Reza Tabari, 52, of Irvine, on July 28 for violating the International Emergency Economic Powers Act.",
			want:  []string{"charged Reza Tabari 1 other"},
		},
		{
			name:  "a unit and an operation in an arrest",
			title: "ICE arrests Honduran national during operation",
			body: "OMAHA, Neb. — ERO Special Response Team officers arrested a Honduran national July 29 during Operation Prairie Shield.\n" +
				"Officers arrested Kevin Banegas-Flores, 37, near his home in Omaha.",
			want: []string{"arrest Kevin Banegas-Flores 1 immigration_violation"},
		},
		{
			name:  "a place after an appositive",
			title: "Three men charged in gambling ring",
			body:  "LOS ANGELES — Marco Bell, 43, of Woodland Hills, is charged with one count of conspiracy to operate an illegal gambling business.",
			want:  []string{"charged Marco Bell 1 other"},
		},
		{
			name:  "a gang is no defendant",
			title: "ICE Denver arrests illegal alien gang member",
			body:  "DENVER — ICE officers arrested Luis Pena-Soto, 24, a Tren de Aragua member, July 30. Police said Tren de Aragua was charged with nothing as a gang.",
			want:  []string{"arrest Luis Pena-Soto 1 immigration_violation"},
		},
		{
			name:  "words printed in lower case elsewhere are no name",
			title: "Florida man sentenced for fraud",
			body: "MIAMI — Community Supervision was ordered, and Jorge Pardo, 51, was sentenced July 30 to 40 months in prison for wire fraud.\n" +
				"He was on community supervision at the time.",
			want: []string{"sentenced Jorge Pardo 1 other"},
		},
		{
			name:  "a possessive inside a unit's name",
			title: "ICE arrests Guatemalan illegal alien after DUI conviction",
			body:  "ATLANTA — ICE apprehended a Guatemalan national when officers with Enforcement and Removal Operations Atlanta’s Mobile Criminal Alien Team arrested Miguel Andres-Mateo, 20, July 21 in Cornelia, Georgia.",
			want:  []string{"arrest Miguel Andres-Mateo 1 immigration_violation"},
		},
		{
			name:  "the person an operation honours",
			title: "ICE arrests violent gang member guilty of murder",
			body: "WASHINGTON — As part of operation Midway Blitz, in honor of Katie Abraham, ICE officers arrested on July 15 a gang member who was convicted of murder in 2005.\n" +
				"ICE arrested Aldo Salazar Bahena, 45, an illegal alien from Mexico, in Chicago.",
			want: []string{"arrest Aldo Salazar Bahena 1 immigration_violation"},
		},
		{
			name:  "a relative named to place a person, and another case's charge",
			title: "ICE HSI arrests sister of corrupt official",
			body:  "MIAMI — HSI arrested Adys Lastres Morera, 61, in Miami on July 28, just days after the Department of Justice unsealed a superseding indictment charging Raul Castro — brother of notorious dictator Fidel Castro — with murdering four people in 1996.",
			want:  []string{"arrest Adys Lastres Morera 1 other"},
		},
		{
			name:  "another case told after the release's own",
			title: "ICE arrests illegal alien serving as a local police officer",
			body: "BIDDEFORD, Maine – ICE officers arrested Jon Luke Evans, 30, on July 25 in Biddeford.\n" +
				"In a very similar case in April, ICE officers in Falmouth arrested Gratien Milandou Wamba, an illegally present, 32-year-old citizen of Congo. Officers arrested Milandou Wamba for immigration violations after he allegedly attempted to purchase a firearm.",
			want: []string{"arrest Jon Luke Evans 1 immigration_violation"},
		},
		{
			name:  "an alias after 'aka,'",
			title: "ICE arrests foreign fugitive from Honduras wanted for homicide",
			body:  "EASTON, Pa – ICE Enforcement and Removal Operations Philadelphia arrested Yobani Bonilla-Bonilla, aka, Gilberto Perez-Alvarado, a 29-year-old citizen of Honduras, July 22.",
			want:  []string{"arrest Yobani Bonilla-Bonilla 1 immigration_violation"},
		},
	})
}

// A stage told once for "each defendant" belongs to every named defendant;
// a roster of one name per line takes the stage of the line introducing it.
func TestListsOfDefendants(t *testing.T) {
	pub := time.Date(2025, 5, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "each defendant was convicted",
			title: "2 men sentenced for trafficking methamphetamine in Ohio",
			body: "DAYTON, Ohio — Two men were sentenced for conspiring to distribute methamphetamine following an ICE investigation.\n" +
				"Each defendant was convicted of conspiracy to distribute methamphetamine.\n" +
				"The defendants were sentenced as follows:\n" +
				"Aaron Pike, age 31, was sentenced to 12 years in federal prison.\n" +
				"Brent Lowry, age 29, was sentenced to 9 years in federal prison.",
			want: []string{"convicted Aaron Pike 1 other", "convicted Brent Lowry 1 other", "sentenced Aaron Pike 1 other", "sentenced Brent Lowry 1 other"},
		},
		{
			name:  "an indictment roster",
			title: "HSI investigation results in indictment of 3 alleged cocaine traffickers",
			body: "MIAMI — A federal grand jury returned an indictment May 6 charging three men with conspiracy to import cocaine.\n" +
				"The defendants charged in the indictment are:\n" +
				"Raul Ibarra-Sosa, aka “Flaco”, 44, Colombia\n" +
				"Tomas Quintero-Lugo, 39, Colombia\n" +
				"Hector Vela-Arce, aka “Tio”, 52, Venezuela",
			want: []string{"charged Raul Ibarra-Sosa 1 other", "charged Tomas Quintero-Lugo 1 other", "charged Hector Vela-Arce 1 other"},
		},
		{
			name:  "a colon list of long entries with stages of their own",
			title: "HSI special agents arrest 3 in customs fraud scheme",
			body: "LOS ANGELES — HSI Los Angeles has arrested three individuals for their part in a conspiracy to smuggle counterfeit goods.\n" +
				"The individuals arrested are:\n" +
				"Hexi Wang, 32, of El Monte, who manages a logistics company that hires commercial truckers to transport shipping containers from the port and who paid the drivers who moved the flagged containers to warehouses;\n" +
				"Jin Liu, 42, of Irvine, the owner of the company, who was arrested at his home in Irvine and who managed the finances of one of the warehouses where contraband was unloaded; and\n" +
				"Dong Lin, 31, of Hacienda Heights, who controlled one of the warehouses.",
			want: []string{"arrest Hexi Wang 1 other", "arrest Jin Liu 1 other", "arrest Dong Lin 1 other"},
		},
		{
			name:  "a colon list of an immigration operation is examples of its group",
			title: "ICE arrests 12 illegal aliens with criminal records in Texas",
			body: "HOUSTON — ICE Enforcement and Removal Operations arrested 12 illegal aliens with criminal convictions during a five-day operation.\n" +
				"The aliens arrested include:\n" +
				"Juan Perez, 41, a citizen of Mexico, who was convicted of burglary in Harris County and removed in 2015.\n" +
				"Luis Gomez, 35, a citizen of Honduras, who was convicted of assault in Dallas County in 2019.",
			want: []string{"arrest 12 immigration_violation"},
		},
		{
			name:  "a semicolon list goes on after the verb's clause",
			title: "5 charged in illegal gambling conspiracy",
			body: "HOUSTON — Others taken into custody May 8 include Naeem Ali, 33, and Amer Khan, 68, both of Richmond; Ishan Dhuka, 33, and Sahil Karovalia, 32, both of Rosenberg; and Yolanda Figueroa, 40, of Pasadena.\n" +
				"All are charged with conspiracy and operating an illegal gambling business.",
			want: []string{"arrest Naeem Ali 1 other", "arrest Amer Khan 1 other", "arrest Ishan Dhuka 1 other", "arrest Sahil Karovalia 1 other",
				"arrest Yolanda Figueroa 1 other", "charged Naeem Ali 1 other", "charged Amer Khan 1 other", "charged Ishan Dhuka 1 other",
				"charged Sahil Karovalia 1 other", "charged Yolanda Figueroa 1 other"},
		},
		{
			name:  "an initial appearance is a charge",
			title: "3 suspected gang members indicted for drug trafficking scheme",
			body: "HOUSTON — A 29-count indictment was unsealed May 22 following the arrest of nine individuals for their alleged roles in a drug trafficking scheme.\n" +
				"Houston residents James Brewer aka ‘Creeper’, 33, Kylie Alvarado, 24, and Ruby Mata, 31, made their initial appearances in federal court May 22 when the indictment was unsealed.",
			want: []string{"charged James Brewer 1 other", "charged Kylie Alvarado 1 other", "charged Ruby Mata 1 other"},
		},
		{
			name:  "entries ending in semicolons are no headlines, and 'each individual' is all of them",
			title: "Identity theft investigation leads to charges against 3 individuals",
			body: "TAMPA, Fla. – Three criminal illegal aliens have been charged as the result of an identity theft investigation.\n" +
				"Each individual has been charged with aggravated identity theft.\n" +
				"Luvin Daniel Hernandez Amador, of Honduras, was indicted on May 2, 2025;\n" +
				"Elvin Donahel Hernandez Amador, of Honduras, was indicted on May 6, 2025;\n" +
				"Sindi Yamileth Mejia Avila, 31, of Guatemala, is scheduled for trial in June 2025.",
			want: []string{"charged Sindi Yamileth Mejia Avila 1 other", "charged Luvin Daniel Hernandez Amador 1 other", "charged Elvin Donahel Hernandez Amador 1 other"},
		},
		{
			name:  "a semicolon list whose entries end at the age",
			title: "HSI arrests 4 in drug takedown",
			body: "DALLAS — HSI special agents arrested four people June 3 during a takedown of a drug trafficking organization.\n" +
				"Those arrested were John Smith, 35; Mary Jones, 42; Luis Perez, 28; and Jose Garcia, 31, all of Dallas.",
			want: []string{"arrest John Smith 1 other", "arrest Mary Jones 1 other", "arrest Luis Perez 1 other", "arrest Jose Garcia 1 other"},
		},
		{
			name:  "roster lines with the age in parentheses or after an alias are no headlines",
			title: "3 charged in drug trafficking indictment",
			body: "DALLAS — A federal grand jury returned an indictment charging three people with drug trafficking.\n" +
				"Defendants charged in the indictment include:\n" +
				"John Smith, aka “Flaco,” 35\n" +
				"Mary Jones (42) – Houston\n" +
				"Luis Perez, 28",
			want: []string{"charged John Smith 1 other", "charged Mary Jones 1 other", "charged Luis Perez 1 other"},
		},
		{
			name:  "names printed without an introduction get nothing",
			title: "HSI honors task force officers",
			body: "MIAMI — HSI Miami honored three officers for their work on cocaine cases.\n" +
				"Raul Ibarra-Sosa, 44, Miami\n" +
				"Tomas Quintero-Lugo, 39, Hialeah\n" +
				"Hector Vela-Arce, 52, Doral",
			want: nil,
		},
	})
}

// Civil matters, clemency and extraditions out of the country report no
// criminal stage; pleas in related cases and charges still pending are
// background.
func TestCivilAndRelatedCases(t *testing.T) {
	pub := time.Date(2009, 2, 1, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{
			name:  "a civil complaint is no charge",
			title: "Justice Department sues Ohio landlord for housing discrimination",
			body:  "WASHINGTON — The Justice Department filed a complaint today against Harold Birch, 61, alleging that he refused to rent to families with children.",
			want:  nil,
		},
		{
			name:  "a civil settlement with a criminal plea stays criminal",
			title: "Drug maker agrees to pay $300 million to resolve allegations",
			body:  "WASHINGTON — Drug maker executive Paul Anders, 55, pleaded guilty today to a misdemeanor and the company agreed to pay $300 million.",
			want:  []string{"convicted Paul Anders 1 other"},
		},
		{
			name:  "extradited out of the country",
			title: "Serbian national extradited to stand trial for war crimes",
			body:  "WASHINGTON — Milan Petrov, 58, was arrested in Ohio and extradited to Serbia on Jan. 20 to stand trial for war crimes.",
			want:  nil,
		},
		{
			name:  "pleas in related cases",
			title: "Former executive pleads guilty to fraud",
			body: "WASHINGTON — Former executive Dana Rhee, 47, pleaded guilty today to wire fraud.\n" +
				"In related cases, Carl Ott and Mia Lund have pleaded guilty to participating in the conspiracy.",
			want: []string{"convicted Dana Rhee 1 other"},
		},
	})
}

// A person described by a past conviction ("convicted child molester")
// lends that offence to no event; a pending local charge in an immigration
// arrest release is the person's record.
func TestRecordDescriptionsLendNoCategory(t *testing.T) {
	pub := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "sentenced for passport fraud",
			title: "Convicted child molester sentenced for passport fraud",
			body:  "TULSA, Okla. — Dario Funes, 61, a Honduran national and convicted child molester, was sentenced May 28 to 12 months in prison for passport fraud.",
			want:  []string{"sentenced Dario Funes 1 other"},
		},
		{
			name:  "a group arrest of people charged with sex offences",
			title: "ICE arrests 6 Tulsa area criminal aliens charged with sex offenses",
			body: "TULSA, Okla. — ICE arrested six criminal aliens in the Tulsa area between May 20 and May 24 who are amenable to removal.\n" +
				"One was a 40-year-old criminal alien from Mexico arrested May 21 who is charged with sexual assault of a minor.",
			want: []string{"arrest 6 immigration_violation"},
		},
	})
}

// A sentencing release's dated plea counts even when it is old, unless it
// was to another offence than the sentence.
func TestOldPleaOfAnotherCase(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "the plea to another offence years before",
			title: "Former coach sentenced for passport fraud",
			body: "MOBILE, Ala. — Pedro Alvarez, 66, was sentenced March 3 to 12 months in prison for passport fraud.\n" +
				"He pled guilty May 14, 2021, to sexual abuse of a minor.",
			want: []string{"sentenced Pedro Alvarez 1 other"},
		},
		{
			name:  "the plea of this case long before the sentence",
			title: "Smuggler sentenced for transporting aliens",
			body: "LAREDO, Texas — Rosa Ibarra, 41, was sentenced March 3 to 60 months in prison for transporting illegal aliens.\n" +
				"Ibarra pleaded guilty Jan. 5, 2023, to conspiracy to transport illegal aliens.",
			want: []string{"sentenced Rosa Ibarra 1 alien_smuggling", "convicted Rosa Ibarra 1 alien_smuggling"},
		},
	})
}

// A company that pleads guilty is a defendant of its own kind, with its
// legal form in its name; companies named as customers are none.
func TestOrganisationDefendants(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2009, 1, 20, 0, 0, 0, 0, time.UTC)
	body := "WASHINGTON — Harbor Grain Inc. pleaded guilty today to price fixing of corn sold to Midwest Mills Inc. and other buyers.\n" +
		"Paul Reyes, 50, the company's president, pleaded guilty to the same conspiracy."
	evs := n.Events(sources.Record{Source: "test", Publisher: "DOJ", Published: pub, Title: "Grain company and president plead guilty to price fixing", Body: body})
	var got []string
	for _, e := range evs {
		got = append(got, e.Type+" "+e.Defendant+" "+e.DefendantKind)
	}
	want := []string{"convicted Harbor Grain Inc " + DefendantOrganisation, "convicted Paul Reyes " + DefendantPerson}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A bare surname stands for the one defendant named in full before it,
// though relatives of that surname are named later.
func TestSurnameOfRelativesNamedLater(t *testing.T) {
	pub := time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{{
		name:  "siblings named after the plea",
		title: "Leader of sex trafficking organization sentenced to 188 months in prison",
		body: "NEW YORK — An ICE investigation resulted in the July 10 sentencing of Hugo Hernandez-Velazquez, the leader of a sex trafficking organization, to 188 months in prison for sex trafficking by force, fraud and coercion.\n" +
			"Hernandez-Velazquez pleaded guilty to one count of sex trafficking in April 2023.\n" +
			"Between 2001 and 2009, the defendant and his siblings, Ernesto Hernandez-Velazquez and Arcelia Hernandez-Velazquez, ran the organization.\n" +
			"A judge previously sentenced Ernesto Hernandez-Velazquez and Arcelia Hernandez-Velazquez, who also pleaded guilty to sex trafficking, to 20 years each in 2019.",
		want: []string{"sentenced Hugo Hernandez-Velazquez 1 sex_trafficking_force_fraud_coercion", "convicted Hugo Hernandez-Velazquez 1 sex_trafficking_force_fraud_coercion"},
	}})
}

// A charge reported as news in an ICE arrest release is a criminal case:
// "a criminal illegal alien and his son have been charged" names two
// people, and "Andres" is the father, told apart from his son by his given
// name.
func TestFatherAndSonCharged(t *testing.T) {
	pub := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{{
		name:  "a lede with a relative and a given name after",
		title: "ICE HSI and federal partners arrest a criminal illegal alien and his son for illegally trafficking over 70 firearms",
		body: "TULSA, Okla. – Following an investigation by ICE Homeland Security Investigations, a criminal illegal alien and his son have been charged with illegally trafficking 75 firearms and ammunition.\n" +
			"Andres Avila, a 48-year-old criminal illegal alien from Mexico, and his son, Anthony Avila, a 22-year-old Houston resident were caught allegedly trafficking the firearms.\n" +
			"Andres is also charged with being an alien in possession of a firearm.",
		want: []string{"charged Andres Avila 1 other", "charged Anthony Avila 1 other"},
	}})
}

// Stages told of other people or of the past in a case's release: a
// warrant ("wanted on federal charges"), people described by their arrest
// ("load drivers arrested for ..."), co-defendants' sentences in a release
// about a plea.
func TestStagesOfOthersInACase(t *testing.T) {
	pub := time.Date(2025, 7, 17, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "a warrant is no charge",
			title: "ICE arrests gang member suspected in Chicago mass shooting",
			body: "CHICAGO — ICE officers arrested Ricardo Padillia-Granadillo, 27, an illegal alien from Venezuela, July 15.\n" +
				"Granadillo, a suspect in a mass shooting in Chicago, was wanted on federal charges for illegal entry into the United States.",
			want: []string{"arrest Ricardo Padillia-Granadillo 1 immigration_violation"},
		},
		{
			name:  "people described by their arrest",
			title: "Illegal alien indicted for conspiracy to transport other aliens",
			body: "PHOENIX, Ariz. – Last week, a grand jury returned an indictment against Edgar Guadalupe Jimenez-Aguilar, 34, for conspiracy to transport illegal aliens.\n" +
				"From late 2024 through January 2025, agents interviewed other load drivers arrested for transporting illegal aliens, who admitted Jimenez-Aguilar had recruited them.",
			want: []string{"charged Edgar Guadalupe Jimenez-Aguilar 1 alien_smuggling"},
		},
		{
			name:  "co-defendants' sentences in a plea release",
			title: "Nigerian national pleads guilty to international fraud scheme targeting the elderly",
			body: "TUCSON, Ariz. — Ehis Lawrence Akhimie, 45, a Nigerian national, pleaded guilty July 14 to conspiracy to commit mail and wire fraud.\n" +
				"Seven other co-conspirators have previously been convicted and sentenced in connection with this scheme.\n" +
				"Judge Williams sentenced Emmanuel Samuel, Jerry Chucks Ozor, and Iheanyichukwu Jonathan Abraham to prison sentences of 82 months, 87 months, and 90 months, respectively.",
			want: []string{"convicted Ehis Lawrence Akhimie 1 other"},
		},
	})
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "places in the list of agencies credited",
			title: "Illegal alien indicted for conspiracy to transport other aliens",
			body:  "PHOENIX, Ariz. – Last week, a grand jury returned an indictment against Edgar Guadalupe Jimenez-Aguilar, an illegal alien living in Phoenix, for conspiracy to transport illegal aliens, following an investigation by U.S. Immigration and Customs Enforcement, United States Border Patrol Alien Smuggling Unit – Tucson Sector, Casa Grande, Pinal and Pima County Sheriff Departments and other law enforcement partners.",
			want:  []string{"charged Edgar Guadalupe Jimenez-Aguilar 1 alien_smuggling"},
		},
		{
			name:  "an investigation that resulted in a charge names its defendant",
			title: "Honduran national indicted for illegal reentry",
			body:  "OCALA, Fla. – An investigation by U.S. Immigration and Customs Enforcement has resulted in Jose Mario Abrego-Mejia, 34, an illegal alien from Honduras, being indicted with illegal reentry by a previously deported alien.",
			want:  []string{"charged Jose Mario Abrego-Mejia 1 immigration_violation"},
		},
		{
			name:  "an arrest for a violation of sanctions is a criminal case",
			title: "ICE Los Angeles special agents arrest Iranian national for violation of US sanctions",
			body: "LOS ANGELES — HSI Los Angeles special agents arrested Bahram Mohammad Ostovari, 61, an Iranian national, July 10.\n" +
				"Ostovari, a lawful permanent resident of the United States, was charged with violation of the International Emergency Economic Powers Act.",
			want: []string{"arrest Bahram Mohammad Ostovari 1 other", "charged Bahram Mohammad Ostovari 1 other"},
		},
		{
			name:  "an arrest on gun charges with an appearance before a magistrate",
			title: "ICE Buffalo, local partners arrest previously convicted Kenyan national on gun charges",
			body: "BUFFALO, N.Y. — HSI Buffalo, alongside the Buffalo Police Department, arrested a Kenyan national and lawful permanent resident who was charged with being a felon in possession of ammunition.\n" +
				"Personnel from HSI Buffalo and the Buffalo Police Department arrested Aden Ibrahim, 29, on July 9 for alleged unlawful possession of ammunition by a convicted felon.\n" +
				"He appeared before a U.S. magistrate judge and was ordered detained.",
			want: []string{"arrest Aden Ibrahim 1 other", "charged Aden Ibrahim 1 other"},
		},
	})
	checkFrames(t, pub, "DOJ", []frameCase{{
		name:  "a company's name with a place in parentheses",
		title: "Acme (Virginia) LLC pleads guilty to negligent discharges",
		body:  "WASHINGTON — ACM (Virginia) LLC pleaded guilty today in federal court to negligently discharging pollutants into a sewer system, the Justice Department announced.",
		want:  []string{"convicted ACM (Virginia) LLC 1 other"},
	}})
}

// An operation's people listed one per paragraph, each with a label
// ("Convictions:") and a pronoun for the arrest, arrested over a few days
// before the release.
func TestParagraphPerPerson(t *testing.T) {
	pub := time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{{
		name:  "labelled paragraphs",
		title: "ICE arrests 3 criminal illegal alien killers in Florida",
		body: "MIAMI — ICE and federal partners arrested three criminal illegal aliens in Florida between Jan. 9 and Jan. 12.\n" +
			"The following criminal illegal aliens were arrested.\n" +
			"Nelson Vladimir Gonzalez Rodriguez Convictions: Second-degree murder; multiple DUIs He has served significant prison sentences. ICE and ATF arrested him in Hialeah Jan. 12.\n" +
			"Yuri Estevez Convictions: Homicide; carrying a concealed weapon. ICE arrested him in Hollywood Jan. 12.\n" +
			"Ivan Hernandez-Montes Convictions: Aggravated assault on a police officer ICE arrested him Jan. 9.",
		want: []string{"arrest Nelson Vladimir Gonzalez Rodriguez 1 immigration_violation", "arrest Yuri Estevez 1 immigration_violation", "arrest Ivan Hernandez-Montes 1 immigration_violation"},
	}})
	checkFrames(t, time.Date(2025, 2, 7, 0, 0, 0, 0, time.UTC), "ICE", []frameCase{{
		name:  "a removal history later in an arrest's line",
		title: "ICE Seattle captures illegal aliens with histories of unlawful entries into the US",
		body: "SEATTLE — ICE, as part of a joint federal law enforcement effort, captured 3 illegal aliens with a history of unlawful entry into the U.S.\n" +
			"Fernando Nimacachi Matzar, 51, a citizen of Guatemala arrested Jan. 29 in Langley, Washington, with convictions for disorderly conduct and assault, as well as being previously removed twice to his home country.\n" +
			"Miguel Tomas-Antonio, 30, a citizen of Guatemala arrested Feb. 1 in Ferndale, Washington, previously removed to his home country.\n" +
			"Exequiel Quezada-Sanchez, 56, a citizen of Mexico arrested Feb. 1 in Ferndale, Washington, previously removed to his home country.\n" +
			"Olin Ranulfo Navarro-Valle, 40, a citizen of Honduras arrested Jan. 29 in Sheridan, Oregon, convicted in the U.S. District Court for the District of Oregon for illegal reentry, previously removed to his home country.",
		want: []string{"arrest Fernando Nimacachi Matzar 1 immigration_violation", "arrest Miguel Tomas-Antonio 1 immigration_violation", "arrest Exequiel Quezada-Sanchez 1 immigration_violation",
			"arrest Olin Ranulfo Navarro-Valle 1 immigration_violation"},
	}})
	checkFrames(t, time.Date(2025, 2, 18, 0, 0, 0, 0, time.UTC), "ICE", []frameCase{{
		name:  "co-defendants told as sentenced before",
		title: "Pennsylvania man sentenced for role in burglary of 55 UPS warehouses",
		body: "CAMDEN, N.J. – Aboudramane Karamoko, 21, of Philadelphia, was sentenced to 39 months' imprisonment in Camden federal court Feb. 13. Three other defendants, all from Philadelphia, were previously sentenced. " +
			"His accomplices Sekou Fofanah, 20, was sentenced to 24 months' imprisonment; and Quamaire Brown, 19, was sentenced to 33 months' imprisonment.",
		want: []string{"sentenced Aboudramane Karamoko 1 other"},
	}})
	checkFrames(t, time.Date(2008, 11, 6, 0, 0, 0, 0, time.UTC), "DOJ", []frameCase{{
		name:  "a misspelt surname is the defendant named before",
		title: "Arrests Made in Springfield, Massachusetts Church Arson",
		body: "WASHINGTON – Benjamin Haskell, 22, and Michael Jacques, 24, both of Springfield, Mass., were arrested early this morning on a civil rights violation.\n" +
			"Haskel and Jacques have been arrested and charged in a complaint with conspiring to injure the parishioners.",
		want: []string{"arrest Benjamin Haskell 1 other", "arrest Michael Jacques 1 other", "charged Benjamin Haskell 1 other", "charged Michael Jacques 1 other"},
	}, {
		name:  "a name glued to the 'and' before it",
		title: "Arrests Made in Springfield, Massachusetts Church Arson",
		body:  "WASHINGTON – Benjamin Haskell,22, Michael Jacques, 24, andThomas Gleason,21, all of Springfield, Mass., were arrested early this morning on a civil rights violation.",
		want:  []string{"arrest Benjamin Haskell 1 other", "arrest Michael Jacques 1 other", "arrest Thomas Gleason 1 other"},
	}})
}

// An arrest told of "them" before anyone is named belongs to the people
// the release then lists.
func TestThemBeforeTheList(t *testing.T) {
	checkFrames(t, time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC), "ICE", []frameCase{{
		name:  "fugitives handed over, then named",
		title: "5 of 37 fugitives expelled from Mexico were targets of ICE El Paso investigation",
		body: "EL PASO, Texas — Five of the 37 fugitives expelled from Mexico into the U.S. on Jan. 20 were subjects of an HSI probe.\n" +
			"The fugitives were expelled to San Antonio, where the U.S. Marshals Service took them into custody.\n" +
			"The following individuals, all Mexican nationals, face federal charges:\n" +
			"Maria Del Carmen Navarro Sanchez and Luis Carlos Davalos Lopez are charged with narcotics trafficking.\n" +
			"Humberto Rivera-Rivera is charged with narcotics trafficking.",
		want: []string{"arrest Maria Del Carmen Navarro Sanchez 1 other", "arrest Luis Carlos Davalos Lopez 1 other", "arrest Humberto Rivera-Rivera 1 other",
			"charged Maria Del Carmen Navarro Sanchez 1 other", "charged Luis Carlos Davalos Lopez 1 other", "charged Humberto Rivera-Rivera 1 other"},
	}})
}

// A father and son of one name are two defendants; a company told by a
// copula after the stage ("The company charged is ...") is one.
func TestSuffixedNamesAndCompanyPredicates(t *testing.T) {
	pub := time.Date(2009, 1, 20, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{
			name:  "father and son",
			title: "Three charged with illegally selling striped bass",
			body: "WASHINGTON — Three people have been charged for the illegal sale of striped bass, the Justice Department announced today.\n" +
				"Individuals charged include:\n" +
				"Thomas L. Crowder of Leonardtown, Md.\n" +
				"Robert Moore Sr. of Falls Church, Va.\n" +
				"Robert Moore Jr. of Ashburn, Va.\n" +
				"The company charged is Cannon Seafood Inc., located in Washington, D.C.",
			want: []string{"charged Thomas L. Crowder 1 other", "charged Robert Moore Sr. 1 other", "charged Robert Moore Jr. 1 other", "charged Cannon Seafood Inc 1 other"},
		},
		{
			name:  "a semicolon list of people described, not aged",
			title: "Casino owner and businessman indicted in tax fraud scheme",
			body:  "WASHINGTON - A Las Vegas federal grand jury has returned an indictment charging Alan Rodrigues, a former pit boss from Henderson, Nev.; Weston Coolidge, a businessman from Las Vegas; and Joseph Prokop, a former punter from Upland, Calif., with a tax fraud scheme, the Justice Department announced today.",
			want:  []string{"charged Alan Rodrigues 1 other", "charged Joseph Prokop 1 other", "charged Weston Coolidge 1 other"},
		},
	})
}

// Arrests told as a nominal ("led to the arrest of X"), as a custody
// transfer ("took custody of X"), or with a generic object named in the
// next sentence; a victim named in a relative clause is no defendant.
func TestArrestWordings(t *testing.T) {
	pub := time.Date(2025, 8, 20, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "led to the arrest of",
			title: "ICE arrests Dayton nurse for child sexual abuse material",
			body:  "DAYTON, Ohio — An investigation by HSI Dayton led to the Aug. 12 arrest of Kyle Brandt, a 41-year-old nurse, for allegedly possessing child sexual abuse material.",
			want:  []string{"arrest Kyle Brandt 1 csam_possession"},
		},
		{
			name:  "took custody of",
			title: "ICE arrests illegal alien accused of manslaughter",
			body:  "TUCSON, Ariz. — ICE Enforcement and Removal Operations officers took custody of Ramona Vela-Soto, a Mexican citizen accused of manslaughter, Aug. 14 pursuant to an immigration detainer.",
			want:  []string{"arrest Ramona Vela-Soto 1 immigration_violation"},
		},
		{
			name:  "a generic object named next",
			title: "ICE arrests MS-13 member in Kentucky",
			body: "LOUISVILLE, Ky. — ICE and the Lyon County Sheriff’s Office arrested a documented MS-13 member Aug. 11.\n" +
				"Mauricio Lainez-Soto, an illegal alien from El Salvador, has pending charges in El Salvador.",
			want: []string{"arrest Mauricio Lainez-Soto 1 immigration_violation"},
		},
		{
			name:  "the victim in a relative clause",
			title: "ICE arrests illegal alien who killed a teenager in a hit-and-run",
			body:  "CHARLOTTE, N.C. — On Aug. 12, ICE announced the arrest of Mateo Quiej-Lopez, a criminal illegal alien from Guatemala who killed Dana Whitfield, a 16-year-old girl, in a hit-and-run.",
			want:  []string{"arrest Mateo Quiej-Lopez 1 immigration_violation"},
		},
	})
}

// A quoted nickname inside a name is an alias; a speech reports no stage.
func TestNicknamesAndSpeeches(t *testing.T) {
	n := mustNew(t)
	pub := time.Date(2009, 1, 20, 0, 0, 0, 0, time.UTC)
	evs := n.Events(sources.Record{Source: "test", Publisher: "DOJ", Published: pub, Title: "Former police chief pleads guilty",
		Body: `WASHINGTON – Bobby "Bo" Harlan, the former chief of police in Ridgeland, Miss., pleaded guilty today to a civil rights violation.`})
	if len(evs) != 1 || evs[0].Defendant != "Bobby Harlan" || strings.Join(evs[0].Aliases, ",") != "Bo" {
		t.Errorf("nickname: got %+v", evs)
	}
	if evs := n.Events(sources.Record{Source: "test", Publisher: "DOJ", Published: pub,
		Title: "Assistant Attorney General Speaks at the Press Conference Announcing Charges Against Five Hackers",
		Body:  "WASHINGTON – Today a grand jury indicted five members of a foreign military unit, Ann Roe said."}); len(evs) != 0 {
		t.Errorf("speech: got %+v", evs)
	}
}

// The lede's indefinite subject, whatever its noun, is the release's main
// defendant named after it.
func TestLedeSubject(t *testing.T) {
	pub := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{{
		name:  "a sushi restaurateur",
		title: "Tampa restaurateur pleads guilty to harboring illegal aliens",
		body: "TAMPA, Fla. – A Tampa Bay sushi restaurateur has pleaded guilty to harboring illegal aliens for private financial gain.\n" +
			"Lin Wei Chow, 44, of Tampa, faces a maximum penalty of 10 years in federal prison.",
		want: []string{"convicted Lin Wei Chow 1 alien_smuggling"},
	}})
}

// Co-defendants who "have pleaded guilty" did so before the release's news.
func TestCoDefendantsEarlierPleas(t *testing.T) {
	pub := time.Date(2009, 1, 20, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{{
		name:  "the twentieth member",
		title: "Twentieth member of card-cheating ring pleads guilty",
		body: "WASHINGTON – Dale Ruiz, 52, of San Diego, pleaded guilty today to racketeering conspiracy.\n" +
			"Nineteen other members of the ring, including Amy Koh and Brent Lowe, have pleaded guilty to related charges.",
		want: []string{"convicted Dale Ruiz 1 other"},
	}})
}

// Names the issue lists as missed: in capitals, with particles, with a
// capitalised number word and a suffix after a comma.
func TestHardNames(t *testing.T) {
	pub := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{"capitals", "Tulsa man pleads guilty to wire fraud", "TULSA, Okla. – JOHN Q. DOE, 45, of Tulsa, pleaded guilty today to wire fraud.",
			[]string{"convicted JOHN Q. DOE 1 other"}},
		{"a number word and a suffix", "Rapid City man sentenced", "RAPID CITY, S.D. – John Two Bulls, Sr., 52, was sentenced April 28 to 120 months in prison for aggravated sexual abuse of a child.",
			[]string{"sentenced John Two Bulls, Sr. 1 sexual_abuse_minor"}},
		{"particles", "Houston woman sentenced", "HOUSTON – Maria de los Angeles Garcia-Lopez, 33, was sentenced April 28 to 60 months in prison for alien smuggling.",
			[]string{"sentenced Maria de los Angeles Garcia-Lopez 1 alien_smuggling"}},
	})
}

// A middle initial that is also an English word ("A.") stays in the name;
// a list of "Name of Place" lines after "charged include:" is a roster.
func TestInitialsAndPlaceRosters(t *testing.T) {
	pub := time.Date(2009, 1, 30, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{"initial A.", "Former lobbyist pleads guilty", "WASHINGTON – Todd A. Boulanger, 37, pleaded guilty today before U.S. District Judge Richard W. Roberts.",
			[]string{"convicted Todd A. Boulanger 1 other"}},
		{"a roster of names and places", "Four charged with illegally selling oysters",
			"WASHINGTON – Four watermen have been charged for the illegal sale of oysters, the Justice Department announced today.\n" +
				"Individuals charged include:\n" +
				"Dale R. Pruitt of Crisfield, Md.\n" +
				"Owen Tyler of Deal Island, Md.\n" +
				"Mark E. Sterling of Salisbury, Md.",
			// four charged, three listed: the fourth is a group of one
			[]string{"charged 1 other", "charged Dale R. Pruitt 1 other", "charged Owen Tyler 1 other", "charged Mark E. Sterling 1 other"}},
	})
}

// TestOrgFormEnd checks the word lookup against the end-anchored pattern it
// replaced.
func TestOrgFormEnd(t *testing.T) {
	old := regexp.MustCompile(`(?:^|\s)(?:inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|plc|s\.a|sa|n\.v|nv|ag|gmbh|llp|lp|l\.p|s\.a\. de c\.v|airlines|airways|bank|foods)\.?$`)
	for _, name := range []string{"acme foods inc.", "acme foods inc", "acme inc..", "inc", "inc.", "grupo x s.a. de c.v.",
		"grupo x s.a. de c.v", "grupox.s.a. de c.v", "s.a. de c.v.", "smith & co.", "marco", "zinc", "bancorp", "first national bank",
		"x\tllc", "x\u00a0llc", "acme l.l.c.", "acme lp", "acme l.p.", "john doe", "", ".", "delta airlines", "casa", "smith sa"} {
		if got, want := orgFormEnd(name), old.MatchString(name); got != want {
			t.Errorf("orgFormEnd(%q) = %v, want %v", name, got, want)
		}
	}
}

// A year that names the period an offence covers ("a false return for the
// year 2021") does not date the plea: the plea is today's news.
func TestOffencePeriodYears(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{
			name:  "tax year",
			title: "Ohio dentist pleads guilty to filing false tax return",
			body:  "WASHINGTON - Mark Ellison, a dentist in Dayton, Ohio, pleaded guilty to one count of filing a false tax return for the year 2021, the Justice Department announced today.",
			want:  []string{"convicted Mark Ellison 1 other"},
		},
		{
			name:  "years joined",
			title: "Ohio dentist pleads guilty to filing false tax returns",
			body:  "WASHINGTON - Mark Ellison, a dentist in Dayton, Ohio, pleaded guilty today to filing false returns for tax years 2020 and 2021.",
			want:  []string{"convicted Mark Ellison 1 other"},
		},
	})
}

func TestPeriodYear(t *testing.T) {
	for text, want := range map[string]bool{
		"a false tax return for the year 2000":         true,
		"false returns for tax years 2000 and 2001":    true,
		"for fiscal year 2019":                         true,
		"pleaded guilty in 2023":                       false,
		"between 2019 and 2021":                        false, // rangeDate's case, not this one
		"years ago, in 2010":                           false,
		"and 2021":                                     false,
		"for tax years 2019, 2020 and 2021":            true,
		"was sentenced to five years and 2021 ordered": false,
	} {
		pos := strings.LastIndexAny(text, "0123456789") - 3
		if got := periodYear(text, pos); got != want {
			t.Errorf("periodYear(%q) = %v, want %v", text, got, want)
		}
	}
}

// A person introduced in full where nothing happens to them yet, then the
// subject of a stage by surname, is the defendant; a co-defendant's plea in
// an earlier month is background to today's plea.
func TestSurnameSubjectAndEarlierMonth(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "introduced, then charged by surname",
			title: "HSI arrests former coach for child sexual abuse material",
			body: "DENVER — On March 5, investigators executed a search warrant at the home of Mark Halvorsen, who is suspected of possessing child sexual abuse material.\n" +
				"Halvorsen, a former coach, was charged with one count of possession of child sexual abuse material.",
			want: []string{"charged Mark Halvorsen 1 csam_possession"},
		},
		{
			name:  "a surname that is not the subject stays out",
			title: "HSI charges tenant with possessing child sexual abuse material",
			body: "DENVER — On March 5, investigators executed a search warrant at the home of Mark Halvorsen.\n" +
				"Agents charged Luis Ortega, 34, a tenant of Halvorsen, with possession of child sexual abuse material.",
			want: []string{"charged Luis Ortega 1 csam_possession"},
		},
		{
			name:  "co-defendants' pleas in an earlier month",
			title: "Woman pleads guilty to wire fraud",
			body: "DENVER — Ana Ruiz, 41, pleaded guilty today to wire fraud.\n" +
				"Her co-defendants Luis Ortega and Pedro Salas pleaded guilty in January 2025 and await sentencing.",
			want: []string{"convicted Ana Ruiz 1 other"},
		},
	})
}

// "Convicted sex offender" and "felon" near a plea describe the person or
// name the charge; the plea is still news.
func TestConvictedFelonDescribes(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{
			name:  "a description before the plea",
			title: "Convicted sex offender pleads guilty to failing to register",
			body:  "DENVER — John Smith, 44, a convicted sex offender, pleaded guilty today to failing to register as a sex offender.",
			want:  []string{"convicted John Smith 1 other"},
		},
		{
			name:  "the charge's name",
			title: "Man pleads guilty to illegal reentry",
			body:  "DENVER — Mario Ruiz, 41, pleaded guilty today to illegal reentry by a convicted felon.",
			want:  []string{"convicted Mario Ruiz 1 immigration_violation"},
		},
		{
			name:  "an earlier conviction is still history",
			title: "Man sentenced for illegal reentry",
			body:  "DENVER — Mario Ruiz, 41, was sentenced today to 30 months in prison for illegal reentry. Ruiz, who was previously convicted of assault, was removed in 2019.",
			want:  []string{"sentenced Mario Ruiz 1 immigration_violation"},
		},
	})
}

// A date inside a relative clause after the verb dates that clause, not the
// arrest; a name's first surname takes it up later.
func TestRelativeClauseDates(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "the date of an earlier entry",
			title: "ICE arrests illegal alien in Newark",
			body:  "NEWARK, N.J. — ICE officers arrested Mario Ruiz Ortega, 41, who entered the country illegally on Jan. 5, 2010, during a targeted enforcement operation.",
			want:  []string{"arrest Mario Ruiz Ortega 1 immigration_violation"},
		},
		{
			name:  "introduced after a generic object, taken up by the first surname",
			title: "ICE Newark arrests armed illegal alien",
			body: "NEWARK, N.J. — ICE officers arrested a Brazilian alien whose tourist visa expired April 16, 2016.\n" +
				"Officers encountered Daniel Firmino Dos Santos during a routine immigration enforcement operation.\n" +
				"Firmino, who is now facing federal criminal charges for being an alien in possession of a firearm, remains in ICE custody.",
			// the federal charge is news: a new criminal case, not an
			// immigration arrest alone
			want: []string{"arrest Daniel Firmino Dos Santos 1 other", "charged Daniel Firmino Dos Santos 1 other"},
		},
	})
}

// "resulted in" before a name introduces a person, not a place ("in Vado").
func TestResultedInName(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "a plea told as a result",
			title: "Mexican national pleads guilty to illegal reentry",
			body:  "JACKSONVILLE, Fla. – An investigation by U.S. Immigration and Customs Enforcement resulted in Jose Luis Carrasco-Aldape, 37, a twice deported illegal alien from Mexico, pleading guilty to illegal reentry of a removed alien.",
			want:  []string{"convicted Jose Luis Carrasco-Aldape 1 immigration_violation"},
		},
	})
}

// A plural lede subject that counts nobody is the people named after it; a
// counted one stays a group.
func TestPluralLedeSubject(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "leaders named after",
			title: "Leaders of drug trafficking organization plead guilty",
			body: "TAMPA, Fla. — Leaders of a Colombian drug trafficking organization have pleaded guilty to conspiracy to import cocaine into the United States.\n" +
				"Jorge Gonzalez-Ortiz, 50, and Carlos Aldana-Gil, 43, each face a maximum penalty of life in federal prison.",
			want: []string{"convicted Jorge Gonzalez-Ortiz 1 other", "convicted Carlos Aldana-Gil 1 other"},
		},
		{
			name:  "one person named: no plural subject",
			title: "Leaders of drug trafficking organization plead guilty",
			body: "TAMPA, Fla. — Leaders of a Colombian drug trafficking organization have pleaded guilty to conspiracy to import cocaine into the United States.\n" +
				"Jorge Gonzalez-Ortiz, 50, faces a maximum penalty of life in federal prison.",
			want: nil, // "leaders" are not the one person named
		},
	})
}

// "Led to federal charges against X" charges X; the group people lead or
// belong to is no defendant.
func TestChargesAgainst(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "charges against two people",
			title: "Couple charged in identity theft scheme following ICE investigation",
			body:  "SAN DIEGO — An ICE investigation has led to federal charges against Luis Villegas Brownell, a Mexican citizen without legal status, and his girlfriend, Kassandra Sanchez, a U.S. citizen, for identity theft.",
			want:  []string{"charged Luis Villegas Brownell 1 other", "charged Kassandra Sanchez 1 other"},
		},
		{
			name:  "the cartel its leaders belong to",
			title: "Charges filed against cartel leaders",
			body:  "WASHINGTON — An investigation has resulted in criminal charges against high-ranking leaders of the Mexico-based Carteles Unidos.",
			want:  nil,
		},
		{
			name:  "counted leaders are a group",
			title: "Charges filed against 5 top cartel leaders",
			body:  "WASHINGTON — An investigation has resulted in criminal charges against five high-ranking leaders of the Mexico-based Carteles Unidos.",
			want:  []string{"charged 5 other"},
		},
	})
}

// "Led to the indictment of X" charges X.
func TestIndictmentOf(t *testing.T) {
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "nominal indictment",
			title: "ICE investigation leads to indictment of Maryland man",
			body:  "BALTIMORE – An investigation conducted by ICE led to the federal indictment of Eric Tano Tataw, 38, of Gaithersburg, Maryland, for conspiring to provide material support to armed groups.",
			want:  []string{"charged Eric Tano Tataw 1 other"},
		},
	})
}

// Co-defendants sentenced together keep the verdict their sentences
// followed, as the first-named one does.
func TestCoDefendantsSentencedTogether(t *testing.T) {
	pub := time.Date(2009, 1, 30, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{
			name:  "a verdict months before",
			title: "Two former vendor employees sentenced for wire fraud",
			body: "WASHINGTON – Luis Candelario, a former sales representative, was sentenced to serve 18 months in jail.\n" +
				"Thomas Vander Luitgaren, a former general manager, was sentenced today to serve 18 months of home confinement.\n" +
				"Candelario and Vander Luitgaren were convicted of the charges on Oct. 1, 2008, following a two-week trial.",
			want: []string{"sentenced Luis Candelario 1 other", "sentenced Thomas Vander Luitgaren 1 other",
				"convicted Luis Candelario 1 other", "convicted Thomas Vander Luitgaren 1 other"},
		},
	})
}

// The people a release lists belong to the charge it tells of all of them:
// an indictment that "charges nine defendants" before a list of those
// arrested, and "Each individual has been charged" before a list whose
// lines tell other stages or none.
func TestListsShareTheGroupCharge(t *testing.T) {
	pub := time.Date(2025, 1, 29, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "an indictment's count covers the people arrested, the rest is a group",
			title: "HSI Seattle arrests 3 in scheme to import counterfeit parts",
			body: "SEATTLE — HSI Seattle has arrested three individuals for their part in a scheme to import counterfeit aircraft parts.\n" +
				"The 9-count indictment, returned last month and unsealed on Jan. 24, charges four defendants with conspiracy and smuggling.\n" +
				"The individuals arrested are:\n" +
				"Maria Quintana, 51, of Tacoma, who owns a freight company;\n" +
				"Dale Orrin Webb, 44, of Everett, a warehouse manager;\n" +
				"Felix Amundsen, 39, of Kent, who drove the trucks.",
			want: []string{"charged Maria Quintana 1 other", "charged Dale Orrin Webb 1 other", "charged Felix Amundsen 1 other", "charged 1 other",
				"arrest Maria Quintana 1 other", "arrest Dale Orrin Webb 1 other", "arrest Felix Amundsen 1 other"},
		},
		{
			name:  "a title count above the list, and the charge of all the defendants",
			title: "HSI case results in 5 arrests on complaints alleging loan fraud",
			body: "LOS ANGELES — Five defendants were arrested Jan. 28 on two federal criminal complaints alleging loan fraud.\n" +
				"The 6 total defendants named in the complaints are charged with conspiracy and wire fraud.\n" +
				"The defendants arrested Jan. 28 include:\n" +
				"Vahe Martirosyan, 42, of Tujunga, who allegedly directed owners of sham corporations to open bank accounts.\n" +
				"Sarkis Avetisyan, 37, of Glendale, who allegedly submitted a false loan application.\n" +
				"Felix Parkman, 77, of North Hollywood, who allegedly made false statements.",
			want: []string{"arrest 2 other", "charged Vahe Martirosyan 1 other", "charged Sarkis Avetisyan 1 other", "charged Felix Parkman 1 other", "charged 3 other",
				"arrest Vahe Martirosyan 1 other", "arrest Sarkis Avetisyan 1 other", "arrest Felix Parkman 1 other"},
		},
		{
			name:  "each individual charged reaches list lines with no stage of their own",
			title: "Identity theft investigation leads to charges against 4 individuals",
			body: "TAMPA, Fla. — Four people have been charged as the result of an identity theft investigation.\n" +
				"Each individual has been charged with aggravated identity theft. If convicted, each faces up to 12 years in federal prison.\n" +
				"Rosa Ilena Portillo, of Honduras, was indicted on Dec. 17, 2024;\n" +
				"Tomas Quintero-Baez, of Guatemala, is scheduled for trial in April 2025;\n" +
				"Edgar Velez Ruano, of Mexico, was indicted on June 25, 2024;\n" +
				"Wilmer Osorto, of Honduras, had a superseding indictment returned on Sept. 27, 2024.",
			want: []string{"charged Edgar Velez Ruano 1 other", "charged Tomas Quintero-Baez 1 other", "charged Wilmer Osorto 1 other", "charged Rosa Ilena Portillo 1 other"},
		},
	})
}

// A small counted group named in the next sentence, which tells no stage
// of its own, is those people; a count the next sentence does not match
// stays a group.
func TestCountedGroupNamedNext(t *testing.T) {
	pub := time.Date(2025, 6, 12, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "two arrested, two named",
			title: "ICE Cleveland arrests a convicted robber and a convicted kidnapper",
			body: "CLEVELAND - ICE officers in Cleveland arrested two criminal aliens June 10. Omar Haddad Saleh, 49, a Jordanian, and Victor Lum Hernandez, 61, a Mexican, who remain in ICE custody pending removal.\n" +
				"Saleh has a previous conviction for robbery.",
			want: []string{"arrest Omar Haddad Saleh 1 immigration_violation", "arrest Victor Lum Hernandez 1 immigration_violation"},
		},
		{
			name:  "three arrested, one named",
			title: "ICE Cleveland arrests 3 criminal aliens",
			body:  "CLEVELAND - ICE officers in Cleveland arrested three criminal aliens June 10. Omar Haddad Saleh, 49, a Jordanian, remains in ICE custody pending removal.",
			want:  []string{"arrest 3 immigration_violation"},
		},
	})
}

// "They" after a sentence that names several people in clauses of their
// own is all of them, not the last clause's.
func TestTheyIsEveryoneOfTheSentenceBefore(t *testing.T) {
	pub := time.Date(2025, 8, 21, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{{
		name:  "two fugitives in a semicolon list",
		title: "ICE investigation leads to arraignment of 2 fugitives transferred from Mexico",
		body: "SAN DIEGO — Following an ICE investigation, two fugitives transferred from Mexico — Ramon Ortega Vidal, also known as Flaco; and Jose Luis Medina Soto, also known as El Guero — appeared in federal court Aug. 13. " +
			"They face charges including drug trafficking and money laundering.",
		want: []string{"charged Ramon Ortega Vidal 1 other", "charged Jose Luis Medina Soto 1 other"},
	}})
}

// Charges and arrests told in the words of court papers: an indictment
// "unsealed upon her arrest", a complaint "obtained" from a magistrate, and
// a new federal charge an immigration arrest leads to.
func TestCourtPaperStages(t *testing.T) {
	pub := time.Date(2025, 3, 13, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "unsealed upon her arrest",
			title: "Texas woman charged with smuggling aliens",
			body: "LAREDO, Texas – A Texas woman was charged with transporting illegal aliens for financial gain.\n" +
				"Maria Elena Cantu, 31, of Dallas, is expected to make her initial appearance this week. A federal grand jury returned the indictment Feb. 19, which was unsealed upon her arrest Feb. 27.",
			want: []string{"charged Maria Elena Cantu 1 alien_smuggling", "arrest Maria Elena Cantu 1 alien_smuggling"},
		},
		{
			name:  "a criminal complaint obtained the same day",
			title: "ICE arrests previously removed alien in Philadelphia",
			body: "PHILADELPHIA – ICE arrested Rosa Imelda Batista-Cruz, a 36-year-old citizen of the Dominican Republic, in Philadelphia March 12.\n" +
				"ICE issued Batista-Cruz a notice of intent to reinstate her removal order March 12 and on the same day obtained a federal arrest warrant and criminal complaint from a U.S. magistrate judge for reentry after deportation.",
			want: []string{"arrest Rosa Imelda Batista-Cruz 1 immigration_violation", "charged Rosa Imelda Batista-Cruz 1 immigration_violation"},
		},
		{
			name:  "a co-defendant's initial appearance earlier today",
			title: "HSI, partners arrest 3 members of a theft ring",
			body: "LOS ANGELES – HSI and local partners arrested three members of a cargo theft ring March 12.\n" +
				"Among the defendants charged is Aram Petrosyan, 41, of Glendale, who is charged with conspiracy to commit wire fraud.\n" +
				"Vartan Hakobyan, 50, of Miami, made his initial appearance earlier today in Fort Lauderdale and was ordered detained.",
			want: []string{"charged Aram Petrosyan 1 other", "charged Vartan Hakobyan 1 other"},
		},
		{
			name:  "a federal charge after an immigration arrest, its date another verb's",
			title: "ICE Newark arrests armed illegal alien who overstayed visa",
			body: "NEWARK, N.J. — ICE Newark officers arrested a Brazilian alien whose tourist visa expired in 2016 and who was carrying a handgun Aug. 9 in Cinnaminson.\n" +
				"Officers encountered Paulo Henrique Rocha Lima during a routine immigration enforcement operation.\n" +
				"Rocha, who’s now facing federal criminal charges for being an alien in possession of a firearm, entered the United States in Detroit on Oct. 17, 2015.",
			want: []string{"arrest Paulo Henrique Rocha Lima 1 immigration_violation", "charged Paulo Henrique Rocha Lima 1 immigration_violation"},
		},
	})
}

// A roster whose lines give an alias with "a.k.a." and the age and town in
// parentheses, and an arrest told of "all but two" of its people, the two
// named in the next sentence.
func TestAliasRosterAndAllBut(t *testing.T) {
	pub := time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{{
		name:  "all but two arrested",
		title: "4 Canadian nationals charged in Vermont over phone scam",
		body: "Burlington, Vt. – Four Canadian nationals were indicted by a federal grand jury in Vermont for a phone scam uncovered by HSI.\n" +
			"Individuals charged in the indictment:\n" +
			"Derek West, a.k.a. “Moose,” (38 – Burlington, Ontario)\n" +
			"Nadia Khalil, a.k.a. “Paula” and “Pauly,” (36 – Les Coteaux, Québec)\n" +
			"Marc Tremblay, a.k.a. “Chevy,” (43 – Pierrefonds, Québec)\n" +
			"Luc Tremblay, a.k.a. “Coop,” (35 – Laval, Québec)\n" +
			"All but two of the above-named individuals were arrested in Canada on March 4. West and Luc Tremblay remain at large.",
		want: []string{"charged Derek West 1 other", "charged Nadia Khalil 1 other", "charged Marc Tremblay 1 other", "charged Luc Tremblay 1 other",
			"arrest Nadia Khalil 1 other", "arrest Marc Tremblay 1 other"},
	}})
}

// An immigration arrest release that lists all of the few people its title
// counts names each of them; a place joined to another by "and" after
// "from" is no person.
func TestSmallListedEnforcementGroup(t *testing.T) {
	pub := time.Date(2025, 9, 27, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "all three listed",
			title: "ICE Denver arrests 3 convicted child sex predators",
			body: "DENVER - ICE Denver officers arrested three illegal aliens who are convicted child sex predators on Sept. 25.\n" +
				"Those arrested include:\n" +
				"Mario Negron, a citizen of Mexico, convicted of lewd acts with a child.\n" +
				"Tuan Pham, a citizen of Vietnam, convicted of molesting a child.\n" +
				"Dario Vasquez, a citizen of Cuba, convicted of sexual assault of a minor.\n" +
				"All three remain in ICE custody pending removal.",
			want: []string{"arrest Mario Negron 1 immigration_violation", "arrest Tuan Pham 1 immigration_violation", "arrest Dario Vasquez 1 immigration_violation"},
		},
		{
			name:  "all listed after 'Some of ... include:', however many",
			title: "ICE arrests 7 illegal alien sex offenders in California operation",
			body: "LOS ANGELES — ICE’s Enforcement and Removal Operations arrested seven sex offenders during a targeted operation. They will be removed from the United States.\n" +
				"Some of the sex offenders arrested by ICE in Los Angeles include:\n" +
				"Mario Negron, a 42-year-old criminal illegal alien from Mexico convicted of lewd acts with a child and sentenced to two years in prison.\n" +
				"Tuan Pham, a 39-year-old criminal illegal alien from Vietnam convicted of molesting a child and sentenced to three days in jail.\n" +
				"Dario Vasquez, a 37-year-old criminal illegal alien from Cuba convicted of sexual assault of a minor and sentenced to nine years in prison.\n" +
				"Luis Ortega, a 73-year-old criminal illegal alien from Mexico convicted of lewd acts with a child and sentenced to two years in prison.\n" +
				"Pedro Salas, a 50-year-old criminal illegal alien from Mexico convicted of sexual abuse of a child and sentenced to 12 years in prison.\n" +
				"Jorge Rivas, a 53-year-old criminal illegal alien from Mexico convicted of attempted kidnapping and sentenced to 16 years in prison.\n" +
				"Ramon Olivares, a 49-year-old criminal illegal alien from Mexico convicted of forgery and sentenced to 18 years in prison.",
			want: []string{"arrest Mario Negron 1 immigration_violation", "arrest Tuan Pham 1 immigration_violation", "arrest Dario Vasquez 1 immigration_violation",
				"arrest Luis Ortega 1 immigration_violation", "arrest Pedro Salas 1 immigration_violation", "arrest Jorge Rivas 1 immigration_violation", "arrest Ramon Olivares 1 immigration_violation"},
		},
		{
			name:  "no total, the people listed without names",
			title: "ICE HSI and partners arrest dangerous criminal aliens during South Texas enforcement action",
			body: "SAN ANTONIO - ICE Homeland Security Investigations and partners conducted routine enforcement actions in South Texas during the week of Jan. 22.\n" +
				"Some of the most violent criminal aliens HSI apprehended and removed from the community include:\n" +
				"A 35-year-old Mexican male convicted of drug trafficking remains in federal custody.\n" +
				"A 37-year-old Honduran male and MS-13 member remains in federal custody pending his removal.\n" +
				"A 53-year-old Mexican male convicted of aggravated assault remains in federal custody.\n" +
				"Individuals can report suspicious activity to the ICE Tip Line.",
			want: []string{"arrest 3 immigration_violation"},
		},
		{
			name:  "no total anywhere: the people listed are the arrests",
			title: "ICE continues to arrest violent criminal illegal aliens in Chicago",
			body: "WASHINGTON — ICE continues to arrest violent criminal illegal aliens as part of an operation in Chicago.\n" +
				"Of those arrested across Chicago on Sept. 19 alone, violent criminal illegal aliens include:\n" +
				"Angel Gomez Luca, a 27-year-old criminal illegal alien from Venezuela who's been convicted of domestic violence and sentenced to two years in prison. He was removed in 2010.\n" +
				"Juan Torres Vasquez, a 54-year-old criminal illegal alien from Mexico who's been convicted of assault and sentenced to a year in jail. He was removed in 2007.\n" +
				"Hector Tejada Solis, a 34-year-old criminal alien from Mexico convicted of armed robbery and sentenced to three years in prison. He was removed in 2012.",
			want: []string{"arrest Angel Gomez Luca 1 immigration_violation", "arrest Juan Torres Vasquez 1 immigration_violation", "arrest Hector Tejada Solis 1 immigration_violation"},
		},
		{
			name:  "a list entry with old arrests of its own still takes the list's arrest",
			title: "ICE continues to arrest violent criminal illegal aliens in Chicago",
			body: "WASHINGTON — ICE continues to arrest violent criminal illegal aliens as part of an operation in Chicago.\n" +
				"Of those arrested across Chicago on Sept. 19 alone, violent criminal illegal aliens include:\n" +
				"Angel Gomez Luca, a 27-year-old criminal illegal alien from Venezuela who's been convicted of domestic violence and sentenced to two years in prison. He was removed in 2010.\n" +
				"Domingo Sandoval Hernandez, a 47-year-old criminal illegal alien from Mexico with a final order of removal who's been convicted of DUI and arrested multiple times for domestic battery. He was removed in 2007.",
			want: []string{"arrest Angel Gomez Luca 1 immigration_violation", "arrest Domingo Sandoval Hernandez 1 immigration_violation"},
		},
		{
			name:  "a total in the body: the people listed are examples",
			title: "ICE continues to arrest violent criminal illegal aliens in Chicago",
			body: "WASHINGTON — ICE continues to arrest violent criminal illegal aliens as part of an operation in Chicago.\n" +
				"During the operation, ICE officers arrested more than 1,300 illegal aliens in Chicago.\n" +
				"Of those arrested across Chicago on Sept. 19 alone, violent criminal illegal aliens include:\n" +
				"Angel Gomez Luca, a 27-year-old criminal illegal alien from Venezuela who's been convicted of domestic violence and sentenced to two years in prison. He was removed in 2010.\n" +
				"Juan Torres Vasquez, a 54-year-old criminal illegal alien from Mexico who's been convicted of assault and sentenced to a year in jail. He was removed in 2007.\n" +
				"Hector Tejada Solis, a 34-year-old criminal alien from Mexico convicted of armed robbery and sentenced to three years in prison. He was removed in 2012.",
			want: []string{"arrest 1300 immigration_violation"},
		},
		{
			name:  "two places joined by and",
			title: "HSI intercepts smuggling load that results in the arrest of 8 illegal aliens",
			body:  "SAN ANTONIO — During the operation, HSI special agents from Laredo and Eagle Pass arrested eight illegal aliens Sept. 19 near a ranch in Dimmit County, Texas.",
			want:  []string{"arrest 8 immigration_violation"},
		},
	})
}

// Defendants told around pronouns and statuses: "an indictment charging
// them", a co-defendant "serving a 50-year sentence" in another case
// (a status, not a sentencing), "taken into U.S. custody", and cartel
// names that are no people.
func TestIndictmentReleaseDetails(t *testing.T) {
	pub := time.Date(2025, 2, 5, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "charging them, and a co-defendant serving another sentence",
			title: "HSI arrests members of online group on child exploitation enterprise charges",
			body: "LOS ANGELES — On Jan. 30, HSI special agents arrested two individuals on federal charges of participating in a child exploitation enterprise.\n" +
				"Colin Reed Walker, 23, of Bridgeton, New Jersey, and Aaron James Kealoha, 41, of Pahoa, Hawaii, were arrested pursuant to a grand jury indictment charging them with one count of engaging in a child exploitation enterprise. " +
				"Two additional defendants, Rohan Patel, 28, of Antibes, France, and Kyle Merrick, 24, of Spring, Texas, were also charged in the indictment.\n" +
				"Merrick is currently in Virginia state custody, serving a 50-year sentence for child sex abuse crimes committed in 2020.",
			want: []string{"arrest Colin Reed Walker 1 other", "arrest Aaron James Kealoha 1 other", "charged Colin Reed Walker 1 other", "charged Aaron James Kealoha 1 other",
				"charged Rohan Patel 1 other", "charged Kyle Merrick 1 other"},
		},
		{
			name:  "taken into U.S. custody; cartels are no people",
			title: "2 Mexican nationals, defendants in ICE cases, secured in Arizona",
			body: "PHOENIX – Two Mexican nationals appeared for their initial appearances Feb. 28.\n" +
				"Jose Luis Ortega-Ruiz, 37 and Mario Alberto Soto-Lopez, 43, were taken into U.S. custody after members of drug cartels were designated as Foreign Terrorist Organizations, such as the Sinaloa Cartel and Cártel de Golfo.\n" +
				"Soto-Lopez is charged with conspiracy to distribute methamphetamine.",
			want: []string{"arrest Jose Luis Ortega-Ruiz 1 other", "arrest Mario Alberto Soto-Lopez 1 other", "charged Mario Alberto Soto-Lopez 1 other"},
		},
	})
}

// "All four indicted individuals were arrested" is every defendant when
// the release names four people; with five named it may be some of them.
func TestAllCountedDefendants(t *testing.T) {
	pub := time.Date(2025, 7, 17, 0, 0, 0, 0, time.UTC)
	body := func(extra string) string {
		return "PRESCOTT, Ariz. — A grand jury in Phoenix returned an indictment May 27 against Robert Clouston, 61, Brenda Lyle, 61, " +
			"Luis Pedro Rogel-Jaimes, 33, and Iris Romero-Molina, 29" + extra + ", charging them with harboring illegal aliens.\n" +
			"All four indicted individuals were arrested July 15 without incident."
	}
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "four named, all four arrested",
			title: "Owners of northern Arizona businesses arrested for illegal employment practices",
			body:  body(""),
			want: []string{"charged Robert Clouston 1 alien_smuggling", "charged Brenda Lyle 1 alien_smuggling", "charged Luis Pedro Rogel-Jaimes 1 alien_smuggling", "charged Iris Romero-Molina 1 alien_smuggling",
				"arrest Robert Clouston 1 alien_smuggling", "arrest Brenda Lyle 1 alien_smuggling", "arrest Luis Pedro Rogel-Jaimes 1 alien_smuggling", "arrest Iris Romero-Molina 1 alien_smuggling"},
		},
		{
			name:  "the title's four sentenced, 'All four pleaded guilty', a fifth sentenced before",
			title: "4 Chinese nationals sentenced for roles in complex fraud scheme",
			body: "LOS ANGELES – Kar Kee Chan, 36, of Chino Hills, was sentenced to 42 months in federal prison. " +
				"Qian Guan, 37, of Chino Hills, was sentenced to 33 months in federal prison. " +
				"Chongming Wong, 28, of Temple City, was sentenced to 18 months. " +
				"Jiaozhu Yang, 30, of Alhambra, was sentenced to 12 months.\n" +
				"All four pleaded guilty on June 6.\n" +
				"A fifth defendant, Sizhen Lu, 29, of Irvine, was previously sentenced to 10 months in prison.",
			want: []string{"sentenced Kar Kee Chan 1 other", "sentenced Qian Guan 1 other", "sentenced Chongming Wong 1 other", "sentenced Jiaozhu Yang 1 other",
				"convicted Kar Kee Chan 1 other", "convicted Qian Guan 1 other", "convicted Chongming Wong 1 other", "convicted Jiaozhu Yang 1 other"},
		},
		{
			name:  "five named, all four arrested",
			title: "Owners of northern Arizona businesses arrested for illegal employment practices",
			body:  body(", and Mario Salas Ortega, 40"),
			want:  []string{"charged Robert Clouston 1 alien_smuggling", "charged Brenda Lyle 1 alien_smuggling", "charged Luis Pedro Rogel-Jaimes 1 alien_smuggling", "charged Iris Romero-Molina 1 alien_smuggling", "charged Mario Salas Ortega 1 alien_smuggling"},
		},
	})
}

// A title that counts exactly the people the release names gives its
// stage to each of them, however the body tells it; a title whose agency
// only assisted does not.
func TestTitleCountNamesEveryone(t *testing.T) {
	pub := time.Date(2008, 12, 3, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{
			name:  "three men indicted, arrested in the body",
			title: "Three Staten Island, NY Men Indicted on Federal Hate Crime Conspiracy Charges",
			body: "WASHINGTON – The Department of Justice announced today the unsealing of an indictment charging three Staten Island, N.Y., men with conspiring to assault African-Americans. " +
				"Ralph Nichols and Michael Conroy, both 18, and Brian Carrasco, 21, were arrested late Tuesday and are scheduled for arraignment today.",
			want: []string{"charged Ralph Nichols 1 other", "charged Michael Conroy 1 other", "charged Brian Carrasco 1 other",
				"arrest Ralph Nichols 1 other", "arrest Michael Conroy 1 other", "arrest Brian Carrasco 1 other"},
		},
		{
			name:  "four telemarketers named with their home towns",
			title: "Four Telemarketers Charged in Florida with Business Opportunity Scam",
			body: "WASHINGTON – Four people have been indicted by a federal grand jury in Miami for a fraudulent business opportunity sales operation.\n" +
				"According to the indictment, from June 2004 through Oct. 2004, Stewart Pyle of Seminole, Fla.; Lisa Conan of Ft. Lauderdale; Larry Tate and Frank DiMarco, both of Long Beach, Calif.; and others engaged in the fraudulent sale of business opportunities.",
			want: []string{"charged Stewart Pyle 1 other", "charged Lisa Conan 1 other", "charged Larry Tate 1 other", "charged Frank DiMarco 1 other"},
		},
		{
			name:  "the agency only assisted",
			title: "FBI assists in arresting 2 Minnesota men for funding kidnappings overseas",
			body:  "MINNEAPOLIS – A federal grand jury indicted Benedict Kuan, 48, and Pascal Wong, 52, both of Minneapolis, for funding kidnappings and killings overseas.",
			want:  []string{"charged Benedict Kuan 1 other", "charged Pascal Wong 1 other"},
		},
	})
}

// Companies listed after a plural subject that "have each agreed to plead
// guilty" are charged (a plea agreement is no plea yet); names with "S.A."
// and an all-capitals opening word are read whole; the companies "that
// have pleaded guilty to date" are a running tally, not news.
func TestCompaniesAgreeToPlead(t *testing.T) {
	pub := time.Date(2009, 1, 22, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{{
		name:  "three carriers",
		title: "Three Air Cargo Carriers Agree to Plead Guilty for Fixing Prices",
		body: "WASHINGTON — Three air cargo carriers, SUR Cargo S.A. (SUR Cargo), Aerolineas Andinas S.A. (AASA), and EL AZ Airways Ltd. (EL AZ), have each agreed to plead guilty and pay criminal fines for their roles in a conspiracy to fix prices.\n" +
			"The nine airlines that have pleaded guilty to date are: Northern Airways Plc (Northern), Coastal Air Lines Ltd. and Pacifica Airways Limited.",
		want: []string{"charged SUR Cargo S.A 1 other", "charged Aerolineas Andinas S.A 1 other", "charged EL AZ Airways Ltd 1 other"},
	}})
}

// A company's trade name ("dba Lifecare Medical", "a company named ...")
// is no defendant of its own, and a general quoted after "Brig." is an
// official.
func TestTradeNamesAndMilitaryTitles(t *testing.T) {
	pub := time.Date(2009, 2, 10, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "DOJ", []frameCase{
		{
			name:  "trade name",
			title: "Owner of Pharmaceutical Wholesale Company Pleads Guilty to Medicare Fraud",
			body: "WASHINGTON – The owner and operator of HME Services Inc., dba Healthway Medical (Healthway Medical), a licensed wholesale company in Miami, pleaded guilty today to defrauding the Medicare program.\n" +
				"Harold Simms, 33, pleaded guilty to conspiracy to commit health care fraud.",
			want: []string{"convicted Harold Simms 1 other"},
		},
		{
			name:  "a general quoted",
			title: "Retired Army Major Pleads Guilty in Bribery Scheme",
			body: "WASHINGTON — Christopher H. Morrow, 41, a resident of Cataula, Ga., pleaded guilty today to bribery.\n" +
				"Brig. Gen. Rodney Jameson of the U.S. Army Criminal Investigation Command said the case shows the command's resolve.",
			want: []string{"convicted Christopher H. Morrow 1 other"},
		},
	})
}

// People a charging release calls defendants, and tells nothing else of,
// are charged; in a sentencing release they are the case's past.
func TestCalledDefendants(t *testing.T) {
	pub := time.Date(2025, 5, 21, 0, 0, 0, 0, time.UTC)
	body := "LOS ANGELES – HSI and partners arrested 9 members of a theft ring May 20. Those arrested are charged in two federal complaints.\n" +
		"Two of the remaining defendants, Levan Arakel, 45, of Las Vegas, Nevada and Ivo Bojan, 33, of Gardena, California are presently detained in state custody on unrelated matters."
	checkFrames(t, pub, "ICE", []frameCase{
		{
			name:  "charging release",
			title: "HSI, partners arrest 9 members of a cargo theft ring",
			body:  body,
			want:  []string{"charged Levan Arakel 1 other", "charged Ivo Bojan 1 other"},
		},
		{
			name:  "sentencing release",
			title: "Leader of a cargo theft ring sentenced to 10 years",
			body:  "LOS ANGELES – Ara Petrosyan, 41, of Glendale, was sentenced May 20 to 10 years in prison.\n" + body[strings.Index(body, "Two of"):],
			want:  []string{"sentenced Ara Petrosyan 1 other"},
		},
	})
}

// "The employees were charged with ..." is the people introduced as
// employees, not the release's main defendant, and their charge is theirs.
func TestRoleIntroducedPeople(t *testing.T) {
	pub := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{{
		name:  "employees",
		title: "ICE case results in charges after warrant served at coatings company",
		body: "SAN DIEGO – John Waller, general manager of a coatings company in El Cajon, was arrested March 27.\n" +
			"Waller, along with employees Gilberto Martinez-Juarez and Miguel Angel Leal-Santos, were arrested March 27. " +
			"Waller was charged with conspiracy to harbor aliens. The employees were charged with using false documents to work in the United States.",
		want: []string{"arrest John Waller 1 alien_smuggling", "arrest Gilberto Martinez-Juarez 1 other", "arrest Miguel Angel Leal-Santos 1 other",
			"charged John Waller 1 alien_smuggling", "charged Gilberto Martinez-Juarez 1 other", "charged Miguel Angel Leal-Santos 1 other"},
	}})
}

// A scraped link to another agency's page (its title line with the site
// name, then its excerpt) tells that page's cases, not the release's.
func TestLinkedPageExcerpt(t *testing.T) {
	pub := time.Date(2025, 5, 23, 0, 0, 0, 0, time.UTC)
	checkFrames(t, pub, "ICE", []frameCase{{
		name:  "linked DOJ page",
		title: "ICE, partners dismantle illicit drug networks in global darknet crackdown",
		body: "WASHINGTON — ICE and international partners announced the results of an operation May 22. Partners made 270 arrests of dark web vendors and buyers in ten countries.\n" +
			"Central District of California | Two Men Who Supplied Fentanyl Sold to Darknet Customers Sentenced to Federal Prison | United States Department of Justice\n" +
			"Ruben Ruiz of Orange County was sentenced to over 17 years in federal prison, and Oscar Navas of South Los Angeles was sentenced to 15 years in federal prison in January 2025.",
		want: []string{"arrest 270 other"},
	}})
}
