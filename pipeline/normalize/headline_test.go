package normalize

import (
	"reflect"
	"testing"
)

// Titles written in the newsroom's styles (not copied from the corpus):
// each reads as the stage, kind and count a reader takes from it.
func TestReadHeadline(t *testing.T) {
	cases := []struct {
		title  string
		stages []string
		kind   string
		count  int
	}{
		{"ICE arrests Peruvian national convicted of child sex abuse in Ohio", []string{Arrest}, "", 0},
		{"ICE Denver, partners arrest Bolivian alien charged with assault", []string{Arrest}, "", 0},
		{"Twice deported sex offender arrested by ICE in Denver", []string{Arrest}, "", 0},
		{"Convicted child predator from Belize dies in ICE custody", nil, kindDeath, 0},
		{"ICE Miami removes fugitive wanted for murder in Haiti", nil, kindRemoval, 0},
		{"ICE, partners remove violent illegal aliens from Ohio streets during weeklong operation", []string{Arrest}, "", 0},
		{"ICE removes gang member wanted in El Salvador from the US", nil, kindRemoval, 0},
		{"Statement from ICE on the attack in Portland", nil, kindStatement, 0},
		{"Most viewed articles of 2019 include operation results", nil, kindRoundup, 0},
		{"Kansas man sentenced to 20 years for producing child sexual abuse material", []string{Sentenced}, "", 0},
		{"3-time removed, once convicted alien sentenced for illegal reentry", []string{Sentenced}, "", 0},
		{"Texas woman pleads guilty to sex trafficking a minor", []string{Convicted}, "", 0},
		{"Iowa man admits producing child pornography", []string{Convicted}, "", 0},
		{"HSI Omaha investigation leads to 9-year sentence for Lincoln man", []string{Sentenced}, "", 0},
		{"HSI investigation results in Kentucky man charged with enticement", []string{Charged}, "", 0},
		{"Ohio pastor indicted for transporting minors, faces 10 years", []string{Charged}, "", 0},
		{"Fugitive extradited from Peru to face fraud charges after HSI probe", []string{Charged}, "", 0},
		{"ICE arrests 1,204 criminal aliens in Dallas area in May", []string{Arrest}, "", 1204},
		{"ICE Phoenix arrests more than 200 gang members in past 3 months", []string{Arrest}, "", 200},
		{"Worksite enforcement operation results in 37 arrests", []string{Arrest}, "", 37},
		{"9 illegal aliens arrested in targeted operation in Mobile", []string{Arrest}, "", 9},
		{"7 gang members indicted for racketeering in Atlanta", []string{Charged}, "", 7},
		{"Man arrested, charged with distributing child pornography", []string{Arrest, Charged}, "", 0},
		{"ICE Boston arrest leads to conviction for alien who reentered after deportation", []string{Convicted}, "", 0},
		{"ICE arrests alien with 3 prior convictions for assault", []string{Arrest}, "", 0},
		{"HSI and partners arrest 12 in $4M fraud scheme", []string{Arrest}, "", 12},
		{"ICE cracks down on illegal employment at local shipyard, detains 25", []string{Arrest}, "", 25},
		{"Four Executives Agree to Plead Guilty in Global LCD Price-Fixing Conspiracy", []string{Charged}, "", 0},
		{"ERO El Paso deportation officers turn over a previously removed Mexican fugitive to Mexican authorities", nil, kindRemoval, 0},
		{"ICE reports second death from Dallas sniper attack after detainee succumbs to injuries", nil, kindDeath, 0},
		{"SANCTUARY CALAMITY: DHS and ICE urgently call on the governor to not release 33,179 criminal illegal aliens from jails", nil, kindStatement, 0},
		{"Agents arrest 3 on Tuesday", []string{Arrest}, "", 3},
		{"ICE hosts hiring event in Houston", nil, "", 0},
		{"287(g) partnership keeps criminal alien convicted of assault off the streets", nil, "", 0},
		{"Honduran national convicted of illegal reentry", []string{Convicted}, "", 0},
		{"41 members of the criminal organization known as Los Primos charged with drug trafficking", []string{Charged}, "", 41},
		{"Illegal alien injures 2 officers in attempt to evade arrest", nil, "", 0},
		{"ICE releases photos of Ohio man charged with child sex crimes", nil, kindStatement, 0},
	}
	for _, c := range cases {
		h := readHeadline(c.title)
		if !reflect.DeepEqual(h.stages, c.stages) || h.kind != c.kind || h.count != c.count {
			t.Errorf("%q: stages %v kind %q count %d, want %v %q %d", c.title, h.stages, h.kind, h.count, c.stages, c.kind, c.count)
		}
	}
}

// A title whose arrested people are charged with a crime only federal
// courts hear announces a criminal case; a pending state charge is their
// record.
func TestTitleFederalCharge(t *testing.T) {
	for _, c := range []struct {
		title string
		want  bool
	}{
		{"HSI Phoenix arrests 11 illegal aliens charged with document fraud and false claims of US citizenship", true},
		{"ICE arrests Honduran alien charged federally with illegal reentry", true},
		{"ICE Boston arrests Turkish alien charged with raping Massachusetts resident", false},
		{"ICE arrests illegal alien charged with child rape in Texas", false},
	} {
		if got := readHeadline(c.title).forCrime; got != c.want {
			t.Errorf("%q: forCrime %v, want %v", c.title, got, c.want)
		}
	}
}
