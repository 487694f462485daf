// Package configs embeds mesoplan's built-in data: the treatment catalog
// (catalog.yaml, format in docs/catalog.md) and the default settings
// (defaults.yaml), so the binary works with no files beside it.
package configs

import _ "embed"

//go:embed catalog.yaml
var catalog []byte

//go:embed defaults.yaml
var defaults []byte

// CatalogName is how the built-in catalog is named in error messages.
const CatalogName = "built-in catalog.yaml"

// Catalog returns the built-in catalog's YAML text.
func Catalog() []byte { return catalog }

// Defaults returns the built-in default settings' YAML text: the lowest
// layer of configuration, below the config file, the environment and flags.
func Defaults() []byte { return defaults }
