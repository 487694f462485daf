package cmd

import (
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestCheckOutputs(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "p.json")
	if err := os.WriteFile(plan, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "sub", "..", "p.json")
	inputs := []namedPath{{"--from", plan}, {"--catalog", filepath.Join(dir, "c.yaml")}}
	tests := []struct {
		name    string
		outputs []namedPath
		inPlace string
		want    string // substring of the error; "" for none
	}{
		{"different files", []namedPath{{"-o", filepath.Join(dir, "out.txt")}, {"--save", filepath.Join(dir, "new.json")}}, "", ""},
		{"standard output", []namedPath{{"-o", "-"}, {"--save", ""}}, "", ""},
		{"-o onto the input", []namedPath{{"-o", other}}, plan, "-o " + other + " is the same file as --from " + plan},
		{"--save in place", []namedPath{{"--save", plan}}, plan, ""},
		{"--save onto the input, not in place", []namedPath{{"--save", plan}}, "", "is the same file as --from"},
		{"a file not there yet", []namedPath{{"--save", filepath.Join(dir, "c.yaml")}}, "", "--save " + filepath.Join(dir, "c.yaml") + " is the same file as --catalog"},
		{"two outputs", []namedPath{{"-o", filepath.Join(dir, "x")}, {"--save", filepath.Join(dir, ".", "x")}}, "", "are the same file"},
		{"a device twice", []namedPath{{"-o", os.DevNull}, {"--save", os.DevNull}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkOutputs(tt.outputs, inputs, tt.inPlace)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || exitCode(err) != exitUsage):
				t.Errorf("error %v, want a usage error containing %q", err, tt.want)
			}
		})
	}
}

// TestWatchInterrupt: a signal while the temporary file exists removes it
// and re-raises the signal; after stop, nothing happens.
func TestWatchInterrupt(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, ".x.tmp")
	if err := os.WriteFile(tmp, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	sigs := make(chan os.Signal, 1)
	raised := make(chan os.Signal, 1)
	stop := watchInterrupt(sigs, func() { os.Remove(tmp) }, func(s os.Signal) { raised <- s })
	sigs <- syscall.SIGTERM
	if got := <-raised; got != syscall.SIGTERM {
		t.Errorf("raised %v", got)
	}
	stop()
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("the temporary file is still there: %v", err)
	}

	if err := os.WriteFile(tmp, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	stop = watchInterrupt(sigs, func() { os.Remove(tmp) }, func(os.Signal) { t.Error("raised after stop") })
	stop()
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("stop removed the file: %v", err)
	}
}

// TestIgnoredSignalStaysIgnored: a process started with SIGTERM ignored
// (nohup, a script's background job) keeps ignoring it while it writes;
// watching it would let it through and end the process.
func TestIgnoredSignalStaysIgnored(t *testing.T) {
	signal.Ignore(syscall.SIGTERM)
	defer signal.Reset(syscall.SIGTERM)
	stop := cleanOnInterrupt(func() {})
	defer stop()
	if !signal.Ignored(syscall.SIGTERM) {
		t.Error("watching for interrupts un-ignored SIGTERM")
	}
}

// TestShellQuote: a path printed in a suggested command is one shell word
// that bash reads back as the path, whatever it holds; plain paths stay
// as they are.
func TestShellQuote(t *testing.T) {
	for path, want := range map[string]string{"out/anna.json": "out/anna.json", "my out/a.json": "'my out/a.json'"} {
		if got := shellQuote(path); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", path, got, want)
		}
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to read the words back")
	}
	for _, path := range []string{"plain/a.json", "my out/a.json", "it's/a.json", `a"b\c$HOME*?!;&|(x)` + "`id`", "città/ñ.json", "-x/~a", "tab\there", "esc\x1b[31mred", "nl\nx", "c1\u0085x", "bad\xffbyte"} {
		out, err := exec.Command(bash, "-c", "printf %s "+shellQuote(path)).Output()
		if err != nil || string(out) != path {
			t.Errorf("shellQuote(%q) = %s: bash reads %q, %v", path, shellQuote(path), out, err)
		}
	}
}
