"""Where a build's work goes, in measures that other load on the machine does not change.

For one generated site (``generate.py``), runs the full build and then each
incremental scenario (edit, add, delete one talk) in turn, each in its own
subprocess, and records for every build:

- the documents Sphinx read (``env-before-read-docs``) and the pages it wrote
  again, split into pages whose bytes changed and pages re-written with the
  same bytes (a re-written page that did not change is wasted work);
- the files of the extension (calendars, feeds, ``talks.json``...) written;
- the size of the pickled environment and of the extension's own pickles;
- with ``--profile``, a cProfile of the build (``<out>/<scenario>.pstats``) and the
  cumulative-time shares of the extension's and Sphinx's main phases;
- with ``--tracemalloc``, the peak of traced memory and the largest allocation sites
  at the end of the read phase (``env-updated``) and at the end of the build.

Nothing here depends on wall-clock time except the shares of a profile, which are
ratios inside one process.

    python benchmarks/profile_build.py --n 1000 --flavour rst --profile --out /tmp/prof
    python benchmarks/profile_build.py --n 1000 --structure toctree --profile --out /tmp/prof-tt
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import pstats
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import run  # noqa: E402

#: What the child process runs: a Sphinx application built in-process, so that the
#: documents it reads are recorded from its own event.
CHILD = r"""
import json, os, sys, resource, time
args = json.loads(sys.argv[1])
trace = args["tracemalloc"]
if trace:
    import tracemalloc
    tracemalloc.start(8)
from sphinx.application import Sphinx
read = []
snapshots = {}

def top(snapshot, limit=15):
    stats = snapshot.statistics("filename")
    return [(str(s.traceback[0].filename), s.size) for s in stats[:limit]]

def before_read(app, env, docnames):
    read.extend(docnames)

def env_updated(app, env):
    if trace:
        snapshots["read"] = {"current": tracemalloc.get_traced_memory()[0],
                             "top": top(tracemalloc.take_snapshot())}

profiler = None
if args["pstats"]:
    # CPU time, not cProfile's default wall clock: other load on the machine must not
    # show up as time spent in whatever function was running when it was descheduled.
    import cProfile
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
app = Sphinx(args["src"], args["src"], args["out"] + "/html", args["out"] + "/.doctrees",
             "html", status=None, warning=sys.stderr, freshenv=False, parallel=args["jobs"])
app.connect("env-before-read-docs", before_read)
app.connect("env-updated", env_updated)
cpu = time.process_time()
app.build()
if profiler is not None:
    profiler.disable()
    profiler.dump_stats(args["pstats"])
result = {"read": sorted(read), "cpu": time.process_time() - cpu,
          "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if trace:
    current, peak = tracemalloc.get_traced_memory()
    snapshots["end"] = {"current": current, "top": top(tracemalloc.take_snapshot())}
    result["tracemalloc_peak"] = peak
    result["snapshots"] = snapshots
print("RESULT " + json.dumps(result))
"""


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``folder``: (mtime in ns, digest of its bytes)."""
    files = {}
    if folder.is_dir():
        for path in folder.rglob("*"):
            if path.is_file():
                files[path.relative_to(folder).as_posix()] = (
                    path.stat().st_mtime_ns, hashlib.sha1(path.read_bytes()).hexdigest()
                )
    return files


def written(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> dict:
    """Files created, changed, re-written with the same bytes, and removed."""
    out: dict[str, list[str]] = {"new": [], "changed": [], "same": [], "removed": []}
    for name, (mtime, digest) in after.items():
        if name not in before:
            out["new"].append(name)
        elif before[name][1] != digest:
            out["changed"].append(name)
        elif before[name][0] != mtime:
            out["same"].append(name)
    out["removed"] = sorted(set(before) - set(after))
    return {k: sorted(v) for k, v in out.items()}


def pickle_sizes(doctrees: Path) -> dict[str, Any]:
    """Bytes of the pickled environment, of the extension's pickles, and the domain's share."""
    sizes: dict[str, Any] = {}
    env_path = doctrees / "environment.pickle"
    if env_path.is_file():
        sizes["environment.pickle"] = env_path.stat().st_size
        with env_path.open("rb") as stream:
            env = pickle.load(stream)
        data = env.domaindata.get("seminars", {})
        sizes["seminars domain data"] = len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
        sizes["seminars domain data by key"] = {
            key: len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in data.items()
        }
        sizes["all domain data"] = len(pickle.dumps(env.domaindata, pickle.HIGHEST_PROTOCOL))
    for path in sorted(doctrees.glob("seminars*")):
        sizes[path.name] = path.stat().st_size
    doctree_bytes = sum(p.stat().st_size for p in doctrees.rglob("*.doctree"))
    sizes["doctrees"] = doctree_bytes
    return sizes


def profile_shares(path: Path, limit: int = 30) -> list[tuple[str, int, float, float]]:
    """(function, calls, cumulative s, share of the total) of the heaviest functions."""
    stats = pstats.Stats(str(path))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (filename, line, name), (_cc, nc, _tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "seminars" in filename or "sphinx/builders" in filename or \
                "sphinx/environment" in filename or "sphinx/application" in filename:
            short = filename.split("site-packages/")[-1].split("sphinxext/")[-1]
            rows.append((f"{short}:{line}({name})", nc, ct, ct / total if total else 0.0))
    rows.sort(key=lambda r: -r[2])
    return rows[:limit]


def build(src: Path, out: Path, scenario: str, *, profile: bool, trace: bool,
          jobs: int = 1) -> dict[str, Any]:
    html = out / "html"
    before = snapshot(html)
    args = {"src": str(src), "out": str(out), "tracemalloc": trace, "jobs": jobs}
    pstats_path = out.parent / f"{out.name}-{scenario}.pstats"
    script = out.parent / "_child.py"
    script.write_text(CHILD)
    args["pstats"] = str(pstats_path) if profile else ""
    command = [sys.executable, str(script), json.dumps(args)]
    env = run.child_environment()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    after = snapshot(html)
    files = written(before, after)
    pages = {k: [f for f in v if f.endswith(".html")] for k, v in files.items()}
    others = {k: [f for f in v if not f.endswith(".html") and not f.startswith("_sources/")
                  and not f.startswith("_static/")] for k, v in files.items()}
    row = {
        "scenario": scenario,
        "cpu": result["cpu"],
        "maxrss": result["maxrss"],
        "read": result["read"],
        "pages": pages,
        "other files": others,
        "pickles": pickle_sizes(out / ".doctrees"),
        "warnings": [x for x in done.stderr.splitlines() if "WARNING" in x][:20],
    }
    if trace:
        row["tracemalloc_peak"] = result["tracemalloc_peak"]
        row["snapshots"] = result["snapshots"]
    if profile:
        row["profile"] = profile_shares(pstats_path)
    return row


def summary(row: dict[str, Any]) -> str:
    lines = [f"== {row['scenario']}: CPU {row['cpu']:.1f} s, peak {row['maxrss']:.0f} MiB, "
             f"read {len(row['read'])} documents"]
    if len(row["read"]) <= 20:
        lines.append("   read: " + " ".join(row["read"]))
    for kind in ("new", "changed", "same", "removed"):
        names = row["pages"][kind]
        shown = " ".join(names if len(names) <= 25 else [*names[:25], "..."])
        lines.append(f"   pages {kind}: {len(names)} {shown}")
    for kind in ("new", "changed", "same", "removed"):
        names = row["other files"][kind]
        shown = " ".join(names if len(names) <= 12 else [*names[:12], "..."])
        lines.append(f"   other files {kind}: {len(names)} {shown}")
    p = row["pickles"]
    lines.append(f"   environment.pickle {p.get('environment.pickle', 0) / 1e6:.2f} MB, seminars "
                 f"domain {p.get('seminars domain data', 0) / 1e6:.2f} MB "
                 f"{ {k: round(v / 1e3) for k, v in p.get('seminars domain data by key', {}).items()} } kB; "
                 + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in p.items()
                             if k.startswith("seminars") and k != "seminars domain data"
                             and isinstance(v, int)))
    if "tracemalloc_peak" in row:
        lines.append(f"   tracemalloc peak {row['tracemalloc_peak'] / 2**20:.0f} MiB")
        for phase, snap in row["snapshots"].items():
            lines.append(f"   at {phase}: {snap['current'] / 2**20:.0f} MiB; "
                         + ", ".join(f"{Path(f).name} {s / 2**20:.1f}" for f, s in snap["top"][:8]))
    if "profile" in row:
        for name, calls, cum, share in row["profile"][:25]:
            lines.append(f"   {share * 100:5.1f} % {cum:7.2f} s {calls:8d}  {name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--flavour", choices=generate.FLAVOURS, default="rst")
    parser.add_argument("--structure", choices=generate.STRUCTURES, default="orphan")
    parser.add_argument("--theme", default="alabaster")
    parser.add_argument("--scenarios", nargs="+", default=["full", "edit", "add", "delete"])
    parser.add_argument("--profile", action="store_true", help="cProfile each build")
    parser.add_argument("--tracemalloc", action="store_true", help="trace memory allocations")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--json", type=Path, help="write the rows as JSON here")
    parser.add_argument("--code", default="worktree",
                        help="git revision of sphinxext/ to profile, 'worktree' or a folder "
                        "(as in run.py)")
    args = parser.parse_args(argv)
    run.CODE_PATH, code = run.snapshot_code(args.code)
    print(f"profiling sphinxext.seminars at {code}", flush=True)

    src = args.out / "src"
    out = args.out / "build"
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    generate.generate(src, args.n, args.flavour, args.structure, args.theme)
    rows = []
    applied: list[str] = []
    for scenario in args.scenarios:
        if scenario != "full":
            applied.append(scenario)
            generate.generate(src, args.n, args.flavour, args.structure, args.theme,
                              mutations=tuple(applied))
        elif out.exists():
            shutil.rmtree(out)
        row = build(src, out, scenario, profile=args.profile, trace=args.tracemalloc)
        rows.append(row)
        print(summary(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
