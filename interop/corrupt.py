#!/usr/bin/python3
"""Writes a deliberately broken copy of an exported .ics, for the self-test.

    corrupt.py KIND IN.ics OUT.ics

KIND is one of:
  shift-dtstart    the first session's DTSTART one hour later (both parsers
                   agree with each other, not with the plan)
  drop-event       the last aftercare VEVENT removed
  extra-event      the first session's VEVENT repeated under a new UID
  allday-dtend     the first all-day event's DTEND set to its DTSTART
  no-vtimezone     every VTIMEZONE removed, TZIDs left dangling
  utc-under-tzid   a "Z" appended to the first DTSTART that has a TZID
  split-utf8       a line folded inside a multi-byte UTF-8 character
For a patient's grouped calendar:
  group-overlap    the first all-day "after" event's DTEND a day later, onto
                   the next all-day event's first day
  drop-group       the first "before" VEVENT removed
For the reschedule round trip (roundtrip.py), on a re-export:
  seq-reset        the first live event with SEQUENCE above 0 one lower
  seq-jump         the first session's SEQUENCE two higher
  stale-dtstamp    the first session's DTSTAMP a day earlier
  drop-cancelled   the first CANCELLED VEVENT removed
  uncancel         the STATUS:CANCELLED line of the first cancelled event removed

Standard library only; works on the raw bytes, CRLF line ends kept.
"""
import datetime as dt
import re
import sys

CRLF = b"\r\n"


def unfolded_blocks(data):
    """The physical lines of data, each logical line as one list entry."""
    lines = data.split(CRLF)
    if lines and lines[-1] == b"":
        lines.pop()
    out = []
    for line in lines:
        if line[:1] in (b" ", b"\t") and out:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def join(blocks):
    return CRLF.join(b for block in blocks for b in block) + CRLF


def components(blocks, name):
    """(start, end) indexes in blocks of each BEGIN:name .. END:name."""
    spans, start = [], None
    for i, b in enumerate(blocks):
        if b[0] == b"BEGIN:" + name:
            start = i
        elif b[0] == b"END:" + name and start is not None:
            spans.append((start, i))
            start = None
    return spans


def uid_of(blocks, span):
    for b in blocks[span[0]:span[1]]:
        if b[0].startswith(b"UID:"):
            return b"".join(x[1:] if j else x for j, x in enumerate(b))[4:]
    raise SystemExit("corrupt.py: VEVENT without UID")


def find_line(blocks, span, prefix):
    for i in range(span[0], span[1]):
        if blocks[i][0].startswith(prefix):
            return i
    return None


def first_line(blocks, span, prefix):
    i = find_line(blocks, span, prefix)
    if i is None:
        raise SystemExit("corrupt.py: no %r line in the component" % prefix)
    return i


def session_event(blocks):
    for span in components(blocks, b"VEVENT"):
        if b"-session-1@" in uid_of(blocks, span):
            return span
    raise SystemExit("corrupt.py: no session 1 event")


def cancelled_events(blocks):
    spans = [s for s in components(blocks, b"VEVENT") if find_line(blocks, s, b"STATUS:CANCELLED") is not None]
    if not spans:
        raise SystemExit("corrupt.py: no cancelled event")
    return spans


def add_to_sequence(blocks, span, delta):
    i = first_line(blocks, span, b"SEQUENCE:")
    n = int(blocks[i][0].split(b":", 1)[1])
    blocks[i] = [b"SEQUENCE:%d" % (n + delta)]


def corrupt(kind, data):
    blocks = unfolded_blocks(data)
    if kind == "shift-dtstart":
        span = session_event(blocks)
        i = first_line(blocks, span, b"DTSTART")
        m = re.fullmatch(rb"(DTSTART[^:]*:)(\d{8}T\d{6})(Z?)", blocks[i][0])
        if not m:
            raise SystemExit("corrupt.py: unexpected %r" % blocks[i][0])
        t = dt.datetime.strptime(m.group(2).decode(), "%Y%m%dT%H%M%S") + dt.timedelta(hours=1)
        blocks[i] = [m.group(1) + t.strftime("%Y%m%dT%H%M%S").encode() + m.group(3)]
    elif kind == "drop-event":
        spans = [s for s in components(blocks, b"VEVENT") if b"-aftercare-" in uid_of(blocks, s)]
        if not spans:
            raise SystemExit("corrupt.py: no aftercare event")
        start, end = spans[-1]
        del blocks[start:end + 1]
    elif kind == "extra-event":
        start, end = session_event(blocks)
        copy = [list(b) for b in blocks[start:end + 1]]
        for b in copy:
            if b[0].startswith(b"UID:"):
                b[:] = [b"UID:injected-extra-event@mesoplan"]
        last = components(blocks, b"VEVENT")[-1][1]
        blocks[last + 1:last + 1] = copy
    elif kind == "allday-dtend":
        for span in components(blocks, b"VEVENT"):
            i = find_line(blocks, span, b"DTSTART;VALUE=DATE:")
            if i is None:
                continue
            j = first_line(blocks, span, b"DTEND;VALUE=DATE:")
            blocks[j] = [b"DTEND;VALUE=DATE:" + blocks[i][0].split(b":", 1)[1]]
            break
        else:
            raise SystemExit("corrupt.py: no all-day event")
    elif kind == "no-vtimezone":
        spans = components(blocks, b"VTIMEZONE")
        if not spans:
            raise SystemExit("corrupt.py: no VTIMEZONE")
        for start, end in reversed(spans):
            del blocks[start:end + 1]
    elif kind == "utc-under-tzid":
        for i, b in enumerate(blocks):
            if b[0].startswith(b"DTSTART;TZID=") and not b[0].endswith(b"Z"):
                blocks[i] = [b[0] + b"Z"]
                break
        else:
            raise SystemExit("corrupt.py: no DTSTART with a TZID")
    elif kind == "split-utf8":
        for i, b in enumerate(blocks):
            line = b"".join(x[1:] if j else x for j, x in enumerate(b))
            m = re.search(rb"[\xc2-\xf4][\x80-\xbf]", line)
            if m and line[:1] != b" ":
                cut = m.start() + 1  # after the lead byte, before its continuation
                blocks[i] = [line[:cut], b" " + line[cut:]]
                break
        else:
            raise SystemExit("corrupt.py: no multi-byte character")
    elif kind == "group-overlap":
        for span in components(blocks, b"VEVENT"):
            if b"-after-" not in uid_of(blocks, span) or find_line(blocks, span, b"DTSTART;VALUE=DATE:") is None:
                continue
            j = first_line(blocks, span, b"DTEND;VALUE=DATE:")
            d = dt.datetime.strptime(blocks[j][0].split(b":", 1)[1].decode(), "%Y%m%d") + dt.timedelta(days=1)
            blocks[j] = [b"DTEND;VALUE=DATE:" + d.strftime("%Y%m%d").encode()]
            break
        else:
            raise SystemExit("corrupt.py: no all-day after event")
    elif kind == "drop-group":
        spans = [s for s in components(blocks, b"VEVENT") if b"-before-" in uid_of(blocks, s)]
        if not spans:
            raise SystemExit("corrupt.py: no before event")
        start, end = spans[0]
        del blocks[start:end + 1]
    elif kind == "seq-reset":
        for span in components(blocks, b"VEVENT"):
            i = find_line(blocks, span, b"SEQUENCE:")
            if (i is not None and blocks[i][0] != b"SEQUENCE:0"
                    and find_line(blocks, span, b"STATUS:CANCELLED") is None):
                add_to_sequence(blocks, span, -1)
                break
        else:
            raise SystemExit("corrupt.py: no live event with a SEQUENCE above 0")
    elif kind == "seq-jump":
        add_to_sequence(blocks, session_event(blocks), 2)
    elif kind == "stale-dtstamp":
        span = session_event(blocks)
        i = first_line(blocks, span, b"DTSTAMP:")
        t = dt.datetime.strptime(blocks[i][0][len(b"DTSTAMP:"):].decode(), "%Y%m%dT%H%M%SZ") - dt.timedelta(days=1)
        blocks[i] = [b"DTSTAMP:" + t.strftime("%Y%m%dT%H%M%SZ").encode()]
    elif kind == "drop-cancelled":
        start, end = cancelled_events(blocks)[0]
        del blocks[start:end + 1]
    elif kind == "uncancel":
        span = cancelled_events(blocks)[0]
        del blocks[first_line(blocks, span, b"STATUS:CANCELLED")]
    else:
        raise SystemExit("corrupt.py: unknown kind %r" % kind)
    return join(blocks)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    kind, src, dst = argv
    with open(src, "rb") as f:
        data = f.read()
    out = corrupt(kind, data)
    if out == data:
        raise SystemExit("corrupt.py: %s changed nothing" % kind)
    with open(dst, "wb") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
