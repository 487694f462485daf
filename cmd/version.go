package cmd

import "runtime/debug"

// Version is the release version, set at link time with
// -ldflags "-X github.com/mesoplan/mesoplan/cmd.Version=v1.2.3"; without it
// the module version from the build information is used.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
