package setting

import (
	"image/color"
	"testing"
)

func TestParseColor(t *testing.T) {
	tests := []struct {
		in      string
		want    color.NRGBA
		wantErr bool
	}{
		{"black", color.NRGBA{0, 0, 0, 255}, false},
		{"White", color.NRGBA{255, 255, 255, 255}, false},
		{"GRAY", color.NRGBA{128, 128, 128, 255}, false},
		{"grey", color.NRGBA{128, 128, 128, 255}, false},
		{"#ff8000", color.NRGBA{255, 128, 0, 255}, false},
		{"#FF8000", color.NRGBA{255, 128, 0, 255}, false},
		{"0a0b0c", color.NRGBA{10, 11, 12, 255}, false},
		{"#fff", color.NRGBA{}, true},
		{"#ff80000", color.NRGBA{}, true},
		{"#gg0000", color.NRGBA{}, true},
		{"#+f0000", color.NRGBA{}, true},
		{"##ff8000", color.NRGBA{}, true},
		{"red", color.NRGBA{}, true},
		{"", color.NRGBA{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseColor(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseColor(%q) = %v, %v; want %v, error %t", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err == nil {
				if back, _ := ParseColor(FormatColor(got)); back != got {
					t.Errorf("FormatColor(%v) = %q reads back as %v", got, FormatColor(got), back)
				}
			}
		})
	}
	if _, err := ParseColor("red"); errText(err) != `"red" is not a colour: write black, white, gray or #rrggbb` {
		t.Errorf("message: %v", err)
	}
}

func TestColorValue(t *testing.T) {
	c := color.NRGBA{0, 0, 0, 255}
	v := ColorValue{&c}
	if err := v.Set("#102030"); err != nil || v.String() != "#102030" {
		t.Errorf("after Set: %v, %q", err, v.String())
	}
	if err := v.Set("nope"); err == nil || v.String() != "#102030" {
		t.Errorf("Set(nope) = %v and left %q", err, v.String())
	}
	if v.Type() != "color" || (ColorValue{}).String() != "" {
		t.Errorf("Type %q", v.Type())
	}
}
