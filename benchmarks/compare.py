"""A/B full builds: the plain baseline and the reST site under several versions of the code.

For each repeat and N (N innermost), builds the baseline, then the reST site once per
``--code`` (a git revision, ``worktree`` or a folder holding a patched
``sphinxext/seminars`` copy), and prints CPU/wall/peak memory with the ratio to
the baseline of the same repeat. With ``--edit``, each full build is followed by an
incremental one after an author's edit (one talk's abstract), timed as ``edit``. Rows go
to ``benchmarks/results/<name>.jsonl``.

    python benchmarks/compare.py --n 1000 3000 --repeat 2 --code HEAD benchmarks/_work/code/patched
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import run  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--code", nargs="+", default=["HEAD"])
    parser.add_argument("--theme", default="alabaster")
    parser.add_argument("--name", default=time.strftime("%Y%m%d-%H%M%S") + "-compare")
    parser.add_argument("--edit", action="store_true",
                        help="also time an incremental build after editing one talk")
    args = parser.parse_args(argv)

    versions = [("plain", None, "plain")]
    for revision in args.code:
        path, label = run.snapshot_code(revision)
        versions.append((label, path, "rst"))
    work = run.WORK / "compare"
    for n in args.n:
        for flavour in ("plain", "rst"):
            generate.generate(work / f"src-{flavour}-{n}", n, flavour, theme=args.theme)
    results = run.RESULTS / f"{args.name}.jsonl"
    results.parent.mkdir(parents=True, exist_ok=True)
    rows: dict[tuple[int, str, str], list[dict]] = defaultdict(list)
    scenarios = ("full", "edit") if args.edit else ("full",)
    for repeat in range(args.repeat):
        for n in args.n:
            for label, path, flavour in versions:
                run.CODE_PATH = path
                out = work / f"out-{n}"
                src = work / f"src-{flavour}-{n}"
                shutil.rmtree(out, ignore_errors=True)
                for scenario in scenarios:
                    if scenario == "edit":
                        generate.generate(src, n, flavour, theme=args.theme, mutations=("edit",))
                    log = work / "logs" / f"{label.replace('/', '_')}-{n}-{scenario}.log"
                    result = run.sphinx_build(src, out, log=log)
                    row = {"n": n, "repeat": repeat, "label": label, "scenario": scenario,
                           **result}
                    rows[(n, label, scenario)].append(row)
                    with results.open("a") as stream:
                        stream.write(json.dumps(row) + "\n")
                    print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                                   for k, v in row.items()), flush=True)
                if "edit" in scenarios:
                    generate.generate(src, n, flavour, theme=args.theme)  # undo the edit
    print("\n| N | scenario | code | CPU s (median) | wall s (median) | CPU × baseline "
          "| MiB × baseline |\n|---:|---|---|---:|---:|---:|---:|")
    for n in args.n:
        for scenario in scenarios:
            base = rows[(n, "plain", scenario)]
            for label, _, _ in versions:
                mine = rows[(n, label, scenario)]
                cpu = statistics.median(r["cpu"] for r in mine)
                wall = statistics.median(r["wall"] for r in mine)
                ratio = statistics.median(m["cpu"] / b["cpu"] for m, b in zip(mine, base))
                memory = statistics.median(m["rss"] / b["rss"] for m, b in zip(mine, base))
                print(f"| {n} | {scenario} | {label} | {cpu:.1f} | {wall:.1f} | {ratio:.2f} "
                      f"| {memory:.2f} |")


if __name__ == "__main__":
    main()
