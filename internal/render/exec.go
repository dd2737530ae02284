package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// FFmpegError is a failed ffmpeg run, with the end of what it said.
type FFmpegError struct {
	Args   []string
	Err    error
	Stderr string // the last lines of ffmpeg's error output
}

func (e *FFmpegError) Error() string {
	msg := fmt.Sprintf("ffmpeg failed: %v", e.Err)
	if e.Stderr != "" {
		msg += "\n" + indent(e.Stderr)
	}
	return msg
}

func (e *FFmpegError) Unwrap() error { return e.Err }

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

func (t *tail) lines(n int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	ls := strings.Split(strings.TrimRight(string(t.buf), "\n"), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	// ffmpeg echoes whole filter expressions in some errors; a line of
	// 100 KB helps nobody.
	for i, l := range ls {
		if len(l) > 300 {
			ls[i] = l[:150] + " … " + l[len(l)-100:]
		}
	}
	return strings.Join(ls, "\n")
}

// feeder writes raw frames into the pipe it is given.
type feeder func(w io.Writer) error

// run runs one ffmpeg command. feeders write to the child's descriptors 3,
// 4, ... in order; frame is called with each progress frame count. On
// cancellation ffmpeg is interrupted, so it can finish its files, and
// killed if it has not stopped a few seconds later.
func (r *Renderer) run(ctx context.Context, c Command, feeders []feeder, frame func(int)) error {
	for path, content := range c.Files {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	cmd := exec.CommandContext(ctx, r.FFmpeg, c.Args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	errTail := &tail{max: 8 << 10}
	cmd.Stderr = errTail
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var writers []*os.File
	for range feeders {
		pr, pw, err := os.Pipe()
		if err != nil {
			return err
		}
		defer pr.Close()
		defer pw.Close()
		cmd.ExtraFiles = append(cmd.ExtraFiles, pr)
		writers = append(writers, pw)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start ffmpeg: %w", err)
	}
	for _, f := range cmd.ExtraFiles {
		f.Close() // the child has its copy; ours would keep the pipe open
	}
	feedErrs := make([]error, len(feeders))
	var wg sync.WaitGroup
	for i, feed := range feeders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer writers[i].Close()
			feedErrs[i] = guard(func() error { return feed(writers[i]) })
		}()
	}
	readProgress(stdout, frame)
	wg.Wait()
	err = cmd.Wait()
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	if err != nil {
		return &FFmpegError{Args: c.Args, Err: err, Stderr: errTail.lines(12)}
	}
	for _, fe := range feedErrs {
		if fe != nil {
			return fe
		}
	}
	return nil
}

// readProgress reads ffmpeg's -progress output until it ends.
func readProgress(r io.Reader, frame func(int)) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if ok && k == "frame" && frame != nil {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				frame(n)
			}
		}
	}
	io.Copy(io.Discard, r)
}

// encodeChunk encodes chunk i from the prepared working copies.
func (r *Renderer) encodeChunk(ctx context.Context, plan *slideshow.Plan, i int, work string, st *state) error {
	c := plan.Chunks[i]
	s := plan.Slides[c.Slide]
	wrap := func(err error) error {
		return fmt.Errorf("slide %d (%s): %w", c.Slide+1, s.Photo.Path, err)
	}
	cmd, err := ChunkCommand(plan, i, work)
	if err != nil {
		return wrap(err)
	}
	var feeders []feeder
	for _, p := range cmd.Pipes {
		feeders = append(feeders, func(w io.Writer) error { return feedMotion(ctx, plan, p, work, w) })
	}
	st.report("encode", c.Slide+1)
	done := 0
	err = r.run(ctx, cmd, feeders, func(n int) {
		st.frames.Add(int64(n - done))
		done = n
		st.report("encode", 0)
	})
	if err != nil {
		return wrap(err)
	}
	if done != c.Frames {
		// ffmpeg reports its final count last; a shortfall means frames
		// went missing and the video would be short.
		return wrap(fmt.Errorf("chunk %d: ffmpeg encoded %d frames, want %d", i+1, done, c.Frames))
	}
	return nil
}

// probe is what verify reads back from the finished file.
type probe struct {
	Streams []struct {
		CodecType string `json:"codec_type"`
		Width     int    `json:"width"`
		Height    int    `json:"height"`
		Packets   string `json:"nb_read_packets"`
	} `json:"streams"`
}

// verify checks that the video at path is complete: the planned size and
// exactly the planned number of frames.
func (r *Renderer) verify(ctx context.Context, path string, plan *slideshow.Plan) error {
	if plan.Container == setting.ContainerWebP {
		return verifyWebP(path, plan)
	}
	cmd := exec.CommandContext(ctx, r.FFprobe, "-v", "error", "-count_packets", "-show_entries",
		"stream=codec_type,width,height,nb_read_packets", "-of", "json", "file:"+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("check finished video: ffprobe: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var p probe
	if err := json.Unmarshal(out, &p); err != nil {
		return fmt.Errorf("check finished video: %w", err)
	}
	for _, s := range p.Streams {
		if s.CodecType != "video" {
			continue
		}
		n, _ := strconv.Atoi(s.Packets)
		if s.Width != plan.Width || s.Height != plan.Height || n != plan.Frames {
			return fmt.Errorf("check finished video: got %dx%d with %d frames, want %dx%d with %d",
				s.Width, s.Height, n, plan.Width, plan.Height, plan.Frames)
		}
		return nil
	}
	return errors.New("check finished video: no video stream")
}
