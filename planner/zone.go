package planner

import (
	"fmt"
	"strings"
	"time"
)

// Zone is a plan's time zone: a loaded location that keeps its IANA name,
// so that it travels typed from the setting that names it to the bytes
// written, and is never loaded again from its name on the way.
type Zone struct {
	loc *time.Location
}

// ZoneError reports a time zone name that names no zone.
type ZoneError struct {
	Name string
}

func (e *ZoneError) Error() string { return fmt.Sprintf("unknown time zone %q", e.Name) }

// LoadZone loads an IANA zone by name ("Europe/Rome", "UTC"). Names that
// depend on the machine ("Local", "", a file path, the tz database's
// right/ and posix/ copies and its Factory and posixrules files) are
// refused: a plan must mean the same on every machine (right/ zones count
// leap seconds, and are off by half a minute). An unknown name is a
// [*ZoneError].
func LoadZone(name string) (Zone, error) {
	if name == "" || name == "Local" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") ||
		name == "Factory" || name == "posixrules" || name == "localtime" ||
		strings.HasPrefix(name, "right/") || strings.HasPrefix(name, "posix/") {
		return Zone{}, &ZoneError{Name: name}
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return Zone{}, &ZoneError{Name: name}
	}
	return Zone{loc: loc}, nil
}

// ZoneOf wraps a loaded location.
func ZoneOf(loc *time.Location) Zone { return Zone{loc: loc} }

// Location returns the zone's location; the zero Zone is UTC.
func (z Zone) Location() *time.Location {
	if z.loc == nil {
		return time.UTC
	}
	return z.loc
}

// IsZero reports whether no zone was given.
func (z Zone) IsZero() bool { return z.loc == nil }

// String returns the zone's IANA name, or "" for the zero Zone.
func (z Zone) String() string {
	if z.loc == nil {
		return ""
	}
	return z.loc.String()
}

// MarshalText writes the zone's name.
func (z Zone) MarshalText() ([]byte, error) { return []byte(z.String()), nil }

// UnmarshalText loads the zone a name names; see [LoadZone].
func (z *Zone) UnmarshalText(b []byte) error {
	v, err := LoadZone(string(b))
	if err != nil {
		return err
	}
	*z = v
	return nil
}
