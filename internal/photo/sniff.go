package photo

import (
	"fmt"
	"path/filepath"
	"strings"
)

// sniffUnsupported recognises image formats that kenburns cannot decode
// from their first bytes, so that a camera RAW file or a JPEG XL photo
// gets a message saying what to do rather than "not an image". name only
// matters for camera RAW formats that are TIFF files inside: their
// extension is the only cheap way to tell them from a TIFF photo.
func sniffUnsupported(head []byte, name string) error {
	if kind := unsupportedKind(head, name); kind != "" {
		return fmt.Errorf("%w: %s; convert it to JPEG (or PNG) first", ErrUnsupported, kind)
	}
	return nil
}

// rawMaker names the maker of a camera RAW format that starts like a TIFF
// file, from its extension ext (lower case, with the dot), or returns "".
func rawMaker(ext string) string {
	switch ext {
	case ".cr2":
		return "Canon"
	case ".nef", ".nrw":
		return "Nikon"
	case ".arw", ".srf", ".sr2":
		return "Sony"
	case ".dng":
		return "DNG"
	case ".pef":
		return "Pentax"
	case ".orf":
		return "Olympus"
	case ".rw2":
		return "Panasonic"
	case ".rwl":
		return "Leica"
	case ".srw":
		return "Samsung"
	case ".3fr":
		return "Hasselblad"
	case ".erf":
		return "Epson"
	case ".kdc", ".dcr":
		return "Kodak"
	case ".iiq":
		return "Phase One"
	}
	return ""
}

// unsupportedKind names the unsupported format of a file starting with
// head, or returns "" if it is not one kenburns knows to be unsupported.
func unsupportedKind(head []byte, name string) string {
	has := func(off int, magic string) bool {
		return len(head) >= off+len(magic) && string(head[off:off+len(magic)]) == magic
	}
	// ISO base media files (CR3, MP4/MOV, ...) start with a box
	// size and "ftyp", then the major brand.
	if has(4, "ftyp") && len(head) >= 12 {
		brands := string(head[8:12])
		if end := 8 + int(uint32(head[0])<<24|uint32(head[1])<<16|uint32(head[2])<<8|uint32(head[3])); end > 16 && end <= len(head) {
			brands += string(head[16:end]) // the compatible brands
		}
		// HEIC and AVIF are recognised by heifKind before this.
		switch {
		case strings.Contains(brands, "crx "):
			return "Canon CR3 camera RAW"
		case containsAny(brands, "isom", "iso2", "mp41", "mp42", "qt  ", "M4V ", "3gp"):
			return "a video (MP4/MOV), not a photo"
		}
		return "ISO media file (" + strings.TrimSpace(string(head[8:12])) + ")"
	}
	switch {
	case has(0, "\x00\x00\x00\x0cJXL \r\n\x87\n"), has(0, "\xff\x0a"):
		return "JPEG XL"
	case has(0, "\x00\x00\x00\x0cjP  \r\n\x87\n"), has(0, "\xff\x4f\xff\x51"):
		return "JPEG 2000"
	case has(0, "II*\x00") && has(8, "CR"):
		return "Canon CR2 camera RAW"
	case has(0, "IIRO"), has(0, "IIRS"), has(0, "MMOR"):
		return "Olympus ORF camera RAW"
	case has(0, "IIU\x00"):
		return "Panasonic RW2 camera RAW"
	case has(0, "FUJIFILMCCD-RAW"):
		return "Fujifilm RAF camera RAW"
	case has(0, "II\x1a\x00\x00\x00HEAPCCDR"):
		return "Canon CRW camera RAW"
	case has(0, "FOVb"):
		return "Sigma X3F camera RAW"
	case has(0, "\x00MRM"):
		return "Minolta MRW camera RAW"
	case has(0, "8BPS"):
		return "Photoshop PSD"
	case has(0, "%PDF"):
		return "PDF, not a photo"
	}
	if has(0, "II*\x00") || has(0, "MM\x00*") {
		ext := strings.ToLower(filepath.Ext(name))
		if maker := rawMaker(ext); maker != "" {
			return maker + " camera RAW (" + strings.ToUpper(ext[1:]) + ")"
		}
	}
	return ""
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
