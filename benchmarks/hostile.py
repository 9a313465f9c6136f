"""Build cost on hostile sizes: time, peak memory and bytes written should grow linearly.

Each case writes a small site whose one dimension is made huge, builds it in a
child process (``python -m sphinx -b html``) and reports wall time, the child's
peak memory (``ru_maxrss``) and the bytes in the output folder; then the growth
ratio from the smaller to the larger size. A linear cost gives a ratio close to
the size ratio (10x); a quadratic one, close to its square.

    python benchmarks/hostile.py                      # every case, default sizes
    python benchmarks/hostile.py --case speakers --sizes 1000 10000
    python benchmarks/hostile.py --timeout 1800

Cases:

``speakers``  one talk with N speakers (each gets a page that links to the talk)
``series``    N talks, each in a series of its own (N series pages and calendars)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

CONF = """\
extensions = ["sphinxext.seminars"]
project = "Hostile sizes"
html_baseurl = "https://seminars.example.org/"
seminars_now = "2024-01-01"
"""


def speakers_site(src: Path, size: int) -> None:
    names = "; ".join(
        f"Speaker{index:06d} Surname{index:06d} (Institute {index % 97})" for index in range(size)
    )
    (src / "index.rst").write_text(
        "Home\n====\n\n.. talk:: A talk with many speakers\n"
        f"   :date: 2022-05-25 14:00\n   :speaker: {names}\n\n   The abstract.\n\n"
        ".. talks::\n\n.. speakers-cloud::\n",
        encoding="utf-8",
    )


def series_site(src: Path, size: int) -> None:
    (src / "talks").mkdir()
    lines = ["Home\n====\n\n.. toctree::\n   :glob:\n   :hidden:\n\n   talks/*\n\n.. talks::\n"]
    (src / "index.rst").write_text("".join(lines), encoding="utf-8")
    for index in range(size):
        (src / "talks" / f"t{index:06d}.rst").write_text(
            f".. talk:: Talk {index}\n   :date: 2022-05-25 14:00\n"
            f"   :series: Series number {index}\n   :speaker: Person {index}\n",
            encoding="utf-8",
        )


CASES: dict[str, tuple[Callable[[Path, int], None], tuple[int, ...]]] = {
    "speakers": (speakers_site, (1000, 10000)),
    "series": (series_site, (300, 3000)),
}


def measure(case: str, size: int, timeout: float) -> dict[str, float | str]:
    make, _sizes = CASES[case]
    with tempfile.TemporaryDirectory(prefix=f"hostile-{case}-") as tmp:
        src = Path(tmp, "src")
        src.mkdir()
        (src / "conf.py").write_text(CONF, encoding="utf-8")
        make(src, size)
        out = Path(tmp, "out")
        env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1704067200"}
        command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)]
        started = time.perf_counter()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        try:
            process = subprocess.run(
                command, env=env, capture_output=True, timeout=timeout, check=False
            )
            status = "ok" if process.returncode == 0 else f"exit {process.returncode}"
        except subprocess.TimeoutExpired:
            status = "timeout"
        wall = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
        written = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        files = sum(1 for p in out.rglob("*") if p.is_file())
        shutil.rmtree(out, ignore_errors=True)
    return {
        "case": case,
        "size": size,
        "status": status,
        "wall_s": round(wall, 2),
        # CPU time of the build: steadier than wall time on a busy machine.
        "cpu_s": round(cpu, 2),
        # ru_maxrss is the largest child so far: a later, smaller build reports the
        # earlier peak, so sizes run from small to large.
        "peak_mb": round(max(peak, before) / 1024, 1),
        "written_mb": round(written / 1e6, 2),
        "files": files,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    rows = []
    for case in args.case or sorted(CASES):
        sizes = tuple(args.sizes or CASES[case][1])
        results = []
        for size in sorted(sizes):
            # A fresh interpreter per size, so ru_maxrss is this build's peak.
            row = (
                subprocess.run(
                    [sys.executable, __file__, "--one", case, str(size), str(args.timeout)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            result = json.loads(row)
            results.append(result)
            rows.append(result)
            print(result, flush=True)
        if len(results) >= 2 and results[0]["status"] == results[-1]["status"] == "ok":
            first, last = results[0], results[-1]
            factor = last["size"] / first["size"]
            print(
                f"{case}: size x{factor:g}: wall time x{last['wall_s'] / first['wall_s']:.1f}, "
                f"CPU time x{last['cpu_s'] / first['cpu_s']:.1f}, "
                f"memory x{last['peak_mb'] / first['peak_mb']:.1f}, "
                f"output x{last['written_mb'] / first['written_mb']:.1f}",
                flush=True,
            )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))))
    else:
        main()
