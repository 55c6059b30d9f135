package normalize

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"casetrack/internal/testshared"
)

// allStartRes lists every startRe in the package, by name, for the check
// below. Add new ones here.
func allStartRes() map[string]*startRe {
	m := map[string]*startRe{
		"reMonthDay": reMonthDay, "reMonthYear": reMonthYear,
		"reCredit": reCredit, "reAssistPassive": reAssistPassive, "reAssistActive": reAssistActive,
		"reHeadTitle": reHeadTitle, "reAnnounce": reAnnounce, "reSaid": reSaid, "reInvestigationNoun": reInvestigationNoun,
		"reArrest": reArrest, "reCharged": reCharged, "rePlea": rePlea, "reSentenced": reSentenced, "reDismiss": reDismiss,
		"reNotNews": reNotNews, "rePenalty": rePenalty, "reHistoryConv": reHistoryConv, "reHistoryCharge": reHistoryCharge,
		"reHistoryArrest":           reHistoryArrest,
		"reGenericHumanTrafficking": reGenericHumanTrafficking,
		"reDocAdultForce":           reDocAdultForce,
		"reDocMinor":                reDocMinor,
	}
	for _, r := range wordingRules {
		m["wording "+r.category] = r.re
	}
	for k, v := range extraStartRes() {
		m[k] = v
	}
	return m
}

// corpusTexts returns lower-cased texts from the real releases: whole
// bodies, sentences, clauses and the short windows some rules read.
func corpusTexts(t *testing.T) []string {
	t.Helper()
	var bodies, titles []string
	f, err := os.Open(testshared.Path(t, "corpus", "ice-full", "records.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, r.Body)
		titles = append(titles, strings.ReplaceAll(lowerASCII(r.Title), "’", "'")) // as readHeadline reads them
	}
	for _, dir := range []string{"dev", "dev-ice"} {
		files, _ := filepath.Glob(filepath.Join(testshared.Path(t, "corpus", dir), "*.json"))
		for _, fn := range files {
			b, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			var r struct{ Body string }
			if err := json.Unmarshal(b, &r); err != nil {
				t.Fatal(err)
			}
			bodies = append(bodies, r.Body)
		}
	}
	// every title; every eighth body keeps the test to a few seconds
	texts := titles
	for i, b := range bodies {
		if i%8 != 0 {
			continue
		}
		if i%16 == 0 {
			texts = append(texts, lowerASCII(b)) // whole bodies, as victimsOf reads them
		}
		for _, s := range splitSentences(b) {
			texts = append(texts, s.low, s.masked)
			if strings.Contains(s.low, "; ") {
				texts = append(texts, strings.Split(s.low, "; ")...)
			}
			for i := 5; i < len(s.low); i += 13 {
				texts = append(texts, s.low[max(0, i-30):i]) // the window before a verb
			}
		}
	}
	return texts
}

// TestStartReSameAsRegexp checks that each startRe finds exactly what its
// plain regexp finds, over the real corpus and some edge cases.
func TestStartReSameAsRegexp(t *testing.T) {
	texts := corpusTexts(t)
	texts = append(texts, "", "a", "x-will ", "sentenced", "ésentenced", "’s sentence", "\xe2s sentence", "re-indicted",
		"the 15-year sentence", "Émile Zola met ÉRIC", "18 U.S.C. § 2252A(a)(2) and 18:2422(b)", "TITLE 18, United States Code, Section 1591", "within a federal investigation", "withdrawn", "co-led", "misled")
	res := allStartRes()
	for name, r := range res {
		checked, matched := 0, 0
		for _, s := range texts {
			want := r.plain.FindAllStringSubmatchIndex(s, -1)
			got := r.FindAllStringSubmatchIndex(s, -1)
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%s on %q:\n got %v\nwant %v", name, s, got, want)
				break
			}
			if r.MatchString(s) != (want != nil) {
				t.Errorf("%s MatchString(%q) = %v", name, s, want == nil)
				break
			}
			if len(s) < 200 {
				if w, g := r.plain.FindStringSubmatch(s), r.FindStringSubmatch(s); !reflect.DeepEqual(w, g) {
					t.Errorf("%s FindStringSubmatch(%q) = %q, want %q", name, s, g, w)
					break
				}
			}
			checked++
			if want != nil {
				matched++
			}
		}
		if matched == 0 && !strings.HasPrefix(name, "wording") {
			t.Logf("%s: never matched in %d texts", name, checked)
		}
	}
}

// extraStartRes are the startRes declared in release.go and elsewhere.
func extraStartRes() map[string]*startRe {
	return map[string]*startRe{
		"reReReport": reReReport, "reGeneric": reGeneric, "reNominal": reNominal, "reStats": reStats,
		"reUnnamedObj": reUnnamedObj, "reChargePhrase": reChargePhrase,
		"reSubordinate": reSubordinate, "reFederal": reFederal, "reWordCap": reWordCap, "reTitleBefore": reTitleBefore,
		"reName": reName, "reYear": reYear, "reUSC": reUSC, "reTitle": reTitle, "reDocketStat": reDocketStat,
		"reTitleCue": reTitleCue, "reTitleCount": reTitleCount, "reTitleResult": reTitleResult, "reTitleImm": reTitleImm,
		"reTitleNumberWord": reTitleNumberWord,
	}
}
