// Package locale writes mesoplan's patient texts in the patient's
// language: the messages around the catalog's texts, with the language's
// plural rules, and dates with its names of weekdays and months. The
// translations live in the catalog's languages section (see
// planner.Language and docs/catalog.md), so a practitioner adds a language
// or rewords a message in a catalog file; golang.org/x/text provides the
// message catalog, the plural rules and the matching of language tags.
package locale

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/planner"
)

// Printer writes messages in one language. The zero value is not usable;
// see [New]. A Printer is safe for use by several goroutines at once.
type Printer struct {
	tag string
	// message writes what fast does not: plural forms, numbers to group.
	// Its printer is made on first use: building the message catalog of
	// every language was a tenth of a single plan's time, and most runs
	// write every message fast.
	message func() *message.Printer
	phases  map[string]string // the catalog's phase names in the language
	have    map[string]bool   // keys the language translates

	// fixed holds the messages that take no arguments (date layouts,
	// names of weekdays and months), written once: they are most of what
	// a calendar writes, and the same every time.
	fixed sync.Map // key -> string
	// layouts holds each date layout of [Layouts] in the language, with
	// its weekday and month names marked for replacement.
	layouts sync.Map // layout -> string
	// fast are the messages written without the message catalog, and
	// plurals those of them with plural forms.
	fast    map[string]fastMessage
	plurals map[string]fastPlural

	mu      sync.Mutex
	unknown map[string]bool // keys used that are not in Keys
}

// known is the set of Keys.
var known = func() map[string]bool {
	m := make(map[string]bool, len(Keys))
	for _, k := range Keys {
		m[k] = true
	}
	return m
}()

// New returns the printer of the catalog's language tag ("" or "en" for
// English): a message the language does not translate is written in
// English. tag must be one of the catalog's languages (see [Match]).
func New(cat *planner.Catalog, tag string) (*Printer, error) {
	if tag == "" {
		tag = planner.English
	}
	t, err := language.Parse(tag)
	if err != nil {
		return nil, fmt.Errorf("language %q: %w", tag, err)
	}
	if tag != planner.English && cat.Languages[tag] == nil {
		return nil, fmt.Errorf("the catalog has no language %q", tag)
	}
	for _, lt := range cat.LanguageTags() {
		if _, err := language.Parse(lt); err != nil && cat.Languages[lt] != nil {
			return nil, fmt.Errorf("language %q: %w", lt, err)
		}
	}
	have := map[string]bool{}
	var phases map[string]string
	if l := cat.Languages[tag]; l != nil {
		for key := range l.Messages {
			have[key] = true
		}
		phases = l.Phases
	}
	// The digits the language writes numbers with: English's are ASCII.
	asciiDigits := tag == planner.English || message.NewPrinter(t).Sprintf("%d", 7) == "7"
	fast, plurals := fastMessages(cat, tag, asciiDigits)
	return &Printer{tag: tag, message: sync.OnceValue(func() *message.Printer { return message.NewPrinter(t, message.Catalog(messageCatalog(cat, tag))) }),
		phases: phases, have: have, unknown: map[string]bool{}, fast: fast, plurals: plurals}, nil
}

// messageCatalog holds, for x/text, the messages of English and of the
// language tag alone: a message tag does not give is then written from
// English, as the fast path writes it, and never from a parent language
// x/text would try first (fr for fr-CA). A message it cannot take (a bad
// plural form) is left out, to be written as its key: Validate refuses
// such a catalog when it is read, and the built-in one is checked by the
// tests.
func messageCatalog(cat *planner.Catalog, tag string) *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, lt := range []string{planner.English, tag} {
		l := cat.Languages[lt]
		if l == nil {
			continue
		}
		ltag, err := language.Parse(lt)
		if err != nil {
			continue
		}
		for key, m := range l.Messages {
			_ = set(b, ltag, key, m)
		}
		if tag == planner.English {
			break
		}
	}
	return b
}

// English returns the English printer of the built-in catalog, whose
// English section holds the plural forms of the messages.
func English() (*Printer, error) {
	cat, err := planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()})
	if err != nil {
		return nil, err
	}
	return New(cat, planner.English)
}

// set adds one message to the builder: a text, or plural forms selected by
// the message's first number.
func set(b *catalog.Builder, tag language.Tag, key string, m planner.Message) error {
	if m.Plural == nil {
		return b.SetString(tag, key, m.Text)
	}
	return b.Set(tag, key, pluralOf(m))
}

// Tag returns the printer's language tag.
func (p *Printer) Tag() string { return p.tag }

// Sprintf formats the message key, one of [Keys], in the printer's
// language.
func (p *Printer) Sprintf(key string, args ...any) string {
	p.note(key)
	if len(args) > 0 {
		var buf [8]Arg
		if typed, ok := argsOf(buf[:0], args); ok {
			if m, ok := p.fastOf(key, typed); ok {
				if s, ok := m.format(typed); ok {
					return s
				}
			}
		}
		return p.message().Sprintf(key, args...)
	}
	if s, ok := p.fixed.Load(key); ok {
		return s.(string)
	}
	s, ok := "", false
	if m, known := p.fast[key]; known {
		s, ok = m.format(nil)
	}
	if !ok {
		s = p.message().Sprintf(key)
	}
	p.fixed.Store(key, s)
	return s
}

// Append appends the message key, one of [Keys], formatted with args in
// the printer's language, to dst: what Sprintf returns, without the
// intermediate string when the message is written fast, as most of a
// calendar's are.
func (p *Printer) Append(dst []byte, key string, args ...Arg) []byte {
	if len(args) == 0 {
		return append(dst, p.Sprintf(key)...) // written once, and kept
	}
	p.note(key)
	if m, ok := p.fastOf(key, args); ok {
		if b, ok := m.append(dst, args); ok {
			return b
		}
	}
	values := make([]any, len(args))
	for i, a := range args {
		values[i] = a.value()
	}
	return append(dst, p.message().Sprintf(key, values...)...)
}

// note records a key used that is not one of [Keys].
func (p *Printer) note(key string) {
	if !known[key] {
		p.mu.Lock()
		p.unknown[key] = true
		p.mu.Unlock()
	}
}

// fastOf is the fast message that writes key with args: its own, or the
// plural form args choose.
func (p *Printer) fastOf(key string, args []Arg) (fastMessage, bool) {
	if m, ok := p.fast[key]; ok {
		return m, true
	}
	if m, ok := p.plurals[key]; ok {
		return m.form(args)
	}
	return nil, false
}

// dateLayout is the language's layout for a key of [Layouts], with its
// weekday and month names marked for replacement.
func (p *Printer) dateLayout(layout string) string {
	if s, ok := p.layouts.Load(layout); ok {
		return s.(string)
	}
	l := p.Sprintf(layout)
	l = strings.ReplaceAll(strings.ReplaceAll(l, "Mon", "\x01"), "Jan", "\x02")
	p.layouts.Store(layout, l)
	return l
}

// Date writes t with a layout of Go's reference time, one of [Layouts],
// as the language writes it: "Tue 16 Mar 2027 10:00", "mar 16 mar 2027
// 10:00".
func (p *Printer) Date(t time.Time, layout string) string {
	switch layout {
	case MonthYear:
		return p.Sprintf(monthYears[t.Month()-1], strconv.Itoa(t.Year()))
	case Weekday:
		return p.Sprintf(weekdays[t.Weekday()])
	}
	// Formatted on the stack, names put in place as it is copied: a
	// calendar writes hundreds of dates, and each is then one allocation.
	var stack, out [64]byte
	formatted := t.AppendFormat(stack[:0], p.dateLayout(layout))
	b := out[:0]
	for _, c := range formatted {
		switch c {
		case '\x01':
			b = append(b, p.Sprintf(weekdays[t.Weekday()])...)
		case '\x02':
			b = append(b, p.Sprintf(months[t.Month()-1])...)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// Phase names a catalog phase (induction, maintenance) in the language,
// or as the catalog does when the language does not name it.
func (p *Printer) Phase(name string) string {
	if t := p.phases[name]; t != "" {
		return t
	}
	return name
}

// Span writes a span of time: "6 months", "1 day".
func (p *Printer) Span(s planner.Span) string {
	key := map[planner.Unit]string{planner.Minutes: Minutes, planner.Hours: Hours, planner.Days: Days, planner.Weeks: Weeks, planner.Months: Months}[s.Unit]
	if key == "" {
		return s.Words()
	}
	return p.Sprintf(key, s.N)
}

// Unknown returns the messages written that are not in [Keys], sorted:
// a test's check that every message can be translated.
func (p *Printer) Unknown() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for k := range p.unknown {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Missing returns the messages of [Keys] that the catalog's language tag
// does not translate, in order; none for English, the language of the
// keys.
func Missing(cat *planner.Catalog, tag string) []string {
	if tag == "" || tag == planner.English {
		return nil
	}
	l := cat.Languages[tag]
	var out []string
	for _, k := range Keys {
		if l == nil || l.Messages == nil {
			out = append(out, k)
			continue
		}
		if _, ok := l.Messages[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// Match returns the catalog's language that best serves the BCP 47 tag s
// ("it", "it-IT", "IT"), or an error naming the languages the catalog has.
func Match(cat *planner.Catalog, s string) (string, error) {
	tags := cat.LanguageTags()
	want, err := language.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", fmt.Errorf("language %q: want a language tag such as en or it (the catalog has %s)", s, strings.Join(tags, ", "))
	}
	parsed := make([]language.Tag, len(tags))
	for i, t := range tags {
		parsed[i] = language.Make(t)
		if parsed[i] == want { // an exact tag, private use included
			return t, nil
		}
	}
	_, i, conf := language.NewMatcher(parsed).Match(want)
	wantBase, _ := want.Base()
	gotBase, _ := parsed[i].Base()
	if conf == language.No || wantBase != gotBase {
		return "", fmt.Errorf("language %q: the catalog has no texts in it (it has %s)", s, strings.Join(tags, ", "))
	}
	return tags[i], nil
}

var weekdays = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

var months = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
