package planner

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Decoder messages that YAMLError rewrites: a key the target type lacks,
// and a value of the wrong kind (the value itself is absent for lists and
// mappings).
var (
	reUnknownKey = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	reBadType    = regexp.MustCompile("^cannot (?:unmarshal|construct) !!(\\w+)(?: `(.*)`)? into (.+)$")
)

// YAMLError rewrites a YAML decoder's error for the document name (a
// catalog or config file) into "name:line: message" lines, in words a
// practitioner can act on; keys are the document's keys, for a
// suggestion when one is misspelt.
func YAMLError(name string, data []byte, err error, keys ...string) error {
	found := yamlMessages(err)
	out := make([]string, 0, len(found))
	for _, m := range found {
		text := plainYAMLMessage(m.text, keys)
		if strings.HasPrefix(text, "found character that cannot start any token") && lineHasTab(data, m.line) {
			text = "a tab indents this line: YAML indents with spaces only"
		}
		line := fmt.Sprintf("%s: %s", name, text)
		if m.line > 0 {
			line = fmt.Sprintf("%s:%d: %s", name, clampLine(m.line, data), text)
		}
		// A value reached through YAML aliases fails once per use: say it once.
		if !slices.Contains(out, line) {
			out = append(out, line)
		}
	}
	return errors.New(strings.Join(out, "\n"))
}

// yamlMessage is one message of a decoder error and its line, 0 when the
// error gives none.
type yamlMessage struct {
	line int
	text string
}

// yamlMessages returns the messages of a decoder error: one per field it
// could not decode, or else the error's one message.
func yamlMessages(err error) []yamlMessage {
	var many *yaml.LoadErrors
	var one *yaml.LoadError
	switch {
	case errors.As(err, &many):
		out := make([]yamlMessage, 0, len(many.Errors))
		for _, e := range many.Errors {
			out = append(out, yamlMessage{e.Mark.Line, e.Message})
		}
		return out
	case errors.As(err, &one):
		return []yamlMessage{{one.Mark.Line, one.Message}}
	default:
		return []yamlMessage{{0, strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
}

// plainYAMLMessage rewrites a decoder message that names YAML tags or Go
// types; other messages are plain enough already.
func plainYAMLMessage(text string, keys []string) string {
	if sm := reUnknownKey.FindStringSubmatch(text); sm != nil {
		if s := Suggest(sm[1], keys); s != "" {
			return fmt.Sprintf("unknown key %q: did you mean %q?", sm[1], s)
		}
		return fmt.Sprintf("unknown key %q (see docs/catalog.md for the keys each entry takes)", sm[1])
	}
	sm := reBadType.FindStringSubmatch(text)
	switch {
	case sm == nil:
		return text
	case sm[2] != "" && strings.HasPrefix(sm[3], "[]") && sm[1] != "seq":
		// areas: face, for areas: [face]
		return fmt.Sprintf("cannot use %s %q as %s: write [%s]", yamlKind(sm[1]), sm[2], goKind(sm[3]), sm[2])
	case sm[2] != "":
		return fmt.Sprintf("cannot use %s %q as %s", yamlKind(sm[1]), sm[2], goKind(sm[3]))
	default:
		return fmt.Sprintf("cannot use %s as %s", yamlKind(sm[1]), goKind(sm[3]))
	}
}

// lineHasTab says whether line n (1-based) of data starts its indentation
// with a tab.
func lineHasTab(data []byte, n int) bool {
	lines := bytes.Split(data, []byte("\n"))
	for _, i := range []int{n - 1, n - 2} { // the decoder may report the line after
		if i >= 0 && i < len(lines) {
			trimmed := bytes.TrimLeft(lines[i], " ")
			if len(trimmed) > 0 && trimmed[0] == '\t' {
				return true
			}
		}
	}
	return false
}

// YAMLKeys lists the YAML keys of v's type and of the types within it, for
// suggestions.
func YAMLKeys(v any) []string {
	var keys []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name != "" && name != "-" && !slices.Contains(keys, name) {
				keys = append(keys, name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(v))
	return keys
}

// clampLine keeps a line number inside the document: the decoder reports
// an error found at the end of the input (an unclosed bracket) on the line
// after the last one.
func clampLine(n int, data []byte) int {
	lines := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		lines++
	}
	if n > lines && lines > 0 {
		n = lines
	}
	return n
}

// yamlKind names a YAML tag ("str", "seq") in a practitioner's words.
func yamlKind(tag string) string {
	switch tag {
	case "str":
		return "text"
	case "int", "float":
		return "number"
	case "seq":
		return "a list"
	case "map":
		return "a mapping"
	}
	return tag
}

// goKind names the Go type a value was meant for ("int", "[]string",
// "planner.Range") in a practitioner's words.
func goKind(t string) string {
	switch {
	case t == "int":
		return "a whole number"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	}
	switch t {
	case "planner.Range":
		return "a range such as {min: 3, max: 8}"
	case "planner.Interval":
		return "days between sessions such as {min: 7, target: 7, max: 10}"
	}
	return "a mapping (" + strings.TrimPrefix(t, "planner.") + ")"
}
