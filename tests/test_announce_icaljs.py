"""The announcement's calendar attachment read back by ical.js (the parser of Thunderbird).

ical.js comes from ``npm ci`` in ``tests/browser``; the test is skipped, saying why,
where node or the package is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import icalendar
import pytest
from test_announce import ADDRESSES, HOSTILE, NOW, announce, parse, site, talk

ICALJS = Path(__file__).parent / "browser" / "node_modules" / "ical.js" / "dist" / "ical.es5.cjs"

# Reads one calendar on standard input; prints what ical.js makes of each event.
READ = """
const ICAL = require(process.argv[1]);
let text = "";
process.stdin.on("data", (chunk) => { text += chunk; });
process.stdin.on("end", () => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      zone: event.startDate.zone ? event.startDate.zone.tzid : null,
      status: component.getFirstPropertyValue("status"),
    };
  });
  process.stdout.write(JSON.stringify({
    method: calendar.getFirstPropertyValue("method"),
    events,
  }));
});
"""


def icaljs(data: bytes) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is missing (apt-get install nodejs)")
    if not ICALJS.is_file():
        pytest.skip("ical.js is missing (cd tests/browser && npm ci)")
    done = subprocess.run(
        [node, "-e", READ, str(ICALJS)], input=data, capture_output=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def attachments(out: bytes) -> list[bytes]:
    return [a.get_payload(decode=True) for a in parse(out).iter_attachments()]


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_icaljs_reads_the_attachment(tmp_path: Path, capsysbinary: Any) -> None:
    archive = site(
        tmp_path,
        [
            talk("first", "Groups", "2026-12-03T14:00:00+01:00", "2026-12-03T15:00:00+01:00"),
            # Across the change to summer time in Rome: the offset must come from the zone.
            talk("spring", "Rings", "2027-03-29T10:00:00+02:00", "2027-03-29T11:30:00+02:00"),
        ],
    )
    status, out, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, "--days", "200"
    )
    assert status == 0, err
    found = attachments(out)
    assert len(found) == 2
    for data in found:
        read = icaljs(data)
        assert read["method"] == "PUBLISH"
        [event] = read["events"]
        [expected] = icalendar.Calendar.from_ical(data).walk("VEVENT")
        assert event["uid"] == str(expected["UID"])
        assert event["summary"] == str(expected["SUMMARY"])
        assert event["zone"] == "Europe/Rome"
        assert event["start"] == utc(expected.decoded("DTSTART"))
        assert event["end"] == utc(expected.decoded("DTEND"))
    spring = icaljs(found[1])["events"][0]
    assert spring["uid"] == "spring@seminars.example.org/algebra"
    assert spring["start"] == "2027-03-29T08:00:00.000Z"


def test_icaljs_reads_a_hostile_talk_as_text(tmp_path: Path, capsysbinary: Any) -> None:
    archive = site(
        tmp_path,
        [
            talk(
                "evil",
                HOSTILE,
                "2026-12-03T14:00:00+01:00",
                "2026-12-03T15:00:00+01:00",
                abstract="END:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged",
                location="Room\r\nDTSTART:19700101T000000Z",
            )
        ],
    )
    status, out, err = announce(capsysbinary, str(archive), *ADDRESSES, "--now", NOW)
    assert status == 0, err
    [data] = attachments(out)
    read = icaljs(data)
    [event] = read["events"]  # no forged second event
    assert event["uid"] == "evil@seminars.example.org/algebra"
    assert "<script>alert(1)</script>" in event["summary"]
    assert "BEGIN:VEVENT" in event["description"]
    assert event["start"] == "2026-12-03T13:00:00.000Z"
