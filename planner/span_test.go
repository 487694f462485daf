package planner

import (
	"strings"
	"testing"
	"time"
)

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in      string
		want    Span
		str     string // String() of the result
		wantErr string // substring of the error; "" means success
	}{
		{in: "24h", want: Span{24, Hours}, str: "24h"},
		{in: "1h", want: Span{1, Hours}, str: "1h"},
		{in: "7d", want: Span{7, Days}, str: "7d"},
		{in: "2w", want: Span{2, Weeks}, str: "2w"},
		{in: "6mo", want: Span{6, Months}, str: "6mo"},
		{in: " 7d\t", want: Span{7, Days}, str: "7d"}, // surrounding space is trimmed
		{in: "007d", want: Span{7, Days}, str: "7d"},  // leading zeros
		{in: "87840h", want: Span{87840, Hours}, str: "87840h"},
		{in: "3660d", want: Span{3660, Days}, str: "3660d"},
		{in: "530w", want: Span{530, Weeks}, str: "530w"},
		{in: "120mo", want: Span{120, Months}, str: "120mo"},
		{in: "", wantErr: "want a whole number and a unit"},
		{in: "d", wantErr: "want a whole number and a unit"},
		{in: "7", wantErr: "want a whole number and a unit"},
		{in: "7x", wantErr: "want a whole number and a unit"},
		{in: "7D", wantErr: "want a whole number and a unit"},
		{in: "7x", wantErr: "want a whole number and a unit"},
		{in: "7dd", wantErr: "want a whole number and a unit"},
		{in: "7 d", wantErr: "want a whole number and a unit"},
		{in: "7.5d", wantErr: "want a whole number and a unit"},
		{in: "-7d", wantErr: "want a whole number and a unit"},
		{in: "+7d", wantErr: "want a whole number and a unit"},
		{in: "７d", wantErr: "want a whole number and a unit"},
		{in: "1000000d", wantErr: "longer than ten years"},
		{in: "99999999999999999999h", wantErr: "want a whole number and a unit"},
		{in: "0d", wantErr: "greater than zero"},
		{in: "000000h", wantErr: "greater than zero"},
		{in: "87841h", wantErr: "longer than ten years"},
		{in: "3661d", wantErr: "longer than ten years"},
		{in: "531w", wantErr: "longer than ten years"},
		{in: "121mo", wantErr: "longer than ten years"},
		{in: "999999d", wantErr: "longer than ten years"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSpan(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseSpan(%q) = %v, want error containing %q", tt.in, got, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "invalid duration") {
					t.Errorf("ParseSpan(%q) error = %q, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSpan(%q): %v", tt.in, err)
			}
			if got != tt.want || got.String() != tt.str {
				t.Errorf("ParseSpan(%q) = %+v (%s), want %+v (%s)", tt.in, got, got, tt.want, tt.str)
			}
			text, _ := got.MarshalText()
			var back Span
			if err := back.UnmarshalText(text); err != nil || back != got {
				t.Errorf("text round trip: %q -> %+v, %v", text, back, err)
			}
		})
	}
	var s Span
	if err := s.UnmarshalText([]byte("0d")); err == nil || !s.IsZero() {
		t.Errorf("UnmarshalText(0d) = %+v, %v; want an error and no change", s, err)
	}
}

func TestSpanWords(t *testing.T) {
	tests := []struct {
		span Span
		want string
	}{
		{Span{1, Hours}, "1 hour"},
		{Span{24, Hours}, "24 hours"},
		{Span{1, Days}, "1 day"},
		{Span{7, Days}, "7 days"},
		{Span{1, Weeks}, "1 week"},
		{Span{2, Weeks}, "2 weeks"},
		{Span{1, Months}, "1 month"},
		{Span{6, Months}, "6 months"},
	}
	for _, tt := range tests {
		if got := tt.span.Words(); got != tt.want {
			t.Errorf("%v.Words() = %q, want %q", tt.span, got, tt.want)
		}
	}
}

// TestSpanAddTo: calendar units keep the wall-clock time across a
// daylight-saving change, hours are elapsed time.
func TestSpanAddTo(t *testing.T) {
	rome := loc(t, "Europe/Rome")
	tests := []struct {
		span string
		from string
		sign int
		want string
	}{
		{"7d", "2027-03-28 10:00 +02:00", -1, "2027-03-21 10:00 +01:00"},
		{"1w", "2027-03-28 10:00 +02:00", -1, "2027-03-21 10:00 +01:00"},
		{"168h", "2027-03-28 10:00 +02:00", -1, "2027-03-21 09:00 +01:00"},
		{"24h", "2027-03-28 10:00 +02:00", -1, "2027-03-27 09:00 +01:00"},
		{"48h", "2027-03-27 10:30 +01:00", 1, "2027-03-29 11:30 +02:00"},
		{"2d", "2027-03-27 10:30 +01:00", 1, "2027-03-29 10:30 +02:00"},
		{"7d", "2027-10-31 10:00 +01:00", -1, "2027-10-24 10:00 +02:00"},
		{"24h", "2027-10-31 10:00 +01:00", -1, "2027-10-30 11:00 +02:00"},
		{"48h", "2027-10-30 10:30 +02:00", 1, "2027-11-01 09:30 +01:00"},
		{"1w", "2027-10-30 10:00 +02:00", 1, "2027-11-06 10:00 +01:00"},
		{"6mo", "2027-05-06 10:00 +02:00", 1, "2027-11-06 10:00 +01:00"},
		{"4mo", "2027-03-16 10:00 +01:00", 1, "2027-07-16 10:00 +02:00"},
		{"1mo", "2028-03-29 10:00 +02:00", -1, "2028-02-29 10:00 +01:00"},
		// Months clamp to the end of a shorter month.
		{"1mo", "2027-03-31 10:00 +02:00", -1, "2027-02-28 10:00 +01:00"},
		{"1mo", "2028-03-31 10:00 +02:00", -1, "2028-02-29 10:00 +01:00"},
		{"1mo", "2027-01-31 10:00 +01:00", 1, "2027-02-28 10:00 +01:00"},
		{"6mo", "2027-08-31 10:00 +02:00", 1, "2028-02-29 10:00 +01:00"},
		{"4mo", "2027-10-31 10:00 +01:00", 1, "2028-02-29 10:00 +01:00"},
		{"3mo", "2027-05-31 10:00 +02:00", 1, "2027-08-31 10:00 +02:00"},
		{"12mo", "2028-02-29 10:00 +01:00", 1, "2029-02-28 10:00 +01:00"},
		{"2mo", "2027-12-31 10:00 +01:00", 1, "2028-02-29 10:00 +01:00"}, // across the year end
		{"2mo", "2028-01-31 10:00 +01:00", -1, "2027-11-30 10:00 +01:00"},
		{"7d", "2028-02-22 10:00 +01:00", 1, "2028-02-29 10:00 +01:00"},
	}
	for _, tt := range tests {
		sp, err := ParseSpan(tt.span)
		if err != nil {
			t.Fatal(err)
		}
		from := instant(t, tt.from).In(rome)
		got := sp.AddTo(from, tt.sign)
		if s := got.Format(wall); s != tt.want {
			t.Errorf("%s.AddTo(%s, %d) = %s, want %s", tt.span, tt.from, tt.sign, s, tt.want)
		}
		if got.Location() != rome {
			t.Errorf("%s.AddTo changed the location to %v", tt.span, got.Location())
		}
	}
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := (Span{}).AddTo(now, 1); !got.Equal(now) {
		t.Errorf("zero span moved the time to %v", got)
	}
}

func TestCatalogTreatmentLookup(t *testing.T) {
	cat := builtin(t)
	tests := []struct {
		name   string
		wantID string
		hint   string // for unknown names: substring of the Hint
	}{
		{name: "mesolifting", wantID: "mesolifting"},
		{name: "Mesolifting", wantID: "mesolifting"},
		{name: " FACE ", wantID: "mesolifting"},
		{name: "microbotox", wantID: "mesobotox"},
		{name: "Hair-Loss", wantID: "hair"},
		{name: "electroporation", wantID: "needle-free"},
		{name: "mesolift", hint: `did you mean "mesolifting"?`},
		{name: "celulite", hint: `did you mean "cellulite"?`},
		{name: "tattoo-removal", hint: "run 'mesoplan treatments' for the list"},
	}
	for _, tt := range tests {
		got, err := cat.Treatment(tt.name)
		if tt.wantID != "" {
			if err != nil || got.ID != tt.wantID {
				t.Errorf("Treatment(%q) = %v, %v; want %s", tt.name, got, err, tt.wantID)
			}
			continue
		}
		ie := asInputError(t, err)
		if ie.Value != tt.name || !containsAll(ie.Msg, "unknown treatment", "mesolifting, hair, body-contouring") || !strings.Contains(ie.Hint, tt.hint) {
			t.Errorf("Treatment(%q) error = %+v", tt.name, ie)
		}
		if tt.name == "tattoo-removal" && strings.Contains(ie.Hint, "did you mean") {
			t.Errorf("Treatment(%q) suggests something: %q", tt.name, ie.Hint)
		}
	}
}
