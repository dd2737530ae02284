// Package presets names ready-made things: motions a slide can use
// ("zoom-in-top-left", "pan-right"), and output formats ("1080p",
// "vertical").
package presets

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
)

// Point is a keyframe position in a motion preset: At is a fraction of the
// slide (0 = start, 1 = end), Zoom relative to the base window, and (CX, CY)
// the wanted centre as fractions of the photo; a centre outside what the
// zoom allows is moved onto the photo when the preset is applied.
type Point struct {
	At, Zoom, CX, CY float64
}

var anchors = map[string][2]float64{
	"center":       {0.5, 0.5},
	"top":          {0.5, 0},
	"bottom":       {0.5, 1},
	"left":         {0, 0.5},
	"right":        {1, 0.5},
	"top-left":     {0, 0},
	"top-right":    {1, 0},
	"bottom-left":  {0, 1},
	"bottom-right": {1, 1},
}

// Motion returns the keyframes of the motion preset name for a slide of
// the given number of frames, zooming as far as zoom, framed by f.
func Motion(name string, zoom float64, frames int, f effects.Frame) ([]effects.Keyframe, error) {
	pts, ok := motionPoints(name, zoom)
	if !ok {
		return nil, &effects.UnknownError{Kind: "motion preset", Name: name, Suggest: effects.Closest(name, MotionNames())}
	}
	return Keyframes(pts, frames, f), nil
}

// Keyframes places points on a slide of the given number of frames and
// moves each centre onto the photo for its zoom.
func Keyframes(pts []Point, frames int, f effects.Frame) []effects.Keyframe {
	ks := make([]effects.Keyframe, len(pts))
	for i, p := range pts {
		w := f.Window(p.Zoom, p.CX, p.CY)
		cx, cy := w.Center()
		ks[i] = effects.Keyframe{At: p.At * float64(frames-1), Zoom: p.Zoom, CX: cx, CY: cy}
	}
	return ks
}

func motionPoints(name string, zoom float64) ([]Point, bool) {
	switch name {
	case "none", "still":
		return []Point{{0, 1, 0.5, 0.5}}, true
	case "pan-left":
		return []Point{{0, 1, 1, 0.5}, {1, 1, 0, 0.5}}, true
	case "pan-right":
		return []Point{{0, 1, 0, 0.5}, {1, 1, 1, 0.5}}, true
	case "pan-up":
		return []Point{{0, 1, 0.5, 1}, {1, 1, 0.5, 0}}, true
	case "pan-down":
		return []Point{{0, 1, 0.5, 0}, {1, 1, 0.5, 1}}, true
	}
	rest, ok := strings.CutPrefix(name, "zoom-")
	dir, anchor, _ := strings.Cut(rest, "-")
	if !ok || (dir != "in" && dir != "out") {
		return nil, false
	}
	if anchor == "" || anchor == "smart" {
		anchor = "center"
	}
	a, ok := anchors[anchor]
	if !ok {
		return nil, false
	}
	in := []Point{{0, 1, 0.5, 0.5}, {1, zoom, a[0], a[1]}}
	if dir == "out" {
		in = []Point{{0, zoom, a[0], a[1]}, {1, 1, 0.5, 0.5}}
	}
	return in, true
}

// The motions that are not presets: kenburns chooses one for each slide.
const (
	// MotionAuto heads for what is interesting in each photo (smart
	// motion), varied by the seed.
	MotionAuto = "auto"
	// MotionRandom zooms towards seeded rule-of-thirds anchors and pans
	// end to end, without looking at the photo: auto motion before smart
	// motion.
	MotionRandom = "random"
)

// The smart presets zoom in to, or out of, the most interesting window of
// the photo. The planner finds that window; on their own (Motion) they are
// centred zooms, which is what a slide whose pixels cannot be read gets.
const (
	ZoomInSmart  = "zoom-in-smart"
	ZoomOutSmart = "zoom-out-smart"
)

// IsSmart reports whether name is a smart preset.
func IsSmart(name string) bool { return name == ZoomInSmart || name == ZoomOutSmart }

// MotionNames lists every motion preset name, sorted.
func MotionNames() []string {
	names := []string{"none", "still", "pan-left", "pan-right", "pan-up", "pan-down", "zoom-in", "zoom-out", ZoomInSmart, ZoomOutSmart}
	for a := range anchors {
		names = append(names, "zoom-in-"+a, "zoom-out-"+a)
	}
	sort.Strings(names)
	return names
}

// Size is a named output format: a frame size and, for formats that
// want one, a frame rate.
type Size struct {
	Name          string
	Width, Height int
	// FPS is the frame rate the format implies; zero leaves the rate to
	// --fps or the storyboard (and their default).
	FPS  setting.Rate
	Desc string
}

// Sizes lists the output formats, the default first.
func Sizes() []Size {
	return []Size{
		{Name: "1080p", Width: 1920, Height: 1080, Desc: "Full HD landscape (the default)"},
		{Name: "720p", Width: 1280, Height: 720, Desc: "HD landscape"},
		{Name: "4k", Width: 3840, Height: 2160, Desc: "UHD landscape"},
		{Name: "vertical", Width: 1080, Height: 1920, Desc: "9:16 portrait, for phone stories and shorts"},
		{Name: "square", Width: 1080, Height: 1080, Desc: "1:1"},
		{Name: "4:5", Width: 1080, Height: 1350, Desc: "portrait, for feeds"},
		{Name: "instagram", Width: 1080, Height: 1350, Desc: "the same as 4:5"},
		{Name: "4:3", Width: 1440, Height: 1080, Desc: "classic photo and TV shape"},
		{Name: "gif", Width: 480, Height: 270, FPS: setting.Rate{Num: 15, Den: 1}, Desc: "small and light, 480 pixels wide at 15 fps, for animated GIFs"},
	}
}

// SizePreset returns the output format called name (any case).
func SizePreset(name string) (Size, bool) {
	for _, sz := range Sizes() {
		if strings.EqualFold(name, sz.Name) {
			return sz, true
		}
	}
	return Size{}, false
}

// ParseSize parses "WxH" or a format name such as "1080p" or "vertical".
// Both sides must be even and within setting's bounds, as H.264 in 4:2:0
// needs. A format's frame rate is SizePreset's to give.
func ParseSize(s string) (w, h int, err error) {
	if sz, ok := SizePreset(s); ok {
		return sz.Width, sz.Height, nil
	}
	if _, _, ok := setting.CutSize(s); !ok {
		return 0, 0, fmt.Errorf("invalid size %q: want WIDTHxHEIGHT such as 1920x1080, or one of %s", s, strings.Join(SizeNames(), ", "))
	}
	return setting.ParseSize(s)
}

// SizeNames lists the output format names.
func SizeNames() []string {
	sizes := Sizes()
	names := make([]string, len(sizes))
	for i, sz := range sizes {
		names[i] = sz.Name
	}
	return names
}
