"""Build the same sites with two versions of the code and diff every output file.

A refactoring must not change what users get: this builds the documentation (with
its demo archive), every small site under ``tests/roots/`` and a generated archive
(a clean build, then an incremental one after an author's edit) once per version,
and reports every output file that is missing on one side or differs in a byte,
and any difference in the warnings.

    python benchmarks/compare_builds.py --code main HEAD --out /tmp/cmp

``--code`` takes two checkouts (folders holding ``sphinxext/seminars``, ``docs`` and
``tests/roots``) or git revisions; each is copied in turn to the same folder and its
sites come from its own copy. With ``--reuse`` the builds of the first
version already in ``--out`` are kept (build the reference once, compare often).
Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

EPOCH = generate.SOURCE_DATE_EPOCH
#: Folders of a build that hold pickles (module paths of classes live there), not output.
SKIP = {".doctrees"}


def checkout(spec: str, target: Path) -> Path:
    """Put the version ``spec`` (a folder or a git revision) into ``target``.

    Both versions are built from the same folder: absolute paths (the templates
    folder, in the config hash of ``.buildinfo``) then differ in nothing.
    """
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    if (Path(spec) / "sphinxext" / "seminars" / "__init__.py").exists():
        ignore = shutil.ignore_patterns("__pycache__", "_build", "*.pyc")
        for part in ("sphinxext", "docs", "tests/roots"):
            shutil.copytree(Path(spec) / part, target / part, ignore=ignore)
        return target
    commit = subprocess.run(["git", "rev-parse", spec], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    archive = subprocess.run(["git", "archive", commit, "sphinxext", "docs", "tests/roots"],
                             cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def build(code: Path, src: Path, out: Path, log: Path, builder: str = "html") -> None:
    """One ``sphinx-build`` in a subprocess; its status and warnings go to ``log``."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0", PYTHONPATH=str(code),
               NO_COLOR="1")
    command = [sys.executable, "-m", "sphinx", "-q", "-n", "-b", builder,
               "-d", str(out / ".doctrees"), str(src), str(out)]
    # Not from the checkout's folder: ``python -m`` puts the working folder first on sys.path.
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=out.parent)
    text = (
        result.stderr.replace(str(src), "<src>")
        .replace(str(code), "<code>")
        .replace(str(out.parent), "<out>")  # old/ and new/ are different folders
    )
    with log.open("a") as stream:
        stream.write(f"== {src.name} {builder}: exit {result.returncode}\n{text}")


def build_all(code: Path, out: Path, sites: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    log = out / "warnings.log"
    build(code, code / "docs", out / "docs", log)
    for root in sorted((code / "tests" / "roots").iterdir()):
        if (root / "conf.py").exists():
            build(code, root, out / root.name, log)
    for flavour in ("rst", "myst"):
        src = out / f"src-{flavour}"
        shutil.copytree(sites / flavour, src)
        build(code, src, out / f"gen-{flavour}", log)
        # The incremental build writes into the clean build's folders, as an author's would.
        for step, mutations in (("edit", ("edit",)), ("add", ("edit", "add"))):
            generate.generate(src, 150, flavour, mutations=mutations)
            build(code, src, out / f"gen-{flavour}", log)
            shutil.copytree(out / f"gen-{flavour}", out / f"gen-{flavour}-{step}",
                            ignore=shutil.ignore_patterns(*SKIP))
        shutil.rmtree(src)


def differences(left: Path, right: Path) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(left):
        dirs[:] = sorted(d for d in dirs if d not in SKIP and not d.startswith("src-"))
        rel = Path(folder).relative_to(left)
        for name in sorted(files):
            other = right / rel / name
            if not other.exists():
                found.append(f"only in old: {rel / name}")
            elif not filecmp.cmp(Path(folder) / name, other, shallow=False):
                found.append(f"differs: {rel / name}")
    for folder, dirs, files in os.walk(right):
        dirs[:] = sorted(d for d in dirs if d not in SKIP and not d.startswith("src-"))
        rel = Path(folder).relative_to(right)
        found += [f"only in new: {rel / n}" for n in sorted(files) if not (left / rel / n).exists()]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", nargs=2, required=True, metavar=("OLD", "NEW"))
    parser.add_argument("--out", type=Path, default=HERE / "_work" / "compare-builds")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the builds of OLD already in --out")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    sites = out / "sites"
    for flavour in ("rst", "myst"):
        if not (sites / flavour).exists():
            generate.generate(sites / flavour, 150, flavour)
    code = out / "checkout"
    if not (args.reuse and (out / "old" / "warnings.log").exists()):
        build_all(checkout(args.code[0], code), out / "old", sites)
    build_all(checkout(args.code[1], code), out / "new", sites)
    found = differences(out / "old", out / "new")
    for line in found:
        print(line)
    files = sum(len(f) for _, _, f in os.walk(out / "new"))
    print(f"{files} files compared, {len(found)} differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
