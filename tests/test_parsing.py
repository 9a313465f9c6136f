"""The pure model: option parsers and talk resolution (no Sphinx involved)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxext.seminars.core.model import (
    Link,
    LinkKind,
    Person,
    Series,
    SpeakerKeys,
    fold,
    resolve_talk,
    slugify,
    surname_key,
)
from sphinxext.seminars.core.parsing import (
    InvalidValue,
    build_talk,
    parse_arxiv,
    parse_doi,
    parse_duration,
    parse_end,
    parse_id,
    parse_person,
    parse_speakers,
    parse_start,
    parse_status,
    parse_timezone,
    parse_url,
    parse_words,
)

PERSONS = [
    ("Enrico Malatesta (Bocconi)", Person("Enrico Malatesta", "Bocconi")),
    (
        "Ada Lovelace (University of London (UCL))",
        Person("Ada Lovelace", "University of London (UCL)"),
    ),
    ("Lenka Zdeborová", Person("Lenka Zdeborová", "")),
    ("  Johannes   Maly  (KU Eichstätt) ", Person("Johannes Maly", "KU Eichstätt")),
    ("TBA", Person("TBA", "")),
]


@pytest.mark.parametrize(("text", "expected"), PERSONS)
def test_person(text, expected):
    assert parse_person(text) == expected


@pytest.mark.parametrize("text", ["", "Ada (Oxford", "(Oxford)", "Ada ((Oxford)"])
def test_bad_person(text):
    with pytest.raises(InvalidValue) as error:
        parse_person(text)
    assert error.value.subtype == "bad-speaker"


def test_speakers_split_on_semicolons_outside_parentheses():
    assert parse_speakers("A (X; Y); B (Z)") == (Person("A", "X; Y"), Person("B", "Z"))


@pytest.mark.parametrize(
    ("text", "expected", "all_day"),
    [
        ("2022-05-25", dt.datetime(2022, 5, 25), True),
        ("2022-05-25 14:00", dt.datetime(2022, 5, 25, 14), False),
        ("2022-05-25T14:00", dt.datetime(2022, 5, 25, 14), False),
        (
            "2024-04-09T13:30:00-07:00",
            dt.datetime(2024, 4, 9, 13, 30, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
            False,
        ),
        ("2024-04-09T13:30Z", dt.datetime(2024, 4, 9, 13, 30, tzinfo=dt.UTC), False),
    ],
)
def test_start(text, expected, all_day):
    assert parse_start(text) == (expected, all_day)


@pytest.mark.parametrize("text", ["32/05/2022", "2022-13-01", "tomorrow", "2022-05-25 25:00", ""])
def test_bad_start(text):
    with pytest.raises(InvalidValue) as error:
        parse_start(text)
    assert error.value.subtype == "bad-date"


def test_end_forms():
    start = dt.datetime(2022, 5, 25, 14)
    assert parse_end("15:30", start, False) == dt.datetime(2022, 5, 25, 15, 30)
    assert parse_end("2022-05-26 10:00", start, False) == dt.datetime(2022, 5, 26, 10)
    # All-day ends are exclusive, as in iCalendar.
    assert parse_end("2022-05-27", dt.datetime(2022, 5, 25), True) == dt.datetime(2022, 5, 28)
    with pytest.raises(InvalidValue):
        parse_end("15:00", dt.datetime(2022, 5, 25), True)
    with pytest.raises(InvalidValue):
        parse_end("2022-05-26", start, False)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("1h", 60), ("90min", 90), ("1h30", 90), ("1h 30min", 90), ("45", 45), ("2 days", 2880)],
)
def test_duration(text, minutes):
    assert parse_duration(text) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "0", "soon", "-1h", "1h30x", "9999 days"])
def test_bad_duration(text):
    with pytest.raises(InvalidValue):
        parse_duration(text)


def test_timezone_and_status():
    assert parse_timezone(" Europe/Rome ") == "Europe/Rome"
    assert parse_timezone("utc") == "UTC"
    for bad in ["Mars/Olympus", "../etc/passwd", ""]:
        with pytest.raises(InvalidValue):
            parse_timezone(bad)
    assert parse_status("Cancelled").value == "cancelled"
    assert parse_status("canceled").value == "cancelled"
    with pytest.raises(InvalidValue) as error:
        parse_status("maybe")
    assert error.value.subtype == "bad-option-value"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.org/a?b=c", Link(LinkKind.URL, "https://example.org/a?b=c")),
        ("mailto:ada@example.org", Link(LinkKind.URL, "mailto:ada@example.org")),
        ("slides/pres.pdf", Link(LinkKind.URL, "slides/pres.pdf", local=True)),
    ],
)
def test_safe_urls(text, expected):
    assert parse_url(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example.org/x",
        "file:///etc/passwd",
    ],
)
def test_unsafe_urls(text):
    with pytest.raises(InvalidValue) as error:
        parse_url(text)
    assert error.value.subtype == "unsafe-link"


@pytest.mark.parametrize("text", ["../secret.pdf", "/etc/passwd", "https://", "http:///x"])
def test_bad_urls(text):
    with pytest.raises(InvalidValue) as error:
        parse_url(text)
    assert error.value.subtype == "bad-link"


def test_arxiv_and_doi():
    assert parse_arxiv("2003.00307").target == "https://arxiv.org/abs/2003.00307"
    assert parse_arxiv("arXiv:2003.00307v2").ident == "2003.00307v2"
    assert parse_arxiv("https://arxiv.org/abs/math/0211159").ident == "math/0211159"
    assert parse_doi("doi:10.1103/PhysRevX.9.011003").target == (
        "https://doi.org/10.1103/PhysRevX.9.011003"
    )
    for bad in ["2003", "javascript:alert(1)", "abs/2003.00307"]:
        with pytest.raises(InvalidValue) as error:
            parse_arxiv(bad)
        assert error.value.subtype == "bad-arxiv"
    for bad in ["10.1/x", "http://example.org", '10.1234/x"onmouseover=1']:
        with pytest.raises(InvalidValue) as error:
            parse_doi(bad)
        assert error.value.subtype == "bad-doi"


def test_ids_and_words():
    assert parse_id("malatesta-2022") == "malatesta-2022"
    for bad in ["", "-x", "a b", "<script>", "x" * 201]:
        with pytest.raises(InvalidValue):
            parse_id(bad)
    assert parse_words("ml, optimization, ml,, ") == ("ml", "optimization")


def test_names_fold_accents_and_case():
    assert fold("Zdeborová") == fold("ZDEBOROVA")
    assert slugify("Lenka Zdeborová") == "lenka-zdeborova"
    assert len(slugify("<>")) == 8  # nothing left to read: a hash of the text
    assert slugify("张伟") != slugify("Иван Иванов")
    keys = SpeakerKeys({"Lenka Zdeborova": "Lenka Zdeborová"})
    assert keys("lenka zdeborova") == keys("Lenka Zdeborová")
    assert keys.canonical("Lenka Zdeborova") == "Lenka Zdeborová"
    assert sorted(["Zoe Adams", "Adam Zed"], key=surname_key) == ["Zoe Adams", "Adam Zed"]
    assert surname_key("Anna Paola Todino", "Todino") == ("todino", "anna paola todino")


def _talk(**options):
    talk, problems = build_talk(
        options.pop("title", "T"),
        options,
        docname="d",
        lineno=1,
        talk_id="d",
        anchor="talk-d",
    )
    return talk, problems


def test_build_talk_keeps_what_is_valid():
    talk, problems = _talk(
        date="2022-05-25 14:00",
        end="13:00",
        status="maybe",
        online="javascript:alert(1)",
        timezone="Nowhere/Land",
        speaker="Ada (Oxford; Bob (Cam)",
        slides="javascript:x https://example.org/s.pdf",
    )
    assert talk is not None
    assert sorted(p.subtype for p in problems) == sorted(
        [
            "end-before-start",
            "bad-option-value",
            "unsafe-link",
            "bad-timezone",
            "bad-speaker",
            "unsafe-link",
        ]
    )
    assert talk.online == "" and talk.end is None and talk.timezone is None
    assert [link.target for link in talk.links] == ["https://example.org/s.pdf"]
    assert [p.option for p in problems if p.subtype == "bad-timezone"] == ["timezone"]


def test_build_talk_needs_a_date():
    talk, problems = _talk()
    assert talk is None and [p.subtype for p in problems] == ["missing-date"]
    talk, problems = _talk(title="", date="2022-01-01")
    assert talk is not None and talk.title == "TBA"
    assert [p.subtype for p in problems] == ["missing-title"]


def test_resolution_uses_talk_then_series_then_site_zone():
    talk, _ = _talk(date="2022-07-01 14:00")
    rome = Series("S", timezone="Europe/Rome", location="Sala", online="https://meet.example.org")
    resolved = resolve_talk(talk, rome, "UTC", dt.timedelta(hours=1))
    assert resolved.start.astimezone(dt.UTC).hour == 12
    assert resolved.location == "Sala" and resolved.online == "https://meet.example.org"
    winter, _ = _talk(date="2022-01-10 14:00", timezone="Europe/Rome")
    resolved = resolve_talk(winter, None, "UTC", dt.timedelta(hours=1))
    assert resolved.start.astimezone(dt.UTC).hour == 13
    assert resolved.end - resolved.start == dt.timedelta(hours=1)


def test_an_offset_in_the_date_wins_and_is_kept():
    talk, _ = _talk(date="2024-04-09T13:30:00-07:00", end="2024-04-09T15:00:00-07:00")
    resolved = resolve_talk(talk, None, "Europe/Rome", dt.timedelta(hours=1))
    assert resolved.timezone == "UTC-07:00"
    assert resolved.start.isoformat() == "2024-04-09T13:30:00-07:00"
    # A zone that agrees with the offset is kept as the talk's zone.
    talk, _ = _talk(date="2024-04-09T13:30:00-07:00", timezone="America/Los_Angeles")
    resolved = resolve_talk(talk, None, "UTC", dt.timedelta(hours=1))
    assert resolved.timezone == "America/Los_Angeles" and resolved.start.tzname() == "PDT"


def test_all_day_talks_span_calendar_days():
    talk, _ = _talk(date="2015-03-03", end="2015-03-04")
    resolved = resolve_talk(talk, None, "Europe/Rome", dt.timedelta(hours=1))
    assert resolved.all_day and resolved.multi_day
    assert resolved.last_day == dt.date(2015, 3, 4)


# -- properties: arbitrary text raises nothing but the model's own error ------

PARSERS = [
    parse_person,
    parse_speakers,
    parse_start,
    parse_duration,
    parse_timezone,
    parse_status,
    parse_id,
    parse_url,
    parse_arxiv,
    parse_doi,
    parse_words,
]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_parsers_raise_only_invalid_value(parser, text):
    try:
        parser(text)
    except InvalidValue:
        pass


@settings(max_examples=300, deadline=None)
@given(
    options=st.dictionaries(
        st.sampled_from(
            [
                "date",
                "end",
                "duration",
                "timezone",
                "speaker",
                "status",
                "online",
                "slides",
                "arxiv",
                "doi",
                "tags",
                "joint-with",
                "location",
            ]
        ),
        st.text(max_size=40),
    ),
    title=st.text(max_size=40),
)
def test_build_talk_never_raises(options, title):
    talk, problems = build_talk(title, options, docname="d", lineno=1, talk_id="d", anchor="a")
    if talk is not None:
        resolve_talk(talk, None, "Europe/Rome", dt.timedelta(hours=1))
    assert all(p.subtype for p in problems)


@settings(max_examples=200, deadline=None)
@given(date=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)))
def test_start_round_trips(date):
    value, all_day = parse_start(date.isoformat(sep=" "))
    assert value == date and not all_day


def test_years_outside_the_archive_range_are_bad_dates():
    for text in ["9999-12-31 23:30", "0001-01-01T00:30:00+05:00", "0999-12-31"]:
        with pytest.raises(InvalidValue) as error:
            parse_start(text)
        assert error.value.subtype == "bad-date"


def test_control_characters_leave_names_and_tags():
    assert parse_person("Ada\x01 Lovelace (Ox\x1bford)") == Person("Ada Lovelace", "Oxford")
    assert parse_words("one\r\nBEGIN:VEVENT, two\x01") == ("one BEGIN:VEVENT", "two")
    # Joiners and bidi marks are kept: emoji sequences and RTL names need them.
    assert parse_person("Dice 👩\u200d🔬").name == "Dice 👩\u200d🔬"


def test_long_names_give_bounded_distinct_slugs():
    first, second = slugify("a " * 200 + "x"), slugify("a " * 200 + "y")
    assert len(first) <= 80 and len(second) <= 80 and first != second


def test_an_end_before_the_start_across_offsets_is_dropped():
    talk, problems = _talk(date="2022-05-25 14:00", end="2022-05-25T10:00+09:00")
    assert problems == []  # the order is only known once the talk's zone is
    resolved = resolve_talk(talk, None, "UTC", dt.timedelta(hours=1))
    assert resolved.end_dropped and resolved.end - resolved.start == dt.timedelta(hours=1)


def test_latin_letters_without_decomposition_fold_too():
    assert slugify("Søren Kierkegaard") == "soren-kierkegaard"
    assert slugify("Łukasz Kowalski") == "lukasz-kowalski"
    assert fold("Æsir") == fold("aesir")


def test_times_of_one_instant_in_two_zones_format_apart():
    from zoneinfo import ZoneInfo

    from sphinxext.seminars.core.dates import clock

    rome = dt.datetime(2022, 5, 25, 14, 0, tzinfo=ZoneInfo("Europe/Rome"))
    assert clock(rome, "it") == "14:00"
    assert clock(rome.astimezone(dt.UTC), "it") == "12:00"
