package cmd

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"golang.org/x/text/language"

	"github.com/mesoplan/mesoplan/holidays"
	"github.com/mesoplan/mesoplan/planner"
)

// holidayRegion is a region whose public holidays close the clinic
// ("IT", "DE-BY"); "" is none.
type holidayRegion string

// String writes the region as it is set: its code, or "none".
func (r holidayRegion) String() string {
	if r == "" {
		return "none"
	}
	return string(r)
}

// parseHolidayRegion reads a region code, or none.
func parseHolidayRegion(s string) (holidayRegion, error) {
	if s == "" || strings.EqualFold(strings.TrimSpace(s), "none") {
		return "", nil
	}
	code, err := holidays.Lookup(s)
	return holidayRegion(code), err
}

// emailAddress is a plain e-mail address, name@example.org.
type emailAddress string

func parseEmail(s string) (emailAddress, error) {
	if s == "" {
		return "", nil
	}
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		return "", fmt.Errorf("invalid clinic e-mail address %q: want name@example.org", s)
	}
	return emailAddress(s), nil
}

// langTag is a language as the user gives it, a well-formed BCP 47 tag
// ("it", "it-IT"); which of the catalog's languages serves it is decided
// when the catalog is read (locale.Match).
type langTag string

func parseLangTag(s string) (langTag, error) {
	s = strings.TrimSpace(s)
	if _, err := language.Parse(s); err != nil || s == "" {
		return "", fmt.Errorf("language %q: want a language tag such as en or it", s)
	}
	return langTag(s), nil
}

// phoneNumber is a telephone number as people write it: digits, spaces
// and + ( ) - . /, with at least five digits.
type phoneNumber string

func parsePhone(s string) (phoneNumber, error) {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +()-./", r):
		default:
			return "", fmt.Errorf("invalid clinic phone number %q: want digits, spaces and + ( ) - . /, e.g. +39 02 1234 5678", s)
		}
	}
	if s != "" && digits < 5 {
		return "", fmt.Errorf("invalid clinic phone number %q: it has %d digits", s, digits)
	}
	return phoneNumber(s), nil
}

// webAddress is an http or https address.
type webAddress string

func parseWebAddress(s string) (webAddress, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(s, " \t\r\n\"<>") {
		return "", fmt.Errorf("invalid clinic web address %q: want an address such as https://example.org", s)
	}
	return webAddress(s), nil
}

// wrongKindError is a value of the wrong YAML kind: a number where text
// is wanted.
type wrongKindError struct {
	want string
	got  any
}

func (e *wrongKindError) Error() string { return fmt.Sprintf("must be %s, got %v", e.want, e.got) }

// settingHooks turns what Viper holds (text from flags and variables,
// YAML values from files) into the types of Settings.
func settingHooks() mapstructure.DecodeHookFunc {
	return mapstructure.ComposeDecodeHookFunc(splitListHook, settingValueHook)
}

// splitListHook splits a text given for a list setting (a variable,
// MESOPLAN_CLOSED=2027-08-09:2027-12-24, or a single value in the file) on
// the list separator.
func splitListHook(from, to reflect.Type, data any) (any, error) {
	s, ok := data.(string)
	if !ok || to.Kind() != reflect.Slice {
		return data, nil
	}
	return slices.DeleteFunc(filepath.SplitList(s), func(p string) bool { return p == "" }), nil
}

var (
	typeZone     = reflect.TypeFor[planner.Zone]()
	typeClock    = reflect.TypeFor[planner.Clock]()
	typeWeekdays = reflect.TypeFor[planner.Weekdays]()
	typeRange    = reflect.TypeFor[planner.DateRange]()
	typeRegion   = reflect.TypeFor[holidayRegion]()
	typeEmail    = reflect.TypeFor[emailAddress]()
	typePhone    = reflect.TypeFor[phoneNumber]()
	typeWeb      = reflect.TypeFor[webAddress]()
	typeLang     = reflect.TypeFor[langTag]()
)

// settingValueHook parses one value into its type.
func settingValueHook(from, to reflect.Type, data any) (any, error) {
	// An empty setting never gets here (it sets nothing); an empty entry
	// of a list does, as the empty value of its type.
	if v := reflect.ValueOf(data); to == typeRange && (!v.IsValid() || (v.Kind() == reflect.Map && v.IsNil())) {
		return nil, &wrongKindError{want: "a value", got: "nothing"}
	}
	if t, ok := data.(time.Time); ok && to == typeRange {
		// YAML reads an unquoted 2027-12-24 as a timestamp, at midnight UTC.
		if t.Location() != time.UTC || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
			return nil, &wrongKindError{want: "a date such as 2027-12-24", got: t.Format(time.RFC3339)}
		}
		d := planner.DateOf(t)
		return planner.DateRange{From: d, To: d}, nil
	}
	if to.Kind() != reflect.String && to != typeZone && to != typeClock && to != typeWeekdays && to != typeRange {
		return data, nil
	}
	s, ok := data.(string)
	if !ok {
		return nil, &wrongKindError{want: "text in quotes", got: data}
	}
	switch to {
	case typeZone:
		if s == "" {
			return planner.Zone{}, nil
		}
		return planner.LoadZone(s)
	case typeClock:
		return planner.ParseClock(s)
	case typeWeekdays:
		return planner.ParseWeekdays(s)
	case typeRange:
		return planner.ParseDateRange(s)
	case typeRegion:
		return parseHolidayRegion(s)
	case typeEmail:
		return parseEmail(s)
	case typePhone:
		return parsePhone(s)
	case typeWeb:
		return parseWebAddress(s)
	case typeLang:
		return parseLangTag(s)
	}
	return s, nil
}

// settingDecodeError reports the first value that did not decode with the
// setting it belongs to and where it came from.
func settingDecodeError(err error, defs []settingDef, sources Sources) error {
	var de *mapstructure.DecodeError
	if !errors.As(err, &de) {
		return fmt.Errorf("settings: %w", err)
	}
	key, _, _ := strings.Cut(de.Name(), "[") // "closed[1]" is the closed setting
	i := slices.IndexFunc(defs, func(d settingDef) bool { return d.Key == key })
	if i < 0 {
		return fmt.Errorf("settings: %w", err)
	}
	cause := de.Unwrap()
	var kind *wrongKindError
	if errors.As(cause, &kind) {
		cause = fmt.Errorf("%s %v", de.Name(), kind)
	}
	err = settingError(cause, *defs[i].source(&sources))
	if u, ok := err.(*usageError); ok && u.hint == "" {
		u.hint = defs[i].Hint
	}
	return err
}
