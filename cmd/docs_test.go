package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// docsDir is where the command reference lives: Markdown in docs/cli,
// man pages in docs/man. 'make docs' (go test ./cmd -run TestCommandDocs
// -update) writes them from the command tree.
var docsDir = filepath.Join("..", "docs")

// docsDate stamps the man pages, so that the same tree gives the same
// bytes.
var docsDate = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

// TestCommandDocs fails when the committed Markdown and man pages differ
// from what the command tree generates: a flag or a help text changed and
// 'make docs' was not run.
func TestCommandDocs(t *testing.T) {
	app, _, _ := testApp(nil)
	root := newRootCmd(app)
	root.DisableAutoGenTag = true
	got := map[string][]byte{}
	var walk func(c *cobra.Command) error
	walk = func(c *cobra.Command) error {
		if !c.IsAvailableCommand() && c != root || c.IsAdditionalHelpTopicCommand() && c.Name() != "environment" {
			return nil
		}
		base := strings.ReplaceAll(c.CommandPath(), " ", "_")
		var md bytes.Buffer
		if err := doc.GenMarkdownCustom(c, &md, func(name string) string { return name }); err != nil {
			return err
		}
		got[filepath.Join("cli", base+".md")] = md.Bytes()
		var man bytes.Buffer
		if err := doc.GenMan(c, &doc.GenManHeader{Title: strings.ToUpper(base), Section: "1", Date: &docsDate, Source: "mesoplan", Manual: "mesoplan manual"}, &man); err != nil {
			return err
		}
		got[filepath.Join("man", base+".1")] = man.Bytes()
		for _, sub := range c.Commands() {
			if err := walk(sub); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root); err != nil {
		t.Fatal(err)
	}
	if *update {
		for _, sub := range []string{"cli", "man"} {
			dir := filepath.Join(docsDir, sub)
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for name, data := range got {
			if err := os.WriteFile(filepath.Join(docsDir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	var names []string
	for name := range got {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		want, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil {
			t.Errorf("%v: run make docs", err)
			continue
		}
		if !bytes.Equal(got[name], want) {
			t.Errorf("docs/%s is not what the command tree generates: run make docs and commit the result\n%s", name, firstDiff(string(want), string(got[name])))
		}
	}
	for _, sub := range []string{"cli", "man"} {
		entries, _ := os.ReadDir(filepath.Join(docsDir, sub))
		for _, e := range entries {
			if _, ok := got[filepath.Join(sub, e.Name())]; !ok {
				t.Errorf("docs/%s/%s documents no command: run make docs", sub, e.Name())
			}
		}
	}
}
