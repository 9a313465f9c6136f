"""Import cost on large and hostile inputs (issue 11, issue 19): time, peak memory, growth.

    python benchmarks/import_scale.py                 # every case, reading and checking
    python benchmarks/import_scale.py --write         # also write the talk files (dry run)
    python benchmarks/import_scale.py --cases ics-1000 ics-5000 ics-20000

Each case runs in its own subprocess (so peak memory, the child's ``ru_maxrss``, is the
case's own) on a feed generated here, deterministically: N weekly-ish events with a
speaker in the title, a few-line description, a location and categories; one in ten repeats
weekly (RRULE with COUNT=4, so the talks are 1.3 N). The 50 MB feed is 20,000 events with
~2.5 KB descriptions folded at 75 octets. The hostile cases are one field of a hostile size:
a 4 MB description, a 3 KB speaker cell, a cell of 5,000 spaces, 40 KB date cells.

Printed: seconds and peak MiB per case, and for the event series the growth ratio
(time per event at the largest N over time per event at the smallest: 1.0 is linear).
No case is a test: timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = [
    "Ada Lovelace",
    "Jane van der Berg",
    "Émilie du Châtelet",
    "Sofia Kovalevskaya",
    "Alan Turing",
    "Emmy Noether",
    "Srinivasa Ramanujan",
    "Maryam Mirzakhani",
]
WORDS = "random walks graphs learning kernels spectra flows diffusion sampling networks".split()


def fold(line: str) -> str:
    """RFC 5545 folding at 75 octets (ASCII here)."""
    parts = [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]
    return "\r\n".join(parts)


def feed(n: int, description_size: int = 200) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//bench//import//EN",
        "X-WR-TIMEZONE:Europe/Rome",
    ]
    for i in range(n):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        year = 2000 + (i // 336) % 60
        name = NAMES[i % len(NAMES)]
        topic = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(4))
        text = (f"We study {topic}. " * (description_size // 40 + 1))[:description_size]
        lines += [
            "BEGIN:VEVENT",
            f"UID:talk-{i}@bench.example.org",
            "DTSTAMP:20240101T000000Z",
            f"DTSTART;TZID=Europe/Rome:{year}{month:02d}{day:02d}T160000",
            f"DTEND;TZID=Europe/Rome:{year}{month:02d}{day:02d}T170000",
            f"SUMMARY:{name}: On {topic}",
            fold(f"DESCRIPTION:{text}\\nSeries: Bench seminar"),
            "LOCATION:Room 12",
            "CATEGORIES:bench,probability",
        ]
        if i % 10 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def hostile_description(size: int) -> str:
    text = "x" * size
    return (
        "\r\n".join(
            [
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:big@x",
                "DTSTART:20240101T100000Z",
                "SUMMARY:Big",
                fold("DESCRIPTION:" + text),
                "END:VEVENT",
                "END:VCALENDAR",
            ]
        )
        + "\r\n"
    )


def make_case(name: str, folder: Path) -> tuple[str, Path, int]:
    """(importer, input file, records) for a case name."""
    if name.startswith("ics-") and name[4:].isdigit():
        n = int(name.split("-")[1])
        path = folder / f"{name}.ics"
        path.write_text(feed(n), encoding="utf-8", newline="")
        return "ics", path, n
    if name == "feed-50mb":
        path = folder / "feed-50mb.ics"
        path.write_text(feed(20_000, description_size=2_400), encoding="utf-8", newline="")
        return "ics", path, 20_000
    if name == "description-4mb":
        path = folder / "big.ics"
        path.write_text(hostile_description(4_000_000), encoding="utf-8", newline="")
        return "ics", path, 1
    if name == "speaker-3kb":
        path = folder / "speaker.csv"
        cell = ("Ada Lovelace and " * 180)[:3000]
        path.write_text(f'date,title,speaker\n2024-01-10,T,"{cell}"\n', encoding="utf-8")
        return "csv", path, 1
    if name == "spaces-5000":
        path = folder / "spaces.csv"
        path.write_text(f'date,title,speaker\n2024-01-10,T,"A{" " * 5000}B"\n', encoding="utf-8")
        return "csv", path, 1
    if name == "date-cells-40kb":
        path = folder / "dates.csv"
        rows = [f'"{("25 May 2024 " * 3400)[:40_000]}",T{i}' for i in range(20)]
        path.write_text("date,title\n" + "\n".join(rows) + "\n", encoding="utf-8")
        return "csv", path, 20
    raise SystemExit(f"unknown case {name!r}")


def child(importer: str, path: str, write: bool, write_phase: bool = True) -> None:
    """Run one import in this process and print its measures as JSON.

    The phases are timed apart: reading (the importer), checking (the directive's
    parsers, the report) and writing (the files and the manifest; a dry run unless
    ``--write``), so that a slow writer does not hide a linear reader.
    """
    sys.path.insert(0, str(ROOT))
    from sphinxext.seminars.cli import build_parser
    from sphinxext.seminars.cli.record import Ledger, validate
    from sphinxext.seminars.cli.writer import Format, Report, Writer

    with tempfile.TemporaryDirectory() as out:
        args = build_parser().parse_args(["import", importer, path, "-o", out, "-q"])
        times = {}
        cpu = {}
        started, clock = time.perf_counter(), time.process_time()
        records, problems = args.reader(args, lambda *_: None)
        times["read"] = time.perf_counter() - started
        cpu["read_cpu"] = time.process_time() - clock
        started, clock = time.perf_counter(), time.process_time()
        report = Report(problems=problems)
        records, _ = validate(records, report.problems)
        ledger = Ledger()
        for record in records:
            ledger.account(record)
        ledger.text()
        times["check"] = time.perf_counter() - started
        cpu["check_cpu"] = time.process_time() - clock
        started, clock = time.perf_counter(), time.process_time()
        if write_phase:
            writer = Writer(Path(out), Format.MYST, args.layout, dry_run=not write)
            writer.write_all(records, report)
            writer.save()
        times["write"] = time.perf_counter() - started
        cpu["write_cpu"] = time.process_time() - clock
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": sum(times.values()),
                **times,
                "cpu": sum(cpu.values()),
                **cpu,
                "peak_mib": peak,
                "talks": len(records),
                "problems": len(problems),
            }
        )
    )


CASES = [
    "ics-1000",
    "ics-5000",
    "ics-20000",
    "feed-50mb",
    "description-4mb",
    "speaker-3kb",
    "spaces-5000",
    "date-cells-40kb",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=CASES, choices=CASES)
    parser.add_argument(
        "--write", action="store_true", help="write the files (default: --dry-run)"
    )
    parser.add_argument(
        "--no-write-phase",
        action="store_true",
        help="time reading and checking only (the writer's own cost is measured apart)",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--make", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:  # in its own process, so that the runner's peak memory stays small
        importer, path, records = make_case(args.make[0], Path(args.make[1]))
        print(json.dumps([importer, str(path), records]))
        return
    if args.child:
        child(args.child[0], args.child[1], args.write, not args.no_write_phase)
        return
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in args.cases:
            made = subprocess.run(
                [sys.executable, __file__, "--make", name, folder],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            importer, made_path, records = json.loads(made)
            path = Path(made_path)
            size = path.stat().st_size / 2**20
            command = [sys.executable, __file__, "--child", importer, str(path)]
            if args.write:
                command.append("--write")
            if args.no_write_phase:
                command.append("--no-write-phase")
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            measure = json.loads(out.strip().splitlines()[-1])
            results[name] = {**measure, "records": records, "mib_in": size}
            print(
                f"{name:16} {records:>6} records {measure['talks']:>6} talks {size:6.1f} MiB  "
                f"read {measure['read']:7.2f} s ({measure['read_cpu']:6.2f} CPU)  "
                f"check {measure['check']:6.2f} s ({measure['check_cpu']:5.2f} CPU)  "
                f"write {measure['write']:7.2f} s ({measure['write_cpu']:6.2f} CPU)  "
                f"peak {measure['peak_mib']:7.1f} MiB",
                flush=True,
            )
    series = [n for n in ("ics-1000", "ics-5000", "ics-20000") if n in results]
    if len(series) >= 2:
        first, last = results[series[0]], results[series[-1]]
        for phase in ("read_cpu", "check_cpu", "write_cpu", "cpu", "seconds"):
            if first[phase] < 0.01:  # a phase left out (--no-write-phase)
                continue
            ratio = (last[phase] / last["records"]) / (first[phase] / first["records"])
            print(
                f"growth of {phase}: time per event at {last['records']} / at "
                f"{first['records']} = {ratio:.2f} (1.0 is linear)"
            )
        memory = (last["peak_mib"] - 20) / (first["peak_mib"] - 20)
        print(
            f"peak memory above ~20 MiB of start-up grows {memory:.1f}x for "
            f"{last['records'] / first['records']:.0f}x the events"
        )


if __name__ == "__main__":
    main()
