package fetch

import (
	"bufio"
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// robots is one parsed robots.txt (RFC 9309), reduced to the group that
// applies to our product token.
type robots struct {
	rules      []robotsRule
	crawlDelay time.Duration // non-standard but widely used; 0 when absent
}

type robotsRule struct {
	allow   bool
	length  int // length of the pattern as written: the longest match wins
	pattern *regexp.Regexp
}

// allowAll is the policy when robots.txt is absent (4xx).
var allowAll = &robots{}

// disallowAll is the policy when robots.txt cannot be fetched (5xx or a
// network error): RFC 9309 §2.3.1.4 says to assume complete disallow.
var disallowAll = &robots{rules: []robotsRule{{allow: false, length: 1, pattern: regexp.MustCompile(`^/`)}}}

// parseRobots reads robots.txt for the agent token (e.g. "casetrack"). The
// groups naming the token are merged; without one, the "*" groups apply.
func parseRobots(body []byte, token string) *robots {
	token = strings.ToLower(token)
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	lastWasAgent := false
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64*1024), 512*1024)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if cur == nil || !lastWasAgent {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			lastWasAgent = true
			continue
		case "allow", "disallow":
			if cur != nil && val != "" {
				if re := compileRobotsPattern(val); re != nil {
					cur.rules = append(cur.rules, robotsRule{allow: key == "allow", length: len(val), pattern: re})
				}
			}
		case "crawl-delay":
			if cur != nil {
				if f, err := strconv.ParseFloat(val, 64); err == nil && f > 0 && f < 3600 {
					cur.delay = time.Duration(f * float64(time.Second))
				}
			}
		}
		lastWasAgent = false
	}
	pick := func(match func(string) bool) *robots {
		var r *robots
		for _, g := range groups {
			for _, a := range g.agents {
				if match(a) {
					if r == nil {
						r = &robots{}
					}
					r.rules = append(r.rules, g.rules...)
					if g.delay > r.crawlDelay {
						r.crawlDelay = g.delay
					}
					break
				}
			}
		}
		return r
	}
	if r := pick(func(a string) bool { return a != "*" && a != "" && strings.Contains(token, a) }); r != nil {
		return r
	}
	if r := pick(func(a string) bool { return a == "*" }); r != nil {
		return r
	}
	return allowAll
}

// compileRobotsPattern turns "/search*?q=$" style patterns into an anchored
// regexp: "*" is any run of characters, a final "$" anchors the end.
func compileRobotsPattern(p string) *regexp.Regexp {
	anchored := strings.HasSuffix(p, "$")
	p = strings.TrimSuffix(p, "$")
	parts := strings.Split(p, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	expr := "^" + strings.Join(parts, ".*")
	if anchored {
		expr += "$"
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil
	}
	return re
}

// allowed applies the longest-match rule to a path with its query
// ("/api/v1/press_releases.json?page=2"); a tie goes to allow.
func (r *robots) allowed(pathQuery string) bool {
	best, allow := -1, true
	for _, rule := range r.rules {
		if rule.pattern.MatchString(pathQuery) {
			if rule.length > best || (rule.length == best && rule.allow) {
				best, allow = rule.length, rule.allow
			}
		}
	}
	return allow
}
