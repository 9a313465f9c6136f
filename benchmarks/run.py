"""Build-time benchmarks of sphinxext-seminars against a plain Sphinx baseline.

For each N, every scenario is measured for the plain baseline, the reST
site and the MyST site in turn (baseline, rst, myst, baseline, ...), so that
load from other processes on the machine hits all three alike. Numbers are
reported as ratios to the baseline of the same repeat (median over repeats).

Scenarios (each a subprocess ``python -m sphinx -q -b html`` with
``SOURCE_DATE_EPOCH`` set):

``full``      clean build into a fresh output folder
``full-j2``   the same with ``-j 2``
``edit``      incremental rebuild after editing one talk's abstract
``add``       incremental rebuild after adding one (upcoming) talk
``delete``    incremental rebuild after deleting one talk

For the baseline, adding or deleting a talk also changes its hand-written
listing pages, as it would for an author.

Measured per build: wall time, CPU time (user + system of the child and its
workers, from ``os.wait4``) and peak memory (the child's ``ru_maxrss``; under
``-j 2`` the largest of the main process and its workers).

``--matrix`` measures issue 7's theme x structure matrix: full builds of the
reST site and the baseline in each theme, with talk pages in no toctree
(``orphan``, the default) or globbed into per-year toctrees (``toctree``), at
1,000 and 3,000 talks, and reports the growth ratio from the smallest to the
largest N.

Every measurement is appended to ``benchmarks/results/<stamp>.jsonl`` as it is
taken, and the tables go to ``benchmarks/results/<stamp>.md``; ``--report``
re-renders the tables of earlier runs (several files are merged).
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

WORK = HERE / "_work"
RESULTS = HERE / "results"
SCENARIOS = ("full", "full-j2", "edit", "add", "delete")
FLAVOURS = ("plain", "rst", "myst")
THEMES = ("alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme")
METRICS = ("wall", "cpu", "rss")
TARGETS = {  # scenario, metric -> the most the ratio to the baseline may be (issue 18)
    ("full", "cpu"): 1.10,
    ("edit", "cpu"): 1.50,
    ("add", "cpu"): 1.0,
    ("delete", "cpu"): 1.0,
    **{(scenario, "rss"): 1.10 for scenario in ("full", "edit", "add", "delete")},
}
MATRIX_GROWTH_TARGET = 3.6  # 1,000 -> 3,000 talks, default structure (issue 7)
#: Growth of the extension's CPU time over the baseline's own growth between two sizes.
GROWTH_TARGET = 1.05


# -- one build ----------------------------------------------------------------


#: Where the extension's code is imported from (see ``--code``); None: the installed one.
CODE_PATH: Path | None = None


def snapshot_code(revision: str) -> tuple[Path | None, str]:
    """Export ``sphinxext/`` at ``revision`` so a long run measures one fixed version.

    Other work in the same tree (uncommitted, half-written) then cannot break or
    change a benchmark half-way. ``worktree`` measures the files as they are.
    """
    root = HERE.parent
    if revision == "worktree":
        # Put first on the path, so that an installed copy of the extension is not measured.
        return root, "working tree"
    if (Path(revision) / "sphinxext" / "seminars" / "__init__.py").exists():
        compileall.compile_dir(str(Path(revision) / "sphinxext"), quiet=1)
        return Path(revision).resolve(), f"the copy in {revision}"
    commit = subprocess.run(["git", "rev-parse", revision], cwd=root, check=True,
                            capture_output=True, text=True).stdout.strip()
    target = WORK / "code" / commit[:12]
    if not (target / "sphinxext" / "seminars" / "__init__.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit, "sphinxext"], cwd=root, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    # Byte code compiled once, as for an installed package (see child_environment).
    compileall.compile_dir(str(target / "sphinxext"), quiet=1)
    return target, commit[:12]


def child_environment() -> dict[str, str]:
    """The environment of a measured build: pinned "now" and hashing, the code measured.

    ``PYTHONDONTWRITEBYTECODE`` is dropped: an installed extension has its byte code
    compiled, as Sphinx has; compiling the extension's 50 modules again in every
    build cost about 0.09 s of CPU time, 12 % of the baseline's edit-one rebuild.
    """
    env = dict(os.environ, SOURCE_DATE_EPOCH=generate.SOURCE_DATE_EPOCH, PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if CODE_PATH is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(CODE_PATH), os.environ.get("PYTHONPATH", "")) if p
        )
    return env


def sphinx_build(src: Path, out: Path, *, jobs: int = 1, log: Path) -> dict[str, float]:
    """Run one build in a subprocess; wall/CPU seconds, peak RSS in MiB, warnings."""
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(out / ".doctrees")]
    if jobs > 1:
        command += ["-j", str(jobs)]
    command += [str(src), str(out / "html")]
    env = child_environment()
    return measured(command, log, env)


def measured(command: list[str], log: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``command``; its wall and CPU seconds, peak RSS in MiB and warnings printed."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as stream:
        start = time.perf_counter()
        # Not the caller's folder: ``python -m`` puts the working folder first on
        # sys.path, so from the repository's root the working tree's sphinxext/ would
        # be measured instead of the --code snapshot.
        WORK.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT,
                                   env=env or child_environment(), cwd=WORK)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        tail = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{command[2:5]} failed ({process.returncode}):\n{tail}")
    text = log.read_text(errors="replace")
    warnings = sum(1 for line in text.splitlines() if "WARNING" in line or "ERROR" in line)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,  # KiB on Linux
        "warnings": warnings,
    }


class Recorder:
    """Appends each measurement to a JSON-lines file as soon as it is taken."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.rows: list[dict[str, Any]] = []
        self.failures: list[str] = []

    def add(self, **row: Any) -> None:
        self.rows.append(row)
        with self.path.open("a") as stream:
            stream.write(json.dumps(row) + "\n")
        shown = " ".join(
            f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()
        )
        print(shown, flush=True)


# -- the scenarios ------------------------------------------------------------


def run_flavour(rec: Recorder, suite: str, n: int, flavour: str, repeat: int, *,
                theme: str, structure: str, scenarios: tuple[str, ...]) -> None:
    """One repeat of every scenario for one flavour."""
    tag = f"{suite}-{n}-{flavour}-{structure}-{theme}"
    src, out = WORK / "src" / tag, WORK / "out" / tag
    logs = WORK / "logs" / tag
    common = dict(suite=suite, n=n, flavour=flavour, theme=theme, structure=structure,
                  repeat=repeat)

    def fresh_sources(*mutations: str) -> None:
        generate.generate(src, n, flavour, structure, theme, mutations=mutations)

    def build(scenario: str, *, clean: bool, jobs: int = 1) -> None:
        if clean and out.exists():
            shutil.rmtree(out)
        result = sphinx_build(src, out, jobs=jobs, log=logs / f"{scenario}-{repeat}.log")
        rec.add(**common, scenario=scenario, **result)

    if src.exists():
        shutil.rmtree(src)
    fresh_sources()
    incremental = [s for s in ("edit", "add", "delete") if s in scenarios]
    if "full" in scenarios or incremental:
        if "full" in scenarios:
            build("full", clean=True)
        else:
            shutil.rmtree(out, ignore_errors=True)
            sphinx_build(src, out, log=logs / f"warmup-{repeat}.log")
        applied: list[str] = []
        for scenario in incremental:
            applied.append(scenario)
            fresh_sources(*applied)
            build(scenario, clean=False)
    if "full-j2" in scenarios:
        fresh_sources()
        build("full-j2", clean=True, jobs=2)
    shutil.rmtree(out, ignore_errors=True)


def run_flavour_safely(rec: Recorder, *args: Any, **kwargs: Any) -> None:
    """A failed build is recorded and reported, and the run goes on."""
    try:
        run_flavour(rec, *args, **kwargs)
    except RuntimeError as error:
        suite, n, flavour, repeat = args
        print(f"FAILED {suite} n={n} {flavour} repeat={repeat}: {error}", file=sys.stderr)
        rec.failures.append(f"{suite} n={n} {flavour} {kwargs} repeat {repeat}")


def run_sizes(rec: Recorder, sizes: list[int], repeats: int, flavours: tuple[str, ...],
              scenarios: tuple[str, ...], theme: str) -> None:
    for n in sizes:
        for repeat in range(repeats):
            for flavour in flavours:
                run_flavour_safely(rec, "sizes", n, flavour, repeat, theme=theme, structure="orphan",
                            scenarios=scenarios)


def run_matrix(rec: Recorder, sizes: list[int], repeats: int, themes: list[str],
               structures: list[str], toctree_max_n: int) -> None:
    # N innermost: the growth ratio compares builds taken minutes apart, not an hour.
    for repeat in range(repeats):
        for theme in themes:
            for structure in structures:
                for n in sizes:
                    if structure == "toctree" and n > toctree_max_n:
                        continue
                    for flavour in ("plain", "rst"):
                        run_flavour_safely(rec, "matrix", n, flavour, repeat, theme=theme,
                                           structure=structure, scenarios=("full",))


def run_import(rec: Recorder, sizes: list[int], repeats: int, theme: str,
               build_max: int | None = None) -> None:
    """Import N calendar events (``import_scale.feed``), then build the site they make.

    Both are subprocesses measured alike (CPU of the child, its peak memory): the
    ``import`` row is ``sphinx-seminars import ics`` writing the talk files into an
    empty site, the ``import-build`` row a full build of that site (not above
    ``build_max`` events: the build of 20,000 events' talks takes a quarter of an hour).
    """
    import import_scale

    for repeat in range(repeats):
        for n in sizes:
            tag = f"import-{n}-{theme}"
            folder, out = WORK / "src" / tag, WORK / "out" / tag
            logs = WORK / "logs" / tag
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            folder.mkdir(parents=True)
            feed = WORK / "src" / f"{tag}.ics"
            feed.write_text(import_scale.feed(n), encoding="utf-8", newline="")
            (folder / "conf.py").write_text(
                'project = "Imported archive (benchmark)"\n'
                f"html_theme = {theme!r}\n"
                'extensions = ["sphinxext.seminars"]\n'
                f"seminars_now = {generate.NOW.isoformat()!r}\n"
                'seminars_timezone = "Europe/Rome"\n'
            )
            (folder / "index.rst").write_text(
                "Imported archive\n================\n\n"
                ".. talks::\n   :when: upcoming\n   :limit: 10\n\n"
                ".. talks::\n   :when: past\n   :limit: 10\n"
            )
            common = dict(suite="import", n=n, flavour="rst", theme=theme, structure="orphan",
                          repeat=repeat)
            command = [sys.executable, "-m", "sphinxext.seminars", "import", "ics", str(feed),
                       "-o", str(folder), "--format", "rst", "-q"]
            try:
                result = measured(command, logs / f"import-{repeat}.log")
                talks = sum(1 for _ in (folder / "talks").rglob("*.rst"))
                rec.add(**common, scenario="import", talks=talks, **result)
                if build_max is None or n <= build_max:
                    result = sphinx_build(folder, out, log=logs / f"build-{repeat}.log")
                    rec.add(**common, scenario="import-build", talks=talks, **result)
            except RuntimeError as error:
                print(f"FAILED import n={n} repeat={repeat}: {error}", file=sys.stderr)
                rec.failures.append(f"import n={n} repeat {repeat}")
            shutil.rmtree(out, ignore_errors=True)


# -- tables ---------------------------------------------------------------------------


def _paired(rows: list[dict[str, Any]], key: tuple[str, ...]) -> dict[tuple[Any, ...], dict]:
    """Group rows by ``key`` + flavour, keeping per-repeat values."""
    grouped: dict[tuple[Any, ...], dict] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        grouped[tuple(row[k] for k in key)][row["flavour"]][row["repeat"]] = row
    return grouped


def ratio(group: dict, flavour: str, metric: str) -> float | None:
    """Median over repeats of flavour / baseline, paired by repeat."""
    values = [
        row[metric] / group["plain"][r][metric]
        for r, row in group.get(flavour, {}).items()
        if r in group.get("plain", {}) and group["plain"][r][metric]
    ]
    return statistics.median(values) if values else None


def median(group: dict, flavour: str, metric: str) -> float | None:
    values = [row[metric] for row in group.get(flavour, {}).values()]
    return statistics.median(values) if values else None


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) against log(x)."""
    points = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y and y > 0]
    if len({x for x, _ in points}) < 2:
        return None
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def fmt(value: float | None, spec: str = ".2f", suffix: str = "") -> str:
    return "–" if value is None else f"{value:{spec}}{suffix}"


def mark(value: float | None, target: float | None) -> str:
    if value is None or target is None:
        return ""
    return " ✓" if value <= target else " ✗"


def sizes_tables(rows: list[dict[str, Any]]) -> str:
    rows = [r for r in rows if r["suite"] == "sizes"]
    if not rows:
        return ""
    groups = _paired(rows, ("n", "scenario"))
    flavours = [f for f in ("rst", "myst") if any(f in g for g in groups.values())]
    out = ["## Build cost against the plain baseline (alabaster, talk pages orphan)", ""]
    repeats = max(r["repeat"] for r in rows) + 1
    out.append(f"Median of {repeats} interleaved repeats; ratio = extension / baseline of the "
               "same repeat (median of the paired ratios). Seconds and MiB are the baseline's "
               "medians. ✓/✗: target met or missed.")
    out.append("")
    header = "| N | scenario | baseline wall s | baseline CPU s | baseline MiB |"
    line = "|---:|---|---:|---:|---:|"
    for f in flavours:
        header += f" {f} wall × | {f} CPU × | {f} mem × |"
        line += "---:|---:|---:|"
    out += [header, line]
    for (n, scenario) in sorted(groups, key=lambda k: (k[0], SCENARIOS.index(k[1]))):
        g = groups[(n, scenario)]
        cells = [str(n), scenario, fmt(median(g, "plain", "wall")),
                 fmt(median(g, "plain", "cpu")), fmt(median(g, "plain", "rss"), ".0f")]
        for f in flavours:
            for metric in METRICS:
                target = TARGETS.get((scenario, metric))
                value = ratio(g, f, metric)
                cells.append(fmt(value) + mark(value, target))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    # -j 2: the speed-up of each flavour (wall time of the serial full build over the
    # parallel one, paired by repeat); the extension's should be at least the baseline's.
    speedups = []
    for n in sorted({r["n"] for r in rows}):
        serial, parallel = groups.get((n, "full"), {}), groups.get((n, "full-j2"), {})
        cells = [str(n)]
        for f in ["plain", *flavours]:
            values = [serial[f][r]["wall"] / parallel[f][r]["wall"]
                      for r in serial.get(f, {}) if r in parallel.get(f, {})]
            cells.append(fmt(statistics.median(values)) if values else "–")
        if any(c != "–" for c in cells[1:]):
            speedups.append("| " + " | ".join(cells) + " |")
    if speedups:
        out += ["### `-j 2` speed-up (wall time, full ÷ full-j2, median of the paired repeats)",
                "", "| N | " + " | ".join(["plain", *flavours]) + " |",
                "|---:|" + "---:|" * (1 + len(flavours)), *speedups, ""]
    # Growth exponents: slope of log(time) over log(N), per flavour and scenario.
    sizes = sorted({r["n"] for r in rows})
    if len(sizes) > 1:
        out.append("### Growth between consecutive sizes: CPU(N2) ÷ CPU(N1), and the "
                   f"extension's growth over the baseline's (target ≤ {GROWTH_TARGET})")
        out.append("")
        out.append("| scenario | sizes | plain × | " + " | ".join(
            f"{f} × | {f} ÷ plain" for f in flavours) + " |")
        out.append("|---|---|---:|" + "---:|---:|" * len(flavours))
        for scenario in SCENARIOS:
            for low, high in itertools.pairwise(sizes):
                a, b = groups.get((low, scenario), {}), groups.get((high, scenario), {})
                base = [median(b, "plain", "cpu"), median(a, "plain", "cpu")]
                if None in base:
                    continue
                plain_growth = base[0] / base[1]
                cells = [scenario, f"{low:,} → {high:,}", fmt(plain_growth)]
                for f in flavours:
                    mine = [median(b, f, "cpu"), median(a, f, "cpu")]
                    if None in mine:
                        cells += ["–", "–"]
                        continue
                    growth = mine[0] / mine[1]
                    relative = growth / plain_growth
                    shown = mark(relative, GROWTH_TARGET) if scenario == "full" else ""
                    cells += [fmt(growth), fmt(relative) + shown]
                out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if len(sizes) > 1:
        for metric, label in (("cpu", "CPU time"), ("wall", "wall time")):
            out.append(f"### Growth in N: log-log slope of the median {label} "
                       f"(N = {', '.join(map(str, sizes))}; 1 = linear)")
            out.append("")
            out.append("| scenario | " + " | ".join(["plain", *flavours]) + " | "
                       + " | ".join(f"{f}/plain ratio" for f in flavours) + " |")
            out.append("|---|" + "---:|" * (1 + 2 * len(flavours)))
            for scenario in SCENARIOS:
                cells = [scenario]
                for f in ["plain", *flavours]:
                    pts = [(n, median(groups.get((n, scenario), {}), f, metric)) for n in sizes]
                    cells.append(fmt(slope(pts)))
                for f in flavours:
                    pts = [(n, ratio(groups.get((n, scenario), {}), f, metric)) for n in sizes]
                    cells.append(fmt(slope(pts), "+.2f"))
                if any(c != "–" for c in cells[1:]):
                    out.append("| " + " | ".join(cells) + " |")
            out.append("")
        out.append("At small N Sphinx's fixed start-up cost dominates and flattens the fit; the "
                   "slope between the two largest sizes is the one that matters, and the slope "
                   "of the ratio (0 = the extension grows as the baseline does) is the most "
                   "robust to load on the machine.")
        out.append("")
    return "\n".join(out)


def matrix_tables(rows: list[dict[str, Any]]) -> str:
    rows = [r for r in rows if r["suite"] == "matrix"]
    if not rows:
        return ""
    groups = _paired(rows, ("theme", "structure", "n"))
    sizes = sorted({r["n"] for r in rows})
    repeats = max(r["repeat"] for r in rows) + 1
    out = ["## Theme × structure matrix (full build, reST site and plain baseline)", "",
           f"Median of {repeats} repeat(s); CPU seconds (user + system, with workers). `orphan`: talk pages in no toctree (the default); "
           "`toctree`: talk pages globbed into a hidden toctree on each year page. "
           f"Growth = wall({sizes[-1]}) / wall({sizes[0]}); target ≤ {MATRIX_GROWTH_TARGET} "
           "for `orphan` when N triples.", ""]
    header = "| theme | structure |"
    line = "|---|---|"
    for n in sizes:
        header += (f" plain CPU s ({n}) | rst CPU s ({n}) | rst CPU × ({n}) | rst wall × ({n}) "
                   f"| rst MiB ({n}) |")
        line += "---:|---:|---:|---:|---:|"
    if len(sizes) > 1:
        header += " plain CPU growth | rst CPU growth | plain wall growth | rst wall growth |"
        line += "---:|---:|---:|---:|"
    out += [header, line]
    target = MATRIX_GROWTH_TARGET * (sizes[-1] / sizes[0]) / 3
    for theme in dict.fromkeys(r["theme"] for r in rows):
        for structure in ("orphan", "toctree"):
            if not any((theme, structure, n) in groups for n in sizes):
                continue
            cells = [theme, structure]
            for n in sizes:
                g = groups.get((theme, structure, n), {})
                cells += [fmt(median(g, "plain", "cpu"), ".1f"), fmt(median(g, "rst", "cpu"), ".1f"),
                          fmt(ratio(g, "rst", "cpu")), fmt(ratio(g, "rst", "wall")),
                          fmt(median(g, "rst", "rss"), ".0f")]
            if len(sizes) > 1:
                for metric in ("cpu", "wall"):
                    for f in ("plain", "rst"):
                        first = median(groups.get((theme, structure, sizes[0]), {}), f, metric)
                        last = median(groups.get((theme, structure, sizes[-1]), {}), f, metric)
                        growth = last / first if first and last else None
                        shown = f == "rst" and structure == "orphan"
                        cells.append(fmt(growth) + (mark(growth, target) if shown else ""))
            out.append("| " + " | ".join(cells) + " |")
    out.append("")
    if len(sizes) > 1:
        out += growth_steps(groups, sizes)
    return "\n".join(out)


def growth_steps(groups: dict[tuple[Any, ...], dict], sizes: list[int]) -> list[str]:
    """Issue 18's growth: each step of N, the extension's CPU growth against the baseline's.

    ``relative`` is the extension's growth divided by the baseline's (medians of each
    size), ``ratio change`` the same from the paired ratios (the extension's ratio to the
    baseline at the larger N over that at the smaller; steadier under load). Linear
    within 5 %: ≤ 1.05.
    """
    out = ["### Growth, step by step (CPU; the plain baseline's own growth is the reference)", "",
           "| theme | structure | step | plain growth | rst growth | relative | "
           f"ratio change (target ≤ {GROWTH_TARGET}) |",
           "|---|---|---|---:|---:|---:|---:|"]
    for theme, structure in dict.fromkeys((k[0], k[1]) for k in groups):
        for small, large in itertools.pairwise(sizes):
            before, after = groups.get((theme, structure, small)), groups.get((theme, structure, large))
            if not before or not after:
                continue
            growth = {}
            for f in ("plain", "rst"):
                first, last = median(before, f, "cpu"), median(after, f, "cpu")
                growth[f] = last / first if first and last else None
            relative = (growth["rst"] / growth["plain"]
                        if growth["rst"] and growth["plain"] else None)
            r1, r2 = ratio(before, "rst", "cpu"), ratio(after, "rst", "cpu")
            change = r2 / r1 if r1 and r2 else None
            out.append("| " + " | ".join([
                theme, structure, f"{small:,} → {large:,}", fmt(growth["plain"]),
                fmt(growth["rst"]), fmt(relative), fmt(change) + mark(change, GROWTH_TARGET),
            ]) + " |")
    out.append("")
    return out


def import_tables(rows: list[dict[str, Any]]) -> str:
    rows = [r for r in rows if r["suite"] == "import"]
    if not rows:
        return ""
    groups = _paired(rows, ("n", "scenario"))
    sizes = sorted({r["n"] for r in rows})
    out = ["## Importing N calendar events, then building the site they make", "",
           "CPU seconds (medians); `import` is `sphinx-seminars import ics` writing the talk "
           "files, `build` a full build of the imported site; per event: import CPU ÷ N "
           "(flat = linear).", "",
           "| events | talks | import CPU s | import MiB | build CPU s | build MiB | "
           "import ÷ build | import ms per event |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        imp, build = groups.get((n, "import"), {}), groups.get((n, "import-build"), {})
        talks = next(iter(imp.get("rst", {}).values()), {}).get("talks", "–")
        cpu, built = median(imp, "rst", "cpu"), median(build, "rst", "cpu")
        out.append("| " + " | ".join([
            f"{n:,}", str(talks), fmt(cpu), fmt(median(imp, "rst", "rss"), ".0f"), fmt(built),
            fmt(median(build, "rst", "rss"), ".0f"),
            fmt(cpu / built if cpu and built else None),
            fmt(cpu / n * 1000 if cpu else None),
        ]) + " |")
    out.append("")
    return "\n".join(out)


def environment_note() -> str:
    import platform
    from importlib.metadata import PackageNotFoundError, version

    names = ["sphinx", "docutils", "myst-parser", "alabaster", "furo", "sphinx_rtd_theme",
             "pydata-sphinx-theme", "sphinxext-seminars"]
    found = []
    for name in names:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return (f"Python {platform.python_version()}, {os.cpu_count()} CPUs; "
            + ", ".join(found))


def report(rows: list[dict[str, Any]]) -> str:
    parts = [environment_note(), "", sizes_tables(rows), matrix_tables(rows),
             import_tables(rows)]
    return "\n".join(p for p in parts if p is not None)


# -- command line -------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000], help="site sizes")
    parser.add_argument("--large", action="store_true", help="also N = 5,000 and 10,000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--flavours", nargs="+", default=list(FLAVOURS), choices=FLAVOURS)
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS), choices=SCENARIOS)
    parser.add_argument("--theme", default="alabaster", help="theme of the size benchmarks")
    parser.add_argument("--matrix", action="store_true",
                        help="run the theme x structure matrix instead of the size benchmarks")
    parser.add_argument("--themes", nargs="+", default=list(THEMES))
    parser.add_argument("--matrix-n", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--structures", nargs="+", default=["orphan", "toctree"],
                        choices=generate.STRUCTURES)
    parser.add_argument("--toctree-max-n", type=int, default=1000,
                        help="skip the (quadratic) toctree structure above this N")
    parser.add_argument("--import-events", type=int, nargs="+", metavar="N",
                        help="instead of the size benchmarks: import N calendar events and "
                        "build the site they make (e.g. 1000 5000 20000)")
    parser.add_argument("--import-build-max", type=int, metavar="N",
                        help="with --import-events: build the imported site only up to N events")
    parser.add_argument("--code", default="HEAD",
                        help="git revision of sphinxext/ to measure, 'worktree', or a folder "
                        "holding a sphinxext/seminars copy (to measure a patch)")
    parser.add_argument("--plain-speakers", choices=("headings", "rubrics"), default="headings",
                        help="the baseline's speakers page: a section or a rubric per speaker "
                        "(headings make the baseline quadratic in furo; see RESULTS.md)")
    parser.add_argument("--name", help="results file stem (default: a time stamp)")
    parser.add_argument("--report", type=Path, nargs="+",
                        help="only print the tables of earlier .jsonl results")
    args = parser.parse_args(argv)

    if args.report:
        rows = [json.loads(line) for path in args.report for line in path.read_text().splitlines()
                if line.strip()]
        print(report(rows))
        return
    if "plain" not in args.flavours:
        parser.error("the plain baseline is needed for the ratios")
    global CODE_PATH
    CODE_PATH, code = snapshot_code(args.code)
    generate.PLAIN_SPEAKER_HEADINGS = args.plain_speakers == "headings"
    print(f"measuring sphinxext.seminars at {code}", flush=True)
    stem = args.name or time.strftime("%Y%m%d-%H%M%S") + (
        "-matrix" if args.matrix else "-import" if args.import_events else "")
    rec = Recorder(RESULTS / f"{stem}.jsonl")
    if args.matrix:
        sizes = sorted(set(args.matrix_n) | ({10000} if args.large else set()))
        run_matrix(rec, sizes, args.repeat, args.themes, args.structures, args.toctree_max_n)
    elif args.import_events:
        run_import(rec, sorted(args.import_events), args.repeat, args.theme,
                   args.import_build_max)
    else:
        sizes = sorted(set(args.n) | ({5000, 10000} if args.large else set()))
        flavours = tuple(f for f in FLAVOURS if f in args.flavours)
        run_sizes(rec, sizes, args.repeat, flavours, tuple(args.scenarios), args.theme)
    text = f"Extension code: {code}.\n" + report(rec.rows)
    if rec.failures:
        text += "\n\nFailed builds (see benchmarks/_work/logs):\n" + "\n".join(
            f"- {f}" for f in rec.failures)
    (RESULTS / f"{stem}.md").write_text(text + "\n")
    print()
    print(text)


if __name__ == "__main__":
    main()
