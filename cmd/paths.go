package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// namedPath is a file a command reads or writes, with the flag that
// names it, for messages.
type namedPath struct {
	flag, path string
}

// checkOutputs refuses, before anything is written, an output that is the
// same file as an input or as another output: a slip of the keyboard must
// not overwrite a patient's plan, calendar or catalog. inPlace names the
// saved plan that --save may replace, the one updated in place under its
// lock (reschedule -i, export --from X --save X), or "".
func checkOutputs(outputs, inputs []namedPath, inPlace string) error {
	for i, out := range outputs {
		if out.path == "" || out.path == "-" {
			continue
		}
		if info, err := os.Stat(out.path); err == nil && info.IsDir() {
			return usageErrorf("%s %s: is a directory; give a file name", out.flag, out.path)
		}
		if isDevice(out.path) {
			continue
		}
		if err := checkSaveName(out); err != nil {
			return err
		}
		for _, other := range outputs[i+1:] {
			if other.path != "" && other.path != "-" && sameFile(out.path, other.path) {
				return usageErrorf("%s %s and %s %s are the same file: give each its own", out.flag, out.path, other.flag, other.path)
			}
		}
		for _, in := range inputs {
			if in.path == "" || !sameFile(out.path, in.path) {
				continue
			}
			if inPlace != "" && (out.flag == "--save" || out.flag == "-i") && sameFile(in.path, inPlace) {
				continue
			}
			return usageErrorf("%s %s is the same file as %s %s, which this command reads: give another file", out.flag, out.path, in.flag, in.path).
				withHint("nothing was written")
		}
	}
	return nil
}

// settingInputs are the files the settings make a command read: the
// config file and the practitioner's catalogs.
func settingInputs(s *Settings) []namedPath {
	in := []namedPath{{"--config", s.ConfigFile}}
	for _, c := range s.Catalog {
		in = append(in, namedPath{"--catalog", c})
	}
	return in
}

// busyInputs names the patient's calendars.
func busyInputs(files []busyFile) []namedPath {
	var in []namedPath
	for _, f := range files {
		if f.Path == stdinPath {
			continue // no output can be standard input
		}
		in = append(in, namedPath{"--busy", f.name()})
	}
	return in
}

// sameFile reports whether a and b name one file: the same file on disk,
// through any spelling or link, or, for a file that does not exist yet,
// the same absolute path once its directory's links are resolved.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return canonicalPath(a) == canonicalPath(b)
}

func canonicalPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	dir, base := filepath.Split(abs)
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(d, base)
	}
	return abs
}

// isDevice reports whether path is an existing file that is not a regular
// one (/dev/stdout, a named pipe): writing to it replaces nothing.
func isDevice(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.Mode().IsRegular()
}

// isRegularFile says whether path is a regular file, through links.
func isRegularFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// shellQuote writes path as a shell word: as it is when it holds only
// characters no shell treats specially; in single quotes; or, when it holds
// control characters (a tab, an escape), which would act when pasted, as
// bash's $'...' with each of them as \xHH.
func shellQuote(path string) string {
	if path != "" && strings.IndexFunc(path, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:,@%", r))
	}) < 0 {
		return path
	}
	if !strings.ContainsFunc(path, unicode.IsControl) {
		return "'" + strings.ReplaceAll(path, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(path); {
		r, size := utf8.DecodeRuneInString(path[i:])
		switch {
		case r == utf8.RuneError && size == 1: // a byte that is no UTF-8
			fmt.Fprintf(&b, "\\x%02x", path[i])
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r) && r < utf8.RuneSelf:
			fmt.Fprintf(&b, "\\x%02x", r)
		case unicode.IsControl(r): // \x would write the byte, not the character
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(path[i : i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}

// fileExists says whether something is at path (a dangling link too).
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// checkSaveName refuses a --save file whose extension says it holds
// something else than a saved plan: "--save anna.ics" would put JSON where
// a calendar app looks for a calendar.
func checkSaveName(out namedPath) error {
	if out.flag != "--save" {
		return nil
	}
	ext := strings.ToLower(filepath.Ext(out.path))
	kind, ok := fileKinds[ext]
	if !ok || ext == ".json" {
		return nil
	}
	name := strings.TrimSuffix(out.path, filepath.Ext(out.path))
	if !strings.EqualFold(filepath.Ext(name), ".json") { // x.json.ics: x.json
		name += ".json"
	}
	return usageErrorf("--save %s: a %s file would hold %s, but --save writes a saved plan (JSON)", out.path, ext, kind.what).
		withHint("name it %s", name)
}
