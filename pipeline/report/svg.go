package report

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"strconv"
)

// Charts are hand-written SVG: the layout is computed here and drawn by
// the svg templates in templates.go. Every chart carries its title, axis
// labels and unit, the date of its data and its source in the drawing, a
// <title>/<desc> pair and an aria-label for screen readers, and is printed
// beside a table of the same numbers. Series differ by gray level and by
// pattern, and every bar is labelled with its value, so the charts read in
// grayscale and on paper.

// series styles, in order: solid dark, hatched light, dotted mid.
var seriesFills = []string{"#222222", "url(#%s-hatch)", "url(#%s-dots)"}

// Series is one set of bars.
type Series struct {
	Name   string
	Values []float64
}

// BarChart is a grouped vertical bar chart.
type BarChart struct {
	ID       string // unique on its page: prefixes pattern ids
	Title    string
	Desc     string // the text alternative: what the chart shows, in words
	XLabel   string
	YLabel   string // with unit
	Groups   []string
	Series   []Series
	DataDate string
	Source   string
}

type svgRect struct {
	X, Y, W, H   float64
	Fill, Stroke string
}

type svgText struct {
	X, Y   float64
	Anchor string
	Text   string
	Class  string
	Rotate bool
}

type svgLine struct{ X1, Y1, X2, Y2 float64 }

type svgDrawing struct {
	ID, Title, Desc string
	W, H            float64
	Rects           []svgRect
	Texts           []svgText
	Lines           []svgLine
	Legend          []svgRect
	LegendText      []svgText
}

// niceMax rounds v up to a tick-friendly maximum and returns the step.
func niceMax(v float64) (max, step float64) {
	if v <= 0 {
		return 1, 1
	}
	raw := v / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		step = m * mag
		if step >= raw {
			break
		}
	}
	if step < 1 {
		step = 1
	}
	return math.Ceil(v/step) * step, step
}

func num(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// SVG lays the chart out and draws it.
func (c BarChart) SVG() (template.HTML, error) {
	const left, right, top, bottom = 56.0, 16.0, 70.0, 74.0
	const barW, gap = 16.0, 14.0
	// A group is wide enough for its label ("FY2024", "(undated)").
	groupW := math.Max(float64(len(c.Series))*barW+gap, 60)
	plotW := math.Max(float64(len(c.Groups))*groupW, 300)
	plotH := 200.0
	d := svgDrawing{ID: c.ID, Title: c.Title, Desc: c.Desc, W: left + plotW + right, H: top + plotH + bottom}
	if d.W < 520 {
		d.W = 520
	}
	var maxV float64
	for _, s := range c.Series {
		for _, v := range s.Values {
			maxV = math.Max(maxV, v)
		}
	}
	ymax, step := niceMax(maxV)
	y := func(v float64) float64 { return top + plotH - v/ymax*plotH }
	// title, data date and source
	d.Texts = append(d.Texts,
		svgText{X: 8, Y: 20, Text: c.Title, Class: "t"},
		svgText{X: 8, Y: 38, Text: "Data as of " + c.DataDate + " · source: " + c.Source, Class: "s"})
	// y axis with ticks and grid
	for v := 0.0; v <= ymax+step/2; v += step {
		d.Lines = append(d.Lines, svgLine{left - 4, y(v), left + plotW, y(v)})
		d.Texts = append(d.Texts, svgText{X: left - 7, Y: y(v) + 4, Anchor: "end", Text: num(v), Class: "a"})
	}
	d.Lines = append(d.Lines, svgLine{left, top, left, top + plotH})
	d.Texts = append(d.Texts,
		svgText{X: 14, Y: top + plotH/2, Anchor: "middle", Text: c.YLabel, Class: "l", Rotate: true},
		svgText{X: left + plotW/2, Y: top + plotH + 48, Anchor: "middle", Text: c.XLabel, Class: "l"})
	// bars with their values
	for gi, g := range c.Groups {
		gx := left + float64(gi)*groupW + (groupW-float64(len(c.Series))*barW)/2
		for si, s := range c.Series {
			v := 0.0
			if gi < len(s.Values) {
				v = s.Values[gi]
			}
			x := gx + float64(si)*barW
			fill := seriesFill(c.ID, si)
			d.Rects = append(d.Rects, svgRect{X: x, Y: y(v), W: barW - 2, H: top + plotH - y(v), Fill: fill, Stroke: "#000000"})
			d.Texts = append(d.Texts, svgText{X: x + (barW-2)/2, Y: y(v) - 3, Anchor: "middle", Text: num(v), Class: "v"})
		}
		d.Texts = append(d.Texts, svgText{X: left + (float64(gi)+0.5)*groupW, Y: top + plotH + 16, Anchor: "middle", Text: g, Class: "a"})
	}
	// legend
	lx := 8.0
	for si, s := range c.Series {
		d.Legend = append(d.Legend, svgRect{X: lx, Y: 48, W: 14, H: 12, Fill: seriesFill(c.ID, si), Stroke: "#000000"})
		d.LegendText = append(d.LegendText, svgText{X: lx + 19, Y: 58, Text: s.Name, Class: "a"})
		lx += 30 + 6.5*float64(len(s.Name))
	}
	return drawSVG(d)
}

func seriesFill(id string, i int) string {
	f := seriesFills[i%len(seriesFills)]
	if i%len(seriesFills) == 0 {
		return f
	}
	return fmt.Sprintf(f, id)
}

// Funnel is a horizontal bar per stage, people at each.
type Funnel struct {
	ID, Title, Desc, DataDate, Source string
	Stages                            []string
	Values                            []int64
}

var funnelFills = []string{"#222222", "#555555", "#888888", "#bbbbbb"}

// SVG lays the funnel out and draws it.
func (f Funnel) SVG() (template.HTML, error) {
	const left, top, barH, gapH, plotW = 110.0, 56.0, 26.0, 8.0, 360.0
	d := svgDrawing{ID: f.ID, Title: f.Title, Desc: f.Desc, W: left + plotW + 110, H: top + float64(len(f.Stages))*(barH+gapH) + 34}
	var maxV int64 = 1
	for _, v := range f.Values {
		if v > maxV {
			maxV = v
		}
	}
	d.Texts = append(d.Texts,
		svgText{X: 8, Y: 20, Text: f.Title, Class: "t"},
		svgText{X: 8, Y: 38, Text: "Data as of " + f.DataDate + " · source: " + f.Source, Class: "s"})
	for i, st := range f.Stages {
		yy := top + float64(i)*(barH+gapH)
		w := float64(f.Values[i]) / float64(maxV) * plotW
		d.Rects = append(d.Rects, svgRect{X: left, Y: yy, W: w, H: barH, Fill: funnelFills[i%len(funnelFills)], Stroke: "#000000"})
		d.Texts = append(d.Texts,
			svgText{X: left - 8, Y: yy + barH/2 + 4, Anchor: "end", Text: st, Class: "a"},
			svgText{X: left + w + 6, Y: yy + barH/2 + 4, Text: fmt.Sprintf("%d people", f.Values[i]), Class: "v"})
	}
	d.Lines = append(d.Lines, svgLine{left, top - 4, left, top + float64(len(f.Stages))*(barH+gapH)})
	d.Texts = append(d.Texts, svgText{X: left + plotW/2, Y: d.H - 8, Anchor: "middle", Text: "people (named defendants) with an event at the stage", Class: "l"})
	return drawSVG(d)
}

func drawSVG(d svgDrawing) (template.HTML, error) {
	var b bytes.Buffer
	if err := svgTmpl.Execute(&b, d); err != nil {
		return "", fmt.Errorf("report: svg %s: %w", d.ID, err)
	}
	return template.HTML(b.String()), nil
}

var svgTmpl = template.Must(template.New("svg").Funcs(template.FuncMap{"f": func(v float64) string {
	return strconv.FormatFloat(v, 'f', 1, 64)
}}).Parse(`<svg class="chart" viewBox="0 0 {{f .W}} {{f .H}}" width="{{f .W}}" height="{{f .H}}" role="img" aria-labelledby="{{.ID}}-title {{.ID}}-desc" aria-label="{{.Title}}">
<title id="{{.ID}}-title">{{.Title}}</title>
<desc id="{{.ID}}-desc">{{.Desc}}</desc>
<defs>
<pattern id="{{.ID}}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#d9d9d9"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="2"/></pattern>
<pattern id="{{.ID}}-dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="1.2" fill="#000000"/></pattern>
</defs>
<rect width="{{f .W}}" height="{{f .H}}" fill="#ffffff"/>
{{range .Lines}}<line x1="{{f .X1}}" y1="{{f .Y1}}" x2="{{f .X2}}" y2="{{f .Y2}}" stroke="#999999" stroke-width="0.6"/>
{{end}}{{range .Rects}}<rect x="{{f .X}}" y="{{f .Y}}" width="{{f .W}}" height="{{f .H}}" fill="{{.Fill}}" stroke="{{.Stroke}}" stroke-width="0.8"/>
{{end}}{{range .Legend}}<rect x="{{f .X}}" y="{{f .Y}}" width="{{f .W}}" height="{{f .H}}" fill="{{.Fill}}" stroke="{{.Stroke}}" stroke-width="0.8"/>
{{end}}{{range .LegendText}}<text x="{{f .X}}" y="{{f .Y}}" class="a">{{.Text}}</text>
{{end}}{{range .Texts}}<text x="{{f .X}}" y="{{f .Y}}"{{if .Anchor}} text-anchor="{{.Anchor}}"{{end}} class="{{.Class}}"{{if .Rotate}} transform="rotate(-90 {{f .X}} {{f .Y}})"{{end}}>{{.Text}}</text>
{{end}}</svg>`))
