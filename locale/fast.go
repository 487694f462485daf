package locale

import (
	"slices"
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

// Arg is an argument of a message written by [Printer.Append]: a string
// (for %s) or a whole number (for %d). Typed, not an interface, so that
// passing it costs no allocation.
type Arg struct {
	s      string
	n      int
	number bool
}

// S is a string argument.
func S(s string) Arg { return Arg{s: s} }

// N is a whole-number argument.
func N(n int) Arg { return Arg{n: n, number: true} }

// value is the argument as fmt takes it.
func (a Arg) value() any {
	if a.number {
		return a.n
	}
	return a.s
}

// argsOf converts Sprintf's arguments to Args into buf, or reports false
// when one is neither a string nor an int.
func argsOf(buf []Arg, args []any) ([]Arg, bool) {
	for _, a := range args {
		switch v := a.(type) {
		case string:
			buf = append(buf, S(v))
		case int:
			buf = append(buf, N(v))
		default:
			return nil, false
		}
	}
	return buf, true
}

// format writes the message with args, or reports false when an argument
// is not of its verb's kind, is missing or extra, or is a number the
// language might group (1,000) or sign: the message catalog then writes
// it.
func (m fastMessage) format(args []Arg) (string, bool) {
	var stack [256]byte // most messages fit: the result is then one allocation, of its size
	b, ok := m.append(stack[:0], args)
	return string(b), ok
}

// append is format appending to dst; on false, dst is returned as it was.
func (m fastMessage) append(dst []byte, args []Arg) ([]byte, bool) {
	b := dst
	used := 0
	for _, p := range m {
		if p.arg < 0 {
			b = append(b, p.text...)
			continue
		}
		if p.arg >= len(args) {
			return dst, false
		}
		used = max(used, p.arg+1)
		switch v := args[p.arg]; {
		case !v.number:
			if p.verb != 's' {
				return dst, false
			}
			b = append(b, v.s...)
		default:
			if p.verb != 'd' || v.n < 0 || v.n > 999 {
				return dst, false
			}
			b = strconv.AppendInt(b, int64(v.n), 10)
		}
	}
	if used != len(args) {
		return dst, false // an extra argument: fmt's %!(EXTRA ...)
	}
	return b, true
}

// fastMessages are the messages of Keys that lang writes without the
// message catalog, in its own words, or the English ones it falls back to,
// or as the key itself: those without plural forms as fastMessages, those
// with as fastPlurals. A language whose numbers are not written in ASCII
// digits (fa: ۳, ar: ٣) leaves every message with a number to the
// catalog, which writes its digits.
func fastMessages(cat *planner.Catalog, lang string, asciiDigits bool) (map[string]fastMessage, map[string]fastPlural) {
	texts, plurals := map[string]fastMessage{}, map[string]fastPlural{}
	for _, key := range Keys {
		m, tag := messageOf(cat, lang, key)
		if m.Plural == nil {
			if f, ok := parseFast(m.Text); ok && (asciiDigits || !f.hasNumber()) {
				texts[key] = f
			}
		} else if p, ok := parsePlural(m, tag); ok && (asciiDigits || !p.hasNumber()) {
			plurals[key] = p
		}
	}
	return texts, plurals
}

// hasNumber reports whether the message writes a number (%d).
func (m fastMessage) hasNumber() bool {
	return slices.ContainsFunc(m, func(p fastPart) bool { return p.arg >= 0 && p.verb == 'd' })
}

// hasNumber reports whether a form of the message writes a number.
func (p fastPlural) hasNumber() bool {
	return slices.ContainsFunc(p.forms, func(f fastForm) bool { return f.m.hasNumber() })
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

// form is the plural form the first argument chooses, or false when it
// is not a small whole number (grouped or signed by the language) or no
// form is chosen: the message catalog then writes it.
func (p fastPlural) form(args []Arg) (fastMessage, bool) {
	if len(args) == 0 || !args[0].number || args[0].n < 0 || args[0].n > 999 {
		return nil, false
	}
	form := plural.Cardinal.MatchPlural(p.tag, args[0].n, 0, 0, 0, 0)
	for _, f := range p.forms {
		if f.other || f.form == form {
			return f.m, true
		}
	}
	return nil, false
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
