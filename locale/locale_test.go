package locale

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/planner"
)

func builtin(t *testing.T) *planner.Catalog {
	t.Helper()
	cat, err := planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func printer(t *testing.T, cat *planner.Catalog, tag string) *Printer {
	t.Helper()
	p, err := New(cat, tag)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBuiltinLanguagesComplete proves that every built-in language
// translates every message, every rule's summary and text, and every
// treatment's name and maintenance text; and that no translation is left
// in English by mistake (a copy of the key), names and layouts aside.
func TestBuiltinLanguagesComplete(t *testing.T) {
	cat := builtin(t)
	if got := cat.LanguageTags(); !slices.Equal(got, []string{"en", "it"}) {
		t.Fatalf("built-in languages = %v, want [en it]", got)
	}
	same := map[string]bool{SessionReminder: true, Email: true, DateTime: true, TableDateTime: true, DayTime: true, Date: true,
		Amount: true, AmountRange: true, CostLine: true, "Feb": true, "Apr": true, "Nov": true,
		SessionAt: true, Clock: true, HandoutTitleFor: true, TimeRange: true, PrepMark: true, HandoutEmail: true}
	for _, tag := range cat.LanguageTags()[1:] {
		l := cat.Languages[tag]
		if l.Name == "" {
			t.Errorf("%s: no name", tag)
		}
		if missing := Missing(cat, tag); len(missing) > 0 {
			t.Errorf("%s: %d messages not translated: %q", tag, len(missing), missing)
		}
		for key, m := range l.Messages {
			if !slices.Contains(Keys, key) {
				t.Errorf("%s: message %q is not one mesoplan writes", tag, key)
			}
			for _, text := range m.Texts() {
				if text == key && !same[key] {
					t.Errorf("%s: message %q is not translated", tag, key)
				}
			}
		}
		for _, r := range cat.Rules {
			rt, ok := l.Rules[r.ID]
			if !ok || rt.Summary == "" || rt.Text == "" {
				t.Errorf("%s: rule %s has no summary and text", tag, r.ID)
			}
		}
		for _, tr := range cat.Treatments {
			for _, ph := range tr.Phases {
				if l.Phases[ph.Name] == "" {
					t.Errorf("%s: phase %s of %s has no name", tag, ph.Name, tr.ID)
				}
			}
			if tr.Maintenance != nil && tr.Maintenance.Kind == planner.MaintenanceSessions && l.Phases["maintenance"] == "" {
				t.Errorf("%s: the maintenance phase has no name", tag)
			}
			tt := l.Treatments[tr.ID]
			if tt.Name == "" {
				t.Errorf("%s: treatment %s has no name", tag, tr.ID)
			}
			if tr.Maintenance != nil && tr.Maintenance.Text != "" && tt.Maintenance == "" {
				t.Errorf("%s: treatment %s has no maintenance text", tag, tr.ID)
			}
		}
	}
}

func TestDate(t *testing.T) {
	cat := builtin(t)
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2027, 3, 16, 9, 5, 0, 0, rome)
	tests := []struct{ tag, layout, want string }{
		{"en", DateTime, "Tue 16 Mar 2027 09:05"},
		{"it", DateTime, "mar 16 mar 2027 09:05"},
		{"en", DayTime, "Tue 16 Mar 09:05"},
		{"it", DayTime, "mar 16 mar 09:05"},
		{"it", Date, "mar 16 mar 2027"},
		{"en", MonthYear, "March 2027"},
		{"it", MonthYear, "marzo 2027"},
	}
	for _, tt := range tests {
		if got := printer(t, cat, tt.tag).Date(at, tt.layout); got != tt.want {
			t.Errorf("%s %q: got %q, want %q", tt.tag, tt.layout, got, tt.want)
		}
	}
	// Every weekday and month, in both languages: no layout token leaks.
	for d := 0; d < 366; d += 13 {
		day := at.AddDate(0, 0, d)
		for _, tag := range []string{"en", "it"} {
			got := printer(t, cat, tag).Date(day, DateTime)
			if strings.ContainsAny(got, "\x01\x02") || strings.Contains(got, "2006") {
				t.Errorf("%s %s: %q", tag, day, got)
			}
		}
	}
}

func TestPlural(t *testing.T) {
	cat := builtin(t)
	tests := []struct {
		tag  string
		n    int
		want string
	}{
		{"en", 1, "1 session"}, {"en", 6, "6 sessions"}, {"it", 1, "1 seduta"}, {"it", 6, "6 sedute"},
	}
	for _, tt := range tests {
		if got := printer(t, cat, tt.tag).Sprintf(Sessions, tt.n); got != tt.want {
			t.Errorf("%s %d: got %q, want %q", tt.tag, tt.n, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	cat := builtin(t)
	for in, want := range map[string]string{"it": "it", "it-IT": "it", "IT": "it", " en ": "en", "en-GB": "en", "it-CH": "it"} {
		if got, err := Match(cat, in); err != nil || got != want {
			t.Errorf("Match(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{"fr": `language "fr": the catalog has no texts in it (it has en, it)`, "not a tag!": `language "not a tag!": want a language tag`,
		"tlh": `language "tlh": the catalog has no texts in it`, "i-klingon": `the catalog has no texts in it`} {
		if _, err := Match(cat, in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Match(%q) = %v, want an error containing %q", in, err, want)
		}
	}
}

// TestPartialLanguage: a language a practitioner adds with some messages
// falls back to English for the others, and Missing names them.
func TestPartialLanguage(t *testing.T) {
	extra := planner.CatalogFile{Name: "fr.yaml", Data: []byte(`
languages:
  fr:
    name: Français
    messages:
      "%[1]s session %[2]d of %[3]d": "%[1]s, séance %[2]d sur %[3]d"
      "%[1]d sessions": {one: "%[1]d séance", other: "%[1]d séances"}
`)}
	cat, err := planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()}, extra)
	if err != nil {
		t.Fatal(err)
	}
	p := printer(t, cat, "fr")
	if got := p.Sprintf(SessionTitle, "Mesolifting", 2, 6); got != "Mesolifting, séance 2 sur 6" {
		t.Errorf("translated: %q", got)
	}
	if got := p.Sprintf(Sessions, 2); got != "2 séances" {
		t.Errorf("plural: %q", got)
	}
	if got := p.Sprintf(BeforeTitle, "x"); got != "Before x" {
		t.Errorf("fallback: %q", got)
	}
	if got := p.Date(time.Date(2027, 3, 16, 10, 0, 0, 0, time.UTC), Date); got != "Tue 16 Mar 2027" {
		t.Errorf("fallback date: %q", got)
	}
	missing := Missing(cat, "fr")
	if len(missing) != len(Keys)-2 || slices.Contains(missing, SessionTitle) || !slices.Contains(missing, BeforeTitle) {
		t.Errorf("Missing = %d keys, want %d without the two translated", len(missing), len(Keys)-2)
	}
	if Missing(cat, "en") != nil {
		t.Error("English misses nothing")
	}
	p.Sprintf("not a key %d", 1)
	if got := p.Unknown(); !slices.Equal(got, []string{"not a key %d"}) {
		t.Errorf("Unknown = %q", got)
	}
}

// TestValidate: messages a practitioner's catalog gets wrong are refused
// when the catalog is read, naming the language and the message.
func TestValidate(t *testing.T) {
	if err := Validate(builtin(t)); err != nil {
		t.Fatalf("built-in catalog: %v", err)
	}
	tests := []struct{ yaml, want string }{
		{`"Tuesdy": "mar"`, `"Tuesdy" is not a message mesoplan writes`},
		{`"Tue": ""`, `"Tue": an empty translation`},
		{`"Tue": "%T"`, `placeholder mesoplan cannot fill`},
		{`"Tue": "ma%"`, `placeholder mesoplan cannot fill`},
		{`"Tue": "m\u001b[2Jar"`, `control character`},
		{`"%[1]s session %[2]d of %[3]d": {one: "a %[1]s %[2]d %[3]d", other: "b %[1]s %[2]d %[3]d"}`, `plural forms need a message whose first value`},
		{`"%[1]d sessions": {zero: "%[1]d x", other: "%[1]d y"}`, `"zero"`},
		{`"Mon 2 Jan 2006 15:04": "soon"`, `does not give the day or the month or the year or the time`},
		{`"Mon 2 Jan 2006 15:04": "Mon 2 Jan 2006"`, `does not give the time`},
		{`"15:04": "ore 15"`, `does not give the time`},
	}
	for _, tt := range tests {
		cat, err := planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()},
			planner.CatalogFile{Name: "x.yaml", Data: []byte("languages:\n  it:\n    messages:\n      " + tt.yaml + "\n")})
		if err != nil {
			if strings.Contains(err.Error(), tt.want) {
				continue // the catalog's own validation caught it
			}
			t.Fatalf("%s: %v", tt.yaml, err)
		}
		if err := Validate(cat); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s", tt.yaml, err, tt.want)
		}
	}
}

// TestRegionalLanguageFallsBackToEnglish: a message a regional language
// (fr-CA) does not give is written in English, as documented and as its
// "written in English" note says, whatever the path: a plural with a small
// number or a large one, a message without arguments. Never from the
// parent language (fr), which x/text alone would try first.
func TestRegionalLanguageFallsBackToEnglish(t *testing.T) {
	user := planner.CatalogFile{Name: "fr.yaml", Data: []byte(`languages:
  fr:
    name: Français
    messages:
      "Sessions": "Séances"
      "%[1]d sessions": {one: "%[1]d séance", other: "%[1]d séances"}
  fr-CA:
    name: Français (Canada)
    messages:
      "Preparation": "Préparation"
`)}
	cat, err := planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()}, user)
	if err != nil {
		t.Fatal(err)
	}
	ca := printer(t, cat, "fr-CA")
	for _, tt := range []struct{ got, want string }{
		{ca.Sprintf(TableSessions), "Sessions"},
		{ca.Sprintf(Sessions, 11), "11 sessions"},
		{ca.Sprintf(Sessions, 1), "1 session"},
		{ca.Sprintf(Sessions, 5000), "5\u00a0000 sessions"}, // the number grouped as in fr-CA
		{ca.Sprintf(Preparation), "Préparation"},
	} {
		if tt.got != tt.want {
			t.Errorf("fr-CA: %q, want %q", tt.got, tt.want)
		}
	}
	fr := printer(t, cat, "fr")
	if got := fr.Sprintf(Sessions, 11); got != "11 séances" {
		t.Errorf("fr: %q, want its own text", got)
	}
}
