package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v4"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/planner"
)

// Settings are the values every command may use, resolved once per run
// from flags, MESOPLAN_* variables, the config file and the built-in
// defaults (configs/defaults.yaml), each parsed into its type. Commands
// read these fields; none looks a setting up by name.
type Settings struct {
	// Zone is the plan's time zone; the zero Zone leaves it to the
	// system zone.
	Zone     planner.Zone        `mapstructure:"tz"`
	Time     planner.Clock       `mapstructure:"time"`
	Clinic   clinic              `mapstructure:"clinic"`
	Catalog  []string            `mapstructure:"catalog"`
	OpenDays planner.Weekdays    `mapstructure:"open_days"`
	Closed   []planner.DateRange `mapstructure:"closed"`
	Holidays holidayRegion       `mapstructure:"holidays"`
	// Lang is the language of what the patient reads, as given (a BCP 47
	// tag); the catalog's languages decide which it is, see locale.Match.
	Lang langTag `mapstructure:"lang"`

	// ConfigFile is the config file read, or "".
	ConfigFile string `mapstructure:"-"`
	// Sources says where each value came from.
	Sources Sources `mapstructure:"-"`
}

// Sources records, for each setting, the layer its value came from.
type Sources struct {
	Zone, Time                             Source
	ClinicName, ClinicAddress, ClinicPhone Source
	ClinicEmail, ClinicURL                 Source
	Catalog, OpenDays, Closed, Holidays    Source
	Lang                                   Source
}

// Layer is where a setting can come from, lowest precedence first.
type Layer int

// The layers, in order of precedence: a flag beats a variable, which beats
// the config file, which beats the built-in default. A saved plan's own
// inputs stand apart: 'reschedule' takes the clinic's calendar from them.
const (
	LayerDefault Layer = iota
	LayerFile
	LayerEnv
	LayerFlag
	LayerPlan
	// LayerSystem is the machine's own time zone, used when no layer sets
	// one.
	LayerSystem
)

// Source says where one setting's value came from.
type Source struct {
	Layer Layer
	// Name is the flag (without dashes), the variable or the file.
	Name string
	// Line is the line of the key in the config file.
	Line int
}

// String writes the source as 'mesoplan config' shows it and errors name
// it: "flag --tz", "env MESOPLAN_TZ", "config FILE:LINE", "plan file
// FILE" or "default".
func (s Source) String() string {
	switch s.Layer {
	case LayerFlag:
		return "flag --" + s.Name
	case LayerEnv:
		return "env " + s.Name
	case LayerFile:
		return fmt.Sprintf("config %s:%d", s.Name, s.Line)
	case LayerPlan:
		return "plan file " + s.Name
	case LayerSystem:
		return "the system zone"
	}
	return "default"
}

// settingDef describes one setting: its key in the config file, the flag
// and the variable that set it, and how 'mesoplan config' shows it.
type settingDef struct {
	Key  string // key in the config file, e.g. "clinic.name"
	Flag string // the flag that sets it, or ""
	Env  string // the variable that sets it
	Help string
	// Hint says how the value is written, for an error.
	Hint string
	List bool // a list: the variable separates entries with the list separator
	// source is the setting's field in Sources.
	source func(*Sources) *Source
	// show writes the value for 'mesoplan config' ("" shows as "-").
	show func(*Settings) string
}

// settingDefs lists every setting, in the order 'mesoplan config' prints
// them.
func settingDefs() []settingDef {
	sep := string(filepath.ListSeparator)
	return []settingDef{
		{Key: "tz", Flag: "tz", Env: "MESOPLAN_TZ", Help: "IANA time zone of the plan (empty: the system zone)",
			source: func(s *Sources) *Source { return &s.Zone }, show: func(s *Settings) string { return s.Zone.String() }},
		{Key: "time", Flag: "time", Env: "MESOPLAN_TIME", Help: "session time, HH:MM", Hint: "times are written HH:MM on a 24-hour clock, e.g. 09:30 or 17:45",
			source: func(s *Sources) *Source { return &s.Time }, show: func(s *Settings) string { return s.Time.String() }},
		{Key: "clinic.name", Flag: "clinic-name", Env: "MESOPLAN_CLINIC_NAME", Help: "clinic name shown on plans and in every session",
			source: func(s *Sources) *Source { return &s.ClinicName }, show: func(s *Settings) string { return s.Clinic.Name }},
		{Key: "clinic.address", Flag: "clinic-address", Env: "MESOPLAN_CLINIC_ADDRESS", Help: "clinic address shown on plans and in every session",
			source: func(s *Sources) *Source { return &s.ClinicAddress }, show: func(s *Settings) string { return s.Clinic.Address }},
		{Key: "clinic.phone", Flag: "clinic-phone", Env: "MESOPLAN_CLINIC_PHONE", Help: "clinic phone number, for patients to call",
			source: func(s *Sources) *Source { return &s.ClinicPhone }, show: func(s *Settings) string { return string(s.Clinic.Phone) }},
		{Key: "clinic.email", Flag: "clinic-email", Env: "MESOPLAN_CLINIC_EMAIL", Help: "clinic e-mail, the organizer of exported events",
			source: func(s *Sources) *Source { return &s.ClinicEmail }, show: func(s *Settings) string { return string(s.Clinic.Email) }},
		{Key: "clinic.url", Flag: "clinic-url", Env: "MESOPLAN_CLINIC_URL", Help: "clinic web address (https://...)",
			source: func(s *Sources) *Source { return &s.ClinicURL }, show: func(s *Settings) string { return string(s.Clinic.URL) }},
		{Key: "catalog", Flag: "catalog", Env: "MESOPLAN_CATALOG", List: true, Help: "practitioner catalog files (environment: separated by " + sep + ")",
			source: func(s *Sources) *Source { return &s.Catalog }, show: func(s *Settings) string { return strings.Join(s.Catalog, sep) }},
		{Key: "open_days", Flag: "open", Env: "MESOPLAN_OPEN_DAYS", Help: "the clinic's opening days, e.g. mon-fri", Hint: "e.g. mon-fri, mon-sat or tue,thu",
			source: func(s *Sources) *Source { return &s.OpenDays }, show: func(s *Settings) string { return s.OpenDays.Spec() }},
		{Key: "closed", Flag: "closed", Env: "MESOPLAN_CLOSED", List: true, Help: "dates or ranges the clinic is closed (environment: separated by " + sep + ")", Hint: "give a date or a range, e.g. 2027-12-24 or 2027-08-09..2027-08-20",
			source: func(s *Sources) *Source { return &s.Closed }, show: func(s *Settings) string { return joinRanges(s.Closed, sep) }},
		{Key: "holidays", Flag: "holidays", Env: "MESOPLAN_HOLIDAYS", Help: "public holidays the clinic closes for: a region code such as IT or DE-BY, or none",
			source: func(s *Sources) *Source { return &s.Holidays }, show: func(s *Settings) string { return s.Holidays.String() }},
		{Key: "lang", Flag: "lang", Env: "MESOPLAN_LANG", Help: "language of what the patient reads: en, it, or one a catalog file adds", Hint: "give a language tag such as en or it",
			source: func(s *Sources) *Source { return &s.Lang }, show: func(s *Settings) string { return string(s.Lang) }},
	}
}

// settingAnnotation marks a flag that sets a setting; its value is the
// setting's key. Only such flags are bound, so a command's own flag of the
// same name (reschedule --time) is not taken for the setting.
const settingAnnotation = "mesoplan_setting"

// markSetting marks flag name in fs as the one that sets key.
func markSetting(fs *pflag.FlagSet, name, key string) {
	_ = fs.SetAnnotation(name, settingAnnotation, []string{key})
}

func joinRanges(rs []planner.DateRange, sep string) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, sep)
}

// configFile is the config file of a run, read and parsed once: its
// path, the values it sets and the line of each key.
type configFile struct {
	Path string
	// Values are the settings the file gives a value; a key left empty
	// (null or "") sets nothing, as an empty variable does.
	Values map[string]any
	Lines  map[string]int
}

// resolveSettings decides every setting. Precedence, highest first:
//
//  1. a flag the user set on the command line;
//  2. a MESOPLAN_* environment variable;
//  3. the config file: --config, else $MESOPLAN_CONFIG, else
//     $XDG_CONFIG_HOME/mesoplan/config.yaml, else ~/.config/mesoplan/config.yaml;
//  4. the embedded defaults (configs/defaults.yaml).
//
// One Viper holds the layers: the defaults as defaults, the config file
// as its config, the variables merged over the file, and the flags bound
// to it; a single UnmarshalExact, with decode hooks for each type, turns
// the result into Settings. Variables are read through App.LookupEnv, not
// by Viper from the process, so that tests decide the environment.
func resolveSettings(app *App, flags *pflag.FlagSet, configFlag string) (*Settings, error) {
	file, err := readConfigFile(app, configFlag)
	if err != nil {
		return nil, err
	}
	defs := settingDefs()
	v := viper.New()
	v.SetConfigType("yaml")
	if err := setDefaults(v, defs); err != nil {
		return nil, err
	}
	if file != nil {
		if err := v.MergeConfigMap(file.Values); err != nil {
			return nil, fmt.Errorf("%s: invalid config file: %v", file.Path, err)
		}
	}
	s := &Settings{}
	env := map[string]any{}
	for _, d := range defs {
		src := d.source(&s.Sources)
		flag := settingFlag(flags, d)
		switch {
		case flag != nil && flag.Changed:
			*src = Source{Layer: LayerFlag, Name: d.Flag}
			if err := checkListFlag(flag, d, *src); err != nil {
				return nil, err
			}
			if err := v.BindPFlag(d.Key, flag); err != nil {
				return nil, err
			}
		case envSet(app, d.Env):
			*src = Source{Layer: LayerEnv, Name: d.Env}
			val, _ := app.LookupEnv(d.Env)
			setPath(env, d.Key, val)
		case file != nil && file.Lines[d.Key] > 0:
			*src = Source{Layer: LayerFile, Name: file.Path, Line: file.Lines[d.Key]}
		}
	}
	if err := v.MergeConfigMap(env); err != nil {
		return nil, err
	}
	decodeNil := func(c *mapstructure.DecoderConfig) { c.DecodeNil = true } // an empty list entry reaches the hooks
	if err := v.UnmarshalExact(s, viper.DecodeHook(settingHooks()), decodeNil); err != nil {
		return nil, settingDecodeError(err, defs, s.Sources)
	}
	if f := flags.Lookup("catalog"); f != nil && f.Changed {
		// Viper reads a lone --catalog "" back as no file at all; take the
		// names as given, so that loading the catalog can refuse it.
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			s.Catalog = sv.GetSlice()
		}
	}
	if file != nil {
		s.ConfigFile = file.Path
		if s.Sources.Catalog.Layer == LayerFile { // relative to the file
			for i, p := range s.Catalog {
				if p != "" && !filepath.IsAbs(p) {
					s.Catalog[i] = filepath.Join(filepath.Dir(file.Path), p)
				}
			}
		}
	}
	return s, nil
}

// checkListFlag refuses an empty entry in a repeatable flag (--catalog "",
// a variable left empty in a script), which would otherwise vanish on its
// way through Viper.
func checkListFlag(flag *pflag.Flag, d settingDef, src Source) error {
	sv, ok := flag.Value.(pflag.SliceValue)
	if !ok || d.Key == "catalog" || !slices.ContainsFunc(sv.GetSlice(), func(v string) bool { return strings.TrimSpace(v) == "" }) {
		return nil // an empty catalog name is refused when the catalog is loaded
	}
	return settingError(errors.New("empty value"), src)
}

// settingFlag returns the flag of fs that sets d, if the command has one.
func settingFlag(fs *pflag.FlagSet, d settingDef) *pflag.Flag {
	if d.Flag == "" || fs == nil {
		return nil
	}
	f := fs.Lookup(d.Flag)
	if f == nil || !slices.Equal(f.Annotations[settingAnnotation], []string{d.Key}) {
		return nil
	}
	return f
}

func envSet(app *App, name string) bool {
	v, ok := app.LookupEnv(name)
	return ok && v != ""
}

// setDefaults gives Viper the embedded defaults.
func setDefaults(v *viper.Viper, defs []settingDef) error {
	var doc map[string]any
	if err := yaml.Unmarshal(configs.Defaults(), &doc); err != nil {
		return fmt.Errorf("reading built-in defaults: %w", err)
	}
	for _, d := range defs {
		val, ok := getPath(doc, d.Key)
		if !ok {
			return fmt.Errorf("built-in defaults: no value for %s", d.Key)
		}
		v.SetDefault(d.Key, val)
	}
	return nil
}

// getPath and setPath read and write a dotted key in nested maps.
func getPath(m map[string]any, key string) (any, bool) {
	head, rest, nested := strings.Cut(key, ".")
	val, ok := m[head]
	if !ok || !nested {
		return val, ok
	}
	sub, isMap := val.(map[string]any)
	if !isMap {
		return nil, false
	}
	return getPath(sub, rest)
}

func setPath(m map[string]any, key string, val any) {
	head, rest, nested := strings.Cut(key, ".")
	if !nested {
		m[head] = val
		return
	}
	sub, ok := m[head].(map[string]any)
	if !ok {
		sub = map[string]any{}
		m[head] = sub
	}
	setPath(sub, rest, val)
}

// readConfigFile finds and reads the config file; a file named with
// --config or MESOPLAN_CONFIG must exist, the default one may be absent.
// It is read once: the same bytes give the line of each key (and report a
// syntax error, an unknown or repeated key with its line) and the values.
func readConfigFile(app *App, configFlag string) (*configFile, error) {
	path, explicit := configFlag, configFlag != ""
	if !explicit {
		if v, ok := app.LookupEnv("MESOPLAN_CONFIG"); ok && v != "" {
			path, explicit = v, true
		}
	}
	if !explicit {
		dir := ""
		if x, ok := app.LookupEnv("XDG_CONFIG_HOME"); ok && x != "" {
			dir = x
		} else if h, ok := app.LookupEnv("HOME"); ok && h != "" {
			dir = filepath.Join(h, ".config")
		}
		if dir == "" {
			return nil, nil
		}
		if info, err := os.Stat(dir); err == nil && !info.IsDir() {
			return nil, nil // an $XDG_CONFIG_HOME that is a file holds no config
		}
		path = filepath.Join(dir, "mesoplan", "config.yaml")
		_, err := os.Stat(path)
		if skip, unreachable := skipDefaultConfig(err); skip {
			if unreachable {
				fmt.Fprintf(app.Err, "mesoplan: note: the default config %s cannot be reached (permission denied): none is read; --config names one\n", path)
			}
			return nil, nil
		}
	}
	data, err := readInput(path, "config", maxConfigBytes)
	if err != nil {
		return nil, err
	}
	return parseConfig(path, data)
}

// skipDefaultConfig says, from the error of its stat, whether the default
// config file is not read: absent, or unreachable, when a folder on the way
// cannot be searched (another user's $HOME, kept by sudo). Whether a config
// is there cannot then be known, which is no reason to refuse every
// command; a file that is there but unreadable is still an error.
func skipDefaultConfig(err error) (skip, unreachable bool) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return true, false
	case errors.Is(err, fs.ErrPermission):
		return true, true
	}
	return false, false
}

// parseConfig parses the config file once, as YAML nodes: a syntax error,
// an unknown or a repeated key is reported with its line, which Viper
// cannot do, and the values are decoded from the same nodes.
func parseConfig(path string, data []byte) (*configFile, error) {
	file := &configFile{Path: path, Values: map[string]any{}, Lines: map[string]int{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, planner.YAMLError(path, data, err)
	}
	if len(doc.Content) == 0 {
		return file, nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a config file is a mapping of settings, e.g. \"tz: Europe/Rome\"", path, root.Line)
	}
	var names []string
	for _, d := range settingDefs() {
		names = append(names, d.Key)
	}
	seen := map[string]int{}
	var walk func(n *yaml.Node, prefix string) error
	walk = func(n *yaml.Node, prefix string) error {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			key := prefix + k.Value
			if line, dup := seen[key]; dup {
				return fmt.Errorf("%s:%d: setting %q is already set on line %d", path, k.Line, key, line)
			}
			seen[key] = k.Line
			switch {
			case slices.Contains(names, key):
				if val.Kind == yaml.ScalarNode && (val.Tag == "!!null" || val.Value == "") {
					continue // "tz:" or tz: "" sets nothing
				}
				var v any
				if err := val.Decode(&v); err != nil {
					return planner.YAMLError(path, data, err)
				}
				setPath(file.Values, key, v)
				file.Lines[key] = k.Line
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
	return file, walk(root, "")
}
