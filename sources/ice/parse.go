package ice

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"casetrack/internal/htmltext"
	"casetrack/sources"
)

// Parse turns one saved or fetched ice.gov news-release page into one
// Record. It is a pure function of the bytes.
//
// Every field is read from the page's own markup first and from
// metadata second, and the method that worked is not needed downstream:
//
//	title      .nr-title h1 → meta og:title → first h1 → <title> minus " | ICE" suffixes
//	published  meta article:published_time → date text at the start of .nr-meta
//	changed    meta article:modified_time
//	url / key  link rel=canonical → og:url → doc.URL; Key is the URL path
//	topics     dataLayer entityTaxonomy.news_release_topics → .nr-meta text after the locality
//	body       paragraphs of .nr-content-area .nr-body → .nr-body → article → main,
//	           never the ICE mission blurb (.field--name-body outside .nr-body,
//	           or a paragraph that starts like it)
//
// A listing page (see IsListing) yields (nil, nil): it is archived by the
// crawl but holds no release. Anything else without a title, a body and a
// date or canonical URL, or whose dataLayer says it is not a news_release,
// is an error wrapping sources.ErrLayout.
func Parse(doc sources.Document) ([]sources.Record, error) {
	body := bytes.TrimPrefix(doc.Body, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("ice %s: empty body: %w", doc.URL, sources.ErrLayout)
	}
	if t := bytes.TrimSpace(body); t[0] == '{' || t[0] == '[' {
		return nil, fmt.Errorf("ice %s: JSON, not an HTML page: %w", doc.URL, sources.ErrLayout)
	}
	page, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("ice %s: %v: %w", doc.URL, err, sources.ErrLayout)
	}
	dl := dataLayer(page)
	if dl.Bundle != "" && dl.Bundle != "news_release" {
		if dl.Bundle == "listing" || isListingPage(page) {
			return nil, nil
		}
		return nil, fmt.Errorf("ice %s: dataLayer entityBundle %q is not a news release: %w", doc.URL, dl.Bundle, sources.ErrLayout)
	}
	rec := sources.Record{Source: Name, Publisher: "ICE", FetchedAt: doc.FetchedAt, RawSHA256: doc.SHA256}
	if rec.RawSHA256 == "" {
		h := sha256.Sum256(doc.Body)
		rec.RawSHA256 = hex.EncodeToString(h[:])
	}
	rec.Title = title(page)
	rec.Body = bodyText(page)
	rec.URL = canonicalURL(page, doc.URL)
	rec.Key = keyOf(rec.URL)
	rec.Topics = dl.Topics
	meta := nrMeta(page)
	if len(rec.Topics) == 0 && meta.topics != "" {
		// Topic names can contain commas, so the fallback keeps the text whole.
		rec.Topics = []string{meta.topics}
	}
	if t, ok := pageDate(metaContent(page, "property", "article:published_time")); ok {
		rec.Published = t
	} else if t, ok := textDate(meta.date); ok {
		rec.Published = t
	}
	if t, ok := instant(metaContent(page, "property", "article:modified_time")); ok {
		rec.Changed = t
	}

	if isListingPage(page) && (rec.Body == "" || !strings.Contains(rec.URL, "/news/releases/")) {
		return nil, nil
	}
	var missing []string
	if rec.Title == "" {
		missing = append(missing, "title")
	}
	if len(rec.Body) < 40 {
		missing = append(missing, "body")
	}
	if rec.Published.IsZero() && !strings.Contains(rec.URL, "/news/releases/") {
		missing = append(missing, "date and release URL")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("ice %s: no %s found: %w", doc.URL, strings.Join(missing, ", "), sources.ErrLayout)
	}
	return []sources.Record{rec}, nil
}

var titleSuffix = regexp.MustCompile(`\s*\|\s*(?:U\.S\. Immigration and Customs Enforcement|ICE)\s*$`)

func title(page *goquery.Document) string {
	if t := htmltext.Clean(page.Find(".nr-title h1").First().Text()); t != "" {
		return t
	}
	if t := htmltext.Clean(metaContent(page, "property", "og:title")); t != "" {
		return titleSuffix.ReplaceAllString(t, "")
	}
	if t := htmltext.Clean(page.Find("h1").First().Text()); t != "" {
		return t
	}
	return titleSuffix.ReplaceAllString(htmltext.Clean(page.Find("title").First().Text()), "")
}

// mission recognises the standing ICE boilerplate paragraph.
var mission = regexp.MustCompile(`(?i)^(?:U\.S\. Immigration and Customs Enforcement|ICE|HSI|Homeland Security Investigations)(?:'s|’s)? (?:mission|is the principal investigative arm)`)

func bodyText(page *goquery.Document) string {
	var sel *goquery.Selection
	for _, css := range []string{".nr-content-area .nr-body", ".nr-body", "article", "main"} {
		if s := page.Find(css).First(); s.Length() > 0 {
			sel = s.Clone()
			break
		}
	}
	if sel == nil {
		return ""
	}
	// The mission blurb lives in its own .field--name-body block; in the
	// article/main fallbacks it may be inside the selection.
	sel.Find(".field--name-body, nav, header, footer, .nr-head, .nr-meta, .nr-title, script, style, form").Remove()
	var keep []string
	for _, p := range strings.Split(htmltext.Text(sel), "\n") {
		if !mission.MatchString(p) {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n")
}

func metaContent(page *goquery.Document, attr, key string) string {
	v, _ := page.Find(fmt.Sprintf(`meta[%s=%q]`, attr, key)).First().Attr("content")
	return strings.TrimSpace(v)
}

func canonicalURL(page *goquery.Document, docURL string) string {
	for _, cand := range []string{
		attr(page.Find(`link[rel="canonical"]`).First(), "href"),
		metaContent(page, "property", "og:url"),
	} {
		if u, err := url.Parse(cand); err == nil && u.Host != "" && u.Path != "" {
			return u.String()
		}
		if strings.HasPrefix(cand, "/") { // a relative canonical, resolved against the fetched URL
			if base, err := url.Parse(docURL); err == nil && base.Host != "" {
				return base.ResolveReference(&url.URL{Path: cand}).String()
			}
		}
	}
	return docURL
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return strings.TrimSpace(v)
}

// keyOf is the path of a release URL ("/news/releases/slug"), the stable
// key: ice.gov has served the same paths over http, https, with and
// without www.
func keyOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		return raw
	}
	return path.Clean(u.Path)
}

// metaParts is what the .nr-meta line says: "February 3, 2025<i></i>
// <span class=locality>Austin</span>, TX, United States<i></i>Topic, Topic".
type metaParts struct{ date, topics string }

func nrMeta(page *goquery.Document) metaParts {
	m := page.Find(".nr-meta").First()
	if m.Length() == 0 {
		return metaParts{}
	}
	var parts []strings.Builder
	parts = append(parts, strings.Builder{})
	for _, n := range m.Nodes {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "i" {
				parts = append(parts, strings.Builder{})
				continue
			}
			parts[len(parts)-1].WriteString(goquery.NewDocumentFromNode(c).Text())
		}
	}
	var mp metaParts
	mp.date = htmltext.Clean(parts[0].String())
	if len(parts) >= 3 {
		mp.topics = htmltext.Clean(parts[2].String())
	}
	return mp
}

type dl struct {
	Bundle string
	Topics []string
}

// dataLayer reads the window.dataLayer.push({...}) object that carries
// the page's bundle and topic taxonomy.
func dataLayer(page *goquery.Document) dl {
	var out dl
	page.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		text := s.Text()
		if !strings.Contains(text, "entityBundle") && !strings.Contains(text, "entityTaxonomy") {
			return true
		}
		i := strings.Index(text, "dataLayer.push(")
		if i < 0 {
			return true
		}
		rest := text[i+len("dataLayer.push("):]
		j := strings.IndexByte(rest, '{')
		if j < 0 {
			return true
		}
		var obj struct {
			EntityBundle   string `json:"entityBundle"`
			EntityTaxonomy struct {
				Topics map[string]json.RawMessage `json:"news_release_topics"`
			} `json:"entityTaxonomy"`
		}
		if err := json.NewDecoder(strings.NewReader(rest[j:])).Decode(&obj); err != nil {
			return true
		}
		out.Bundle = strings.TrimSpace(obj.EntityBundle)
		ids := make([]string, 0, len(obj.EntityTaxonomy.Topics))
		for id := range obj.EntityTaxonomy.Topics {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(a, b int) bool {
			na, ea := strconv.Atoi(ids[a])
			nb, eb := strconv.Atoi(ids[b])
			if ea == nil && eb == nil {
				return na < nb
			}
			return ids[a] < ids[b]
		})
		for _, id := range ids {
			var name string
			if json.Unmarshal(obj.EntityTaxonomy.Topics[id], &name) == nil && strings.TrimSpace(name) != "" {
				out.Topics = append(out.Topics, strings.TrimSpace(name))
			}
		}
		return false
	})
	return out
}

// pageDate reads a published date as the publisher wrote it: the date part
// of "2025-02-03" or "2025-02-03T09:00:00-05:00", returned as UTC midnight.
func pageDate(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// instant reads an ISO 8601 time (or date) as UTC.
func instant(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

var textLayouts = []string{"January 2, 2006", "Jan. 2, 2006", "Jan 2, 2006", "01/02/2006", "2006-01-02"}

// textDate reads the date text of .nr-meta ("February 3, 2025").
func textDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range textLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
