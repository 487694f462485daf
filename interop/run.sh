#!/usr/bin/env bash
# make interop: export sample courses with mesoplan and check each file with
# real client parsers (Mozilla's ical.js, Python icalendar) against the plan
# that `mesoplan plan --format json` gives for the same flags. See README.md.
#
# Usage: bash interop/run.sh   (from anywhere; `make interop` installs the
# parsers first). MESOPLAN=path picks the binary (default bin/mesoplan,
# built when missing). INTEROP_KEEP=1 keeps the work directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
PY=/usr/bin/python3

die() { echo "interop: $*" >&2; exit 1; }

# --- prerequisites (installed by `make interop`) ---------------------------
command -v node >/dev/null || die "node is missing: apt-get install nodejs npm, then make interop"
[ -f "$here/node_modules/ical.js/package.json" ] || die "ical.js is missing: run make interop (npm ci in interop/)"
[ -x "$PY" ] && "$PY" -c 'import icalendar' 2>/dev/null ||
	die "Python icalendar is missing: run make interop (apt-get install python3-icalendar)"

MESOPLAN=${MESOPLAN:-bin/mesoplan}
if [ ! -x "$MESOPLAN" ]; then
	echo "interop: building $MESOPLAN"
	go build -o "$MESOPLAN" ./cmd/mesoplan
fi
case $MESOPLAN in /*) ;; *) MESOPLAN=$root/$MESOPLAN ;; esac

# no_warnings CMD...: runs CMD with the plans' warnings (which the samples
# are made to have) and the lines confirming each file written left out of
# the log; errors still show.
no_warnings() { "$@" 2> >(grep -v -e '^mesoplan: warning: ' -e '^mesoplan: note: ' -e '^mesoplan: wrote ' >&2); }

started=$SECONDS
work=$(mktemp -d -t mesoplan-interop.XXXXXX)
keep=${INTEROP_KEEP:-}
cleanup() { [ -n "$keep" ] || rm -rf "$work"; }
trap cleanup EXIT
samples=$work/samples
mkdir -p "$samples" "$work/config"

# Deterministic output: a fixed "now" (2027-01-01T00:00:00Z, before every
# sample's start), no user config, no settings from the caller's environment.
export SOURCE_DATE_EPOCH=1798761600
export XDG_CONFIG_HOME=$work/config
unset MESOPLAN_TZ MESOPLAN_TIME MESOPLAN_CLINIC_NAME MESOPLAN_CLINIC_ADDRESS \
	MESOPLAN_CLINIC_EMAIL MESOPLAN_CATALOG MESOPLAN_CONFIG

# Long UTF-8 text: accents, emoji, Arabic; ',' ';' ':' where escaping matters.
PATIENT_LONG='Zoë Ñúñez-Müller Łukasiewicz-Đorđević 🌸💉✨ de la Peña y Villaseñor, “Zozo”; née Ærø'
PATIENT_SHORT='François Ørsted 😊'
CLINIC_NAME='Clinica Estética Bellavita; Dr. Ana Núñez, MD: mesoterapia'
CLINIC_ADDRESS='مركز بيلافيتا الطبي، شارع الشيخ زايد، برج الإمارات، الطابق ٢٣، دبي، الإمارات العربية المتحدة 🏥'
CLINIC_EMAIL='agenda@bellavita.example'

count=0    # sample exports attempted
passed=0   # checks passed: compare.py's samples, then the self-tests
failures=0 # checks failed: mesoplan errors, non-deterministic exports, compare.py's samples, self-tests

# detail_of EXPORT FLAG...: 1 when the export has one event per rule window
# (--detail, or --audience practitioner without --detail=false), else 0: a
# patient's grouped calendar.
detail_of() {
	local detail=0 a
	for a in "$@"; do
		case $a in
		practitioner | --detail | --detail=true) detail=1 ;;
		--detail=false) detail=0 ;;
		esac
	done
	echo "$detail"
}

# sample NAME CLINIC TREATMENT ZONE START [PLAN FLAG...] [-- EXPORT FLAG...]
# CLINIC: none, or full (name, Arabic address and e-mail: METHOD/ORGANIZER).
# Writes NAME.ics, NAME.json (the plan, same flags) and NAME.meta.
sample() {
	local name=$1 clinic=$2 treatment=$3 zone=$4 start=$5
	shift 5
	local plan=() exp=() after=0 a
	for a in "$@"; do
		if [ "$a" = -- ]; then after=1; elif [ $after = 1 ]; then exp+=("$a"); else plan+=("$a"); fi
	done
	local env=() address=''
	if [ "$clinic" = full ]; then
		env=(MESOPLAN_CLINIC_NAME="$CLINIC_NAME" MESOPLAN_CLINIC_ADDRESS="$CLINIC_ADDRESS" MESOPLAN_CLINIC_EMAIL="$CLINIC_EMAIL")
		address=$CLINIC_ADDRESS
	fi
	local plan_id='' patient='' i detail
	for ((i = 0; i < ${#exp[@]}; i++)); do
		case ${exp[i]} in
		--plan-id) plan_id=${exp[i + 1]} ;;
		--patient) patient=${exp[i + 1]} ;;
		esac
	done
	detail=$(detail_of "${exp[@]}")
	local base=$samples/$name
	local args=("$treatment" --start "$start" --tz "$zone" "${plan[@]}")
	count=$((count + 1))
	if ! no_warnings env "${env[@]}" "$MESOPLAN" plan "${args[@]}" --format json -o "$base.json" ||
		! no_warnings env "${env[@]}" "$MESOPLAN" export "${args[@]}" "${exp[@]}" -o "$base.ics" ||
		! no_warnings env "${env[@]}" "$MESOPLAN" export "${args[@]}" "${exp[@]}" -o "$work/again.ics"; then
		echo "FAIL $name: mesoplan failed (mesoplan plan/export ${args[*]} ${exp[*]})"
		failures=$((failures + 1))
		rm -f "$base.ics" "$base.json"
		return 0
	fi
	if ! cmp -s "$base.ics" "$work/again.ics"; then
		echo "FAIL $name: two exports with the same SOURCE_DATE_EPOCH differ"
		failures=$((failures + 1))
	fi
	printf 'plan_id=%s\npatient=%s\naddress=%s\ndetail=%s\n' "$plan_id" "$patient" "$address" "$detail" >"$base.meta"
}

# Every built-in treatment in every zone, starting in late February (the
# northern spring change, Sydney's April change) or mid-September (Sydney's
# October change, the northern autumn change), with the options varied.
treatments=(mesolifting hair body-contouring cellulite mesobotox needle-free analgesic skin-quality)
zones=(Europe/Rome America/New_York Australia/Sydney Asia/Dubai UTC)
variant() { # INDEX -> CLINIC [PLAN FLAGS] [-- EXPORT FLAGS]
	case $(($1 % 6)) in
	0) echo none ;;
	1) echo full --per-session -- --audience practitioner --patient PATIENT_LONG ;;
	2) echo none --time 07:30 -- --remind 24h,2h --plan-id PLANID ;;
	3) echo full -- --remind none --patient PATIENT_SHORT ;;
	4) echo full --time 17:45 -- --quiet-hours none --remind 48h,1h --audience practitioner ;;
	5) echo none --time 23:45 --per-session -- --patient PATIENT_SHORT ;;
	esac
}
for ((z = 0; z < ${#zones[@]}; z++)); do
	zone=${zones[z]}
	short=$(echo "${zone#*/}" | tr 'A-Z_' 'a-z-')
	for ((t = 0; t < ${#treatments[@]}; t++)); do
		tr=${treatments[t]}
		if (((z + t) % 2)); then start=2027-09-14; else start=2027-02-23; fi
		read -r -a v <<<"$(variant $((z + t)))"
		for ((i = 0; i < ${#v[@]}; i++)); do
			case ${v[i]} in
			PATIENT_LONG) v[i]=$PATIENT_LONG ;;
			PATIENT_SHORT) v[i]=$PATIENT_SHORT ;;
			PLANID) v[i]=plan.$short.$tr ;;
			esac
		done
		sample "$short-$tr" "${v[@]:0:1}" "$tr" "$zone" "$start" "${v[@]:1}"
	done
done

# A course across each daylight-saving change, with a session on the day of
# the change or the first one after it.
sample dst-rome-spring full mesolifting Europe/Rome 2027-03-21 -- --audience practitioner --patient "$PATIENT_LONG"
sample dst-rome-autumn none mesolifting Europe/Rome 2027-10-24 --time 07:30
sample dst-newyork-spring full hair America/New_York 2027-03-07 --time 07:30 -- --patient "$PATIENT_SHORT"
sample dst-newyork-autumn none cellulite America/New_York 2027-10-31 --per-session -- --remind none
sample dst-sydney-autumn full skin-quality Australia/Sydney 2027-03-28 --per-session -- --audience practitioner --patient "$PATIENT_LONG"
sample dst-sydney-spring none analgesic Australia/Sydney 2027-09-26 --time 07:30 -- --plan-id dst.sydney.spring
# Sessions right after the change in the small hours, windows starting and
# ending on the day of the change.
sample dst-rome-spring-early none mesolifting Europe/Rome 2027-03-21 --time 03:30 -- --remind 24h,2h
sample dst-newyork-autumn-early none mesolifting America/New_York 2027-10-31 --time 02:30 --per-session
# Sessions at midnight or ending at midnight: 24-hour windows that stay
# within one local date are timed events, not all-day ones.
sample timed-windows-rome none mesolifting Europe/Rome 2027-03-20 --time 23:30 --per-session
sample timed-windows-newyork full hair America/New_York 2027-10-31 --time 00:00 --per-session -- --audience practitioner
sample timed-windows-utc none cellulite UTC 2027-03-27 --time 00:00 --per-session -- --remind none
# Italian calendars: the patient's, grouped, and a practitioner's with one
# event per rule, across the autumn change.
sample lang-it-patient full mesolifting Europe/Rome 2027-03-16 --lang it -- --patient "$PATIENT_SHORT"
sample lang-it-practitioner none cellulite Europe/Rome 2027-10-12 --lang it-IT -- --audience practitioner --patient "$PATIENT_LONG"
# A practitioner's calendar with the clinic notes of a relative contraindication.
sample notes-practitioner full body-contouring Europe/Rome 2027-04-06 --condition diabetes --condition obesity -- --audience practitioner --patient "$PATIENT_LONG"

[ "$count" -gt 0 ] || die "no samples"

# --- parse and compare ------------------------------------------------------
# run_parsers DIR [--seq GLOB]: both parsers over DIR/*.ics (or DIR/GLOB,
# printing SEQUENCE and STATUS too with --seq), in parallel, into DIR.icaljs
# and DIR.pyical.
run_parsers() {
	local dir=$1 flags=() glob='*.ics'
	if [ "${2:-}" = --seq ]; then flags=(--seq) glob=$3; fi
	# The parsers exit 1 when they report an error: the checker judges.
	node "$here/icaljs.mjs" "${flags[@]}" "$dir"/$glob >"$dir.icaljs" 2>"$dir.icaljs.err" &
	local js=$!
	"$PY" "$here/pyical.py" "${flags[@]}" "$dir"/$glob >"$dir.pyical" 2>"$dir.pyical.err" || true
	wait $js || true
	cat "$dir.icaljs.err" "$dir.pyical.err" >&2
}

# tally LABEL OUT: add the "LABEL: N passed, M failed" line of OUT to the
# totals; a missing line is a failure.
tally() {
	local summary
	summary=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed\$" "$2" || true)
	if [ -n "$summary" ]; then
		read -r _ sp _ sf _ <<<"${summary//,/}"
		passed=$((passed + sp)) failures=$((failures + sf))
	else
		echo "FAIL $1 gave no summary"
		failures=$((failures + 1))
	fi
}

echo "interop: $count sample exports; ical.js $(node -p 'require(process.argv[1]).version' "$here/node_modules/ical.js/package.json"), Python icalendar $("$PY" -c 'import icalendar; print(icalendar.__version__)')"
run_parsers "$samples"
"$PY" "$here/compare.py" "$samples" "$samples.icaljs" "$samples.pyical" | tee "$samples.out" || true
tally samples "$samples.out"

# --- self-test: broken files must fail --------------------------------------
# Each fault in a copy of one sample (a practitioner's calendar with one
# event per rule, or a patient's grouped one); compare.py must report FAIL
# for it, for the reason given, so that the check above cannot pass
# vacuously.
broken=$work/broken
mkdir -p "$broken"
selftest=( # KIND|SAMPLE|REASON
	"shift-dtstart|dst-rome-spring|reads"
	"drop-event|dst-rome-spring|the export has no event"
	"extra-event|dst-rome-spring|that the plan does not"
	"allday-dtend|dst-rome-spring|the plan has"
	"no-vtimezone|dst-rome-spring|no such VTIMEZONE"
	"utc-under-tzid|dst-rome-spring|parsers disagree"
	"split-utf8|dst-rome-spring|UTF-8"
	"group-overlap|dst-rome-spring-early|two all-day events"
	"drop-group|dst-rome-spring-early|has no event"
)
made=0
for entry in "${selftest[@]}"; do
	IFS='|' read -r kind victim why <<<"$entry"
	if [ -f "$samples/$victim.ics" ]; then
		"$PY" "$here/corrupt.py" "$kind" "$samples/$victim.ics" "$broken/$kind.ics"
		cp "$samples/$victim.json" "$broken/$kind.json"
		cp "$samples/$victim.meta" "$broken/$kind.meta"
		made=$((made + 1))
	fi
done
rc=0
if [ "$made" -gt 0 ]; then
	run_parsers "$broken"
	"$PY" "$here/compare.py" "$broken" "$broken.icaljs" "$broken.pyical" >"$broken.out" || rc=$?
else
	: >"$broken.out"
fi
caught=0
for entry in "${selftest[@]}"; do
	IFS='|' read -r kind victim why <<<"$entry"
	line=$(grep -F "FAIL $kind:" "$broken.out" || true)
	if [ -n "$line" ] && [[ $line == *"$why"* ]]; then
		caught=$((caught + 1)) passed=$((passed + 1))
	else
		echo "FAIL self-test $kind (a broken copy of $victim): want a FAIL mentioning '$why', got: ${line:-$(grep -F " $kind" "$broken.out" || echo nothing)}"
		failures=$((failures + 1))
	fi
done
if [ "$rc" = 0 ]; then
	echo "FAIL self-test: compare.py exited 0 on broken files"
	failures=$((failures + 1))
fi
echo "self-test: $caught of ${#selftest[@]} broken copies caught"

# --- reschedule round trip ---------------------------------------------------
# A plan exported with --save, rescheduled, exported again from the saved
# plan (export --from s.json --save s.json), and again with no change: each
# export read by both parsers with --seq (SEQUENCE, STATUS, DTSTAMP) and
# checked by roundtrip.py against the previous one and against
# `plan --from s.json --format json`. Export K is made at "now" = the day
# after export K-1, so every DTSTAMP must be that export's time.
rt=$work/roundtrip
mkdir -p "$rt"
rt_scenarios=0 # scenarios started
rt_name='' rt_dir='' rt_k=0 rt_broken=0
rt_env=() rt_reexport=()

# rt_epoch K: SOURCE_DATE_EPOCH of export K: export 1 at 2027-01-01T00:00:00Z,
# each later one a day after the one before, unless rt_at moved the clock.
rt_base=1798761600
rt_epoch() { echo $((rt_base + ($1 - 1) * 86400)); }

# rt_at DATE: the next step happens at noon UTC on DATE, as a session can
# only be recorded as done once its day has come.
rt_at() { rt_base=$(($(date -u -d "$1 12:00" +%s) - rt_k * 86400)); }

# rt_mesoplan K ARG...: mesoplan at the time of export K, in the scenario's
# clinic settings; stdout discarded (the files are written with -o).
rt_mesoplan() {
	local k=$1
	shift
	no_warnings env "${rt_env[@]}" SOURCE_DATE_EPOCH="$(rt_epoch "$k")" "$MESOPLAN" "$@" >/dev/null
}

# rt_fail LABEL WHY: a failed step; the scenario stops there.
rt_fail() {
	echo "FAIL $rt_name v$rt_k ($1): $2"
	failures=$((failures + 1)) rt_broken=1
}

# rt_export KIND LABEL EXPORT-ARG...: export rt_k (with --save s.json), then
# the same without --save must give the same bytes, and the plan JSON.
rt_export() {
	local kind=$1 label=$2
	shift 2
	local v=$rt_dir/v$rt_k
	if ! rt_mesoplan "$rt_k" export "$@" "${rt_reexport[@]}" --save "$rt_dir/s.json" -o "$v.ics" ||
		! rt_mesoplan "$rt_k" export --from "$rt_dir/s.json" "${rt_reexport[@]}" -o "$rt_dir/again.ics" ||
		! rt_mesoplan "$rt_k" plan --from "$rt_dir/s.json" --format json -o "$v.json"; then
		rm -f "$v.ics" "$v.json"
		rt_fail "$label" "mesoplan failed (export $* ${rt_reexport[*]})"
		return 0
	fi
	if ! cmp -s "$v.ics" "$rt_dir/again.ics"; then
		echo "FAIL $rt_name v$rt_k ($label): export --from the saved plan, without --save, differs from the export that saved it"
		failures=$((failures + 1))
	fi
	echo "$rt_k $kind $(date -u -d "@$(rt_epoch "$rt_k")" +%Y-%m-%dT%H:%M:%SZ) $label" >>"$rt_dir/steps"
}

# rt_begin NAME CLINIC TREATMENT ZONE START [FLAG...] [-- RE-EXPORT FLAG...]
# Export 1. The RE-EXPORT FLAGs (--audience, --remind, --quiet-hours: export
# options the saved plan does not keep) are given to every export.
rt_begin() {
	rt_name=$1
	local clinic=$2 treatment=$3 zone=$4 start=$5
	shift 5
	local flags=() after=0 a plan_id='' patient='' address='' i
	rt_reexport=() rt_env=()
	for a in "$@"; do
		if [ "$a" = -- ]; then after=1; elif [ $after = 1 ]; then rt_reexport+=("$a"); else flags+=("$a"); fi
	done
	for ((i = 0; i < ${#flags[@]}; i++)); do
		case ${flags[i]} in
		--plan-id) plan_id=${flags[i + 1]} ;;
		--patient) patient=${flags[i + 1]} ;;
		esac
	done
	if [ "$clinic" = full ]; then
		rt_env=(MESOPLAN_CLINIC_NAME="$CLINIC_NAME" MESOPLAN_CLINIC_ADDRESS="$CLINIC_ADDRESS" MESOPLAN_CLINIC_EMAIL="$CLINIC_EMAIL")
		address=$CLINIC_ADDRESS
	fi
	rt_dir=$rt/$rt_name rt_k=1 rt_broken=0 rt_base=1798761600
	rt_scenarios=$((rt_scenarios + 1))
	mkdir -p "$rt_dir"
	printf 'plan_id=%s\npatient=%s\naddress=%s\ndetail=%s\n' "$plan_id" "$patient" "$address" "$(detail_of "${flags[@]}" "${rt_reexport[@]}")" >"$rt_dir/meta"
	rt_export first "$treatment from $start in $zone" "$treatment" --start "$start" --tz "$zone" "${flags[@]}"
}

# rt_step LABEL [RESCHEDULE FLAG...]: reschedule s.json -i with the flags
# (none: no change), then export --from s.json --save s.json.
rt_step() {
	local label=$1
	shift
	[ "$rt_broken" = 0 ] || return 0
	rt_k=$((rt_k + 1))
	local kind=same
	if [ $# -gt 0 ]; then
		kind=change
		if ! rt_mesoplan "$rt_k" reschedule "$rt_dir/s.json" "$@" -i; then
			rt_fail "$label" "mesoplan reschedule $* failed"
			return 0
		fi
	fi
	rt_export "$kind" "$label" --from "$rt_dir/s.json"
}

rt_begin rome-move-drop none mesolifting Europe/Rome 2027-03-16
rt_step "session 3 moved to 2027-04-01" --session 3 --to 2027-04-01
rt_step "no change"
rt_step "session 5 missed and dropped" --missed 5 --drop
rt_step "no change"

rt_begin newyork-done full hair America/New_York 2027-03-02 --time 07:30 --plan-id rt.newyork.hair \
	--patient "$PATIENT_LONG" -- --audience practitioner --remind 48h,1h
rt_at 2027-03-13
rt_step "session 2 done on 2027-03-12, across the DST change" --done 2 --on 2027-03-12
rt_step "no change"
rt_step "session 6 moved to 2027-04-28 at 18:00" --session 6 --to 2027-04-28 --time 18:00
rt_step "no change"

rt_begin rome-autumn-missed none cellulite Europe/Rome 2027-10-12 --per-session -- --remind 24h,2h
rt_step "session 3 missed" --missed 3
rt_step "no change"
rt_at 2027-11-01
rt_step "session 4 done early, on 2027-11-01" --done 4 --on 2027-11-01
rt_step "no change"

rt_begin newyork-autumn-drop full mesolifting America/New_York 2027-10-19 --time 23:45 --per-session \
	--patient "$PATIENT_SHORT"
rt_step "session 3 missed and dropped, across the DST change" --missed 3 --drop
rt_step "no change"

if compgen -G "$rt/*/v*.ics" >/dev/null; then
	run_parsers "$rt" --seq '*/v*.ics'
	"$PY" "$here/roundtrip.py" "$rt" "$rt.icaljs" "$rt.pyical" | tee "$rt.out" || true
	tally roundtrip "$rt.out"
else
	echo "FAIL roundtrip: no exports"
	failures=$((failures + 1))
fi

# Round-trip self-test: a fault in a copy of one re-export (v2, read after
# its own v1) must make roundtrip.py FAIL for the reason given.
rt_broken_dir=$work/roundtrip-broken
mkdir -p "$rt_broken_dir"
rt_selftest=( # KIND|SCENARIO|K (the export to break)|REASON
	"seq-reset|rome-move-drop|2|but SEQUENCE went"
	"seq-jump|rome-move-drop|2|must stay or rise by exactly 1"
	"stale-dtstamp|newyork-done|2|DTSTAMP"
	"drop-cancelled|rome-move-drop|4|is missing from v2"
	"uncancel|newyork-autumn-drop|2|that the plan does not"
)
rt_caught=0
for entry in "${rt_selftest[@]}"; do
	IFS='|' read -r kind scen k why <<<"$entry"
	src=$rt/$scen dst=$rt_broken_dir/$kind
	mkdir -p "$dst"
	if [ -f "$src/v$((k - 1)).ics" ] && [ -f "$src/v$k.ics" ] &&
		"$PY" "$here/corrupt.py" "$kind" "$src/v$k.ics" "$dst/v2.ics"; then
		cp "$src/v$((k - 1)).ics" "$dst/v1.ics"
		cp "$src/v$((k - 1)).json" "$dst/v1.json"
		cp "$src/v$k.json" "$dst/v2.json"
		cp "$src/meta" "$dst/meta"
		awk -v k="$k" '$1 == k - 1 { print 1, "base", $3, "unbroken" } $1 == k { print 2, "change", $3, "broken" }' \
			"$src/steps" >"$dst/steps"
	else
		rm -rf "$dst"
	fi
done
if compgen -G "$rt_broken_dir/*/v*.ics" >/dev/null; then
	run_parsers "$rt_broken_dir" --seq '*/v*.ics'
	"$PY" "$here/roundtrip.py" "$rt_broken_dir" "$rt_broken_dir.icaljs" "$rt_broken_dir.pyical" >"$rt_broken_dir.out" && rc=0 || rc=$?
else
	: >"$rt_broken_dir.out"
	rc=1
fi
for entry in "${rt_selftest[@]}"; do
	IFS='|' read -r kind scen k why <<<"$entry"
	line=$(grep -F "FAIL $kind v2 " "$rt_broken_dir.out" || true)
	if [ -n "$line" ] && [[ $line == *"$why"* ]]; then
		rt_caught=$((rt_caught + 1)) passed=$((passed + 1))
	else
		echo "FAIL round-trip self-test $kind (v$k of $scen): want a FAIL mentioning '$why', got: ${line:-$(grep -F "$kind v" "$rt_broken_dir.out" || echo nothing)}"
		failures=$((failures + 1))
	fi
done
if [ "$rc" = 0 ]; then
	echo "FAIL round-trip self-test: roundtrip.py exited 0 on broken files"
	failures=$((failures + 1))
fi
echo "round-trip self-test: $rt_caught of ${#rt_selftest[@]} broken re-exports caught"

# --- clinic calendars ---------------------------------------------------------
# batch --combined and agenda --format ics over patients in four zones whose
# courses cross every 2027 offset change, read by both parsers and checked
# against agenda --format json.
clinic=$work/clinic
mkdir -p "$clinic/cal"
{
	echo "id,name,treatment,start,timezone,time"
	i=0
	for zone in Europe/Rome America/New_York Australia/Sydney Asia/Dubai; do
		for start in 2027-02-23 2027-03-20 2027-09-14 2027-10-24; do
			for tr in mesolifting hair cellulite; do
				i=$((i + 1))
				echo "p$i,\"Patient $i, ${zone#*/}\",$tr,$start,$zone,$(printf '%02d' $((7 + i % 14))):30"
			done
		done
	done
} >"$clinic/patients.csv"
if no_warnings "$MESOPLAN" batch "$clinic/patients.csv" --out-dir "$clinic/plans" --save --combined "$clinic/cal/combined.ics" -q >/dev/null &&
	no_warnings "$MESOPLAN" agenda "$clinic/plans" --tz Europe/Rome --from 2027-01-01 --to 2028-12-31 -f json -o "$clinic/agenda.json" -q &&
	no_warnings "$MESOPLAN" agenda "$clinic/plans" --tz Europe/Rome --from 2027-01-01 --to 2028-12-31 -f ics -o "$clinic/cal/agenda.ics" -q; then
	run_parsers "$clinic/cal"
	"$PY" "$here/agenda.py" "$clinic/agenda.json" "$clinic/cal.icaljs" "$clinic/cal.pyical" | tee "$clinic.out" || true
	tally agenda "$clinic.out"
	# Self-test: a session moved by an hour in a copy must be caught.
	mkdir -p "$clinic/broken"
	"$PY" - "$clinic/cal/agenda.ics" "$clinic/broken/agenda.ics" <<'PYEOF'
import re, sys
data = open(sys.argv[1], encoding="utf-8", newline="").read()
m = re.search(r"^(DTSTART;TZID=[^:]+:\d{8}T)(\d\d)", data, re.M)
data = data[:m.start(2)] + "%02d" % ((int(m.group(2)) + 1) % 24) + data[m.end(2):]
open(sys.argv[2], "w", encoding="utf-8", newline="").write(data)
PYEOF
	run_parsers "$clinic/broken"
	if "$PY" "$here/agenda.py" "$clinic/agenda.json" "$clinic/broken.pyical" "$clinic/broken.icaljs" >"$clinic/broken.out"; then
		echo "FAIL agenda self-test: a session moved by an hour was not caught"
		failures=$((failures + 1))
	else
		passed=$((passed + 1))
		echo "agenda self-test: a session moved by an hour is caught"
	fi
else
	echo "FAIL clinic calendars: mesoplan failed"
	failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || keep=1
[ -z "$keep" ] || echo "interop: work files kept in $work"
echo "interop: $count samples, $rt_scenarios round trips and $((${#selftest[@]} + ${#rt_selftest[@]})) self-tests in $((SECONDS - started))s"
echo "interop: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
