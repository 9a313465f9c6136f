"""Data files a site points the extension at (the speakers file): read as data, safely.

YAML is read without aliases: ``*alias`` references let a few hundred bytes
expand to gigabytes (a "billion laughs" document), and a data file of names
never needs them. Deep nesting and unreadable text are refused too. Every
failure is a :class:`DataFileError` with a message that says what to write.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from . import yamltext


class DataFileError(ValueError):
    """A data file that cannot be read; the message says why and what to write."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: The 1-based line of the problem, when known.
        self.line = line


def load_yaml(text: str) -> Any:
    """The value of a YAML document, scalars as their text, without aliases.

    A data file of names never needs an alias, so the first one refuses the
    whole file (see :mod:`.yamltext`, which reads it as nothing).
    """
    try:
        loaded = yamltext.load(text, all_text=True)
    except yamltext.TooDeep:
        raise DataFileError("nested too deeply; write a flat mapping") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(" ".join(str(error.problem or error).split()), line) from None
    except yaml.YAMLError as error:
        raise DataFileError(" ".join(str(error).split())) from None
    for problem in loaded.problems:
        if problem.alias:
            raise DataFileError(problem.message, problem.line)
    return loaded.data


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise DataFileError("nested too deeply; write a flat mapping") from None
    except json.JSONDecodeError as error:
        raise DataFileError(error.msg, error.lineno) from None
    except ValueError as error:
        raise DataFileError(str(error)) from None


def load_data(text: str, *, is_yaml: bool) -> Any:
    """A JSON or YAML document's value; :class:`DataFileError` when it cannot be read."""
    return load_yaml(text) if is_yaml else load_json(text)
