"""``sphinx-build -W --keep-going``: one bad talk fails the build with exactly its warnings.

The site is written into a temporary folder: a home page with a listing and
the speakers cloud, a few good talks, and one talk with an unknown time zone
and an unknown status. Builds run Sphinx's own command line in-process
(``sphinx.cmd.build.build_main``) and once as a subprocess, each writing its
warnings to a file (``-w``) that is then parsed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

CONF = """\
extensions = ["sphinxext.seminars"]
project = "Strict"
html_theme = "basic"
html_baseurl = "https://seminars.example.org/"
seminars_now = "2024-01-01T00:00:00+00:00"
"""
INDEX = """\
Strict
======

.. toctree::
   :glob:

   talks/*

.. talks::

.. speakers-cloud::
"""
GOOD = """\
.. talk:: Good talk {n}
   :speaker: Ada Lovelace (UCL)
   :date: 2023-0{n}-10 14:00
   :series: Seminar
"""
BAD = """\
.. talk:: The bad talk
   :speaker: Carl Gauss
   :date: 2023-05-10 14:00
   :timezone: Mars/Olympus
   :status: maybe

   Its abstract still renders.
"""
EXPECTED = [
    ("talks/bad.rst", 4, "seminars.bad-timezone"),
    ("talks/bad.rst", 5, "seminars.bad-option-value"),
]
_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): (?:WARNING|ERROR): .*? \[(?P<type>[\w.-]+)\]$"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "talks").mkdir(parents=True)
    (src / "conf.py").write_text(CONF)
    (src / "index.rst").write_text(INDEX)
    for n in (1, 2, 3):
        (src / "talks" / f"good{n}.rst").write_text(GOOD.format(n=n))
    (src / "talks" / "bad.rst").write_text(BAD)
    return src


def strict_args(src: Path, *extra: str) -> list[str]:
    return ["-b", "html", "-W", "--keep-going", "-q", "-N", "-E",
            "-w", str(src.parent / "warnings.txt"), *extra, str(src), str(src.parent / "out")]  # fmt: skip


def reported(src: Path) -> list[tuple[str, int, str]]:
    """(file relative to the sources, line, type) of every warning line; any other line fails."""
    found = []
    for raw in (src.parent / "warnings.txt").read_text("utf-8").splitlines():
        match = _LINE.match(raw.strip())
        assert match, raw
        name = Path(match["file"]).relative_to(src).as_posix()
        found.append((name, int(match["line"]), match["type"]))
    return found


def test_one_bad_talk_fails_the_build_with_exactly_its_warnings(site: Path) -> None:
    assert build_main(strict_args(site)) == 1
    assert reported(site) == EXPECTED
    # --keep-going: the whole site is still written, the bad talk in it.
    page = BeautifulSoup((site.parent / "out" / "index.html").read_text("utf-8"), "html5lib")
    listed = [item["data-seminars-talk-id"] for item in page.select(".seminars-item")]
    assert sorted(listed) == ["talks/bad", "talks/good1", "talks/good2", "talks/good3"]
    bad = BeautifulSoup(
        (site.parent / "out" / "talks" / "bad.html").read_text("utf-8"), "html5lib"
    )
    assert bad.find(string=re.compile("Its abstract still renders")) is not None


def test_without_the_bad_talk_the_strict_build_passes(site: Path) -> None:
    (site / "talks" / "bad.rst").unlink()
    assert build_main(strict_args(site)) == 0
    assert reported(site) == []


@pytest.mark.parametrize(
    ("suppressed", "exit_code"),
    [
        (["seminars.bad-timezone"], 1),
        (["seminars.bad-option-value"], 1),
        (["seminars.bad-timezone", "seminars.bad-option-value"], 0),
        (["seminars"], 0),
    ],
)
def test_suppress_warnings_silences_exactly_that_kind(
    site: Path, suppressed: list[str], exit_code: int
) -> None:
    (site / "conf.py").write_text(CONF + f"suppress_warnings = {suppressed!r}\n")
    assert build_main(strict_args(site)) == exit_code
    assert reported(site) == [
        w for w in EXPECTED if w[2] not in suppressed and "seminars" not in suppressed
    ]


def test_the_command_line_fails_the_same_way(site: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", *strict_args(site)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert reported(site) == EXPECTED
    assert "Traceback" not in done.stderr
