package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disintegration/imaging"
	"github.com/kenburns/kenburns/internal/testenv"
)

// cmykProfilePath is a real CMYK printing profile (LUT-based, 187 kB),
// Ghostscript's default, from Debian's libgs-common. It is AGPL data, so
// the test uses it where Debian installs it and commits nothing made
// from it.
const cmykProfilePath = "/usr/share/color/icc/ghostscript/default_cmyk.icc"

// needCMYKProfile returns cmykProfilePath, skipping the test when it is
// missing on a developer's machine and failing it in CI.
func needCMYKProfile(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(cmykProfilePath); err != nil {
		if testenv.InCI() {
			t.Fatalf("%s is missing: CI must install libgs-common", cmykProfilePath)
		}
		t.Skipf("%s is missing (apt-get install libgs-common)", cmykProfilePath)
	}
	return cmykProfilePath
}

// TestCMYKProfile makes CMYK JPEGs with an embedded profile as a
// prepress export does: Little CMS's jpgicc (liblcms2-utils) separates an
// sRGB picture into CMYK through the printing profile and embeds it (-e).
// Load must show what Little CMS itself gives converting the file back to
// sRGB (jpgicc -q100, whose re-encoding costs a little) within a level on
// average (measured: 0.18), where the plain inversion is 36.7 levels off.
// The untagged file, the same separation without -e, keeps the plain
// conversion exactly. CMYK TIFFs are in tiffcmyk_test.go.
func TestCMYKProfile(t *testing.T) {
	needTool(t, "transicc", "liblcms2-utils")
	needTool(t, "jpgicc", "liblcms2-utils")
	prof := needCMYKProfile(t)
	dir := t.TempDir()
	src := gradientPicture(96, 64)
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, src, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	file := func(name string) string { return filepath.Join(dir, name) }
	if err := os.WriteFile(file("srgb.jpg"), jpg.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		t.Helper()
		if msg, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v: %s", args, err, msg)
		}
	}
	run("jpgicc", "-e", "-q100", "-o"+prof, file("srgb.jpg"), file("cmyk.jpg"))
	run("jpgicc", "-q100", "-o"+prof, file("srgb.jpg"), file("untagged.jpg"))
	run("jpgicc", "-q100", "-i"+prof, file("cmyk.jpg"), file("back.jpg"))
	tests := []struct {
		name, file, ref string
		maxDiff         float64
	}{
		{"JPEG", "cmyk.jpg", "back.jpg", 1},
		{"untagged JPEG", "untagged.jpg", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, err := Probe(file(tc.file), 0)
			if err != nil {
				t.Fatalf("Probe: %v", err)
			}
			img, err := Load(info, color.Black, 0, 0)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			raw := decodeFile(t, file(tc.file))
			if _, ok := raw.(*image.CMYK); !ok {
				t.Fatalf("%s decodes as %T, not CMYK: the test made the wrong file", tc.file, raw)
			}
			plain := imaging.Clone(raw)
			if tc.ref == "" {
				if d := meanDiff(img, rgbOf(plain)); d != 0 {
					t.Errorf("untagged CMYK differs from the plain conversion by %.2f levels on average, want 0", d)
				}
				return
			}
			ref := rgbOf(toNRGBA(decodeFile(t, file(tc.ref))))
			diff, inverted := meanDiff(img, ref), meanDiff(plain, ref)
			t.Logf("mean difference from Little CMS's conversion %.2f (plain inversion %.1f)", diff, inverted)
			if diff > tc.maxDiff || inverted < 10 {
				t.Errorf("Load differs from Little CMS's conversion by %.2f levels on average, want at most %.1f (plain inversion %.1f)", diff, tc.maxDiff, inverted)
			}
		})
	}
}

// TestCMYKToolMissing checks that a CMYK photo with a profile is refused
// by Probe, before anything is rendered, with the install command, when
// transicc is not installed, and that untagged CMYK does not need it.
func TestCMYKToolMissing(t *testing.T) {
	needTool(t, "jpgicc", "liblcms2-utils")
	prof := needCMYKProfile(t)
	dir := t.TempDir()
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, gradientPicture(16, 16), nil); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "srgb.jpg")
	if err := os.WriteFile(in, jpg.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tagged, untagged := filepath.Join(dir, "tagged.jpg"), filepath.Join(dir, "untagged.jpg")
	for _, args := range [][]string{{"-e", "-o" + prof, in, tagged}, {"-o" + prof, in, untagged}} {
		if msg, err := exec.Command("jpgicc", args...).CombinedOutput(); err != nil {
			t.Fatalf("jpgicc %v: %v: %s", args, err, msg)
		}
	}
	t.Setenv("PATH", t.TempDir())
	_, err := Probe(tagged, 0)
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "apt-get install liblcms2-utils") {
		t.Errorf("Probe without transicc = %v, want ErrUnsupported naming `apt-get install liblcms2-utils`", err)
	}
	if _, err := Probe(untagged, 0); err != nil {
		t.Errorf("Probe of untagged CMYK without transicc: %v", err)
	}
}

// decodeFile decodes the image at path with Go's decoders.
func decodeFile(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}
