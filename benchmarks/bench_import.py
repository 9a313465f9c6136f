"""Cost of the import writer on hostile sizes: time linear in the number of talks.

Before the manifest was indexed, each record scanned every entry of the
manifest (5,000 events 31 s, 20,000 events 297 s). This writes N records twice
into a fresh folder (the first import, then a re-import that finds every file
unchanged through the manifest) and prints seconds per 1,000 talks, which
stays flat when the cost is linear.

    python benchmarks/bench_import.py                 # 5,000 10,000 20,000
    python benchmarks/bench_import.py -n 1000 2000

Only the writer is measured (records are made in memory), so each reader's
own cost is not counted.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sphinxext.seminars.cli.record import TalkRecord
from sphinxext.seminars.cli.writer import Format, Report, Writer


def records(n: int) -> list[TalkRecord]:
    rng = random.Random(n)
    found = []
    for number in range(n):
        year = 2000 + number % 25
        found.append(
            TalkRecord(
                id=f"talk-{number:06d}",
                title=f"Talk {number} on {rng.choice(['graphs', 'groups', 'waves'])}",
                options={
                    "date": f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d} 14:00",
                    "speaker": f"Speaker {number % 997} (University {number % 31})",
                    "series": f"Series {number % 7}",
                },
                abstract="An abstract with *stars* and `code`.\n1. first\n2. second",
                key=f"uid-{number}",
            )
        )
    return found


def run(n: int, fmt: Format) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        times = []
        for _ in range(2):
            start = time.perf_counter()
            writer = Writer(root, fmt)
            writer.write_all(records(n), Report())
            writer.save()
            times.append(time.perf_counter() - start)
        return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, nargs="+", default=[5000, 10000, 20000])
    parser.add_argument("--format", default="myst", choices=[f.value for f in Format])
    args = parser.parse_args()
    print(f"{'talks':>8} {'first s':>9} {'again s':>9} {'s/1000':>8}")
    for n in args.n:
        first, again = run(n, Format(args.format))
        print(f"{n:>8} {first:>9.2f} {again:>9.2f} {1000 * first / n:>8.3f}")


if __name__ == "__main__":
    main()
