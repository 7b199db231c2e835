#!/usr/bin/python3
"""Reads a calendar file written by `caseload agenda --ics` with Python's
icalendar (Debian's python3-icalendar), a parser caseload does not share
code with, and checks what cmd/agenda_test.go expects of it.

Usage: ics_check.py FILE EXPECT.json

EXPECT.json maps each event's UID to its start in UTC ("YYYY-MM-DDTHH:MM")
or, for an all-day event, its date ("YYYY-MM-DD"), plus "forbidden": words
that must not occur anywhere in the file. Exits 1 with a reason on any
difference.
"""
import json
import sys

import icalendar


def main():
    raw = open(sys.argv[1], "rb").read()
    expect = json.load(open(sys.argv[2]))
    cal = icalendar.Calendar.from_ical(raw)
    got = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        if uid in got:
            sys.exit("duplicate UID %s" % uid)
        start = ev.decoded("DTSTART")
        if hasattr(start, "hour"):
            if start.tzinfo is None:
                sys.exit("%s: DTSTART without a zone" % uid)
            got[uid] = start.astimezone(__import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%M")
        else:
            got[uid] = start.strftime("%Y-%m-%d")
    want = expect["events"]
    if got != want:
        sys.exit("events differ:\n got  %s\n want %s" % (sorted(got.items()), sorted(want.items())))
    text = raw.decode("utf-8")
    for word in expect.get("forbidden", []):
        if word in text:
            sys.exit("%r occurs in the calendar file" % word)
    print("ics_check: %d events as expected" % len(got))


if __name__ == "__main__":
    main()
