package normalize

import (
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
