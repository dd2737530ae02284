package effects

import (
	"fmt"
	"strconv"
	"strings"
)

// ZoompanExprs returns zoompan's z, x and y expressions for m. The zoompan
// input is a working copy of the photo, photoW x photoH pixels, placed at
// (padX, padY) on a canvas of the output aspect so that zoompan's square
// zoom (iw/zoom x ih/zoom) gives a window of the output aspect. start is the
// slide frame that zoompan's first output frame ("on" = 0) shows.
//
// zoompan places its window on whole input pixels; this engine exists for
// the classic look and for comparison with the sub-pixel engine.
func ZoompanExprs(m Motion, start int, photoW, photoH, padX, padY float64) (z, x, y string) {
	n := "(on+" + num(float64(start)) + ")"
	zoom := piecewise(m.Keyframes, n, func(a, b Keyframe, e string) string {
		if a.Zoom == b.Zoom {
			return num(a.Zoom)
		}
		return fmt.Sprintf("%s*pow(%s,%s)", num(a.Zoom), num(b.Zoom/a.Zoom), e)
	}, func(k Keyframe) string { return num(k.Zoom) })
	cx := piecewise(m.Keyframes, n, lerp(func(k Keyframe) float64 { return k.CX }), func(k Keyframe) string { return num(k.CX) })
	cy := piecewise(m.Keyframes, n, lerp(func(k Keyframe) float64 { return k.CY }), func(k Keyframe) string { return num(k.CY) })

	// zoompan's window is iw/zoom wide; ours is BaseW/z of the photo.
	z = fmt.Sprintf("iw*(%s)/%s", zoom, num(m.Frame.BaseW*photoW))
	// Inside x and y, zoompan's variable "zoom" is the value z gave.
	x = fmt.Sprintf("%s+%s*clip(%s-iw/zoom/%s/2,0,1-iw/zoom/%s)", num(padX), num(photoW), cx, num(photoW), num(photoW))
	y = fmt.Sprintf("%s+%s*clip(%s-ih/zoom/%s/2,0,1-ih/zoom/%s)", num(padY), num(photoH), cy, num(photoH), num(photoH))
	return z, x, y
}

func lerp(v func(Keyframe) float64) func(a, b Keyframe, e string) string {
	return func(a, b Keyframe, e string) string {
		if v(a) == v(b) {
			return num(v(a))
		}
		return fmt.Sprintf("(%s+%s*%s)", num(v(a)), num(v(b)-v(a)), e)
	}
}

// piecewise builds an expression of the frame number n that follows the
// keyframes: seg gives the value between two keyframes as a function of the
// eased progress e, hold the value before the first and after the last.
//
// The pieces are summed, each switched on by its own interval, as a
// balanced tree of additions: ffmpeg's expression parser refuses both if()
// nested and a flat chain of additions beyond about eighty pieces (measured
// with ffmpeg 5.1), which a slide with many keyframes would reach.
func piecewise(ks []Keyframe, n string, seg func(a, b Keyframe, e string) string, hold func(Keyframe) string) string {
	if len(ks) == 0 {
		return "1"
	}
	if len(ks) == 1 {
		return hold(ks[0])
	}
	terms := []string{fmt.Sprintf("lt(%s,%s)*%s", n, num(ks[0].At), hold(ks[0]))}
	for i := 1; i < len(ks); i++ {
		a, b := ks[i-1], ks[i]
		if b.At <= a.At {
			continue
		}
		t := fmt.Sprintf("clip((%s-%s)/%s,0,1)", n, num(a.At), num(b.At-a.At))
		terms = append(terms, fmt.Sprintf("gte(%s,%s)*lt(%s,%s)*%s", n, num(a.At), n, num(b.At), seg(a, b, easeExpr(b.Ease, t))))
	}
	last := ks[len(ks)-1]
	terms = append(terms, fmt.Sprintf("gte(%s,%s)*%s", n, num(last.At), hold(last)))
	return balancedSum(terms)
}

// balancedSum adds terms as a balanced tree: depth log2(len(terms)).
func balancedSum(terms []string) string {
	if len(terms) == 1 {
		return terms[0]
	}
	m := len(terms) / 2
	return "(" + balancedSum(terms[:m]) + "+" + balancedSum(terms[m:]) + ")"
}

func easeExpr(e Ease, t string) string {
	switch e {
	case EaseIn:
		return fmt.Sprintf("(%s*%s)", t, t)
	case EaseOut:
		return fmt.Sprintf("(%s*(2-%s))", t, t)
	case EaseInOut:
		return fmt.Sprintf("(%s*%s*(3-2*%s))", t, t, t)
	}
	return t
}

// num formats v for an ffmpeg expression: shortest exact form, no exponent.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if strings.HasPrefix(s, "-") {
		return "(" + s + ")"
	}
	return s
}
