package locale

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"

	"github.com/mesoplan/mesoplan/planner"
)

// Validate checks the catalog's messages as mesoplan will write them,
// beyond what the catalog's own validation can know: each key is a message
// mesoplan writes (a typo is reported with the nearest key), no text is
// empty or holds control characters, each plural form is one the
// language's plural rules have and the key's first value is a number, each
// text formats without a bad verb, and each date layout still gives a date
// (and a time, where the English one has it).
func Validate(cat *planner.Catalog) error {
	var errs []string
	bad := func(tag, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("languages.%s.messages: ", tag)+fmt.Sprintf(format, args...))
	}
	for _, tag := range cat.LanguageTags() {
		l := cat.Languages[tag]
		if l == nil {
			continue
		}
		t, err := language.Parse(tag)
		if err != nil {
			continue // the catalog's validation reports it
		}
		keys := make([]string, 0, len(l.Messages))
		for k := range l.Messages {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, key := range keys {
			m := l.Messages[key]
			if !slices.Contains(Keys, key) {
				msg := fmt.Sprintf("%q is not a message mesoplan writes", key)
				if s := planner.Suggest(strings.ToLower(key), Keys); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				bad(tag, "%s", msg)
				continue
			}
			for _, text := range m.Texts() {
				switch {
				case strings.TrimSpace(text) == "":
					bad(tag, "%q: an empty translation (leave the message out to keep the English)", key)
				case strings.ContainsFunc(text, unicode.IsControl):
					bad(tag, "%q: the translation %q holds a control character", key, text)
				default:
					if out := fmt.Sprintf(text, sampleArgs(key)...); strings.Contains(out, "%!") {
						bad(tag, "%q: the translation %q has a placeholder mesoplan cannot fill (%s)", key, text, out)
					}
				}
			}
			if m.Plural != nil {
				if ps := placeholdersOf(key); len(ps) == 0 || ps[0] != "1d" {
					bad(tag, "%q: plural forms need a message whose first value (%%[1]d) is a number", key)
				} else if err := catalog.NewBuilder().Set(t, key, pluralOf(m)); err != nil {
					bad(tag, "%q: %v", key, err)
				}
			}
			if slices.Contains(Layouts, key) && key != MonthYear && key != Weekday {
				errs = append(errs, checkLayout(tag, key, m.Text)...)
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// checkLayout refuses a date layout that no longer gives the day, the
// month and the year (the year only if the English one has it) and the
// time (likewise).
func checkLayout(tag, key, layout string) []string {
	probe := time.Date(2031, 11, 27, 13, 47, 0, 0, time.UTC)
	out := probe.Format(strings.ReplaceAll(strings.ReplaceAll(layout, "Mon", ""), "Jan", "01"))
	var missing []string
	for _, part := range []struct{ name, want, english string }{
		{"the day", "27", "2"}, {"the month", "11", "Jan"}, {"the year", "2031", "2006"}, {"the time", "13:47", "15:04"},
	} {
		if strings.Contains(key, part.english) && !strings.Contains(out, part.want) {
			missing = append(missing, part.name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return []string{fmt.Sprintf("languages.%s.messages: %q: the layout %q does not give %s (it is Go's reference time: Mon 2 Jan 2006 15:04)",
		tag, key, layout, strings.Join(missing, " or "))}
}

// sampleArgs are values for the placeholders of key, of their kinds, to
// format a translation with.
func sampleArgs(key string) []any {
	var args []any
	for _, p := range placeholdersOf(key) {
		if strings.HasSuffix(p, "d") {
			args = append(args, 1)
		} else {
			args = append(args, "x")
		}
	}
	return args
}

// placeholdersOf lists the placeholders of a key in argument order: "1s",
// "2d" ... (keys always index their values).
func placeholdersOf(key string) []string {
	var out []string
	for i := 0; i < len(key)-1; i++ {
		if key[i] != '%' || i+1 >= len(key) || key[i+1] != '[' {
			continue
		}
		j := strings.IndexByte(key[i:], ']')
		if j < 0 || i+j+1 >= len(key) {
			continue
		}
		out = append(out, key[i+2:i+j]+string(key[i+j+1]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// pluralOf is a plural message as the message catalog takes it.
func pluralOf(m planner.Message) catalog.Message {
	var cases []any
	for _, c := range planner.PluralCategories {
		if text, ok := m.Plural[c]; ok {
			cases = append(cases, c, text)
		}
	}
	return plural.Selectf(1, "", cases...)
}
