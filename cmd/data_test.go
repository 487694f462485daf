package cmd

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDataJSON runs every data command with --format json and checks the
// object against docs/json.md: schema_version 1, the documented keys, and
// instants in RFC 3339 with their offset.
func TestDataJSON(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "p.json")
	if code := Main([]string{"plan", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome", "--save", plan, "-q", "-o", filepath.Join(dir, "p.md")}, mustApp(t)); code != 0 {
		t.Fatalf("plan --save: exit %d", code)
	}
	tests := []struct {
		argv []string
		keys []string // the object's keys, in order
	}{
		{[]string{"treatments", "-f", "json"}, []string{"schema_version", "treatments"}},
		{[]string{"treatments", "show", "hair", "-f", "json"}, []string{"schema_version", "treatment"}},
		{[]string{"conditions", "-f", "json"}, []string{"schema_version", "conditions"}},
		{[]string{"holidays", "IT", "--year", "2027", "-f", "json"}, []string{"schema_version", "region", "year", "holidays"}},
		{[]string{"holidays", "list", "-f", "json"}, []string{"schema_version", "regions"}},
		{[]string{"config", "-f", "json"}, []string{"schema_version", "config_file", "settings"}},
		{[]string{"status", plan, "-f", "json"}, []string{"schema_version", "treatment", "timezone", "now", "today", "sessions"}},
		{[]string{"version", "-f", "json"}, []string{"schema_version", "version", "go", "platform"}},
		{[]string{"agenda", plan, "--from", "2027-03-01", "--to", "2027-04-30", "--tz", "Europe/Rome", "-f", "json"}, []string{"schema_version", "from", "to", "now", "timezone", "sessions", "problems"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.argv[:min(2, len(tt.argv))], " "), func(t *testing.T) {
			app, out, errOut := testApp(nil)
			if code := Main(tt.argv, app); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			dec := json.NewDecoder(strings.NewReader(out.String()))
			tok, err := dec.Token()
			if err != nil || tok != json.Delim('{') {
				t.Fatalf("not a JSON object: %s", out)
			}
			var keys []string
			for dec.More() {
				k, _ := dec.Token()
				keys = append(keys, k.(string))
				var v json.RawMessage
				if err := dec.Decode(&v); err != nil {
					t.Fatal(err)
				}
				if k == "schema_version" && string(v) != "1" {
					t.Errorf("schema_version %s, want 1", v)
				}
			}
			for _, k := range tt.keys {
				if !slices.Contains(keys, k) {
					t.Errorf("no key %q in %v", k, keys)
				}
			}
			if keys[0] != "schema_version" {
				t.Errorf("first key %q, want schema_version", keys[0])
			}
			if tt.argv[0] == "status" {
				var st struct {
					Timezone string `json:"timezone"`
					Today    string `json:"today"`
					Sessions []struct {
						Start, End string
						State      string
					} `json:"sessions"`
				}
				if err := json.Unmarshal(out.Bytes(), &st); err != nil {
					t.Fatal(err)
				}
				if st.Timezone != "Europe/Rome" || len(st.Sessions) != 6 {
					t.Fatalf("status: %+v", st)
				}
				if _, err := time.Parse("2006-01-02", st.Today); err != nil {
					t.Errorf("today %q: %v", st.Today, err)
				}
				for _, s := range st.Sessions {
					if _, err := time.Parse(time.RFC3339, s.Start); err != nil || !strings.Contains(s.Start, "+0") {
						t.Errorf("start %q: want RFC 3339 with the offset", s.Start)
					}
				}
			}
		})
	}
}

// TestDataTSV: --format tsv gives a header and one line per row, every
// line with the same number of tab-separated fields.
func TestDataTSV(t *testing.T) {
	for _, argv := range [][]string{{"treatments", "-f", "tsv"}, {"conditions", "-f", "tsv"}, {"holidays", "DE-BY", "--year", "2027", "-f", "plain"}, {"config", "-f", "tsv"}} {
		app, out, errOut := testApp(nil)
		if code := Main(argv, app); code != 0 {
			t.Fatalf("%v: exit %d: %s", argv, code, errOut)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) < 2 {
			t.Fatalf("%v: %d lines", argv, len(lines))
		}
		n := strings.Count(lines[0], "\t")
		for _, l := range lines {
			if strings.Count(l, "\t") != n || strings.ContainsAny(l, "│┌") {
				t.Errorf("%v: line %q has %d tabs, the header %d", argv, l, strings.Count(l, "\t"), n)
			}
		}
	}
}

// mustApp is a test App with no environment.
func mustApp(t *testing.T) *App {
	t.Helper()
	app, _, _ := testApp(nil)
	return app
}

// TestCellText: what a file holds cannot drive the terminal through any
// table or TSV: control characters go, line breaks stay for the cell's
// lines.
func TestCellText(t *testing.T) {
	for in, want := range map[string]string{
		"Anna":              "Anna",
		"Evil\x1b[31mRED\r": "Evil[31mRED",
		"two\nlines":        "two\nlines",
		"a\tb\x07\u009b2J":  "a b2J",
		"Zoë 山田 \u200b":     "Zoë 山田 \u200b",
	} {
		if got := cellText(in); got != want {
			t.Errorf("cellText(%q) = %q, want %q", in, got, want)
		}
	}
	var b strings.Builder
	if err := writeData(&b, "tsv", 80, dataOutput{Header: []string{"Name"}, Rows: [][]string{{"x\x1b]0;title\x07y"}}}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsFunc(b.String(), func(r rune) bool { return r == 0x1b || r == 0x07 }) {
		t.Errorf("TSV holds control characters: %q", b.String())
	}
}
