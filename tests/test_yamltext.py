"""The YAML reader that keeps text: ids stay ids, no aliases, bounded depth."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxext.seminars.core.yamltext import MAX_DEPTH, load


def test_text_keys_keep_the_text_written():
    loaded = load(
        "talk:\n  arxiv: 2003.00310\n  location: 0.01\n  end: 17:00\n  date: 2022-05-25\n"
        "  tags: [1.50, yes]\n  other: 2003.00310\n  empty:\n",
        text_keys={"arxiv", "location", "end", "date", "tags"},
    )
    assert loaded.data == {
        "talk": {
            "arxiv": "2003.00310",
            "location": "0.01",
            "end": "17:00",
            "date": "2022-05-25",
            "tags": ["1.50", "yes"],
            "other": 2003.0031,  # not a text key: plain YAML
            "empty": None,
        }
    }
    assert loaded.problems == []


def test_all_text():
    assert load("a: 1\nb: [true, 2.5]\n", all_text=True).data == {"a": "1", "b": ["true", "2.5"]}


def test_an_alias_bomb_is_refused_cheaply():
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    loaded = load("\n".join(lines))
    assert loaded.data["a8"] == [None] * 9
    messages = {p.message for p in loaded.problems}
    assert "YAML alias '*a7' is not read; write the value itself" in messages
    assert "YAML anchor '&a0' is ignored (aliases are not read)" in messages
    # One problem per alias name and line, not one per use.
    assert len(loaded.problems) == 9 + 8


def test_a_repeated_key_is_named_at_its_line():
    loaded = load("date: 1\nx: 2\ndate: 3\n")
    assert loaded.data["date"] == 3
    assert [(p.line, "twice" in p.message) for p in loaded.problems] == [(3, True)]


@pytest.mark.parametrize(
    "text", ["[" * 5000, "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 200))]
)
def test_nesting_is_bounded(text):
    with pytest.raises(yaml.YAMLError):
        load(text, max_depth=MAX_DEPTH)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text_raises_only_yaml_errors(text):
    try:
        load(text, all_text=True)
    except yaml.YAMLError:
        pass
