"""The site's language: labels from the extension's catalogs, dates from babel.

Three kinds of checks: the code (every label reaches the extraction: a call whose
argument is not a plain string literal, or one inside an f-string, is invisible to
it), the catalogs (each has every message of the template, with the same
placeholders) and the output (a small archive built in each language shows no
English label, and its calendar and Atom texts are in the language too).
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
from pathlib import Path

import icalendar
import pytest
from babel.dates import format_date, format_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from bs4 import BeautifulSoup, NavigableString
from conftest import ROOTS, build_site, html_tree
from defusedxml import ElementTree as SafeET

from sphinxext.seminars.core import catalogs

PACKAGE = Path(catalogs.__file__).parent
FUNCTIONS = frozenset(catalogs.KEYWORDS)
LANGUAGES = ("de", "fr", "es", "pt", "pt_BR", "it")


# -- the code ---------------------------------------------------------------------------


def invisible_labels(source: str) -> list[str]:
    """Calls of the translation functions the extraction cannot read, as "line: why".

    The extraction reads calls whose message arguments are string literals, outside
    f-strings (Python 3.11's tokenizer keeps an f-string whole, so a call inside it
    is never seen). ``i18n.py`` defines the functions and forwards a variable: skipped.
    """
    tree = ast.parse(source)
    problems: list[str] = []
    inside_fstrings = {
        id(node)
        for fstring in ast.walk(tree)
        if isinstance(fstring, ast.JoinedStr)
        for node in ast.walk(fstring)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        if node.func.id not in FUNCTIONS:
            continue
        context, messages = catalogs.positions(catalogs.KEYWORDS[node.func.id])
        wanted = (*messages, *(() if context is None else (context,)))
        arguments = [node.args[i] if i < len(node.args) else None for i in wanted]
        if id(node) in inside_fstrings:
            problems.append(f"{node.lineno}: {node.func.id}() inside an f-string")
        for argument in arguments:
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                shown = ast.unparse(argument) if argument is not None else "nothing"
                problems.append(f"{node.lineno}: {node.func.id}({shown}) is not a literal")
    for node in ast.walk(tree):
        # Another name for a translation function would hide its calls too.
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("i18n"):
            for alias in node.names:
                if alias.asname and alias.name in FUNCTIONS:
                    problems.append(f"{node.lineno}: {alias.name} imported as {alias.asname}")
    return problems


def literal_labels(source: str) -> set[catalogs.Key]:
    """Every message the code passes to a translation function as literals."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in FUNCTIONS:
            continue
        context, messages = catalogs.positions(catalogs.KEYWORDS[node.func.id])
        wanted = (*(() if context is None else (context,)), *messages)
        values = [
            node.args[i].value
            for i in wanted
            if i < len(node.args)
            and isinstance(node.args[i], ast.Constant)
            and isinstance(node.args[i].value, str)
        ]
        if len(values) == len(wanted):
            if context is None:
                found.add(catalogs.key(tuple(values)))
            else:
                found.add(catalogs.key(tuple(values[1:]), values[0]))
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = f\"{_t('Talk page')}: {url}\"", ["1: _t() inside an f-string"]),
        ("x = _(message)", ["1: _(message) is not a literal"]),
        ("x = _('a' + b)", ["1: _('a' + b) is not a literal"]),
        ("x = _(f'Talk {n}')", ["1: _(f'Talk {n}') is not a literal"]),
        ("x = ngettext('a', plural, n)", ["1: ngettext(plural) is not a literal"]),
        ("x = npgettext(kind, 'a', 'b', n)", ["1: npgettext(kind) is not a literal"]),
        ("x = npgettext('field', 'Speaker', 'Speakers', n)", []),
        ("from .i18n import _ as tr", ["1: _ imported as tr"]),
        ("x = _('Talk page: {url}').format(url=u)", []),
        ("x = ngettext('%(n)d talk', '%(n)d talks', n) % {'n': n}", []),
    ],
)
def test_the_scan_finds_labels_the_extraction_misses(source: str, expected: list[str]) -> None:
    assert invisible_labels(source) == expected


def test_every_label_reaches_the_extraction() -> None:
    problems = []
    in_code: set[catalogs.Key] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        in_code |= literal_labels(source)
        if path.name != "i18n.py":
            problems += [f"{path.relative_to(PACKAGE)}:{p}" for p in invisible_labels(source)]
    assert problems == []
    assert in_code - set(catalogs.extract()) == set()


# -- the catalogs -----------------------------------------------------------------------


def test_template_is_the_code_s_messages() -> None:
    template = {catalogs.key(m.id, m.context) for m in catalogs.read(catalogs.TEMPLATE) if m.id}
    assert template == set(catalogs.extract()), "run scripts/update_catalogs.py"


def test_catalogs_are_complete() -> None:
    assert set(LANGUAGES) <= set(catalogs.languages())
    for language in catalogs.languages():
        status = catalogs.check(language)
        assert status.problems == ()
        assert status.translated == status.total


def test_compiled_catalogs_are_current() -> None:
    """The .mo Sphinx reads holds what the .po says (the script compiles both)."""
    for language in catalogs.languages():
        folder = catalogs.LOCALES / language / "LC_MESSAGES"
        compiled = gettext.GNUTranslations((folder / f"{catalogs.DOMAIN}.mo").open("rb"))
        for message in catalogs.read(folder / f"{catalogs.DOMAIN}.po"):
            if not message.id or not message.string:
                continue
            if isinstance(message.id, str):
                assert compiled.gettext(message.id) == message.string, language
            elif message.context:
                one = compiled.npgettext(message.context, message.id[0], message.id[1], 1)
                assert one == message.string[0], language
            else:
                assert compiled.ngettext(message.id[0], message.id[1], 1) == message.string[0]


def _broken_catalog(tmp_path: Path, text: str) -> Path:
    locales = tmp_path / "locales"
    folder = locales / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(catalogs.TEMPLATE, locales / catalogs.TEMPLATE.name)
    po = (catalogs.LOCALES / "it" / "LC_MESSAGES" / f"{catalogs.DOMAIN}.po").read_text("utf-8")
    before, after = text.split(" => ")
    assert before in po
    (folder / f"{catalogs.DOMAIN}.po").write_text(po.replace(before, after), "utf-8")
    return locales


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            'msgstr "Pagina del seminario: {url}" => msgstr "Pagina del seminario: {link}"',
            "placeholders of 'Talk page: {url}'",
        ),
        (
            'msgstr[1] "(%(count)d seminari)" => msgstr[1] "(%(n)d seminari)"',
            "placeholders of '(%(count)d talk)'",
        ),
        ('msgstr "Quando" => msgstr ""', "not translated: 'When'"),
    ],
)
def test_check_finds_a_broken_catalog(tmp_path: Path, change: str, problem: str) -> None:
    locales = _broken_catalog(tmp_path, change)
    status = catalogs.check("xx", locales)
    assert [p for p in status.problems if problem in p], status.problems
    assert status.translated == status.total - 1


def test_plural_forms_follow_the_language_s_rule(tmp_path: Path) -> None:
    """Three forms in Polish (1, 2-4, 5+): the code asks, the catalog's rule answers."""
    from sphinx import locale

    from sphinxext.seminars.store.i18n import ngettext

    catalog = Catalog(locale="pl", domain=catalogs.DOMAIN)
    assert catalog.num_plurals == 3
    catalog.add(
        ("(%(count)d talk)", "(%(count)d talks)"),
        ("(%(count)d wykład)", "(%(count)d wykłady)", "(%(count)d wykładów)"),
    )
    folder = tmp_path / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "sphinxext.seminars.mo").open("wb") as stream:
        write_mo(stream, catalog)
    key = ("general", catalogs.DOMAIN)
    saved = locale.translators.pop(key, None)
    try:
        locale.init([tmp_path], "pl", catalogs.DOMAIN)
        forms = {
            n: ngettext("(%(count)d talk)", "(%(count)d talks)", n) % {"count": n}
            for n in (1, 2, 4, 5, 22, 25)
        }
    finally:
        locale.translators.pop(key, None)
        if saved is not None:
            locale.translators[key] = saved
    assert forms == {
        1: "(1 wykład)",
        2: "(2 wykłady)",
        4: "(4 wykłady)",
        5: "(5 wykładów)",
        22: "(22 wykłady)",
        25: "(25 wykładów)",
    }


# -- the output -------------------------------------------------------------------------


def translations(language: str) -> gettext.GNUTranslations:
    folder = catalogs.LOCALES / language / "LC_MESSAGES"
    with (folder / f"{catalogs.DOMAIN}.mo").open("rb") as stream:
        return gettext.GNUTranslations(stream)


def code_messages() -> set[catalogs.Key]:
    """Every English message: the template's and the code's literals (a label the
    extraction missed is English on every page, so it is looked for too)."""
    found = {catalogs.key(m.id, m.context) for m in catalogs.read(catalogs.TEMPLATE) if m.id}
    for path in PACKAGE.rglob("*.py"):
        found |= literal_labels(path.read_text(encoding="utf-8"))
    return found


def english_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """A pattern for each English message the page must not show in ``language``.

    Left out: the words the catalog deliberately keeps ("Code", "Online", "Outlook"
    are German words too); a message missing from the catalog or left empty is looked
    for. Placeholders match any text; a label alone may carry the field's colon.
    """
    po = catalogs.read(catalogs.LOCALES / language / "LC_MESSAGES" / f"{catalogs.DOMAIN}.po")
    patterns = []
    for context, forms in sorted(code_messages(), key=repr):
        if forms[0].startswith(catalogs.CONSOLE_PREFIX):
            continue
        entry = po.get(forms[0] if len(forms) == 1 else forms, context=context)
        kept = set()
        if entry is not None and entry.string:
            kept = {entry.string} if isinstance(entry.string, str) else set(entry.string)
        for english in forms:
            if english in kept:
                continue
            if not re.search(r"[a-z]", re.sub(r"\{\w*\}", "", english)):
                continue  # "{label}: {url}", punctuation only: the calendar test has it
            pattern = re.sub(r"\\\{\w*\\\}|%\\\(\w+\\\)d|%d|%s", ".+", re.escape(english))
            patterns.append((english, re.compile(f"^{pattern}:?$")))
    return patterns


PAGES = (
    "talks/malatesta",  # a talk page: fields, calendar links, citation, navigation
    "talks/rossi",  # postponed, in another time zone
    "index",  # the three listing formats and the cloud
    "seminars/speakers",  # the speakers index
    "seminars/speakers/anna-malatesta",  # a speaker page
    "seminars/series/seminari-di-analisi-stocastica",  # a series page
)


def body_texts(tree: BeautifulSoup) -> list[str]:
    """The text pieces of the page's body as a reader meets them (not scripts)."""
    body = tree.select_one("div.body")
    assert body is not None
    return [
        text.strip()
        for text in body.find_all(string=True)
        if isinstance(text, NavigableString)
        and text.parent.name not in ("script", "style")
        and text.strip()
    ]


@pytest.fixture(scope="module", params=LANGUAGES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    language = request.param
    builddir = tmp_path_factory.mktemp(f"i18n-{language}")
    app = build_site("html", ROOTS / "test-i18n", builddir, confoverrides={"language": language})
    # Docutils has no European Portuguese ("pt_br" only) and says so: not ours.
    ours = [w for w in app.warning.getvalue().splitlines() if "[docutils]" not in w]
    assert not any("WARNING" in w for w in ours), ours
    return app


def test_no_english_label_left(site) -> None:
    language = site.config.language
    patterns = english_patterns(language)
    assert len(patterns) > 40
    left = []
    for page in PAGES:
        for text in body_texts(html_tree(site, page)):
            left += [f"{page}: {text!r} ({english!r})" for english, p in patterns if p.match(text)]
    assert left == []


def test_the_build_shows_translated_labels(site) -> None:
    """The scan above could pass on an empty page: the labels are there, translated."""
    catalog = translations(site.config.language)
    talk = html_tree(site, "talks/malatesta")
    texts = set(body_texts(talk))
    labels = ("When", "Where", "Add to calendar", "Cite this talk", "About the speaker")
    assert {catalog.gettext(label) for label in labels} <= texts
    names = [dt.get_text(strip=True).rstrip(":") for dt in talk.select("dl.seminars-meta > dt")]
    assert names[0] == catalog.gettext("Speakers")
    series = catalog.gettext("{series}: all talks").format(series="Seminari di analisi stocastica")
    assert series in texts
    index = set(body_texts(html_tree(site, "seminars/speakers")))
    assert catalog.ngettext("(%(count)d talk)", "(%(count)d talks)", 2) % {"count": 2} in index
    assert catalog.ngettext("(%(count)d talk)", "(%(count)d talks)", 1) % {"count": 1} in index
    meta = talk.select_one('meta[name="seminars-your-time"]')["content"]
    assert meta == catalog.gettext("{time} your time") and "{time}" in meta


def test_dates_are_babel_s(site) -> None:
    language = site.config.language
    seen = 0
    for page in PAGES:
        for time in html_tree(site, page).select("time.seminars-date, time.seminars-start"):
            moment = __import__("datetime").datetime.fromisoformat(time["datetime"])
            if "seminars-date" in time["class"]:
                expected = format_date(moment.date(), "full", locale=language)
            else:
                expected = format_time(moment.time(), "short", locale=language)
            assert time.get_text() == expected
            seen += 1
    assert seen > 10


def test_calendar_and_atom_in_the_site_s_language(site) -> None:
    catalog = translations(site.config.language)
    outdir = Path(site.outdir)
    events = {
        str(event["UID"]).split("@")[0]: event
        for event in icalendar.Calendar.from_ical(
            (outdir / "seminars/talks.ics").read_bytes()
        ).walk("VEVENT")
    }
    first = events["malatesta"]
    paragraphs = str(first["DESCRIPTION"]).split("\n\n")
    speakers = catalog.ngettext("Speaker: {names}", "Speakers: {names}", 2)
    assert paragraphs[0] == speakers.format(
        names="Anna Malatesta (Sapienza Università di Roma), Marco Bianchi"
    )
    lines = paragraphs[-1].splitlines()
    assert lines[0] == catalog.gettext("Join online: {url}").format(
        url="https://meet.example.org/rw"
    )
    page = "https://seminars.example.org/talks/malatesta.html#talk-malatesta"
    assert lines[-1] == catalog.gettext("Talk page: {url}").format(url=page)
    slides = catalog.gettext("{label}: {url}").format(
        label=catalog.gettext("Slides"), url="https://example.org/slides.pdf"
    )
    assert slides in lines
    (conference,) = first.conferences
    assert conference.label == catalog.gettext("Join online")
    postponed = str(events["rossi"]["DESCRIPTION"]).split("\n\n")[0]
    assert postponed == catalog.gettext("This talk is postponed; the new date is not known yet.")

    atom = SafeET.fromstring((outdir / "seminars/talks.atom").read_bytes())
    ns = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{ns}title") for entry in atom.iter(f"{ns}entry")]
    cancelled = catalog.gettext("[Cancelled] {title}").format(
        title="Anna Malatesta: Branching processes"
    )
    assert cancelled in titles

    bib = (outdir / "seminars/talks.bib").read_text(encoding="utf-8")
    venue = catalog.gettext("Talk, {venue}").format(
        venue="Giornata di probabilità, Seminari di analisi stocastica"
    )
    assert f"howpublished = {{{venue}}}" in bib


# -- the two languages that were there before --------------------------------------------


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"language": "it"})
def test_italian_site(app):
    app.build()
    talk = html_tree(app, "malatesta").select_one("article.seminars-talk")
    labels = [dt.get_text(strip=True).rstrip(":") for dt in talk.select("dl.seminars-meta > dt")]
    assert labels[:3] == ["Relatore", "Quando", "Dove"]
    assert talk.select_one("time.seminars-date").get_text() == "mercoledì 25 maggio 2022"
    assert talk.select_one("time.seminars-start").get_text() == "14:00"
    assert talk.select_one(".seminars-passed").get_text() == "Questo evento è passato."
    page = html_tree(app, "malatesta")
    meta = page.select_one('meta[name="seminars-your-time"]')
    # The reader's own time, said as such ("ora locale" alone did not say whose).
    assert meta["content"] == "{time} nel tuo fuso orario"


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"language": "nl"})
def test_language_without_catalog_falls_back_to_english_labels(app):
    app.build()
    talk = html_tree(app, "malatesta").select_one("article.seminars-talk")
    assert talk.select_one("dl.seminars-meta > dt").get_text(strip=True).rstrip(":") == "Speaker"
    # ...while babel still gives the date in the site's language.
    assert talk.select_one("time.seminars-date").get_text() == "woensdag 25 mei 2022"


def test_a_rebuild_in_another_language_rewrites_the_calendars(tmp_path: Path) -> None:
    """Events are cached between builds: the language is part of what they are made of."""
    paragraphs = {}
    for language in ("en", "it"):
        app = build_site(
            "html", ROOTS / "test-i18n", tmp_path, confoverrides={"language": language}
        )
        ics = (Path(app.outdir) / "seminars/talks/malatesta.ics").read_bytes()
        (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        paragraphs[language] = str(event["DESCRIPTION"]).split("\n\n")[0]
    assert paragraphs["en"].startswith("Speakers: Anna Malatesta")
    assert paragraphs["it"].startswith("Relatori: Anna Malatesta")
