package normalize

import (
	"regexp"
	"strings"

	"casetrack/data"
)

// districtTable reads the federal district a release names.
type districtTable struct {
	byLong   map[string]string // "southern district of texas" → "S.D. Tex."
	single   map[string]string // state name (lower) → district, for states with one district
	reLong   *regexp.Regexp
	byCourt  map[string]string
	stateAbb map[string]string // dateline abbreviation → state name (lower)
}

var dirWords = `(?:northern|southern|eastern|western|middle|central)`

func newDistrictTable() (*districtTable, error) {
	ds, err := data.Districts()
	if err != nil {
		return nil, err
	}
	t := &districtTable{byLong: map[string]string{}, single: map[string]string{}, byCourt: map[string]string{}}
	count := map[string]int{}
	var states []string
	for _, d := range ds {
		t.byLong[strings.ToLower(d.LongName)] = d.Name
		st := strings.ToLower(d.State)
		if count[st] == 0 {
			states = append(states, regexp.QuoteMeta(st))
		}
		count[st]++
		t.single[st] = d.Name
		t.byCourt[d.CourtID] = d.Name
	}
	for st, c := range count {
		if c != 1 {
			delete(t.single, st)
		}
	}
	// longest state names first so "west virginia" wins over "virginia"
	for i := 1; i < len(states); i++ {
		for j := i; j > 0 && len(states[j]) > len(states[j-1]); j-- {
			states[j], states[j-1] = states[j-1], states[j]
		}
	}
	t.reLong = regexp.MustCompile(`\b(?:(` + dirWords + `)\s+)?district\s+(?:of\s+)?(?:the\s+)?(` + strings.Join(states, "|") + `)\b`)
	t.stateAbb = map[string]string{
		"ala.": "alabama", "ariz.": "arizona", "ark.": "arkansas", "calif.": "california", "colo.": "colorado",
		"conn.": "connecticut", "del.": "delaware", "fla.": "florida", "ga.": "georgia", "ill.": "illinois",
		"ind.": "indiana", "kan.": "kansas", "ky.": "kentucky", "la.": "louisiana", "md.": "maryland",
		"mass.": "massachusetts", "mich.": "michigan", "minn.": "minnesota", "miss.": "mississippi", "mo.": "missouri",
		"mont.": "montana", "neb.": "nebraska", "nev.": "nevada", "n.h.": "new hampshire", "n.j.": "new jersey",
		"n.m.": "new mexico", "n.y.": "new york", "n.c.": "north carolina", "n.d.": "north dakota", "okla.": "oklahoma",
		"ore.": "oregon", "pa.": "pennsylvania", "r.i.": "rhode island", "s.c.": "south carolina", "s.d.": "south dakota",
		"tenn.": "tennessee", "va.": "virginia", "vt.": "vermont", "wash.": "washington", "w.va.": "west virginia",
		"wis.": "wisconsin", "wyo.": "wyoming", "d.c.": "district of columbia",
	}
	return t, nil
}

// named returns the first district the lower-cased text names in full
// ("Southern District of Texas", "the Western District Oklahoma",
// "District of Arizona").
func (t *districtTable) named(low string) string {
	if !strings.Contains(low, "district") {
		return ""
	}
	// look only around each "district"
	var ms [][]string
	for from := 0; ; {
		i := strings.Index(low[from:], "district")
		if i < 0 {
			break
		}
		i += from
		ms = append(ms, t.reLong.FindAllStringSubmatch(low[max(0, i-12):min(len(low), i+40)], -1)...)
		from = i + 8
	}
	for _, m := range ms {
		long := m[2]
		if m[1] != "" {
			long = m[1] + " district of " + m[2]
		} else {
			long = "district of " + m[2]
		}
		if d, ok := t.byLong[long]; ok {
			return d
		}
		if m[2] == "columbia" {
			return "D.D.C."
		}
	}
	return ""
}

// datelineState returns the state a release's dateline names
// ("LAS CRUCES, N.M. —", "SAN JUAN, Puerto Rico —"), lower-cased.
func (t *districtTable) datelineState(body string) string {
	head := body
	if len(head) > 90 {
		head = head[:90]
	}
	cut := -1
	for _, dash := range []string{" — ", " – ", " - ", "—", " –"} {
		if i := strings.Index(head, dash); i > 0 && (cut < 0 || i < cut) {
			cut = i
		}
	}
	if cut < 0 {
		return ""
	}
	dl := strings.ToLower(strings.TrimSpace(head[:cut]))
	i := strings.LastIndexByte(dl, ',')
	if i < 0 {
		return ""
	}
	st := strings.TrimSpace(dl[i+1:])
	if full, ok := t.stateAbb[st]; ok {
		return full
	}
	return st
}
