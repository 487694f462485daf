package planner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// CatalogFile is one catalog document: its name (a path, or "built-in") for
// error messages, and its YAML text.
type CatalogFile struct {
	Name string
	Data []byte
}

// LoadCatalog decodes and merges catalog files in order (later files add
// entries or replace earlier ones with the same id), then validates the
// result. Errors name the file and line.
//
// A first file holding exactly the built-in catalog is not decoded: its
// compiled form (catalog_compiled.go, made from it and checked against it
// by TestCompiledCatalog) is used, validated when it was compiled. Parsing
// its YAML was most of the time a single plan took.
func LoadCatalog(files ...CatalogFile) (*Catalog, error) {
	if len(files) > 0 && isCompiledCatalog(files[0].Data) {
		merged := compiledCatalog(&fileIndex{name: files[0].Name, data: files[0].Data})
		if len(files) == 1 {
			return merged, nil
		}
		return mergeCatalogs(merged, files[1:])
	}
	return decodeCatalogs(files)
}

// decodeCatalogs is LoadCatalog decoding every file.
func decodeCatalogs(files []CatalogFile) (*Catalog, error) {
	return mergeCatalogs(&Catalog{Version: 1, Sources: map[string]string{}}, files)
}

// mergeCatalogs decodes files into merged, in order, and validates the
// result.
func mergeCatalogs(merged *Catalog, files []CatalogFile) (*Catalog, error) {
	for _, f := range files {
		c, err := decodeCatalog(f)
		if err != nil {
			return nil, err
		}
		merged.merge(c)
	}
	if err := merged.validate(); err != nil {
		return nil, err
	}
	return merged, nil
}

// isCompiledCatalog reports whether data is the catalog file that
// compiledCatalog holds.
func isCompiledCatalog(data []byte) bool {
	if len(data) != compiledCatalogSize {
		return false
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]) == compiledCatalogSHA256
}

// decodeCatalog decodes one catalog file strictly (an unknown key is an
// error, so that a misspelt key cannot silently drop a setting) and tags
// each entry with its origin for later validation errors. Errors that need
// the other files, such as a rule defined in a later one, wait for
// validate.
func decodeCatalog(f CatalogFile) (*Catalog, error) {
	if !utf8.Valid(f.Data) {
		// The YAML decoder says "invalid trailing UTF-8 octet", no line.
		bad := len(f.Data)
		for i := 0; i < len(f.Data); {
			r, size := utf8.DecodeRune(f.Data[i:])
			if r == utf8.RuneError && size <= 1 {
				bad = i
				break
			}
			i += size
		}
		return nil, fmt.Errorf("%s:%d: not UTF-8 text: save the file as UTF-8", f.Name, 1+bytes.Count(f.Data[:bad], []byte{'\n'}))
	}
	// One parse: the document's nodes give the line of every entry and
	// decode into the catalog (parsing twice was most of a plan's time).
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		return nil, YAMLError(f.Name, f.Data, err)
	}
	// A second document would be silently ignored: refuse it.
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fmt.Errorf("%s:%d: a catalog file holds one YAML document; this is a second one", f.Name, max(extra.Line, 1))
	} else if !errors.Is(err, io.EOF) {
		return nil, YAMLError(f.Name, f.Data, err)
	}
	if n := largeMapping(&root); n != nil {
		return nil, fmt.Errorf("%s:%d: a mapping of more than %d keys: a catalog has far fewer", f.Name, n.Line, maxMappingKeys)
	}
	idx := &fileIndex{name: f.Name, lines: map[string]int{}}
	indexNode(&root, "", idx.lines)

	if len(root.Content) > 0 && root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a catalog must be a mapping with keys version, sources, rules, contraindications, treatments", f.Name, root.Content[0].Line)
	}
	var c Catalog
	if root.Kind != 0 {
		if err := root.Load(&c, yaml.WithKnownFields()); err != nil {
			return nil, YAMLError(f.Name, f.Data, err, YAMLKeys(Catalog{})...)
		}
	}
	if c.Version != 0 && c.Version != 1 {
		return nil, fmt.Errorf("%s: unsupported catalog version %d: this mesoplan reads version 1", idx.position("version"), c.Version)
	}
	c.setOrigins(idx)
	if err := checkUniqueIDs(idx, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// maxMappingKeys bounds the keys of one mapping in a catalog: a real one
// has a few dozen sources at most, and the decoder's duplicate-key check
// takes seconds past tens of thousands.
const maxMappingKeys = 10_000

// largeMapping returns the first mapping node with more than
// maxMappingKeys keys, or nil.
func largeMapping(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.MappingNode && len(n.Content)/2 > maxMappingKeys {
		return n
	}
	for _, c := range n.Content {
		if m := largeMapping(c); m != nil {
			return m
		}
	}
	return nil
}

// setOrigins tags each entry with where it is defined in the file of idx.
func (c *Catalog) setOrigins(idx *fileIndex) {
	for i := range c.Rules {
		c.Rules[i].origin = origin{idx, fmt.Sprintf("rules[%d]", i)}
	}
	for i := range c.Contraindications {
		c.Contraindications[i].origin = origin{idx, fmt.Sprintf("contraindications[%d]", i)}
	}
	for i := range c.Treatments {
		c.Treatments[i].origin = origin{idx, fmt.Sprintf("treatments[%d]", i)}
	}
}

// checkUniqueIDs refuses an id used twice in one list of one file. The same
// id in two files is not a duplicate but a replacement; see merge.
func checkUniqueIDs(idx *fileIndex, c *Catalog) error {
	if err := uniqueIDs(idx, "rules", c.Rules, func(r Rule) string { return r.ID }); err != nil {
		return err
	}
	if err := uniqueIDs(idx, "contraindications", c.Contraindications, func(ci Contraindication) string { return ci.ID }); err != nil {
		return err
	}
	return uniqueIDs(idx, "treatments", c.Treatments, func(t Treatment) string { return t.ID })
}

// uniqueIDs refuses the first entry of the named list whose id an earlier
// entry already has.
func uniqueIDs[T any](idx *fileIndex, list string, entries []T, id func(T) string) error {
	first := map[string]int{}
	for i, e := range entries {
		if j, ok := first[id(e)]; ok {
			return fmt.Errorf("%s: duplicate id %q in %s (first at %s)", idx.position(fmt.Sprintf("%s[%d].id", list, i)), id(e), list, idx.position(fmt.Sprintf("%s[%d].id", list, j)))
		}
		first[id(e)] = i
	}
	return nil
}

// origin remembers where an entry was defined, so that validation errors
// can name the file and line.
type origin struct {
	file *fileIndex
	path string // e.g. "treatments[2]"
}

// at returns "file:line" for a key below the entry, e.g. "phases[0].interval_days".
func (o origin) at(sub string) string {
	if o.file == nil {
		return "catalog"
	}
	p := o.path
	if sub != "" {
		p += "." + sub
	}
	return o.file.position(p)
}

// fileIndex maps key paths of one YAML document to line numbers.
type fileIndex struct {
	name  string
	lines map[string]int
	// data, when set, is the document, indexed only when a position is
	// asked for: the compiled built-in catalog needs its lines only for
	// an error in a catalog merged with it.
	data []byte
	once sync.Once
}

// position returns "file:line" for a key path such as
// "treatments[2].phases[0]", or the line of the nearest enclosing key when
// the path has none (a key left out), or just the file name.
func (f *fileIndex) position(path string) string {
	if f.data != nil {
		f.once.Do(func() {
			f.lines = map[string]int{}
			var root yaml.Node
			if yaml.Unmarshal(f.data, &root) == nil {
				indexNode(&root, "", f.lines)
			}
		})
	}
	// Fall back to the nearest enclosing key that has a line.
	for p := path; p != ""; {
		if line, ok := f.lines[p]; ok {
			return fmt.Sprintf("%s:%d", f.name, line)
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return f.name
}

// indexNode records in lines the line of every mapping key and sequence
// item below n, under paths in the form position takes.
func indexNode(n *yaml.Node, path string, lines map[string]int) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			indexNode(c, path, lines)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			p := k
			if path != "" {
				p = path + "." + k
			}
			lines[p] = n.Content[i].Line
			indexNode(n.Content[i+1], p, lines)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			lines[p] = c.Line
			indexNode(c, p, lines)
		}
	}
}

// UnmarshalYAML decodes a span written as in [ParseSpan]; the decoder adds
// the line of a bad value.
func (s *Span) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return errors.New("a duration must be a value such as 48h or 7d")
	}
	v, err := ParseSpan(n.Value)
	if err != nil {
		return err
	}
	*s = v
	return nil
}
