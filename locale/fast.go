package locale

import (
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/mesoplan/mesoplan/planner"
)

// fastMessage is a message whose text only places its arguments (%s of a
// string, %d of an int, in order or indexed as %[2]s) and has no plural
// forms: most of what a calendar writes. Printer.Sprintf writes it
// directly, as the message catalog would, at a fraction of the cost; a
// test holds the two together for every message of every built-in
// language.
type fastMessage []fastPart

// fastPart is literal text, or argument arg (0-based) with its verb.
type fastPart struct {
	text string
	arg  int // -1 for text
	verb byte
}

// parseFast reads format as a fastMessage, or reports false when it uses
// anything else (flags, widths, other verbs).
func parseFast(format string) (fastMessage, bool) {
	var m fastMessage
	var lit strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			lit.WriteByte(c)
			continue
		}
		i++
		if i >= len(format) {
			return nil, false
		}
		if format[i] == '%' {
			lit.WriteByte('%')
			continue
		}
		arg := next
		if format[i] == '[' {
			j := strings.IndexByte(format[i:], ']')
			if j < 0 {
				return nil, false
			}
			n, err := strconv.Atoi(format[i+1 : i+j])
			if err != nil || n < 1 {
				return nil, false
			}
			arg = n - 1
			i += j + 1
			if i >= len(format) {
				return nil, false
			}
		}
		verb := format[i]
		if verb != 's' && verb != 'd' {
			return nil, false
		}
		if lit.Len() > 0 {
			m = append(m, fastPart{text: lit.String(), arg: -1})
			lit.Reset()
		}
		m = append(m, fastPart{arg: arg, verb: verb})
		next = arg + 1
	}
	if lit.Len() > 0 {
		m = append(m, fastPart{text: lit.String(), arg: -1})
	}
	return m, true
}

// format writes the message with args, or reports false when an argument
// is not of its verb's kind, is missing or extra, or is a number the
// language might group (1,000) or sign: the message catalog then writes
// it.
func (m fastMessage) format(args []any) (string, bool) {
	var stack [256]byte // most messages fit: the result is then one allocation, of its size
	b := stack[:0]
	used := 0
	for _, p := range m {
		if p.arg < 0 {
			b = append(b, p.text...)
			continue
		}
		if p.arg >= len(args) {
			return "", false
		}
		used = max(used, p.arg+1)
		switch v := args[p.arg].(type) {
		case string:
			if p.verb != 's' {
				return "", false
			}
			b = append(b, v...)
		case int:
			if p.verb != 'd' || v < 0 || v > 999 {
				return "", false
			}
			b = strconv.AppendInt(b, int64(v), 10)
		default:
			return "", false
		}
	}
	if used != len(args) {
		return "", false // an extra argument: fmt's %!(EXTRA ...)
	}
	return string(b), true
}

// fastMessages are the messages of Keys that lang writes without the
// message catalog, in its own words, or the English ones it falls back to,
// or as the key itself: those without plural forms as fastMessages, those
// with as fastPlurals.
func fastMessages(cat *planner.Catalog, lang string) (map[string]fastMessage, map[string]fastPlural) {
	texts, plurals := map[string]fastMessage{}, map[string]fastPlural{}
	for _, key := range Keys {
		m, tag := messageOf(cat, lang, key)
		if m.Plural == nil {
			if f, ok := parseFast(m.Text); ok {
				texts[key] = f
			}
		} else if p, ok := parsePlural(m, tag); ok {
			plurals[key] = p
		}
	}
	return texts, plurals
}

// messageOf is the message lang writes key with, and the tag of the
// language it is in: its own, else English's, else the key itself as an
// English text.
func messageOf(cat *planner.Catalog, lang, key string) (planner.Message, string) {
	for _, tag := range []string{lang, planner.English} {
		if l := cat.Languages[tag]; l != nil {
			if m, ok := l.Messages[key]; ok {
				return m, tag
			}
		}
	}
	return planner.Message{Text: key}, planner.English
}

// fastPlural is a message with plural forms chosen by its first argument,
// as the message catalog chooses them (plural.Selectf on argument 1): the
// first form, in the catalog's order, whose category the language's
// cardinal rules give the number, or "other". Each form is a fastMessage.
type fastPlural struct {
	tag   language.Tag // whose rules choose: the language the text is in
	forms []fastForm
}

// fastForm is one plural form of a fastPlural.
type fastForm struct {
	form  plural.Form
	other bool
	m     fastMessage
}

// pluralForms are the plural.Form of each of planner.PluralCategories.
var pluralForms = map[string]plural.Form{"zero": plural.Zero, "one": plural.One, "two": plural.Two, "few": plural.Few, "many": plural.Many, "other": plural.Other}

// format writes the message, or reports false when its first argument is
// not a small whole number (grouped or signed by the language) or a form
// cannot be written fast: the message catalog then writes it.
func (p fastPlural) format(args []any) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	n, ok := args[0].(int)
	if !ok || n < 0 || n > 999 {
		return "", false
	}
	form := plural.Cardinal.MatchPlural(p.tag, n, 0, 0, 0, 0)
	for _, f := range p.forms {
		if f.other || f.form == form {
			return f.m.format(args)
		}
	}
	return "", false
}

// parsePlural reads a message's plural forms, in the catalog's order, or
// reports false when it has none or one is not a fastMessage.
func parsePlural(m planner.Message, tag string) (fastPlural, bool) {
	t, err := language.Parse(tag)
	if m.Plural == nil || err != nil {
		return fastPlural{}, false
	}
	p := fastPlural{tag: t}
	for _, c := range planner.PluralCategories {
		text, ok := m.Plural[c]
		if !ok {
			continue
		}
		fm, ok := parseFast(text)
		if !ok {
			return fastPlural{}, false
		}
		p.forms = append(p.forms, fastForm{form: pluralForms[c], other: c == "other", m: fm})
	}
	return p, true
}
