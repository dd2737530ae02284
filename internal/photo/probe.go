package photo

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // GIF: first frame
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"time"

	"github.com/evanoberholster/imagemeta"
	"github.com/evanoberholster/imagemeta/exif2"
	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// DefaultMaxPixels is the default pixel budget: larger photos are refused
// before decoding so that memory stays bounded whatever the input.
const DefaultMaxPixels = 100_000_000

// ErrNotImage reports a file whose content is not an image format
// kenburns can decode.
var ErrNotImage = errors.New("not a supported image (JPEG, PNG, GIF, WebP, BMP or TIFF)")

// ErrTooLarge reports a photo over the pixel budget.
var ErrTooLarge = errors.New("image too large")

// Info is what the planner needs to know about a photo, read from its header
// without decoding the pixels.
type Info struct {
	Path        string
	Format      string // "jpeg", "png", ...
	Orientation int    // EXIF orientation 1..8; 1 when absent
	// Width and Height are the upright size, after orientation.
	Width, Height int
	// Taken is the EXIF DateTimeOriginal, or the file's modification time
	// when the photo has none.
	Taken time.Time
}

// Aspect returns the upright width over height.
func (i Info) Aspect() float64 { return float64(i.Width) / float64(i.Height) }

// Probe reads a photo's header. maxPixels (0 = DefaultMaxPixels) bounds the
// stored size; a photo over it is refused with ErrTooLarge.
func Probe(path string, maxPixels int) (Info, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	f, err := os.Open(path)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Info{}, err
	}
	if st.IsDir() {
		return Info{}, fmt.Errorf("is a directory, not a photo")
	}
	if st.Size() == 0 {
		return Info{}, fmt.Errorf("empty file (0 bytes)")
	}
	cfg, format, err := image.DecodeConfig(bufio.NewReader(f))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return Info{}, ErrNotImage
		}
		return Info{}, fmt.Errorf("unreadable %s header: %w", format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("invalid image size %dx%d in header", cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return Info{}, fmt.Errorf("%w: %dx%d is %.0f megapixels, over the limit of %.0f (raise it with --max-megapixels)",
			ErrTooLarge, cfg.Width, cfg.Height, float64(cfg.Width)*float64(cfg.Height)/1e6, float64(maxPixels)/1e6)
	}
	info := Info{Path: path, Format: format, Orientation: 1, Width: cfg.Width, Height: cfg.Height, Taken: st.ModTime()}
	if _, err := f.Seek(0, io.SeekStart); err == nil {
		readExif(f, format, &info)
	}
	if info.Orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// readExif fills orientation and capture time where the photo has EXIF.
// Missing or damaged EXIF is not an error: the pixels are what matter.
func readExif(r io.ReadSeeker, format string, info *Info) {
	defer func() {
		// The EXIF parser is third-party code fed untrusted bytes; a panic
		// in it must not take down a batch run.
		if p := recover(); p != nil {
			info.Orientation = 1
		}
	}()
	var decode func(io.ReadSeeker) (exif2.Exif, error)
	switch format {
	case "jpeg":
		decode = imagemeta.DecodeJPEG
	case "tiff":
		decode = imagemeta.DecodeTiff
	case "png":
		decode = imagemeta.DecodePng
	default:
		return
	}
	x, err := decode(r)
	if err != nil {
		return
	}
	if o := int(x.Orientation); o >= 1 && o <= 8 {
		info.Orientation = o
	}
	if t := x.DateTimeOriginal(); t.Year() > 1900 {
		info.Taken = t
	}
}
