package ical

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// checkFolded checks fold's output for one input: CRLF line ends only,
// every physical line at most 75 octets and valid UTF-8, continuation
// lines start with one space, every line but a content line's last is as
// full as it can be without splitting a character, and unfolding gives
// the input back.
func checkFolded(t *testing.T, in, out string) {
	t.Helper()
	if got := unfold(out); got != in {
		t.Fatalf("unfold(fold(x)) != x\n in: %q\nout: %q", in, out)
	}
	if strings.HasSuffix(in, "\r\n") != strings.HasSuffix(out, "\r\n") {
		t.Errorf("fold changed the trailing CRLF: %q -> %q", in, out)
	}
	phys := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for i, l := range phys {
		if len(l) > maxLineOctets {
			t.Errorf("physical line %d is %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("physical line %d splits a UTF-8 character: %q", i, l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("physical line %d has a bare CR or LF: %q", i, l)
		}
		// A line followed by a continuation is full: the next character
		// would not fit.
		if i+1 < len(phys) && strings.HasPrefix(phys[i+1], " ") {
			next, _ := utf8.DecodeRuneInString(phys[i+1][1:])
			if len(phys[i+1]) > 1 && len(l)+utf8.RuneLen(next) <= maxLineOctets {
				t.Errorf("physical line %d (%d octets) is folded early: %q then %q", i, len(l), l, phys[i+1])
			}
		}
	}
}

// TestFold folds lines of ASCII, 2-, 3- and 4-byte characters at every
// offset around the 75-octet boundary.
func TestFold(t *testing.T) {
	chars := []struct{ name, s string }{
		{"ascii", "a"},
		{"e-acute", "é"},         // 2 octets
		{"arabic-ain", "ع"},      // 2 octets
		{"euro", "€"},            // 3 octets
		{"arabic-lig", "ﷺ"},      // 3 octets
		{"emoji", "😀"},           // 4 octets
		{"flag", "🇮🇹"},           // two 4-octet characters
		{"combining", "e\u0301"}, // 1 + 2 octets
	}
	prefixes := []string{"SUMMARY:", "DESCRIPTION;LANGUAGE=ar:", "X:"}
	for _, c := range chars {
		for _, prefix := range prefixes {
			for pad := 55; pad <= 80; pad++ {
				for _, reps := range []int{1, 2, 30} {
					line := prefix + strings.Repeat("x", max(0, pad-len(prefix))) + strings.Repeat(c.s, reps)
					for _, in := range []string{line + "\r\n", "BEGIN:VEVENT\r\n" + line + "\r\nEND:VEVENT\r\n", line} {
						t.Run(fmt.Sprintf("%s/%s/%d/%d", c.name, prefix[:2], pad, reps), func(t *testing.T) {
							checkFolded(t, in, fold(in))
						})
					}
				}
			}
		}
	}
}

// TestFoldBoundaries checks exact lengths: 75 octets stay on one line,
// 76 fold, and a multi-byte character that would straddle octet 75 moves
// whole to the next line.
func TestFoldBoundaries(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"crlf only", "\r\n", "\r\n"},
		{"75 octets", strings.Repeat("a", 75) + "\r\n", strings.Repeat("a", 75) + "\r\n"},
		{"76 octets", strings.Repeat("a", 76) + "\r\n", strings.Repeat("a", 75) + "\r\n a\r\n"},
		{"75+74+1", strings.Repeat("a", 150) + "\r\n", strings.Repeat("a", 75) + "\r\n " + strings.Repeat("a", 74) + "\r\n a\r\n"},
		{"é at 74-75", strings.Repeat("a", 73) + "é" + "b\r\n", strings.Repeat("a", 73) + "é\r\n b\r\n"},
		{"é at 75-76", strings.Repeat("a", 74) + "é" + "\r\n", strings.Repeat("a", 74) + "\r\n é\r\n"},
		{"€ at 74-76", strings.Repeat("a", 73) + "€" + "\r\n", strings.Repeat("a", 73) + "\r\n €\r\n"},
		{"€ at 73-75", strings.Repeat("a", 72) + "€" + "b\r\n", strings.Repeat("a", 72) + "€\r\n b\r\n"},
		{"😀 at 73-76", strings.Repeat("a", 72) + "😀" + "\r\n", strings.Repeat("a", 72) + "\r\n 😀\r\n"},
		{"😀 at 72-75", strings.Repeat("a", 71) + "😀" + "b\r\n", strings.Repeat("a", 71) + "😀\r\n b\r\n"},
		{"😀 at 75-78", strings.Repeat("a", 74) + "😀" + "\r\n", strings.Repeat("a", 74) + "\r\n 😀\r\n"},
		{"two lines", strings.Repeat("a", 76) + "\r\n" + strings.Repeat("b", 76) + "\r\n", strings.Repeat("a", 75) + "\r\n a\r\n" + strings.Repeat("b", 75) + "\r\n b\r\n"},
		{"escape at the fold", strings.Repeat("a", 74) + `\n` + "\r\n", strings.Repeat("a", 74) + "\\\r\n n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fold(tt.in)
			if got != tt.want {
				t.Errorf("fold(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkFolded(t, tt.in, got)
		})
	}
}

// TestFoldLongMixed folds long lines of mixed scripts, as a long Arabic
// clinic address or a name full of emoji produce them.
func TestFoldLongMixed(t *testing.T) {
	pieces := []string{"a", "é", "€", "😀", "ع", " ", "\\n", "\\,", "ß", "中", "\u200d", "👩‍⚕️"}
	for n := 1; n <= 400; n += 7 {
		var b strings.Builder
		b.WriteString("DESCRIPTION:")
		for i := 0; i < n; i++ {
			b.WriteString(pieces[(i*7+n)%len(pieces)])
		}
		in := b.String() + "\r\n"
		checkFolded(t, in, fold(in))
	}
}

// nastyName is a patient name that tries every trick: a CRLF followed by a
// valid property, lone CR and LF, a tab, other control characters, the
// TEXT specials and an emoji.
const nastyName = "Zoë\r\nATTENDEE:mailto:evil@example.org\rDTSTART:20000101T000000Z\nX-INJ:1\tO'Brien; Rossi, \\x: 😀\x00\x07\x1b\x7f\u0085\u2028end"

// nastyNameClean is nastyName as SUMMARY, DESCRIPTION and the calendar
// name must carry it: every line break and tab is one space, the other
// control characters and line separators are gone.
const nastyNameClean = "Zoë ATTENDEE:mailto:evil@example.org DTSTART:20000101T000000Z X-INJ:1 O'Brien; Rossi, \\x: 😀end"

// propNames lists, per component path, the property names of a parsed
// calendar, sorted.
func propNames(c *goical.Component, path string, out map[string][]string) {
	path += "/" + c.Name
	for name, ps := range c.Props {
		for range ps {
			out[path] = append(out[path], name)
		}
	}
	sort.Strings(out[path])
	for i, ch := range c.Children {
		propNames(ch, fmt.Sprintf("%s[%d]", path, i), out)
	}
}

// TestTextNeverAddsProperties exports plans whose patient name and clinic
// name and address are full of line breaks, control characters and TEXT
// specials, and checks that the parsed-back calendar has exactly the
// properties of a plain export and the expected cleaned text.
func TestTextNeverAddsProperties(t *testing.T) {
	tests := []struct {
		name                  string
		patient, clinicName   string
		address               string
		wantPatient, wantLocn string
	}{
		{
			name:    "crlf injection in the name",
			patient: "x\r\nATTENDEE:mailto:evil", clinicName: "Studio", address: "Via Roma 1",
			wantPatient: "x ATTENDEE:mailto:evil", wantLocn: "Studio, Via Roma 1",
		},
		{
			name:    "every trick",
			patient: nastyName, clinicName: "Studio\r\nMETHOD:REQUEST", address: "Via Roma 1\rORGANIZER:mailto:x@y\nBEGIN:VEVENT",
			wantPatient: nastyNameClean, wantLocn: "Studio METHOD:REQUEST, Via Roma 1 ORGANIZER:mailto:x@y BEGIN:VEVENT",
		},
		{
			name:    "lone CR and LF",
			patient: "Anna\rBianchi\nRossi", clinicName: "", address: "Line 1\nLine 2\r\nLine 3",
			wantPatient: "Anna Bianchi Rossi", wantLocn: "Line 1 Line 2 Line 3",
		},
		{
			name:    "tabs and runs of white space",
			patient: "  Anna\t\tBianchi  ", clinicName: "Studio\tBianchi", address: " Via\t Roma ",
			wantPatient: "Anna Bianchi", wantLocn: "Studio Bianchi, Via Roma",
		},
		{
			name:    "TEXT specials",
			patient: `Rossi; Anna, "Dr." \N\n\\ 1:2`, clinicName: "Studio; A, B", address: `C:\path\n, 3;4`,
			wantPatient: `Rossi; Anna, "Dr." \N\n\\ 1:2`, wantLocn: `Studio; A, B, C:\path\n, 3;4`,
		},
		{
			name:    "emoji, accents and a long Arabic address",
			patient: "Zoë 😀 Ångström-Núñez 👩‍⚕️", clinicName: "عيادة الشفاء",
			address:     "شارع الشيخ زايد، برج الإمارات، الطابق ٢٧، دبي، الإمارات العربية المتحدة 😀",
			wantPatient: "Zoë 😀 Ångström-Núñez 👩‍⚕️", wantLocn: "عيادة الشفاء, شارع الشيخ زايد، برج الإمارات، الطابق ٢٧، دبي، الإمارات العربية المتحدة 😀",
		},
		{
			name:    "other control characters",
			patient: "A\x00B\x01C\x1bD\x7fE\u0085F\u2028G\u2029H", clinicName: "S\x00", address: "\x1b[31mred",
			wantPatient: "ABCDEFGH", wantLocn: "S, [31mred",
		},
		{
			name:    "invalid UTF-8",
			patient: "Zo\xebe", clinicName: "S", address: "A\xff",
			wantPatient: "Zo\uFFFDe", wantLocn: "S, A\uFFFD",
		},
	}
	s := planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16", at: "10:00", conditions: []string{"diabetes"}}
	p := makePlan(t, s)
	for _, audience := range []Audience{Patient, Practitioner} {
		for _, email := range []string{"", "clinic@example.org"} {
			base := defaultOptions(t, p, "Plain Name", s.start)
			base.Audience = audience
			base.Clinic = Clinic{Name: "Plain", Address: "Plain", Email: email}
			baseline := map[string][]string{}
			propNames(parse(t, encode(t, p, base)).Component, "", baseline)
			for _, tt := range tests {
				t.Run(fmt.Sprintf("%s/%s/email=%v", audience, tt.name, email != ""), func(t *testing.T) {
					o := base
					o.Patient = tt.patient
					o.Clinic = Clinic{Name: tt.clinicName, Address: tt.address, Email: email}
					data := encode(t, p, o)
					checkLines(t, data)
					cal := parse(t, data)
					got := map[string][]string{}
					propNames(cal.Component, "", got)
					wantBase := baseline
					for path, names := range wantBase {
						if strings.Join(got[path], ",") != strings.Join(names, ",") {
							t.Errorf("%s has properties %v, want %v", path, got[path], names)
						}
					}
					for path := range got {
						if _, ok := wantBase[path]; !ok {
							t.Errorf("extra component %s with %v", path, got[path])
						}
					}
					for _, l := range contentLines(data) {
						switch propName(l) {
						case "ATTENDEE", "X-INJ", "BEGIN:VEVENT":
							t.Errorf("injected content line %q", l)
						}
					}

					calName := textProp(t, cal.Component, "NAME")
					if want := "Mesolifting (facial rejuvenation) course — " + tt.wantPatient; calName != want {
						t.Errorf("NAME = %q, want %q", calName, want)
					}
					if x := textProp(t, cal.Component, "X-WR-CALNAME"); x != calName {
						t.Errorf("X-WR-CALNAME = %q, want %q", x, calName)
					}
					for _, ev := range cal.Events() {
						uid := ev.Props.Get("UID").Value
						summary := textProp(t, ev.Component, "SUMMARY")
						desc := textProp(t, ev.Component, "DESCRIPTION")
						for _, txt := range []string{summary, desc} {
							if strings.ContainsAny(txt, "\r\x00\x07\x1b\x7f\u0085\u2028\u2029") {
								t.Errorf("%s: control character left in %q", uid, txt)
							}
						}
						if strings.Contains(summary, "\n") {
							t.Errorf("%s: SUMMARY spans lines: %q", uid, summary)
						}
						if audience == Practitioner {
							if want := tt.wantPatient + ": "; !strings.HasPrefix(summary, want) {
								t.Errorf("%s SUMMARY = %q, want the prefix %q", uid, summary, want)
							}
							if strings.Contains(uid, "-session-") {
								if want := "\nPatient: " + tt.wantPatient + ".\n"; !strings.Contains(desc, want) {
									t.Errorf("%s DESCRIPTION lacks %q:\n%s", uid, want, desc)
								}
							}
						}
						if strings.Contains(uid, "-session-") {
							if got := textProp(t, ev.Component, "LOCATION"); got != tt.wantLocn {
								t.Errorf("%s LOCATION = %q, want %q", uid, got, tt.wantLocn)
							}
						}
					}
				})
			}
		}
	}
}

// TestCNParameter: a clinic name with ',', ';', ':', '"' and an apostrophe
// reaches ORGANIZER's CN without backslashes (RFC 5545 has no escapes in
// parameter values) and parses back.
func TestCNParameter(t *testing.T) {
	tests := []struct {
		clinic, want string
	}{
		{`Bianchi, Dr. Anna`, `Bianchi Dr. Anna`},
		{`Studio "La Bella"; Milano: centro`, `Studio La Bella Milano centro`},
		{`L'Estetica`, `L’Estetica`},
		{"Clinic\r\nATTENDEE:mailto:evil", `Clinic ATTENDEEmailtoevil`},
		{`Back\slash`, `Backslash`},
		{`Clínica São João 😀`, `Clínica São João 😀`},
		{`عيادة الشفاء، دبي`, `عيادة الشفاء، دبي`},
	}
	s := planSpec{treatment: "mesobotox", zone: "Asia/Dubai", start: "2027-03-16", at: "10:00"}
	p := makePlan(t, s)
	for _, tt := range tests {
		t.Run(tt.clinic, func(t *testing.T) {
			o := defaultOptions(t, p, "", s.start)
			o.Clinic = Clinic{Name: tt.clinic, Email: "front-desk@example.org"}
			data := encode(t, p, o)
			checkLines(t, data)
			for _, l := range contentLines(data) {
				if propName(l) == "ORGANIZER" {
					params, _, _ := strings.Cut(l, ":mailto:")
					if strings.Contains(params, `\`) {
						t.Errorf("backslash in a parameter: %q", l)
					}
				}
			}
			cal := parse(t, data)
			for _, ev := range cal.Events() {
				orgs := ev.Props.Values("ORGANIZER")
				if len(orgs) != 1 {
					t.Fatalf("%d ORGANIZERs", len(orgs))
				}
				if orgs[0].Value != "mailto:front-desk@example.org" {
					t.Errorf("ORGANIZER = %q", orgs[0].Value)
				}
				if cn := orgs[0].Params.Values("CN"); len(cn) != 1 || cn[0] != tt.want {
					t.Errorf("CN = %q, want [%q]", cn, tt.want)
				}
				if len(ev.Props.Values("ATTENDEE")) != 0 {
					t.Errorf("an ATTENDEE appeared")
				}
			}
		})
	}
}

// TestCleanText checks the text helpers directly.
func TestCleanText(t *testing.T) {
	tests := []struct {
		in, clean, one, param string
	}{
		{"plain", "plain", "plain", "plain"},
		{"a\r\nb", "a\nb", "a b", "a b"},
		{"a\rb", "a\nb", "a b", "a b"},
		{"a\nb", "a\nb", "a b", "a b"},
		{"a\r\r\nb", "a\n\nb", "a b", "a b"},
		{"a\tb", "a\tb", "a b", "a b"},
		{"a\x00b\x1fc\x7fd", "abcd", "abcd", "abcd"},
		{"a\u0085b\u2028c\u2029d", "abcd", "abcd", "abcd"},
		{"x\xffy", "x\uFFFDy", "x\uFFFDy", "x\uFFFDy"},
		{" ; , \\ : ", " ; , \\ : ", "; , \\ :", ""},
		{`O'Brien "Jr"`, `O'Brien "Jr"`, `O'Brien "Jr"`, `O’Brien Jr`},
		{"😀 é € ع", "😀 é € ع", "😀 é € ع", "😀 é € ع"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.clean {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.clean)
		}
		if got := oneLine(tt.in); got != tt.one {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.one)
		}
		if got := paramSafe(tt.in); got != tt.param {
			t.Errorf("paramSafe(%q) = %q, want %q", tt.in, got, tt.param)
		}
	}
}

// FuzzCleanText holds cleanText's shortcut (text with nothing to clean is
// returned as it is) to the full cleaning.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "a\tb\nc", "a\r\nb", "\x00x", "\u2028", "\xff", "già \u0085", "\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanText(s), cleanTextSlow(s); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestIsCleanTextMatchesItsDefinition: the eight-bytes-at-once scan says
// what a byte-by-byte reading of the definition says, for every byte in
// every position of strings around the eight-byte steps.
func TestIsCleanTextMatchesItsDefinition(t *testing.T) {
	slow := func(s string) bool {
		for _, r := range s {
			if r == utf8.RuneError || (unicode.IsControl(r) && r != '\n' && r != '\t') || r == '\u2028' || r == '\u2029' {
				return false
			}
		}
		return utf8.ValidString(s)
	}
	for n := 1; n <= 17; n++ {
		for pos := 0; pos < n; pos++ {
			for b := 0; b < 256; b++ {
				s := []byte(strings.Repeat("a", n))
				s[pos] = byte(b)
				if got, want := isCleanText(string(s)), slow(string(s)); got != want {
					t.Fatalf("%q: %v, want %v", s, got, want)
				}
			}
		}
	}
	for _, s := range []string{"plain text, eight+ bytes", "é accented, past eight bytes", "a tab\tand a line\nend", "eight by\x7ftes", "\u2028 separator here", "ok ok ok ok \xc2\x85 NEL"} {
		if got, want := isCleanText(s), slow(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}
