package studio

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/kenburns/kenburns/internal/golden" // -update
	"github.com/kenburns/kenburns/slideshow"
)

const addr = "127.0.0.1:8765"

// example copies examples/keyframes.yaml and its photos into a fresh
// folder and opens a studio on it.
func example(t *testing.T) (*Server, http.Handler, string) {
	t.Helper()
	return exampleFrom(t, filepath.Join("..", "..", "examples", "keyframes.yaml"))
}

// exampleFrom copies the storyboard at file, with the examples' photos
// and music beside it, into a fresh folder and opens a studio on it.
func exampleFrom(t *testing.T, file string) (*Server, http.Handler, string) {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..", "examples")
	for _, sub := range []string{"photos", "music"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, filepath.Base(file))
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(context.Background(), path, slideshow.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return s, s.Handler(addr), path
}

// request is one request as the studio's own page sends it, with what a
// test case changes.
type request struct {
	method, path, body   string
	host, origin, remote string
	token                string
	noOrigin, noToken    bool
}

func do(t *testing.T, h http.Handler, s *Server, q request) *httptest.ResponseRecorder {
	t.Helper()
	if q.method == "" {
		q.method = http.MethodGet
	}
	r := httptest.NewRequest(q.method, q.path, strings.NewReader(q.body))
	r.Host = addr
	if q.host != "" {
		r.Host = q.host
	}
	r.RemoteAddr = "127.0.0.1:40000"
	if q.remote != "" {
		r.RemoteAddr = q.remote
	}
	if q.method != http.MethodGet {
		if !q.noOrigin {
			r.Header.Set("Origin", "http://"+addr)
		}
		if !q.noToken {
			r.Header.Set("X-Studio-Token", s.Token())
		}
	}
	if q.origin != "" {
		r.Header.Set("Origin", q.origin)
	}
	if q.token != "" {
		r.Header.Set("X-Studio-Token", q.token)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestGuard checks that requests from elsewhere are refused: foreign
// origins, a rebound host name, other machines, no or a wrong token, and
// oversized bodies.
func TestGuard(t *testing.T) {
	s, h, _ := example(t)
	edit := `{"op":"set","slide":0,"key":"duration","value":"3","seconds":3}`
	for _, tt := range []struct {
		name string
		q    request
		want int
	}{
		{"own page reads state", request{path: "/api/state"}, 200},
		{"own page edits", request{method: "POST", path: "/api/edit", body: edit}, 200},
		{"foreign origin edits", request{method: "POST", path: "/api/edit", body: edit, origin: "http://evil.example"}, 403},
		{"foreign origin reads", request{path: "/api/state", origin: "http://evil.example"}, 403},
		{"origin on another port", request{method: "POST", path: "/api/edit", body: edit, origin: "http://127.0.0.1:9999"}, 403},
		{"missing token", request{method: "POST", path: "/api/edit", body: edit, noToken: true}, 403},
		{"wrong token", request{method: "POST", path: "/api/edit", body: edit, token: "0123"}, 403},
		{"missing origin", request{method: "POST", path: "/api/save", body: `{}`, noOrigin: true}, 403},
		{"rebound host name", request{path: "/api/state", host: "evil.example:8765"}, 403},
		{"rebound host name for the page", request{path: "/", host: "evil.example:8765"}, 403},
		{"not loopback", request{path: "/api/state", remote: "192.0.2.1:5000"}, 403},
		{"body too large", request{method: "POST", path: "/api/edit", body: `{"op":"` + strings.Repeat("x", maxBody) + `"}`}, 413},
		{"unknown field", request{method: "POST", path: "/api/edit", body: `{"op":"set","evil":1}`}, 400},
		{"token not in a GET page", request{path: "/static/app.js"}, 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, h, s, tt.q)
			if w.Code != tt.want {
				t.Fatalf("%s %s: status %d, want %d: %s", tt.q.method, tt.q.path, w.Code, tt.want, w.Body)
			}
		})
	}
}

// TestIndex checks that the page carries the token and the headers that
// keep it out of other sites' frames.
func TestIndex(t *testing.T) {
	s, h, _ := example(t)
	w := do(t, h, s, request{path: "/"})
	if w.Code != 200 || !strings.Contains(w.Body.String(), s.Token()) {
		t.Fatalf("page: %d, token in it: %v", w.Code, strings.Contains(w.Body.String(), s.Token()))
	}
	for _, hd := range []string{"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"} {
		if w.Header().Get(hd) == "" {
			t.Errorf("no %s header", hd)
		}
	}
}

// TestFiles checks what /files serves: the storyboard and images in its
// folder, nothing else, and no way out of the folder.
func TestFiles(t *testing.T) {
	s, h, path := example(t)
	dir := filepath.Dir(path)
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.jpg")
	photo, err := os.ReadFile(filepath.Join(dir, "photos", "01-mandelbrot.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(secret, photo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "link.jpg")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("private"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/files/photos/01-mandelbrot.jpg", 200},
		{"/files/keyframes.yaml", 200},
		{"/files/link.jpg", 403},           // a symlink out of the folder
		{"/files/out/secret.jpg", 403},     // through a symlinked folder
		{"/files/notes.txt", 403},          // not an image
		{"/files/photos/missing.jpg", 403}, // nothing there
		{"/files/photos/..%2f..%2fsecret.jpg", 403},
	} {
		t.Run(tt.path, func(t *testing.T) {
			if w := do(t, h, s, request{path: tt.path}); w.Code != tt.want {
				t.Fatalf("status %d, want %d", w.Code, tt.want)
			}
		})
	}
	// The mux cleans "..", redirecting rather than serving; servable
	// refuses it outright for any caller.
	if w := do(t, h, s, request{path: "/files/../../etc/passwd"}); w.Code == 200 {
		t.Errorf("/files/../../etc/passwd served")
	}
	for _, p := range []string{"../secret.jpg", "photos/../../secret.jpg", "/etc/passwd", secret, "", "photos\\..\\x.jpg"} {
		if _, err := s.servable(p); err == nil {
			t.Errorf("servable(%q) allowed", p)
		}
	}
}

func state(t *testing.T, w *httptest.ResponseRecorder) State {
	t.Helper()
	var st State
	if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil {
		t.Fatalf("state: %v: %s", err, w.Body)
	}
	return st
}

// TestStateAndImages checks the state, the frame and photo images and
// the photo list.
func TestStateAndImages(t *testing.T) {
	s, h, _ := example(t)
	st := state(t, do(t, h, s, request{path: "/api/state"}))
	if len(st.Slides) != 3 || !st.Valid || !st.Saved || len(st.Slides[0].Keyframes) != 4 {
		t.Fatalf("state: %+v", st)
	}
	for _, tt := range []struct {
		path, ctype string
		want        int
	}{
		{"/api/frame?slide=0&t=1", "image/jpeg", 200},
		{"/api/frame?slide=2&t=0.1&w=320", "image/jpeg", 200},
		{"/api/frame?slide=9&t=1", "", 404},
		{"/api/frame?slide=x&t=1", "", 400},
		{"/api/frame?slide=0", "", 400},
		{"/api/photo?slide=1&w=160&h=90", "image/jpeg", 200},
		{"/api/photo?slide=1&w=99999&h=90", "", 400},
		{"/api/photos", "application/json", 200},
		{"/api/render", "application/json", 200},
		{"/api/video", "", 404},
	} {
		t.Run(tt.path, func(t *testing.T) {
			w := do(t, h, s, request{path: tt.path})
			if w.Code != tt.want || tt.ctype != "" && w.Header().Get("Content-Type") != tt.ctype {
				t.Fatalf("status %d %s, want %d %s", w.Code, w.Header().Get("Content-Type"), tt.want, tt.ctype)
			}
		})
	}
	var photos []string
	json.Unmarshal(do(t, h, s, request{path: "/api/photos"}).Body.Bytes(), &photos)
	if len(photos) != 5 || photos[0] != "photos/01-mandelbrot.jpg" {
		t.Errorf("photos: %v", photos)
	}
}

func post(t *testing.T, h http.Handler, s *Server, path string, body any) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, h, s, request{method: "POST", path: path, body: string(b)})
}

// TestEditSave moves slide 1's last window, saves, and checks the file:
// the new window written, every comment kept.
func TestEditSave(t *testing.T) {
	s, h, path := example(t)
	before, _ := os.ReadFile(path)
	st := state(t, do(t, h, s, request{path: "/api/state"}))
	ks := st.Slides[0].Keyframes
	ks[3].Win.X = 1 - ks[3].Win.W // to the right edge
	w := post(t, h, s, "/api/edit", Edit{Op: "keyframes", Slide: 0, Keyframes: ks})
	if w.Code != 200 {
		t.Fatalf("edit: %d %s", w.Code, w.Body)
	}
	if st := state(t, w); st.Saved || !st.Valid {
		t.Fatalf("after edit: saved %v valid %v %+v", st.Saved, st.Valid, st.Problems)
	}
	if w := post(t, h, s, "/api/save", map[string]bool{"force": false}); w.Code != 200 {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	after, _ := os.ReadFile(path)
	want := strings.Replace(string(before), "{at: 4s,   zoom: 2.5, center: [0.6, 0.45], ease: in-out}", "{at: 4s, zoom: 2.5, center: [0.8, 0.45], ease: in-out}", 1)
	if string(after) != want {
		t.Errorf("saved file:\n%s\nwant:\n%s", after, want)
	}
}

// TestEdits runs each kind of edit through the handler.
func TestEdits(t *testing.T) {
	for _, tt := range []struct {
		name   string
		edit   Edit
		want   int
		inFile string
	}{
		{"duration", Edit{Op: "set", Slide: 1, Key: "duration", Value: "3", Seconds: 3}, 200, "    duration: 3s\n"},
		{"fit", Edit{Op: "set", Slide: 2, Key: "fit", Value: "pad"}, 200, "    fit: pad\n"},
		{"unknown fit is a problem", Edit{Op: "set", Slide: 2, Key: "fit", Value: "padd"}, 200, "fit: padd"},
		{"fit not a name", Edit{Op: "set", Slide: 2, Key: "fit", Value: "pad}\nx: {"}, 422, ""},
		{"transition", Edit{Op: "set", Slide: 0, Key: "transition", Value: "dissolve", Seconds: 0.25}, 200, "transition: {type: dissolve, duration: 0.25s}"},
		{"motion preset", Edit{Op: "set", Slide: 0, Key: "motion", Value: "zoom-in"}, 200, "    motion: zoom-in\n"},
		{"move", Edit{Op: "move", Slide: 2, To: 0}, 200, "slides:\n  - photo: photos/02-gradients.jpg"},
		{"remove", Edit{Op: "remove", Slide: 0}, 200, "slides:\n  - photo: photos/05-seahorse-valley.jpg"},
		{"add", Edit{Op: "add", Photo: "photos/03-portrait-spiral.jpg"}, 200, "  - photo: photos/03-portrait-spiral.jpg\n"},
		{"remove the last: the new last has no transition", Edit{Op: "remove", Slide: 2}, 200, "    motion: zoom-out-bottom-left\n"},
		{"add outside", Edit{Op: "add", Photo: "../x.jpg"}, 422, ""},
		{"add not an image", Edit{Op: "add", Photo: "keyframes.yaml"}, 422, ""},
		{"unknown op", Edit{Op: "explode"}, 422, ""},
		{"no such slide", Edit{Op: "set", Slide: 7, Key: "fit", Value: "pad"}, 422, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, h, _ := example(t)
			w := post(t, h, s, "/api/edit", tt.edit)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
			}
			if tt.inFile != "" && !strings.Contains(string(s.draft), tt.inFile) {
				t.Errorf("draft lacks %q:\n%s", tt.inFile, s.draft)
			}
			if w.Code == 200 && !state(t, w).Valid && !strings.Contains(tt.name, "problem") {
				t.Errorf("the edit made the storyboard invalid: %+v", state(t, w).Problems)
			}
		})
	}
}

// TestKeyframesOverOtherMotions moves a window of a slide whose motion is
// a preset, and of one written as from/to: the motion becomes a list of
// keyframes that plans to the windows asked.
func TestKeyframesOverOtherMotions(t *testing.T) {
	for _, slide := range []int{1, 2} {
		t.Run(fmt.Sprint("slide ", slide+1), func(t *testing.T) {
			s, h, _ := example(t)
			st := state(t, do(t, h, s, request{path: "/api/state"}))
			ks := st.Slides[slide].Keyframes
			ks[0].Win.X = 0
			ks[0].Win.Y = 0
			w := post(t, h, s, "/api/edit", Edit{Op: "keyframes", Slide: slide, Keyframes: ks})
			st = state(t, w)
			if w.Code != 200 || !st.Valid {
				t.Fatalf("edit: %d %+v\n%s", w.Code, st.Problems, s.draft)
			}
			got := st.Slides[slide].Keyframes
			if len(got) != len(ks) || got[0].Win.X > 1e-4 || got[0].Win.Y > 1e-4 || !st.Slides[slide].Keyed {
				t.Errorf("keyframes after the edit: %+v\n%s", got, s.draft)
			}
		})
	}
}

// TestProblemsPlaced checks that a problem shows at its slide and field,
// with validate's message.
func TestProblemsPlaced(t *testing.T) {
	s, h, _ := example(t)
	w := post(t, h, s, "/api/edit", Edit{Op: "set", Slide: 2, Key: "fit", Value: "padd"})
	st := state(t, w)
	if st.Valid || len(st.Problems) != 1 {
		t.Fatalf("problems: %+v", st.Problems)
	}
	p := st.Problems[0]
	if p.Slide != 2 || p.Field != "fit" || !strings.Contains(p.Msg, `unknown fit "padd"`) || !strings.HasPrefix(p.Text, s.path+":") {
		t.Errorf("problem: %+v", p)
	}
}

// TestConflict checks that a file changed on disk is never overwritten
// silently: save answers 409 until the page reloads or forces.
func TestConflict(t *testing.T) {
	s, h, path := example(t)
	post(t, h, s, "/api/edit", Edit{Op: "set", Slide: 1, Key: "duration", Value: "3", Seconds: 3})
	theirs := []byte("# changed in an editor\nslides:\n  - photos/01-mandelbrot.jpg\n")
	if err := os.WriteFile(path, theirs, 0o644); err != nil {
		t.Fatal(err)
	}
	if st := state(t, do(t, h, s, request{path: "/api/state"})); !st.Changed {
		t.Error("state does not say the file changed")
	}
	if w := post(t, h, s, "/api/save", map[string]bool{"force": false}); w.Code != http.StatusConflict {
		t.Fatalf("save over a changed file: %d, want 409", w.Code)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, theirs) {
		t.Fatal("the file was overwritten")
	}
	w := post(t, h, s, "/api/reload", struct{}{})
	if st := state(t, w); w.Code != 200 || len(st.Slides) != 1 || st.Changed || !st.Saved {
		t.Fatalf("reload: %d %+v", w.Code, st)
	}
	post(t, h, s, "/api/edit", Edit{Op: "set", Slide: 0, Key: "duration", Value: "3", Seconds: 3})
	os.WriteFile(path, append(theirs, '\n'), 0o644)
	if w := post(t, h, s, "/api/save", map[string]bool{"force": true}); w.Code != 200 {
		t.Fatalf("forced save: %d", w.Code)
	}
	if got, _ := os.ReadFile(path); !strings.Contains(string(got), "duration: 3s") {
		t.Fatalf("forced save wrote:\n%s", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") { // a temporary file of the save
			t.Errorf("left behind %s", e.Name())
		}
	}
}

// TestCRLFKept checks that a file with CRLF line breaks is saved with
// them.
func TestCRLFKept(t *testing.T) {
	s, h, path := example(t)
	src, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")), 0o644)
	post(t, h, s, "/api/reload", struct{}{})
	post(t, h, s, "/api/edit", Edit{Op: "set", Slide: 1, Key: "duration", Value: "3", Seconds: 3})
	if w := post(t, h, s, "/api/save", map[string]bool{}); w.Code != 200 {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	got, _ := os.ReadFile(path)
	if bytes.Count(got, []byte("\n")) != bytes.Count(got, []byte("\r\n")) {
		t.Error("line breaks changed")
	}
}

// TestServeStops checks that the server ends cleanly when its context
// ends, as Ctrl-C does.
func TestServeStops(t *testing.T) {
	s, _, _ := example(t)
	ln, err := Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	r, err := http.Get(URL(ln) + "api/state")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, r.Body)
	r.Body.Close()
	if r.StatusCode != 200 {
		t.Fatalf("status %d", r.StatusCode)
	}
	if !strings.HasPrefix(URL(ln), "http://127.0.0.1:") {
		t.Errorf("listens on %s", URL(ln))
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
