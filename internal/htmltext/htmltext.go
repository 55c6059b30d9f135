// Package htmltext turns publisher HTML (press-release bodies from the DOJ
// API, ice.gov article markup) into the plain text casetrack stores in
// sources.Record.Body: one paragraph per line, whitespace collapsed, no
// markup. Sources call it from Parse; it does no I/O.
package htmltext

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// blocks are the elements that start and end a paragraph of text.
var blocks = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "table": true, "tr": true, "td": true, "th": true,
	"section": true, "article": true, "header": true, "footer": true,
	"pre": true, "hr": true, "dd": true, "dt": true, "dl": true, "figure": true,
	"figcaption": true, "address": true, "aside": true, "main": true, "nav": true,
}

// skipped elements contribute no text.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"iframe": true, "object": true, "svg": true, "head": true,
}

// FromHTML parses an HTML fragment and returns its text, paragraphs joined
// by "\n". Malformed markup is tolerated the way browsers tolerate it.
func FromHTML(fragment string) string {
	if strings.TrimSpace(fragment) == "" {
		return ""
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(fragment))
	if err != nil { // the HTML5 parser only fails on reader errors
		return Clean(fragment)
	}
	return Text(doc.Selection)
}

// Text returns the text of every node in sel, paragraphs joined by "\n".
func Text(sel *goquery.Selection) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if s := Clean(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.Data] {
				return
			}
			if blocks[n.Data] {
				flush()
				defer flush()
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range sel.Nodes {
		walk(n)
	}
	flush()
	return strings.Join(paras, "\n")
}

var spaces = regexp.MustCompile(`\s+`)

// Clean collapses every run of whitespace (newlines and no-break spaces
// included) into one space, repairs C1 control characters that are really
// Windows-1252 punctuation, and trims the ends. Use it for titles.
func Clean(s string) string {
	s = FixC1(s)
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = strings.ReplaceAll(s, "\u200b", "")
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}

// cp1252 maps the C1 code points U+0080..U+009F to the characters
// Windows-1252 puts at those bytes. Old DOJ releases carry "President\x92s":
// text that went through a Latin-1 decoder on its way into Drupal.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8d, 'Ž', 0x8f,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9d, 'ž', 'Ÿ',
}

// FixC1 replaces C1 control characters with their Windows-1252 meaning and
// drops the five that have none.
func FixC1(s string) string {
	if !strings.ContainsFunc(s, isC1) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if !isC1(r) {
			return r
		}
		m := cp1252[r-0x80]
		if m == r { // undefined in Windows-1252
			return -1
		}
		return m
	}, s)
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }
