package slideshow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/maruel/natural"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
)

// imageExts are the file name endings taken as photos without sniffing.
var imageExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".jpe": true, ".png": true, ".gif": true, ".webp": true,
	".bmp": true, ".tif": true, ".tiff": true, ".heic": true, ".heif": true, ".hif": true, ".avif": true,
}

// Inputs is what Collect found.
type Inputs struct {
	Photos  []photo.Info
	Bad     []*photo.Error // photos that could not be read
	Ignored int            // files in folders that are not images
}

// Collect expands files and folders into photos. A folder contributes the
// files that are named or sniffed as images, sorted naturally by name
// ("img2" before "img10") or by capture date; files given one by one keep
// their order. Every photo's header is read; the ones that fail are listed
// in Bad, not returned as an error, so that the caller can decide.
func Collect(ctx context.Context, args []string, recursive bool, sortBy setting.Sort, maxPixels int) (Inputs, error) {
	var in Inputs
	if len(args) == 0 {
		return in, fmt.Errorf("%w: no photos given: name photo files or folders", ErrInvalid)
	}
	for _, arg := range args {
		if err := ctx.Err(); err != nil {
			return in, err
		}
		st, err := os.Stat(arg)
		if err != nil {
			in.Bad = append(in.Bad, &photo.Error{Path: arg, Err: statReason(err)})
			continue
		}
		if !st.IsDir() {
			in.add(arg, maxPixels)
			continue
		}
		if imageExts[strings.ToLower(filepath.Ext(arg))] {
			in.Bad = append(in.Bad, &photo.Error{Path: arg, Err: errors.New("is a folder, not a photo")})
			continue
		}
		var names []string
		ignored := 0
		err = walk(ctx, arg, recursive, func(path string, named bool) {
			if named || sniffImage(path) {
				names = append(names, path)
			} else {
				ignored++
			}
		})
		if ctx.Err() != nil {
			return in, ctx.Err()
		}
		if err != nil {
			in.Bad = append(in.Bad, &photo.Error{Path: arg, Err: err})
			continue
		}
		in.Ignored += ignored
		start := len(in.Photos)
		for _, n := range names {
			// Each header is a file to open and read: thousands of them
			// take long enough that Ctrl-C must be honoured in between.
			if err := ctx.Err(); err != nil {
				return in, err
			}
			in.add(n, maxPixels)
		}
		sortPhotos(in.Photos[start:], sortBy)
	}
	if len(in.Photos) == 0 && len(in.Bad) == 0 {
		return in, fmt.Errorf("%w: no photos found in %s (looked for JPEG, PNG, GIF, WebP, BMP and TIFF files)", ErrInvalid, strings.Join(args, ", "))
	}
	return in, nil
}

func (in *Inputs) add(path string, maxPixels int) {
	info, err := photo.Probe(path, maxPixels)
	if err != nil {
		in.Bad = append(in.Bad, &photo.Error{Path: path, Err: err})
		return
	}
	in.Photos = append(in.Photos, info)
}

func statReason(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// walk calls fn for every regular file below dir (only dir itself unless
// recursive), skipping hidden files and folders. named reports whether the
// file's extension marks it as an image. A folder named like a photo is
// walked like any folder.
func walk(ctx context.Context, dir string, recursive bool, fn func(path string, named bool)) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if path == dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if !recursive {
				return filepath.SkipDir
			}
			return nil
		}
		named := imageExts[strings.ToLower(filepath.Ext(path))]
		if d.Type()&fs.ModeSymlink != 0 {
			// A link is followed only when it leads to a regular file; a
			// link named like a photo that leads nowhere is reported.
			st, err := os.Stat(path)
			if err != nil || !st.Mode().IsRegular() {
				if named {
					fn(path, true)
				}
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		fn(path, named)
		return nil
	})
}

// sniffImage reports whether a file without an image extension starts like
// an image, so that "IMG_0001" is found and "notes.txt" is not.
func sniffImage(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	if photo.IsHEIF(head[:n]) { // HEIC and AVIF, which the standard library does not sniff
		return true
	}
	ct := http.DetectContentType(head[:n])
	return strings.HasPrefix(ct, "image/") && ct != "image/x-icon" && ct != "image/svg+xml"
}

func sortPhotos(ps []photo.Info, by setting.Sort) {
	sort.SliceStable(ps, func(i, j int) bool {
		if by == setting.SortDate && !ps[i].Taken.Equal(ps[j].Taken) {
			return ps[i].Taken.Before(ps[j].Taken)
		}
		return natural.Less(ps[i].Path, ps[j].Path)
	})
}
