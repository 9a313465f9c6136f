"""A table of malformed talks, listings, clouds, series and papers, built as one site.

Each row of :data:`ROWS` becomes one file ``cases/<row>.rst`` (or ``.md``) in a
copy of ``roots/test-catalogue``; the whole table is built once. Per row: the
warnings located in its file are exactly the expected ``seminars.<subtype>``
at the expected lines (and nothing else, such as a docutils error), a talk
with a usable date is stored and listed, and a listing or cloud still renders.
For the whole site: no traceback, and every stored talk (the valid ones in
``valid.rst`` among them) is in the listing, ``talks.json`` and the calendar.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinxext.seminars.core.model import Talk
from sphinxext.seminars.store.domain import get_domain

ROOT = Path(__file__).parent / "roots" / "test-catalogue"
VALID = {"valid-1", "valid-2", "valid-3"}

HUGE = ("Lorem ipsum dolor sit amet " * 4000)[:100_000].strip()  # 100 kB of words
RTL = "محاضرة عن الاحتمالات \u202eevil\u202c שלום"
COMBINING = "Cafe\u0301 Zdeborova\u0301 \u1e9b\u0323"  # decomposed accents, kept as written
EMOJI = "Dice 🎲 and 👩\u200d🔬 science"
CONTROL = "Bell\x07 escape\x1b[31m delete\x7f vertical"

Option = tuple[str, str]
#: Where a warning is expected: an option's name (its first line), an option's
#: position in the row (for duplicates), or None for the directive's own line.
Where = str | int | None


@dataclass(frozen=True)
class Row:
    id: str
    #: talk, talks, speakers-cloud, series, paper (nested in a talk), bio, paper-alone, speaker
    kind: str
    title: str = ""
    options: tuple[Option, ...] = ()
    expected: tuple[tuple[str, Where], ...] = ()
    #: For talks: is the talk stored (it has a usable date)?
    stored: bool = True
    markup: str = "rst"
    #: A check of the stored talk.
    check: Callable[[Talk], bool] | None = None
    #: A known bug: the reason the row's warnings are not yet as expected.
    xfail: str = ""
    #: The same bug also drops the talk, listing or cloud from the site.
    xfail_output: bool = False
    body: str = field(default="", compare=False)

    @property
    def filename(self) -> str:
        return f"cases/{self.id}.{'md' if self.markup == 'md' else 'rst'}"

    def source(self) -> tuple[str, dict[Where, int]]:
        """The file's text, and the line of each warning location."""
        if self.kind == "paper":
            head = [f".. talk:: Host of {self.id}", "   :date: 2022-03-01 10:00", ""]
            # (a paper's host talk is stored: see test_every_stored_talk_is_in_every_output)
            directive, indent = f"   .. paper:: {self.title}".rstrip(), "      "
        elif self.markup == "md":
            head = ["# Case", ""]
            directive, indent = f"```{{{self.kind}}} {self.title}".rstrip(), ""
        else:
            name = "paper" if self.kind == "paper-alone" else self.kind
            head, directive, indent = [], f".. {name}:: {self.title}".rstrip(), "   "
        lines = [*head, directive]
        where: dict[Where, int] = {None: len(lines)}
        for position, (name, value) in enumerate(self.options):
            lines.append(f"{indent}:{name}: {value}".rstrip())
            where.setdefault(name, len(lines))
            where[position] = len(lines)
        if self.body:
            lines += ["", *(f"{indent}{line}" if line else "" for line in self.body.splitlines())]
        if self.markup == "md":
            lines.append("```")
        if self.markup == "rst":
            lines = [f"Case {self.id}", "=" * (6 + len(self.id)), "", *lines]
            where = {key: line + 3 for key, line in where.items()}
        return "\n".join(lines) + "\n", where


def _wall(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=None) if moment else None


def talk(id: str, *options: Option, expect=(), stored=True, title=None, **kw) -> Row:
    if not any(name == "date" for name, _ in options) and stored:
        options = (("date", "2022-01-10 10:00"), *options)
    return Row(id, "talk", f"Talk {id}" if title is None else title, options, expect, stored, **kw)


def listing(id: str, *options: Option, expect=(), **kw) -> Row:
    return Row(id, "talks", "", options, expect, **kw)


def cloud(id: str, *options: Option, expect=(), **kw) -> Row:
    return Row(id, "speakers-cloud", "", options, expect, **kw)


def series(id: str, name: str, *options: Option, expect=(), **kw) -> Row:
    return Row(id, "series", name, options, expect, **kw)


def speaker(id: str, name: str, *options: Option, expect=(), **kw) -> Row:
    return Row(id, "speaker", name, options, expect, **kw)


def paper(id: str, title: str, *options: Option, expect=(), **kw) -> Row:
    return Row(id, "paper", title, options, expect, **kw)


ROWS: list[Row] = [
    # -- talk: title (the argument) ------------------------------------------------
    talk("title-empty", title="", expect=[("missing-title", None)],
         check=lambda t: t.title == "TBA"),
    talk("title-huge", title=HUGE, check=lambda t: t.title == HUGE),
    talk("title-rtl", title=RTL, check=lambda t: t.title == RTL),
    talk("title-combining", title=COMBINING, check=lambda t: t.title == COMBINING),
    talk("title-emoji", title=EMOJI, check=lambda t: t.title == EMOJI),
    talk("title-control", title=CONTROL, check=lambda t: "escape" in t.title),
    # -- date --------------------------------------------------------------------------
    talk("date-missing", stored=False, expect=[("missing-date", None)]),
    talk("date-empty", ("date", ""), stored=False, expect=[("missing-date", "date")]),
    talk("date-format", ("date", "32/05/2022"), stored=False, expect=[("bad-date", "date")]),
    talk("date-announced", ("date", "April 4, 2022 @ 4:00 pm"), ("end", "5:00 pm"),
         check=lambda t: (_wall(t.start), _wall(t.end)) == (dt.datetime(2022, 4, 4, 16),
                                                            dt.datetime(2022, 4, 4, 17))),
    talk("date-range", ("date", "April 4, 2022 @ 4:00 pm - 5:00 pm"),
         expect=[("bad-date", "date")],
         check=lambda t: (_wall(t.start), _wall(t.end)) == (dt.datetime(2022, 4, 4, 16),
                                                            dt.datetime(2022, 4, 4, 17))),
    talk("date-numeric", ("date", "30/05/2022 16:00"),
         check=lambda t: _wall(t.start) == dt.datetime(2022, 5, 30, 16)),
    talk("date-ambiguous", ("date", "04/05/2022 16:00"), ("end", "17:00"),
         expect=[("ambiguous-date", "date")],
         check=lambda t: _wall(t.start) == dt.datetime(2022, 4, 5, 16)),
    talk("date-words", ("date", "next Tuesday"), stored=False, expect=[("bad-date", "date")]),
    talk("date-day-range", ("date", "2022-02-30 14:00"), stored=False,
         expect=[("bad-date", "date")]),
    talk("date-hour-range", ("date", "2022-05-25 25:00"), stored=False,
         expect=[("bad-date", "date")]),
    talk("date-year-zero", ("date", "0000-01-01"), stored=False, expect=[("bad-date", "date")]),
    talk("date-huge", ("date", "2022-05-25 " + "9" * 100_000), stored=False,
         expect=[("bad-date", "date")]),
    talk("date-unicode-digits", ("date", "٢٠٢٢-٠٥-٢٥"), stored=False,
         expect=[("bad-date", "date")]),
    talk("date-duplicated", ("date", "2022-01-11 10:00"), ("date", "2022-01-12 10:00"),
         expect=[("bad-option-value", 1)], check=lambda t: t.start.day == 12),
    # -- end and duration -------------------------------------------------------------
    talk("end-empty", ("end", ""), expect=[("bad-date", "end")]),
    talk("end-format", ("end", "half past three"), expect=[("bad-date", "end")]),
    talk("end-hour-range", ("end", "25:00"), expect=[("bad-date", "end")]),
    talk("end-before-start", ("end", "09:00"), expect=[("end-before-start", "end")]),
    talk("end-date-for-time", ("end", "2022-01-11"), expect=[("bad-date", "end")]),
    talk("end-time-for-day", ("date", "2022-01-10"), ("end", "12:00"),
         expect=[("bad-date", "end")]),
    talk("duration-empty", ("duration", ""), expect=[("bad-duration", "duration")]),
    talk("duration-words", ("duration", "a while"), expect=[("bad-duration", "duration")]),
    talk("duration-zero", ("duration", "0min"), expect=[("bad-duration", "duration")]),
    talk("duration-negative", ("duration", "-1h"), expect=[("bad-duration", "duration")]),
    talk("duration-too-long", ("duration", "400 days"), expect=[("bad-duration", "duration")]),
    talk("duration-huge", ("duration", "9" * 100_000), expect=[("bad-duration", "duration")]),
    talk("end-and-duration", ("end", "11:00"), ("duration", "1h"),
         expect=[("conflicting-options", "duration")]),
    # -- timezone -----------------------------------------------------------------------
    talk("timezone-empty", ("timezone", ""), expect=[("bad-timezone", "timezone")]),
    talk("timezone-unknown", ("timezone", "Mars/Olympus"), expect=[("bad-timezone", "timezone")]),
    talk("timezone-path", ("timezone", "../../etc/passwd"), expect=[("bad-timezone", "timezone")]),
    talk("timezone-unicode", ("timezone", "Europe/Röme"), expect=[("bad-timezone", "timezone")]),
    talk("timezone-huge", ("timezone", "Europe/" + "x" * 100_000),
         expect=[("bad-timezone", "timezone")]),
    # -- speaker -------------------------------------------------------------------------
    talk("speaker-empty", ("speaker", ""), check=lambda t: t.speakers == ()),
    talk("speaker-unbalanced", ("speaker", "Ada Lovelace (Oxford"),
         expect=[("bad-speaker", "speaker")]),
    talk("speaker-no-name", ("speaker", "(Oxford)"), expect=[("bad-speaker", "speaker")]),
    talk("speaker-one-bad-of-two", ("speaker", "Ada (Oxford; Carl Gauss"),
         expect=[("bad-speaker", "speaker")]),
    talk("speaker-separators", ("speaker", ";;Ada Lovelace;;"),
         check=lambda t: [p.name for p in t.speakers] == ["Ada Lovelace"]),
    talk("speaker-rtl", ("speaker", f"{RTL} (جامعة)"),
         check=lambda t: t.speakers[0].affiliation == "جامعة"),
    talk("speaker-duplicated", ("speaker", "Ada"), ("speaker", "Carl"),
         expect=[("bad-option-value", 2)],
         check=lambda t: [p.name for p in t.speakers] == ["Carl"]),
    # -- status, id --------------------------------------------------------------------
    talk("status-empty", ("status", ""), expect=[("bad-option-value", "status")]),
    talk("status-unknown", ("status", "maybe"), expect=[("bad-option-value", "status")]),
    talk("status-zero-width", ("status", "cancelled\u200b"),
         expect=[("bad-option-value", "status")]),
    talk("status-case", ("status", "CANCELLED"), check=lambda t: t.status.value == "cancelled"),
    talk("kind-unknown", ("kind", "party"), expect=[("bad-option-value", "kind")],
         check=lambda t: t.kind == ""),
    talk("kind-case", ("kind", "Mini Course"), check=lambda t: t.kind == "mini-course"),
    talk("language-bad", ("language", "english!"), expect=[("bad-language", "language")],
         check=lambda t: t.language == ""),
    talk("language-underscore", ("language", "pt_br"), check=lambda t: t.language == "pt-BR"),
    talk("audience-unknown", ("audience", "all"), expect=[("bad-option-value", "audience")]),
    talk("tags-empty", ("tags", ""), expect=[("empty-tag", "tags")],
         check=lambda t: t.tags == ()),
    talk("tags-hostile", ("tags", "<script>x</script>, a]]>b"),
         check=lambda t: t.tags == ("<script>x</script>", "a]]>b")),
    talk("id-spaces", ("id", "has spaces"), expect=[("bad-id", "id")],
         check=lambda t: t.id == "cases/id-spaces"),
    talk("id-leading-dash", ("id", "-dash"), expect=[("bad-id", "id")]),
    talk("id-unicode", ("id", "tälk"), expect=[("bad-id", "id")]),
    talk("id-huge", ("id", "x" * 300), expect=[("bad-id", "id")]),
    # The first in document order keeps an id: "cases/arxiv-empty" comes before this row.
    talk("id-duplicate", ("date", "2022-01-10 10:00"), ("id", "cases/arxiv-empty"),
         stored=False, expect=[("duplicate-id", None)]),
    # -- links ----------------------------------------------------------------------
    talk("online-words", ("online", "the usual room"), expect=[("bad-link", "online")]),
    talk("online-no-host", ("online", "https://"), expect=[("bad-link", "online")]),
    talk("online-ftp", ("online", "ftp://example.org/x"), expect=[("unsafe-link", "online")]),
    talk("online-javascript", ("online", "JaVaScRiPt:alert(1)"),
         expect=[("unsafe-link", "online")]),
    talk("online-local", ("online", "room.html"), expect=[("bad-link", "online")]),
    talk("online-idn", ("online", "https://пример.рф/семинар"),
         check=lambda t: t.online == "https://пример.рф/семинар"),
    talk("slides-data", ("slides", "data:text/html,x"), expect=[("unsafe-link", "slides")]),
    talk("slides-absolute-path", ("slides", "/etc/passwd"), expect=[("bad-link", "slides")]),
    talk("pdf-parent", ("pdf", "../../secret.pdf"), expect=[("bad-link", "pdf")]),
    talk("video-protocol-relative", ("video", "//evil.example.org/v"),
         expect=[("unsafe-link", "video")]),
    talk("code-one-bad-of-two", ("code", "https://example.org/ok javascript:x"),
         expect=[("unsafe-link", "code")], check=lambda t: len(t.links) == 1),
    talk("url-huge", ("url", "https://example.org/" + "a" * 100_000),
         check=lambda t: len(t.links[0].target) > 100_000),
    talk("arxiv-short", ("arxiv", "12345"), expect=[("bad-arxiv", "arxiv")]),
    talk("arxiv-unicode", ("arxiv", "２００３.００３０７"), expect=[("bad-arxiv", "arxiv")]),
    talk("arxiv-two-one-bad", ("arxiv", "2003.00307, nope"), expect=[("bad-arxiv", "arxiv")],
         check=lambda t: [link.ident for link in t.links] == ["2003.00307"]),
    talk("doi-wrong-prefix", ("doi", "11.1000/x"), expect=[("bad-doi", "doi")]),
    talk("doi-quote", ("doi", '10.1000/x"y'), expect=[("bad-doi", "doi")]),
    talk("arxiv-empty", ("arxiv", ""), check=lambda t: t.links == ()),
    # -- other options and unknown ones -------------------------------------------------
    talk("location-huge", ("location", HUGE), check=lambda t: t.location == HUGE),
    talk("location-control", ("location", CONTROL), check=lambda t: "vertical" in t.location),
    talk("series-emoji", ("series", EMOJI), check=lambda t: t.series == EMOJI),
    talk("event-rtl", ("event", RTL), check=lambda t: t.event == RTL),
    talk("joint-with-unbalanced", ("joint-with", "Ada (UCL; Carl"),
         check=lambda t: t.joint_with == ("Ada (UCL; Carl",)),
    talk("bio-option-control", ("bio", CONTROL), check=lambda t: "vertical" in t.bio),
    talk("tags-repeated", ("tags", "a, a, , b,"), expect=[("empty-tag", "tags")],
         check=lambda t: t.tags == ("a", "b")),
    talk("option-typo", ("speakr", "Ada"), expect=[("bad-option-value", "speakr")]),
    talk("option-unicode-name", ("dаte", "2022-01-10 10:00"),
         expect=[("bad-option-value", "dаte")]),  # Cyrillic а
    # -- MyST -------------------------------------------------------------------------
    talk("md-date", ("date", "2022-13-01 10:00"), markup="md", stored=False,
         expect=[("bad-date", "date")]),
    talk("md-status", ("status", "maybe"), ("timezone", "Nowhere/Never"), markup="md",
         expect=[("bad-option-value", "status"), ("bad-timezone", "timezone")]),
    talk("md-duplicated", ("date", "2022-01-11 10:00"), ("date", "2022-01-12 10:00"),
         markup="md", expect=[("bad-option-value", 1)], check=lambda t: t.start.day == 12),
    # -- talks listings ------------------------------------------------------------------
    listing("listing-limit-negative", ("limit", "-3"), expect=[("bad-listing", "limit")]),
    listing("listing-limit-zero", ("limit", "0"), expect=[("bad-listing", "limit")]),
    listing("listing-limit-words", ("limit", "ten"), expect=[("bad-listing", "limit")]),
    listing("listing-limit-empty", ("limit", ""), expect=[("bad-listing", "limit")]),
    listing("listing-limit-huge", ("limit", "9" * 4000)),
    listing("listing-feed-slash", ("feed", "a/b"), expect=[("bad-feed", "feed")]),
    listing("listing-feed-parent", ("feed", "../../etc/x"), expect=[("bad-feed", "feed")]),
    listing("listing-feed-empty", ("feed", ""), expect=[("bad-feed", "feed")]),
    listing("listing-kind-unknown", ("kind", "party"), expect=[("bad-option-value", "kind")]),
    listing("listing-language-bad", ("language", "english!"),
            expect=[("bad-language", "language")]),
    listing("listing-year-words", ("year", "twenty"), expect=[("bad-listing", "year")]),
    listing("listing-year-zero", ("year", "0"), expect=[("bad-listing", "year")]),
    listing("listing-year-backwards", ("year", "2022-2019"), expect=[("bad-listing", "year")]),
    listing("listing-year-span", ("year", "1-9999"), expect=[("bad-listing", "year")]),
    listing("listing-year-huge", ("year", "9" * 5000), expect=[("bad-listing", "year")]),
    listing("listing-from-words", ("from", "yesterday"), expect=[("bad-listing", "from")]),
    listing("listing-from-month", ("from", "2022-13-01"), expect=[("bad-listing", "from")]),
    listing("listing-until-empty", ("until", ""), expect=[("bad-listing", "until")]),
    listing("listing-when", ("when", "later"), expect=[("bad-listing", "when")]),
    listing("listing-status", ("status", "scheduled, maybe"), expect=[("bad-listing", "status")]),
    listing("listing-sort", ("sort", "random"), expect=[("bad-listing", "sort")]),
    listing("listing-group-by", ("group-by", "week"), expect=[("bad-listing", "group-by")]),
    listing("listing-format", ("format", "grid"), expect=[("bad-listing", "format")]),
    listing("listing-format-homoglyph", ("format", "lіst"), expect=[("bad-listing", "format")]),
    listing("listing-show-field", ("show", "date, colour"), expect=[("bad-listing", "show")]),
    listing("listing-show-zero", ("show", "abstract:0"), expect=[("bad-listing", "show")]),
    listing("listing-series-unknown", ("series", "Nope"), expect=[("unknown-series", "series")]),
    listing("listing-series-emoji", ("series", "Nope 🎲"), expect=[("unknown-series", "series")]),
    listing("listing-event-unknown", ("event", "Nowhere"), expect=[("unknown-event", "event")]),
    listing("listing-speaker-huge", ("speaker", HUGE)),
    listing("listing-tags-empty-words", ("tags", " , ,, ")),
    listing("listing-unknown-option", ("colour", "red"), expect=[("bad-listing", "colour")]),
    listing("listing-duplicated", ("limit", "2"), ("limit", "3"), expect=[("bad-listing", 1)]),
    listing("listing-md", ("limit", "-1"), ("when", "soon"), markup="md",
            expect=[("bad-listing", "limit"), ("bad-listing", "when")]),
    # -- speakers clouds -----------------------------------------------------------------
    cloud("cloud-since-words", ("since", "last year"), expect=[("bad-listing", "since")]),
    cloud("cloud-since-empty", ("since", ""), expect=[("bad-listing", "since")]),
    cloud("cloud-since-huge", ("since", "9" * 5000), expect=[("bad-listing", "since")]),
    cloud("cloud-series-unknown", ("series", "Nope"), expect=[("unknown-series", "series")]),
    cloud("cloud-unknown-option", ("size", "big"), expect=[("bad-listing", "size")]),
    cloud("cloud-duplicated", ("since", "2020"), ("since", "2021"),
          expect=[("bad-listing", 1)]),
    # -- series -----------------------------------------------------------------------------
    series("series-timezone", "Zone Seminar", ("timezone", "Mars/Olympus"),
           expect=[("bad-timezone", "timezone")]),
    series("series-online-unsafe", "Unsafe Seminar", ("online", "javascript:alert(1)"),
           expect=[("unsafe-link", "online")]),
    series("series-online-words", "Words Seminar", ("online", "the usual room"),
           expect=[("bad-link", "online")]),
    series("series-unknown-option", "Typo Seminar", ("timezon", "UTC"),
           expect=[("bad-option-value", "timezon")]),
    series("series-first", "Twice Seminar", ("location", HUGE), ("schedule", EMOJI),
           ("organisers", "Ada (UCL; ;")),
    series("series-twice", "Twice Seminar", expect=[("duplicate-series", None)]),
    series("series-hide-value", "Hide Seminar", ("hide-online-after", "maybe"),
           expect=[("bad-option-value", "hide-online-after")]),
    series("series-hide-yes", "Hide Yes Seminar", ("hide-online-after", "yes")),
    series("series-no-name", "", expect=[("missing-title", None)]),
    # -- papers, bio -----------------------------------------------------------------------
    paper("paper-no-title", "", expect=[("missing-title", None)]),
    paper("paper-arxiv", "P", ("arxiv", "nope"), expect=[("bad-arxiv", "arxiv")]),
    paper("paper-doi", "P", ("doi", "10.x/y"), expect=[("bad-doi", "doi")]),
    paper("paper-url-unsafe", "P", ("url", "javascript:alert(1)"),
          expect=[("unsafe-link", "url")]),
    paper("paper-pdf-local", "P", ("pdf", "paper.pdf"), expect=[("bad-link", "pdf")]),
    paper("paper-unknown-option", "P", ("journal", "X"),
          expect=[("bad-option-value", "journal")]),
    paper("paper-title-huge", HUGE),
    paper("paper-fields", "P", ("authors", ";;"), ("year", "MMXX"), ("venue", RTL)),
    Row("paper-alone", "paper-alone", "Lonely paper", expected=(("misplaced", None),)),
    Row("bio-alone", "bio", body="About nobody.", expected=(("misplaced", None),)),
    # -- speaker profiles, organisers ------------------------------------------------------
    speaker("profile-orcid", "Pat One", ("orcid", "0000-0002-1825-0098"),
            expect=[("bad-profile", "orcid")]),
    speaker("profile-orcid-shape", "Pat Two", ("orcid", "orcid.org/12"),
            expect=[("bad-profile", "orcid")]),
    speaker("profile-photo-outside", "Pat Three", ("photo", "../../../etc/passwd"),
            expect=[("bad-profile", "photo")]),
    speaker("profile-photo-unsafe", "Pat Four", ("photo", "javascript:alert(1)"),
            expect=[("bad-profile", "photo")]),
    speaker("profile-homepage", "Pat Five", ("homepage", "javascript:alert(1)"),
            expect=[("bad-profile", "homepage")]),
    speaker("profile-unknown-option", "Pat Six", ("affiliaton", "X"),
            expect=[("bad-option-value", "affiliaton")]),
    speaker("profile-huge", HUGE, ("affiliation", RTL), ("pronouns", CONTROL), body=HUGE),
    speaker("profile-no-name", "", body="A bio of nobody.", expect=[("bad-profile", None)]),
    speaker("profile-md", "Pat Seven", ("orcid", "0000-0002-1825-0098"), markup="md",
            expect=[("bad-profile", "orcid")]),
    speaker("profile-twice-a", "Pat Twice", ("pronouns", "they/them")),
    speaker("profile-twice-b", "Pat Twice", expect=[("duplicate-profile", None)]),
    series("series-organiser-email", "Mail Seminar", ("organisers", "Nobody <nope>; Ada <>"),
           expect=[("bad-organiser", "organisers"), ("bad-organiser", "organisers")]),

    # -- online access, media ---------------------------------------------------------------
    talk("online-mode-bad", ("online-mode", "hybrid"), expect=[("bad-option-value", "online-mode")],
         check=lambda t: t.online_mode == ""),
    talk("online-mode-md", ("online-mode", "Livestream"), markup="md",
         check=lambda t: t.online_mode == "livestream"),
    talk("registration-unsafe", ("registration", "javascript:alert(1)"),
         expect=[("unsafe-link", "registration")], check=lambda t: t.registration == ""),
    talk("registration-email", ("registration", "a@b.org"), ("registration-deadline", "2022-01-08"),
         check=lambda t: (t.registration, t.registration_deadline) == ("mailto:a@b.org", "2022-01-08")),
    talk("deadline-bad", ("registration", "https://r.example.org"),
         ("registration-deadline", "soon"), expect=[("bad-date", "registration-deadline")]),
    talk("deadline-alone", ("registration-deadline", "2022-01-08"),
         expect=[("conflicting-options", "registration-deadline")]),
    talk("passcode-control", ("passcode", CONTROL), check=lambda t: "escape" in t.passcode),
    talk("image-unsafe", ("image", "data:image/svg+xml,<svg onload=alert(1)>"),
         expect=[("unsafe-link", "image")], check=lambda t: t.image is None),
    talk("image-not-image", ("image", "notes.txt"), expect=[("bad-media", "image")]),
    talk("image-outside", ("image", "../../etc/passwd.png"), expect=[("bad-link", "image")]),
    talk("recording-unsafe", ("recording", "javascript:alert(1)"),
         expect=[("unsafe-link", "recording")]),
    talk("summary-huge", ("summary", HUGE), check=lambda t: t.summary == HUGE),
    talk("location-near-venue", ("location", "Catalogue-Room"),
         expect=[("near-venue", None)], check=lambda t: t.location == "Catalogue-Room"),
    talk("location-venue", ("location", "catalogue-room"),
         check=lambda t: t.location.startswith("Room 1,")),
    # -- venues -------------------------------------------------------------------------------
    Row("venue-bad-values", "venue", "bad-values",
        (("name", "Bad"), ("coordinates", "91, 0"), ("map", "javascript:alert(1)"),
         ("phone", "call me")),
        (("bad-venue", "coordinates"), ("unsafe-link", "map"), ("bad-venue", "phone"))),
    Row("venue-unknown-option", "venue", "typo", (("name", "T"), ("adress", "Via Roma 1")),
        (("bad-venue", "adress"),)),
    Row("venue-empty", "venue", "empty", expected=(("bad-venue", None),)),
    Row("venue-bad-key", "venue", "a key!", (("name", "X"),), (("bad-venue", None),)),
    Row("venue-no-key", "venue", "", (("name", "X"),), (("bad-venue", None),)),
    Row("venue-md", "venue", "md-venue", (("name", "M"), ("coordinates", "44.4 8.9")),
        (("bad-venue", "coordinates"),), markup="md"),
    Row("venue-first", "venue", "twice", (("name", "First"),)),
    Row("venue-twice", "venue", "twice", (("name", "Second"),), (("bad-venue", None),)),
]  # fmt: skip

TALK_ROWS = [row for row in ROWS if row.kind == "talk"]


def params(rows: list[Row], *, output: bool = False) -> list[object]:
    """Rows as test parameters; known bugs strictly expected to fail."""
    return [
        pytest.param(row, id=row.id, marks=[pytest.mark.xfail(strict=True, reason=row.xfail)])
        if row.xfail and (row.xfail_output or not output)
        else pytest.param(row, id=row.id)
        for row in rows
    ]


# -- the one build ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    src = tmp_path_factory.mktemp("catalogue") / "src"
    shutil.copytree(ROOT, src)
    (src / "cases").mkdir()
    for row in ROWS:
        (src / row.filename).write_text(row.source()[0], encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def located(site: SphinxTestApp) -> dict[str, list[tuple[str, int]]]:
    """(type, line) of every warning, by the file it is located in (relative to srcdir)."""
    found: dict[str, list[tuple[str, int]]] = {}
    for warning in warnings_of(site):
        path = Path(warning["location"])
        name = path.relative_to(site.srcdir).as_posix() if path.is_absolute() else path.name
        found.setdefault(name, []).append((warning["type"], int(warning["line"] or 0)))
    return found


@pytest.fixture(scope="module")
def listed(site: SphinxTestApp) -> list[str]:
    page = BeautifulSoup(Path(site.outdir, "index.html").read_text("utf-8"), "html5lib")
    return [row["data-seminars-talk-id"] for row in page.select(".seminars-item")]


def talks_of(site: SphinxTestApp, row: Row) -> list[Talk]:
    docname = row.filename.rsplit(".", 1)[0]
    return [talk for talk in get_domain(site.env).talks.values() if talk.docname == docname]


# -- per row ---------------------------------------------------------------------------


def test_rows_have_unique_ids_and_known_subtypes() -> None:
    from sphinxext.seminars.core.subtypes import Subtype

    assert len({row.id for row in ROWS}) == len(ROWS)
    assert {s for row in ROWS for s, _ in row.expected} <= {s.value for s in Subtype}
    assert len(HUGE.encode()) >= 99_000


@pytest.mark.parametrize("row", params(ROWS))
def test_each_row_warns_exactly_as_expected(
    row: Row, located: dict[str, list[tuple[str, int]]]
) -> None:
    where = row.source()[1]
    expected = sorted((f"seminars.{subtype}", where[at]) for subtype, at in row.expected)
    assert sorted(located.get(row.filename, [])) == expected


@pytest.mark.parametrize("row", params(TALK_ROWS, output=True))
def test_each_talk_is_stored_and_listed_when_it_has_a_date(
    row: Row, site: SphinxTestApp, listed: list[str]
) -> None:
    talks = talks_of(site, row)
    assert len(talks) == (1 if row.stored else 0)
    for talk in talks:
        assert talk.id in listed
        if row.check is not None:
            assert row.check(talk), talk


@pytest.mark.parametrize(
    "row", params([row for row in ROWS if row.kind in ("talks", "speakers-cloud")], output=True)
)
def test_each_listing_and_cloud_still_renders(row: Row, site: SphinxTestApp) -> None:
    page = BeautifulSoup(
        Path(site.outdir, row.filename.rsplit(".", 1)[0] + ".html").read_text("utf-8"), "html5lib"
    )
    if row.kind == "talks":
        (listing_div,) = page.select("div.seminars-listing")
        assert listing_div.select(".seminars-item") or listing_div.select(".seminars-empty")
    else:
        assert page.select("ul.seminars-cloud li") or page.select("p.seminars-cloud-empty")


# -- dates at the ends of the calendar (each crashes a build of its own) ---------------


@pytest.mark.parametrize(
    "date",
    [
        "9999-12-31 23:30",
        "9999-12-31",
        "0001-01-01T00:30:00+05:00",
        "0001-06-01 10:00",
    ],
)
def test_dates_at_the_ends_of_the_calendar_do_not_crash(tmp_path: Path, date: str) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxext.seminars"]\nseminars_timezone = "Europe/Rome"\n'
        'html_baseurl = "https://x.example.org/"\n'
    )
    (tmp_path / "index.rst").write_text(f"Home\n====\n\n.. talk:: Edge\n   :date: {date}\n")
    app = SphinxTestApp("html", srcdir=tmp_path, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    stored = list(get_domain(app.env).talks)
    warned = [(w["type"], w["line"]) for w in warnings_of(app)]
    assert stored == ["index"] or warned == [("seminars.bad-date", "5")]


def test_long_names_do_not_break_generated_files(tmp_path: Path) -> None:
    name = " ".join(["word"] * 60)
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxext.seminars"]\nhtml_baseurl = "https://x.example.org/"\n'
    )
    (tmp_path / "index.rst").write_text(
        f"Home\n====\n\n.. talk:: Long\n   :date: 2022-01-01 10:00\n   :series: S {name}\n"
        f"   :event: E {name}\n   :speaker: P {name}\n"
    )
    app = SphinxTestApp("html", srcdir=tmp_path, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    page = BeautifulSoup(Path(app.outdir, "index.html").read_text("utf-8"), "html5lib")
    links = [a["href"] for a in page.select("a.reference.internal[href^='seminars/']")]
    assert len(links) == 3
    for href in links:
        assert Path(app.outdir, href.split("#")[0]).is_file()


# -- the whole site ---------------------------------------------------------------------


def test_no_traceback_and_no_warning_outside_the_table(
    site: SphinxTestApp, located: dict[str, list[tuple[str, int]]]
) -> None:
    raw = site.warning.getvalue()
    assert "Traceback" not in raw and "Exception occurred" not in raw
    table = {row.filename for row in ROWS}
    assert {name: w for name, w in located.items() if name not in table} == {}


def test_every_stored_talk_is_in_every_output(site: SphinxTestApp, listed: list[str]) -> None:
    stored = set(get_domain(site.env).talks)
    assert VALID <= stored
    # The valid talks, every talk row with a date (but those a known bug drops), paper hosts.
    assert len(stored) == 3 + sum(row.stored and not row.xfail_output for row in TALK_ROWS) + len(
        [row for row in ROWS if row.kind == "paper"]
    )
    assert set(listed) == stored
    data = json.loads(Path(site.outdir, "seminars", "talks.json").read_bytes())
    assert {talk["id"] for talk in data["talks"]} == stored
    calendar = icalendar.Calendar.from_ical(
        Path(site.outdir, "seminars", "talks.ics").read_bytes()
    )
    assert {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")} == stored
    # The valid talks render whole on their page.
    page = BeautifulSoup(Path(site.outdir, "valid.html").read_text("utf-8"), "html5lib")
    ids = [a["data-seminars-talk-id"] for a in page.select("article.seminars-talk")]
    assert ids == ["valid-1", "valid-2", "valid-3"]
