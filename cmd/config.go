package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v4"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/holidays"
	"github.com/mesoplan/mesoplan/planner"
)

// A setting is one configuration key: where it can come from, and, once
// resolved, its value and the layer that gave it.
type setting struct {
	Key    string // key in the config file, e.g. "clinic.name"
	Flag   string // flag that sets it, or ""
	Env    string // environment variable that sets it
	Help   string
	Value  string   // resolved value (lists joined for display)
	List   []string // resolved value of a list setting
	IsList bool
	Source string // "flag --tz", "env MESOPLAN_TZ", "config /path", "default"
}

// knownSettings lists every key, in the order `mesoplan config` prints them.
func knownSettings() []*setting {
	return []*setting{
		{Key: "tz", Flag: "tz", Env: "MESOPLAN_TZ", Help: "IANA time zone of the plan (empty: the system zone)"},
		{Key: "time", Flag: "time", Env: "MESOPLAN_TIME", Help: "session time, HH:MM"},
		{Key: "clinic.name", Env: "MESOPLAN_CLINIC_NAME", Help: "clinic name shown on plans"},
		{Key: "clinic.address", Env: "MESOPLAN_CLINIC_ADDRESS", Help: "clinic address shown on plans"},
		{Key: "clinic.email", Env: "MESOPLAN_CLINIC_EMAIL", Help: "clinic e-mail, the organizer of exported events"},
		{Key: "catalog", Flag: "catalog", Env: "MESOPLAN_CATALOG", IsList: true, Help: "practitioner catalog files (environment: separated by " + string(filepath.ListSeparator) + ")"},
		{Key: "open_days", Flag: "open", Env: "MESOPLAN_OPEN_DAYS", Help: "the clinic's opening days, e.g. mon-fri"},
		{Key: "closed", Flag: "closed", Env: "MESOPLAN_CLOSED", IsList: true, Help: "dates or ranges the clinic is closed (environment: separated by " + string(filepath.ListSeparator) + ")"},
		{Key: "holidays", Flag: "holidays", Env: "MESOPLAN_HOLIDAYS", Help: "public holidays the clinic closes for: a region code such as IT or DE-BY, or none"},
	}
}

// runEnv is what every command shares in one run: the App, the root's
// persistent flags, the resolved settings and the catalog, loaded once.
type runEnv struct {
	app         *App
	configFlag  string
	catalogFlag []string

	configFile  string         // the config file read, or ""
	configLines map[string]int // line of each key in it
	settings    []*setting
	catalog     *planner.Catalog
}

// get returns a resolved setting by key.
func (e *runEnv) get(key string) *setting {
	for _, s := range e.settings {
		if s.Key == key {
			return s
		}
	}
	panic("unknown setting " + key) // a programming error, caught by tests
}

// resolve fills e.settings. Precedence, highest first:
//
//  1. a flag the user set on the command line;
//  2. a MESOPLAN_* environment variable;
//  3. the config file: --config, else $MESOPLAN_CONFIG, else
//     $XDG_CONFIG_HOME/mesoplan/config.yaml, else ~/.config/mesoplan/config.yaml;
//  4. the embedded defaults (configs/defaults.yaml).
func (e *runEnv) resolve(cmd *cobra.Command) error {
	defaults := viper.New()
	defaults.SetConfigType("yaml")
	if err := defaults.ReadConfig(bytes.NewReader(configs.Defaults())); err != nil {
		return fmt.Errorf("reading built-in defaults: %w", err)
	}
	file, err := e.readConfigFile()
	if err != nil {
		return err
	}
	e.settings = knownSettings()
	for _, s := range e.settings {
		switch {
		case s.Flag != "" && flagChanged(cmd, s.Flag):
			s.Source = "flag --" + s.Flag
			if s.Key == "catalog" {
				// pflag reads a lone --catalog "" back as no value at all.
				s.List = e.catalogFlag
			} else if s.IsList {
				s.List, _ = cmd.Flags().GetStringArray(s.Flag)
			} else {
				s.Value, _ = cmd.Flags().GetString(s.Flag)
			}
		case e.envSet(s.Env):
			v, _ := e.app.LookupEnv(s.Env)
			s.Source = "env " + s.Env
			if s.IsList {
				s.List = slices.DeleteFunc(filepath.SplitList(v), func(p string) bool { return p == "" })
			} else {
				s.Value = v
			}
		case file != nil && file.InConfig(s.Key):
			s.Source = fmt.Sprintf("config %s:%d", e.configFile, e.configLines[s.Key])
			if err := readSetting(file, s, e.configFile); err != nil {
				return err
			}
			if s.Key == "catalog" { // relative paths in the file are relative to it
				for i, p := range s.List {
					if !filepath.IsAbs(p) {
						s.List[i] = filepath.Join(filepath.Dir(e.configFile), p)
					}
				}
			}
		default:
			s.Source = "default"
			if err := readSetting(defaults, s, configs.CatalogName); err != nil {
				return err
			}
		}
		if s.IsList {
			s.Value = strings.Join(s.List, string(filepath.ListSeparator))
		}
	}
	return e.checkSettings()
}

func (e *runEnv) envSet(name string) bool {
	v, ok := e.app.LookupEnv(name)
	return ok && v != ""
}

func readSetting(v *viper.Viper, s *setting, from string) error {
	raw := v.Get(s.Key)
	if s.IsList {
		switch x := raw.(type) {
		case nil:
			s.List = nil
		case string:
			s.List = []string{x}
		case []any:
			for _, item := range x {
				str, ok := item.(string)
				if !ok {
					return fmt.Errorf("%s: %s must be a list of file names, got %v", from, s.Key, item)
				}
				s.List = append(s.List, str)
			}
		default:
			return fmt.Errorf("%s: %s must be a list of file names, got %v", from, s.Key, raw)
		}
		return nil
	}
	switch x := raw.(type) {
	case nil:
		s.Value = ""
	case string:
		s.Value = x
	case int, int64, float64, bool:
		return fmt.Errorf("%s: %s must be text in quotes, got %v", from, s.Key, x)
	default:
		return fmt.Errorf("%s: %s must be text, got %v", from, s.Key, x)
	}
	return nil
}

// readConfigFile finds and reads the config file; a file named with
// --config or MESOPLAN_CONFIG must exist, the default one may be absent.
func (e *runEnv) readConfigFile() (*viper.Viper, error) {
	path, explicit := e.configFlag, e.configFlag != ""
	if !explicit {
		if v, ok := e.app.LookupEnv("MESOPLAN_CONFIG"); ok && v != "" {
			path, explicit = v, true
		}
	}
	if !explicit {
		dir := ""
		if x, ok := e.app.LookupEnv("XDG_CONFIG_HOME"); ok && x != "" {
			dir = x
		} else if h, ok := e.app.LookupEnv("HOME"); ok && h != "" {
			dir = filepath.Join(h, ".config")
		}
		if dir == "" {
			return nil, nil
		}
		path = filepath.Join(dir, "mesoplan", "config.yaml")
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	lines, err := checkConfigKeys(path, data)
	if err != nil {
		return nil, err
	}
	e.configLines = lines
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("%s: invalid config file: %v", path, unwrapViper(err))
	}
	e.configFile = path
	return v, nil
}

// checkConfigKeys parses the config file on its own first, so that a
// syntax error, an unknown or repeated key is reported with its line;
// Viper reports none of them. It returns the line of each setting.
func checkConfigKeys(path string, data []byte) (map[string]int, error) {
	lines := map[string]int{}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, planner.YAMLError(path, data, err)
	}
	if len(doc.Content) == 0 {
		return lines, nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a config file is a mapping of settings, e.g. \"tz: Europe/Rome\"", path, root.Line)
	}
	known := map[string]bool{}
	var names []string
	for _, s := range knownSettings() {
		known[s.Key] = true
		names = append(names, s.Key)
	}
	var walk func(n *yaml.Node, prefix string) error
	walk = func(n *yaml.Node, prefix string) error {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			key := prefix + k.Value
			if line, dup := lines[key]; dup {
				return fmt.Errorf("%s:%d: setting %q is already set on line %d", path, k.Line, key, line)
			}
			lines[key] = k.Line
			switch {
			case known[key]:
			case val.Kind == yaml.MappingNode && slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, key+".") }):
				if err := walk(val, key+"."); err != nil {
					return err
				}
			default:
				return fmt.Errorf("%s:%d: unknown setting %q (known: %s)", path, k.Line, key, strings.Join(names, ", "))
			}
		}
		return nil
	}
	return lines, walk(root, "")
}

// checkSettings validates the values that came from the environment or the
// config file, so that a bad one is reported with where it came from by
// every command, including 'mesoplan config'. Flags are checked where they
// are used.
func (e *runEnv) checkSettings() error {
	for _, s := range e.settings {
		if (s.Value == "" && len(s.List) == 0) || !(strings.HasPrefix(s.Source, "env ") || strings.HasPrefix(s.Source, "config ")) {
			continue
		}
		var err error
		switch s.Key {
		case "tz":
			_, err = loadZone(s.Value, s.Source)
		case "time":
			if _, perr := planner.ParseClock(s.Value); perr != nil {
				err = settingError(perr, s.Source)
			}
		case "open_days":
			if _, perr := planner.ParseWeekdays(s.Value); perr != nil {
				err = settingError(perr, s.Source)
			}
		case "holidays":
			if !strings.EqualFold(s.Value, "none") {
				if _, perr := holidays.Lookup(s.Value); perr != nil {
					err = settingError(perr, s.Source)
				}
			}
		case "closed":
			for _, r := range s.List {
				if _, perr := planner.ParseDateRange(r); perr != nil {
					err = settingError(perr, s.Source)
					break
				}
			}
		case "clinic.email":
			if a, perr := mail.ParseAddress(s.Value); perr != nil || a.Address != s.Value {
				err = settingError(fmt.Errorf("invalid clinic e-mail address %q: want name@example.org", s.Value), s.Source)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func unwrapViper(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "While parsing config: ")
	return strings.TrimPrefix(msg, "yaml: ")
}

// loadCatalog returns the built-in catalog merged with the practitioner's
// files, loading it on first use.
func (e *runEnv) loadCatalog() (*planner.Catalog, error) {
	if e.catalog != nil {
		return e.catalog, nil
	}
	files := []planner.CatalogFile{{Name: configs.CatalogName, Data: configs.Catalog()}}
	for _, path := range e.get("catalog").List {
		if strings.TrimSpace(path) == "" {
			return nil, usageErrorf("empty catalog file name (from %s)", e.get("catalog").Source)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("reading catalog: %w", err)
		}
		files = append(files, planner.CatalogFile{Name: path, Data: data})
	}
	cat, err := planner.LoadCatalog(files...)
	if err != nil {
		return nil, err
	}
	e.catalog = cat
	return cat, nil
}

func newConfigCmd(env *runEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the effective settings and where each came from",
		Long: `Print every setting mesoplan uses, its effective value, and where it came
from: a flag, a MESOPLAN_* environment variable, the config file, or the
built-in default. Flags win over the environment, which wins over the
config file, which wins over the defaults.

The config file is --config FILE, else $MESOPLAN_CONFIG, else
$XDG_CONFIG_HOME/mesoplan/config.yaml, else ~/.config/mesoplan/config.yaml.
It is YAML with the keys listed here, e.g.:

  tz: Europe/Rome
  time: "09:30"
  clinic:
    name: Studio Bianchi
    address: Via Roma 1, Milano
  catalog: [my-protocols.yaml]`,
		Example: `  mesoplan config
  MESOPLAN_TZ=America/New_York mesoplan config --config clinic.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := env.app.Out
			file := env.configFile
			if file == "" {
				file = "(none)"
			}
			fmt.Fprintf(w, "config file: %s\n", file)
			t := tablewriter.NewTable(w, tableOptions()...)
			t.Header("Key", "Value", "Source", "Environment")
			for _, s := range env.settings {
				v := s.Value
				if v == "" {
					v = "-"
					if s.Key == "tz" {
						if sys, err := env.app.SystemZone(); err == nil {
							v = "- (system zone " + sys + ")"
						}
					}
				}
				if err := t.Append(s.Key, v, s.Source, s.Env); err != nil {
					return err
				}
			}
			return t.Render()
		},
	}
}
