package ical

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/mesoplan/mesoplan/planner"
)

// PlanIdentity derives a plan's identity from who is treated, with what,
// from when: the same inputs give the same UIDs, so a re-exported plan
// updates a calendar instead of duplicating it. The patient's name goes
// in only hashed (RFC 7986 section 5.3 advises against personal data in
// UIDs).
func PlanIdentity(patient, treatment string, start planner.Date) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{"mesoplan", strings.TrimSpace(patient), treatment, start.String()}, "\x00")))
	return hex.EncodeToString(sum[:8])
}

// rePlanID is the form of plan id that CheckPlanID accepts.
var rePlanID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`) // and at most 64 bytes (a counted repetition compiles slowly)

// CheckPlanID reports whether id can be used in UIDs: 1 to 64 ASCII
// letters, digits, '.', '_' or '-', starting with a letter or digit.
func CheckPlanID(id string) error {
	if len(id) > 64 || !rePlanID.MatchString(id) {
		return fmt.Errorf("invalid plan id %q: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", id)
	}
	return nil
}

// uidDomain is the right-hand side of every UID (RFC 5545 section 3.8.4.7).
const uidDomain = "mesoplan"

// NewPlanID draws a random plan identity from r (crypto/rand.Reader): the
// identity of a saved plan, kept in the file. Unlike [PlanIdentity] it
// reveals nothing, not even to someone who can guess the patient, the
// treatment and the start date, and no two saved plans share one.
func NewPlanID(r io.Reader) (string, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("drawing a plan identity: %w", err)
	}
	return hex.EncodeToString(b), nil
}
