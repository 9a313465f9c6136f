"""Calendars and exports of a parallel build, made in a process of their own.

With ``-j N`` the outputs are made in a process forked when Sphinx starts writing
pages (``publish.start_outputs``), and waited for at ``build-finished``. They must
be the bytes a serial build makes, their warnings must reach the build's log once,
and what they wrote must be recorded as in a serial build.
"""

from __future__ import annotations

import json
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from conftest import ROOTS, build_site, seminars_warnings

from sphinxext.seminars import publish

ROOT = ROOTS / "test-aggregate"
MORE = ROOTS / "test-incremental"


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every file the extension writes under its prefix, by path."""
    folder = outdir / "seminars"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in {".ics", ".json", ".atom", ".bib"}
    }


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """The aggregate site, with a source that gives one of this site's own UIDs
    (so that making the site calendar warns) and enough pages to write in parallel."""
    first = build_site("html", ROOT, tmp_path / "first", freshenv=True, status=StringIO(),
                       warning=StringIO())
    own = tmp_path / "own.json"
    shutil.copy(Path(first.outdir, "seminars", "talks.json"), own)
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    conf = (src / "conf.py").read_text("utf-8")
    conf = conf[: conf.index("seminars_sources")] + f"seminars_sources = {{'self': {str(own)!r}}}\n"
    (src / "conf.py").write_text(conf, "utf-8")
    for path in sorted(MORE.glob("[a-g].rst")):
        shutil.copy(path, src / path.name)
    return src


@pytest.fixture
def made_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A file that names the process which made the outputs (the last build's)."""
    record = tmp_path / "made-in"
    original = publish.make_outputs

    def recording(app):
        record.write_text(str(os.getpid()))
        return original(app)

    monkeypatch.setattr(publish, "make_outputs", recording)
    return record


def test_parallel_outputs_are_made_beside_the_pages_with_the_same_bytes(
    src: Path, tmp_path: Path, made_in: Path
) -> None:
    serial = build_site("html", src, tmp_path / "serial", freshenv=True, status=StringIO(),
                        warning=StringIO())
    assert made_in.read_text() == str(os.getpid())
    parallel = build_site("html", src, tmp_path / "parallel", freshenv=True, parallel=2,
                          status=StringIO(), warning=StringIO())
    assert made_in.read_text() != str(os.getpid())

    expected = outputs(Path(serial.outdir))
    assert "talks.ics" in expected and "talks.json" in expected
    assert outputs(Path(parallel.outdir)) == expected
    # The warning of the outputs' process is in the build's log, once.
    assert seminars_warnings(parallel) == seminars_warnings(serial)
    clashes = parallel.warning.getvalue().count("has the calendar UID of a talk of this site")
    assert clashes == 1
    # What was written is recorded as a serial build records it.
    manifest = "seminars-outputs.json"
    recorded = json.loads(Path(parallel.doctreedir, manifest).read_text("utf-8"))
    expected_record = json.loads(Path(serial.doctreedir, manifest).read_text("utf-8"))
    assert [sorted(v) for v in recorded.values()] == [sorted(v) for v in expected_record.values()]


def test_parallel_rebuild_keeps_unchanged_outputs_and_removes_none(
    src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = build_site("html", src, out, freshenv=True, parallel=2, status=StringIO(),
                       warning=StringIO())
    folder = Path(first.outdir, "seminars")
    stamps = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    assert any(p.suffix == ".ics" for p in stamps)

    again = build_site("html", src, out, parallel=2, status=StringIO(), warning=StringIO())
    assert {p: p.stat().st_mtime_ns for p in Path(again.outdir, "seminars").rglob("*")
            if p.is_file()} == stamps


def test_a_failed_build_waits_for_the_outputs_process(
    src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made_in: Path
) -> None:
    """An exception while pages are written fails the build as a serial one does; the
    outputs' process is waited for (not killed half-way through a file), so it is gone
    and leaves no temporary file."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    def broken(self, *args, **kwargs):
        raise RuntimeError("writing failed")

    monkeypatch.setattr(StandaloneHTMLBuilder, "write_documents", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="writing failed"):
        build_site("html", src, out, freshenv=True, parallel=2,
                   status=StringIO(), warning=StringIO())
    assert not publish._BACKGROUND
    child = int(made_in.read_text())
    assert child != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)
    assert not list(out.rglob("*.tmp"))
