package cmd

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// writeOutput writes data to standard output, or atomically to path: a
// temporary file in the same directory, renamed into place, so that an
// error never leaves a partial file and an existing file is only replaced
// by a complete one. The temporary file is removed on every error, and on
// an interrupt (SIGINT, SIGTERM) while it exists.
//
// A new file is readable by its owner only (0600): plans and calendars
// hold a patient's course, name and screened conditions. A replaced file
// keeps its mode.
func writeOutput(app *App, path string, data []byte) error {
	return writeStream(app, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeStream is writeOutput for what write writes as it goes, through a
// buffer: a calendar too large to hold whole.
func writeStream(app *App, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriterSize(app.Out, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	// Write through a symbolic link to the file it names, as any tool does.
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	old, err := os.Stat(path)
	if err == nil && old.IsDir() {
		return usageErrorf("-o %s: is a directory; give a file name", path)
	}
	if err == nil && !old.Mode().IsRegular() {
		// A device or a named pipe (/dev/stdout, a FIFO) is written to,
		// never replaced.
		return writeDirect(path, write)
	}
	var tmp *os.File
	untrack, err := app.createTemp(func() (string, error) {
		f, err := createTemp(path)
		if err != nil {
			return "", err
		}
		tmp = f
		return f.Name(), nil
	})
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	defer untrack()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if old != nil {
		if err := os.Chmod(tmp.Name(), old.Mode().Perm()); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	return nil
}

func writeDirect(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	return nil
}

// createTemp creates a new file beside path, readable by its owner only.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	var err error
	for i := 0; i < 100; i++ {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d-%d.tmp", base, os.Getpid(), i))
		var f *os.File
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f, nil
		}
		if !os.IsExist(err) {
			return nil, err
		}
	}
	return nil, err
}

// unwrapPathError drops the temporary file's name from an error, which
// would only confuse: the user named the final file.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

// confirm says on standard error that path was written, and what it
// holds: "mesoplan: wrote anna.ics: 6 sessions, 19 events". Nothing for
// standard output, or with --quiet.
func confirm(app *App, path, what string) {
	if app.Quiet || path == "" || path == "-" {
		return
	}
	fmt.Fprintf(app.Err, "mesoplan: wrote %s: %s\n", path, what)
}

// countOf is "1 session" or "6 sessions": n and noun, plural past one.
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// fileKinds maps the extensions of -o that say what a file holds to the
// command and format that write it.
var fileKinds = map[string]struct{ command, format, what string }{
	".json":     {"plan", "json", "JSON"},
	".csv":      {"plan", "csv", "CSV"},
	".md":       {"plan", "markdown", "Markdown"},
	".markdown": {"plan", "markdown", "Markdown"},
	".ics":      {"export", "", "an iCalendar file"},
	".ical":     {"export", "", "an iCalendar file"},
	".html":     {"handout", "", "an HTML page"},
	".htm":      {"handout", "", "an HTML page"},
	".pdf":      {"", "", "a PDF"},
}

// checkExtension refuses -o path when its extension says it holds
// something else than command writes (in format, for plan and
// reschedule): "plan -o anna.ics" would put a text table in a file every
// calendar app rejects. A path with another extension, or none, is left
// alone.
func checkExtension(command, format, path string) error {
	if path == "" || path == "-" {
		return nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	kind, ok := fileKinds[ext]
	if !ok {
		return nil
	}
	writes := command
	if command == "reschedule" {
		writes = "plan"
	}
	if format == "md" {
		format = "markdown"
	}
	if writes == "plan" && !slices.Contains(planFormats, format) {
		return nil // the unknown format is the error to report
	}
	if kind.command == writes && (kind.format == "" || kind.format == format) {
		return nil
	}
	what := map[string]string{"export": "an iCalendar (.ics) file", "handout": "an HTML page (.html)"}[command]
	if what == "" {
		what = map[string]string{"json": "JSON", "csv": "CSV", "markdown": "Markdown", "table": "text tables"}[format]
	}
	e := usageErrorf("-o %s: a %s file would hold %s, but '%s' writes %s", path, ext, kind.what, command, what)
	switch {
	case kind.command == "":
		e.hint = "mesoplan writes no PDF: write the handout (mesoplan handout ... -o plan.html), open it in a browser and print it to PDF"
	case kind.command == "plan" && (command == "plan" || command == "reschedule"):
		e.hint = fmt.Sprintf("drop --format (the extension chooses it), or use --format %s", kind.format)
	case kind.command == "plan":
		e.hint = fmt.Sprintf("use 'mesoplan plan --format %s' for %s", kind.format, ext)
	default:
		e.hint = fmt.Sprintf("use 'mesoplan %s' for %s", kind.command, ext)
	}
	return e
}
