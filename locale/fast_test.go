package locale

import (
	"strings"
	"testing"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/planner"
)

// TestFastMessagesMatchCatalog: every message of every built-in language,
// with arguments of every kind and size, is written by the fast path
// exactly as the message catalog writes it (or left to the catalog).
//
// A practitioner's catalog adds Persian and Arabic, which write numbers
// in their own digits (۳, ٣), as the catalog does even in the English
// texts they fall back to: the fast path must not write ASCII ones.
func TestFastMessagesMatchCatalog(t *testing.T) {
	cat, err := planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()},
		planner.CatalogFile{Name: "digits.yaml", Data: []byte("languages:\n  fa: {name: Persian}\n  ar: {name: Arabic}\n")})
	if err != nil {
		t.Fatal(err)
	}
	fast, plurals := 0, 0
	for _, tag := range cat.LanguageTags() {
		p, err := New(cat, tag)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range Keys {
			for _, n := range []int{0, 1, 2, 7, 21, 999, 1000, 12345, -3} {
				for _, s := range []string{"x", "", "100%", "%d %s", "Zoë, O'Neil; \\ ✓"} {
					var args []any
					for _, ph := range placeholdersOf(key) {
						if strings.HasSuffix(ph, "d") {
							args = append(args, n)
						} else {
							args = append(args, s)
						}
					}
					if len(args) == 0 {
						// written fast too, and kept
						if got, want := p.Sprintf(key), p.message().Sprintf(key); got != want {
							t.Errorf("%s %q: %q, the message catalog writes %q", tag, key, got, want)
						}
						continue
					}
					want := p.message().Sprintf(key, args...)
					if got := p.Sprintf(key, args...); got != want {
						t.Errorf("%s %q %v: %q, the message catalog writes %q", tag, key, args, got, want)
					}
					typed, _ := argsOf(nil, args)
					if got := string(p.Append([]byte("> "), key, typed...)); got != "> "+want {
						t.Errorf("%s %q %v: Append wrote %q, the message catalog writes %q", tag, key, args, got, want)
					}
					if m, ok := p.fast[key]; ok {
						if _, ok := m.format(typed); ok {
							fast++
						}
					}
					if m, ok := p.plurals[key]; ok {
						if m, ok := m.form(typed); ok {
							if _, ok := m.format(typed); ok {
								plurals++
							}
						}
					}
				}
			}
		}
	}
	if fast == 0 || plurals == 0 {
		t.Errorf("%d messages took the fast path, %d with plural forms; want some of each", fast, plurals)
	}
}

// TestParseFast: what the fast path takes, and what it leaves alone.
func TestParseFast(t *testing.T) {
	for format, ok := range map[string]bool{
		"plain": true, "%s and %d": true, "%[2]s before %[1]s": true, "100%%": true,
		"%q": false, "%5d": false, "%-s": false, "%[x]s": false, "%[0]s": false, "end %": false, "%[1]": false, "%v": false,
	} {
		if _, got := parseFast(format); got != ok {
			t.Errorf("parseFast(%q) = %v, want %v", format, got, ok)
		}
	}
	m, _ := parseFast("%[2]s, %[1]d%%")
	if s, ok := m.format([]Arg{N(3), S("a")}); !ok || s != "a, 3%" {
		t.Errorf("format = %q, %v", s, ok)
	}
	if _, ok := m.format([]Arg{N(3)}); ok {
		t.Error("a missing argument took the fast path")
	}
	if _, ok := m.format([]Arg{N(3), S("a"), S("extra")}); ok {
		t.Error("an extra argument took the fast path")
	}
}
