package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/kenburns/kenburns/slideshow"
)

// AnimatedWebP is what verify reads from an animated WebP's container.
// ffmpeg 5.1 cannot decode animated WebP (ffprobe sees no frames), so the
// RIFF chunks are read here: VP8X holds the canvas size, each ANMF chunk
// is one frame with its duration in milliseconds.
type AnimatedWebP struct {
	Width, Height int
	Frames        int
	DurationMS    int
}

// ReadAnimatedWebP reads the canvas, frames and duration of the animated
// WebP at path.
func ReadAnimatedWebP(path string) (AnimatedWebP, error) {
	var w AnimatedWebP
	f, err := os.Open(path)
	if err != nil {
		return w, err
	}
	defer f.Close()
	var head [12]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return w, fmt.Errorf("%s: not a WebP file: %w", path, err)
	}
	if string(head[0:4]) != "RIFF" || string(head[8:12]) != "WEBP" {
		return w, fmt.Errorf("%s: not a WebP file", path)
	}
	u24 := func(b []byte) int { return int(b[0]) | int(b[1])<<8 | int(b[2])<<16 }
	for {
		var ch [8]byte
		if _, err := io.ReadFull(f, ch[:]); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return w, fmt.Errorf("%s: truncated chunk header: %w", path, err)
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:]))
		pad := n & 1 // chunks are padded to even sizes
		var body [16]byte
		switch string(ch[:4]) {
		case "VP8X", "ANMF":
			if n < 16 && string(ch[:4]) == "ANMF" || n < 10 {
				return w, fmt.Errorf("%s: short %s chunk", path, ch[:4])
			}
			k := min(n, 16)
			if _, err := io.ReadFull(f, body[:k]); err != nil {
				return w, fmt.Errorf("%s: truncated %s chunk: %w", path, ch[:4], err)
			}
			if string(ch[:4]) == "VP8X" {
				w.Width, w.Height = u24(body[4:])+1, u24(body[7:])+1
			} else {
				w.Frames++
				w.DurationMS += u24(body[12:])
			}
			n -= k
		}
		if _, err := f.Seek(n+pad, io.SeekCurrent); err != nil {
			return w, err
		}
	}
	return w, nil
}

// verifyWebP checks an animated WebP as verify checks a video: the
// planned canvas, and the planned length to within a frame (durations are
// whole milliseconds). libwebp may merge a frame identical to the one
// before into it, so frames are counted through their durations.
func verifyWebP(path string, plan *slideshow.Plan) error {
	w, err := ReadAnimatedWebP(path)
	if err != nil {
		return fmt.Errorf("check finished animation: %w", err)
	}
	want := plan.Duration().Milliseconds()
	frame := plan.FPS.Time(1).Milliseconds() + 1
	if w.Width != plan.Width || w.Height != plan.Height || w.Frames == 0 || w.Frames > plan.Frames ||
		abs(int64(w.DurationMS)-want) > frame {
		return fmt.Errorf("check finished animation: got %dx%d with %d frames over %d ms, want %dx%d with %d over %d ms",
			w.Width, w.Height, w.Frames, w.DurationMS, plan.Width, plan.Height, plan.Frames, want)
	}
	return nil
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
