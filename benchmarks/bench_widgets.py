"""Cost of the filter bars, month view and sidebar widgets on a full build.

The generated reST archive (``generate.py``) is built as it is, then again with a
filter bar on every listing (``seminars_listing_filters = True``), the upcoming
talks of the home page also as a month view, and both sidebar widgets on every
page (``html_sidebars``). Target (issue 14): at 1,000 talks the filter data adds
at most 5 % to a full build. Also reported: the bytes of filter data the pages
carry and of the filter script.

    python benchmarks/bench_widgets.py            # 1,000 talks, one run each
    python benchmarks/bench_widgets.py -n 300 -r 3

Each build is a subprocess ``python -m sphinx -q -b html`` of the worktree's code
(``PYTHONPATH`` as given), the two interleaved when repeated; CPU time is the
child's user + system time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import sphinx_build  # noqa: E402

STATIC = HERE.parent / "sphinxext" / "seminars" / "static"
WITH_WIDGETS = """
# bench_widgets.py: every listing with a filter bar, both widgets in the sidebar.
seminars_listing_filters = True
html_sidebars = {"**": ["about.html", "searchfield.html", "navigation.html",
                        "seminars/next-talks.html", "seminars/topics-cloud.html"]}
"""
MONTH_VIEW = "\n\nMonth view\n----------\n\n.. talks::\n   :when: upcoming\n   :format: calendar\n"


def make_sites(root: Path, n: int) -> dict[str, Path]:
    plain = root / "plain-listings"
    generate.generate(plain, n, "rst")
    widgets = root / "widgets"
    generate.generate(widgets, n, "rst")
    conf = widgets / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + WITH_WIDGETS, encoding="utf-8")
    index = widgets / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + MONTH_VIEW, encoding="utf-8")
    return {"without": plain, "with": widgets}


def filter_bytes(outdir: Path) -> tuple[int, int, int]:
    """(pages with filter data, bytes of filter data in them, pages with both widgets)."""
    pages = total = widgets = 0
    marker = '<script type="application/json" class="seminars-filter-data">'
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        widgets += "seminars-next-talks" in text and "seminars-topics" in text
        if marker not in text:
            continue
        pages += 1
        for part in text.split(marker)[1:]:
            total += len(part.split("</script>", 1)[0].encode())
    return pages, total, widgets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of talks")
    parser.add_argument("-r", "--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="seminars-widgets-") as scratch:
        root = Path(scratch)
        sites = make_sites(root, args.n)
        times: dict[str, list[dict[str, float]]] = {name: [] for name in sites}
        for repeat in range(args.repeat):
            for name, src in sites.items():
                out = root / f"out-{name}-{repeat}"
                times[name].append(sphinx_build(src, out, log=root / f"{name}-{repeat}.log"))
        result: dict[str, object] = {"talks": args.n, "repeats": args.repeat}
        for metric in ("wall", "cpu", "rss"):
            without = statistics.median(t[metric] for t in times["without"])
            with_ = statistics.median(t[metric] for t in times["with"])
            result[metric] = {"without": round(without, 2), "with": round(with_, 2),
                              "ratio": round(with_ / without, 3)}
        result["warnings"] = {name: [t["warnings"] for t in runs] for name, runs in times.items()}
        pages, data, widgets = filter_bytes(root / f"out-with-{args.repeat - 1}" / "html")
        result["filter_data"] = {"pages": pages, "bytes": data}
        result["pages_with_widgets"] = widgets
        script = (STATIC / "seminars-filters.js").read_bytes()
        result["script_bytes"] = {"raw": len(script), "gzip": len(gzip.compress(script, 9))}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
