// Package studio is "kenburns studio": a web page on the loopback interface
// that edits a storyboard file and previews it with the real engine.
//
// The server keeps the storyboard's text as the one state: every edit from
// the page is an edit of that text through the storyboard package (which
// keeps comments and formatting), after which the text is parsed and
// planned again by slideshow.Build, exactly as "kenburns render" would.
// The page shows what the plan says; it holds no model of its own.
// Preview frames are drawn by render.Still, the engine's own drawing.
package studio

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/google/renameio/v2"

	"github.com/kenburns/kenburns/internal/render"
	"github.com/kenburns/kenburns/internal/storyboard"
	"github.com/kenburns/kenburns/internal/yamltext"
	"github.com/kenburns/kenburns/slideshow"
)

// Server is one studio session on one storyboard file.
type Server struct {
	path  string            // the storyboard file
	dir   string            // its folder, resolved through symlinks: what may be served
	base  slideshow.Options // the settings flags gave; the storyboard's win
	token string            // per-run secret every mutating request carries
	// ctx is the session's: planning and renders stop when it ends.
	ctx context.Context

	mu     sync.Mutex
	loaded [32]byte // hash of the file as loaded or last saved
	crlf   bool     // the file had CRLF line breaks: saved with them again
	draft  []byte   // the text being edited (UTF-8, LF)
	saved  bool     // draft equals what is on disk
	sb     *storyboard.Storyboard
	plan   *slideshow.Plan // the last valid plan; nil until there is one
	valid  bool            // plan is the draft's
	probs  []storyboard.Problem
	frames *frameCache
	// xfade draws transition frames with ffmpeg, as the video does; nil
	// without ffmpeg, when they are drawn as cross-fades.
	xfade   *render.Renderer
	job     *renderJob
	renders int // renders started, to name each video's URL
}

// New opens the storyboard at path for editing with the settings in base
// (as flags give them; the storyboard's own override them, as for
// render). The storyboard must exist; it may have problems, which the
// page shows.
func New(ctx context.Context, path string, base slideshow.Options) (*Server, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return nil, fmt.Errorf("storyboard folder: %w", err)
	}
	tok := make([]byte, 24)
	if _, err := rand.Read(tok); err != nil {
		return nil, fmt.Errorf("make the session token: %w", err)
	}
	if base.AudioReader == nil {
		// As for render: the music's tracks are read with ffprobe, and
		// their onsets (for beat sync) remembered in the cache.
		base.AudioReader = render.AudioReader{Cache: base.Cache}
	}
	s := &Server{path: abs, dir: dir, base: base, token: hex.EncodeToString(tok), ctx: ctx, frames: newFrameCache()}
	if r := (&render.Renderer{}); r.Lookup() == nil {
		s.xfade = r
	}
	if err := s.load(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Token is the per-run secret the page sends with every change.
func (s *Server) Token() string { return s.token }

// load reads the file from disk, discarding the draft. Called with mu
// held, or before the server is shared.
func (s *Server) load(ctx context.Context) error {
	raw, err := os.ReadFile(s.path)
	if err != nil {
		return fmt.Errorf("read storyboard: %w", err)
	}
	text, err := yamltext.Decode(raw)
	if err != nil {
		return fmt.Errorf("storyboard %s: %w", s.path, err)
	}
	s.loaded = sha256.Sum256(raw)
	s.crlf = bytes.Contains(raw, []byte("\r\n"))
	s.draft = append([]byte(nil), text...)
	s.saved = true
	s.replan(ctx)
	return nil
}

// replan parses and plans the draft, keeping the last valid plan for the
// preview when the draft has problems. Called with mu held.
func (s *Server) replan(ctx context.Context) {
	s.probs = nil
	s.valid = false
	sb, err := storyboard.Parse(s.path, s.draft)
	if sb == nil {
		s.probs = problemsOf(err)
		return
	}
	s.sb = sb
	opts := slideshow.StoryboardOptions(sb, s.base)
	plan, err := slideshow.Build(ctx, sb, opts)
	if err != nil {
		s.probs = problemsOf(err)
		return
	}
	s.plan, s.valid = plan, true
}

// problemsOf lists the problems in a planning error, as validate prints
// them; an error without a list becomes one problem without a place.
func problemsOf(err error) []storyboard.Problem {
	var se *storyboard.Error
	if errors.As(err, &se) {
		return se.Problems
	}
	return []storyboard.Problem{{Msg: err.Error()}}
}

// diskChanged reports whether the file on disk is no longer what was
// loaded or last saved: an editor changed it meanwhile.
func (s *Server) diskChanged() bool {
	raw, err := os.ReadFile(s.path)
	return err != nil || sha256.Sum256(raw) != s.loaded
}

// errConflict is a save refused because the file changed on disk.
var errConflict = errors.New("the storyboard changed on disk since it was loaded: reload it, or save anyway")

// save writes the draft to the file, atomically, unless the file changed
// on disk since it was loaded and force is false. Called with mu held.
func (s *Server) save(force bool) error {
	if !force && s.diskChanged() {
		return errConflict
	}
	data := s.draft
	if s.crlf {
		data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	}
	if err := writeAtomic(s.path, data); err != nil {
		return fmt.Errorf("save %s: %w", s.path, err)
	}
	s.loaded = sha256.Sum256(data)
	s.saved = true
	return nil
}

// writeAtomic writes data to a temporary file and renames it into place
// (renameio), keeping the file's permissions: an interrupted save never
// leaves half a storyboard.
func writeAtomic(path string, data []byte) error {
	return renameio.WriteFile(path, data, 0o644, renameio.WithExistingPermissions())
}
