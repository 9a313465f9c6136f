"""Person lists as people write them: understood, and named in a warning."""

from __future__ import annotations

import pytest

from sphinxext.seminars.core.frontmatter import markdown_text
from sphinxext.seminars.core.parsing import parse_words, read_people


@pytest.mark.parametrize(
    ("text", "option", "people", "warned"),
    [
        ("Ada Lovelace (UCL); Carl Gauss", "speaker", ["Ada Lovelace (UCL)", "Carl Gauss"], False),
        ("Jean-Luc Picard", "speaker", ["Jean-Luc Picard"], False),
        ("Ada (University of London (UCL))", "speaker", ["Ada (University of London (UCL))"], False),
        (
            "Chaoyue Liu, Libin Zhu, and Adit Radhakrishnan",
            "joint-with",
            ["Chaoyue Liu", "Libin Zhu", "Adit Radhakrishnan"],
            True,
        ),
        ("Ada Lovelace, Carl Gauss, Emmy Noether", "speaker",
         ["Ada Lovelace", "Carl Gauss", "Emmy Noether"], True),
        ("Chaoyue Liu, Libin Zhu", "joint-with", ["Chaoyue Liu", "Libin Zhu"], True),
        ("Ada Lovelace and Carl Gauss", "speaker", ["Ada Lovelace", "Carl Gauss"], True),
        ("Ada Lovelace (UCL), Carl Gauss (Göttingen)", "speaker",
         ["Ada Lovelace (UCL)", "Carl Gauss (Göttingen)"], True),
        (
            "Johannes Maly - Catholic University of Eichstaett-Ingolstadt",
            "speaker",
            ["Johannes Maly (Catholic University of Eichstaett-Ingolstadt)"],
            True,
        ),
        ("Ada Lovelace \u2013 UCL", "speaker", ["Ada Lovelace (UCL)"], True),
        ("Enrico Malatesta, Bocconi University", "speaker",
         ["Enrico Malatesta (Bocconi University)"], True),
        ("Ada Lovelace, Department of Mathematics, University of London", "speaker",
         ["Ada Lovelace (Department of Mathematics, University of London)"], True),
        ("Department of Physics and Astronomy", "speaker",
         ["Department of Physics and Astronomy"], False),
    ],
)  # fmt: skip
def test_person_lists(text, option, people, warned):
    found, problems = read_people(text, option, affiliations=option == "speaker")
    assert found == people
    assert bool(problems) is warned
    for problem in problems:
        assert problem.subtype == "people-list" and problem.option == option
        # The form to write is in the message.
        assert (("; ".join(people)) in problem.message) or people[0] in problem.message


@pytest.mark.parametrize(
    "text",
    ["A" + " " * 5000 + "- x", "," * 3000, " - " * 1000, "(" * 3000, "a and " * 600, "x" * 3000],
)
def test_hostile_lists_stay_cheap_and_messages_short(text):
    people, problems = read_people(text, "speaker")
    assert all(len(p.message) < 600 for p in problems)
    # Nothing is lost: every letter written is in the people read.
    assert sum(c.isalpha() for c in "".join(people)) == sum(c.isalpha() for c in text) or (
        "and" in text
    )


def test_tags_take_semicolons_and_commas_alike():
    assert parse_words("optimisation; learning") == ("optimisation", "learning")
    assert parse_words("optimisation, learning;  theory") == ("optimisation", "learning", "theory")


def test_markdown_text_shows_markup_as_written():
    assert markdown_text("a <b>*x*</b>\nb\n\n  c_d  ") == "a \\<b\\>\\*x\\*\\<\\/b\\> b\n\nc\\_d"
