package cmd

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// runEnv is what every command shares in one run: the App, the --config
// flag and, once the root has resolved them, the settings. The catalog is
// read and loaded on first use, once.
type runEnv struct {
	app        *App
	configFlag string
	quiet      bool // --quiet
	settings   *Settings
	catalog    *loadedCatalog
}

// loadedCatalog is the catalog in use and a reference to the files it was
// loaded from, hashed from the same bytes.
type loadedCatalog struct {
	*planner.Catalog
	Ref catalogRef
}

// catalogRef identifies the catalog a plan was made with and, in a saved
// plan, holds it: the text of every file, built-in one first, so that the
// plan is rescheduled with the rules it was made with, wherever and
// whenever, with or without the files.
type catalogRef struct {
	SHA256   string           `json:"sha256"`
	Files    []string         `json:"files"`
	Contents []catalogContent `json:"contents,omitempty"`
}

// catalogContent is one catalog file as it was read.
type catalogContent struct {
	Name string `json:"name"`
	YAML string `json:"yaml"`
}

// catalogFiles are the files a saved catalog holds, or nil for a plan
// saved before catalogs were kept (format version 1).
func (r catalogRef) catalogFiles() []planner.CatalogFile {
	var files []planner.CatalogFile
	for _, c := range r.Contents {
		files = append(files, planner.CatalogFile{Name: c.Name, Data: []byte(c.YAML)})
	}
	return files
}

// load loads the catalog a saved plan holds. Its hash must match: a
// catalog edited inside the file is refused, as is one of a plan saved
// before catalogs were kept when the catalog in use now differs.
func (r catalogRef) load(file string, current func() (*loadedCatalog, error)) (*loadedCatalog, error) {
	files := r.catalogFiles()
	if files == nil {
		cat, err := current()
		if err != nil {
			return nil, err
		}
		if cat.Ref.SHA256 != r.SHA256 {
			return nil, &fileError{where: file, err: fmt.Errorf("the plan was made with another catalog (%s); give the same files with --catalog, or plan the course again", strings.Join(r.Files, ", "))}
		}
		return cat, nil
	}
	if got := hashCatalog(files).SHA256; got != r.SHA256 {
		return nil, &fileError{where: file, err: errors.New("catalog.contents do not match catalog.sha256: the file was edited")}
	}
	cat, err := loadCatalogFiles(files)
	if err != nil {
		return nil, &fileError{where: file, err: fmt.Errorf("catalog.contents: %w", err)}
	}
	return &loadedCatalog{Catalog: cat, Ref: r}, nil
}

// loadCatalog returns the built-in catalog merged with the practitioner's
// files, reading each file once.
func (e *runEnv) loadCatalog() (*loadedCatalog, error) {
	if e.catalog != nil {
		return e.catalog, nil
	}
	files := []planner.CatalogFile{{Name: configs.CatalogName, Data: configs.Catalog()}}
	for _, path := range e.settings.Catalog {
		if strings.TrimSpace(path) == "" {
			return nil, settingError(errors.New("empty catalog file name"), e.settings.Sources.Catalog)
		}
		data, err := readInput(path, "catalog", maxCatalogBytes)
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))) == 0 {
			// A file not saved, or cut to nothing (a BOM alone is what
			// an editor saves for an empty UTF-8 file), would plan on
			// the built-in catalog without a word. Comments alone are a
			// catalog that adds nothing, as written; and a saved plan
			// keeps whatever catalog it was made with.
			return nil, &fileError{where: path, err: errors.New("the file is empty: a catalog holds some of the keys version, sources, rules, contraindications, treatments, languages")}
		}
		files = append(files, planner.CatalogFile{Name: path, Data: data})
	}
	cat, err := loadCatalogFiles(files)
	if err != nil {
		return nil, err
	}
	e.catalog = &loadedCatalog{Catalog: cat, Ref: hashCatalog(files)}
	return e.catalog, nil
}

// hashCatalog hashes the catalog files in order, built-in one first, and
// keeps their text.
func hashCatalog(files []planner.CatalogFile) catalogRef {
	h := sha256.New()
	var ref catalogRef
	for i, f := range files {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write(f.Data)
		ref.Files = append(ref.Files, f.Name)
		ref.Contents = append(ref.Contents, catalogContent{Name: f.Name, YAML: string(f.Data)})
	}
	ref.SHA256 = hex.EncodeToString(h.Sum(nil))
	return ref
}

// configOptions is everything 'mesoplan config' needs.
type configOptions struct {
	app      *App
	Settings *Settings
	Format   string
}

const configLong = `Print every setting mesoplan uses, its effective value, and where it came
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
    phone: +39 02 1234 5678
    url: https://studio-bianchi.example
  catalog: [my-protocols.yaml]`

func newConfigCmd(env *runEnv, runF func(*configOptions) error) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective settings and where each came from",
		Long:  configLong,
		Example: `  mesoplan config
  MESOPLAN_TZ=America/New_York mesoplan config --config clinic.yaml
  mesoplan config --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkDataFormat(format); err != nil {
				return err
			}
			opts := &configOptions{app: env.app, Settings: env.settings, Format: format}
			if runF != nil {
				return runF(opts)
			}
			return configRun(opts)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output `format`: table, json or tsv")
	return cmd
}

// settingJSON is one setting in 'config --format json'.
type settingJSON struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"`
	Env    string `json:"env"`
}

func configRun(opts *configOptions) error {
	w, s := opts.app.Out, opts.Settings
	file := s.ConfigFile
	if file == "" {
		file = "(none)"
	}
	d := dataOutput{Before: "config file: " + file, Header: []string{"Key", "Value", "Source", "Environment"}}
	list := []settingJSON{}
	for _, def := range settingDefs() {
		v := def.show(s)
		list = append(list, settingJSON{Key: def.Key, Value: v, Source: def.source(&s.Sources).String(), Env: def.Env})
		if v == "" {
			v = "-"
			if def.Key == "tz" {
				if sys, err := opts.app.SystemZone(); err == nil {
					v = "- (system zone " + sys + ")"
				}
			}
		}
		d.Rows = append(d.Rows, []string{def.Key, v, def.source(&s.Sources).String(), def.Env})
	}
	d.JSON = struct {
		SchemaVersion int           `json:"schema_version"`
		ConfigFile    string        `json:"config_file"`
		Settings      []settingJSON `json:"settings"`
	}{jsonSchemaVersion, s.ConfigFile, list}
	return writeData(w, opts.Format, opts.app.width(), d)
}

// loadCatalogFiles loads catalog files as planner.LoadCatalog does, then
// checks their languages' messages as locale will write them; the
// built-in catalog alone, as every command loads it, is checked by
// locale's tests instead of at every start.
func loadCatalogFiles(files []planner.CatalogFile) (*planner.Catalog, error) {
	cat, err := planner.LoadCatalog(files...)
	if err != nil {
		return nil, err
	}
	if len(files) == 1 && bytes.Equal(files[0].Data, configs.Catalog()) {
		return cat, nil
	}
	if err := locale.Validate(cat); err != nil {
		return nil, err
	}
	return cat, nil
}
