package cmd

import (
	"errors"
	"os"
	"runtime/debug"
	"strings"
)

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

// systemZone names the process's time zone: $TZ, else the target of
// /etc/localtime, else /etc/timezone.
func systemZone() (string, error) {
	if tz, ok := os.LookupEnv("TZ"); ok {
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
