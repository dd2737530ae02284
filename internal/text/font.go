package text

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// systemFonts are fonts tried, in order, for characters neither the chosen
// font nor Go Regular has (✓, arrows, many scripts, emoji). They are
// common on Debian (fonts-dejavu-core comes with ffmpeg's fontconfig;
// fonts-symbola draws emoji in one colour), other Linux distributions,
// macOS and Windows; none is required.
func systemFonts() []string {
	return []string{
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/TTF/DejaVuSans.ttf",
		"/usr/share/fonts/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
		"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
		"/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
		"/usr/share/fonts/truetype/freefont/FreeSans.ttf",
		"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
		"/usr/share/fonts/TTF/Symbola.ttf",
		"/Library/Fonts/Arial Unicode.ttf",
		"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
		`C:\Windows\Fonts\seguisym.ttf`,
		`C:\Windows\Fonts\seguiemj.ttf`,
	}
}

// Fonts is a font and the fonts that stand in for characters it lacks: Go
// Regular (bundled, so that text needs nothing installed) and the system
// fonts found. It is read-only once loaded and safe to share.
type Fonts struct {
	list  []*sfnt.Font
	names []string // file of each, "Go Regular" for the bundled one
}

// GoRegular names the bundled default font.
const GoRegular = "Go Regular"

// Load reads the font at path (TTF, OTF, or the first font of a TTC) and
// its fallbacks; "" is Go Regular. A font that cannot be read or parsed is
// an error naming it.
func Load(path string) (*Fonts, error) {
	f := &Fonts{}
	if path != "" {
		font, err := parseFile(path)
		if err != nil {
			return nil, err
		}
		f.add(font, path)
	}
	goFont, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("bundled Go font: %w", err)
	}
	f.add(goFont, GoRegular)
	for _, p := range systemFonts() {
		if font, err := parseFile(p); err == nil {
			f.add(font, p)
		}
	}
	return f, nil
}

// CheckFont reports whether path is a font Load can use, naming it if not.
func CheckFont(path string) error {
	_, err := parseFile(path)
	return err
}

func (f *Fonts) add(font *sfnt.Font, name string) {
	f.list = append(f.list, font)
	f.names = append(f.names, name)
}

// Names returns the fonts in the order they are tried.
func (f *Fonts) Names() []string { return append([]string(nil), f.names...) }

func parseFile(path string) (*sfnt.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("font %s: no such file", path)
		}
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	if strings.EqualFold(filepath.Ext(path), ".ttc") || strings.EqualFold(filepath.Ext(path), ".otc") {
		c, err := opentype.ParseCollection(b)
		if err != nil {
			return nil, fmt.Errorf("font %s: not a font collection (%v)", path, err)
		}
		font, err := c.Font(0)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", path, err)
		}
		return font, nil
	}
	font, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("font %s: not a TrueType or OpenType font (%v)", path, err)
	}
	return font, nil
}

// which returns the index of the first font that has a glyph for r, or -1.
func (f *Fonts) which(buf *sfnt.Buffer, r rune) int {
	for i, font := range f.list {
		if x, err := font.GlyphIndex(buf, r); err == nil && x != 0 {
			return i
		}
	}
	return -1
}

// Missing returns the characters of s, once each and in order, that no
// font has: they are drawn as the font's empty box.
func (f *Fonts) Missing(s string) []rune {
	var buf sfnt.Buffer
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if invisible(r) || seen[r] {
			continue
		}
		seen[r] = true
		if f.which(&buf, r) < 0 {
			out = append(out, r)
		}
	}
	return out
}

// invisible reports characters that format text rather than show: line
// breaks, joiners and variation selectors (the emoji selector after ✓).
func invisible(r rune) bool {
	switch {
	case r == '\n' || r == '\r' || r == '\t':
		return true
	case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF:
		return true
	case r >= 0xFE00 && r <= 0xFE0F:
		return true
	}
	return false
}
