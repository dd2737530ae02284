package studio

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/kenburns/kenburns/internal/photo"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// errForbidden is a path outside what the studio serves.
var errForbidden = errors.New("only the storyboard and the photos in its folder are served")

// servable resolves rel, a path relative to the storyboard's folder, to a
// file the studio may serve: the storyboard itself or an image in its
// folder (or below). Absolute paths, "..", and symlinks that lead out of
// the folder are refused.
func (s *Server) servable(rel string) (string, error) { return s.resolve(rel, true) }

// resolve is servable; without own, the storyboard itself is refused too,
// leaving only images.
func (s *Server) resolve(rel string, own bool) (string, error) {
	if rel == "" || strings.Contains(rel, "\\") || strings.ContainsRune(rel, 0) || filepath.IsAbs(rel) {
		return "", errForbidden
	}
	for _, part := range strings.Split(rel, "/") {
		if part == ".." {
			return "", errForbidden
		}
	}
	real, err := filepath.EvalSymlinks(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if err != nil {
		return "", errForbidden
	}
	if r, err := filepath.Rel(s.dir, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || filepath.IsAbs(r) {
		return "", errForbidden
	}
	if sb, err := filepath.EvalSymlinks(s.path); err == nil && sb == real {
		if own {
			return real, nil
		}
		return "", errForbidden
	}
	st, err := os.Stat(real)
	if err != nil || !st.Mode().IsRegular() {
		return "", errForbidden
	}
	if _, err := photo.Probe(real, 0); err != nil {
		return "", errForbidden // not an image
	}
	return real, nil
}

// getFile serves the storyboard or an image of its folder:
// /files/photos/a.jpg.
func (s *Server) getFile(w http.ResponseWriter, r *http.Request) {
	p, err := s.servable(r.PathValue("path"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	f, err := os.Open(p)
	if err != nil {
		http.Error(w, "cannot open the file", http.StatusNotFound)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, "cannot open the file", http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, filepath.Base(p), st.ModTime(), f)
}

// getPhotos lists the photos in the storyboard's folder (and below), for
// adding slides, relative to the storyboard with forward slashes.
func (s *Server) getPhotos(w http.ResponseWriter, r *http.Request) {
	in, err := slideshow.Collect(r.Context(), []string{filepath.Dir(s.path)}, true, setting.SortName, 0)
	if err != nil && len(in.Photos) == 0 {
		writeJSON(w, http.StatusOK, []string{})
		return
	}
	out := []string{}
	for _, p := range in.Photos {
		out = append(out, filepath.ToSlash(s.rel(p.Path)))
	}
	writeJSON(w, http.StatusOK, out)
}
