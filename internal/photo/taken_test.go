package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// exifDateSegment is an APP1 Exif segment whose Exif IFD holds only
// DateTimeOriginal, as cameras write it ("2006:01:02 15:04:05").
func exifDateSegment(taken string) []byte {
	var tiff bytes.Buffer
	be := binary.BigEndian
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, be, uint32(8)) // IFD0
	binary.Write(&tiff, be, uint16(1))
	binary.Write(&tiff, be, uint16(0x8769)) // ExifIFDPointer
	binary.Write(&tiff, be, uint16(4))      // LONG
	binary.Write(&tiff, be, uint32(1))
	binary.Write(&tiff, be, uint32(26)) // the Exif IFD follows IFD0
	binary.Write(&tiff, be, uint32(0))
	binary.Write(&tiff, be, uint16(1)) // Exif IFD at 26
	binary.Write(&tiff, be, uint16(0x9003))
	binary.Write(&tiff, be, uint16(2)) // ASCII
	binary.Write(&tiff, be, uint32(len(taken)+1))
	binary.Write(&tiff, be, uint32(44)) // the string follows the IFD
	binary.Write(&tiff, be, uint32(0))
	tiff.WriteString(taken + "\x00")
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	be.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// TestProbeTaken reads the capture date that --sort date orders by, and
// falls back to the file's time when a photo has none.
func TestProbeTaken(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 16, 16))
	plain := jpegWithSegments(t, img)
	dated := jpegWithSegments(t, img, exifDateSegment("2021:07:04 10:30:15"))
	dir := t.TempDir()
	fileTime := time.Date(2019, 3, 1, 8, 0, 0, 0, time.UTC)
	for name, data := range map[string][]byte{"dated.jpg": dated, "plain.jpg": plain} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, fileTime, fileTime)
	}
	tests := []struct {
		name string
		want string
	}{
		{"dated.jpg", "2021-07-04 10:30:15"},
		{"plain.jpg", "2019-03-01 08:00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Probe(filepath.Join(dir, tt.name), 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Taken.UTC().Format(time.DateTime); got != tt.want && info.Taken.Format(time.DateTime) != tt.want {
				t.Errorf("Taken = %v, want %s", info.Taken, tt.want)
			}
		})
	}
}
