package kube

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDockerfile holds the example's container build file, which no test
// can build here (no container engine), to what it must agree with: the
// Debian packages of the README's first command, the binary its first
// stage builds and its second copies, the Go of go.mod, and the binary
// path and user the manifests name.
func TestDockerfile(t *testing.T) {
	read := func(path string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("..", "..", path))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	df := read("examples/kubernetes/Dockerfile")
	readme := read("README.md")
	gomod := read("go.mod")

	packages := func(what, text string) []string {
		t.Helper()
		m := regexp.MustCompile(`apt-get install -y((?: [a-z0-9][a-z0-9.+-]*)+)`).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("%s: no apt-get install -y PACKAGES", what)
		}
		p := strings.Fields(m[1])
		slices.Sort(p)
		return p
	}
	first, _, _ := strings.Cut(readme[strings.Index(readme, "    $ "):], "\n")
	if got, want := packages("Dockerfile", df), packages("README's first command", first); !slices.Equal(got, want) {
		t.Errorf("the Dockerfile installs %v, the README %v", got, want)
	}

	build := regexp.MustCompile(`go build .*-o (\S+) (\./\S+)`).FindStringSubmatch(df)
	if build == nil {
		t.Fatal("Dockerfile: no go build -o OUT ./PACKAGE")
	}
	if b, err := os.ReadFile(filepath.Join("..", "..", build[2], "main.go")); err != nil || !strings.Contains(string(b), "package main") {
		t.Errorf("Dockerfile builds %s, which is not a main package here: %v", build[2], err)
	}
	if cp := "COPY --from=build " + build[1] + " " + Binary + "\n"; !strings.Contains(df, cp) {
		t.Errorf("Dockerfile lacks %q: the binary it builds at %s must be the manifests' %s", strings.TrimSpace(cp), build[1], Binary)
	}
	if !strings.Contains(df, `ENTRYPOINT ["`+Binary+`"]`) {
		t.Errorf("Dockerfile's ENTRYPOINT is not %s", Binary)
	}

	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(gomod)
	if goVersion == nil || !strings.Contains(df, "FROM golang:"+goVersion[1]+"-") {
		t.Errorf("Dockerfile's golang image is not go.mod's Go %v", goVersion)
	}
	uid := strconv.Itoa(UID)
	if !strings.Contains(df, "useradd --uid "+uid+" ") || !strings.Contains(df, "USER "+uid+":"+uid+"\n") {
		t.Errorf("Dockerfile's user is not the manifests' UID %s", uid)
	}
}
