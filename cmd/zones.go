package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mesoplan/mesoplan/planner"
)

// zoneHint suggests an IANA zone for a name that did not load: the same
// name in other case ("europe/rome"), a city alone ("Rome"), or a near miss
// ("Europe/Roma"). Go cannot list its zones, so the names come from the
// system's zoneinfo directory; without one, the hint is generic.
func zoneHint(name string) string {
	const generic = "use an IANA zone name such as Europe/Rome, America/New_York or UTC"
	zones := zoneNames()
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		return generic
	}
	for _, copies := range []string{"right/", "posix/"} {
		if rest, ok := strings.CutPrefix(name, copies); ok {
			return "did you mean \"" + rest + "\"? (" + copies + " zones are the machine's copies, not IANA names)"
		}
	}
	var byCity []string
	for _, z := range zones {
		lz := strings.ToLower(z)
		if lz == key {
			return "did you mean \"" + z + "\"? zone names are case-sensitive"
		}
		if strings.HasSuffix(lz, "/"+key) {
			byCity = append(byCity, z)
		}
	}
	if len(byCity) > 0 {
		return "did you mean \"" + byCity[0] + "\"?"
	}
	lower := make([]string, len(zones))
	for i, z := range zones {
		lower[i] = strings.ToLower(z)
	}
	if s := planner.Suggest(key, lower); s != "" {
		for _, z := range zones {
			if strings.ToLower(z) == s {
				return "did you mean \"" + z + "\"?"
			}
		}
	}
	return generic
}

// zoneNames lists the zones in $ZONEINFO or /usr/share/zoneinfo, sorted.
func zoneNames() []string {
	root := os.Getenv("ZONEINFO")
	if fi, err := os.Stat(root); root == "" || err != nil || !fi.IsDir() {
		root = "/usr/share/zoneinfo"
	}
	var names []string
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		first := rel[:1]
		if d.IsDir() {
			if rel != "." && (first < "A" || first > "Z") {
				return fs.SkipDir // posix/, right/ and the like
			}
			return nil
		}
		if first >= "A" && first <= "Z" && !strings.Contains(rel, ".") && rel != "Factory" {
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	return names
}
