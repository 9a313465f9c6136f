"""The shared date/time reader: the forms announcements use, hints, and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxext.seminars.core.datetimes import (
    MAX_LENGTH,
    DateTimeError,
    default_order,
    read_datetime,
    read_end,
    read_span,
    read_time,
)

UTC = dt.UTC
MINUS_7 = dt.timezone(dt.timedelta(hours=-7))


@pytest.mark.parametrize(
    ("text", "locale", "expected", "all_day"),
    [
        ("2022-05-25", None, dt.datetime(2022, 5, 25), True),
        ("2022-05-25 14:00", None, dt.datetime(2022, 5, 25, 14), False),
        (
            "2024-04-09T13:30:00-07:00",
            None,
            dt.datetime(2024, 4, 9, 13, 30, tzinfo=MINUS_7),
            False,
        ),
        ("April 4, 2022 @ 4:00 pm", None, dt.datetime(2022, 4, 4, 16), False),
        ("April 4, 2022 at 4pm", None, dt.datetime(2022, 4, 4, 16), False),
        ("Apr. 4th, 2022, 4 p.m.", None, dt.datetime(2022, 4, 4, 16), False),
        ("30/05/2022 16:00", None, dt.datetime(2022, 5, 30, 16), False),
        ("30.05.2022 16.00", None, dt.datetime(2022, 5, 30, 16), False),
        ("Mercoledì 25 Maggio 2022, ore 14:00", "it", dt.datetime(2022, 5, 25, 14), False),
        ("mer 25 mag 2022 alle 14:00", "it", dt.datetime(2022, 5, 25, 14), False),
        ("Wednesday, 25 May 2022 at 2pm", None, dt.datetime(2022, 5, 25, 14), False),
        ("25. Mai 2022 um 14 Uhr", "de", dt.datetime(2022, 5, 25, 14), False),
        ("mercredi 25 mai 2022 à 14h30", "fr", dt.datetime(2022, 5, 25, 14, 30), False),
        ("25 May 2022 11am", None, dt.datetime(2022, 5, 25, 11), False),
        ("25 May 2022 12 am", None, dt.datetime(2022, 5, 25, 0), False),
        ("25 May 2022", None, dt.datetime(2022, 5, 25), True),
        ("2022-05-25 4pm", None, dt.datetime(2022, 5, 25, 16), False),
        ("25 May 2022 14:00 UTC", None, dt.datetime(2022, 5, 25, 14, tzinfo=UTC), False),
        (
            "25 May 2022 14:00+02:00",
            None,
            dt.datetime(2022, 5, 25, 14, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            False,
        ),
    ],
)
def test_forms_announcements_use(text, locale, expected, all_day):
    reading = read_datetime(text, locale=locale)
    assert (reading.value, reading.all_day, reading.ambiguous) == (expected, all_day, False)
    assert read_datetime(reading.iso).value == expected


def test_an_iso_offset_is_kept_exactly():
    reading = read_datetime("2024-04-09T13:30:00-07:00")
    assert reading.value.utcoffset() == dt.timedelta(hours=-7)
    assert reading.iso == "2024-04-09 13:30-07:00"


@pytest.mark.parametrize(("order", "month", "day"), [("dmy", 5, 4), ("mdy", 4, 5), ("ymd", 5, 4)])
def test_an_ambiguous_numeric_date_follows_the_order_and_says_so(order, month, day):
    reading = read_datetime("04/05/2022 10:00", order=order)
    assert reading.value == dt.datetime(2022, month, day, 10)
    assert reading.ambiguous and reading.order in ("dmy", "mdy")


@pytest.mark.parametrize("text", ["30/05/2022", "05/30/2022", "05/05/2022", "2022/04/05"])
def test_a_numeric_date_that_reads_one_way_only_is_no_guess(text):
    assert not read_datetime(text, order="mdy").ambiguous
    assert not read_datetime(text, order="dmy").ambiguous
    assert read_datetime(text, order="mdy").value == read_datetime(text, order="dmy").value


def test_default_order_comes_from_the_locale():
    assert default_order("en") == "mdy"
    assert default_order("it") == "dmy"
    assert default_order("ja") == "ymd"
    assert default_order("not-a-locale") == "dmy"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("25/05/22", "'2022'"),
        ("Thursday 25 May 2022", "'2022-05-25'"),
        ("31/06/2022 10:00", "a day that exists"),
        ("April 4, 2022 @ 4:00 pm CET", "'2022-04-04 16:00' and the time zone in :timezone:"),
        ("April 4 2022 4:00 pm - 5:00 pm", "':end: 17:00'"),
        ("25 May 2022 16", "'16:00'"),
        ("25 May 2022 13 pm", "'13:00'"),
        ("May 2022", "'May 4, 2022'"),
        ("tomorrow", "'2022-05-25 14:00'"),
        ("9999-01-01", "a year from 1000 to 8999"),
    ],
)
def test_hints_show_what_was_meant(text, hint):
    with pytest.raises(DateTimeError) as error:
        read_datetime(text)
    assert hint in error.value.hint
    assert error.value.subtype == "bad-date"


def test_a_time_range_is_read_by_read_span():
    reading = read_span("April 4, 2022 @ 4:00 pm - 5:00 pm")
    assert reading.value == dt.datetime(2022, 4, 4, 16)
    assert reading.end == dt.datetime(2022, 4, 4, 17)


START = dt.datetime(2022, 5, 25, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5:00 pm", dt.datetime(2022, 5, 25, 17)),
        ("17:00", dt.datetime(2022, 5, 25, 17)),
        ("5pm", dt.datetime(2022, 5, 25, 17)),
        ("17h30", dt.datetime(2022, 5, 25, 17, 30)),
        ("2022-05-26 10:00", dt.datetime(2022, 5, 26, 10)),
        ("May 26, 2022 10am", dt.datetime(2022, 5, 26, 10)),
    ],
)
def test_end_forms(text, expected):
    assert read_end(text, START, False) == expected


def test_an_end_time_takes_the_start_offset():
    start = dt.datetime(2024, 4, 9, 13, 30, tzinfo=MINUS_7)
    assert read_end("3:00 pm", start, False) == dt.datetime(2024, 4, 9, 15, tzinfo=MINUS_7)


@pytest.mark.parametrize("text", ["25:00", "5 pn", "17", "5:61 pm"])
def test_a_bad_end_suggests_a_bare_time(text):
    with pytest.raises(DateTimeError) as error:
        read_end(text, START, False)
    assert "'17:00'" in error.value.hint
    assert "2022" not in error.value.hint


def test_an_end_date_for_a_timed_start_suggests_the_time():
    with pytest.raises(DateTimeError) as error:
        read_end("2022-05-25", START, False)
    assert "'17:00'" in error.value.hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17:00", dt.time(17)),
        ("5:00 pm", dt.time(17)),
        ("11am", dt.time(11)),
        ("noon", dt.time(12)),
        ("16.30", dt.time(16, 30)),
        ("12 a.m.", dt.time(0)),
    ],
)
def test_bare_times(text, expected):
    assert read_time(text) == expected


# -- properties ---------------------------------------------------------------

MONTHS = ["January", "Feb", "march", "Apr.", "Maggio", "mag", "Sept", "December"]
WEEKDAYS = ["Monday", "wed", "Mercoledì", "Sunday", ""]
SEPARATORS = [" ", ", ", " @ ", " at ", ", ore ", " alle ", " um ", " à ", "T", " - ", "  "]


@st.composite
def announced(draw):
    """Strings in the accepted grammar, and near misses of it."""
    year = draw(st.integers(0, 99999))
    month = draw(st.integers(0, 14))
    day = draw(st.integers(0, 33))
    hour = draw(st.integers(0, 25))
    minute = draw(st.integers(0, 61))
    pieces = draw(
        st.sampled_from(
            [
                f"{year:04d}-{month:02d}-{day:02d}",
                f"{day}/{month}/{year}",
                f"{day:02d}.{month:02d}.{year}",
                f"{draw(st.sampled_from(MONTHS))} {day}, {year}",
                f"{draw(st.sampled_from(WEEKDAYS))} {day} {draw(st.sampled_from(MONTHS))} {year}",
                f"{day}th {draw(st.sampled_from(MONTHS))} {year}",
            ]
        )
    )
    time = draw(
        st.sampled_from(
            [
                "",
                f"{hour}:{minute:02d}",
                f"{hour % 13}:{minute:02d} pm",
                f"{hour % 13}am",
                f"{hour}h{minute:02d}",
                f"{hour:02d}:{minute:02d}:00+02:00",
                f"{hour}:{minute:02d} UTC",
                f"{hour}:{minute:02d} - {hour}:{minute:02d}",
                "noon",
            ]
        )
    )
    text = pieces + (draw(st.sampled_from(SEPARATORS)) + time if time else "")
    # Near misses: a character dropped, doubled or replaced.
    mutate = draw(st.integers(0, 3))
    if mutate and text:
        index = draw(st.integers(0, len(text) - 1))
        if mutate == 1:
            text = text[:index] + text[index + 1 :]
        elif mutate == 2:
            text = text[:index] + text[index] * 2 + text[index:]
        else:
            text = text[:index] + draw(st.characters()) + text[index + 1 :]
    return text


def _same_instant(a: dt.datetime, b: dt.datetime) -> bool:
    return a == b and (a.tzinfo is None) == (b.tzinfo is None) and a.utcoffset() == b.utcoffset()


@settings(max_examples=1500, deadline=None)
@given(text=announced(), order=st.sampled_from(["dmy", "mdy", "ymd"]))
def test_accepted_strings_round_trip_and_nothing_else_escapes(text, order):
    for reader in (read_datetime, read_span):
        try:
            reading = reader(text, order=order, locale="it")
        except DateTimeError as error:
            assert error.hint or error.reason
            continue
        again = read_datetime(reading.iso, order=order)
        assert _same_instant(again.value, reading.value)
        assert again.all_day == reading.all_day


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_raises_only_the_readers_error(text):
    for call in (
        lambda: read_datetime(text, locale="it"),
        lambda: read_time(text),
        lambda: read_end(text, START, False),
        lambda: read_end(text, dt.datetime(2022, 5, 25), True),
    ):
        try:
            call()
        except DateTimeError:
            pass


@pytest.mark.parametrize(
    "text",
    [
        " " * 5000,
        "1" * 5000,
        "April " * 1000,
        "1/" * 3000,
        "@" * 5000,
        "25 May 2022 " + "pm " * 900,
    ],
)
def test_hostile_sizes_are_refused_cheaply(text):
    assert len(text) > MAX_LENGTH
    with pytest.raises(DateTimeError) as error:
        read_datetime(text)
    assert "too long" in error.value.reason or "empty" in error.value.reason
