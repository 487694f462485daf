package planner

import (
	"errors"
	"strings"
	"testing"

	"github.com/mesoplan/mesoplan/configs"
)

// withFiles loads the built-in catalog merged with extra YAML files.
func withFiles(t *testing.T, extra ...string) (*Catalog, error) {
	t.Helper()
	files := []CatalogFile{{Name: "catalog.yaml", Data: configs.Catalog()}}
	for i, e := range extra {
		files = append(files, CatalogFile{Name: "extra" + itoa(i) + ".yaml", Data: []byte(e)})
	}
	return LoadCatalog(files...)
}

func TestMakeInLanguage(t *testing.T) {
	cat := builtin(t)
	req := request(t, "mesolifting", "2027-03-16")
	req.Lang = "it"
	p := mustPlan(t, cat, req)
	if p.Lang != "it" || p.Treatment.Name != "Mesolifting (ringiovanimento del viso)" {
		t.Errorf("lang %q, treatment %q", p.Lang, p.Treatment.Name)
	}
	if !strings.HasPrefix(p.Notice, "Non costituisce parere medico") {
		t.Errorf("notice %q", p.Notice)
	}
	if p.Maintenance == nil || !strings.Contains(p.Maintenance.Text, "mantenimento") {
		t.Errorf("maintenance %+v", p.Maintenance)
	}
	it := cat.Languages["it"]
	for _, w := range p.Windows {
		if want := it.Rules[w.Rule]; w.Summary != want.Summary || w.Text != want.Text {
			t.Errorf("window %s: %q / %q, want the Italian %q", w.Rule, w.Summary, w.Text, want.Summary)
		}
	}
	for _, f := range p.Warnings {
		if f.Code == "translation-missing" {
			t.Errorf("unexpected %s", f.Message)
		}
	}
	en := mustPlan(t, cat, request(t, "mesolifting", "2027-03-16"))
	if en.Lang != "" || en.Notice != Notice || en.Windows[0].Summary != cat.ruleByID(en.Windows[0].Rule).Summary {
		t.Errorf("English plan: lang %q, notice %q", en.Lang, en.Notice)
	}
}

// TestMakeLanguageFallback: a rule or treatment a language does not
// translate keeps its English text, with one note naming it.
func TestMakeLanguageFallback(t *testing.T) {
	cat, err := withFiles(t, `
rules:
  - id: ice
    kind: aftercare
    window: 12h   # test
    summary: No ice packs
    text: Do not put ice on the area.
treatments:
  - id: mesolifting
    name: Mesolifting (facial rejuvenation)
    areas: [face]
    technique: injection
    session_minutes: 30
    sessions: {min: 1, max: 10}
    phases: [{name: induction, sessions: 2, interval_days: {min: 7, target: 7, max: 14}}]
    rules: [ice, nsaids]
languages:
  en:
    rules:
      nsaids: {summary: "No aspirin or ibuprofen"}
`)
	if err != nil {
		t.Fatal(err)
	}
	req := request(t, "mesolifting", "2027-03-16")
	req.Lang = "it"
	p := mustPlan(t, cat, req)
	var notes []string
	for _, f := range p.Warnings {
		if f.Code == "translation-missing" {
			notes = append(notes, f.Subject+": "+f.Message)
			if f.Safety() {
				t.Errorf("%s is a safety finding", f.Message)
			}
		}
	}
	want := []string{`ice: rule "ice" has no Italiano text: it is given in English`}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range p.Windows {
		if w.Rule == "ice" && w.Summary != "No ice packs" {
			t.Errorf("ice: %q", w.Summary)
		}
	}
	// The English rewording replaces the rule's own summary in English.
	en := mustPlan(t, cat, request(t, "mesolifting", "2027-03-16"))
	for _, w := range en.Windows {
		if w.Rule == "nsaids" && w.Summary != "No aspirin or ibuprofen" {
			t.Errorf("reworded nsaids: %q", w.Summary)
		}
	}
}

func TestMakeUnknownLanguage(t *testing.T) {
	req := request(t, "mesolifting", "2027-03-16")
	req.Lang = "fr"
	_, err := Make(builtin(t), req)
	var in *InputError
	if !errors.As(err, &in) || !strings.Contains(err.Error(), `unknown language "fr" (known: en, it)`) {
		t.Errorf("got %v", err)
	}
}

func TestValidateLanguages(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"languages:\n  Italian: {name: x}\n", `languages.Italian: language "Italian": want a BCP 47 tag`},
		{"languages:\n  und: {name: x}\n", `the undetermined language would stand behind every other`},
		{"languages:\n  pt-br: {name: x}\n", `languages.pt-br: language "pt-br": want "pt-BR"`},
		{"languages:\n  it:\n    rules:\n      nope: {summary: x, text: y}\n", `languages.it.rules.nope: the catalog has no rule "nope"`},
		{"languages:\n  it:\n    treatments:\n      nope: {name: x}\n", `languages.it.treatments.nope: the catalog has no treatment "nope"`},
		{"languages:\n  it:\n    messages:\n      \"%[1]s session %[2]d of %[3]d\": \"seduta %[2]d\"\n",
			`languages.it.messages: "seduta %[2]d" translates "%[1]s session %[2]d of %[3]d" with placeholders 2d, want 1s, 2d, 3d`},
		{"languages:\n  it:\n    messages:\n      \"%[1]d sessions\": {one: \"una\", other: \"%[1]d sedute\"}\n",
			`languages.it.messages: "una" translates "%[1]d sessions" with placeholders none, want 1d`},
		{"languages:\n  it:\n    messages:\n      \"%[1]d sessions\": {uno: \"x\"}\n", `plural category "uno"`},
		{"languages:\n  it:\n    messages:\n      \"%[1]d sessions\": {one: \"%[1]d x\"}\n", `needs an "other" form`},
	}
	for _, tt := range tests {
		_, err := withFiles(t, tt.yaml)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q:\n got %v\nwant %s", tt.yaml, err, tt.want)
		}
	}
	// A reordered translation is fine.
	if _, err := withFiles(t, "languages:\n  de:\n    messages:\n      \"%[1]s session %[2]d of %[3]d\": \"Sitzung %[2]d von %[3]d (%[1]s)\"\n"); err != nil {
		t.Errorf("reordered: %v", err)
	}
}

// TestControlCharactersRefused: a catalog text with an escape sequence or a
// carriage return is refused, naming the entry and the key; line breaks
// and tabs are fine.
func TestControlCharactersRefused(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"rules:\n  - {id: x1, kind: aftercare, window: 1h, summary: \"No \\e]0;pwned\\a sauna\"}\n", `rule "x1": summary holds the control character U+001B`},
		{"rules:\n  - {id: x2, kind: aftercare, window: 1h, summary: ok, text: \"a\\rb\"}\n", `rule "x2": text holds the control character U+000D`},
		{"languages:\n  it:\n    rules:\n      heat: {summary: \"a\\u0007\", text: b}\n", `languages.it.rules.heat: a control character`},
	}
	for _, tt := range tests {
		_, err := withFiles(t, tt.yaml)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q:\n got %v\nwant %s", tt.yaml, err, tt.want)
		}
	}
	if _, err := withFiles(t, "rules:\n  - {id: x3, kind: aftercare, window: 1h, summary: ok, text: \"line one\\nline two\\tand a tab\"}\n"); err != nil {
		t.Errorf("line breaks and tabs: %v", err)
	}
}
