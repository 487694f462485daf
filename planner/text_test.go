package planner

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"No alcohol":              "No alcohol",
		"  No\talcohol \r\n now ": "No alcohol now",
		"a\n\nb":                  "a b",
		"già fatto":               "già fatto",
		"a\u00a0b":                "a b",
		"a\u3000b":                "a b",
		"a\u0085b":                "a b",
		"a  b":                    "a b",
		" a":                      "a",
		"x\v":                     "x",
		// past the first eight bytes, where they are scanned eight at once
		"No alcohol for 24 hours\tplease": "No alcohol for 24 hours please",
		"No alcohol for 24 hours  please": "No alcohol for 24 hours please",
		"No alcohol for 24 hours\u2028ok": "No alcohol for 24 hours ok",
		"No alcohol for 24 hours, please": "No alcohol for 24 hours, please",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzOneLine holds the fast path (a string already on one line is
// returned as it is) to the definition: fields joined by one space.
func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"", "a b", "già  fatto", "a\u00a0b", " x", "x\x85", "\xff \xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := OneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestCourseSessions counts the course without its maintenance sessions.
func TestCourseSessions(t *testing.T) {
	cat := builtin(t)
	for treatment, want := range map[string]int{"mesolifting": 6, "cellulite": 10} {
		p := mustPlan(t, cat, request(t, treatment, "2027-03-16"))
		maintenance := 0
		for _, s := range p.Sessions {
			if s.Maintenance {
				maintenance++
			}
		}
		if got := p.CourseSessions(); got != want || got+maintenance != len(p.Sessions) {
			t.Errorf("%s: CourseSessions() = %d (of %d, %d maintenance), want %d", treatment, got, len(p.Sessions), maintenance, want)
		}
	}
}

// TestLowerFirst checks the mid-sentence form of a summary directly; the
// prep alarm test covers it in an export, with summaries in other scripts.
func TestLowerFirst(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"A", "A"}, // too short to tell an acronym from a word
		{"No alcohol", "no alcohol"},
		{"NSAIDs are off", "NSAIDs are off"},
		{"UV light", "UV light"},
		{"X-ray", "x-ray"},
		{"A day off", "a day off"},
		{"Évitez", "évitez"},
		{"ÉPILATION", "ÉPILATION"},
		{"already lower", "already lower"},
	}
	for _, tt := range tests {
		if got := LowerFirst(tt.in); got != tt.want {
			t.Errorf("LowerFirst(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzLowerFirst holds the ASCII shortcut to the rune-by-rune definition.
func FuzzLowerFirst(f *testing.F) {
	for _, s := range []string{"No alcohol", "NSAIDs", "X-ray", "(a)", "Évitez", "A", "1a", "aB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("summaries are UTF-8")
		}
		want := s
		if r := []rune(s); len(r) >= 2 && !unicode.IsUpper(r[1]) {
			r[0] = unicode.ToLower(r[0])
			want = string(r)
		}
		if got := LowerFirst(s); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", s, got, want)
		}
	})
}
