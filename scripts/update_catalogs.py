"""Re-extract the message template and compile every catalog.

Run after changing a translatable string: ``python scripts/update_catalogs.py``.
Translations are kept in ``sphinxext/seminars/locales/<lang>/LC_MESSAGES/*.po``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "sphinxext" / "seminars"
LOCALES = PACKAGE / "locales"
DOMAIN = "sphinxext.seminars"


def main() -> None:
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    template = LOCALES / f"{DOMAIN}.pot"
    subprocess.run(
        [
            *pybabel,
            "extract",
            "-k",
            "_",
            "-k",
            "__",
            "-k",
            "_t",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(template),
            str(PACKAGE),
        ],
        check=True,
    )
    subprocess.run(
        [
            *pybabel,
            "update",
            "--no-fuzzy-matching",
            "-i",
            str(template),
            "-d",
            str(LOCALES),
            "-D",
            DOMAIN,
        ],
        check=True,
    )
    # A catalog started from the template has a fuzzy header, which compile
    # would skip; the translator's entries decide, not the header.
    for po in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"):
        with po.open("rb") as stream:
            catalog = read_po(stream)
        if catalog.fuzzy:
            catalog.fuzzy = False
            with po.open("wb") as stream:
                write_po(stream, catalog, width=99)
    subprocess.run(
        [*pybabel, "compile", "--statistics", "-d", str(LOCALES), "-D", DOMAIN], check=True
    )


if __name__ == "__main__":
    main()
