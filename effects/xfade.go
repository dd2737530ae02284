package effects

import (
	"bufio"
	"strings"
)

// xfadeTransition is one of ffmpeg's xfade transitions and what it looks
// like, for listings.
type xfadeTransition struct {
	name, desc string
}

// xfades are the xfade transitions of ffmpeg 5.1 (Debian 12), the oldest
// ffmpeg kenburns supports, in ffmpeg's order. "custom" needs expressions
// and is left out. Planning without ffmpeg (golden tests, "plan") checks
// names against this list; with ffmpeg, the installed one's list is used.
func xfades() []xfadeTransition {
	return []xfadeTransition{
		{"fade", "cross-fade: the next photo shows through the current one"},
		{"wipeleft", "a vertical edge wipes from right to left"},
		{"wiperight", "a vertical edge wipes from left to right"},
		{"wipeup", "a horizontal edge wipes from bottom to top"},
		{"wipedown", "a horizontal edge wipes from top to bottom"},
		{"slideleft", "the next photo slides in from the right, pushing the current one out"},
		{"slideright", "the next photo slides in from the left, pushing the current one out"},
		{"slideup", "the next photo slides in from below, pushing the current one out"},
		{"slidedown", "the next photo slides in from above, pushing the current one out"},
		{"circlecrop", "the current photo shrinks to a circle over the background, the next grows from one"},
		{"rectcrop", "the current photo shrinks to a rectangle over the background, the next grows from one"},
		{"distance", "a cross-fade weighted by the colour distance of the two photos"},
		{"fadeblack", "fade through black"},
		{"fadewhite", "fade through white"},
		{"radial", "a clock hand sweeps the next photo in"},
		{"smoothleft", "a soft-edged wipe from right to left"},
		{"smoothright", "a soft-edged wipe from left to right"},
		{"smoothup", "a soft-edged wipe from bottom to top"},
		{"smoothdown", "a soft-edged wipe from top to bottom"},
		{"circleopen", "a circle opens from the centre onto the next photo"},
		{"circleclose", "a circle closes towards the centre onto the next photo"},
		{"vertopen", "two vertical edges open from the centre"},
		{"vertclose", "two vertical edges close towards the centre"},
		{"horzopen", "two horizontal edges open from the centre"},
		{"horzclose", "two horizontal edges close towards the centre"},
		{"dissolve", "the next photo appears pixel by pixel at random"},
		{"pixelize", "the photos turn into large pixels and back"},
		{"diagtl", "a diagonal wipe towards the top left"},
		{"diagtr", "a diagonal wipe towards the top right"},
		{"diagbl", "a diagonal wipe towards the bottom left"},
		{"diagbr", "a diagonal wipe towards the bottom right"},
		{"hlslice", "horizontal slices from right to left"},
		{"hrslice", "horizontal slices from left to right"},
		{"vuslice", "vertical slices from bottom to top"},
		{"vdslice", "vertical slices from top to bottom"},
		{"hblur", "a horizontal blur carries one photo into the next"},
		{"fadegrays", "fade through grey tones"},
		{"wipetl", "a corner wipe towards the top left"},
		{"wipetr", "a corner wipe towards the top right"},
		{"wipebl", "a corner wipe towards the bottom left"},
		{"wipebr", "a corner wipe towards the bottom right"},
		{"squeezeh", "the current photo is squeezed away horizontally"},
		{"squeezev", "the current photo is squeezed away vertically"},
		{"zoomin", "the current photo zooms in and fades into the next"},
		{"fadefast", "a cross-fade that is quick in the bright parts"},
		{"fadeslow", "a cross-fade that is slow in the bright parts"},
	}
}

// XfadeNames lists ffmpeg 5.1's xfade transitions in ffmpeg's order.
func XfadeNames() []string {
	ts := xfades()
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.name
	}
	return names
}

// DescribeTransition returns a one-line description of a transition name.
// A name of a newer ffmpeg than kenburns knows still gets a line, from
// ffmpeg's own help when given (helpDesc), so that listings never drop it.
func DescribeTransition(name, helpDesc string) string {
	switch name {
	case None:
		return "a hard cut, no overlap"
	case Random:
		return "a different transition at each slide, chosen from the seed, never the same twice in a row"
	}
	for _, t := range xfades() {
		if t.name == name {
			return t.desc
		}
	}
	if helpDesc != "" {
		return helpDesc + " (ffmpeg's description)"
	}
	return "an xfade transition of the installed ffmpeg"
}

// XfadeOption is one value of xfade's transition option as ffmpeg's help
// lists it.
type XfadeOption struct {
	Name, Desc string
}

// ParseXfadeHelp reads the transition values out of the output of
// "ffmpeg -h filter=xfade": the lines indented under the "transition"
// option, up to the next option. "custom" is left out: it needs
// expressions kenburns does not write. It returns nil when the output has
// no such option.
func ParseXfadeHelp(help string) []XfadeOption {
	var out []XfadeOption
	in := false
	sc := bufio.NewScanner(strings.NewReader(help))
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if fields[0] == "transition" && len(fields) > 1 && strings.HasPrefix(fields[1], "<") {
			in = true
			continue
		}
		if !in {
			continue
		}
		// Values are indented deeper than options (5 spaces against 3)
		// and have a number, not a <type>, as second field.
		if indent < 4 || len(fields) < 3 || strings.HasPrefix(fields[1], "<") {
			break
		}
		if fields[0] == "custom" {
			continue
		}
		desc := strings.Join(fields[3:], " ")
		if len(fields) < 4 {
			desc = ""
		}
		out = append(out, XfadeOption{Name: fields[0], Desc: desc})
	}
	return out
}
