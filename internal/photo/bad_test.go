package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// TestCorpusBad feeds every file of the shared corpus's bad/ folder to
// Probe (and to Load where Probe accepts it): each gives one clear line,
// never a panic or a partly grey picture.
//
// The corpus's symlink-loop.jpg is a real link to itself, or, where a copy
// of the corpus could not keep links, a plain file holding its own name.
// Both forms are made in temporary copies of the folder so that each is
// checked whichever one arrived on this machine.
func TestCorpusBad(t *testing.T) {
	dir := corpusDir(t, "bad")
	t.Run("as arrived", func(t *testing.T) { checkBadFolder(t, dir) })
	t.Run("real loop", func(t *testing.T) { checkBadFolder(t, copyBadFolder(t, dir, true)) })
	t.Run("lost link", func(t *testing.T) { checkBadFolder(t, copyBadFolder(t, dir, false)) })
}

// checkBadFolder runs the checks of TestCorpusBad on dir, a copy of the
// corpus's bad/ folder.
func checkBadFolder(t *testing.T, dir string) {
	type badCase struct {
		name     string
		probeErr error  // the sentinel error Probe's error wraps, if any
		loads    bool   // Probe accepts the header and Load must fail
		want     string // in the error message
	}
	loop := badCase{"symlink-loop.jpg", ErrNotImage, false, "a text file, not an image"}
	st, err := os.Lstat(filepath.Join(dir, loop.name))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		loop = badCase{loop.name, nil, false, "symbolic link loop"}
	}
	tests := []badCase{
		{"bomb-50000x50000.png", ErrTooLarge, false, "50000x50000 is 2500 megapixels"},
		{"corrupt-header.jpg", ErrDamaged, false, "damaged JPEG: cannot read its header"},
		{"folder-not-image.jpg", nil, false, "is a folder"},
		loop,
		{"text-file.jpg", ErrNotImage, false, "a text file, not an image"},
		{"truncated-30pct.jpg", nil, true, "damaged JPEG"},
		{"zero-bytes.jpg", ErrDamaged, false, "empty file (0 bytes)"},
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(tests) {
		t.Errorf("%s has %d entries, the test knows %d: add the new ones", dir, len(entries), len(tests))
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			info, err := Probe(path, 0)
			if tc.loads {
				if err != nil {
					t.Fatalf("Probe: %v; want it to accept the header", err)
				}
				_, err = Load(info, color.Black, 0, 0)
				if err == nil {
					t.Fatal("Load succeeded on damaged data; want an error, not a partly grey picture")
				}
				if !errors.Is(err, ErrDamaged) {
					t.Errorf("Load error %q is not ErrDamaged", err)
				}
			} else if err == nil {
				t.Fatalf("Probe accepted %s", tc.name)
			} else if tc.probeErr != nil && !errors.Is(err, tc.probeErr) {
				t.Errorf("Probe error %q, want %v", err, tc.probeErr)
			}
			checkMessage(t, err, tc.want, path)
		})
	}
}

// copyBadFolder copies the corpus's bad/ folder into a temporary folder,
// with symlink-loop.jpg as a real loop or as a plain file holding its own
// name, the two forms the corpus arrives in.
func copyBadFolder(t *testing.T, src string, realLoop bool) string {
	t.Helper()
	const loop = "symlink-loop.jpg"
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		from, to := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())
		switch {
		case e.Name() == loop:
			// Made below in the wanted form, whatever form arrived.
		case e.IsDir():
			// Probe refuses a folder whatever it holds.
			if err := os.Mkdir(to, 0o755); err != nil {
				t.Fatal(err)
			}
		case e.Type().IsRegular():
			data, err := os.ReadFile(from)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(to, data, 0o644); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("%s is a %v: copyBadFolder knows only files and folders", from, e.Type())
		}
	}
	path := filepath.Join(dst, loop)
	if realLoop {
		err = os.Symlink(loop, path)
	} else {
		err = os.WriteFile(path, []byte(loop), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// checkMessage checks that err is one line that contains want and leaves
// naming the file at path to the caller.
func checkMessage(t *testing.T, err error, want, path string) {
	t.Helper()
	msg := err.Error()
	if !strings.Contains(msg, want) {
		t.Errorf("error %q does not contain %q", msg, want)
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error %q is more than one line", msg)
	}
	if strings.Contains(msg, filepath.Base(path)) {
		t.Errorf("error %q repeats the path: callers name the file", msg)
	}
}

// TestProbeErrors covers bad inputs the corpus lacks: unsupported formats
// recognised from their magic bytes, HEIC and AVIF files cut after ftyp, a real symbolic link loop, and
// damaged copies of small files of every supported format.
func TestProbeErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	loop := filepath.Join(dir, "loop.jpg")
	if err := os.Symlink("loop.jpg", loop); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "dangling.jpg")
	if err := os.Symlink("nowhere.jpg", missing); err != nil {
		t.Fatal(err)
	}
	tiffHeader := tinyFile(t, "tiff")
	tests := []struct {
		name string
		path string
		err  error
		want string
	}{
		{"symlink loop", loop, nil, "symbolic link loop"},
		{"dangling symlink", missing, nil, "no such file"},
		// HEIC and AVIF are read (heif_test.go); only their ftyp box here.
		{"HEIC ftyp only", write("a.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")), ErrDamaged, "damaged HEIC: the file ends before its meta box"},
		{"HEIF named jpg", write("b.jpg", []byte("\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic")), ErrDamaged, "damaged HEIC"},
		{"AVIF ftyp only", write("c.avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf")), ErrDamaged, "damaged AVIF: the file ends before its meta box"},
		{"CR3", write("d.cr3", []byte("\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom")), ErrUnsupported, "Canon CR3 camera RAW"},
		{"CR2", write("e.cr2", []byte("II*\x00\x10\x00\x00\x00CR\x02\x00\x00\x00\x00\x00")), ErrUnsupported, "Canon CR2 camera RAW"},
		{"NEF", write("f.NEF", tiffHeader), ErrUnsupported, "Nikon camera RAW (NEF)"},
		{"ORF", write("g.orf", []byte("IIRO\x08\x00\x00\x00")), ErrUnsupported, "Olympus ORF"},
		{"RW2", write("h.rw2", []byte("IIU\x00\x08\x00\x00\x00")), ErrUnsupported, "Panasonic RW2"},
		{"RAF", write("i.raf", []byte("FUJIFILMCCD-RAW 0201FF383501")), ErrUnsupported, "Fujifilm RAF"},
		{"JPEG XL", write("j.jxl", []byte("\xff\x0a\xfa\x7f")), ErrUnsupported, "JPEG XL"},
		{"MP4", write("k.jpg", []byte("\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41")), ErrUnsupported, "a video"},
		{"PSD", write("l.psd", []byte("8BPS\x00\x01\x00\x00\x00\x00\x00\x00")), ErrUnsupported, "Photoshop PSD"},
		{"binary junk", write("m.jpg", []byte{0x01, 0x02, 0x03, 0xfe, 0x00}), ErrNotImage, "not a supported image"},
		{"one byte", write("n.jpg", []byte{0xff}), ErrNotImage, "not a supported image"},
		{"JPEG start only", write("o.jpg", []byte{0xff, 0xd8, 0xff}), ErrDamaged, "the file ends inside its header"},
		{"zero-size PNG", write("p.png", zeroSizePNG(t)), ErrDamaged, "header"},
		{"FIFO", fifo(t, dir), nil, "not a regular file"},
	}
	for _, format := range []string{"jpeg", "png", "gif", "bmp", "tiff", "webp-lossy", "webp-lossless"} {
		data := tinyFile(t, format)
		tests = append(tests, struct {
			name string
			path string
			err  error
			want string
		}{format + " cut in the header", write(format+"-head", data[:min(len(data)/2, 14)]), ErrDamaged, "damaged"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path == "" {
				t.Skip("cannot make this kind of file here")
			}
			path := tc.path
			_, err := Probe(path, 0)
			if err == nil {
				t.Fatal("Probe accepted it")
			}
			if tc.err != nil && !errors.Is(err, tc.err) {
				t.Errorf("error %q, want %v", err, tc.err)
			}
			checkMessage(t, err, tc.want, path)
		})
	}
}

// TestLoadDamaged cuts small files of every format inside their pixel
// data: Load must report it instead of returning a partial picture.
func TestLoadDamaged(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"jpeg", "png", "gif", "bmp", "tiff", "webp-lossy", "webp-lossless", "webp-alpha"} {
		t.Run(format, func(t *testing.T) {
			data := tinyFile(t, format)
			whole := filepath.Join(dir, format)
			if err := os.WriteFile(whole, data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := Probe(whole, 0)
			if err != nil {
				t.Fatalf("Probe of the whole file: %v", err)
			}
			if _, err := Load(info, color.Black, 0, 0); err != nil {
				t.Fatalf("Load of the whole file: %v", err)
			}
			// Cut the file short of its end; the last bytes of some formats
			// are only a trailer, so cut well into the data.
			cut := filepath.Join(dir, format+"-cut")
			if err := os.WriteFile(cut, data[:len(data)*3/4], 0o644); err != nil {
				t.Fatal(err)
			}
			info, err = Probe(cut, 0)
			if err != nil {
				checkMessage(t, err, "damaged", cut)
				return // the header is cut too: refused early, which is fine
			}
			_, err = Load(info, color.Black, 0, 0)
			if err == nil {
				t.Fatal("Load accepted a file cut short")
			}
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("error %q is not ErrDamaged", err)
			}
			checkMessage(t, err, "damaged", cut)
		})
	}
}

// TestDecodeMatchesHeader checks what the pixel budget relies on: every
// decoder allocates exactly the size DecodeConfig reports.
func TestDecodeMatchesHeader(t *testing.T) {
	for _, format := range []string{"jpeg", "png", "gif", "bmp", "tiff", "webp-lossy", "webp-lossless", "webp-alpha"} {
		t.Run(format, func(t *testing.T) {
			data := tinyFile(t, format)
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			img, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
				t.Errorf("decoded %v, header %dx%d", b, cfg.Width, cfg.Height)
			}
		})
	}
}

// tinyPicture is a small, non-uniform picture for the tiny files.
func tinyPicture() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, 24, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 24; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 10), uint8(y * 15), uint8(x * y), 255})
		}
	}
	return img
}

// tinyFile encodes tinyPicture in format; WebP, which Go cannot encode, is
// read from files made once with ffmpeg's libwebp encoder.
func tinyFile(t testing.TB, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	img := tinyPicture()
	switch format {
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "png":
		err = png.Encode(&buf, img)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	case "bmp":
		err = bmp.Encode(&buf, img)
	case "tiff":
		err = tiff.Encode(&buf, img, &tiff.Options{Compression: tiff.Deflate})
	case "webp-lossy", "webp-lossless", "webp-alpha":
		data, err := os.ReadFile(filepath.Join("testdata", "tiny-"+strings.TrimPrefix(format, "webp-")+".webp"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	default:
		t.Fatalf("no tiny %s", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zeroSizePNG is a PNG whose header claims a 0x0 picture.
func zeroSizePNG(t *testing.T) []byte {
	data := tinyFile(t, "png")
	// IHDR's width and height follow the 8-byte signature and the chunk's
	// length and type; the CRC is now wrong too, which is also damage.
	copy(data[16:24], make([]byte, 8))
	return data
}

// fifo makes a named pipe, which must be refused without blocking, or
// returns "" where it cannot.
func fifo(t *testing.T, dir string) string {
	path := filepath.Join(dir, "pipe.jpg")
	if err := mkfifo(path); err != nil {
		t.Logf("no FIFO: %v", err)
		return ""
	}
	return path
}
