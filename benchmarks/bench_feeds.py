"""Cost of writing every iCalendar feed against ``icalendar`` serialising the events once.

Target (issue 5): writing all feeds of a 10,000-talk archive (the site feed,
one per series and one per talk) takes at most twice what ``icalendar`` alone
needs to serialise those 10,000 events once, measured in the same run.

    python benchmarks/bench_feeds.py            # 10,000 talks, median of 3 runs
    python benchmarks/bench_feeds.py -n 1000 -r 5

The talks are generated deterministically (accented names, math in abstracts,
several series and time zones, 30 years of dates) and fed straight to
:class:`sphinxext.seminars.publish.ical.FeedSet`, so Sphinx's own work is not counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import icalendar

from sphinxext.seminars.core.model import Person, Series, Status, Talk, resolve_talk, talk_order
from sphinxext.seminars.publish import ical as feeds
from sphinxext.seminars.publish.site import Site

ZONES = ("Europe/Rome", "America/New_York", "Europe/London", "Asia/Tokyo", "UTC", "UTC-07:00")
SERIES = tuple(
    f"Seminar {name}"
    for name in (
        "Analisi",
        "Probabilità",
        "Geometry",
        "Logic",
        "Physics",
        "Numerics",
        "Algebra",
        "Statistics",
    )
)
FIRST = ("Maria", "José", "Zoë", "Łukasz", "Françoise", "Jürgen", "Ana", "Søren", "Chen", "Olga")
LAST = (
    "Rossi",
    "Ñúñez",
    "O'Brien",
    "Kowalski",
    "Dubois",
    "Müller",
    "Pérez",
    "Kierkegård",
    "Li",
    "Ivanova",
)


def make_talks(count: int) -> list[Talk]:
    rng = random.Random(20240409)
    talks = []
    # Naive local times, as authors write them; resolve_talk gives them their zone.
    start = dt.datetime(2000, 1, 10, 14, 0)
    for number in range(count):
        day = start + dt.timedelta(days=number * 11000 // count, hours=rng.choice((0, 2, -3)))
        zone = rng.choice(ZONES)
        all_day = rng.random() < 0.03
        if all_day:
            day = dt.datetime.combine(day.date(), dt.time())
        speakers = tuple(
            Person(
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                rng.choice(("", "Università di Roma", "ETH Zürich")),
            )
            for _ in range(rng.choice((1, 1, 1, 2)))
        )
        abstract = " ".join(
            rng.choice(
                (
                    "We prove",
                    "Let",
                    "u \\in C^{1,\\alpha}",
                    "the estimate",
                    "holds;",
                    "Sobolev, Hölder",
                    "for every",
                    "solution.",
                )
            )
            for _ in range(rng.randrange(40, 120))
        )
        talk = Talk(
            id=f"talks/{day.year}/t{number:05d}",
            title=f"On problem {number}: régularité, estimates; and more",
            docname=f"talks/{day.year}/t{number:05d}",
            lineno=1,
            anchor=f"talk-t{number:05d}",
            start=day,
            all_day=all_day,
            timezone=zone,
            speakers=speakers,
            location=rng.choice(("", "Aula Magna", "Room 101, Building B")),
            online=rng.choice(("", "https://meet.example.org/abc-defg-hij")),
            series=rng.choice(SERIES),
            tags=tuple(rng.sample(("pde", "probability", "geometry", "logic"), 2)),
            status=Status.CANCELLED if rng.random() < 0.02 else Status.SCHEDULED,
            abstract=abstract,
        )
        talks.append(resolve_talk(talk, None, "UTC", dt.timedelta(hours=1)))
    return sorted(talks, key=talk_order)


def timed(function: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds: CPU time is what to compare on a busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--talks", type=int, default=10_000)
    parser.add_argument("-r", "--runs", type=int, default=3)
    args = parser.parse_args()

    talks = make_talks(args.talks)
    series = {name: Series(name=name, description=f"The {name}.") for name in SERIES}
    site = Site(
        base_url="https://seminars.example.org/",
        name="Benchmark archive",
        description="Synthetic talks",
        prefix="seminars",
        feed_name="talks",
        series_feeds=True,
        past_talks=200,
    )

    def page_url(talk: Talk) -> str:
        return site.absolute(f"{talk.docname}.html") + f"#{talk.anchor}"

    now = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)

    # Baseline: icalendar serialising the 10,000 events once (built beforehand),
    # with one VTIMEZONE per zone, as a single calendar.
    def baseline_calendar() -> icalendar.Calendar:
        calendar = feeds.FeedSet.header(feeds.CalendarHead(site.name))
        zones = sorted({z for t in talks if (z := feeds.iana_zone(t))})
        for zone in zones:
            calendar.add_component(feeds.vtimezone(zone, 2000, 2031))
        for talk in talks:
            calendar.add_component(feeds.talk_event(talk, site, page_url(talk)))
        return calendar

    rows: dict[str, list[tuple[float, float]]] = {
        "serialise": [],
        "build+serialise": [],
        "all feeds": [],
        "all feeds, no change": [],
    }
    sizes: tuple[int, int] = (0, 0)
    for _run in range(args.runs):
        calendar = baseline_calendar()
        rows["serialise"].append(timed(calendar.to_ical))
        rows["build+serialise"].append(timed(lambda: baseline_calendar().to_ical()))
        with tempfile.TemporaryDirectory() as folder:
            outdir = Path(folder)

            def write_all(outdir: Path = outdir) -> None:
                global_files = feeds.FeedSet(site, page_url).files(talks, series, now)
                nonlocal sizes
                sizes = (len(global_files), sum(map(len, global_files.values())))
                feeds.write_files(
                    outdir, global_files, ["seminars", "seminars/series", "seminars/talks"]
                )

            rows["all feeds"].append(timed(write_all))
            rows["all feeds, no change"].append(timed(write_all))

    base_wall = statistics.median(w for w, _c in rows["serialise"])
    base_cpu = statistics.median(c for _w, c in rows["serialise"])
    megabytes = sizes[1] / 1e6
    print(f"{args.talks} talks, {sizes[0]} files, {megabytes:.1f} MB, median of {args.runs} runs")
    print(f"{'what':<24}{'wall s':>9}{'ratio':>7}{'CPU s':>9}{'ratio':>7}")
    for name, values in rows.items():
        wall = statistics.median(w for w, _c in values)
        cpu = statistics.median(c for _w, c in values)
        print(f"{name:<24}{wall:>9.3f}{wall / base_wall:>7.2f}{cpu:>9.3f}{cpu / base_cpu:>7.2f}")


if __name__ == "__main__":
    main()
