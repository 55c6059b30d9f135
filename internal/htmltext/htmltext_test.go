package htmltext

import "testing"

func TestFromHTML(t *testing.T) {
	cases := map[string]string{
		"<p>One  two</p>\n\n<p>Three&nbsp;four</p>":               "One two\nThree four",
		"<div><p>a</p><div>b<br>c</div></div>tail":                "a\nb\nc\ntail",
		"<p>x<script>var a = 1;</script> y</p><style>p{}</style>": "x y",
		"<p>Link <a href='/'><span>text</span></a>.</p>":          "Link text.",
		"<ul><li>one</li><li>two</li></ul>":                       "one\ntwo",
		"plain\ntext":                                             "plain text",
		"":                                                        "",
		"<p>\u0093Quoted\u0094 &#146;s</p>":                       "“Quoted” ’s",
		"<p>  </p><p>\u00a0</p><p>kept</p>":                       "kept",
	}
	for in, want := range cases {
		if got := FromHTML(in); got != want {
			t.Errorf("FromHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFixC1(t *testing.T) {
	if got := FixC1("President\u0092s \u0081x"); got != "President’s x" {
		t.Errorf("got %q", got)
	}
	if got := FixC1("plain ascii"); got != "plain ascii" {
		t.Errorf("got %q", got)
	}
}
