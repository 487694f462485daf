package ical

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// ---- UIDs and plan identity ----

func TestUIDs(t *testing.T) {
	for _, s := range []planSpec{
		{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16"},
		{treatment: "cellulite", zone: "America/New_York", start: "2027-03-01"},
		{treatment: "hair", zone: "Australia/Sydney", start: "2027-09-20", perSession: true},
		{treatment: "mesobotox", zone: "UTC", start: "2027-03-16", sessions: 2},
	} {
		t.Run(s.String(), func(t *testing.T) {
			p := makePlan(t, s)
			o := defaultOptions(t, p, "Zoë Quintavalle", s.start)
			uidsOf := func(data []byte) []string {
				var out []string
				for _, ev := range parse(t, data).Events() {
					out = append(out, ev.Props.Get("UID").Value)
				}
				return out
			}
			first := uidsOf(encode(t, p, o))
			again := uidsOf(encode(t, p, o))
			if strings.Join(first, " ") != strings.Join(again, " ") {
				t.Errorf("UIDs differ between two encodes:\n%v\n%v", first, again)
			}
			valid := regexp.MustCompile(`^[A-Za-z0-9._-]+@mesoplan$`)
			seen := map[string]bool{}
			for _, uid := range first {
				if seen[uid] {
					t.Errorf("duplicate UID %s", uid)
				}
				seen[uid] = true
				if !strings.HasPrefix(uid, o.PlanID+"-") || !valid.MatchString(uid) {
					t.Errorf("UID %q is not <plan id>-...@mesoplan", uid)
				}
				if low := strings.ToLower(uid); strings.Contains(low, "quintavalle") || strings.Contains(low, "zoë") {
					t.Errorf("UID %q carries the patient's name", uid)
				}
			}
			for _, sess := range p.Sessions {
				if !seen[sessionUID(o.PlanID, sess.Number)] {
					t.Errorf("no UID %s", sessionUID(o.PlanID, sess.Number))
				}
			}
			for _, w := range p.Windows {
				if !seen[windowUID(o.PlanID, w)] {
					t.Errorf("no UID %s", windowUID(o.PlanID, w))
				}
			}
			// Another plan id gives the same UIDs under the other id.
			o2 := o
			o2.PlanID = "clinic-2027.anna_01"
			other := uidsOf(encode(t, p, o2))
			if len(other) != len(first) {
				t.Fatalf("%d UIDs with another plan id, want %d", len(other), len(first))
			}
			for i := range first {
				if want := o2.PlanID + strings.TrimPrefix(first[i], o.PlanID); other[i] != want {
					t.Errorf("with plan id %s: UID %q, want %q", o2.PlanID, other[i], want)
				}
			}
			// Other options do not change UIDs.
			o3 := o
			o3.Audience, o3.Patient, o3.Now, o3.SessionReminders = Practitioner, "Someone Else", fixedNow.Add(time.Hour), nil
			o3.Clinic = Clinic{Name: "X", Email: "x@example.org"}
			if got := uidsOf(encode(t, p, o3)); strings.Join(got, " ") != strings.Join(first, " ") {
				t.Errorf("UIDs depend on options other than PlanID:\n%v\n%v", got, first)
			}
		})
	}
}

func TestPlanIdentity(t *testing.T) {
	d := func(s string) planner.Date { return mustDate(t, s) }
	base := PlanIdentity("Anna Rossi", "mesolifting", d("2027-03-16"))
	if again := PlanIdentity("Anna Rossi", "mesolifting", d("2027-03-16")); again != base {
		t.Errorf("PlanIdentity is not deterministic: %s, %s", base, again)
	}
	if err := CheckPlanID(base); err != nil {
		t.Errorf("PlanIdentity gives an id CheckPlanID rejects: %v", err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(base) {
		t.Errorf("PlanIdentity = %q, want 16 hex digits", base)
	}
	if strings.Contains(strings.ToLower(base), "anna") || strings.Contains(strings.ToLower(base), "rossi") {
		t.Errorf("PlanIdentity %q carries the name", base)
	}
	if got := PlanIdentity("  Anna Rossi \t", "mesolifting", d("2027-03-16")); got != base {
		t.Errorf("surrounding white space changes the identity: %s vs %s", got, base)
	}
	others := map[string]string{
		"patient":           PlanIdentity("Anna Bianchi", "mesolifting", d("2027-03-16")),
		"no patient":        PlanIdentity("", "mesolifting", d("2027-03-16")),
		"treatment":         PlanIdentity("Anna Rossi", "hair", d("2027-03-16")),
		"start":             PlanIdentity("Anna Rossi", "mesolifting", d("2027-03-17")),
		"start year":        PlanIdentity("Anna Rossi", "mesolifting", d("2028-03-16")),
		"field boundary":    PlanIdentity("Anna Rossimesolifting", "", d("2027-03-16")),
		"case of the name":  PlanIdentity("anna rossi", "mesolifting", d("2027-03-16")),
		"name in treatment": PlanIdentity("", "Anna Rossi\x00mesolifting", d("2027-03-16")),
	}
	seen := map[string]string{base: "base"}
	for what, id := range others {
		if prev, dup := seen[id]; dup {
			t.Errorf("a different %s gives the same identity as %s: %s", what, prev, id)
		}
		seen[id] = what
	}
}

func TestCheckPlanID(t *testing.T) {
	ok := []string{"a", "A", "0", "plan-1", "clinic-2027.anna_01", "a.b.c", "x_", "9-", strings.Repeat("a", 64), "fd31f4686e5874ee"}
	bad := []string{"", "-a", ".a", "_a", strings.Repeat("a", 65), "a b", "a@b", "a/b", "a:b", "a;b", "a,b", "é", "a\n", "a\r\nATTENDEE:x", " a", "a\x00", "plan+1", "ａ"}
	for _, id := range ok {
		if err := CheckPlanID(id); err != nil {
			t.Errorf("CheckPlanID(%q) = %v, want nil", id, err)
		}
	}
	for _, id := range bad {
		if err := CheckPlanID(id); err == nil {
			t.Errorf("CheckPlanID(%q) = nil, want an error", id)
		}
	}
}
