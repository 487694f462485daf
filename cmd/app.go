// Package cmd is mesoplan's command line: Cobra commands built by
// constructors, configuration precedence, rendering and exit codes. It is
// thin on purpose: planning lives in package planner.
//
// The rules of this package:
//
//   - Commands write to App.Out and App.Err, never to os.Stdout.
//   - Errors are printed once, by Main, as "mesoplan: error: ..." with an
//     optional "mesoplan: hint: ...". Lowercase, values quoted.
//   - Exit codes are decided in one place, exitCode (errors.go), which is
//     also the only place that maps the planner's errors to flags.
//   - The clock and the environment come from App, so tests pin them.
//   - Settings are resolved once per run into a typed Settings
//     (settings.go); commands read its fields, never a key.
//   - Every command is newXCmd(env, runF) with an xOptions struct and an
//     xRun function; tests pass runF to see the options argv makes.
package cmd

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"
)

// Exit codes, listed in the root command's help.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitRefused = 3
)

// App holds what a run of mesoplan may touch outside itself: its streams,
// the clock, the environment and the file system root of the user's
// configuration.
type App struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// Now returns the current instant; Main replaces it with a fixed
	// instant when SOURCE_DATE_EPOCH is set.
	Now func() time.Time
	// LookupEnv reads an environment variable.
	LookupEnv func(key string) (string, bool)
	// SystemZone names the system's time zone (IANA), used when neither a
	// flag, the environment nor the config file sets one.
	SystemZone func() (string, error)
	// Rand is the source of the secret plan identities of saved plans.
	Rand io.Reader
	// Quiet (--quiet) leaves out the line that confirms each file written;
	// warnings and errors are still printed.
	Quiet bool
	// TerminalWidth returns the width of the terminal standard output is,
	// and false when it is none (a pipe, a file).
	TerminalWidth func() (int, bool)
	// ErrIsTerminal says whether standard error is a terminal, where a
	// long run may show its progress.
	ErrIsTerminal func() bool

	// temps are the run's temporary files (see createTemp), made by Main.
	temps *tempFiles
}

// width is how many display cells tables and text for people may take:
// the terminal's width when standard output is one, else $COLUMNS, else
// 80.
func (app *App) width() int {
	if app.TerminalWidth != nil {
		if w, ok := app.TerminalWidth(); ok && w >= minWidth {
			return w
		}
	}
	if app.LookupEnv != nil {
		if v, ok := app.LookupEnv("COLUMNS"); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= minWidth {
				return n
			}
		}
	}
	return 80
}

// minWidth is the narrowest width honoured; a narrower one is taken for a
// mistake.
const minWidth = 40

// System returns the App of a real process.
func System() *App {
	return &App{
		In:            os.Stdin,
		Out:           os.Stdout,
		Err:           os.Stderr,
		Now:           time.Now,
		LookupEnv:     os.LookupEnv,
		SystemZone:    func() (string, error) { return systemZone(os.LookupEnv) },
		Rand:          rand.Reader,
		ErrIsTerminal: func() bool { return term.IsTerminal(int(os.Stderr.Fd())) },
		TerminalWidth: func() (int, bool) {
			fd := int(os.Stdout.Fd())
			if !term.IsTerminal(fd) {
				return 0, false
			}
			w, _, err := term.GetSize(fd)
			return w, err == nil
		},
	}
}

// Main runs mesoplan with args and returns the process exit code: 0 on
// success, 1 on failure, 2 on a usage error, 3 when screening refuses the
// plan.
func Main(args []string, app *App) int {
	if err := pinClock(app); err != nil {
		printError(app.Err, err)
		return exitUsage
	}
	app.temps = &tempFiles{paths: map[string]bool{}, say: func() {
		fmt.Fprintln(app.Err, "mesoplan: interrupted: the files being written were removed; those written before are whole")
	}}
	defer app.stopTemps()
	root := buildRootCmd(app, runners{})
	if completing(args) {
		registerCompletions(root)
	}
	if args == nil {
		args = []string{}
	}
	root.SetArgs(args)
	err := root.Execute()
	if err != nil {
		printError(app.Err, err)
	}
	return exitCode(err)
}

// pinClock makes app.Now return SOURCE_DATE_EPOCH when it is set, so that
// anything stamped into output is reproducible.
func pinClock(app *App) error {
	v, ok := app.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return nil
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil || secs < 0 || secs > 253402300799 {
		return usageErrorf("invalid SOURCE_DATE_EPOCH %q: want seconds since 1970-01-01 UTC, e.g. 1767225600", v)
	}
	fixed := time.Unix(secs, 0).UTC()
	app.Now = func() time.Time { return fixed }
	return nil
}

// systemZone names the process's time zone: $TZ, else the target of
// /etc/localtime, else /etc/timezone.
func systemZone(lookupEnv func(string) (string, bool)) (string, error) {
	if tz, ok := lookupEnv("TZ"); ok {
		tz = strings.TrimPrefix(tz, ":")
		if tz == "" {
			return "UTC", nil
		}
		return tz, nil
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, zone, ok := strings.Cut(target, "zoneinfo/"); ok {
			return zone, nil
		}
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		if zone := strings.TrimSpace(string(b)); zone != "" {
			return zone, nil
		}
	}
	return "", errors.New("neither TZ nor /etc/localtime names a zone")
}
