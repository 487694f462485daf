package cmd

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeExamples runs every "$ mesoplan …" line inside a ```console
// block of README.md and checks the output printed below it, so the README
// always shows what the tool really prints, and a non-zero exit status as
// "[exit status N]". Under -update the blocks are rewritten from the tool's
// output.
func TestReadmeExamples(t *testing.T) {
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var (
		out      bytes.Buffer
		inBlock  bool
		examples int
		sc       = bufio.NewScanner(bytes.NewReader(data))
		lines    []string
	)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		out.WriteString(line + "\n")
		switch {
		case line == "```console":
			inBlock = true
		case inBlock && line == "```":
			inBlock = false
		case inBlock && strings.HasPrefix(line, "$ mesoplan"):
			examples++
			// The expected output runs to the next prompt or the block's end.
			j := i + 1
			for j < len(lines) && lines[j] != "```" && !strings.HasPrefix(lines[j], "$ ") {
				j++
			}
			want := strings.Join(lines[i+1:j], "\n")
			app, stdout, stderr := testApp(map[string]string{"HOME": t.TempDir()})
			args := strings.Fields(strings.TrimPrefix(line, "$ mesoplan"))
			code := Main(args, app)
			got := strings.TrimRight(stdout.String()+stderr.String(), "\n")
			if code != 0 { // shown as testscript and shells do
				got += fmt.Sprintf("\n[exit status %d]", code)
			}
			if got != want && !*update {
				t.Errorf("README.md line %d: %s\n%s", i+1, line, firstDiff(want, got))
			}
			if got != "" {
				out.WriteString(got + "\n")
			}
			i = j - 1
		}
	}
	if examples == 0 {
		t.Fatal("README.md has no console examples")
	}
	if *update {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadmeConfigExample loads the README's sample config file, with its
// catalog the README's sample protocol file, and plans with it: the
// configuration the README shows must work as shown.
func TestReadmeConfigExample(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, part := range strings.Split(string(data), "```yaml\n")[1:] {
		block, _, _ := strings.Cut(part, "```")
		blocks = append(blocks, block)
	}
	if len(blocks) != 2 || !strings.Contains(blocks[0], "catalog: [my-protocols.yaml]") || !strings.Contains(blocks[1], "treatments:") {
		t.Fatalf("README.md: want the sample config, then the sample protocol file; got %d YAML blocks", len(blocks))
	}
	dir := t.TempDir()
	config := filepath.Join(dir, "config.yaml")
	for path, text := range map[string]string{config: blocks[0], filepath.Join(dir, "my-protocols.yaml"): blocks[1]} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app, out, errOut := testApp(map[string]string{"HOME": dir, "MESOPLAN_CONFIG": config})
	if code := Main([]string{"plan", "mesolifting", "--start", "2027-08-02", "--format", "json"}, app); code != 0 {
		t.Fatalf("plan with the README's config: exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		`"name": "Mesolifting, Studio Bianchi protocol"`, // the protocol file's treatment
		`"timezone": "Europe/Rome"`,
		`"start": "2027-08-02T09:30:00+02:00"`,
		`"from": "2027-08-16"`, // 14 days later falls in the closed range
		`"name": "Studio Bianchi"`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the plan lacks %s:\n%s", want, out)
		}
	}
}
