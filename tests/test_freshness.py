"""The freshness registry: declared kinds only, and nothing transient in pickled data."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from conftest import build_site

from sphinxext.seminars.store.domain import get_domain
from sphinxext.seminars.store.freshness import Freshness, UnknownDependency


def test_an_undeclared_kind_is_refused() -> None:
    freshness = Freshness()
    freshness.declare("talk", lambda domain, talk_id: talk_id)
    freshness.check(("talk", "x"))
    with pytest.raises(UnknownDependency, match="'listng' is not declared"):
        freshness.check(("listng", "x"))
    with pytest.raises(ValueError, match="declared twice"):
        freshness.declare("talk", lambda domain, talk_id: talk_id)
    with pytest.raises(UnknownDependency, match="'pages' is not declared"):
        freshness.planned("out", "pages")


def test_the_domain_refuses_an_undeclared_kind(rootdir: Path, tmp_path: Path) -> None:
    app = build_site("html", rootdir / "test-basic", tmp_path / "out")
    domain = get_domain(app.env)
    domain.add_dependency("index", ("talk", "any-id"))  # declared in setup
    with pytest.raises(UnknownDependency):
        domain.add_dependency("index", ("no-such-kind", "any-id"))


def test_pickled_data_holds_fingerprints_only(rootdir: Path, tmp_path: Path) -> None:
    """What one build needs (pages to render, whether it read documents) is not kept."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-pages", src)
    app = build_site("html", src, tmp_path / "out")
    data = pickle.loads(pickle.dumps(get_domain(app.env).data))
    # Per-document records and the fingerprints; no plan of this build ("pages", "reading").
    assert set(data) <= {
        "version",
        "talks",
        "series",
        "depends",
        "written",
        "private-sources",
        "profiles",
        "venues",
        "feeds",
    }
    kept = data["written"][str(app.outdir)]
    assert set(kept) == {"documents", "pages"}
    assert kept["pages"], "the generated pages are fingerprinted"
    for scope in kept.values():
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in scope.items())


def test_a_rebuild_without_change_writes_no_page(rootdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-pages", src)
    first = build_site("html", src, tmp_path / "out")
    page = next(Path(first.outdir, "seminars", "speakers").glob("*.html"))
    stamp = page.stat().st_mtime_ns
    build_site("html", src, tmp_path / "out")
    assert page.stat().st_mtime_ns == stamp
