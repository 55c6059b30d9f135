package pacer

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// lines returns the visible text of a selection split at <br> and block
// boundaries, each line cleaned, empty lines dropped.
func lines(sel *goquery.Selection) []string {
	var b strings.Builder
	for _, n := range sel.Nodes {
		writeText(&b, n)
	}
	raw := strings.Split(b.String(), "\n")
	out := raw[:0]
	for _, l := range raw {
		if l = clean(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		// Source newlines inside a text node are layout, not line breaks.
		b.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style":
			return
		case "br", "tr", "p", "div", "table", "center", "h1", "h2", "h3":
			b.WriteByte('\n')
		case "td", "th":
			b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if n.Type == html.ElementNode {
		switch n.Data {
		case "tr", "p", "div", "table", "center", "h1", "h2", "h3":
			b.WriteByte('\n')
		}
	}
}

// text is the cleaned visible text of a selection on one line.
func text(sel *goquery.Selection) string {
	var b strings.Builder
	for _, n := range sel.Nodes {
		writeText(&b, n)
	}
	return clean(b.String())
}
