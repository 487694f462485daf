#!/usr/bin/env bash
# bench/batch.sh: how fast does 'mesoplan batch' write a clinic's calendars,
# beside the anchor benchmark's implementations of the same patient list
# (golang-ical used directly, and a raw Go byte writer, the lower bound)?
# Writes bench/RESULTS.md.
#
#   ANCHOR=DIR bench/batch.sh     # DIR holds the anchor benchmark:
#                                 # gen_patients.py, golangical/, rawgo/
#   bench/batch.sh                # mesoplan alone, same patient list
#   BENCH_NS="1000" BENCH_BIG= BENCH_RUNS=3 bench/batch.sh   # a quick pass
#
# Outputs go to a tmpfs (/dev/shm) when there is one: creating files on
# some disks costs more than the writers being compared. Each run starts
# from an empty output folder after a sync, untimed; the median of
# BENCH_RUNS wall times is reported, and the largest peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NS=${BENCH_NS-1000 10000}
BIG=${BENCH_BIG-100000}
RUNS=${BENCH_RUNS:-5}
ANCHOR=${ANCHOR:-}

command -v python3 >/dev/null || { echo "batch.sh: needs python3 (the patient generator)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "batch.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mesoplan-bench.XXXXXX")
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(findmnt -n -o FSTYPE -T /dev/shm 2>/dev/null | tail -1)" = tmpfs ]; then
	out=$(mktemp -d /dev/shm/mesoplan-bench.XXXXXX)
else
	out=$work/out
	mkdir -p "$out"
fi
trap 'rm -rf "$work" "$out"' EXIT

echo "== build"
make -s build
bins=("mesoplan batch|$ROOT/bin/mesoplan batch {csv} --out-dir {out} -q"
	"mesoplan batch -j 1|$ROOT/bin/mesoplan batch {csv} --out-dir {out} -q -j 1")
if [ -n "$ANCHOR" ]; then
	for p in golangical rawgo; do
		(cd "$ANCHOR/$p" && go build -trimpath -o "$work/$p" .)
	done
	bins+=("golang-ical direct|$work/golangical {csv} {out}"
		"raw Go (lower bound)|$work/rawgo {csv} {out}"
		"raw Go, 2 goroutines|$work/rawgo -j 2 {csv} {out}")
fi

# patients N: the anchor's patient list (id,name,treatment,start,timezone:
# mesolifting, starts spread over 2027, four zones), from its generator
# when there is one, else from the same rule here.
patients() {
	if [ -n "$ANCHOR" ]; then
		python3 "$ANCHOR/gen_patients.py" "$1"
		return
	fi
	python3 - "$1" <<'EOF'
import datetime, sys
zones = ("Europe/Rome", "America/New_York", "Asia/Dubai", "Australia/Sydney")
base = datetime.date(2027, 1, 1)
print("id,name,treatment,start,timezone")
for i in range(1, int(sys.argv[1]) + 1):
    d = base + datetime.timedelta(days=(3 + (i - 1) * 251) % 365)
    print(f"P{i:06d},Patient {i:06d},mesolifting,{d.isoformat()},{zones[(i - 1) % 4]}")
EOF
}

# measure NAME N CMD: RUNS runs of CMD on the list of N patients; prints
# "median_s max_rss_kib bytes_per_patient".
measure() {
	local name=$1 n=$2 cmd=$3 times=() rss=0 i
	local csv=$work/patients_$n.csv dir=$out/run
	cmd=${cmd//\{csv\}/$csv}
	cmd=${cmd//\{out\}/$dir}
	for ((i = 0; i < RUNS; i++)); do
		rm -rf "$dir"
		sync
		local t0 t1
		t0=$(date +%s%N)
		/usr/bin/time -f %M -o "$work/rss" $cmd >/dev/null 2>"$work/err" || { echo "FAIL $name (N=$n):" >&2; cat "$work/err" >&2; exit 1; }
		t1=$(date +%s%N)
		times+=($((t1 - t0)))
		rss=$(($(tail -1 "$work/rss") > rss ? $(tail -1 "$work/rss") : rss))
	done
	local files bytes
	files=$(find "$dir" -name '*.ics' | wc -l)
	[ "$files" -eq "$n" ] || { echo "FAIL $name (N=$n): $files calendars, want $n" >&2; exit 1; }
	bytes=$(du -sb "$dir" | cut -f1)
	local median
	median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	echo "$((median / 1000)) $rss $((bytes / n))"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)
rows=()
echo "== equivalence: the same files whatever --jobs"
patients 1000 >"$work/patients_1000.csv"
SOURCE_DATE_EPOCH=1798761600 "$ROOT/bin/mesoplan" batch "$work/patients_1000.csv" --out-dir "$work/j1" -q -j 1 >/dev/null
SOURCE_DATE_EPOCH=1798761600 "$ROOT/bin/mesoplan" batch "$work/patients_1000.csv" --out-dir "$work/j2" -q -j 2 >/dev/null
diff -r "$work/j1" "$work/j2" >/dev/null || { echo "FAIL: batch -j 1 and -j 2 wrote different files" >&2; exit 1; }
rm -rf "$work/j1" "$work/j2"

for n in $NS $BIG; do
	[ -f "$work/patients_$n.csv" ] || patients "$n" >"$work/patients_$n.csv"
	for b in "${bins[@]}"; do
		name=${b%%|*}
		if [ "$n" = "$BIG" ] && [ "$name" != "mesoplan batch" ] && [ "$name" != "golang-ical direct" ]; then
			continue # the large list measures memory; two rows are enough
		fi
		echo "== $name, N=$n"
		read -r us rss bpp < <(measure "$name" "$n" "${b#*|}")
		rows+=("$name|$n|$us|$rss|$bpp")
	done
done

# One command, process start included: the median of 50 runs of each, with
# the floors under it (an empty Go program; mesoplan's packages linked and
# nothing run, bench/startup).
echo "== single runs"
mkdir -p "$work/empty"
printf 'package main\n\nfunc main() {}\n' >"$work/empty/main.go"
(cd "$work/empty" && printf 'module empty\n' >go.mod && CGO_ENABLED=0 go build -trimpath -o "$work/empty-go" .)
CGO_ENABLED=0 go build -trimpath -o "$work/startup" ./bench/startup # linked as make build links mesoplan
singles=$(python3 - "$work" "$out" "$ROOT/bin/mesoplan" <<'EOF'
import os, resource, subprocess, sys, time
work, out, bin = sys.argv[1:4]
env = dict(os.environ, SOURCE_DATE_EPOCH="1798761600")
runs = [
    ("an empty Go program", [f"{work}/empty-go"]),
    ("mesoplan's packages linked, nothing run", [f"{work}/startup"]),
    ("mesoplan version", [bin, "version"]),
    ("mesoplan plan", [bin, "plan", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome"]),
    ("mesoplan export", [bin, "export", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome", "-o", f"{out}/one.ics"]),
]
for name, cmd in runs:
    ts, faults = [], []
    for _ in range(50):
        f0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        ts.append(time.perf_counter() - t0)
        faults.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt - f0)
    ts.sort()
    faults.sort()
    print(f"{name}|{ts[len(ts) // 2] * 1000:.1f}|{ts[len(ts) // 10] * 1000:.1f}|{faults[len(faults) // 2]}")
EOF
)
# What one minor page fault costs here: a program that touches 1,024
# fresh pages, against the same program touching none, divided by the
# faults counted between the two (huge pages would make fewer).
mkdir -p "$work/touch"
printf '%s\n' 'package main' '' 'import "os"' '' 'var sink []byte' '' 'func main() {' \
	'	if len(os.Args) > 1 {' '		sink = make([]byte, 4<<20)' '		for i := 0; i < len(sink); i += 4096 {' \
	'			sink[i] = 1' '		}' '	}' '}' >"$work/touch/main.go"
(cd "$work/touch" && printf 'module touch\n' >go.mod && CGO_ENABLED=0 go build -trimpath -o "$work/touch-go" .)
read -r fault_us fault_pages < <(python3 - "$work/touch-go" <<'EOF'
import resource, subprocess, sys, time
bin = sys.argv[1]
def median(args):
    ts, faults = [], []
    for _ in range(40):
        f0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
        t0 = time.perf_counter()
        subprocess.run([bin] + args, check=True)
        ts.append(time.perf_counter() - t0)
        faults.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt - f0)
    ts.sort()
    faults.sort()
    return ts[len(ts) // 2], faults[len(faults) // 2]
(t1, f1), (t0, f0) = median(['touch']), median([])
print(f"{(t1 - t0) / max(f1 - f0, 1) * 1e6:.0f} {f1 - f0}")
EOF
)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# report
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
{
	echo "# mesoplan batch beside the anchor writers"
	echo
	echo "Generated by \`bench/batch.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), mesoplan $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(go version | cut -d' ' -f3)."
	echo "Machine: $(nproc) cores ($cpu), $mem RAM, Linux $(uname -r); outputs on $(findmnt -n -o FSTYPE -T "$out" | tail -1)."
	echo "Load average (1, 5, 15 min) before: $load_before, after: $load_after; $(($(date +%s) - started)) s of measuring."
	echo
	echo "Method: the median wall time of $RUNS runs, process start included; each run starts from an empty output folder"
	echo "after a sync, untimed (a batch into a folder of earlier files also looks at what each file replaces: two more"
	echo "system calls a patient). Peak RSS is the largest \`/usr/bin/time -f %M\` of those runs."
	echo
	echo "Workload: the anchor's patient list (mesolifting, starts spread over 2027, four zones)."
	echo "mesoplan plans, screens and exports each course as a patient receives it: 6 sessions, each with its"
	echo "\"before\" and \"after\" events, a recall, reminders (19 events and 33 alarms, about 30 KB a patient),"
	echo "written atomically. The anchor writers write a fixed 10-session, 30-event calendar (about 10 KB)."
	echo
	echo "| implementation | N | median wall s | patients/s | MB/s written | peak RSS MiB | bytes/patient | × golang-ical | × raw Go |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	for r in "${rows[@]}"; do
		IFS='|' read -r name n us rss bpp <<<"$r"
		gi=$(printf '%s\n' "${rows[@]}" | awk -F'|' -v n="$n" '$1 == "golang-ical direct" && $2 == n {print $3}')
		raw=$(printf '%s\n' "${rows[@]}" | awk -F'|' -v n="$n" '$1 == "raw Go (lower bound)" && $2 == n {print $3}')
		awk -v name="$name" -v n="$n" -v us="$us" -v rss="$rss" -v bpp="$bpp" -v gi="$gi" -v raw="$raw" 'BEGIN {
			rate = n / (us / 1e6)
			xgi = gi == "" ? "" : sprintf("%.2f", (n / (gi / 1e6)) == 0 ? 0 : rate / (n / (gi / 1e6)))
			xraw = raw == "" ? "" : sprintf("%.2f", rate / (n / (raw / 1e6)))
			printf "| %s | %d | %.3f | %d | %.1f | %.1f | %d | %s | %s |\n", name, n, us / 1e6, rate, rate * bpp / 1e6, rss / 1024, bpp, xgi, xraw
		}'
	done
	echo
	echo "× golang-ical and × raw Go are patients/s divided by theirs at the same N (above 1: faster)."
	echo
	echo "## A single command"
	echo
	echo "Wall time of one process, the median and the fastest tenth of 50 runs, and the median number of"
	echo "pages the process touched for the first time (minor page faults):"
	echo
	echo "| command | median ms | 10th percentile ms | page faults |"
	echo "|---|---:|---:|---:|"
	printf '%s\n' "$singles" | awk -F'|' '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}'
	echo
	echo "Much of the floor is the kernel handing out pages: here a minor page fault costs about $fault_us µs,"
	echo "measured by a program that takes $fault_pages more page faults than an empty one. The table library (tablewriter v1.1.5) alone makes a 663 KB"
	echo "cache when it is linked and a 426 KB one for each table it draws: about 270 pages."
	echo
	echo "## Targets"
	echo
	# verdict LABEL OK: a line of the targets list
	verdict() { if [ "$2" = 1 ]; then echo "- met: $1"; else echo "- **not met**: $1"; fi; }
	get() { printf '%s\n' "${rows[@]}" | awk -F'|' -v name="$1" -v n="$2" -v f="$3" '$1 == name && $2 == n {print $f}'; }
	m10=$(get "mesoplan batch" 10000 3)
	g10=$(get "golang-ical direct" 10000 3)
	r10=$(get "raw Go (lower bound)" 10000 3)
	if [ -n "$m10" ] && [ -n "$g10" ]; then
		x=$(awk -v m="$m10" -v g="$g10" 'BEGIN {printf "%.2f", g / m}')
		verdict "at least 2× golang-ical direct in patients/s at N = 10,000 (measured ${x}×)" "$(awk -v x="$x" 'BEGIN {print (x >= 2)}')"
	fi
	if [ -n "$m10" ] && [ -n "$r10" ]; then
		x=$(awk -v m="$m10" -v r="$r10" 'BEGIN {printf "%.2f", r / m}')
		verdict "at least half the raw Go lower bound at N = 10,000 (measured ${x}×)" "$(awk -v x="$x" 'BEGIN {print (x >= 0.5)}')"
	fi
	single() { printf '%s\n' "$singles" | awk -F'|' -v name="$1" '$1 == name {print $2}'; }
	sp=$(single "mesoplan plan")
	se=$(single "mesoplan export")
	sf=$(single "mesoplan's packages linked, nothing run")
	verdict "a single \`plan\` or \`export\` under 20 ms wall, process start included (measured $sp and $se ms; the packages alone take $sf ms to start)" \
		"$(awk -v p="$sp" -v e="$se" 'BEGIN {print (p < 20 && e < 20)}')"
	if [ -n "$BIG" ]; then
		rb=$(get "mesoplan batch" "$BIG" 4)
		rs=$(printf '%s\n' "${rows[@]}" | awk -F'|' '$1 == "mesoplan batch" {print $4}' | sort -n | head -1)
		if [ -n "$rb" ]; then
			verdict "peak RSS under 64 MiB at N = $BIG (measured $(awk -v k="$rb" 'BEGIN {printf "%.1f", k / 1024}') MiB; $(awk -v k="$rs" 'BEGIN {printf "%.1f", k / 1024}') MiB at the smallest N)" \
				"$(awk -v k="$rb" 'BEGIN {print (k < 64 * 1024)}')"
		fi
	fi
	mb10=$(get "mesoplan batch" 10000 5)
	gb10=$(get "golang-ical direct" 10000 5)
	r2=$(get "raw Go, 2 goroutines" 10000 3)
	if [ -n "$m10" ] && [ -n "$g10" ] && [ -n "$r10" ] && [ -n "$r2" ]; then
		echo
		echo "## Per byte written"
		echo
		awk -v m="$m10" -v g="$g10" -v r="$r10" -v r2="$r2" -v mb="$mb10" -v gb="$gb10" 'BEGIN {
			n = 10000
			mr = n / (m / 1e6) * mb / 1e6; gr = n / (g / 1e6) * gb / 1e6
			rr = n / (r / 1e6) * gb / 1e6; rr2 = n / (r2 / 1e6) * gb / 1e6
			half = 0.5 * n / (r / 1e6) * mb / 1e6
			printf "A mesoplan patient is %.1f times the bytes of an anchor patient (%d against %d). Per byte, at N = 10,000,\n", mb / gb, mb, gb
			printf "mesoplan batch writes %.0f MB/s: %.2f× golang-ical direct (%.0f MB/s) and %.2f× the raw Go lower bound\n", mr, mr / gr, gr, mr / rr
			printf "(%.0f MB/s on one thread, %.0f MB/s on two). Half the raw Go lower bound in patients/s would take %.0f MB/s\n", rr, rr2, half
			printf "of mesoplan output, %.2f× what the raw writer itself reaches on both cores, with the planning, screening\n", half / rr2
			printf "and texts still to do; 2× golang-ical direct in patients/s would take %.0f MB/s.\n", 2 * n / (g / 1e6) * mb / 1e6
		}'
	fi
} >bench/RESULTS.md
cat bench/RESULTS.md
