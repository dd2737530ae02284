package storyboard

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kenburns/kenburns/effects"
	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/presets"
)

const schemaFile = "../../examples/storyboard.schema.json"

func loadSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func yamlValue(t *testing.T, path string) any {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	js, err := yaml.YAMLToJSON(src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaExamples checks the shipped JSON Schema against every
// storyboard in examples/, and that it rejects the fixtures whose mistakes
// a schema can see.
func TestSchemaExamples(t *testing.T) {
	s := loadSchema(t)
	files, _ := filepath.Glob("../../examples/*.yaml")
	// The render goldens' storyboard uses every fit.
	files = append(files, "../render/testdata/storyboard-fits.yaml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if err := s.Validate(yamlValue(t, f)); err != nil {
				t.Errorf("the schema rejects %s: %v", f, err)
			}
		})
	}
	for _, name := range []string{"unknown-key", "unknown-transition", "unknown-preset", "wrong-types", "zoom-not-positive", "bad-ease", "no-slides"} {
		t.Run("rejects "+name, func(t *testing.T) {
			if err := s.Validate(yamlValue(t, "../../examples/errors/"+name+".yaml")); err == nil {
				t.Errorf("the schema accepts examples/errors/%s.yaml", name)
			}
		})
	}
}

// TestSchemaNames keeps the schema's lists in step with the code's.
func TestSchemaNames(t *testing.T) {
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Definitions map[string]struct {
			Enum    []string
			Pattern string
		}
		Properties map[string]struct{ Enum []string }
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	same := func(what string, got, want []string) {
		t.Helper()
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
			t.Errorf("schema %s = %v, want %v", what, got, want)
		}
	}
	check := func(def string, want []string) {
		t.Helper()
		same(def, s.Definitions[def].Enum, want)
	}
	check("transitionName", effects.TransitionNames())
	check("ease", effects.EaseNames())
	check("fit", setting.FitNames())
	check("sizePreset", presets.SizeNames())
	same("engine", s.Properties["engine"].Enum, setting.EngineNames())
	re := regexp.MustCompile(s.Definitions["motionPreset"].Pattern)
	for _, n := range motionNames() {
		if !re.MatchString(n) {
			t.Errorf("schema motionPreset does not accept %q", n)
		}
	}
}
