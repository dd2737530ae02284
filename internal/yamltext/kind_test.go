package yamltext

import (
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// TestKind names every shape of value a message may meet.
func TestKind(t *testing.T) {
	tests := []struct{ src, want string }{
		{"v: {a: 1}", "a mapping"},
		{"v: [1]", "a list"},
		{"v: x", "text"},
		{"v: |\n  x", "text"},
		{"v: 1", "a number"},
		{"v: 1.5", "a number"},
		{"v: .inf", "a number"},
		{"v: true", "true/false"},
		{"v: ~", "nothing"},
		{"a: &x 1\nv: *x", "an alias"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			f, err := parser.ParseBytes([]byte(tt.src), 0)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			switch body := f.Docs[0].Body.(type) {
			case *ast.MappingNode:
				for _, mv := range body.Values {
					if mv.Key.GetToken().Value == "v" {
						got = Kind(mv.Value)
					}
				}
			case *ast.MappingValueNode:
				got = Kind(body.Value)
			}
			if got != tt.want {
				t.Errorf("Kind = %q, want %q", got, tt.want)
			}
		})
	}
	if got := Kind(nil); got != "nothing" {
		t.Errorf("Kind(nil) = %q", got)
	}
}
