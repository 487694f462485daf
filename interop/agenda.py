#!/usr/bin/python3
"""Checks clinic calendars (agenda --format ics, batch --combined) read by
real parsers against the agenda's JSON.

    /usr/bin/python3 interop/agenda.py AGENDA.json PARSED...

AGENDA.json is 'mesoplan agenda --format json' over the same plans and
dates; each PARSED is the output of icaljs.mjs or pyical.py for one or more
such calendars ("# FILE <path>", then "UID START END" lines in UTC). Every
calendar must hold exactly the agenda's sessions: the UID
<plan_id>-agenda-session-<n>@mesoplan, at the JSON's instants. Prints one
"agenda: N passed, M failed" line; exit status 1 on a failure.
"""
import datetime as dt
import json
import sys


def utc(s):
    t = dt.datetime.fromisoformat(s)
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        agenda = json.load(f)
    want = {}
    for s in agenda["sessions"]:
        uid = "%s-agenda-session-%d@mesoplan" % (s["plan_id"], s["session"])
        want[uid] = (utc(s["start"]), utc(s["end"]))
    passed = failed = 0
    for parsed in sys.argv[2:]:
        files = {}
        current = None
        with open(parsed, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("# FILE "):
                    current = files.setdefault(line[7:], {})
                elif line.startswith("# ERROR"):
                    print("FAIL %s: %s" % (parsed, line))
                    failed += 1
                elif line and not line.startswith("#") and current is not None:
                    uid, start, end = line.split()[:3]
                    current[uid] = (start, end)
        if not files:
            print("FAIL %s: no calendar read" % parsed)
            failed += 1
        for name, got in sorted(files.items()):
            problems = []
            for uid, (start, end) in sorted(want.items()):
                if uid not in got:
                    problems.append("%s is missing" % uid)
                elif got[uid] != (start, end):
                    problems.append("%s at %s..%s, want %s..%s" % (uid, got[uid][0], got[uid][1], start, end))
            for uid in sorted(set(got) - set(want)):
                problems.append("%s is not in the agenda" % uid)
            if problems:
                failed += 1
                print("FAIL %s (%s): %s" % (name, parsed, "; ".join(problems[:5])))
            else:
                passed += 1
                print("ok   %s (%s): %d sessions" % (name, parsed.rsplit(".", 1)[-1], len(got)))
    print("agenda: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
