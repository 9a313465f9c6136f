"""``sphinx-seminars announce``: e-mails read back with ``email`` and ``icalendar``,
delivered to a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import talk_record

from sphinxext.seminars.cli import main

SCHEMA = Path(__file__).parents[1] / "sphinxext" / "seminars" / "schema" / "talks.schema.json"
NOW = "2026-12-01T09:00:00+00:00"
HOSTILE = "Evil\r\nBcc: victim@example.com\r\n\r\n<script>alert(1)</script>"


def talk(ident: str, title: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    """A talk as ``talks.json`` holds it, every field given."""
    full: dict[str, Any] = {
        "tba": False,
        "url": f"https://seminars.example.org/algebra/talks/{ident}.html#talk-{ident}",
        "docname": f"talks/{ident}",
        "location": "Aula Magna",
        "online": "",
        "event": "",
        "tags": [],
        "joint_with": [],
        "links": [],
        "papers": [],
        "abstract": "We prove a theorem.\n\nThen another.",
        "bio": "",
    }
    return talk_record(ident, title, start, end, **{**full, **extra})


def site(tmp_path: Path, talks: list[dict[str, Any]]) -> Path:
    """A built site's output folder with ``seminars/talks.json``, checked against the schema."""
    import jsonschema

    data = {
        "version": 1,
        "generator": {"name": "sphinxext-seminars", "version": "0.1.0"},
        "site": {"project": "Algebra Seminar", "url": "https://seminars.example.org/algebra/"},
        "series": [],
        "talks": talks,
    }
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    folder = tmp_path / "html" / "seminars"
    folder.mkdir(parents=True)
    (folder / "talks.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path / "html"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return site(
        tmp_path,
        [
            talk("past", "Old news", "2026-11-20T14:00:00+01:00", "2026-11-20T15:00:00+01:00"),
            talk("first", "Groups", "2026-12-03T14:00:00+01:00", "2026-12-03T15:00:00+01:00"),
            talk("second", "Rings", "2026-12-05T10:00:00+01:00", "2026-12-05T11:00:00+01:00"),
            talk("later", "Fields", "2027-01-20T14:00:00+01:00", "2027-01-20T15:00:00+01:00"),
        ],
    )


ADDRESSES = ["--from", "Algebra Seminar <seminar@example.org>", "--to", "list@example.org"]


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        assert not part.defects, part.defects
        for name in part.keys():
            assert not part[name].defects, (name, part[name].defects)
    return message


def parts(message: EmailMessage) -> tuple[str, str, list[icalendar.Calendar]]:
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    calendars = []
    for attachment in message.iter_attachments():
        assert attachment.get_content_type() == "text/calendar"
        assert attachment.get_param("method") == "PUBLISH"
        calendars.append(icalendar.Calendar.from_ical(attachment.get_payload(decode=True)))
    return plain.get_content(), html.get_content(), calendars


def announce(capsysbinary: Any, *argv: str) -> tuple[int, bytes, str]:
    status = main(["announce", *argv])
    out, err = capsysbinary.readouterr()
    return status, out, err.decode()


# -- messages -------------------------------------------------------------------------


def test_next_talk_to_standard_output(archive: Path, capsysbinary: Any) -> None:
    status, out, err = announce(capsysbinary, str(archive), *ADDRESSES, "--now", NOW)
    assert status == 0, err
    assert "dry run" in err
    message = parse(out)
    assert message.get_content_type() == "multipart/mixed"
    assert message["To"].addresses[0].addr_spec == "list@example.org"
    assert "Groups" in message["Subject"]
    text, html, calendars = parts(message)
    assert "Groups" in text and "Aula Magna" in text and "Then another." in text
    soup = BeautifulSoup(html, "html5lib")
    link = soup.find("a", href=True)
    assert link is not None
    assert link["href"] == "https://seminars.example.org/algebra/talks/first.html#talk-first"
    assert link.get_text() == "Groups"
    (cal,) = calendars
    assert str(cal["METHOD"]) == "PUBLISH"
    (event,) = cal.walk("VEVENT")
    # The UID the site's own calendars give the talk.
    assert str(event["UID"]) == "first@seminars.example.org/algebra"
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 3, 13, 0, tzinfo=dt.UTC)
    assert event["DTSTART"].params["TZID"] == "Europe/Rome"
    assert cal.walk("VTIMEZONE"), "the zone is defined in the calendar"


def test_next_n_writes_one_eml_per_talk(archive: Path, tmp_path: Path, capsysbinary: Any) -> None:
    out = tmp_path / "outbox"
    status, _, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, "--next", "2", "--out", str(out)
    )
    assert status == 0, err
    files = sorted(p.name for p in out.iterdir())
    assert files == ["2026-12-03-first-announce.eml", "2026-12-05-second-announce.eml"]
    for path in out.iterdir():
        parse(path.read_bytes())


def test_weekly_digest(archive: Path, tmp_path: Path, capsysbinary: Any) -> None:
    status, out, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, "--days", "7"
    )
    assert status == 0, err
    text, html, calendars = parts(parse(out))
    assert "Groups" in text and "Rings" in text and "Fields" not in text
    uids = sorted(str(c.walk("VEVENT")[0]["UID"]) for c in calendars)
    assert uids == ["first@seminars.example.org/algebra", "second@seminars.example.org/algebra"]
    titles = [h.get_text() for h in BeautifulSoup(html, "html5lib").find_all("h2")]
    assert titles == ["Groups", "Rings"]


def test_reminder_on_the_day(archive: Path, capsysbinary: Any) -> None:
    status, out, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--reminder", "--now", "2026-12-05T07:00+00:00"
    )
    assert status == 0, err
    text, _, _ = parts(parse(out))
    assert "Rings" in text
    assert "Then another." not in text, "the reminder is short: no abstract"
    status, out, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--reminder", "--now", "2026-12-04T07:00+00:00"
    )
    assert (status, out) == (0, b"")
    assert "no talk to announce" in err


def test_talk_by_id_and_unknown_id(archive: Path, capsysbinary: Any) -> None:
    status, out, _ = announce(capsysbinary, str(archive), *ADDRESSES, "--talk", "later")
    assert status == 0
    assert "Fields" in parse(out)["Subject"]
    status, out, err = announce(capsysbinary, str(archive), *ADDRESSES, "--talk", "nope")
    assert status == 1 and out == b""
    assert err.count("\n") == 1 and "no talk with id 'nope'" in err


def test_language_of_the_labels(archive: Path, capsysbinary: Any) -> None:
    status, out, _ = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, "--language", "it"
    )
    assert status == 0
    message = parse(out)
    text, _, _ = parts(message)
    assert "Dove: Aula Magna" in text.splitlines()
    assert "Relatore: Ada Lovelace (Analytical Engines)" in text.splitlines()
    assert message["Content-Language"] == "it"


@pytest.mark.parametrize(
    ("language", "expected", "digest"),
    [
        ("it", "giovedì 3 dicembre 2026, 14:00–15:00 (Europe/Rome)", "3 dic 2026 – 5 dic 2026"),
        ("de", "Donnerstag, 3. Dezember 2026, 14:00–15:00 (Europe/Rome)", "03.12.2026 – 05.12.2026"),
    ],
)
def test_dates_in_the_language(
    archive: Path, capsysbinary: Any, language: str, expected: str, digest: str
) -> None:
    # From --language, and from the site's language in talks.json when no flag is given.
    path = archive / "seminars" / "talks.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["site"]["language"] = language
    path.write_text(json.dumps(data), encoding="utf-8")
    for flags in (("--language", language), ()):
        status, out, err = announce(capsysbinary, str(archive), *ADDRESSES, "--now", NOW, *flags)
        assert status == 0, err
        message = parse(out)
        assert expected in message["Subject"]
        text, html, _ = parts(message)
        assert any(line.endswith(": " + expected) for line in text.splitlines())
        cell = BeautifulSoup(html, "html5lib").select_one("td.when")
        assert cell is not None and cell.get_text() == expected
        assert message["Content-Language"] == language
    status, out, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, "--days", "7"
    )
    assert status == 0, err
    assert parse(out)["Subject"].endswith(digest)
    # A flag wins over the site's language.
    status, out, _ = announce(capsysbinary, str(archive), *ADDRESSES, "--now", NOW, "--language", "en")
    assert "Thursday, December 3, 2026, 2:00 PM" in parse(out)["Subject"]


def test_templates_can_be_overridden(archive: Path, tmp_path: Path, capsysbinary: Any) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "announce.html").write_text(
        "<p class=mine>{% for t in talks %}{{ t.title }}{% endfor %}</p>", encoding="utf-8"
    )
    status, out, _ = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, "--templates", str(templates)
    )
    assert status == 0
    text, html, _ = parts(parse(out))
    assert BeautifulSoup(html, "html5lib").find("p", class_="mine").get_text() == "Groups"
    assert "Aula Magna" in text, "the plain-text template is still the package's"


def test_hostile_talk_stays_text(tmp_path: Path, capsysbinary: Any) -> None:
    archive = site(
        tmp_path,
        [
            talk(
                "evil",
                HOSTILE,
                "2026-12-03T14:00:00+01:00",
                "2026-12-03T15:00:00+01:00",
                url="javascript:alert(1)",
                online="javascript:alert(2)",
                abstract="<img src=x onerror=alert(3)>",
                speakers=[{"name": "Mallory\nX-Evil: 1", "affiliation": "<b>Bad</b>"}],
                location="Room\r\nReply-To: attacker@example.com",
                series="S\nCc: victim@example.com",
            )
        ],
    )
    status, out, err = announce(capsysbinary, str(archive), *ADDRESSES, "--now", NOW)
    assert status == 0, err
    message = parse(out)
    # No header came from the title, the speaker, the room or the series.
    assert sorted(message.keys()) == sorted(
        [
            "Subject",
            "From",
            "To",
            "Date",
            "Message-ID",
            "Content-Language",
            "MIME-Version",
            "Content-Type",
        ]
    )
    assert "Bcc" not in message and "Cc" not in message and "X-Evil" not in message
    assert "<script>alert(1)</script>" in message["Subject"]
    assert "\n" not in str(message["Subject"]) and "\r" not in str(message["Subject"])
    text, html, calendars = parts(message)
    soup = BeautifulSoup(html, "html5lib")
    assert not soup.find_all(["script", "img", "b"])
    assert not soup.find_all("a"), "javascript: addresses are not links"
    assert "<script>alert(1)</script>" in soup.find("h2").get_text()
    assert "<img src=x onerror=alert(3)>" in soup.get_text()
    assert "<script>alert(1)</script>" in text
    (event,) = calendars[0].walk("VEVENT")
    # The calendar keeps the text (its line breaks as LF) in one escaped property.
    assert str(event["SUMMARY"]) == f"Mallory\nX-Evil: 1: {HOSTILE}".replace("\r\n", "\n")
    assert {name for name, _ in event.property_items(recursive=False)} <= {
        "BEGIN",
        "END",
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "DESCRIPTION",
        "LOCATION",
        "STATUS",
    }
    assert "URL" not in event


def test_bad_addresses_and_input(archive: Path, tmp_path: Path, capsysbinary: Any) -> None:
    status, out, err = announce(
        capsysbinary, str(archive), "--from", "a@example.org", "--to", "x@example.org\nBcc: y@z"
    )
    assert status == 1 and out == b"" and "line break" in err
    status, _, err = announce(capsysbinary, str(archive), "--from", "nobody", "--to", "a@b.org")
    assert status == 1 and "not" in err and err.count("\n") == 1
    status, _, err = announce(capsysbinary, str(tmp_path / "missing"), *ADDRESSES)
    assert status == 1 and "no such file" in err
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    status, _, err = announce(capsysbinary, str(tmp_path / "broken.json"), *ADDRESSES)
    assert status == 1 and "not JSON" in err


def test_config_file(archive: Path, tmp_path: Path, capsysbinary: Any) -> None:
    config = tmp_path / "announce.toml"
    config.write_text(
        '[announce]\nfrom = "sem@example.org"\nto = ["a@example.org", "b@example.org"]\n'
        'reply_to = "org@example.org"\nlanguage = "it"\n',
        encoding="utf-8",
    )
    status, out, err = announce(capsysbinary, str(archive), "--config", str(config), "--now", NOW)
    assert status == 0, err
    message = parse(out)
    assert [a.addr_spec for a in message["To"].addresses] == ["a@example.org", "b@example.org"]
    assert message["Reply-To"].addresses[0].addr_spec == "org@example.org"
    config.write_text('[announce]\nfrom = "a@b.org"\npassword = "hunter2"\n', encoding="utf-8")
    status, _, err = announce(capsysbinary, str(archive), "--config", str(config))
    assert status == 1 and "SEMINARS_SMTP_PASSWORD" in err and "hunter2" not in err


# -- SMTP -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Recorder:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.endswith("@refused.example.org"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


USER, PASSWORD = "organiser", "s3cret-pass"


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    from aiosmtpd.smtp import AuthResult

    ok = getattr(data, "login", b"") == USER.encode() and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Recorder]]:
    pytest.importorskip("aiosmtpd")
    from aiosmtpd.controller import Controller

    recorder = Recorder()
    controller = Controller(
        recorder,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield controller.port, recorder
    finally:
        controller.stop()


def smtp_flags(port: int) -> list[str]:
    return ["--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port)]


def test_send_end_to_end(
    archive: Path,
    smtp_server: tuple[int, Recorder],
    capsysbinary: Any,
    monkeypatch: Any,
    tmp_path: Path,
) -> None:
    port, recorder = smtp_server
    monkeypatch.setenv("SEMINARS_SMTP_USER", USER)
    monkeypatch.setenv("SEMINARS_SMTP_PASSWORD", PASSWORD)
    out = tmp_path / "sent"
    status, stdout, err = announce(
        capsysbinary,
        str(archive),
        *ADDRESSES,
        "--to",
        "second@example.org",
        "--now",
        NOW,
        "--next",
        "2",
        "--out",
        str(out),
        *smtp_flags(port),
    )
    assert status == 0, err
    assert PASSWORD not in err and stdout == b""
    assert PASSWORD.encode() not in b"".join(p.read_bytes() for p in out.iterdir())
    assert len(recorder.received) == 2
    subjects = []
    for sender, recipients, content in recorder.received:
        assert sender == "seminar@example.org"
        assert recipients == ["list@example.org", "second@example.org"]
        message = parse(content)
        subjects.append(str(message["Subject"]))
        _, _, calendars = parts(message)
        (event,) = calendars[0].walk("VEVENT")
        assert str(event["UID"]).endswith("@seminars.example.org/algebra")
    assert "Groups" in subjects[0] and "Rings" in subjects[1]


def test_send_hostile_title(
    tmp_path: Path, smtp_server: tuple[int, Recorder], capsysbinary: Any
) -> None:
    port, recorder = smtp_server
    archive = site(
        tmp_path, [talk("evil", HOSTILE, "2026-12-03T14:00:00+01:00", "2026-12-03T15:00:00+01:00")]
    )
    status, _, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, *smtp_flags(port)
    )
    assert status == 0, err
    ((_, recipients, content),) = recorder.received
    assert recipients == ["list@example.org"], "a title cannot add a recipient"
    message = parse(content)
    assert "Bcc" not in message
    assert "<script>alert(1)</script>" in str(message["Subject"])


def test_dry_run_sends_nothing(
    archive: Path, smtp_server: tuple[int, Recorder], tmp_path: Path, capsysbinary: Any
) -> None:
    port, recorder = smtp_server
    out = tmp_path / "outbox"
    status, _, err = announce(
        capsysbinary,
        str(archive),
        *ADDRESSES,
        "--now",
        NOW,
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--out",
        str(out),
    )
    assert status == 0 and "dry run" in err
    assert [p.suffix for p in out.iterdir()] == [".eml"]
    assert recorder.received == []


def test_missing_password(
    archive: Path, smtp_server: tuple[int, Recorder], capsysbinary: Any, monkeypatch: Any
) -> None:
    port, recorder = smtp_server
    monkeypatch.setenv("SEMINARS_SMTP_USER", USER)
    monkeypatch.delenv("SEMINARS_SMTP_PASSWORD", raising=False)
    status, _, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, *smtp_flags(port)
    )
    assert status == 1
    assert err == "error: SEMINARS_SMTP_USER is set but SEMINARS_SMTP_PASSWORD is not\n"
    assert recorder.received == []


def test_wrong_password(
    archive: Path, smtp_server: tuple[int, Recorder], capsysbinary: Any, monkeypatch: Any
) -> None:
    port, recorder = smtp_server
    monkeypatch.setenv("SEMINARS_SMTP_USER", USER)
    monkeypatch.setenv("SEMINARS_SMTP_PASSWORD", "wrong-guess")
    status, _, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, *smtp_flags(port)
    )
    assert status == 1 and err.count("\n") == 1
    assert "authentication failed" in err and "wrong-guess" not in err
    assert recorder.received == []


def test_recipients_refused(
    archive: Path, smtp_server: tuple[int, Recorder], capsysbinary: Any
) -> None:
    port, recorder = smtp_server
    status, _, err = announce(
        capsysbinary,
        str(archive),
        "--from",
        "a@example.org",
        "--to",
        "x@refused.example.org",
        "--now",
        NOW,
        *smtp_flags(port),
    )
    assert status == 1 and err.count("\n") == 1
    assert "recipients refused: x@refused.example.org" in err
    assert recorder.received == []


def test_password_never_sent_in_clear_to_a_remote_host(
    archive: Path, capsysbinary: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SEMINARS_SMTP_USER", USER)
    monkeypatch.setenv("SEMINARS_SMTP_PASSWORD", PASSWORD)
    status, _, err = announce(
        capsysbinary,
        str(archive),
        *ADDRESSES,
        "--now",
        NOW,
        "--send",
        "--smtp-host",
        "smtp.example.org",
    )
    assert status == 1 and "--starttls or --ssl" in err and PASSWORD not in err


def test_connection_refused(archive: Path, capsysbinary: Any) -> None:
    status, _, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, *smtp_flags(free_port())
    )
    assert status == 1 and err.count("\n") == 1 and "connection refused" in err


def test_tls_failures(archive: Path, smtp_server: tuple[int, Recorder], capsysbinary: Any) -> None:
    port, recorder = smtp_server
    # The server offers no STARTTLS.
    status, _, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, *smtp_flags(port), "--starttls"
    )
    assert status == 1 and err.count("\n") == 1 and "STARTTLS" in err.upper()
    # The server does not speak TLS at all.
    status, _, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, *smtp_flags(port), "--ssl"
    )
    assert status == 1 and err.count("\n") == 1 and err.startswith("error: SMTP 127.0.0.1:")
    assert recorder.received == []


def test_several_messages_on_standard_output_are_an_mbox(
    archive: Path, tmp_path: Path, capsysbinary: Any
) -> None:
    import mailbox

    status, out, err = announce(
        capsysbinary, str(archive), *ADDRESSES, "--now", NOW, "--next", "3"
    )
    assert status == 0, err
    (tmp_path / "out.mbox").write_bytes(out)
    box = mailbox.mbox(tmp_path / "out.mbox")
    subjects = [parse(message.as_bytes())["Subject"] for message in box]
    assert len(subjects) == 3
    assert ["Groups" in subjects[0], "Rings" in subjects[1], "Fields" in subjects[2]] == [True] * 3
