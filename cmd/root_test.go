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
