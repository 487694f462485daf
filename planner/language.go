package planner

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// English is the language of the catalog's own texts (rules' summary and
// text, treatments' names, maintenance texts) and of mesoplan's messages
// when no translation is given.
const English = "en"

// Language is everything a patient reads in one language: the messages
// mesoplan writes around the catalog's texts (keys are the English texts,
// see package locale), and the catalog's own texts, by rule and treatment
// id. A catalog's `languages` section holds one per BCP 47 tag ("it",
// "pt-BR"); see docs/catalog.md.
type Language struct {
	// Name is the language's name in itself ("Italiano").
	Name     string             `yaml:"name"`
	Messages map[string]Message `yaml:"messages"`
	// Phases names the catalog's phases (induction, maintenance ...) in
	// the language, for tables and calendars; the plan keeps the
	// catalog's names.
	Phases     map[string]string        `yaml:"phases"`
	Rules      map[string]RuleText      `yaml:"rules"`
	Treatments map[string]TreatmentText `yaml:"treatments"`
}

// RuleText is a rule's patient text in one language.
type RuleText struct {
	Summary string `yaml:"summary"`
	Text    string `yaml:"text"`
}

// TreatmentText is a treatment's patient text in one language.
type TreatmentText struct {
	Name        string `yaml:"name"`
	Maintenance string `yaml:"maintenance"`
}

// Message is one translated message: a text, or one text per CLDR plural
// category ("one", "other", ...) of its first number.
type Message struct {
	Text   string
	Plural map[string]string
}

// PluralCategories are the CLDR plural categories a message may give; it
// must give "other".
var PluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// UnmarshalYAML reads a message: a string, or a mapping from plural
// category to string.
func (m *Message) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Decode(&m.Text)
	case yaml.MappingNode:
		if err := n.Decode(&m.Plural); err != nil {
			return err
		}
		for k := range m.Plural {
			if !slices.Contains(PluralCategories, k) {
				return fmt.Errorf("line %d: plural category %q: want one of %s", n.Line, k, strings.Join(PluralCategories, ", "))
			}
		}
		if _, ok := m.Plural["other"]; !ok {
			return fmt.Errorf("line %d: a plural message needs an \"other\" form", n.Line)
		}
		return nil
	}
	return fmt.Errorf("line %d: a message is a string or a mapping of plural forms", n.Line)
}

// Texts returns the message's texts: the one text, or every plural form.
func (m Message) Texts() []string {
	if m.Plural == nil {
		return []string{m.Text}
	}
	var out []string
	for _, c := range PluralCategories {
		if t, ok := m.Plural[c]; ok {
			out = append(out, t)
		}
	}
	return out
}

// mergeLanguages adds add's languages to base: each message, rule text and
// treatment text replaces the one with the same key, so a practitioner
// can reword one text or add a language.
func mergeLanguages(base, add map[string]*Language) map[string]*Language {
	if base == nil {
		base = map[string]*Language{}
	}
	for tag, l := range add {
		if l == nil {
			continue
		}
		b := base[tag]
		if b == nil {
			b = &Language{}
			base[tag] = b
		}
		if l.Name != "" {
			b.Name = l.Name
		}
		b.Messages = mergeMap(b.Messages, l.Messages)
		b.Phases = mergeMap(b.Phases, l.Phases)
		b.Rules = mergeMap(b.Rules, l.Rules)
		b.Treatments = mergeMap(b.Treatments, l.Treatments)
	}
	return base
}

func mergeMap[V any](base, add map[string]V) map[string]V {
	if len(add) == 0 {
		return base
	}
	if base == nil {
		base = map[string]V{}
	}
	maps.Copy(base, add)
	return base
}

// LanguageTags returns the tags of the catalog's languages, English first,
// then in order.
func (c *Catalog) LanguageTags() []string {
	tags := []string{English}
	for tag := range c.Languages {
		if tag != English {
			tags = append(tags, tag)
		}
	}
	slices.Sort(tags[1:])
	return tags
}

// localizer returns the localizer of the catalog's language tag lang ("" is
// English), or an [*InputError] naming the languages it has.
func (c *Catalog) localizer(lang string) (*localizer, error) {
	if lang == "" {
		lang = English
	}
	if _, ok := c.Languages[lang]; !ok && lang != English {
		tags := c.LanguageTags()
		e := &InputError{Value: lang, Msg: fmt.Sprintf("unknown language %q (known: %s)", lang, strings.Join(tags, ", "))}
		if s := Suggest(strings.ToLower(lang), tags); s != "" {
			e.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		return nil, e
	}
	return &localizer{cat: c, lang: lang}, nil
}

// rulesIn returns copies of rules with their texts in the language.
func (l *localizer) rulesIn(rules []Rule) []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		r.Summary, r.Text = l.rule(r)
		out[i] = r
	}
	return out
}

// message returns the catalog's translation of a message without
// placeholders or plural forms (such as [Notice]), or the message itself.
func (l *localizer) message(key string) string {
	if lg := l.cat.Languages[l.lang]; lg != nil {
		if m, ok := lg.Messages[key]; ok && m.Text != "" {
			return m.Text
		}
	}
	return key
}

// localizer gives the catalog's texts in one language, noting each text it
// had to give in English instead.
type localizer struct {
	cat     *Catalog
	lang    string
	missing []Finding
}

// languageName is how a finding names the language: its own name, or its
// tag.
func (l *localizer) languageName() string {
	if lg := l.cat.Languages[l.lang]; lg != nil && lg.Name != "" {
		return lg.Name
	}
	return l.lang
}

// rule returns rule r's summary and text in the language; English
// rewordings in the catalog's languages.en section replace the rule's own.
func (l *localizer) rule(r Rule) (string, string) {
	summary, text := r.Summary, r.Text
	if en := l.cat.Languages[English]; en != nil {
		if t, ok := en.Rules[r.ID]; ok {
			summary, text = orDefault(t.Summary, summary), orDefault(t.Text, text)
		}
	}
	if l.lang == English {
		return summary, text
	}
	t, ok := l.rules()[r.ID]
	if !ok || t.Summary == "" || t.Text == "" {
		l.note("rule", r.ID)
	}
	return orDefault(t.Summary, summary), orDefault(t.Text, text)
}

// treatment returns treatment t's name and maintenance text in the
// language.
func (l *localizer) treatment(t *Treatment) (string, string) {
	name, maintenance := t.Name, ""
	if t.Maintenance != nil {
		maintenance = t.Maintenance.Text
	}
	if en := l.cat.Languages[English]; en != nil {
		if x, ok := en.Treatments[t.ID]; ok {
			name, maintenance = orDefault(x.Name, name), orDefault(x.Maintenance, maintenance)
		}
	}
	if l.lang == English {
		return name, maintenance
	}
	var x TreatmentText
	if lg := l.cat.Languages[l.lang]; lg != nil {
		x = lg.Treatments[t.ID]
	}
	if x.Name == "" || (maintenance != "" && x.Maintenance == "") {
		l.note("treatment", t.ID)
	}
	return orDefault(x.Name, name), orDefault(x.Maintenance, maintenance)
}

func (l *localizer) rules() map[string]RuleText {
	if lg := l.cat.Languages[l.lang]; lg != nil {
		return lg.Rules
	}
	return nil
}

// note records a text given in English for want of a translation.
func (l *localizer) note(kind, id string) {
	msg := fmt.Sprintf("%s %q has no %s text: it is given in English", kind, id, l.languageName())
	for _, f := range l.missing {
		if f.Message == msg {
			return
		}
	}
	l.missing = append(l.missing, Finding{Code: "translation-missing", Subject: id, Message: msg})
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
