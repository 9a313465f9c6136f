"""Tags and topics (pure).

A talk's ``:tags:`` are read by :func:`.parsing.read_tags` (an empty item warns); the
site's :class:`TagVocabulary` (``seminars_tag_aliases`` and ``seminars_tags``)
folds variant spellings into one canonical tag and, when the site declares its
tags, warns about a tag outside them with the closest declared one (the tag is
kept). Each canonical tag is a *topic*, with a generated page.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence

from .model import Problem, fold
from .parsing import clean_text
from .subtypes import Subtype

# -- tags -------------------------------------------------------------------------

#: Longest unknown tag for which the closest declared one is looked for.
_SUGGEST_LENGTH = 64
#: How many unknown spellings get a suggestion (each costs a pass over the declared tags).
_SUGGESTIONS = 100


class TagVocabulary:
    """The site's tags: aliases folded into canonical tags, an optional declared list.

    ``aliases`` maps a variant to its canonical tag (``{"ML": "machine
    learning"}``) and ``declared`` is ``seminars_tags``; both are matched
    without regard to case or accents. A tag that is neither keeps its own
    spelling.
    """

    def __init__(self, aliases: Mapping[str, str] | None = None, declared: Sequence[str] = ()):
        self.declared = tuple(dict.fromkeys(t for t in map(clean_text, declared) if t))
        self._declared = {fold(tag): tag for tag in reversed(self.declared)}
        self._aliases = {
            fold(variant): clean_text(tag)
            for variant, tag in sorted((aliases or {}).items())
            if clean_text(variant) and clean_text(tag)
        }
        self._folded = sorted(self._declared)
        self._suggestions: dict[str, str | None] = {}

    def canonical(self, tag: str) -> str:
        """The canonical spelling of ``tag``."""
        tag = self._aliases.get(fold(tag), tag)
        return self._declared.get(fold(tag), tag)

    def canonical_tags(self, tags: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.canonical(tag) for tag in tags))

    def unknown(self, tags: Iterable[str]) -> list[Problem]:
        """A problem per tag outside ``seminars_tags`` (none when no tags are declared)."""
        if not self.declared:
            return []
        problems = []
        for tag in tags:
            if fold(tag) in self._declared:
                continue
            close = self._closest(fold(tag))
            hint = (
                f"did you mean {close!r}?"
                if close
                else "add it to seminars_tags (or an alias to seminars_tag_aliases)"
            )
            shown = tag if len(tag) <= 80 else tag[:79] + "\u2026"
            problems.append(
                Problem(
                    Subtype.UNKNOWN_TAG,
                    f"tag {shown!r} is not in seminars_tags (it is kept); {hint}",
                    "tags",
                )
            )
        return problems

    def _closest(self, folded: str) -> str | None:
        """The declared tag closest to an unknown one (asked once per spelling).

        Only for tags of a tag's usual length (comparing long text costs the
        square of its length, and a paragraph pasted into ``:tags:`` has no
        close declared tag anyway), and for the first :data:`_SUGGESTIONS`
        unknown spellings of a build.
        """
        if len(folded) > _SUGGEST_LENGTH:
            return None
        if folded not in self._suggestions:
            if len(self._suggestions) >= _SUGGESTIONS:
                return None  # the cost stays linear however many unknown tags there are
            close = difflib.get_close_matches(folded, self._folded, n=1)
            self._suggestions[folded] = self._declared[close[0]] if close else None
        return self._suggestions[folded]

    def read(self, tags: Iterable[str]) -> tuple[tuple[str, ...], list[Problem]]:
        """Canonical tags of a talk, and the unknown ones reported."""
        canonical = self.canonical_tags(tags)
        return canonical, self.unknown(canonical)


def check_vocabulary(aliases: object, declared: object) -> list[str]:
    """What is wrong in ``seminars_tag_aliases`` and ``seminars_tags`` (messages)."""
    messages = []
    if not isinstance(aliases, Mapping):
        messages.append(
            'seminars_tag_aliases must be a dict of variant to tag ({"ML": "machine learning"})'
        )
    else:
        for variant, tag in aliases.items():
            if not (isinstance(variant, str) and isinstance(tag, str) and tag.strip()):
                messages.append(
                    f"seminars_tag_aliases[{variant!r}] must map a tag to a tag "
                    '("ML": "machine learning")'
                )
    if not isinstance(declared, list | tuple) or not all(isinstance(t, str) for t in declared):
        messages.append('seminars_tags must be a list of tags (["probability", "topology"])')
    elif declared and isinstance(aliases, Mapping):
        known = {fold(tag) for tag in declared}
        for variant, tag in aliases.items():
            if isinstance(tag, str) and tag.strip() and fold(tag) not in known:
                messages.append(
                    f"seminars_tag_aliases[{variant!r}] names {tag!r}, which is not in "
                    "seminars_tags; add it there, or map the variant to a declared tag"
                )
    return messages
