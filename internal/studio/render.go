package studio

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"

	"github.com/kenburns/kenburns/internal/render"
)

// renderJob is the render the page started: one at a time.
type renderJob struct {
	mu     sync.Mutex
	prog   render.Progress
	done   bool
	err    error
	output string // the video, once written
	n      int    // which render, for the video's URL
	cancel context.CancelFunc
}

// RenderState is what the page's progress bar shows.
type RenderState struct {
	Running  bool    `json:"running"`
	Fraction float64 `json:"fraction"`
	Phase    string  `json:"phase"`
	Error    string  `json:"error,omitempty"`
	Video    string  `json:"video,omitempty"` // the finished video's URL
}

func (j *renderJob) state() RenderState {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := RenderState{Running: !j.done, Fraction: j.prog.Fraction(), Phase: j.prog.Phase}
	if j.err != nil {
		st.Error = j.err.Error()
	}
	if j.done && j.err == nil {
		st.Video = fmt.Sprintf("/api/video?n=%d", j.n)
	}
	return st
}

// postRender renders the draft's plan, as "kenburns render" would render
// the saved file, to the storyboard's output file.
func (s *Server) postRender(w http.ResponseWriter, r *http.Request) {
	var req struct{}
	if !readJSON(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.valid {
		writeJSON(w, http.StatusUnprocessableEntity, failure{Error: "the storyboard has problems: fix them before rendering"})
		return
	}
	if s.job != nil && s.job.state().Running {
		writeJSON(w, http.StatusConflict, failure{Error: "a render is running"})
		return
	}
	s.renders++
	ctx, cancel := context.WithCancel(s.ctx)
	job := &renderJob{n: s.renders, cancel: cancel, output: s.plan.Output}
	s.job = job
	plan := s.plan
	go func() {
		defer cancel()
		rr := &render.Renderer{Progress: func(p render.Progress) {
			job.mu.Lock()
			job.prog = p
			job.mu.Unlock()
		}}
		err := rr.Render(ctx, plan)
		job.mu.Lock()
		job.done, job.err = true, err
		job.mu.Unlock()
	}()
	writeJSON(w, http.StatusAccepted, job.state())
}

func (s *Server) getRender(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	job := s.job
	s.mu.Unlock()
	if job == nil {
		writeJSON(w, http.StatusOK, RenderState{})
		return
	}
	writeJSON(w, http.StatusOK, job.state())
}

// getVideo serves the video the last render wrote, and nothing else.
func (s *Server) getVideo(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	job := s.job
	s.mu.Unlock()
	if job == nil || job.state().Video == "" {
		http.Error(w, "no video rendered yet", http.StatusNotFound)
		return
	}
	f, err := os.Open(job.output)
	if err != nil {
		http.Error(w, "the video is gone", http.StatusNotFound)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, "the video is gone", http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, st.Name(), st.ModTime(), f)
}
