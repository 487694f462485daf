package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/holidays"
	"github.com/mesoplan/mesoplan/planner"
)

// Shell completion: every argument and flag value with a finite set of
// values completes to it (treatment ids and aliases, condition ids,
// formats, audiences, paper sizes, languages, holiday regions, IANA zones),
// and every file argument to files of its kind (saved plans *.json,
// calendars *.ics, catalogs and config files *.yaml).

// embeddedCatalog is the built-in catalog, for completion: what a
// practitioner's --catalog adds is not known while a command line is typed.
func embeddedCatalog() *planner.Catalog {
	cat, err := planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()})
	if err != nil {
		return &planner.Catalog{}
	}
	return cat
}

// fixed completes to values, with no file names.
func fixed(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// filesOf completes to files with one of the extensions (and directories).
func filesOf(ext ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return ext, cobra.ShellCompDirectiveFilterFileExt
	}
}

// completeTreatments completes a TREATMENT argument with the built-in
// treatments' ids and aliases.
func completeTreatments(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, t := range embeddedCatalog().Treatments {
		out = append(out, t.ID+"\t"+planner.OneLine(t.Name))
		for _, a := range t.Aliases {
			out = append(out, a+"\t"+t.ID)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func completeConditions(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, c := range embeddedCatalog().Contraindications {
		out = append(out, c.ID+"\t"+planner.OneLine(c.Name)+" ("+string(c.Severity)+")")
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func completeRegions(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return append([]string{"none"}, holidays.Regions()...), cobra.ShellCompDirectiveNoFileComp
}

func completeZones(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, z := range zoneNames() {
		if strings.HasPrefix(strings.ToLower(z), strings.ToLower(typed)) {
			out = append(out, z)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func completeLanguages(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	cat := embeddedCatalog()
	var out []string
	for _, tag := range cat.LanguageTags() {
		name := tag
		if l := cat.Languages[tag]; l != nil && l.Name != "" {
			name = l.Name
		}
		out = append(out, tag+"\t"+name)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// registerCompletions gives every command's flags and arguments their
// completions, walking the tree once it is built.
func registerCompletions(root *cobra.Command) {
	byFlag := map[string]cobra.CompletionFunc{
		"condition": completeConditions,
		"tz":        completeZones,
		"holidays":  completeRegions,
		"audience":  fixed("patient", "practitioner"),
		"lang":      completeLanguages,
		"paper":     fixed("a4", "letter"),
		"open":      fixed("mon-fri", "mon-sat", "mon-sun", "tue-sat"),
		"days":      fixed("mon,wed,fri", "tue,thu", "sat"),
		"remind":    fixed("24h,2h", "48h,2h", "24h", "none"),
		"from":      filesOf("json"),
		"save":      filesOf("json"),
		"busy":      filesOf("ics"),
		"catalog":   filesOf("yaml", "yml"),
		"config":    filesOf("yaml", "yml"),
	}
	_ = root.RegisterFlagCompletionFunc("catalog", byFlag["catalog"])
	_ = root.RegisterFlagCompletionFunc("config", byFlag["config"])
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		local := c.LocalNonPersistentFlags() // a new set each call: once
		for name, f := range byFlag {
			if name == "from" && c.CommandPath() == "mesoplan agenda" {
				f = noFiles // a date there
			}
			if local.Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, f)
			}
		}
		if local.Lookup("format") != nil {
			_ = c.RegisterFlagCompletionFunc("format", fixed(formatsOf(c)...))
		}
		switch c.CommandPath() {
		case "mesoplan treatments show":
			c.ValidArgsFunction = completeTreatments
		case "mesoplan holidays":
			c.ValidArgsFunction = firstArg(func(cmd *cobra.Command, args []string, typed string) ([]string, cobra.ShellCompDirective) {
				regions, d := completeRegions(cmd, args, typed)
				return append([]string{"list\tevery region"}, regions[1:]...), d
			})
		case "mesoplan status", "mesoplan reschedule":
			c.ValidArgsFunction = firstArg(filesOf("json"))
		case "mesoplan agenda":
			c.ValidArgsFunction = filesOf("json")
			_ = c.RegisterFlagCompletionFunc("to", noFiles)
		case "mesoplan batch":
			c.ValidArgsFunction = firstArg(filesOf("csv"))
			_ = c.RegisterFlagCompletionFunc("combined", filesOf("ics"))
			_ = c.RegisterFlagCompletionFunc("progress", fixed("auto", "always", "never"))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// firstArg completes the first argument with f, and nothing after it.
func firstArg(f cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, typed string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return f(cmd, args, typed)
	}
}

// formatsOf lists the --format values of command c.
func formatsOf(c *cobra.Command) []string {
	switch c.CommandPath() {
	case "mesoplan plan", "mesoplan reschedule":
		return planFormats
	case "mesoplan treatments show", "mesoplan version":
		return []string{"text", "json"}
	case "mesoplan batch":
		return []string{"table", "json"}
	case "mesoplan agenda":
		return agendaFormats
	}
	return dataFormats
}

// noFiles completes nothing, and no file names either.
func noFiles(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}
