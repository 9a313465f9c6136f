"""``sphinx-seminars check``: validate a site's talks without writing the site.

Sphinx reads every document with the site's own ``conf.py`` and resolves
references with the ``dummy`` builder (which writes nothing) into a temporary
folder, so every warning a real build gives about talks, listings and
references is seen, in seconds, fit for pre-commit hooks and CI.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(
    r"^(?:(?P<location>.*?)(?::(?P<line>\d+))?: )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): "
    r"(?P<message>.*?)(?: \[(?P<type>[\w.-]+)\])?$"
)


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    kind: str
    message: str
    seminars: bool

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else (self.path or "<config>")
        return f"{where}: {self.kind}: {self.message}"


def parse_warnings(text: str, srcdir: Path) -> list[Finding]:
    """Sphinx's warning lines as findings (paths relative to the source folder)."""
    found = []
    for raw in _ANSI.sub("", text).splitlines():
        match = _WARNING.match(raw.strip())
        if not match:
            continue
        location = match["location"] or ""
        try:
            location = Path(location).resolve().relative_to(srcdir.resolve()).as_posix()
        except (ValueError, OSError):
            pass
        kind = match["type"] or match["level"].lower()
        seminars = kind.startswith("seminars.")
        found.append(
            Finding(
                location,
                int(match["line"] or 0),
                kind.removeprefix("seminars.") if seminars else kind,
                match["message"],
                seminars,
            )
        )
    return found


def run_check(
    srcdir: Path,
    *,
    confdir: Path | None = None,
    all_warnings: bool = False,
    jobs: int = 1,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print ``file:line: subtype: message`` per problem; 1 if any, 2 if Sphinx failed."""
    out = out or sys.stdout
    err = err or sys.stderr
    confdir = confdir or srcdir
    if not (confdir / "conf.py").is_file():
        err.write(f"error: no conf.py in {confdir}; give the site's source folder\n")
        return 2
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.console import nocolor

    nocolor()
    warnings = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="sphinx-seminars-check-") as scratch:
        try:
            app = Sphinx(
                str(srcdir),
                str(confdir),
                str(Path(scratch, "out")),
                str(Path(scratch, "doctrees")),
                "dummy",
                status=None,
                warning=warnings,
                freshenv=True,
                parallel=jobs,
            )
            app.build(force_all=True)
        except (SphinxError, OSError, SyntaxError) as error:
            err.write(f"error: Sphinx could not read the site: {error}\n")
            for finding in parse_warnings(warnings.getvalue(), srcdir):
                err.write(f"{finding}\n")
            return 2
    findings = [
        f for f in parse_warnings(warnings.getvalue(), srcdir) if all_warnings or f.seminars
    ]
    for finding in findings:
        out.write(f"{finding}\n")
    files = len({f.path for f in findings})
    if findings:
        err.write(f"{len(findings)} problems in {files} files\n")
        return 1
    err.write("no problems found\n")
    return 0
