"""Speakers named inside a calendar event's title or description.

Feeds rarely have a speaker field; the speaker sits in the text, in a few
house styles::

    Jane Doe: Random walks                 (rule "Name: Title")
    Random walks (Jane Doe, Univ. Rome)    (rule "Title (Name, Affiliation)")
    Random walks - Jane Doe                (rule "Title - Name")
    Random walks, given by Jane Doe        (rule "given by Name")
    Speaker: Jane Doe (Univ. Rome)         (a line of the description)
    Series: Probability seminar            (a line of the description)

Each rule is conservative: what it takes for a name must look like one (two
to five words, each capitalised or a particle such as "van" or "di", no
digits, none of the words seminar, talk, part...), otherwise the text is
left as it was. A group's own style is given as a regular expression with
the named groups ``speaker``, ``affiliation`` and ``title``. Every rule here
runs in time linear in the text (no backtracking pattern), and texts longer
than :data:`MAX_TEXT` are not searched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Longest title or description line searched for a speaker.
MAX_TEXT = 500

_PARTICLES = frozenset(
    "van von de der den di da del della dei des du la le lo dos das do ten ter bin ibn al el "
    "y e zu af av".split()
)
_NOT_NAMES = frozenset(
    """seminar seminars colloquium colloquia talk talks lecture lectures workshop workshops
    series session sessions meeting meetings webinar keynote tutorial special guest invited
    course reading group journal club day days event events cancelled canceled postponed tba
    tbd tbc update new online part abstract title speaker speakers room zoom lunch break
    welcome opening closing introduction discussion panel poster school conference symposium
    the a an on of and for in with to from at by via is are our your its seminario
    conferenza incontro giornata""".split()
)
_SPEAKER_LINE = re.compile(
    r"\s*(?:speakers?|presenters?|presented by|speaker\(s\)|relatore|relatrice|orateur|"
    r"oratrice|referent(?:in)?)\s*[:\-\u2013]\s*(?P<names>\S.*)",
    re.IGNORECASE,
)
_SERIES_LINE = re.compile(
    r"\s*(?:series|seminar series)\s*[:\-\u2013]\s*(?P<series>\S.*)", re.IGNORECASE
)
_GIVEN_BY = re.compile(r"\b(?:given|presented|delivered) by\s+", re.IGNORECASE)
_DASHES = (" - ", " \u2013 ", " \u2014 ", " | ")


def looks_like_name(text: str) -> bool:
    """Two to five words, each capitalised (or a particle), of letters, ``.``, ``-``, ``'``."""
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 80:
        return False
    if words[0].lower() in _PARTICLES and not words[0][0].isupper():
        return False
    for word in words:
        bare = word.strip(".").lower()
        if bare in _NOT_NAMES:
            return False
        if word in _PARTICLES:
            continue
        if not all(ch.isalpha() or ch in ".-'\u2019" for ch in word):
            return False
        if not word[0].isupper() or not word[0].isalpha():
            return False
        letters = [ch for ch in word if ch.isalpha()]
        if len(letters) > 1 and all(ch.isupper() for ch in letters) and "." not in word:
            return False  # an acronym (ICML, IEEE), not a name
    return words[-1] not in _PARTICLES


def _person(name: str, affiliation: str = "") -> str:
    name = " ".join(name.split())
    affiliation = " ".join(affiliation.split())
    return f"{name} ({affiliation})" if affiliation else name


def _name_and_affiliation(text: str) -> tuple[str, str] | None:
    """ "Jane Doe" or "Jane Doe (Univ. Rome)" or "Jane Doe, Univ. Rome" → (name, affiliation)."""
    text = text.strip()
    if text.endswith(")") and "(" in text:
        cut = text.rfind("(")
        name, affiliation = text[:cut].strip(), text[cut + 1 : -1].strip()
        if "(" not in affiliation and looks_like_name(name):
            return name, affiliation
        return None
    name, _, affiliation = text.partition(",")
    if looks_like_name(name.strip()) and "(" not in affiliation and ")" not in affiliation:
        return name.strip(), affiliation.strip()
    return None


@dataclass(slots=True)
class Found:
    """What the rules took out of an event's text."""

    title: str
    description: str
    speakers: list[str] = field(default_factory=list)
    series: str = ""
    #: Name of the rule that found the speaker ("" when none did).
    rule: str = ""
    #: Name of the rule that found the series ("" when none did).
    series_rule: str = ""
    #: Readings of a person list to report (what to write instead).
    notes: list[str] = field(default_factory=list)


class SpeakerRules:
    """The rules, in order; ``pattern`` is a group's own, tried first."""

    def __init__(self, pattern: re.Pattern[str] | None = None, use_text: bool = True) -> None:
        self.pattern = pattern
        self.use_text = use_text

    def apply(self, title: str, description: str, *, have_speaker: bool = False) -> Found:
        found = Found(title, description)
        lines = description.split("\n") if description else []
        kept: list[str] = []
        for line in lines:
            series = _SERIES_LINE.fullmatch(line) if len(line) <= MAX_TEXT else None
            if series and not found.series:
                found.series = " ".join(series["series"].split())
                found.series_rule = "'Series:' line"
                continue
            kept.append(line)
        lines = kept
        if have_speaker or not self.use_text:
            found.description = "\n".join(lines).strip()
            return found
        if self.pattern is not None and self._custom(found, lines):
            return found
        kept = []
        for line in lines:
            match = _SPEAKER_LINE.fullmatch(line) if len(line) <= MAX_TEXT else None
            if match and not found.speakers:
                from .cells import split_people

                found.speakers = split_people(match["names"], found.notes)
                found.rule = "'Speaker:' line"
                continue
            kept.append(line)
        found.description = "\n".join(kept).strip()
        if found.speakers or len(title) > MAX_TEXT:
            return found
        for rule in (self._colon, self._parenthesis, self._dash, self._given_by):
            if rule(found):
                return found
        self._given_by_description(found)
        return found

    def _custom(self, found: Found, lines: list[str]) -> bool:
        assert self.pattern is not None
        title = found.title
        match = self.pattern.search(title[: MAX_TEXT * 4])
        if match is not None:
            groups = match.groupdict()
            if groups.get("title"):
                found.title = " ".join(groups["title"].split())
            else:
                rest = title[: match.start()] + " " + title[match.end() :]
                found.title = " ".join(rest.split()).strip(" -\u2013\u2014:,|") or title
        else:
            for index, line in enumerate(lines):
                match = self.pattern.search(line[: MAX_TEXT * 4])
                if match is not None:
                    lines = lines[:index] + lines[index + 1 :]
                    break
        if match is None:
            return False
        groups = match.groupdict()
        speaker = " ".join((groups.get("speaker") or "").split())
        if not speaker:
            return False
        from .cells import split_people

        people = split_people(speaker, found.notes)
        affiliation = groups.get("affiliation") or ""
        found.speakers = [_person(p, affiliation) for p in people]
        found.description = "\n".join(lines).strip()
        found.rule = "--speaker-pattern"
        return True

    def _colon(self, found: Found) -> bool:
        head, sep, rest = found.title.partition(": ")
        if not sep or not rest.strip():
            return False
        person = _name_and_affiliation(head)
        if person is None or ("," in head and not head.rstrip().endswith(")")):
            person = (head.strip(), "") if looks_like_name(head.strip()) else None
        if person is None:
            return False
        found.speakers = [_person(*person)]
        found.title = rest.strip()
        found.rule = "'Name: Title'"
        return True

    def _parenthesis(self, found: Found) -> bool:
        title = found.title.rstrip()
        if not title.endswith(")") or "(" not in title:
            return False
        cut = title.rfind("(")
        head, inner = title[:cut].strip(), title[cut + 1 : -1]
        if not head or "(" in inner:
            return False
        name, _, affiliation = inner.partition(",")
        if not looks_like_name(name.strip()):
            return False
        found.speakers = [_person(name, affiliation)]
        found.title = head.rstrip(" -\u2013\u2014:,")
        found.rule = "'Title (Name, Affiliation)'"
        return True

    def _dash(self, found: Found) -> bool:
        title = found.title
        cut, width = max(((title.rfind(d), len(d)) for d in _DASHES), key=lambda c: c[0])
        if cut <= 0:
            return False
        head = title[:cut].strip()
        # "Machine Learning - Deep Networks" could be either way round: a title
        # is taken only when it reads as one (a word in lower case).
        if not any(word[0].islower() for word in head.split()):
            return False
        person = _name_and_affiliation(title[cut + width :])
        if person is None:
            return False
        found.speakers = [_person(*person)]
        found.title = head
        found.rule = "'Title - Name'"
        return True

    def _given_by(self, found: Found) -> bool:
        title = found.title
        match = _GIVEN_BY.search(title)
        if match is None:
            return False
        person = _leading_name(title[match.end() :])
        if person is None:
            return False
        head = title[: match.start()].strip().rstrip(" -\u2013\u2014:,")
        found.speakers = [_person(*person)]
        found.title = head or title
        found.rule = "'given by Name'"
        return True

    def _given_by_description(self, found: Found) -> bool:
        for line in found.description.split("\n"):
            if len(line) > MAX_TEXT:
                continue
            match = _GIVEN_BY.search(line)
            if match is None:
                continue
            person = _leading_name(line[match.end() :])
            if person is not None:
                found.speakers = [_person(*person)]  # the sentence stays in the abstract
                found.rule = "'given by Name'"
                return True
        return False


def _leading_name(text: str) -> tuple[str, str] | None:
    """The name (and a parenthesised affiliation) at the start of ``text``."""
    words = text.split()
    best = None
    for count in range(2, min(len(words), 5) + 1):
        candidate = " ".join(words[:count]).rstrip(".,;:")
        if looks_like_name(candidate):
            best = (candidate, count)
    if best is None:
        return None
    name, count = best
    rest = " ".join(words[count:])
    affiliation = ""
    if rest.startswith("(") and ")" in rest:
        affiliation = rest[1 : rest.index(")")]
    return name, affiliation
