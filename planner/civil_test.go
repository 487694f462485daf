package planner

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr string // substring of the error; "" means success
	}{
		{in: "2027-03-16", want: Date{2027, time.March, 16}},
		{in: "0001-01-01", want: Date{1, time.January, 1}},
		{in: "9999-12-31", want: Date{9999, time.December, 31}},
		{in: "2028-02-29", want: Date{2028, time.February, 29}}, // leap year
		{in: "2000-02-29", want: Date{2000, time.February, 29}}, // divisible by 400
		{in: "2027-02-29", wantErr: "no such day"},
		{in: "1900-02-29", wantErr: "no such day"}, // century, not by 400
		{in: "2100-02-29", wantErr: "no such day"},
		{in: "2027-02-30", wantErr: "no such day"},
		{in: "2027-04-31", wantErr: "no such day"},
		{in: "2027-13-01", wantErr: "no such day"},
		{in: "2027-00-10", wantErr: "no such day"},
		{in: "2027-01-00", wantErr: "no such day"},
		{in: "0000-01-01", wantErr: "no such day"},
		{in: "", wantErr: "want YYYY-MM-DD"},
		{in: "2027-3-16", wantErr: "want YYYY-MM-DD"},
		{in: "2027/03/16", wantErr: "want YYYY-MM-DD"},
		{in: "16-03-2027", wantErr: "want YYYY-MM-DD"},
		{in: "2027-03-16 ", wantErr: "want YYYY-MM-DD"},
		{in: " 2027-03-16", wantErr: "want YYYY-MM-DD"},
		{in: "+027-03-16", wantErr: "want YYYY-MM-DD"},
		{in: "2027-+3-16", wantErr: "want YYYY-MM-DD"},
		{in: "2027-03-1a", wantErr: "want YYYY-MM-DD"},
		{in: "２０２7-03-16", wantErr: "want YYYY-MM-DD"}, // non-ASCII digits
		{in: "20270316", wantErr: "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want error containing %q", tt.in, got, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.in) {
					t.Errorf("ParseDate(%q) error = %q, want it to name the input and contain %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestDateAddDays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2027-03-16", 0, "2027-03-16"},
		{"2027-03-16", 7, "2027-03-23"},
		{"2027-03-25", 7, "2027-04-01"},   // month end
		{"2027-12-28", 7, "2028-01-04"},   // year end
		{"2028-01-04", -7, "2027-12-28"},  // backwards over the year end
		{"2028-02-22", 7, "2028-02-29"},   // onto the leap day
		{"2028-02-29", 1, "2028-03-01"},   // off the leap day
		{"2028-03-01", -1, "2028-02-29"},  // back onto the leap day
		{"2027-02-22", 7, "2027-03-01"},   // no leap day in 2027
		{"2027-03-27", 2, "2027-03-29"},   // across the Rome spring change (dates have no zone)
		{"2027-03-16", 366, "2028-03-16"}, // the year in between holds 2028-02-29
		{"2027-03-16", 365, "2028-03-15"},
		{"2027-01-31", 30, "2027-03-02"},
		{"9999-12-31", -3652058, "0001-01-01"},
	}
	for _, tt := range tests {
		from := date(t, tt.from)
		if got := from.AddDays(tt.n).String(); got != tt.want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

// daysFromCivil counts days since 1970-01-01 for a proleptic Gregorian date
// (H. Hinnant's algorithm), independently of package time.
func daysFromCivil(d Date) int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func TestDateDaysUntil(t *testing.T) {
	tests := []daysUntilCase{
		{"2027-03-16", "2027-03-16", 0},
		{"2027-03-16", "2027-03-23", 7},
		{"2027-03-23", "2027-03-16", -7},
		{"2027-03-27", "2027-03-29", 2},   // over the Rome spring change: still 2 days
		{"2027-10-30", "2027-11-01", 2},   // and the autumn one
		{"2028-02-22", "2028-02-29", 7},   // leap day
		{"2028-02-28", "2028-03-01", 2},   // over the leap day
		{"2027-02-28", "2027-03-01", 1},   // no leap day
		{"2027-12-31", "2028-01-01", 1},   // year end
		{"2027-01-01", "2028-01-01", 365}, // common year
		{"2028-01-01", "2029-01-01", 366}, // leap year
		{"2027-05-06", "2027-11-06", 184},
		{"1800-01-01", "2027-03-16", 82984},
	}
	checkDaysUntil(t, tests)
}

// TestDateDaysUntilLongDistance: both ends are valid Dates (ParseDate
// accepts years 1 to 9999), so the count must hold over any distance.
//
// Regression: DaysUntil once measured a time.Duration, which saturates at
// about 292 years (1900-01-01 to 2200-01-01 gave 106751 days, not 109573).
func TestDateDaysUntilLongDistance(t *testing.T) {
	checkDaysUntil(t, []daysUntilCase{
		{"1900-01-01", "2200-01-01", 109573},
		{"0001-01-01", "9999-12-31", 3652058},
		{"9999-12-31", "0001-01-01", -3652058},
	})
}

type daysUntilCase struct {
	from, to string
	want     int
}

func checkDaysUntil(t *testing.T, tests []daysUntilCase) {
	t.Helper()
	for _, tt := range tests {
		from, to := date(t, tt.from), date(t, tt.to)
		if check := daysFromCivil(to) - daysFromCivil(from); check != tt.want {
			t.Fatalf("test table is wrong: %s..%s is %d days", tt.from, tt.to, check)
		}
		if got := from.DaysUntil(to); got != tt.want {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
		if got, want := from.Before(to), tt.want > 0; got != want {
			t.Errorf("%s.Before(%s) = %v, want %v", tt.from, tt.to, got, want)
		}
	}
}

func TestDateWeekdayAndDateOf(t *testing.T) {
	if got := date(t, "2028-02-29").Weekday(); got != time.Tuesday {
		t.Errorf("2028-02-29 weekday = %v, want Tuesday", got)
	}
	if got := date(t, "2027-03-28").Weekday(); got != time.Sunday {
		t.Errorf("2027-03-28 weekday = %v, want Sunday", got)
	}
	// DateOf uses t's own location: 23:30 UTC is already tomorrow in Rome.
	utc := time.Date(2027, 3, 16, 23, 30, 0, 0, time.UTC)
	if got := DateOf(utc).String(); got != "2027-03-16" {
		t.Errorf("DateOf(UTC) = %s", got)
	}
	if got := DateOf(utc.In(loc(t, "Europe/Rome"))).String(); got != "2027-03-17" {
		t.Errorf("DateOf(Rome) = %s", got)
	}
	if !(Date{}).IsZero() || date(t, "2027-01-01").IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want Clock
		ok   bool
		str  string // String() of the result
	}{
		{in: "09:30", want: Clock{9, 30}, ok: true, str: "09:30"},
		{in: "9:30", want: Clock{9, 30}, ok: true, str: "09:30"}, // one-digit hour accepted
		{in: "0:00", want: Clock{0, 0}, ok: true, str: "00:00"},
		{in: "00:00", want: Clock{0, 0}, ok: true, str: "00:00"},
		{in: "23:59", want: Clock{23, 59}, ok: true, str: "23:59"},
		{in: "12:05", want: Clock{12, 5}, ok: true, str: "12:05"},
		{in: "24:00"},
		{in: "25:00"},
		{in: "12:60"},
		{in: "1230"},
		{in: ""},
		{in: ":"},
		{in: "-1:00"},
		{in: "+9:30"},
		{in: "9:5"},     // minutes need two digits
		{in: "09:305"},  // and only two
		{in: "123:00"},  // hours at most two digits
		{in: "9:30:00"}, // no seconds
		{in: " 9:30"},
		{in: "9:30 "},
		{in: "09:3a"},
		{in: "9.30"},
		{in: "09h30"},
		{in: "٠٩:٣٠"}, // Arabic-Indic digits
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseClock(tt.in)
			if !tt.ok {
				if err == nil {
					t.Fatalf("ParseClock(%q) = %v, want an error", tt.in, got)
				}
				if !strings.Contains(err.Error(), "invalid time") {
					t.Errorf("error = %q", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseClock(%q): %v", tt.in, err)
			}
			if got != tt.want || got.String() != tt.str {
				t.Errorf("ParseClock(%q) = %+v (%s), want %+v (%s)", tt.in, got, got, tt.want, tt.str)
			}
		})
	}
}

// TestAt covers daylight-saving gaps (an error naming date and time) and
// repeated hours (the earlier instant) in several zones.
func TestAt(t *testing.T) {
	tests := []struct {
		zone, date, clock string
		want              string // wall layout; "" means a skipped time
	}{
		{"Europe/Rome", "2027-03-16", "10:00", "2027-03-16 10:00 +01:00"},
		{"Europe/Rome", "2027-07-01", "10:00", "2027-07-01 10:00 +02:00"},
		// Spring forward, Sunday 28 March 2027: 02:00-02:59 do not exist.
		{"Europe/Rome", "2027-03-28", "01:59", "2027-03-28 01:59 +01:00"},
		{"Europe/Rome", "2027-03-28", "02:00", ""},
		{"Europe/Rome", "2027-03-28", "02:30", ""},
		{"Europe/Rome", "2027-03-28", "02:59", ""},
		{"Europe/Rome", "2027-03-28", "03:00", "2027-03-28 03:00 +02:00"},
		{"Europe/Rome", "2027-03-28", "10:00", "2027-03-28 10:00 +02:00"},
		// Fall back, Sunday 31 October 2027: 02:00-02:59 happen twice.
		{"Europe/Rome", "2027-10-31", "01:59", "2027-10-31 01:59 +02:00"},
		{"Europe/Rome", "2027-10-31", "02:00", "2027-10-31 02:00 +02:00"},
		{"Europe/Rome", "2027-10-31", "02:30", "2027-10-31 02:30 +02:00"},
		{"Europe/Rome", "2027-10-31", "02:59", "2027-10-31 02:59 +02:00"},
		{"Europe/Rome", "2027-10-31", "03:00", "2027-10-31 03:00 +01:00"},
		{"America/New_York", "2027-03-14", "02:30", ""},
		{"America/New_York", "2027-03-14", "03:00", "2027-03-14 03:00 -04:00"},
		{"America/New_York", "2027-11-07", "01:00", "2027-11-07 01:00 -04:00"},
		{"America/New_York", "2027-11-07", "01:30", "2027-11-07 01:30 -04:00"},
		{"America/New_York", "2027-11-07", "02:00", "2027-11-07 02:00 -05:00"},
		{"Australia/Sydney", "2027-10-03", "02:30", ""},
		{"Australia/Sydney", "2027-10-03", "03:00", "2027-10-03 03:00 +11:00"},
		{"Australia/Sydney", "2027-04-04", "02:00", "2027-04-04 02:00 +11:00"},
		{"Australia/Sydney", "2027-04-04", "02:30", "2027-04-04 02:30 +11:00"},
		{"Australia/Sydney", "2027-04-04", "03:00", "2027-04-04 03:00 +10:00"},
		// Lord Howe Island shifts by 30 minutes.
		{"Australia/Lord_Howe", "2027-04-04", "01:45", "2027-04-04 01:45 +11:00"},
		{"Australia/Lord_Howe", "2027-10-03", "02:15", ""},
		{"UTC", "2028-02-29", "23:59", "2028-02-29 23:59 +00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.date+" "+tt.clock, func(t *testing.T) {
			l := loc(t, tt.zone)
			got, err := At(date(t, tt.date), clock(t, tt.clock), l)
			if tt.want == "" {
				ge := asError[*ClockGapError](t, err)
				if ge.Date.String() != tt.date || ge.Clock.String() != tt.clock || ge.Zone != tt.zone {
					t.Errorf("error = %+v, want %s %s in %s", ge, tt.date, tt.clock, tt.zone)
				}
				if !containsAll(ge.Error(), tt.date, tt.clock, tt.zone, "does not exist") {
					t.Errorf("Error() = %q, want it to name %s %s in %s", ge, tt.date, tt.clock, tt.zone)
				}
				return
			}
			if err != nil {
				t.Fatalf("At: %v", err)
			}
			if got.Location() != l {
				t.Errorf("location = %v, want %v", got.Location(), l)
			}
			if s := got.Format(wall); s != tt.want {
				t.Errorf("At = %s, want %s", s, tt.want)
			}
		})
	}
}

func TestLeapDayCourse(t *testing.T) {
	cat := builtin(t)
	// Weekly analgesic course from Tuesday 22 February 2028: the second
	// session lands on the leap day.
	p := mustPlan(t, cat, request(t, "analgesic", "2028-02-22"))
	want := []string{"2028-02-22", "2028-02-29", "2028-03-07", "2028-03-14", "2028-03-21"}
	if got := sessionDates(p); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sessions = %v, want %v", got, want)
	}
	for i, s := range p.Sessions[1:] {
		if s.DaysSincePrevious != 7 {
			t.Errorf("session %d: days since previous = %d, want 7", i+2, s.DaysSincePrevious)
		}
	}
	// A course starting on the leap day, crossing into March; its recall
	// lands 6 months after the last session.
	p = mustPlan(t, cat, request(t, "mesolifting", "2028-02-29"))
	want = []string{"2028-02-29", "2028-03-07", "2028-03-14", "2028-03-21", "2028-04-05", "2028-04-20"}
	if got := sessionDates(p); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sessions = %v, want %v", got, want)
	}
	if p.Maintenance == nil || p.Maintenance.Date.String() != "2028-10-20" {
		t.Errorf("maintenance = %+v, want recall on 2028-10-20", p.Maintenance)
	}
	// 15-day consolidation across the end of a leap February.
	p = mustPlan(t, cat, request(t, "mesolifting", "2028-01-18"))
	want = []string{"2028-01-18", "2028-01-25", "2028-02-01", "2028-02-08", "2028-02-23", "2028-03-09"}
	if got := sessionDates(p); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sessions = %v, want %v", got, want)
	}
	if got := p.Sessions[5].DaysSincePrevious; got != 15 {
		t.Errorf("days since previous over 29 February = %d, want 15", got)
	}
}

// TestLoadZone checks that zones are loaded by IANA name only.
func TestLoadZone(t *testing.T) {
	for _, name := range []string{"Europe/Rome", "UTC", "America/New_York"} {
		z, err := LoadZone(name)
		if err != nil || z.String() != name || z.Location().String() != name {
			t.Errorf("%q: got %v, %v", name, z, err)
		}
	}
	for _, name := range []string{"", "Local", "/etc/localtime", "Europe/../UTC", "Europe/Roma", "Mars/Base", "right/Europe/Rome", "posix/Europe/Rome", "Factory", "posixrules", "localtime"} {
		var ze *ZoneError
		if _, err := LoadZone(name); !errors.As(err, &ze) || ze.Name != name {
			t.Errorf("%q: error %v, want a ZoneError", name, err)
		}
	}
	var z Zone
	if err := z.UnmarshalText([]byte("Asia/Tokyo")); err != nil || z.String() != "Asia/Tokyo" {
		t.Errorf("UnmarshalText: %v, %v", z, err)
	}
	if b, _ := z.MarshalText(); string(b) != "Asia/Tokyo" {
		t.Errorf("MarshalText: %q", b)
	}
	if (Zone{}).Location() != time.UTC || !(Zone{}).IsZero() {
		t.Error("the zero Zone is not UTC")
	}
}

// repeatedWallTimeByFormat is RepeatedWallTime as first written, by
// comparing formatted wall clocks: the reference of the offset version.
func repeatedWallTimeByFormat(t time.Time) bool {
	const layout = "2006-01-02T15:04:05"
	for _, d := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		for _, other := range []time.Time{t.Add(d), t.Add(-d)} {
			if other.Format(layout) == t.Format(layout) {
				return true
			}
		}
	}
	return false
}

// TestRepeatedWallTime: every 5 minutes of two years, in zones with
// one-hour, half-hour (Lord Howe) and no changes, the answer is the
// reference's, and the hour repeated in Rome's autumn is found.
func TestRepeatedWallTime(t *testing.T) {
	repeated := 0
	for _, name := range []string{"Europe/Rome", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for u := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC); u.Year() < 2029; u = u.Add(5 * time.Minute) {
			local := u.In(loc)
			got, want := RepeatedWallTime(local), repeatedWallTimeByFormat(local)
			if got != want {
				t.Fatalf("%s: RepeatedWallTime = %v, want %v", local, got, want)
			}
			if got {
				repeated++
			}
		}
	}
	if repeated == 0 {
		t.Error("no repeated wall time found")
	}
}
