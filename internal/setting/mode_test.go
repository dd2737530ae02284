package setting

import (
	"slices"
	"testing"
)

func TestParseModes(t *testing.T) {
	parsers := map[string]func(string) (string, error){
		"fit":      stringParser(ParseFit),
		"engine":   stringParser(ParseEngine),
		"sort":     stringParser(ParseSort),
		"progress": stringParser(ParseProgress),
		"position": stringParser(ParsePosition),
		"captions": stringParser(ParseCaptions),
		"source":   stringParser(ParseCaptionSource),
	}
	tests := []struct {
		kind, in string
		wantErr  string
	}{
		{"fit", "crop", ""},
		{"fit", "pan", ""},
		{"fit", "crap", `unknown fit "crap" (did you mean "crop"?)`},
		{"fit", "x", `unknown fit "x" (want auto, crop, pad, blur or pan)`},
		{"fit", "Crop", `unknown fit "Crop" (did you mean "crop"?)`},
		{"engine", "zoompan", ""},
		{"engine", "smoth", `unknown engine "smoth" (did you mean "smooth"?)`},
		{"engine", "", `unknown engine "" (want smooth or zoompan)`},
		{"sort", "date", ""},
		{"sort", "alphabetical", `unknown sort "alphabetical" (want name or date)`},
		{"progress", "json", ""},
		{"progress", "jsno", `unknown progress "jsno" (did you mean "json"?)`},
		{"progress", "verbose", `unknown progress "verbose" (want auto, bar, plain, json or none)`},
		{"position", "top", ""},
		{"position", "bottom-left", `unknown position "bottom-left" (did you mean "bottom"?)`},
		{"captions", "soft", ""},
		{"captions", "subtitles", `unknown captions mode "subtitles" (want burn, soft, both or none)`},
		{"source", "exif", ""},
		{"source", "filename", `unknown captions source "filename" (did you mean "name"?)`},
		{"source", "xmp", `unknown captions source "xmp" (want none, name or exif)`},
	}
	for _, tt := range tests {
		t.Run(tt.kind+" "+tt.in, func(t *testing.T) {
			got, err := parsers[tt.kind](tt.in)
			if msg := errText(err); msg != tt.wantErr {
				t.Errorf("got %q, want %q", msg, tt.wantErr)
			}
			if err == nil && got != tt.in {
				t.Errorf("got %q, want %q", got, tt.in)
			}
		})
	}
}

func stringParser[T ~string](parse func(string) (T, error)) func(string) (string, error) {
	return func(s string) (string, error) {
		v, err := parse(s)
		return string(v), err
	}
}

// flagValue is pflag.Value, which each mode implements on its pointer.
type flagValue interface {
	String() string
	Set(string) error
	Type() string
}

func TestModeFlags(t *testing.T) {
	fit, engine, sort, progress := FitAuto, EngineSmooth, SortName, ProgressAuto
	tests := []struct {
		v         flagValue
		names     []string
		typ, good string
	}{
		{&fit, FitNames(), "fit", "blur"},
		{&engine, EngineNames(), "engine", "zoompan"},
		{&sort, SortNames(), "sort", "date"},
		{&progress, ProgressNames(), "progress", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			before := tt.v.String()
			if !slices.Contains(tt.names, before) {
				t.Errorf("default %q is not among %v", before, tt.names)
			}
			if err := tt.v.Set("bogus"); err == nil || tt.v.String() != before {
				t.Errorf("Set(bogus) = %v and left %q", err, tt.v.String())
			}
			if err := tt.v.Set(tt.good); err != nil || tt.v.String() != tt.good {
				t.Errorf("Set(%q) = %v and left %q", tt.good, err, tt.v.String())
			}
			if tt.v.Type() != tt.typ {
				t.Errorf("Type() = %q", tt.v.Type())
			}
		})
	}
}
