package cmd

import (
	"strings"
	"testing"
)

// TestEveryCommandHasAnExample walks the command tree: every command a
// user can run shows at least one real example in its --help.
func TestEveryCommandHasAnExample(t *testing.T) {
	app, _, _ := testApp(nil)
	root := newRootCmd(app)
	n := 0
	for _, c := range append(root.Commands(), root) {
		cmds := append(c.Commands(), c)
		for _, sub := range cmds {
			if sub.Hidden || !sub.Runnable() {
				continue // help topics such as 'environment' run nothing
			}
			n++
			if sub.Example == "" {
				t.Errorf("%q has no Example in its help", sub.CommandPath())
			}
		}
	}
	if n < 8 {
		t.Fatalf("walked only %d commands", n)
	}
}

// TestEnvironmentHelpListsEverySetting: 'mesoplan help environment' names
// the variable of every setting, so that a new setting cannot be left out.
func TestEnvironmentHelpListsEverySetting(t *testing.T) {
	for _, d := range settingDefs() {
		if !strings.Contains(environmentHelp, "  "+d.Env+" ") {
			t.Errorf("help environment does not list %s (setting %s)", d.Env, d.Key)
		}
	}
}

// TestBuildInfoLinkTime: values set at link time (make build) win over the
// build information, and the line --version prints names them.
func TestBuildInfoLinkTime(t *testing.T) {
	old := [4]string{Version, Commit, Modified, BuildDate}
	t.Cleanup(func() { Version, Commit, Modified, BuildDate = old[0], old[1], old[2], old[3] })
	Version, Commit, Modified, BuildDate = "v1.2.0", "0123456789abcdef0123", "true", "2027-01-01T00:00:00Z"
	b := readBuild()
	if b.Version != "v1.2.0" || b.Commit != "0123456789abcdef0123" || !b.Modified || b.BuildDate != "2027-01-01T00:00:00Z" || b.SchemaVersion != 1 {
		t.Errorf("readBuild() = %+v", b)
	}
	if got, want := b.String(), "mesoplan v1.2.0 (commit 0123456789ab, modified, 2027-01-01T00:00:00Z, "; !strings.HasPrefix(got, want) {
		t.Errorf("String() = %q, want it to start with %q", got, want)
	}
	if version() != "v1.2.0" {
		t.Errorf("version() = %q", version())
	}
}
