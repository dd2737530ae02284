package photo

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // GIF: first frame
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

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
var ErrNotImage = errors.New("not a supported image (JPEG, PNG, GIF, WebP, BMP, TIFF, HEIC or AVIF)")

// ErrUnsupported reports a file recognised as an image format kenburns
// cannot decode (camera RAW, JPEG XL, ...), or a HEIC or AVIF photo when
// the program that decodes them is not installed.
var ErrUnsupported = errors.New("unsupported format")

// ErrTooLarge reports a photo over the pixel budget.
var ErrTooLarge = errors.New("image too large")

// ErrDamaged reports a photo whose content is truncated or corrupt.
var ErrDamaged = errors.New("damaged")

// Info is what the planner needs to know about a photo, read from its header
// without decoding the pixels.
type Info struct {
	Path        string
	Format      string // "jpeg", "png", ...
	Orientation int    // EXIF orientation 1..8; 1 when absent
	// Width and Height are the upright size, after orientation.
	Width, Height int
	// Taken is the EXIF DateTimeOriginal, or the file's modification time
	// when the photo has none; TakenFrom says which.
	Taken     time.Time
	TakenFrom TakenSource
	// Description is the photo's EXIF title: XPTitle, else
	// ImageDescription; "" when it has neither.
	Description string
}

// TakenSource says where a photo's capture time came from.
type TakenSource string

// Where a capture time can come from.
const (
	TakenEXIF     TakenSource = "exif"      // the photo's EXIF DateTimeOriginal
	TakenFileTime TakenSource = "file_time" // the file's modification time: a guess
)

// Aspect returns the upright width over height.
func (i Info) Aspect() float64 { return float64(i.Width) / float64(i.Height) }

// stored returns the size of the pixels as stored in the file, before
// orientation: the size the decoder allocates.
func (i Info) stored() (w, h int) {
	if i.Orientation >= 5 {
		return i.Height, i.Width
	}
	return i.Width, i.Height
}

// Probe reads a photo's header. maxPixels (0 = DefaultMaxPixels) bounds the
// stored size; a photo over it is refused with ErrTooLarge. Errors do not
// repeat the path: callers name the file.
func Probe(path string, maxPixels int) (Info, error) {
	f, st, err := open(path)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	info, err := probe(f, path, maxPixels)
	if err != nil {
		return Info{}, err
	}
	info.Path = path
	info.TakenFrom = TakenEXIF
	if info.Taken.IsZero() {
		info.Taken, info.TakenFrom = st.ModTime(), TakenFileTime
	}
	return info, nil
}

// open opens path for reading if it is a non-empty regular file, turning
// the operating system's error into a reason a person can act on.
func open(path string) (*os.File, fs.FileInfo, error) {
	// Stat first: opening a FIFO would block, and a directory opens fine.
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, openReason(err)
	}
	switch {
	case st.IsDir():
		return nil, nil, errors.New("is a folder, not a photo (pass the folder itself to use the photos in it)")
	case !st.Mode().IsRegular():
		return nil, nil, fmt.Errorf("not a regular file (%s), not a photo", st.Mode().Type())
	case st.Size() == 0:
		return nil, nil, errEmpty()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, openReason(err)
	}
	return f, st, nil
}

// openReason drops the path from an os error (callers name the file) and
// says what to do about the common cases.
func openReason(err error) error {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return errors.New("symbolic link loop: the link points back to itself; fix or remove the link")
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file (or a symbolic link to a missing file)")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied: make the file readable")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot %s: %w", pe.Op, pe.Err)
	}
	return err
}

// probe reads the header from r. name is used only to recognise camera
// RAW files that look like TIFF. The returned Info has no Path, and Taken
// is zero unless the photo has an EXIF capture date.
func probe(r io.ReadSeeker, name string, maxPixels int) (Info, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	var head [64]byte
	n, err := io.ReadFull(r, head[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		if errors.Is(err, io.EOF) {
			return Info{}, errEmpty()
		}
		return Info{}, fmt.Errorf("cannot read: %w", err)
	}
	if kind := heifKind(head[:n]); kind != "" {
		return probeHEIF(r, kind, maxPixels)
	}
	if err := sniffUnsupported(head[:n], name); err != nil {
		return Info{}, err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return Info{}, fmt.Errorf("cannot read: %w", err)
	}
	cfg, format, ct, err := readConfig(r)
	if errors.Is(err, ErrNotImage) {
		if f := supportedMagic(head[:n]); f != "" {
			// Go's format sniffing needs more bytes than the file has, or
			// bytes after the magic that are wrong.
			return Info{}, fmt.Errorf("%w %s: its header is cut short or corrupt; copy or export the photo again", ErrDamaged, formatName(f))
		}
		if isText(head[:n], n == len(head)) {
			return Info{}, &kindError{"a text file, not an image (only its name looks like a photo)", ErrNotImage}
		}
	}
	if err != nil {
		return Info{}, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("%w %s: invalid image size %dx%d in its header; re-export the photo", ErrDamaged, formatName(format), cfg.Width, cfg.Height)
	}
	if err := checkBudget(cfg.Width, cfg.Height, maxPixels); err != nil {
		return Info{}, err
	}
	if cfg.ColorModel == color.CMYKModel {
		if err := checkCMYKProfile(r, format); err != nil {
			return Info{}, err
		}
	}
	info := Info{Format: format, Orientation: 1, Width: cfg.Width, Height: cfg.Height}
	if ct != nil {
		// Read from the IFD here in case the EXIF reader below cannot
		// parse a CMYK TIFF; where it can, it finds the same tag.
		info.Orientation = ct.orientation
	}
	if _, err := r.Seek(0, io.SeekStart); err == nil {
		readExif(r, format, &info)
	}
	if _, err := r.Seek(0, io.SeekStart); err == nil && format == "jpeg" {
		if t := jpegXPTitle(r); t != "" {
			info.Description = t
		}
	}
	if info.Orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// decodeConfig reads the image header, turning decoder errors (and
// panics: the decoders are fed untrusted bytes) into clear errors.
func decodeConfig(r io.Reader) (cfg image.Config, format string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w %s: the decoder failed on its header (%v); re-export the photo", ErrDamaged, formatName(format), p)
		}
	}()
	cfg, format, err = image.DecodeConfig(bufio.NewReader(r))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return cfg, "", ErrNotImage
		}
		return cfg, format, damaged(format, "header", err)
	}
	return cfg, format, nil
}

// kindError is an error with its own message that matches a sentinel
// error with errors.Is.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

func errEmpty() error {
	return &kindError{"empty file (0 bytes); copy the photo again", ErrDamaged}
}

// damaged describes a decoder error in part ("header" or "image data") of
// a file of the given format.
func damaged(format, part string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w %s: the file ends inside its %s (truncated copy?); copy or export the photo again", ErrDamaged, formatName(format), part)
	}
	return fmt.Errorf("%w %s: cannot read its %s (%v); re-export the photo", ErrDamaged, formatName(format), part, err)
}

// checkBudget refuses a stored size over maxPixels. It runs on the size
// from the header, before any pixel memory is allocated.
func checkBudget(w, h, maxPixels int) error {
	if int64(w)*int64(h) > int64(maxPixels) {
		return fmt.Errorf("%w: %dx%d is %.0f megapixels, over the limit of %.0f (raise it with --max-megapixels)",
			ErrTooLarge, w, h, float64(w)*float64(h)/1e6, float64(maxPixels)/1e6)
	}
	return nil
}

// supportedMagic names the supported format whose magic bytes start head,
// or returns "".
func supportedMagic(head []byte) string {
	s := string(head)
	switch {
	case strings.HasPrefix(s, "\xff\xd8"):
		return "jpeg"
	case strings.HasPrefix(s, "\x89PNG"):
		return "png"
	case strings.HasPrefix(s, "GIF8"):
		return "gif"
	case strings.HasPrefix(s, "BM"):
		return "bmp"
	case strings.HasPrefix(s, "II*\x00"), strings.HasPrefix(s, "MM\x00*"):
		return "tiff"
	case strings.HasPrefix(s, "RIFF") && len(s) >= 12 && s[8:12] == "WEBP":
		return "webp"
	}
	return ""
}

// isText reports whether head looks like the start of a UTF-8 text file:
// no image format starts with only printable characters. more says the
// file goes on after head, so that a character may be cut at its end.
func isText(head []byte, more bool) bool {
	if len(head) == 0 {
		return false
	}
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && !(more && len(head)-i < utf8.UTFMax) {
			return false // invalid UTF-8 (a rune cut at the end is fine)
		}
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return false
		}
		i += size
	}
	return true
}

// formatName is the format as people write it.
func formatName(format string) string {
	switch format {
	case "jpeg":
		return "JPEG"
	case "png":
		return "PNG"
	case "gif":
		return "GIF"
	case "webp":
		return "WebP"
	case "bmp":
		return "BMP"
	case "tiff":
		return "TIFF"
	case "heic":
		return "HEIC"
	case "avif":
		return "AVIF"
	case "":
		return "image"
	}
	return format
}

// readExif fills orientation and capture time where the photo has EXIF.
// Missing or damaged EXIF is not an error: the pixels are what matter.
func readExif(r io.ReadSeeker, format string, info *Info) {
	defer func() {
		// The EXIF parser is third-party code fed untrusted bytes; a panic
		// in it must not take down a batch run.
		if p := recover(); p != nil {
			info.Orientation = 1
			info.Taken = time.Time{}
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
	case "webp":
		decode = decodeWebPExif
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
	info.Description = strings.TrimSpace(strings.TrimRight(x.ImageDescription, "\x00"))
}
