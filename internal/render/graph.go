package render

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"

	ffmpeg "github.com/u2takey/ffmpeg-go"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// This file is the one place where ffmpeg command lines are composed, with
// ffmpeg-go (see ../shared/notes/ffmpeg-go-pitfalls.md): its panics are
// recovered in compose, long graphs go to a script file, input paths get
// "file:", and the work directory's file names are chosen here.

// Command is one ffmpeg run of a plan, without the program name.
type Command struct {
	Chunk int // index into Plan.Chunks; -1 for the final mux
	Args  []string
	// Pipes lists, in order, what kenburns writes to the child's file
	// descriptors 3, 4, ...: raw frames of a slide's motion.
	Pipes []Pipe
	// Files are written (path: content) before the command runs: a filter
	// graph too long for one argument goes to a script file.
	Files map[string]string
}

// maxGraphArg is the longest filter graph passed inline. Linux refuses any
// single argument of 128 KiB or more (E2BIG); zoompan expressions for a
// slide with hundreds of keyframes can get there.
const maxGraphArg = 64 << 10

// GraphFile is where a chunk's long filter graph is written.
func graphFile(dir string, chunk int) string {
	return filepath.Join(dir, fmt.Sprintf("chunk-%04d.graph", chunk+1))
}

// scriptLongGraph moves a long -filter_complex value into a file read with
// -filter_complex_script (ffmpeg 5.1 has it; ffmpeg-go always inlines).
func (c *Command) scriptLongGraph(path string) {
	for i := 0; i+1 < len(c.Args); i++ {
		if c.Args[i] == "-filter_complex" && len(c.Args[i+1]) > maxGraphArg {
			c.Files = map[string]string{path: c.Args[i+1]}
			c.Args[i], c.Args[i+1] = "-filter_complex_script", path
			return
		}
	}
}

// Pipe is a run of a slide's frames streamed to ffmpeg as raw video.
type Pipe struct {
	Slide  int
	Start  int // first frame of the slide
	Frames int
}

// Work-directory file names. The directory is private to one run, so
// nothing from an earlier render or another process is ever reused.

// workFile is the slide's working copy, raw yuv420p of Slide.Work.
func workFile(dir string, slide int) string {
	return filepath.Join(dir, fmt.Sprintf("slide-%04d.yuv", slide+1))
}

// backFile is the slide's background (pad and blur fits), raw yuv420p of
// the output size.
func backFile(dir string, slide int) string {
	return filepath.Join(dir, fmt.Sprintf("back-%04d.yuv", slide+1))
}

// chunkFile is the encoded chunk.
func chunkFile(dir string, chunk int) string {
	return filepath.Join(dir, fmt.Sprintf("chunk-%04d.mp4", chunk+1))
}

// listFile is the concat demuxer's list of chunks.
func listFile(dir string) string { return filepath.Join(dir, "chunks.txt") }

// concatList returns the concat demuxer script joining the chunks in dir.
func concatList(p *slideshow.Plan, dir string) string {
	s := "ffconcat version 1.0\n"
	for i := range p.Chunks {
		// Our own file names hold no quote, so single quotes suffice.
		s += "file '" + chunkFile(dir, i) + "'\n"
	}
	return s
}

// GraphError is a failure to compose an ffmpeg graph; ffmpeg-go reports
// such failures by panicking.
type GraphError struct {
	What  string
	Panic any
}

func (e *GraphError) Error() string { return fmt.Sprintf("compose %s graph: %v", e.What, e.Panic) }

// compose runs fn, turning ffmpeg-go's panics into a GraphError while
// letting runtime errors (our bugs) crash loudly.
func compose(what string, fn func() []string) (args []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(runtime.Error); ok {
				panic(r)
			}
			err = &GraphError{What: what, Panic: r}
		}
	}()
	return fn(), nil
}

// globalArgs are added to every command: no banner, no prompt, errors only,
// machine-readable progress on stdout.
func globalArgs() []string {
	return []string{"-hide_banner", "-nostdin", "-loglevel", "error", "-progress", "pipe:1", "-nostats", "-y"}
}

// ChunkCommand returns the ffmpeg command that encodes chunk i of p into
// its file in the work directory dir.
func ChunkCommand(p *slideshow.Plan, i int, dir string) (Command, error) {
	c := p.Chunks[i]
	s := p.Slides[c.Slide]
	cmd := Command{Chunk: i}
	var next *slideshow.Slide
	n := p.Next(c.Slide) // in a loop, the last slide leads into the first
	if s.Out.Frames > 0 {
		next = &p.Slides[n]
	}
	args, err := compose(fmt.Sprintf("chunk %d", i+1), func() []string {
		var a, b *ffmpeg.Stream
		if p.Engine == setting.EngineZoompan {
			a = zoompan(p, c.Slide, c.Start, c.Frames, dir)
			if next != nil {
				b = zoompan(p, n, 0, s.Out.Frames, dir)
			}
		} else {
			a = rawPipe(p, 3)
			cmd.Pipes = append(cmd.Pipes, Pipe{Slide: c.Slide, Start: c.Start, Frames: c.Frames})
			if next != nil {
				b = rawPipe(p, 4)
				cmd.Pipes = append(cmd.Pipes, Pipe{Slide: n, Start: 0, Frames: s.Out.Frames})
			}
		}
		v := a
		if b != nil {
			v = ffmpeg.Filter([]*ffmpeg.Stream{a, b}, "xfade", nil, ffmpeg.KwArgs(effects.Xfade(s.Out.Name, c.Frames-s.Out.Frames, s.Out.Frames, p.FPS.Float())))
		}
		v = fades(p, c, v)
		v = hwUpload(p, v)
		args := v.Output(chunkFile(dir, i), encoderArgs(p, c.Frames)).GlobalArgs(append(globalArgs(), hwGlobalArgs(p)...)...).GetArgs()
		if p.Container.Joinable() {
			args = insertBefore(args, chunkFile(dir, i), p.EncoderArgs)
		}
		return args
	})
	cmd.Args = args
	cmd.scriptLongGraph(graphFile(dir, i))
	return cmd, err
}

func size(p *slideshow.Plan) string { return fmt.Sprintf("%dx%d", p.Width, p.Height) }

// rawPipe is an input of raw frames of the output size on descriptor fd.
// ffmpeg reads each of several inputs on a thread of its own, ahead into a
// queue of 8 packets by default: 8 whole frames here, 24 MB at 1080p per
// pipe, and most of it idle while the crossfade waits for its offset. Our
// feeder already waits on the pipe, so 2 are enough.
func rawPipe(p *slideshow.Plan, fd int) *ffmpeg.Stream {
	return ffmpeg.Input("pipe:"+strconv.Itoa(fd), ffmpeg.KwArgs{
		"f": "rawvideo", "pix_fmt": "yuv420p", "s": size(p), "framerate": p.FPS.String(), "thread_queue_size": 2,
	})
}

// rawStill is an input of one raw yuv420p frame from a file of ours.
func rawStill(name string, w, h int, fps setting.Rate) *ffmpeg.Stream {
	return ffmpeg.Input(name, ffmpeg.KwArgs{
		"f": "rawvideo", "pix_fmt": "yuv420p", "s": fmt.Sprintf("%dx%d", w, h), "framerate": fps.String(),
	})
}

// zoompan is the classic engine: frames [start, start+n) of slide i moved by
// ffmpeg's zoompan on the working copy.
func zoompan(p *slideshow.Plan, i, start, n int, dir string) *ffmpeg.Stream {
	s := p.Slides[i]
	ww, wh := float64(s.Work.X), float64(s.Work.Y)
	// zoompan's window has the aspect of its input; pad the working copy
	// to the aspect of the destination so the window has it too.
	da := float64(s.Dest.Dx()) / float64(s.Dest.Dy())
	cw, ch := ww, wh
	if ww/wh < da {
		cw = float64(int(wh*da+1) &^ 1)
	} else {
		ch = float64(int(ww/da+1) &^ 1)
	}
	px, py := float64(int(cw-ww)/2), float64(int(ch-wh)/2)
	z, x, y := effects.ZoompanExprs(s.Motion, start, ww, wh, px, py)
	// In 4:2:0 zoompan would move in 2-pixel steps to keep chroma aligned;
	// 4:4:4 gives it the whole-pixel steps of the classic look.
	v := rawStill(workFile(dir, i), s.Work.X, s.Work.Y, p.FPS).
		Filter("format", ffmpeg.Args{"yuv444p"}).
		Filter("pad", ffmpeg.Args{fmt.Sprintf("%d:%d:%d:%d", int(cw), int(ch), int(px), int(py))}).
		Filter("zoompan", nil, ffmpeg.KwArgs{
			"z": z, "x": x, "y": y, "d": n, "fps": p.FPS.String(),
			"s": fmt.Sprintf("%dx%d", s.Dest.Dx(), s.Dest.Dy()),
		})
	if s.Fit == setting.FitPad || s.Fit == setting.FitBlur {
		bg := rawStill(backFile(dir, i), p.Width, p.Height, p.FPS).
			Filter("loop", nil, ffmpeg.KwArgs{"loop": n - 1, "size": 1}).
			Filter("setpts", ffmpeg.Args{"N/" + rateExpr(p.FPS) + "/TB"})
		v = bg.Overlay(v, "", ffmpeg.KwArgs{"x": s.Dest.Min.X, "y": s.Dest.Min.Y})
	}
	v = overlayCaption(p, i, start, n, dir, v)
	return v.Filter("setsar", ffmpeg.Args{"1"}).Filter("format", ffmpeg.Args{"yuv420p"})
}

// rateExpr is the frame rate as an ffmpeg expression term.
func rateExpr(r setting.Rate) string {
	if r.Den == 1 {
		return strconv.Itoa(r.Num)
	}
	return fmt.Sprintf("(%d/%d)", r.Num, r.Den)
}

// filePath makes a path safe as an ffmpeg input: "name:" would otherwise
// be read as a protocol.
func filePath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return "file:" + p
}

// TransitionFrameCommand returns the ffmpeg command that draws frame k of
// slide i's transition into the next at w x h, with the xfade options the
// video's chunk gives it: from descriptors 3 and 4, k+1 frames each of the
// outgoing and the incoming slide (only the last of each is seen at frame
// k), to one raw yuv420p frame in the file out.
func TransitionFrameCommand(p *slideshow.Plan, i, k, w, h int, out string) (Command, error) {
	s := p.Slides[i]
	cmd := Command{Chunk: -1}
	args, err := compose(fmt.Sprintf("slide %d transition frame %d", i+1, k), func() []string {
		in := func(fd int) *ffmpeg.Stream {
			return ffmpeg.Input("pipe:"+strconv.Itoa(fd), ffmpeg.KwArgs{
				"f": "rawvideo", "pix_fmt": "yuv420p", "s": fmt.Sprintf("%dx%d", w, h), "framerate": p.FPS.String(),
			})
		}
		v := ffmpeg.Filter([]*ffmpeg.Stream{in(3), in(4)}, "xfade", nil, ffmpeg.KwArgs(effects.Xfade(s.Out.Name, 0, s.Out.Frames, p.FPS.Float())))
		v = v.Filter("trim", nil, ffmpeg.KwArgs{"start_frame": k})
		return v.Output(filePath(out), ffmpeg.KwArgs{"f": "rawvideo", "pix_fmt": "yuv420p", "frames:v": 1}).
			GlobalArgs(globalArgs()...).GetArgs()
	})
	cmd.Args = args
	return cmd, err
}
