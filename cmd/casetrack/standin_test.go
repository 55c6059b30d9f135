package main

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"casetrack/internal/replay"
)

// dojRelease is one constructed justice.gov press release for a local
// stand-in of the API (2024 shape).
type dojRelease struct {
	UUID, Title, Body, URL string
	Date                   time.Time
}

// dojPageURL is the first page the doj source asks for.
const dojPageURL = "/api/v1/press_releases.json?direction=DESC&page=0&pagesize=50&sort=changed"

// dojPage builds one API page holding rels, each kept by its Project Safe
// Childhood topic and changed at its date.
func dojPage(t *testing.T, rels ...dojRelease) []byte {
	t.Helper()
	type term struct {
		Name string `json:"name"`
	}
	results := make([]map[string]any, len(rels))
	for i, r := range rels {
		results[i] = map[string]any{
			"uuid": r.UUID, "title": r.Title, "body": r.Body, "url": r.URL,
			"date": fmt.Sprint(r.Date.Unix()), "changed": fmt.Sprint(r.Date.Unix()), "created": fmt.Sprint(r.Date.Unix()),
			"component": []term{{"U.S. Attorneys (USAO)"}}, "topic": []term{{"Project Safe Childhood"}},
			"number": "", "teaser": "", "attachment": "", "image": "",
		}
	}
	b, err := json.Marshal(map[string]any{
		"metadata": map[string]any{"responseInfo": map[string]any{"status": 200},
			"resultset": map[string]any{"count": len(rels), "pagesize": 50, "page": 0}},
		"results": results,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// dojStandIn serves page as the only page of the API, as often as asked.
func dojStandIn(t *testing.T, page []byte) *replay.Server {
	return replay.New(t, allowRobots, replay.Exchange{URL: dojPageURL, Body: page, Times: -1})
}

// normalRelease is an ordinary constructed release the doj source keeps.
func normalRelease() dojRelease {
	return dojRelease{UUID: "00000000-0000-4000-8000-000000000001",
		Title: "Constructed: Houston man sentenced for child exploitation",
		Body: "<p>HOUSTON – John Constructed Example, 41, of Houston, was sentenced today to 120 months in prison " +
			"for receipt of child sexual abuse material. Homeland Security Investigations investigated the case.</p>",
		URL:  "https://www.justice.gov/usao-sdtx/pr/constructed-normal-release",
		Date: time.Date(2024, 5, 2, 12, 0, 0, 0, time.UTC)}
}
