package studio

import (
	"bytes"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"image/jpeg"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kenburns/kenburns/slideshow"
)

//go:embed web
var web embed.FS

// maxBody bounds every request body: an edit is a few kilobytes.
const maxBody = 1 << 20

// Handler returns the studio's HTTP handler for a server reachable at
// addr (host:port on the loopback interface): requests naming another
// host, coming from another origin or from off the machine are refused.
func (s *Server) Handler(addr string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(mustSub(web, "web"))))
	mux.HandleFunc("GET /api/state", s.getState)
	mux.HandleFunc("GET /api/frame", s.getFrame)
	mux.HandleFunc("GET /api/photo", s.getPhoto)
	mux.HandleFunc("GET /api/photos", s.getPhotos)
	mux.HandleFunc("GET /api/render", s.getRender)
	mux.HandleFunc("GET /api/video", s.getVideo)
	mux.HandleFunc("GET /files/{path...}", s.getFile)
	mux.HandleFunc("POST /api/edit", s.postEdit)
	mux.HandleFunc("POST /api/save", s.postSave)
	mux.HandleFunc("POST /api/reload", s.postReload)
	mux.HandleFunc("POST /api/render", s.postRender)
	return guard(addr, s.token, mux)
}

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the embedded tree is part of the binary
	}
	return sub
}

// guard is the studio's security, in front of every handler:
//   - only loopback peers, and only the Host the server listens on, so
//     that a web page whose name was rebound to 127.0.0.1 is refused;
//   - an Origin header, when sent, must be the studio's own;
//   - every request that changes something carries the per-run token
//     (which only the studio's own page has) and that Origin;
//   - bodies are bounded.
func guard(addr, token string, next http.Handler) http.Handler {
	_, port, _ := net.SplitHostPort(addr)
	hosts := map[string]bool{"127.0.0.1:" + port: true, "localhost:" + port: true, "[::1]:" + port: true}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			http.Error(w, "the studio serves this machine only", http.StatusForbidden)
			return
		}
		if !hosts[r.Host] {
			http.Error(w, "unknown host "+r.Host+": open the address kenburns studio printed", http.StatusForbidden)
			return
		}
		origin := r.Header.Get("Origin")
		if origin != "" && !hosts[strings.TrimPrefix(origin, "http://")] {
			http.Error(w, "requests from other sites are refused", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if origin == "" {
				http.Error(w, "a change must come from the studio's page (no Origin header)", http.StatusForbidden)
				return
			}
			got := r.Header.Get("X-Studio-Token")
			if subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
				http.Error(w, "missing or wrong studio token: reload the page", http.StatusForbidden)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob:; media-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

var indexPage = template.Must(template.ParseFS(web, "web/index.html"))

// index is the page, with the token it sends back with every change.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	var b bytes.Buffer
	if err := indexPage.Execute(&b, map[string]string{"Token": s.token, "File": filepath.Base(s.path)}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(b.Bytes())
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// failure is an API error: its message for the page, and the state.
type failure struct {
	Error string `json:"error"`
	State *State `json:"state,omitempty"`
}

func (s *Server) getState(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	st := s.state()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, st)
}

// readJSON decodes a request body into v, refusing unknown fields and
// bodies over the limit.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		code := http.StatusBadRequest
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			code = http.StatusRequestEntityTooLarge
		}
		writeJSON(w, code, failure{Error: "bad request: " + err.Error()})
		return false
	}
	return true
}

func (s *Server) postEdit(w http.ResponseWriter, r *http.Request) {
	var e Edit
	if !readJSON(w, r, &e) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.apply(e); err != nil {
		st := s.state()
		writeJSON(w, http.StatusUnprocessableEntity, failure{Error: err.Error(), State: &st})
		return
	}
	writeJSON(w, http.StatusOK, s.state())
}

func (s *Server) postSave(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Force bool `json:"force"`
	}
	if !readJSON(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.save(req.Force)
	switch {
	case errors.Is(err, errConflict):
		st := s.state()
		writeJSON(w, http.StatusConflict, failure{Error: err.Error(), State: &st})
	case err != nil:
		writeJSON(w, http.StatusInternalServerError, failure{Error: err.Error()})
	default:
		writeJSON(w, http.StatusOK, s.state())
	}
}

func (s *Server) postReload(w http.ResponseWriter, r *http.Request) {
	var req struct{}
	if !readJSON(w, r, &req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(s.ctx); err != nil {
		writeJSON(w, http.StatusInternalServerError, failure{Error: err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, s.state())
}

// intParam reads a whole-number query parameter, with a default.
func intParam(r *http.Request, name string, dflt int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return dflt, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want a whole number", name, v)
	}
	return n, nil
}

// getFrame draws the video's frame at time t (seconds) of a slide:
// /api/frame?slide=0&t=1.5&w=640.
func (s *Server) getFrame(w http.ResponseWriter, r *http.Request) {
	i, err1 := intParam(r, "slide", 0)
	width, err2 := intParam(r, "w", 640)
	t, err3 := strconv.ParseFloat(r.URL.Query().Get("t"), 64)
	if err := errors.Join(err1, err2); err != nil || err3 != nil || t != t {
		http.Error(w, "want /api/frame?slide=N&t=SECONDS&w=WIDTH", http.StatusBadRequest)
		return
	}
	plan := s.planWith(i)
	if plan == nil {
		http.Error(w, "no such slide", http.StatusNotFound)
		return
	}
	fw, fh := previewSize(plan, width)
	n := int(t*plan.FPS.Float() + 0.5)
	xfade := s.xfade
	if r.URL.Query().Get("quick") == "1" {
		xfade = nil // playing: cross-fades keep the rate up
	}
	frame, err := s.frames.videoFrame(r.Context(), xfade, plan, i, n, fw, fh)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame", strconv.Itoa(n))
	jpeg.Encode(w, frame.NRGBA(), &jpeg.Options{Quality: 85})
}

// getPhoto draws slide's whole upright photo as large as fits in w x h:
// /api/photo?slide=0&w=800&h=600. HEIC and CMYK photos show too.
func (s *Server) getPhoto(w http.ResponseWriter, r *http.Request) {
	i, err1 := intParam(r, "slide", 0)
	bw, err2 := intParam(r, "w", 800)
	bh, err3 := intParam(r, "h", 600)
	if err := errors.Join(err1, err2, err3); err != nil || bw < 16 || bh < 16 || bw > 4096 || bh > 4096 {
		http.Error(w, "want /api/photo?slide=N&w=16..4096&h=16..4096", http.StatusBadRequest)
		return
	}
	plan := s.planWith(i)
	if plan == nil {
		http.Error(w, "no such slide", http.StatusNotFound)
		return
	}
	fw, fh := previewSize(plan, 640)
	st, err := s.frames.still(plan, i, fw, fh)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	pic, rect := st.Photo(bw&^1, bh&^1)
	w.Header().Set("Content-Type", "image/jpeg")
	// The page names the photo in the URL (v=), so the film strip, redrawn
	// after every edit, takes unchanged thumbnails from the cache.
	w.Header().Set("Cache-Control", "private, max-age=300")
	jpeg.Encode(w, pic.NRGBA().SubImage(rect), &jpeg.Options{Quality: 85})
}

// planWith returns the current plan if it has slide i, else nil. A plan is
// never changed once made, so it may be used after the lock is released.
func (s *Server) planWith(i int) *slideshow.Plan {
	s.mu.Lock()
	plan := s.plan
	s.mu.Unlock()
	if plan == nil || i < 0 || i >= len(plan.Slides) {
		return nil
	}
	return plan
}
