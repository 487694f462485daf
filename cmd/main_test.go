package cmd

import (
	"bytes"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// update rewrites golden files and testscript expectations: run
// `go test ./... -update` and review the diff.
var update = flag.Bool("update", false, "rewrite golden files and testscript expectations")

// fixedEpoch is "now" in every test: 2027-01-01T00:00:00Z.
const fixedEpoch = "1798761600"

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mesoplan": func() { os.Exit(Main(os.Args[1:], System())) },
		// hold-lock PATH READY takes the lock mesoplan takes on PATH,
		// writes READY and waits to be killed.
		"hold-lock": func() {
			unlock, err := lockFile(os.Args[1])
			if err != nil {
				os.Exit(1)
			}
			defer unlock()
			if err := os.WriteFile(os.Args[2], []byte("locked"), 0o600); err != nil {
				os.Exit(1)
			}
			select {}
		},
		// hold-temp TMP READY creates TMP as writeOutput creates its
		// temporary file, watches for an interrupt as writeOutput does,
		// writes its process id to READY and waits to be killed.
		"hold-temp": func() {
			tmp, ready := os.Args[1], os.Args[2]
			if err := os.WriteFile(tmp, []byte("partial"), 0o600); err != nil {
				os.Exit(1)
			}
			defer cleanOnInterrupt(func() { os.Remove(tmp) })()
			if err := os.WriteFile(ready, []byte(strconv.Itoa(os.Getpid())), 0o600); err != nil {
				os.Exit(1)
			}
			select {}
		},
	})
}

// TestScript runs the end-to-end scripts in testdata/script: the CLI's
// contract (output, errors and exit codes), one file per command and topic.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root": // permission checks do not apply to root
				return os.Geteuid() == 0, nil
			case "mount": // mounttmpfs works
				return canMount(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(e *testscript.Env) error {
			e.Setenv("HOME", e.WorkDir)
			e.Setenv("XDG_CONFIG_HOME", filepath.Join(e.WorkDir, ".config"))
			e.Setenv("SOURCE_DATE_EPOCH", fixedEpoch)
			e.Setenv("TZ", "UTC")
			// Scripts check what tables hold, a row a line: wide enough
			// that nothing wraps (width.txtar checks 80 columns).
			e.Setenv("COLUMNS", "250")
			// The race detector sleeps a second at every exit by default;
			// each script runs mesoplan dozens of times.
			e.Setenv("GORACE", "atexit_sleep_ms=0")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mounttmpfs": mountTmpfs,
			// exitcode N PROG ARGS... runs PROG and checks its exit status
			// is exactly N; `!` only says "non-zero".
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exitcode N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exitcode: bad code %q", args[0])
				}
				err = ts.Exec(args[1], args[2:]...)
				got := 0
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					got = ee.ExitCode()
				} else if err != nil {
					ts.Fatalf("exitcode: %v", err)
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
		},
	})
}

// testApp returns an App with pinned clock and environment that writes
// into the returned buffers.
func testApp(env map[string]string) (*App, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["SOURCE_DATE_EPOCH"]; !ok {
		env["SOURCE_DATE_EPOCH"] = fixedEpoch
	}
	app := &App{
		In:         &bytes.Buffer{},
		Out:        &out,
		Err:        &errOut,
		Now:        nil, // pinned by Main from SOURCE_DATE_EPOCH
		LookupEnv:  func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		SystemZone: func() (string, error) { return "UTC", nil },
		Rand:       rand.Reader,
	}
	return app, &out, &errOut
}
