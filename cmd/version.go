package cmd

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Version is the release version, set at link time with
// -ldflags "-X github.com/mesoplan/mesoplan/cmd.Version=v1.2.3" (make
// build VERSION=v1.2.3); without it the module version from the build
// information is used.
var Version = ""

// Commit, Modified ("true" for a tree with uncommitted changes) and
// BuildDate (the commit's time, for a reproducible build) are set at link
// time like Version, as make build does; without them they come from the
// build information Go embeds when it stamps VCS data.
var (
	Commit    = ""
	Modified  = ""
	BuildDate = ""
)

func version() string { return readBuild().Version }

// buildInfo says which mesoplan this is. Its JSON form is documented in
// docs/version-json.md.
type buildInfo struct {
	SchemaVersion int    `json:"schema_version"`
	Version       string `json:"version"`
	Commit        string `json:"commit,omitempty"`
	// Modified is true for a build of a working tree with uncommitted
	// changes.
	Modified  bool   `json:"modified,omitempty"`
	BuildDate string `json:"build_date,omitempty"`
	Go        string `json:"go"`
	Platform  string `json:"platform"`
}

// readBuild reads the version from the link-time variables and the build
// information Go embeds (module version, VCS revision and time).
func readBuild() buildInfo {
	b := buildInfo{SchemaVersion: 1, Version: Version, Commit: Commit, Modified: Modified == "true", BuildDate: BuildDate,
		Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if ok && b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		b.Version = bi.Main.Version
	}
	if ok && Commit == "" {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			case "vcs.time":
				if b.BuildDate == "" {
					b.BuildDate = s.Value
				}
			}
		}
	}
	if b.Version == "" {
		b.Version = "devel"
	}
	return b
}

// String is the one line --version prints: "mesoplan devel (commit
// 1b508e1, modified, 2026-11-25T16:56:52Z, go1.26.8 linux/amd64)".
func (b buildInfo) String() string {
	var parts []string
	if b.Commit != "" {
		parts = append(parts, "commit "+b.Commit[:min(12, len(b.Commit))])
	}
	if b.Modified {
		parts = append(parts, "modified")
	}
	if b.BuildDate != "" {
		parts = append(parts, b.BuildDate)
	}
	parts = append(parts, b.Go+" "+b.Platform)
	return fmt.Sprintf("mesoplan %s (%s)", b.Version, strings.Join(parts, ", "))
}

// versionOptions is everything 'mesoplan version' needs.
type versionOptions struct {
	app    *App
	Format string
}

func newVersionCmd(env *runEnv, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print mesoplan's version, commit, build date and Go version",
		Long: `Print which mesoplan this is: its version (a release's tag, or devel), the
commit it was built from, whether the tree had uncommitted changes, the
build date (the commit's time unless a release sets it) and the Go
version. --format json gives the same as an object (docs/version-json.md).`,
		Example: "  mesoplan version\n  mesoplan version --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.app = env.app
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output `format`: text or json")
	return cmd
}

func versionRun(opts *versionOptions) error {
	b := readBuild()
	switch strings.ToLower(opts.Format) {
	case "text":
		_, err := fmt.Fprintln(opts.app.Out, b)
		return err
	case "json":
		data, err := json.MarshalIndent(b, "", "  ")
		if err != nil {
			return err
		}
		_, err = opts.app.Out.Write(append(data, '\n'))
		return err
	}
	return formatError(opts.Format, []string{"text", "json"})
}
