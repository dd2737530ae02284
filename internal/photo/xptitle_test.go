package photo

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"
)

// exifJPEG writes a small JPEG whose EXIF IFD0 holds the given
// ImageDescription and XPTitle ("" leaves a tag out), little-endian.
func exifJPEG(t *testing.T, desc, title string) string {
	t.Helper()
	type entry struct {
		tag, typ uint16
		data     []byte
	}
	var es []entry
	if desc != "" {
		es = append(es, entry{0x010e, 2, append([]byte(desc), 0)})
	}
	if title != "" {
		var b []byte
		for _, u := range utf16.Encode([]rune(title + "\x00")) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		es = append(es, entry{tagXPTitle, 1, b})
	}
	le := binary.LittleEndian
	tiff := []byte("II*\x00\x08\x00\x00\x00")
	tiff = le.AppendUint16(tiff, uint16(len(es)))
	data := 8 + 2 + 12*len(es) + 4 // where values longer than 4 bytes go
	var extra []byte
	for _, e := range es {
		tiff = le.AppendUint16(tiff, e.tag)
		tiff = le.AppendUint16(tiff, e.typ)
		tiff = le.AppendUint32(tiff, uint32(len(e.data)))
		if len(e.data) <= 4 {
			tiff = append(tiff, append(e.data, make([]byte, 4-len(e.data))...)...)
			continue
		}
		tiff = le.AppendUint32(tiff, uint32(data+len(extra)))
		extra = append(extra, e.data...)
	}
	tiff = append(le.AppendUint32(tiff, 0), extra...)
	app1 := append([]byte("Exif\x00\x00"), tiff...)
	var img bytes.Buffer
	if err := jpeg.Encode(&img, image.NewGray(image.Rect(0, 0, 16, 16)), nil); err != nil {
		t.Fatal(err)
	}
	out := []byte{0xff, 0xd8, 0xff, 0xe1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(app1)+2))
	out = append(append(out, app1...), img.Bytes()[2:]...)
	path := filepath.Join(t.TempDir(), "p.jpg")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDescription checks the EXIF title kenburns uses for
// --captions-from exif: XPTitle where present, else ImageDescription.
func TestDescription(t *testing.T) {
	tests := []struct{ name, desc, title, want string }{
		{"neither", "", "", ""},
		{"description", "Harbour at dawn: 05:42", "", "Harbour at dawn: 05:42"},
		{"xptitle wins", "OLYMPUS DIGITAL CAMERA", "Hafen bei Dämmerung ✓", "Hafen bei Dämmerung ✓"},
		{"inline xptitle", "", "a", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Probe(exifJPEG(t, tt.desc, tt.title), 0)
			if err != nil {
				t.Fatal(err)
			}
			if info.Description != tt.want {
				t.Errorf("Description = %q, want %q", info.Description, tt.want)
			}
		})
	}
}
