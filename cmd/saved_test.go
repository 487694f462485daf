package cmd

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/planner"
)

// TestHashCatalog checks that the saved catalog hash is the SHA-256 of
// the files in order, separated by a zero byte, taken from the bytes the
// catalog was loaded from.
func TestHashCatalog(t *testing.T) {
	files := []planner.CatalogFile{{Name: "built-in", Data: []byte("a")}, {Name: "x.yaml", Data: []byte("b")}}
	sum := sha256.Sum256([]byte("a\x00b"))
	ref := hashCatalog(files)
	if ref.SHA256 != hex.EncodeToString(sum[:]) || len(ref.Files) != 2 || ref.Files[1] != "x.yaml" {
		t.Errorf("got %+v", ref)
	}
	one := hashCatalog(files[:1])
	if sum := sha256.Sum256([]byte("a")); one.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("built-in alone: %s", one.SHA256)
	}
}

// TestSaveCourse checks what --save writes for a course planned now and
// for one loaded with --from, with and without what an export adds.
func TestSaveCourse(t *testing.T) {
	app, _, _ := testApp(nil)
	if err := pinClock(app); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	zone, _ := planner.LoadZone("Europe/Rome")
	in := courseInputs{Treatment: "hair", Start: date("2027-03-16"), Time: planner.Clock{Hour: 10}, Zone: zone,
		Clinic: clinicCalendar{OpenDays: weekdays("mon-sat")}}
	plan := &planner.Plan{Treatment: planner.TreatmentRef{ID: "hair"}, Zone: zone}
	read := func(path string) savedPlan {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc savedPlan
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}

	fresh := filepath.Join(dir, "fresh.json")
	c := &course{Plan: plan, PlanID: "id-1", Inputs: in, Catalog: catalogRef{SHA256: "abc", Files: []string{"built-in"}}}
	if err := saveCourse(app, fresh, c, exportRecord{}); err != nil {
		t.Fatal(err)
	}
	doc := read(fresh)
	if doc.Format != savedFormat || doc.Version != savedVersion || doc.Saved != "2027-01-01T00:00:00Z" ||
		doc.Inputs.PlanID != "id-1" || doc.Inputs.Start != "2027-03-16" || doc.Inputs.OpenDays != "mon-sat" ||
		doc.Catalog.SHA256 != "abc" || doc.Inputs.Export != nil || doc.Calendar != nil {
		t.Errorf("fresh: %+v", doc)
	}

	// Loaded, then exported: the file's inputs stay, the export's are added.
	loaded := savedCourse(&doc)
	loaded.PlanID = "id-2"
	states := []ical.EventState{{UID: "u", Sequence: 1}}
	again := filepath.Join(dir, "again.json")
	rec := exportRecord{Patient: "Anna", Choices: &exportChoices{Audience: "patient", QuietHours: "none", Remind: "24h"}, Calendar: states}
	if err := saveCourse(app, again, loaded, rec); err != nil {
		t.Fatal(err)
	}
	doc2 := read(again)
	if doc2.Inputs.PlanID != "id-2" || doc2.Inputs.Patient != "Anna" || doc2.Inputs.Start != "2027-03-16" ||
		doc2.Inputs.Export == nil || *doc2.Inputs.Export != *rec.Choices || len(doc2.Calendar) != 1 || doc2.Catalog.SHA256 != "abc" {
		t.Errorf("loaded: %+v", doc2)
	}
	// A later plain save keeps the patient and the export it does not change.
	if err := saveCourse(app, again, savedCourse(&doc2), exportRecord{}); err != nil {
		t.Fatal(err)
	}
	if doc3 := read(again); doc3.Inputs.Patient != "Anna" || doc3.Inputs.Export == nil || len(doc3.Calendar) != 1 {
		t.Errorf("saved again: %+v", doc3)
	}
}

// TestSavedVersion1 reads what a plan saved before catalogs and calendars
// were kept holds: calendars as paths, no catalog text.
func TestSavedVersion1(t *testing.T) {
	var in savedInputs
	if err := json.Unmarshal([]byte(`{"busy": ["anna.ics", "/abs/ben.ics"]}`), &in); err != nil {
		t.Fatal(err)
	}
	if len(in.Busy) != 2 || in.Busy[0].Path != "anna.ics" || in.Busy[0].SHA256 != "" || in.Busy[1].Path != "/abs/ben.ics" {
		t.Errorf("version 1 busy: %+v", in.Busy)
	}
	if err := json.Unmarshal([]byte(`{"busy": [{"path": "/abs/anna.ics", "sha256": "ab"}]}`), &in); err != nil || in.Busy[0] != (busyFile{Path: "/abs/anna.ics", SHA256: "ab"}) {
		t.Errorf("version 2 busy: %+v, %v", in.Busy, err)
	}

	builtin := []planner.CatalogFile{{Name: "built-in catalog.yaml", Data: builtinCatalog(t)}}
	current := func() (*loadedCatalog, error) {
		cat, err := planner.LoadCatalog(builtin...)
		return &loadedCatalog{Catalog: cat, Ref: hashCatalog(builtin)}, err
	}
	v1 := hashCatalog(builtin)
	v1.Contents = nil
	if cat, err := v1.load("p.json", current); err != nil || cat.Catalog == nil {
		t.Errorf("version 1, same catalog: %v", err)
	}
	v1.SHA256 = "0000"
	if _, err := v1.load("p.json", current); err == nil || exitCode(err) != exitFailure {
		t.Errorf("version 1, another catalog: %v", err)
	}
	v2 := hashCatalog(builtin)
	if cat, err := v2.load("p.json", func() (*loadedCatalog, error) { t.Error("read the current catalog"); return nil, nil }); err != nil || cat.Catalog == nil {
		t.Errorf("version 2: %v", err)
	}
}

func builtinCatalog(t *testing.T) []byte {
	t.Helper()
	return configs.Catalog()
}

// TestMarshalSavedBound: a plan file too large to be read back (its
// catalogs are kept in it) is refused when saved, not at the next command.
func TestMarshalSavedBound(t *testing.T) {
	doc := &savedPlan{Format: savedFormat, Catalog: catalogRef{Contents: []catalogContent{{Name: "huge.yaml", YAML: strings.Repeat("x", maxPlanBytes)}}}}
	if _, err := marshalSaved(doc); err == nil || !strings.Contains(err.Error(), "over the 16 MiB a plan file may hold") {
		t.Errorf("error = %v", err)
	}
}
