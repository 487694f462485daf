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
	local plan_id='' patient='' i
	for ((i = 0; i < ${#exp[@]}; i++)); do
		case ${exp[i]} in
		--plan-id) plan_id=${exp[i + 1]} ;;
		--patient) patient=${exp[i + 1]} ;;
		esac
	done
	local base=$samples/$name
	local args=("$treatment" --start "$start" --tz "$zone" "${plan[@]}")
	count=$((count + 1))
	if ! env "${env[@]}" "$MESOPLAN" plan "${args[@]}" --format json -o "$base.json" ||
		! env "${env[@]}" "$MESOPLAN" export "${args[@]}" "${exp[@]}" -o "$base.ics" ||
		! env "${env[@]}" "$MESOPLAN" export "${args[@]}" "${exp[@]}" -o "$work/again.ics"; then
		echo "FAIL $name: mesoplan failed (mesoplan plan/export ${args[*]} ${exp[*]})"
		failures=$((failures + 1))
		rm -f "$base.ics" "$base.json"
		return 0
	fi
	if ! cmp -s "$base.ics" "$work/again.ics"; then
		echo "FAIL $name: two exports with the same SOURCE_DATE_EPOCH differ"
		failures=$((failures + 1))
	fi
	printf 'plan_id=%s\npatient=%s\naddress=%s\n' "$plan_id" "$patient" "$address" >"$base.meta"
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
# A practitioner's calendar with the clinic notes of a relative contraindication.
sample notes-practitioner full body-contouring Europe/Rome 2027-04-06 --condition diabetes --condition obesity -- --audience practitioner --patient "$PATIENT_LONG"

[ "$count" -gt 0 ] || die "no samples"

# --- parse and compare ------------------------------------------------------
# run_parsers DIR: both parsers over DIR/*.ics, in parallel.
run_parsers() {
	local dir=$1
	# The parsers exit 1 when they report an error: compare.py judges.
	node "$here/icaljs.mjs" "$dir"/*.ics >"$dir.icaljs" 2>"$dir.icaljs.err" &
	local js=$!
	"$PY" "$here/pyical.py" "$dir"/*.ics >"$dir.pyical" 2>"$dir.pyical.err" || true
	wait $js || true
	cat "$dir.icaljs.err" "$dir.pyical.err" >&2
}

echo "interop: $count sample exports; ical.js $(node -p 'require(process.argv[1]).version' "$here/node_modules/ical.js/package.json"), Python icalendar $("$PY" -c 'import icalendar; print(icalendar.__version__)')"
run_parsers "$samples"
"$PY" "$here/compare.py" "$samples" "$samples.icaljs" "$samples.pyical" | tee "$samples.out" || true
summary=$(grep -E '^samples: [0-9]+ passed, [0-9]+ failed$' "$samples.out" || true)
if [ -n "$summary" ]; then
	read -r _ sp _ sf _ <<<"${summary//,/}"
	passed=$((passed + sp)) failures=$((failures + sf))
else
	echo "FAIL compare.py gave no summary"
	failures=$((failures + 1))
fi

# --- self-test: broken files must fail --------------------------------------
# Each fault in a copy of one sample; compare.py must report FAIL for it, for
# the reason given, so that the check above cannot pass vacuously.
broken=$work/broken
mkdir -p "$broken"
victim=dst-rome-spring
selftest=(
	"shift-dtstart|reads"
	"drop-event|the export has no event"
	"extra-event|that the plan does not"
	"allday-dtend|the plan has"
	"no-vtimezone|no such VTIMEZONE"
	"utc-under-tzid|parsers disagree"
	"split-utf8|UTF-8"
)
if [ -f "$samples/$victim.ics" ]; then
	for entry in "${selftest[@]}"; do
		kind=${entry%%|*}
		"$PY" "$here/corrupt.py" "$kind" "$samples/$victim.ics" "$broken/$kind.ics"
		cp "$samples/$victim.json" "$broken/$kind.json"
		cp "$samples/$victim.meta" "$broken/$kind.meta"
	done
	run_parsers "$broken"
	"$PY" "$here/compare.py" "$broken" "$broken.icaljs" "$broken.pyical" >"$broken.out" && rc=0 || rc=$?
	caught=0
	for entry in "${selftest[@]}"; do
		kind=${entry%%|*} why=${entry#*|}
		line=$(grep -F "FAIL $kind:" "$broken.out" || true)
		if [ -n "$line" ] && [[ $line == *"$why"* ]]; then
			caught=$((caught + 1)) passed=$((passed + 1))
		else
			echo "FAIL self-test $kind: want a FAIL mentioning '$why', got: ${line:-$(grep -F " $kind" "$broken.out" || echo nothing)}"
			failures=$((failures + 1))
		fi
	done
	if [ "$rc" = 0 ]; then
		echo "FAIL self-test: compare.py exited 0 on broken files"
		failures=$((failures + 1))
	fi
	echo "self-test: $caught of ${#selftest[@]} broken copies of $victim caught"
else
	echo "FAIL self-test: sample $victim is missing"
	failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || keep=1
[ -z "$keep" ] || echo "interop: work files kept in $work"
echo "interop: $count samples and ${#selftest[@]} self-tests in $((SECONDS - started))s"
echo "interop: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
