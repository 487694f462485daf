package planner

import (
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/configs"
)

// BenchmarkLoadCatalog measures loading the built-in catalog, which every
// command pays once at start-up: recognising it and building its compiled
// form.
func BenchmarkLoadCatalog(b *testing.B) {
	for b.Loop() {
		if _, err := LoadCatalog(CatalogFile{Name: "catalog.yaml", Data: configs.Catalog()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeCatalog measures decoding and validating the built-in
// catalog's YAML, as a practitioner's catalog and saved plans are read.
func BenchmarkDecodeCatalog(b *testing.B) {
	for b.Loop() {
		if _, err := decodeCatalogs([]CatalogFile{{Name: "catalog.yaml", Data: configs.Catalog()}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMake measures planning the longest built-in course (cellulite,
// with maintenance sessions), as a batch of many patients would.
func BenchmarkMake(b *testing.B) {
	cat, err := LoadCatalog(CatalogFile{Name: "catalog.yaml", Data: configs.Catalog()})
	if err != nil {
		b.Fatal(err)
	}
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Treatment: "cellulite", Start: Date{2027, time.March, 16}, Time: Clock{10, 0}, Location: loc}
	for b.Loop() {
		if _, err := Make(cat, req); err != nil {
			b.Fatal(err)
		}
	}
}
