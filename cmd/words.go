package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// patientWords returns the printer of the plan's language for what the
// patient reads, from the catalog the plan was made with: the current one,
// or for a saved plan (c.Saved) the one it keeps. A message the language
// does not translate is written in English, with one warning naming them.
func (o *planOptions) patientWords(c *course) (*locale.Printer, error) {
	cat, err := o.catalog()
	if c.Saved != nil {
		cat, err = c.Saved.Catalog.load(o.From, o.catalog)
	}
	if err != nil {
		return nil, err
	}
	words, err := locale.New(cat.Catalog, c.Plan.Lang)
	if err != nil && o.From != "" {
		return nil, &fileError{where: o.From, err: fmt.Errorf("plan.lang: %w", err)}
	}
	if err != nil {
		return nil, err
	}
	printMissingWords(o.app.Err, cat.Catalog, c.Plan.Lang)
	return words, nil
}

// printMissingWords warns, in one line, of the messages the language lang
// does not translate, which are written in English.
func printMissingWords(w io.Writer, cat *planner.Catalog, lang string) {
	missing := locale.Missing(cat, lang)
	if len(missing) == 0 {
		return
	}
	const shown = 3
	quoted := make([]string, 0, shown)
	for _, m := range missing[:min(shown, len(missing))] {
		quoted = append(quoted, fmt.Sprintf("%q", m))
	}
	more := ""
	if len(missing) > shown {
		more = fmt.Sprintf(" and %d more", len(missing)-shown)
	}
	fmt.Fprintf(w, "mesoplan: note: language %q: %d messages have no translation and are written in English: %s%s\n",
		lang, len(missing), strings.Join(quoted, ", "), more)
}
