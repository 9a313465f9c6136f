"""``sphinx-seminars announce``: announcement e-mails from a built site's ``talks.json``.

::

    sphinx-seminars announce _build/html --next 1 --from "Seminar <sem@example.org>" \\
        --to list@example.org --out outbox/
    sphinx-seminars announce _build/html --days 7 --to list@example.org     # weekly digest
    sphinx-seminars announce _build/html --reminder --send --smtp-host smtp.example.org --starttls

Each message is ``multipart/mixed``: a ``multipart/alternative`` (plain text and
HTML, from Jinja2 templates, the HTML autoescaped) and, per talk, the talk's
``.ics`` as ``text/calendar; method=PUBLISH`` with the UID the site's calendars
give it. Nothing is sent without ``--send``; the SMTP user and password come
only from the environment (``SEMINARS_SMTP_USER``, ``SEMINARS_SMTP_PASSWORD``).

Everything read from ``talks.json`` is data: header values lose their control
characters and are encoded by the e-mail policy, the HTML part is escaped, and
only http(s) and mailto addresses become links.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import json
import os
import re
import smtplib
import ssl
import sys
import tomllib
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import icalendar
import jinja2

from ..core.dates import clock, long_date, short_date
from ..core.model import slugify
from ..core.sources import site_identity
from ..core.version import __version__
from ..core.vtimezone import vtimezone

LOCALES = Path(__file__).parents[1] / "locales"
TEMPLATES = Path(__file__).parent / "announce_templates"
DOMAIN = "sphinxext.seminars"
USER_VARIABLE = "SEMINARS_SMTP_USER"
PASSWORD_VARIABLE = "SEMINARS_SMTP_PASSWORD"

#: Control characters (CR, LF, tabs, NUL, DEL, C1, line and paragraph separators).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_LINK = re.compile(r"^(https?://[^\s\x00-\x1f]+|mailto:[^\s\x00-\x1f]+)$", re.IGNORECASE)


class AnnounceError(Exception):
    """A problem that stops the command; its text is the one-line error shown."""


# -- reading talks.json ---------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    affiliation: str

    def __str__(self) -> str:
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


@dataclass(frozen=True)
class Talk:
    id: str
    title: str
    url: str
    start: dt.datetime
    end: dt.datetime
    all_day: bool
    date: dt.date
    last_day: dt.date
    timezone: str
    status: str
    speakers: tuple[Person, ...]
    location: str
    online: str
    series: str
    abstract: str

    @property
    def zone(self) -> dt.tzinfo:
        """The talk's IANA zone when it has one, else the fixed offset written."""
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return self.start.tzinfo or dt.UTC

    @property
    def local_start(self) -> dt.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> dt.datetime:
        return self.end.astimezone(self.zone)


@dataclass
class Site:
    project: str
    url: str
    talks: list[Talk] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: The site's ``language`` (``site.language`` of talks.json), or "".
    language: str = ""

    @property
    def identity(self) -> str:
        """The part of calendar UIDs after ``@``, as the site's own calendars write it."""
        return site_identity(self.url, self.project)


def find_talks_json(path: Path) -> Path:
    """``path`` itself, or the ``talks.json`` of the built site in folder ``path``."""
    if path.is_file():
        return path
    if not path.is_dir():
        raise AnnounceError(f"{path}: no such file or folder")
    for candidate in (path / "seminars" / "talks.json", path / "talks.json"):
        if candidate.is_file():
            return candidate
    # Another seminars_pages_prefix or seminars_feed_name: any JSON file one level
    # down that says it was written by this extension.
    for candidate in sorted(path.glob("*/*.json")):
        try:
            data = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and (data.get("generator") or {}).get("name") == (
            "sphinxext-seminars"
        ):
            return candidate
    raise AnnounceError(
        f"{path}: no talks.json found; give the file itself or the HTML output folder"
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _talk(record: Any) -> Talk:
    if not isinstance(record, dict):
        raise ValueError("not an object")
    start = dt.datetime.fromisoformat(record["start"])
    end = dt.datetime.fromisoformat(record["end"])
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end need a UTC offset")
    speakers = tuple(
        Person(_text(p.get("name")), _text(p.get("affiliation")))
        for p in record.get("speakers") or []
        if isinstance(p, dict)
    )
    return Talk(
        id=str(record["id"]),
        title=_text(record.get("title")),
        url=_text(record.get("url")),
        start=start,
        end=end,
        all_day=bool(record.get("all_day")),
        date=dt.date.fromisoformat(record["date"]),
        last_day=dt.date.fromisoformat(record.get("last_day") or record["date"]),
        timezone=_text(record.get("timezone")),
        status=_text(record.get("status")) or "scheduled",
        speakers=speakers,
        location=_text(record.get("location")),
        online=_text(record.get("online")),
        series=_text(record.get("series")),
        abstract=_text(record.get("abstract")),
    )


def _language(value: Any) -> str:
    """A language code of talks.json (``it``, ``pt_BR``), or "" for anything else."""
    text = _text(value).strip()
    return text if re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*", text) else ""


def read_site(path: Path) -> Site:
    source = find_talks_json(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise AnnounceError(f"{source}: cannot read: {error}") from None
    except ValueError as error:
        raise AnnounceError(f"{source}: not JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("talks"), list):
        raise AnnounceError(f"{source}: not a talks.json file (no 'talks' list)")
    found = data.get("site")
    site_data: dict[str, Any] = found if isinstance(found, dict) else {}
    site = Site(
        project=_text(site_data.get("project")),
        url=_text(site_data.get("url")),
        language=_language(site_data.get("language")),
    )
    for number, record in enumerate(data["talks"]):
        try:
            site.talks.append(_talk(record))
        except (KeyError, TypeError, ValueError) as error:
            site.skipped.append(f"{source}: talk #{number + 1} skipped: {error}")
    return site


# -- choosing talks -------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    """One message: its talks, and whether it is a digest or a reminder."""

    talks: tuple[Talk, ...]
    digest: bool = False
    reminder: bool = False


def choose(
    site: Site,
    now: dt.datetime,
    *,
    talk_id: str | None = None,
    count: int = 1,
    days: int | None = None,
    reminder: bool = False,
) -> list[Batch]:
    talks = sorted(site.talks, key=lambda t: (t.start, t.id))
    if talk_id is not None:
        found = [t for t in talks if t.id == talk_id]
        if not found:
            raise AnnounceError(f"no talk with id {talk_id!r} in talks.json")
        return [Batch((found[0],), reminder=reminder)]
    if reminder:
        today = [t for t in talks if t.date <= now.astimezone(t.zone).date() <= t.last_day]
        return [Batch((t,), reminder=True) for t in today if t.end > now]
    upcoming = [t for t in talks if t.start >= now]
    if days is not None:
        until = now + dt.timedelta(days=days)
        chosen = tuple(t for t in upcoming if t.start < until)
        return [Batch(chosen, digest=True)] if chosen else []
    return [Batch((t,)) for t in upcoming[:count]]


# -- words ----------------------------------------------------------------------------


def translations(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        DOMAIN, localedir=str(LOCALES), languages=[language] if language else None, fallback=True
    )


def header_text(text: str) -> str:
    """A header value: no control character (no new header from a title), one line."""
    return " ".join(_CONTROL.sub(" ", text).split())


def safe_link(url: str) -> str:
    """``url`` when it may become a link (http(s), mailto), else ""."""
    url = url.strip()
    return url if _LINK.match(url) else ""


def when(talk: Talk, language: str = "en") -> str:
    """Date and time in the talk's zone and in ``language`` (babel), as the site shows them:
    ``Thursday, December 3, 2026, 2:00 PM–3:00 PM (Europe/Rome)``,
    ``giovedì 3 dicembre 2026, 14:00–15:00 (Europe/Rome)``."""
    if talk.all_day:
        if talk.last_day != talk.date:
            return f"{long_date(talk.date, language)} – {long_date(talk.last_day, language)}"
        return long_date(talk.date, language)
    start, end = talk.local_start, talk.local_end
    zone = talk.timezone or start.strftime("UTC%z")
    if end.date() == start.date():
        day = long_date(start.date(), language)
        return f"{day}, {clock(start, language)}–{clock(end, language)} ({zone})"
    return (
        f"{long_date(start.date(), language)} {clock(start, language)} – "
        f"{long_date(end.date(), language)} {clock(end, language)} ({zone})"
    )


def headline(talk: Talk) -> str:
    names = ", ".join(p.name for p in talk.speakers)
    return f"{names}: {talk.title}" if names else talk.title


def subject(
    batch: Batch, site: Site, words: gettext.NullTranslations, language: str = "en"
) -> str:
    _ = words.gettext
    if batch.digest:
        first, last = batch.talks[0].date, batch.talks[-1].date
        span = (
            short_date(first, language)
            if first == last
            else f"{short_date(first, language)} – {short_date(last, language)}"
        )
        text = f"{_('Upcoming talks')}: {span}"
        return header_text(f"{site.project}: {text}" if site.project else text)
    talk = batch.talks[0]
    text = headline(talk)
    if talk.status == "cancelled":
        text = _("[Cancelled] {title}").format(title=text)
    elif talk.status == "postponed":
        text = _("[Postponed] {title}").format(title=text)
    prefix = talk.series or site.project
    moment = when(talk, language)
    return header_text(f"{prefix} – {moment} – {text}" if prefix else f"{moment} – {text}")


# -- the calendar ---------------------------------------------------------------------


def _ical_moment(moment: dt.datetime, talk: Talk) -> dt.datetime:
    zone = talk.zone
    if isinstance(zone, zoneinfo.ZoneInfo):
        return moment.astimezone(zone)
    return moment.astimezone(dt.UTC)


def calendar(talk: Talk, site: Site, now: dt.datetime) -> bytes:
    """The talk as an iCalendar object (``METHOD:PUBLISH``), every value escaped by icalendar."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//sphinxext-seminars//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{talk.id}@{site.identity}")
    event.add("dtstamp", now.astimezone(dt.UTC))
    if talk.all_day:
        event.add("dtstart", talk.date)
        event.add("dtend", talk.last_day + dt.timedelta(days=1))
    else:
        event.add("dtstart", _ical_moment(talk.start, talk))
        event.add("dtend", _ical_moment(talk.end, talk))
    event.add("summary", headline(talk))
    lines = [str(p) for p in talk.speakers]
    if talk.abstract.strip():
        lines.append(talk.abstract.strip())
    if safe_link(talk.url):
        lines.append(talk.url)
    if lines:
        event.add("description", "\n\n".join(lines))
    if talk.location or talk.online:
        event.add("location", talk.location or talk.online)
    if safe_link(talk.url).startswith(("http://", "https://")):
        event.add("url", talk.url)
    event.add(
        "status",
        {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}.get(talk.status, "CONFIRMED"),
    )
    zone = talk.zone
    if not talk.all_day and isinstance(zone, zoneinfo.ZoneInfo) and zone.key != "UTC":
        # One observance per transition, as the site's calendars write it: the form
        # ical.js (Thunderbird) reads right (see core/vtimezone.py).
        first, last = talk.local_start.year, talk.local_end.year
        cal.add_component(vtimezone(zone.key, first, last))
    cal.add_component(event)
    return cal.to_ical()


# -- the message ----------------------------------------------------------------------


@dataclass
class Addresses:
    sender: str
    to: list[str]
    reply_to: list[str] = field(default_factory=list)


def _address(text: str, what: str) -> str:
    """One address as given (``Name <a@b>`` or ``a@b``), checked by the e-mail parser."""
    if _CONTROL.search(text):
        raise AnnounceError(f"{what}: {text!r} holds a line break or control character")
    message = EmailMessage(policy=default_policy)
    try:
        message["To"] = text
        addresses = message["To"].addresses
    except (ValueError, IndexError, TypeError) as error:
        raise AnnounceError(f"{what}: {text!r} is not an e-mail address ({error})") from None
    if len(addresses) != 1 or not addresses[0].domain or message["To"].defects:
        raise AnnounceError(f"{what}: {text!r} is not one e-mail address; write name@example.org")
    return text


def _environment(templates: Path | None, language: str = "en") -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        if not templates.is_dir():
            raise AnnounceError(f"--templates: {templates} is not a folder")
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["link"] = safe_link
    environment.filters["line"] = header_text
    environment.filters["when"] = lambda talk: when(talk, language)
    environment.filters["headline"] = headline
    return environment


def _file_name(talk: Talk) -> str:
    return f"{talk.date.isoformat()}-{slugify(talk.id)}.ics"


def build_message(
    batch: Batch,
    site: Site,
    addresses: Addresses,
    now: dt.datetime,
    *,
    language: str = "en",
    templates: Path | None = None,
) -> EmailMessage:
    words = translations(language)
    environment = _environment(templates, language)
    context = {
        "site": site,
        "talks": batch.talks,
        "talk": batch.talks[0],
        "digest": batch.digest,
        "reminder": batch.reminder,
        "language": language,
        "_": words.gettext,
        "ngettext": words.ngettext,
        "npgettext": words.npgettext,
    }
    try:
        text = environment.get_template("announce.txt").render(context)
        html = environment.get_template("announce.html").render(context)
    except jinja2.TemplateError as error:
        raise AnnounceError(f"template: {error}") from None
    message = EmailMessage(policy=default_policy)
    message["Subject"] = subject(batch, site, words, language)
    message["From"] = addresses.sender
    message["To"] = ", ".join(addresses.to)
    if addresses.reply_to:
        message["Reply-To"] = ", ".join(addresses.reply_to)
    message["Date"] = format_datetime(now.astimezone(dt.UTC))
    domain = Address(addr_spec=_plain(addresses.sender)).domain or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    for talk in batch.talks:
        message.add_attachment(
            calendar(talk, site, now),
            maintype="text",
            subtype="calendar",
            filename=_file_name(talk),
            params={"method": "PUBLISH", "charset": "utf-8"},
        )
    # After the parts: adding them moves Content-* headers into the first one.
    if language:
        message["Content-Language"] = header_text(language)
    return message


def _plain(address: str) -> str:
    message = EmailMessage(policy=default_policy)
    message["From"] = address
    return message["From"].addresses[0].addr_spec


# -- output ---------------------------------------------------------------------------


def message_name(batch: Batch, now: dt.datetime) -> str:
    kind = "digest" if batch.digest else "reminder" if batch.reminder else "announce"
    if batch.digest:
        return f"{now.date().isoformat()}-{kind}.eml"
    talk = batch.talks[0]
    return f"{talk.date.isoformat()}-{slugify(talk.id)}-{kind}.eml"


def write_messages(
    messages: list[tuple[str, EmailMessage]], out: Path | None, now: dt.datetime
) -> None:
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, message in messages:
            (out / name).write_bytes(message.as_bytes())
        return
    stream = sys.stdout.buffer
    for _name, message in messages:
        if len(messages) > 1:
            # Several messages on standard output: an mbox.
            stamp = now.astimezone(dt.UTC).strftime("%a %b %d %H:%M:%S %Y")
            stream.write(f"From sphinx-seminars {stamp}\n".encode())
            generator = BytesGenerator(stream, mangle_from_=True, policy=default_policy)
            generator.flatten(message, linesep="\n")
            stream.write(b"\n")
        else:
            stream.write(message.as_bytes())
    stream.flush()


@dataclass
class Smtp:
    host: str
    port: int | None
    security: str  # "starttls", "ssl" or "none"
    timeout: float = 30.0


_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def send_messages(
    messages: list[EmailMessage],
    smtp: Smtp,
    environ: Any = os.environ,
    connect: Callable[..., smtplib.SMTP] | None = None,
) -> int:
    """Deliver ``messages``; every failure is an :class:`AnnounceError` of one line."""
    user = environ.get(USER_VARIABLE, "")
    password = environ.get(PASSWORD_VARIABLE, "")
    if user and not password:
        raise AnnounceError(f"{USER_VARIABLE} is set but {PASSWORD_VARIABLE} is not")
    if password and not user:
        raise AnnounceError(f"{PASSWORD_VARIABLE} is set but {USER_VARIABLE} is not")
    if user and smtp.security == "none" and smtp.host not in _LOCAL_HOSTS:
        raise AnnounceError(
            f"refusing to send the SMTP password to {smtp.host} unencrypted; "
            "add --starttls or --ssl"
        )
    context = ssl.create_default_context()
    where = f"{smtp.host}:{smtp.port or ('465' if smtp.security == 'ssl' else '25')}"
    sent = 0
    try:
        client: smtplib.SMTP
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(
                smtp.host, smtp.port or 465, timeout=smtp.timeout, context=context
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port or 25, timeout=smtp.timeout)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=context)
            if user:
                client.login(user, password)
            for message in messages:
                refused = client.send_message(message)
                if refused:
                    raise smtplib.SMTPRecipientsRefused(refused)
                sent += 1
    except smtplib.SMTPAuthenticationError as error:
        raise AnnounceError(
            f"SMTP {where}: authentication failed for {USER_VARIABLE}: {_reply(error)}"
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        names = ", ".join(sorted(error.recipients))
        raise AnnounceError(
            f"SMTP {where}: recipients refused: {header_text(names)} "
            f"({sent} of {len(messages)} messages sent)"
        ) from None
    except smtplib.SMTPSenderRefused as error:
        raise AnnounceError(f"SMTP {where}: sender refused: {_reply(error)}") from None
    except smtplib.SMTPNotSupportedError as error:
        raise AnnounceError(f"SMTP {where}: the server does not support {error}") from None
    except ssl.SSLError as error:
        raise AnnounceError(f"SMTP {where}: TLS failed: {error.reason or error}") from None
    except smtplib.SMTPResponseException as error:
        raise AnnounceError(f"SMTP {where}: {_reply(error)}") from None
    except smtplib.SMTPException as error:
        raise AnnounceError(f"SMTP {where}: {header_text(str(error))}") from None
    except ConnectionRefusedError:
        raise AnnounceError(f"SMTP {where}: connection refused") from None
    except TimeoutError:
        raise AnnounceError(f"SMTP {where}: no answer within {smtp.timeout:g} s") from None
    except OSError as error:
        raise AnnounceError(f"SMTP {where}: {error.strerror or error}") from None
    return sent


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = error.smtp_error
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return header_text(f"{error.smtp_code} {text}")


# -- the command ----------------------------------------------------------------------


def _now_arg(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time; write 2026-12-01T09:00+01:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of 1 or more")
    return number


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "announce",
        help="write (and with --send, send) announcement e-mails for the next talks",
        description="Announcement e-mails from a built site's talks.json. Without --send "
        "nothing is sent (dry run): the messages are written to --out or standard output.",
    )
    parser.add_argument(
        "source", metavar="TALKS_JSON", help="talks.json or the HTML output folder"
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--next", type=_positive, default=1, metavar="N", help="the next N talks")
    choice.add_argument("--talk", metavar="ID", help="the talk with this id")
    choice.add_argument(
        "--days", type=_positive, metavar="D", help="one digest of the talks in the next D days"
    )
    parser.add_argument(
        "--reminder", action="store_true", help="the day-of reminder (today's talks)"
    )
    parser.add_argument("--now", type=_now_arg, help="the current time (ISO 8601), for tests")
    parser.add_argument("--config", type=Path, help="a TOML file with an [announce] table")
    parser.add_argument("--from", dest="sender", help="From: address")
    parser.add_argument("--to", action="append", help="To: address (repeatable)")
    parser.add_argument("--reply-to", action="append", help="Reply-To: address (repeatable)")
    parser.add_argument("--language", help="language of the labels (default: en)")
    parser.add_argument("--templates", type=Path, help="folder of announce.txt/announce.html")
    parser.add_argument("--out", type=Path, help="write one .eml file per message here")
    parser.add_argument("--send", action="store_true", help="deliver through SMTP")
    parser.add_argument("--smtp-host", help="SMTP server (default: localhost)")
    parser.add_argument("--smtp-port", type=int, help="SMTP port (default: 25, 465 with --ssl)")
    security = parser.add_mutually_exclusive_group()
    security.add_argument("--starttls", action="store_true", help="upgrade with STARTTLS")
    security.add_argument("--ssl", action="store_true", help="connect with TLS (SMTPS)")
    return parser


_CONFIG_KEYS = {"from", "to", "reply_to", "language", "smtp_host", "smtp_port", "security"}


def read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AnnounceError(f"{path}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AnnounceError(f"{path}: not TOML: {error}") from None
    table = data.get("announce", {})
    if not isinstance(table, dict):
        raise AnnounceError(f"{path}: [announce] must be a table")
    unknown = sorted(set(table) - _CONFIG_KEYS)
    if unknown:
        hint = (
            f"; the SMTP credentials come only from {USER_VARIABLE} and {PASSWORD_VARIABLE}"
            if any("pass" in k or "user" in k for k in unknown)
            else ""
        )
        raise AnnounceError(
            f"{path}: unknown keys in [announce]: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(_CONFIG_KEYS))}){hint}"
        )
    return table


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def run_announce(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except AnnounceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    config = read_config(args.config) if args.config else {}
    sender = args.sender or config.get("from")
    to = args.to or _list(config.get("to"))
    if not sender or not to:
        raise AnnounceError("give --from and --to (or 'from' and 'to' in [announce])")
    addresses = Addresses(
        _address(str(sender), "--from"),
        [_address(a, "--to") for a in to],
        [_address(a, "--reply-to") for a in (args.reply_to or _list(config.get("reply_to")))],
    )
    site = read_site(Path(args.source))
    for note in site.skipped:
        print(f"warning: {note}", file=sys.stderr)
    now = args.now or dt.datetime.now(dt.UTC)
    batches = choose(
        site, now, talk_id=args.talk, count=args.next, days=args.days, reminder=args.reminder
    )
    if not batches:
        print("no talk to announce", file=sys.stderr)
        return 0
    # --language, else [announce] language, else the site's own (talks.json), else English.
    language = args.language or str(config.get("language") or site.language or "en")
    messages = [
        (
            message_name(batch, now),
            build_message(
                batch, site, addresses, now, language=language, templates=args.templates
            ),
        )
        for batch in batches
    ]
    if args.out is not None or not args.send:
        write_messages(messages, args.out, now)
    if not args.send:
        where = f"in {args.out}" if args.out else "on standard output"
        print(
            f"dry run: {len(messages)} message(s) written {where}; add --send to deliver",
            file=sys.stderr,
        )
        return 0
    security = "ssl" if args.ssl else "starttls" if args.starttls else config.get("security")
    smtp = Smtp(
        host=args.smtp_host or str(config.get("smtp_host", "localhost")),
        port=args.smtp_port or config.get("smtp_port"),
        security=str(security or "none"),
    )
    if smtp.security not in ("ssl", "starttls", "none"):
        raise AnnounceError("security in [announce] must be 'ssl', 'starttls' or 'none'")
    sent = send_messages([m for _, m in messages], smtp)
    print(f"sent {sent} message(s) through {smtp.host}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sphinx-seminars")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return run_announce(parser.parse_args(argv))
