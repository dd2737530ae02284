package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kenburns/kenburns/internal/batch"
)

const batchSchema = "../../examples/batch.schema.json"

func jsonValue(t *testing.T, js []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBatchSchema holds the manifest's JSON Schema to the code: the same
// settings as a job may give, and it accepts the examples in both forms,
// which the code reads as the same jobs.
func TestBatchSchema(t *testing.T) {
	b, err := os.ReadFile(batchSchema)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Definitions struct {
			Settings struct {
				Properties map[string]any
			}
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var schema, code []string
	for n := range doc.Definitions.Settings.Properties {
		schema = append(schema, n)
	}
	for n := range jobSettings() {
		code = append(code, n)
	}
	sort.Strings(schema)
	sort.Strings(code)
	if !slices.Equal(schema, code) {
		t.Errorf("the schema's settings are\n%v\nthe code's\n%v", schema, code)
	}

	c := jsonschema.NewCompiler()
	whole, err := c.Compile(batchSchema)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../examples/batch.yaml")
	if err != nil {
		t.Fatal(err)
	}
	js, err := yaml.YAMLToJSON(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := whole.Validate(jsonValue(t, js)); err != nil {
		t.Errorf("the schema rejects examples/batch.yaml: %v", err)
	}
	job, err := c.Compile(batchSchema + "#/definitions/job")
	if err != nil {
		t.Fatal(err)
	}
	defaults, err := c.Compile(batchSchema + "#/definitions/defaultsLine")
	if err != nil {
		t.Fatal(err)
	}
	lines, err := os.ReadFile("../../examples/batch.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(lines))
	for sc.Scan() {
		s := defaults
		if !strings.HasPrefix(sc.Text(), `{"defaults"`) {
			s = job
		}
		if err := s.Validate(jsonValue(t, sc.Bytes())); err != nil {
			t.Errorf("the schema rejects %s: %v", sc.Text(), err)
		}
	}
	bad := []byte(`{"jobs": [{"id": "x", "input": "a", "output": "x.mp4", "fsp": 10}]}`)
	if whole.Validate(jsonValue(t, bad)) == nil {
		t.Error("the schema accepts an unknown setting")
	}

	y, err := batch.Load("../../examples/batch.yaml", jobSettings())
	if err != nil {
		t.Fatal(err)
	}
	l, err := batch.Load("../../examples/batch.jsonl", jobSettings())
	if err != nil {
		t.Fatal(err)
	}
	if len(y.Jobs) != 3 || len(l.Jobs) != 3 {
		t.Fatalf("jobs: %d in YAML, %d in JSON lines", len(y.Jobs), len(l.Jobs))
	}
	for i := range y.Jobs {
		a, b := *y.Jobs[i], *l.Jobs[i]
		a.Where, b.Where = batch.Where{}, batch.Where{}
		for _, s := range [][]batch.Setting{a.Settings, b.Settings} {
			for k := range s {
				s[k].Where = batch.Where{}
			}
		}
		if ja, jb := mustJSON(t, a), mustJSON(t, b); ja != jb {
			t.Errorf("job %d: YAML %s, JSON lines %s", i, ja, jb)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
