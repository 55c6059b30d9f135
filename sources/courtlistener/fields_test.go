package courtlistener

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"casetrack/internal/testshared"
)

// optionFields returns the field names CourtListener's real OPTIONS
// metadata declares for an endpoint, or for a nested object inside it
// (path such as "party_types" or "party_types.criminal_counts").
func optionFields(t *testing.T, opts map[string]any, endpoint, path string) map[string]bool {
	t.Helper()
	ep, ok := opts[endpoint].(map[string]any)
	if !ok {
		t.Fatalf("OPTIONS has no endpoint %q", endpoint)
	}
	node := ep["actions"].(map[string]any)["POST"].(map[string]any)
	if path != "" {
		for _, step := range strings.Split(path, ".") {
			f, ok := node[step].(map[string]any)
			if !ok {
				t.Fatalf("OPTIONS %s: no field %q", endpoint, step)
			}
			if ch, ok := f["child"].(map[string]any); ok { // a list of nested objects
				f = ch
			}
			node, ok = f["children"].(map[string]any)
			if !ok {
				t.Fatalf("OPTIONS %s: %q has no children", endpoint, step)
			}
		}
	}
	out := map[string]bool{}
	for k := range node {
		out[k] = true
	}
	return out
}

func jsonNames(v any) []string {
	var out []string
	rt := reflect.TypeOf(v)
	for i := 0; i < rt.NumField(); i++ {
		tag := strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]
		if tag != "" && tag != "-" {
			out = append(out, tag)
		}
	}
	return out
}

// TestDecoderFieldsExistInOptions checks every JSON name the decoder reads
// against the real OPTIONS metadata of the v4 endpoints.
func TestDecoderFieldsExistInOptions(t *testing.T) {
	raw, err := os.ReadFile(testshared.Path(t, "fixtures", "courtlistener", "api_v4_http_options_all_endpoints.json"))
	if err != nil {
		t.Fatal(err)
	}
	var opts map[string]any
	if err := json.Unmarshal(raw, &opts); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		endpoint, path string
		v              any
	}{
		{"dockets", "", docketJSON{}},
		{"parties", "", partyJSON{}},
		{"parties", "party_types", partyTypeJSON{}},
		{"parties", "party_types.criminal_counts", countJSON{}},
		{"parties", "party_types.criminal_complaints", complaintJSON{}},
		{"docket-entries", "", entryJSON{}},
		{"docket-entries", "recap_documents", docJSON{}},
	}
	for _, c := range checks {
		have := optionFields(t, opts, c.endpoint, c.path)
		for _, name := range jsonNames(c.v) {
			if !have[name] {
				t.Errorf("%s %s: field %q is not in the OPTIONS metadata", c.endpoint, c.path, name)
			}
		}
	}
	// The status choices the decoder maps (1 Pending, 2 Terminated).
	cc := opts["parties"].(map[string]any)["actions"].(map[string]any)["POST"].(map[string]any)["party_types"].(map[string]any)["children"].(map[string]any)["criminal_counts"].(map[string]any)["child"].(map[string]any)["children"].(map[string]any)["status"].(map[string]any)["choices"].([]any)
	got := map[float64]string{}
	for _, ch := range cc {
		m := ch.(map[string]any)
		got[m["value"].(float64)] = m["display_name"].(string)
	}
	if got[1] != "Pending" || got[2] != "Terminated" {
		t.Errorf("count status choices %v", got)
	}
	// Filters and orderings the crawler sends must exist too.
	for ep, filters := range map[string][]string{
		"parties":        {"docket", "filter_nested_results"},
		"docket-entries": {"docket"},
		"dockets":        {"date_modified"},
	} {
		f := opts[ep].(map[string]any)["filters"].(map[string]any)
		for _, name := range filters {
			if _, ok := f[name]; !ok {
				t.Errorf("%s: filter %q not in OPTIONS", ep, name)
			}
		}
	}
	ord := opts["docket-entries"].(map[string]any)["ordering"].([]any)
	found := false
	for _, o := range ord {
		found = found || o == "entry_number"
	}
	if !found {
		t.Error("docket-entries cannot be ordered by entry_number")
	}
	// search/ publishes no field metadata (OPTIONS has only name/renders/
	// parses); docket_id is taken from CourtListener's search docs. Check
	// that this is still so, so the exception stays deliberate.
	if _, ok := opts["search"].(map[string]any)["actions"]; ok {
		t.Error("search now has OPTIONS field metadata: check searchHit against it")
	}
}
