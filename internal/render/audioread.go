package render

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/kenburns/kenburns/internal/cache"
	"github.com/kenburns/kenburns/internal/onset"
	"github.com/kenburns/kenburns/slideshow"
)

// AudioReader reads music files for the planner (slideshow.AudioReader)
// with ffprobe and ffmpeg: their headers, and their onsets from samples
// ffmpeg decodes.
type AudioReader struct {
	FFmpeg, FFprobe string // program paths; found on PATH when empty
	// Cache, if set, remembers each file's onsets by its content, so
	// that planning again does not decode it again.
	Cache *cache.Cache
}

// onsetVersion names the onset detector's version in cache keys: change
// it when Detect finds other onsets in the same samples.
const onsetVersion = 2

func orPath(p, name string) string {
	if p != "" {
		return p
	}
	return name
}

// Probe reads the header of path's first audio stream.
func (r AudioReader) Probe(ctx context.Context, path string) (slideshow.AudioInfo, error) {
	cmd := exec.CommandContext(ctx, orPath(r.FFprobe, "ffprobe"), "-v", "error", "-select_streams", "a:0",
		"-show_entries", "stream=codec_name,sample_rate,channels,duration:format=duration", "-of", "json", filePath(path))
	errTail := &tail{max: 2 << 10}
	cmd.Stderr = errTail
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return slideshow.AudioInfo{}, context.Cause(ctx)
		}
		if errors.Is(err, exec.ErrNotFound) {
			return slideshow.AudioInfo{}, fmt.Errorf("cannot run ffprobe to read it: %w (install ffmpeg)", err)
		}
		return slideshow.AudioInfo{}, fmt.Errorf("cannot be read as audio: %s", strings.TrimSpace(errTail.lines(1)))
	}
	var v struct {
		Streams []struct {
			Codec      string `json:"codec_name"`
			SampleRate string `json:"sample_rate"`
			Channels   int    `json:"channels"`
			Duration   string `json:"duration"`
		} `json:"streams"`
		Format struct {
			Duration string `json:"duration"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return slideshow.AudioInfo{}, fmt.Errorf("read ffprobe's answer: %w", err)
	}
	if len(v.Streams) == 0 {
		return slideshow.AudioInfo{}, errors.New("has no audio stream: give a file with sound (mp3, m4a, ogg, wav, flac...)")
	}
	s := v.Streams[0]
	info := slideshow.AudioInfo{Codec: s.Codec, Channels: s.Channels}
	info.SampleRate, _ = strconv.Atoi(s.SampleRate)
	d := s.Duration
	if _, err := strconv.ParseFloat(d, 64); err != nil {
		d = v.Format.Duration
	}
	if f, err := strconv.ParseFloat(d, 64); err == nil && f > 0 && !math.IsInf(f, 0) {
		info.Duration = time.Duration(f * float64(time.Second))
	}
	return info, nil
}

// Onsets decodes path and finds its onsets (internal/onset), or recalls
// them from the cache.
func (r AudioReader) Onsets(ctx context.Context, path string) ([]time.Duration, error) {
	var key string
	if r.Cache != nil {
		if sum, err := r.Cache.FileSum(path); err == nil {
			key = cache.Key([]byte("onsets"), []byte(strconv.Itoa(onsetVersion)), []byte(sum))
			if b, ok := r.Cache.Recall(key); ok {
				var ns []int64
				if json.Unmarshal(b, &ns) == nil {
					on := make([]time.Duration, len(ns))
					for i, n := range ns {
						on[i] = time.Duration(n)
					}
					return on, nil
				}
			}
		}
	}
	samples, err := r.decode(ctx, path)
	if err != nil {
		return nil, err
	}
	on := onset.Detect(samples, onset.SampleRate, onset.Params{})
	if key != "" {
		ns := make([]int64, len(on))
		for i, o := range on {
			ns[i] = int64(o)
		}
		if b, err := json.Marshal(ns); err == nil {
			r.Cache.Remember(key, b)
		}
	}
	return on, nil
}

// decode returns path's first audio stream as mono samples at
// onset.SampleRate.
func (r AudioReader) decode(ctx context.Context, path string) ([]float32, error) {
	c, err := DecodeCommand(path)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, orPath(r.FFmpeg, "ffmpeg"), c.Args...)
	errTail := &tail{max: 2 << 10}
	cmd.Stderr = errTail
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		return nil, fmt.Errorf("decode it: %v: %s", err, strings.TrimSpace(errTail.lines(2)))
	}
	samples := make([]float32, len(out)/4)
	if err := binary.Read(bytes.NewReader(out[:len(samples)*4]), binary.LittleEndian, samples); err != nil {
		return nil, fmt.Errorf("decode it: %w", err)
	}
	return samples, nil
}
