package setting

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Position is where a caption sits in the frame.
type Position string

// Positions.
const (
	PositionBottom Position = "bottom" // above the bottom of the safe area
	PositionTop    Position = "top"    // below the top of the safe area
	PositionCenter Position = "center" // in the middle of the frame
)

// PositionNames lists the positions, the default first.
func PositionNames() []string {
	return []string{string(PositionBottom), string(PositionTop), string(PositionCenter)}
}

// ParsePosition parses a position name; a misspelt one gets a suggestion.
func ParsePosition(s string) (Position, error) {
	return parseName[Position]("position", s, PositionNames())
}

// String returns the position's name.
func (p Position) String() string { return string(p) }

// Captions is how slide captions reach the video.
type Captions string

// Caption modes.
const (
	CaptionsBurn Captions = "burn" // drawn into the picture
	CaptionsSoft Captions = "soft" // a subtitle stream the player can turn off
	CaptionsBoth Captions = "both" // drawn and as a subtitle stream
	CaptionsNone Captions = "none" // left out (a --srt sidecar is still written)
)

// CaptionsNames lists the caption modes, the default first.
func CaptionsNames() []string {
	return []string{string(CaptionsBurn), string(CaptionsSoft), string(CaptionsBoth), string(CaptionsNone)}
}

// ParseCaptions parses a caption mode; a misspelt one gets a suggestion.
func ParseCaptions(s string) (Captions, error) {
	return parseName[Captions]("captions mode", s, CaptionsNames())
}

// Burned reports whether captions are drawn into the picture.
func (c Captions) Burned() bool { return c == CaptionsBurn || c == CaptionsBoth }

// Soft reports whether captions become a subtitle stream.
func (c Captions) Soft() bool { return c == CaptionsSoft || c == CaptionsBoth }

// String returns the mode's name.
func (c Captions) String() string { return string(c) }

// Set parses s with ParseCaptions, so that a flag can hold a Captions.
func (c *Captions) Set(s string) error { return set(c, s, ParseCaptions) }

// Type names the flag's kind in help text.
func (c *Captions) Type() string { return "mode" }

// CaptionSource is where a folder's slides get their captions.
type CaptionSource string

// Caption sources.
const (
	CaptionsFromNone CaptionSource = "none" // no captions
	CaptionsFromName CaptionSource = "name" // the file name, without a leading date and the extension
	CaptionsFromEXIF CaptionSource = "exif" // EXIF XPTitle (JPEG), else ImageDescription
)

// CaptionSourceNames lists the caption sources, the default first.
func CaptionSourceNames() []string {
	return []string{string(CaptionsFromNone), string(CaptionsFromName), string(CaptionsFromEXIF)}
}

// ParseCaptionSource parses a caption source; a misspelt one gets a
// suggestion.
func ParseCaptionSource(s string) (CaptionSource, error) {
	return parseName[CaptionSource]("captions source", s, CaptionSourceNames())
}

// String returns the source's name.
func (c CaptionSource) String() string { return string(c) }

// Set parses s with ParseCaptionSource, so that a flag can hold one.
func (c *CaptionSource) Set(s string) error { return set(c, s, ParseCaptionSource) }

// Type names the flag's kind in help text.
func (c *CaptionSource) Type() string { return "source" }

// Bounds of a text size, as fractions of the frame's height.
const (
	MinTextSize, MaxTextSize float64 = 0.01, 0.5
)

// ParseTextSize parses the size of text relative to the frame's height:
// a percentage ("5%") or a fraction ("0.05"), 0.01 to 0.5 (1% to 50%).
func ParseTextSize(s string) (float64, error) {
	v := strings.TrimSpace(s)
	pct := strings.HasSuffix(v, "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "%")), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("text size %q is not a percentage of the frame's height such as 5%% (or a fraction such as 0.05)", s)
	}
	if pct {
		f /= 100
	}
	return f, CheckTextSize(f)
}

// CheckTextSize bounds a text size given as a fraction of the frame's height.
func CheckTextSize(f float64) error {
	if f < MinTextSize || f > MaxTextSize || math.IsNaN(f) {
		return fmt.Errorf("text size %s is out of range: want %s of the frame's height (1%% to 50%%)", formatFloat(f), limit("text size").Range())
	}
	return nil
}
