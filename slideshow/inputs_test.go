package slideshow

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
)

func writeImage(t *testing.T, path string, w, h int, asJPEG bool) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var b bytes.Buffer
	var err error
	if asJPEG {
		err = jpeg.Encode(&b, img, nil)
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func names(in Inputs) []string {
	var out []string
	for _, p := range in.Photos {
		out = append(out, filepath.Base(p.Path))
	}
	return out
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	writeImage(t, filepath.Join(dir, "img10.png"), 8, 8, false)
	writeImage(t, filepath.Join(dir, "img2.png"), 8, 8, false)
	writeImage(t, filepath.Join(dir, "img1.jpg"), 8, 8, true)
	writeImage(t, filepath.Join(dir, "IMG_0001"), 8, 8, true) // no extension: sniffed
	writeImage(t, filepath.Join(dir, ".hidden.jpg"), 8, 8, true)
	writeImage(t, filepath.Join(dir, "sub", "deep.png"), 8, 8, false)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a photo"), 0o644)
	os.WriteFile(filepath.Join(dir, "img3.xmp"), []byte("<x:xmpmeta/>"), 0o644)

	// Modification times in reverse name order, for --sort date (these
	// photos have no EXIF date).
	base := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for i, n := range []string{"img10.png", "img2.png", "img1.jpg", "IMG_0001"} {
		ts := base.Add(time.Duration(i) * time.Hour)
		os.Chtimes(filepath.Join(dir, n), ts, ts)
	}
	tests := []struct {
		name      string
		args      []string
		recursive bool
		sort      setting.Sort
		want      []string
		ignored   int
	}{
		{"natural order", []string{dir}, false, setting.SortName, []string{"IMG_0001", "img1.jpg", "img2.png", "img10.png"}, 2},
		{"by date", []string{dir}, false, setting.SortDate, []string{"img10.png", "img2.png", "img1.jpg", "IMG_0001"}, 2},
		{"recursive", []string{dir}, true, setting.SortName, []string{"IMG_0001", "img1.jpg", "img2.png", "img10.png", "deep.png"}, 2},
		{"files keep their order", []string{filepath.Join(dir, "img2.png"), filepath.Join(dir, "img1.jpg"), filepath.Join(dir, "IMG_0001")}, false, setting.SortName, []string{"img2.png", "img1.jpg", "IMG_0001"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := Collect(context.Background(), tt.args, tt.recursive, tt.sort, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := names(in)
			if len(in.Bad) > 0 {
				t.Errorf("bad: %v", in.Bad)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
			if in.Ignored != tt.ignored {
				t.Errorf("ignored %d, want %d", in.Ignored, tt.ignored)
			}
		})
	}
}

func TestCollectBad(t *testing.T) {
	dir := t.TempDir()
	writeImage(t, filepath.Join(dir, "good.png"), 8, 8, false)
	os.WriteFile(filepath.Join(dir, "broken.jpg"), []byte("this is text"), 0o644)
	os.Mkdir(filepath.Join(dir, "folder.jpg"), 0o755)
	in, err := Collect(context.Background(), []string{dir, filepath.Join(dir, "missing.png"), filepath.Join(dir, "folder.jpg")}, false, setting.SortName, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Photos) != 1 || len(in.Bad) != 3 {
		t.Fatalf("photos %v, bad %v", names(in), in.Bad)
	}
	err = &photo.Errors{Photos: in.Bad}
	for _, want := range []string{"broken.jpg", "missing.png: no such file", "folder.jpg: is a folder", "--skip-bad"} {
		if !bytes.Contains([]byte(err.Error()), []byte(want)) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
}
