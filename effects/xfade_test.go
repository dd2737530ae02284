package effects

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestParseXfadeHelp(t *testing.T) {
	help51, err := os.ReadFile("testdata/xfade-help-5.1.txt")
	if err != nil {
		t.Fatal(err)
	}
	// A newer ffmpeg adds values; they must be found too.
	newer := strings.Replace(string(help51),
		"     fadeslow        45           ..FV....... slow fade transition\n",
		"     fadeslow        45           ..FV....... slow fade transition\n     hlwind          46           ..FV....... hl wind transition\n", 1)
	tests := []struct {
		name string
		help string
		want []string
	}{
		{"ffmpeg 5.1", string(help51), XfadeNames()},
		{"newer", newer, append(XfadeNames(), "hlwind")},
		{"no xfade", "Unknown filter 'xfade'.\n", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, o := range ParseXfadeHelp(tt.help) {
				got = append(got, o.Name)
				if o.Desc == "" {
					t.Errorf("%s has no description", o.Name)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestDescribeTransition(t *testing.T) {
	for _, n := range TransitionNames() {
		if d := DescribeTransition(n, ""); d == "" || strings.Contains(d, "installed ffmpeg") {
			t.Errorf("%s has no description of its own: %q", n, d)
		}
	}
	if d := DescribeTransition("hlwind", "hl wind transition"); !strings.Contains(d, "hl wind") {
		t.Errorf("an unknown name's description is %q, want ffmpeg's", d)
	}
}

func TestCheckTransitionIn(t *testing.T) {
	installed := append(XfadeNames(), "hlwind")
	tests := []struct {
		name    string
		xfades  []string
		suggest string
		ok      bool
	}{
		{"hlwind", installed, "", true},
		{"hlwind", XfadeNames(), "hlslice", false},
		{"random", nil, "", true},
		{"none", nil, "", true},
		{"randon", installed, "random", false},
		{"fade", []string{"wipeleft"}, "none", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTransitionIn(tt.name, tt.xfades)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckTransitionIn(%q) = %v", tt.name, err)
			}
			if err != nil && err.(*UnknownError).Suggest != tt.suggest {
				t.Errorf("suggested %q, want %q", err.(*UnknownError).Suggest, tt.suggest)
			}
		})
	}
}
