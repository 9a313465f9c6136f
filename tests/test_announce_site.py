"""``announce`` and the widget against a real build: its talks.json, calendars and _static."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import icalendar
import pytest
from conftest import ROOTS, build_site, html_tree
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.cli import main


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> SphinxTestApp:
    return build_site("html", ROOTS / "test-exports", tmp_path_factory.mktemp("announce-html"))


def test_widget_is_copied_but_not_loaded_by_pages(html) -> None:
    assert Path(html.outdir, "_static", "seminars-embed.js").is_file()
    scripts = [s.get("src", "") for s in html_tree(html, "index").select("script")]
    assert not [s for s in scripts if "seminars-embed" in s]


def test_announce_from_the_output_folder(html, capsysbinary) -> None:
    data = json.loads(Path(html.outdir, "seminars", "talks.json").read_text(encoding="utf-8"))
    for record in data["talks"]:
        status = main(
            [
                "announce",
                str(html.outdir),
                "--talk",
                record["id"],
                "--from",
                "sem@example.org",
                "--to",
                "list@example.org",
            ]
        )
        out, err = capsysbinary.readouterr()
        assert status == 0, err
        message = email.message_from_bytes(out, policy=email.policy.default)
        assert all(not part.defects for part in message.walk())
        (attachment,) = message.iter_attachments()
        ours = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
        (event,) = ours.walk("VEVENT")
        # The same UID and start as the site's own calendar of the talk.
        path = Path(html.outdir, "seminars", "talks", record["id"].replace("/", "~") + ".ics")
        (site_event,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert str(event["UID"]) == str(site_event["UID"])
        assert event.decoded("DTSTART") == site_event.decoded("DTSTART")
        assert event.decoded("DTEND") == site_event.decoded("DTEND")
