"""Re-extract the message template, update every catalog, check and compile them.

Run after changing a translatable string: ``python scripts/update_catalogs.py``.
Translations are kept in ``sphinxext/seminars/locales/<lang>/LC_MESSAGES/*.po``.

``--check`` changes nothing: it fails (exit status 1) when the template is not
the code's messages, or a catalog misses a message, has a fuzzy one or a
translation whose placeholders differ from the source's. Without it the script
extracts, merges, prints each catalog's completeness and problems, and compiles.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sphinxext.seminars.core import catalogs  # noqa: E402


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


def keyword_options() -> list[str]:
    options = []
    for name, spec in catalogs.KEYWORDS.items():
        options += ["-k", name if spec == ("1",) else f"{name}:{','.join(spec)}"]
    return options


def template_problems() -> list[str]:
    """Messages of the code missing from the template on disk, and the reverse."""
    code = set(catalogs.extract())
    template = {catalogs.key(m.id, m.context) for m in catalogs.read(catalogs.TEMPLATE) if m.id}
    problems = [
        f"template: missing {m!r} (run scripts/update_catalogs.py)" for m in code - template
    ]
    problems += [f"template: no longer used {m!r}" for m in template - code]
    return sorted(problems)


def report() -> list[str]:
    problems = template_problems()
    for language in catalogs.languages():
        status = catalogs.check(language)
        print(f"{language}: {status.translated} of {status.total} ({status.percent}%)")
        problems += status.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    return problems


def update() -> None:
    pybabel(
        "extract",
        *keyword_options(),
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-o",
        str(catalogs.TEMPLATE),
        str(catalogs.PACKAGE),
    )
    pybabel(
        "update",
        "--no-fuzzy-matching",
        "--ignore-obsolete",
        "-i",
        str(catalogs.TEMPLATE),
        "-d",
        str(catalogs.LOCALES),
        "-D",
        catalogs.DOMAIN,
    )
    # A catalog started from the template has a fuzzy header, which compile
    # would skip; the translator's entries decide, not the header.
    for po in catalogs.LOCALES.glob(f"*/LC_MESSAGES/{catalogs.DOMAIN}.po"):
        with po.open("rb") as stream:
            catalog = read_po(stream)
        if catalog.fuzzy:
            catalog.fuzzy = False
            with po.open("wb") as stream:
                write_po(stream, catalog, width=99)
    pybabel("compile", "-d", str(catalogs.LOCALES), "-D", catalogs.DOMAIN)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail on any problem")
    options = parser.parse_args(argv)
    if not options.check:
        update()
    return 1 if report() and options.check else 0


if __name__ == "__main__":
    sys.exit(main())
