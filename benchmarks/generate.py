"""Generate a deterministic N-talk seminar site for the benchmarks.

Three flavours of the same content:

``rst``
    one ``.. talk::`` page per talk, ``.. talks::`` listing pages and the
    ``.. speakers-cloud::`` on the home page (``sphinxext.seminars``);
``myst``
    the same in MyST Markdown (``myst_parser``);
``plain``
    the baseline: plain reST with no extension. Talk metadata is a field
    list, every listing page (home, series, years, speakers) is written out by
    hand with a link to each talk.

Two structures (issue 7):

``orphan`` (default)
    talk pages sit in no toctree; the toctree holds the listing pages
    (the extension marks talk pages orphan; the baseline writes ``:orphan:``);
``toctree``
    each year page globs its talk pages into a hidden toctree, so every talk
    is in the global toctree (what a user who globs ``talks/*`` gets).

The site is a pure function of (n, flavour, structure, theme, seed). The
mutations used by the incremental benchmarks (:func:`mutate`) change the
talk list and re-write only the files whose text changed, so Sphinx sees
exactly the files an author would have touched (for the baseline that
includes its hand-written listing pages).

Usage::

    python benchmarks/generate.py --n 1000 --flavour rst --out /tmp/site
    python benchmarks/generate.py --n 1000 --flavour plain --mutate edit --out /tmp/site
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

FLAVOURS = ("rst", "myst", "plain")
STRUCTURES = ("orphan", "toctree")
MUTATIONS = ("edit", "add", "delete")

#: The build's "now" (pinned in conf.py and by SOURCE_DATE_EPOCH in run.py).
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
SOURCE_DATE_EPOCH = str(int(NOW.timestamp()))
FIRST_YEAR = 2013
LAST_YEAR = 2025  # talks are scheduled until the end of this year: some are upcoming
LISTING_LIMIT = 10
#: The baseline's speakers page: one section heading per speaker (as measured in
#: RESULTS.md) or, with ``--plain-speakers rubrics``, a rubric each. The headings
#: make furo quadratic: its navigation asks Sphinx for the whole toctree on every
#: page, and Sphinx copies each toctree page's full section tree before dropping
#: the sections (titles_only), so N/3 headings are copied for each of N pages.
PLAIN_SPEAKER_HEADINGS = True

FIRST_NAMES = [
    "Lenka", "Jürgen", "Søren", "Zoë", "François", "José", "Łukasz", "Ágnes", "Björn", "Chloé",
    "Dražen", "Émilie", "Gökhan", "Håkon", "Inès", "Jiří", "Kateřina", "Léa", "Mikhail", "Nuño",
    "Océane", "Pál", "Rūta", "Sébastien", "Tomás", "Ulrike", "Văn", "Wojciech", "Xiaoyu", "Yūki",
    "Zsófia", "Ada", "Bernhard", "Carla", "Dmitri", "Elif", "Fatima", "Giulia", "Hiroshi", "Ingrid",
    "Johannes", "Kwame", "Laura", "Marta", "Nikolaj", "Olga", "Pedro", "Qian", "Radu", "Sofía",
]
LAST_NAMES = [
    "Zdeborová", "Müller", "Kierkegaard", "Nguyễn", "Łoś", "Sánchez", "Øksendal", "Åström",
    "Çelik", "Đorđević", "Dvořák", "Gödel", "Héloïse", "Ibáñez", "Jørgensen", "Kovačević",
    "Lévy", "Malatesta", "Nyström", "Ortíz", "Pérez", "Quiñones", "Rényi", "Schrödinger",
    "Takács", "Uhlenbeck", "Villani", "Wałęsa", "Yılmaz", "Żurek", "Belkin", "Bianchi",
    "Castelnuovo", "Dubois", "Eriksson", "Fontaine", "García", "Hoffmann", "Ivanova", "Jansen",
    "Kowalski", "Lindqvist", "Moreau", "Novák", "Oliveira", "Petrov", "Rossi", "Schmidt",
    "Tanaka", "Weiß",
]
AFFILIATIONS = [
    "Université Paris-Saclay", "ETH Zürich", "Universität Wien", "Università di Genova",
    "Universidad Autónoma de Madrid", "KTH Stockholm", "Univerzita Karlova", "EPFL",
    "Technische Universität München", "Jagiellonian University", "University of Tokyo",
    "Instituto de Matemática Pura e Aplicada (IMPA)", "MIT", "UC San Diego",
    "Bocconi University", "Københavns Universitet", "Boğaziçi University", "CNRS (LPENS)",
    "University of Ghana", "Tsinghua University",
]
SERIES = [
    ("Probability Seminar", "Europe/Rome", "Room 508, DIMA"),
    ("Analysis & PDE Seminar", "Europe/Paris", "Salle 314, Institut Henri Poincaré"),
    ("Machine Learning Colloquium", "America/New_York", "E18-304"),
    ("Mathematical Physics Seminar", "Europe/Zurich", "HG G 43"),
    ("Séminaire de Géométrie", "Europe/Paris", "Amphithéâtre Darboux"),
    ("Number Theory Seminar", "Asia/Tokyo", "Room 056, Komaba"),
]
EVENTS = ["Workshop on Random Matrices", "Journée Lions", "Spring School in Learning Theory"]
TOPIC_WORDS = [
    "random", "matrices", "optimal", "transport", "neural", "networks", "phase", "transitions",
    "spectral", "gaps", "stochastic", "homogenisation", "entropy", "inequalities", "Schrödinger",
    "operators", "Langevin", "dynamics", "sparse", "regression", "kernel", "methods", "mean-field",
    "games", "élliptic", "équations", "percolation", "Hölder", "regularity", "Gaussian",
    "processes", "moduli", "spaces", "Galois", "representations", "modular", "forms",
]
TAGS = ["probability", "analysis", "learning", "geometry", "number theory", "physics", "PDE",
        "statistics", "combinatorics", "dynamics"]
FILLER = (
    "We study {a} {b} and show that {c} {d} appear naturally in this setting. "
    "The main result is a sharp bound for {e} {f}, which answers a question raised a decade ago. "
    "This is joint work with several colleagues; no prior knowledge of {g} will be assumed."
).split(". ")
INLINE_MATH = [
    r"\ell_1", r"\mathbb{E}\,|X_n - X|^2 \to 0", r"\alpha \in (0, 1)", r"d \geq 3",
    r"\|u\|_{H^1} \lesssim \varepsilon", r"\zeta(s) \neq 0", r"N^{-1/2}", r"\lambda_{\max}(A)",
]
DISPLAY_MATH = [
    r"\int_{\mathbb{R}^d} |\nabla u|^2 \, dx \leq C \, \|f\|_{L^2}^2",
    r"W_2(\mu, \nu)^2 = \inf_{\pi} \int |x - y|^2 \, d\pi(x, y)",
    r"\partial_t \rho = \Delta \rho + \nabla \cdot (\rho \nabla V)",
]


@dataclass(frozen=True)
class Speaker:
    name: str
    affiliation: str

    @property
    def text(self) -> str:
        return f"{self.name} ({self.affiliation})"


@dataclass(frozen=True)
class Talk:
    docname: str  # talks/<year>/<slug>
    title: str
    speakers: tuple[Speaker, ...]
    start: dt.datetime  # naive, local to the series' zone
    minutes: int
    series: str
    timezone: str
    location: str
    event: str
    tags: tuple[str, ...]
    arxiv: str
    slides: str
    online: str
    status: str
    abstract: tuple[str, ...]  # paragraphs; "$$..." marks display math, "$...$" inline math

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def is_past(self) -> bool:
        from zoneinfo import ZoneInfo

        return self.end.replace(tzinfo=ZoneInfo(self.timezone)) < NOW


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def series_slug(name: str) -> str:
    return slugify(name)


# -- the talk list ------------------------------------------------------------


def _speaker_pool(rng: random.Random, count: int) -> list[Speaker]:
    seen: set[str] = set()
    pool: list[Speaker] = []
    while len(pool) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if len(seen) >= len(FIRST_NAMES) * len(LAST_NAMES) * 0.9:
            name = f"{name} {len(pool)}"  # only for absurdly large N
        if name in seen:
            continue
        seen.add(name)
        pool.append(Speaker(name, rng.choice(AFFILIATIONS)))
    return pool


def _abstract(rng: random.Random) -> tuple[str, ...]:
    paragraphs = []
    for _ in range(rng.randint(1, 3)):
        words = {k: rng.choice(TOPIC_WORDS) for k in "abcdefg"}
        sentences = [s.format(**words).rstrip(".") + "." for s in FILLER]
        rng.shuffle(sentences)
        if rng.random() < 0.7:
            sentences.insert(1, f"In particular we prove that ${rng.choice(INLINE_MATH)}$ holds.")
        paragraphs.append(" ".join(sentences))
    if rng.random() < 0.25:
        paragraphs.append("$$" + rng.choice(DISPLAY_MATH))
    return tuple(paragraphs)


def _talk(rng: random.Random, pool: list[Speaker], weights: list[float], when: dt.datetime,
          used: set[str]) -> Talk:
    series, zone, room = rng.choice(SERIES)
    speakers = [rng.choices(pool, weights)[0]]
    if rng.random() < 0.1:  # multi-speaker talks
        second = rng.choice(pool)
        if second != speakers[0]:
            speakers.append(second)
    words = rng.sample(TOPIC_WORDS, rng.randint(3, 6))
    title = " ".join(words).capitalize()
    if rng.random() < 0.3:
        title += ": " + " ".join(rng.sample(TOPIC_WORDS, 2))
    slug = f"{when:%Y-%m-%d}-{slugify(speakers[0].name.split()[-1])}"
    base, counter = slug, 2
    while f"talks/{when.year}/{slug}" in used:
        slug, counter = f"{base}-{counter}", counter + 1
    docname = f"talks/{when.year}/{slug}"
    used.add(docname)
    own_zone = rng.random() < 0.1
    return Talk(
        docname=docname,
        title=title,
        speakers=tuple(speakers),
        start=when,
        minutes=rng.choice((45, 60, 60, 60, 90)),
        series=series,
        timezone="America/Los_Angeles" if own_zone else zone,
        location="Zoom" if own_zone else room,
        event=rng.choice(EVENTS) + f" {when.year}" if rng.random() < 0.05 else "",
        tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
        arxiv=f"{when:%y%m}.{rng.randint(10, 99999):05d}" if rng.random() < 0.3 else "",
        slides=f"https://slides.example.org/{slug}.pdf" if rng.random() < 0.2 else "",
        online=f"https://meet.example.org/{slugify(series)}" if rng.random() < 0.3 else "",
        status="cancelled" if rng.random() < 0.03 else "",
        abstract=_abstract(rng),
    )


def make_talks(n: int, seed: int = 0) -> list[Talk]:
    """N talks over 2013-2025, ~N/3 speakers (a few give many talks), sorted by date."""
    rng = random.Random(f"seminars-benchmark-{seed}-{n}")
    pool = _speaker_pool(rng, max(1, n // 3))
    weights = [1.0 / (1 + i) ** 0.6 for i in range(len(pool))]
    first = dt.datetime(FIRST_YEAR, 1, 7, 0, 0)
    span = (dt.datetime(LAST_YEAR, 12, 20) - first).days
    used: set[str] = set()
    talks = []
    for _ in range(n):
        day = first + dt.timedelta(days=rng.randrange(span))
        when = day.replace(hour=rng.choice((10, 11, 14, 15, 16, 17)), minute=rng.choice((0, 30)))
        talks.append(_talk(rng, pool, weights, when, used))
    return sorted(talks, key=lambda t: (t.start, t.docname))


def mutate(talks: list[Talk], kind: str, seed: int = 0) -> list[Talk]:
    """The incremental benchmarks' edits: what an author does between two builds."""
    talks = list(talks)
    past = [i for i, t in enumerate(talks) if t.is_past]
    if kind == "edit":  # fix a typo in the abstract of a past talk
        i = past[len(past) // 2]
        talks[i] = replace(talks[i], abstract=(*talks[i].abstract, "Slides are now online."))
    elif kind == "add":  # announce next month's talk
        rng = random.Random(f"seminars-benchmark-add-{seed}")
        pool = sorted({s for t in talks for s in t.speakers}, key=lambda s: s.name)
        when = dt.datetime(NOW.year, NOW.month + 1, 12, 16, 0)
        new = _talk(rng, pool, [1.0] * len(pool), when, {t.docname for t in talks})
        talks = sorted([*talks, new], key=lambda t: (t.start, t.docname))
    elif kind == "delete":  # remove a talk entered twice, in the middle of the archive
        del talks[past[len(past) // 3]]
    else:
        raise ValueError(kind)
    return talks


# -- writing ------------------------------------------------------------------


def _speakers(talks: list[Talk]) -> dict[str, list[Talk]]:
    by_name: dict[str, list[Talk]] = defaultdict(list)
    for talk in talks:
        for speaker in talk.speakers:
            by_name[speaker.name].append(talk)
    return dict(sorted(by_name.items(), key=lambda kv: (slugify(kv[0].split()[-1]), kv[0])))


def _math(text: str, flavour: str) -> str:
    role = "{math}" if flavour == "myst" else ":math:"
    return re.sub(r"\$([^$]+)\$", lambda m: f"{role}`{m.group(1)}`", text)


def _abstract_text(talk: Talk, flavour: str, indent: str) -> str:
    out = []
    for paragraph in talk.abstract:
        if paragraph.startswith("$$"):
            if flavour == "myst":
                out.append(f"```{{math}}\n{paragraph[2:]}\n```")
            else:
                out.append(f".. math::\n\n{indent}   {paragraph[2:]}")
        else:
            out.append(_math(paragraph, flavour))
    return "\n\n".join(indent + p.replace("\n", "\n" + indent).rstrip() for p in out)


def _options(talk: Talk) -> list[tuple[str, str]]:
    end = talk.end
    options = [
        ("speaker", "; ".join(s.text for s in talk.speakers)),
        ("date", f"{talk.start:%Y-%m-%d %H:%M}"),
        ("end", f"{end:%H:%M}" if end.date() == talk.start.date() else f"{end:%Y-%m-%d %H:%M}"),
        ("timezone", talk.timezone),
        ("location", talk.location),
        ("online", talk.online),
        ("series", talk.series),
        ("event", talk.event),
        ("tags", ", ".join(talk.tags)),
        ("arxiv", talk.arxiv),
        ("slides", talk.slides),
        ("status", talk.status),
    ]
    return [(k, v) for k, v in options if v]


def talk_page(talk: Talk, flavour: str, structure: str) -> str:
    if flavour == "rst":
        lines = [f".. talk:: {talk.title}"]
        lines += [f"   :{k}: {v}" for k, v in _options(talk)]
        return "\n".join(lines) + "\n\n" + _abstract_text(talk, "rst", "   ") + "\n"
    if flavour == "myst":
        # Four backticks: the abstract may hold a ```{math} block.
        lines = [f"````{{talk}} {talk.title}"]
        lines += [f":{k}: {v}" for k, v in _options(talk)]
        return "\n".join(lines) + "\n\n" + _abstract_text(talk, "myst", "") + "\n````\n"
    # plain: what a site without the extension writes by hand
    head = ":orphan:\n\n" if structure == "orphan" else ""
    title = talk.title + (" (cancelled)" if talk.status else "")
    fields = []
    for key, value in _options(talk):
        if key == "series":
            value = f":doc:`{value} </series/{series_slug(value)}>`"
        elif key == "arxiv":
            value = f"`arXiv:{value} <https://arxiv.org/abs/{value}>`__"
        elif key in ("online", "slides"):
            value = f"`{value} <{value}>`__"
        elif key == "date":
            value = f"{value}–{talk.end:%H:%M}"
        elif key == "end":
            continue
        fields.append(f":{key.capitalize()}: {value}")
    return (
        f"{head}{title}\n{'=' * len(title) * 2}\n\n" + "\n".join(fields) + "\n\n"
        + _abstract_text(talk, "plain", "") + "\n"
    )


def _ext(flavour: str) -> str:
    return ".md" if flavour == "myst" else ".rst"


def _directive(flavour: str, name: str, argument: str = "", options: dict[str, str] | None = None,
               body: str = "") -> str:
    options = options or {}
    if flavour == "myst":
        text = f"```{{{name}}}{' ' + argument if argument else ''}\n"
        text += "".join(f":{k}: {v}\n" for k, v in options.items())
        return text + (body + "\n" if body else "") + "```\n"
    text = f".. {name}::{' ' + argument if argument else ''}\n"
    text += "".join(f"   :{k}: {v}\n" for k, v in options.items())
    if body:
        text += "\n" + "\n".join("   " + line if line else "" for line in body.split("\n")) + "\n"
    return text


def _heading(flavour: str, title: str, level: int = 1) -> str:
    if flavour == "myst":
        return f"{'#' * level} {title}\n"
    return f"{title}\n{'=-~'[level - 1] * len(title) * 2}\n"


def _link(talk: Talk) -> str:
    date = f"{talk.start:%Y-%m-%d}"
    who = "; ".join(s.text for s in talk.speakers)
    status = " (cancelled)" if talk.status else ""
    return f"{date} — {who} — :doc:`{talk.title} </{talk.docname}>`{status}"


def _plain_list(talks: list[Talk]) -> str:
    return "".join(f"* {_link(t)}\n" for t in talks) or "No talks.\n"


def _plain_table(talks: list[Talk]) -> str:
    if not talks:
        return "No talks.\n"
    rows = [".. list-table::", "   :header-rows: 1", "",
            "   * - Date", "     - Speaker", "     - Title", "     - Series"]
    for t in talks:
        rows += [
            f"   * - {t.start:%Y-%m-%d %H:%M}",
            f"     - {'; '.join(s.text for s in t.speakers)}",
            f"     - :doc:`{t.title} </{t.docname}>`{' (cancelled)' if t.status else ''}",
            f"     - {t.series}",
        ]
    return "\n".join(rows) + "\n"


def _toctree(flavour: str, entries: list[str], *, glob: bool = False, hidden: bool = False,
             caption: str = "") -> str:
    options = {}
    if caption:
        options["caption"] = caption
    options["maxdepth"] = "1"
    if glob:
        options["glob"] = ""
    if hidden:
        options["hidden"] = ""
    if flavour == "myst":
        return _directive("myst", "toctree", options=options, body="\n".join(entries))
    text = ".. toctree::\n" + "".join(f"   :{k}:{' ' + v if v else ''}\n" for k, v in options.items())
    return text + "\n" + "".join(f"   {e}\n" for e in entries)


def site_files(talks: list[Talk], flavour: str, structure: str, theme: str) -> dict[str, str]:
    """Every source file of the site: relative path -> text."""
    ext = _ext(flavour)
    plain = flavour == "plain"
    files: dict[str, str] = {}
    years = sorted({t.year for t in talks})
    series_names = [name for name, _, _ in SERIES]

    # conf.py
    # "<theme>-nosidebars": the theme without its sidebars (alabaster's default
    # navigation sidebar lists the toctree on every page; see RESULTS.md).
    name = theme.removesuffix("-nosidebars")
    conf = [
        '"""Generated by benchmarks/generate.py."""',
        'project = "Seminar archive (benchmark)"',
        f"html_theme = {name!r}",
        'exclude_patterns = ["_build"]',
        "html_permalinks = True",
    ]
    if theme.endswith("-nosidebars"):
        conf.append('html_sidebars = {"**": []}')
    if plain:
        conf.append("extensions = []")
    else:
        conf.append(
            'extensions = ["sphinxext.seminars"'
            + (', "myst_parser"' if flavour == "myst" else "") + "]"
        )
        conf.append(f"seminars_now = {NOW.isoformat()!r}")
        conf.append('seminars_timezone = "Europe/Rome"')
        conf.append("seminars_series = {")
        for name, zone, room in SERIES:
            conf.append(f"    {name!r}: {{'timezone': {zone!r}, 'location': {room!r}}},")
        conf.append("}")
    files["conf.py"] = "\n".join(conf) + "\n"

    # talk pages
    for talk in talks:
        files[talk.docname + ext] = talk_page(talk, flavour, structure)

    # home page
    upcoming = [t for t in talks if not t.is_past][:LISTING_LIMIT]
    past = [t for t in talks if t.is_past][::-1][:LISTING_LIMIT]
    speakers = _speakers(talks)
    entries = [f"series/{series_slug(s)}" for s in series_names] + [f"years/{y}" for y in years]
    if plain:
        entries.append("speakers")
    home = _heading(flavour, "Seminar archive") + "\n"
    home += _toctree(flavour, entries, caption="Archive") + "\n"
    home += _heading(flavour, "Upcoming talks", 2) + "\n"
    if plain:
        home += _plain_list(upcoming) + "\n" + _heading(flavour, "Past talks", 2) + "\n"
        home += _plain_list(past) + "\n" + _heading(flavour, "Speakers", 2) + "\n"
        counts = Counter({name: len(ts) for name, ts in speakers.items()})
        home += " · ".join(
            f":ref:`{name} ({counts[name]}) <speaker-{slugify(name)}>`" for name in speakers
        ) + "\n"
    else:
        home += _directive(flavour, "talks", options={"when": "upcoming",
                                                      "limit": str(LISTING_LIMIT)}) + "\n"
        home += _heading(flavour, "Past talks", 2) + "\n"
        home += _directive(flavour, "talks", options={"when": "past",
                                                      "limit": str(LISTING_LIMIT)}) + "\n"
        home += _heading(flavour, "Speakers", 2) + "\n"
        home += _directive(flavour, "speakers-cloud")
    files["index" + ext] = home

    # per-series pages: every talk, grouped by year
    for name in series_names:
        in_series = [t for t in talks if t.series == name]
        text = _heading(flavour, name) + "\n"
        if plain:
            for year in sorted({t.year for t in in_series}, reverse=True):
                text += "\n" + _heading(flavour, str(year), 2) + "\n"
                text += _plain_list([t for t in in_series if t.year == year][::-1])
        else:
            text += _directive(flavour, "talks", options={"series": name, "group-by": "year"})
        files[f"series/{series_slug(name)}{ext}"] = text

    # per-year pages: a table of the year's talks
    for year in years:
        text = _heading(flavour, f"Talks in {year}") + "\n"
        if plain:
            text += _plain_table([t for t in talks if t.year == year])
        else:
            text += _directive(flavour, "talks", options={"year": str(year), "format": "table"})
        if structure == "toctree":
            text += "\n" + _toctree(flavour, [f"/talks/{year}/*"], glob=True, hidden=True)
        files[f"years/{year}{ext}"] = text

    # the baseline's hand-written speakers page (the extension generates speaker pages)
    if plain:
        text = _heading(flavour, "Speakers") + "\n"
        for name, their in speakers.items():
            if PLAIN_SPEAKER_HEADINGS:
                text += f"\n.. _speaker-{slugify(name)}:\n\n{_heading(flavour, name, 2)}\n"
            else:
                text += f"\n.. _speaker-{slugify(name)}:\n\n.. rubric:: {name}\n\n"
            text += _plain_list(their[::-1])
        files["speakers.rst"] = text
    return files


def write_site(root: Path, files: dict[str, str]) -> list[str]:
    """Write ``files`` under ``root``, touching only changed files; delete the others.

    Returns the paths that were written or deleted.
    """
    root.mkdir(parents=True, exist_ok=True)
    changed = []
    for rel, text in sorted(files.items()):
        path = root / rel
        data = text.encode()
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(rel)
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.relative_to(root).as_posix() not in files:
            path.unlink()
            changed.append(path.relative_to(root).as_posix())
    return changed


def generate(root: Path, n: int, flavour: str, structure: str = "orphan",
             theme: str = "alabaster", seed: int = 0,
             mutations: tuple[str, ...] = ()) -> list[str]:
    talks = make_talks(n, seed)
    for kind in mutations:
        talks = mutate(talks, kind, seed)
    return write_site(root, site_files(talks, flavour, structure, theme))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="number of talks")
    parser.add_argument("--flavour", choices=FLAVOURS, default="rst")
    parser.add_argument("--structure", choices=STRUCTURES, default="orphan")
    parser.add_argument("--theme", default="alabaster")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mutate", choices=MUTATIONS, action="append", default=[],
                        help="apply an author's edit (repeatable, in order)")
    parser.add_argument("--plain-speakers", choices=("headings", "rubrics"), default="headings",
                        help="the baseline's speakers page: a section or a rubric per speaker")
    parser.add_argument("--clean", action="store_true", help="empty --out first")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    global PLAIN_SPEAKER_HEADINGS
    PLAIN_SPEAKER_HEADINGS = args.plain_speakers == "headings"
    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    changed = generate(args.out, args.n, args.flavour, args.structure, args.theme, args.seed,
                       tuple(args.mutate))
    print(f"{len(changed)} file(s) written or removed under {args.out}")


if __name__ == "__main__":
    main()
