package cmd

import "testing"

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
