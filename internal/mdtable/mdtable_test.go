package mdtable

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	md := "text\n\n| flag | meaning |\n|---|---|\n| `--a` | one \\| two |\n| `--b` | three |\n\nmore\n| x |\n|--|\n| 1 |\n"
	want := []Table{
		{Header: []string{"flag", "meaning"}, Rows: [][]string{{"`--a`", `one \| two`}, {"`--b`", "three"}}},
		{Header: []string{"x"}, Rows: [][]string{{"1"}}},
	}
	if got := Parse(md); !reflect.DeepEqual(got, want) {
		t.Errorf("Parse = %q\nwant %q", got, want)
	}
	if got := Parse("no tables"); got != nil {
		t.Errorf("Parse of no tables = %q", got)
	}
}
