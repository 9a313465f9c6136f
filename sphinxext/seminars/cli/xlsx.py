"""Excel workbooks (``.xlsx``) to talk records, with the CSV column rules.

The sheet is read with :mod:`openpyxl` (values only: formulas give their last
computed value, nothing is run); cells become the text a CSV export would
hold, dates in ISO form, and the rows go through :func:`.csv_.read_rows`, so
column names, ``--map``, ``--fill-down`` and every check are those of CSV.
Messages name the row number Excel shows.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Unpack

from .csv_ import RowOptions, read_rows
from .record import Level, Problem, TalkRecord, guarded


def cell_text(value: Any) -> str:
    """A cell's value as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, dt.date | dt.time):
        if isinstance(value, dt.time):
            return value.isoformat(timespec="seconds" if value.second else "minutes")
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def pick_sheet(workbook: Any, sheet: str | None) -> tuple[Any, str | None]:
    """The sheet named ``sheet``, or at that 1-based index; the first by default."""
    names = list(workbook.sheetnames)
    if not sheet:
        return workbook[names[0]], None
    if sheet in names:
        return workbook[sheet], None
    if sheet.isdigit() and 1 <= int(sheet) <= len(names):
        return workbook[names[int(sheet) - 1]], None
    return None, (
        f"no sheet {sheet!r}; the workbook has "
        + ", ".join(repr(n) for n in names)
        + f" (name one, or give its number from 1 to {len(names)})"
    )


@guarded
def read_xlsx(
    path: Path | str,
    data: bytes,
    *,
    sheet: str | None = None,
    **options: Unpack[RowOptions],
) -> tuple[list[TalkRecord], list[Problem]]:
    """The talks of one sheet of a workbook (the first non-empty row is the header)."""
    import zipfile

    from openpyxl import load_workbook

    name = str(path)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        return [], [Problem(name, 0, Level.ERROR, f"not an .xlsx workbook: {error}")]
    try:
        worksheet, error_text = pick_sheet(workbook, sheet)
        if worksheet is None:
            return [], [Problem(name, 0, Level.ERROR, f"--sheet: {error_text}")]
        label = f"{name}[{worksheet.title}]"

        def rows() -> Iterator[tuple[int, list[str]]]:
            for number, row in enumerate(worksheet.iter_rows(values_only=True), 1):
                yield number, [cell_text(value) for value in row]

        return read_rows(label, rows(), where="row", **options)
    finally:
        workbook.close()
