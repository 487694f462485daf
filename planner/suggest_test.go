package planner

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	conditions := []string{"pregnancy", "breastfeeding", "diabetes", "eczema", "psoriasis", "obesity"}
	treatments := []string{"mesolifting", "hair", "body-contouring", "cellulite", "mesobotox", "needle-free", "analgesic", "skin-quality"}
	tests := []struct {
		in         string
		candidates []string
		want       string
	}{
		{"pregnacy", conditions, "pregnancy"},
		{"pregnancyy", conditions, "pregnancy"},
		{"preg", conditions, "pregnancy"}, // a prefix counts as near
		{"diabetis", conditions, "diabetes"},
		{"exzema", conditions, "eczema"},
		{"cancer", conditions, ""},
		{"zzzzzzzz", conditions, ""},
		{"mesolift", treatments, "mesolifting"},
		{"hiar", treatments, "hair"},
		{"celulite", treatments, "cellulite"},
		{"needlefree", treatments, "needle-free"},
		{"tattoo-removal", treatments, ""},
		{"ab", []string{"ac", "ad"}, "ac"}, // ties: the first candidate
		{"x", nil, ""},
		{"fromat", []string{"format", "from"}, "format"},                  // a swap beats a prefix when it comes first
		{strings.Repeat("a", 100), []string{strings.Repeat("a", 99)}, ""}, // too long to be a typo
	}
	for _, tt := range tests {
		if got := Suggest(tt.in, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"hair", "hair", 0},
		{"hair", "hiar", 1}, // a swap of neighbours is one edit
		{"fromat", "format", 1},
		{"ca", "abc", 3},             // no part edited twice: not a swap then an insertion
		{"celulite", "cellulite", 1}, // an insertion
		{"diabetis", "diabetes", 1},  // a substitution
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"café", "cafe", 1}, // counted in runes, not bytes
		{"Hair", "hair", 1}, // case counts: Suggest lowercases first
	}
	for _, tt := range tests {
		for _, pair := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
			if got := editDistance(pair[0], pair[1]); got != tt.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", pair[0], pair[1], got, tt.want)
			}
		}
	}
}
