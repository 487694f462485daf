package planner

import (
	"slices"
	"strings"
	"testing"
)

// TestPlainYAMLMessage: the decoder's messages that name YAML tags or Go
// types come out in a practitioner's words; others pass through.
func TestPlainYAMLMessage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"field colour not found in type planner.Treatment",
			`unknown key "colour" (see docs/catalog.md for the keys each entry takes)`},
		{"cannot unmarshal !!str `abc` into int", `cannot use text "abc" as a whole number`},
		{"cannot unmarshal !!float `1.5` into int", `cannot use number "1.5" as a whole number`},
		{"cannot unmarshal !!int `7` into string", `cannot use number "7" as text`},
		{"cannot unmarshal !!str `x` into map[string]string", `cannot use text "x" as a mapping`},
		{"cannot unmarshal !!seq into planner.Range", "cannot use a list as a range such as {min: 3, max: 8}"},
		{"cannot unmarshal !!int `5` into planner.Range", `cannot use number "5" as a range such as {min: 3, max: 8}`},
		{"cannot unmarshal !!str `face` into []string", `cannot use text "face" as a list: write [face]`},
		{"field session_minutess not found in type planner.Treatment", `unknown key "session_minutess": did you mean "session_minutes"?`},
		{"cannot construct !!map into []string", "cannot use a mapping as a list"},
		{"did not find expected ',' or ']'", "did not find expected ',' or ']'"},
	}
	for _, tt := range tests {
		if got := plainYAMLMessage(tt.in, YAMLKeys(Catalog{})); got != tt.want {
			t.Errorf("plainYAMLMessage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestYAMLErrorTab: a tab in the indentation is named as such.
func TestYAMLErrorTab(t *testing.T) {
	_, err := LoadCatalog(CatalogFile{Name: "t.yaml", Data: []byte("rules:\n\t- id: x\n")})
	if err == nil || err.Error() != "t.yaml:2: a tab indents this line: YAML indents with spaces only" {
		t.Errorf("error = %v", err)
	}
}

// TestClampLine: an error the decoder places on the line after the last
// one is reported on the last.
func TestClampLine(t *testing.T) {
	tests := []struct {
		line int
		data string
		want int
	}{
		{2, "a\nb\n", 2},
		{3, "a\nb\n", 2},
		{3, "a\nb", 2}, // no newline at the end
		{1, "a", 1},
		{4, "", 4}, // an empty document has no line to clamp to
	}
	for _, tt := range tests {
		if got := clampLine(tt.line, []byte(tt.data)); got != tt.want {
			t.Errorf("clampLine(%d, %q) = %d, want %d", tt.line, tt.data, got, tt.want)
		}
	}
}

// TestYAMLErrorOnce: a bad value used through aliases is reported once.
func TestYAMLErrorOnce(t *testing.T) {
	data := []byte("treatments:\n  - id: t\n    areas: &x [[1], [2], [3]]\n  - id: u\n    areas: *x\n")
	_, err := LoadCatalog(CatalogFile{Name: "c.yaml", Data: data})
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		if slices.Contains(lines[:i], l) {
			t.Errorf("%q is reported twice in:\n%v", l, err)
		}
	}
}
