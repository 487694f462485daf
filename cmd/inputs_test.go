package cmd

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mesoplan/mesoplan/planner"
)

// TestInputsSavedRoundTrip checks that the inputs a plan is saved with
// read back as the same inputs, so reschedule plans with what made it.
func TestInputsSavedRoundTrip(t *testing.T) {
	zone, err := planner.LoadZone("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	in := courseInputs{
		Treatment: "hair", Start: date("2027-03-16"), Time: planner.Clock{Hour: 17, Minute: 30}, Zone: zone,
		Sessions: 6, Conditions: []string{"rosacea"}, Strict: true, PerSession: true, AllowPast: true,
		Clinic: clinicCalendar{OpenDays: weekdays("mon-fri"), Closed: []planner.DateRange{dateRange("2027-08-09..2027-08-20")}, Holidays: "IT"},
		Patient: patientCalendar{Away: []planner.DateRange{dateRange("2027-04-01")}, Days: weekdays("tue,thu"),
			Busy: []busyFile{{Path: "/tmp/anna.ics", SHA256: "ab"}}, AvoidConflicts: true},
	}
	saved := in.saved("anna-1")
	if saved.PlanID != "anna-1" || saved.OpenDays != "mon-fri" || saved.Days != "tue,thu" || saved.Holidays != "IT" || saved.Time != "17:30" {
		t.Errorf("saved %+v", saved)
	}
	back, err := inputsOf(saved, "p.json", clinicCalendar{})
	if err != nil {
		t.Fatal(err)
	}
	if back.Zone.String() != in.Zone.String() {
		t.Errorf("zone %v, want %v", back.Zone, in.Zone)
	}
	back.Zone = in.Zone
	if back.savedIn != "p.json" {
		t.Errorf("read back from %q, want p.json", back.savedIn)
	}
	back.savedIn = ""
	if !reflect.DeepEqual(back, in) {
		t.Errorf("read back\n got %+v\nwant %+v", back, in)
	}
}

// TestInputsOfBadFile checks that a bad value in a saved plan names the
// file, and that opening days missing from it come from the settings.
func TestInputsOfBadFile(t *testing.T) {
	good := savedInputs{Treatment: "hair", Start: "2027-03-16", Time: "10:00", Timezone: "UTC", OpenDays: "mon-sat", Holidays: "none"}
	for _, edit := range []func(*savedInputs){
		func(s *savedInputs) { s.Start = "2027-02-30" },
		func(s *savedInputs) { s.Time = "25:00" },
		func(s *savedInputs) { s.Timezone = "Mars/Base" },
		func(s *savedInputs) { s.OpenDays = "weekdays" },
		func(s *savedInputs) { s.Holidays = "ITA" },
		func(s *savedInputs) { s.Closed = []string{"soon"} },
		func(s *savedInputs) { s.Away = []string{"2027-08-20..2027-08-09"} },
		func(s *savedInputs) { s.Days = "someday" },
	} {
		s := good
		edit(&s)
		_, err := inputsOf(s, "p.json", clinicCalendar{})
		if err == nil || !strings.HasPrefix(err.Error(), "p.json: ") || exitCode(err) != exitFailure {
			t.Errorf("%+v: error %v (exit %d), want one naming p.json, exit 1", s, err, exitCode(err))
		}
	}
	s := good
	s.OpenDays, s.Holidays = "", ""
	in, err := inputsOf(s, "p.json", clinicCalendar{OpenDays: weekdays("mon-fri"), Holidays: "DE"})
	if err != nil || in.Clinic.OpenDays != weekdays("mon-fri") || in.Clinic.Holidays != "DE" {
		t.Errorf("fallback: %+v, %v", in.Clinic, err)
	}
}

// TestConstraints checks which constraints the inputs make, in order.
func TestConstraints(t *testing.T) {
	in := courseInputs{Start: date("2027-03-16"), Clinic: clinicCalendar{OpenDays: weekdays("mon-sat")}}
	kinds := func(in courseInputs) string {
		var names []string
		for _, c := range in.constraints() {
			names = append(names, reflect.TypeOf(c).Name())
		}
		return strings.Join(names, ",")
	}
	if got := kinds(in); got != "OpenDays" {
		t.Errorf("the clinic's week alone: %s", got)
	}
	in.Clinic.Closed = []planner.DateRange{dateRange("2027-08-09")}
	in.Clinic.Holidays = "IT"
	in.Patient.Away = []planner.DateRange{dateRange("2027-04-01")}
	in.Patient.Days = weekdays("tue")
	if got := kinds(in); got != "ClosedDates,Holidays,OpenDays,Away,PreferredDays" {
		t.Errorf("every constraint: %s", got)
	}
}
