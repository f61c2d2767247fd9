"""The figures' core: data from the book, layout without collisions, deterministic SVG and TikZ."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import REPO, SEEDS

from briefbook.book.load import load_book
from briefbook.figures.actors import layout_actors
from briefbook.figures.bookdata import actor_data, timeline_data, timeline_items
from briefbook.figures.drawing import Box, Line, Link, Text, walk
from briefbook.figures.metrics import TABLE, text_width
from briefbook.figures.svg import to_svg
from briefbook.figures.tikz import to_tikz
from briefbook.figures.timeline import Event, TimelineData, layout_timeline, years

FONTS = Path("/usr/share/fonts/opentype/freefont")


@pytest.fixture(scope="module")
def book():
    return load_book(SEEDS)


@pytest.fixture(scope="module")
def timeline(book):
    return layout_timeline(timeline_data(timeline_items(book)), "Timeline")


@pytest.fixture(scope="module")
def actors(book):
    return layout_actors(actor_data(book), "Actors")


def text_box(item: Text) -> Box:
    """Where a label's ink can be: its measured width, from ascender to descender."""
    width = text_width(item.text, item.size, item.bold)
    left = {"start": item.x, "middle": item.x - width / 2, "end": item.x - width}[item.anchor]
    return Box(left, item.y - 0.8 * item.size, left + width, item.y + 0.22 * item.size)


def overlapping_labels(drawing) -> list[tuple[str, str]]:
    texts = [t for t in walk(drawing.items) if isinstance(t, Text)]
    boxes = [text_box(t) for t in texts]
    return [
        (texts[i].text, texts[j].text)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if boxes[i].overlaps(boxes[j])
    ]


def test_font_table_matches_the_font_files():
    """The shipped widths are FreeSans's own (the font the PDF sets the labels in)."""
    if not (FONTS / "FreeSans.otf").exists():
        if os.environ.get("CI"):
            pytest.fail("needs fonts-freefont-otf (run `make test`, which installs it)")
        pytest.skip("needs fonts-freefont-otf")
    sys.path.insert(0, str(REPO / "scripts"))
    from font_metrics import table

    assert json.loads(TABLE.read_text("utf-8")) == table(FONTS)
    # a wide and a narrow letter really differ, and bold is wider
    assert text_width("W", 10) > 2 * text_width("i", 10)
    assert text_width("EUCOM", 10, bold=True) > text_width("EUCOM", 10)


def test_timeline_shows_every_dated_claim_and_event_with_its_sources(book, timeline):
    labels = {t.text for t in walk(timeline.items) if isinstance(t, Text)}
    assert "New START expires" in labels  # a claim, by its label
    assert "Elbe Day" in labels  # a glossary event, by its term
    assert "Military liaison missions 1947–1990" in labels  # a period, as a bar
    assert "Grynkewich: EUCOM, SACEUR" in labels  # a person's posts held together
    assert "[000–004]" in labels  # the suspension is reported by all five sources
    dated = [c.id for c in book.claims.claims if c.date]
    links = {item.target for item in timeline.items if isinstance(item, Link)}
    assert {f"bb-event-{c}" for c in dated} <= links


def test_timeline_labels_do_not_overlap_and_leaders_cross_no_label(timeline):
    assert overlapping_labels(timeline) == []
    leaders = [
        Box(
            line.points[0][0] - 0.3,
            min(p[1] for p in line.points),
            line.points[0][0] + 0.3,
            max(p[1] for p in line.points),
        )
        for line in walk(timeline.items)
        if isinstance(line, Line) and line.role == "leader"
    ]
    texts = [t for t in walk(timeline.items) if isinstance(t, Text)]
    crossed = [t.text for t in texts for leader in leaders if text_box(t).overlaps(leader)]
    assert crossed == []
    assert all(0 <= text_box(t).left and text_box(t).right <= timeline.width for t in texts)


def test_recent_years_get_room_on_the_broken_axis(timeline):
    """2021–2026 is not squeezed to a dot: two recent years take a tenth of the width (a linear
    axis from 1853 would give them about a hundredth), and the long gaps are broken off."""
    year_x = {t.text: t.x for t in walk(timeline.items) if isinstance(t, Text) and t.role == "year"}
    assert {"2023", "2024", "2025"} <= set(year_x)
    assert year_x["2025"] - year_x["2023"] >= 0.1 * timeline.width
    assert len([t for t in walk(timeline.items) if isinstance(t, Line) and t.role == "break"]) >= 2


def test_a_changed_date_moves_its_event(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    before = layout_timeline(timeline_data(timeline_items(load_book(seeds))), "Timeline")
    claims = seeds / "claims.yaml"
    text = claims.read_text("utf-8")
    assert '    date: "2022-03"\n' in text  # the deconfliction line
    claims.write_text(text.replace('    date: "2022-03"\n', '    date: "2024-06"\n'), "utf-8")
    after = layout_timeline(timeline_data(timeline_items(load_book(seeds))), "Timeline")
    assert to_svg(before, {}, "t") != to_svg(after, {}, "t")

    def where(drawing) -> float:
        label = next(
            t for t in walk(drawing.items) if isinstance(t, Text) and t.text == "Deconfliction line set up"
        )
        return text_box(label).left

    assert where(after) != where(before)
    dates = {t.text for t in walk(after.items) if isinstance(t, Text) and t.role == "date"}
    assert "Jun 2024" in dates and "Mar 2022" not in dates


def test_close_dates_share_a_block_and_month_dates_read_as_months():
    events = (
        Event("a", "2026-02-05", "First", ("001",), "First event"),
        Event("b", "2026-02", "Second", ("002", "003", "004"), "Second event"),
        Event("c", "1990", "Third", (), "Third event"),
    )
    drawing = layout_timeline(TimelineData(events, ()), "t")
    dates = [t.text for t in walk(drawing.items) if isinstance(t, Text) and t.role == "date"]
    assert dates.count("Feb 2026") == 1 and dates.count("5 Feb 2026") == 1 and "1990" in dates
    sources = {t.text for t in walk(drawing.items) if isinstance(t, Text) and t.role == "sources"}
    assert sources == {"[001]", "[002–004]"}
    assert overlapping_labels(drawing) == []


def test_actor_chart_ties_people_to_the_posts_they_hold(book, actors):
    data = actor_data(book)
    ties = {(t.a, t.b): t.kind for t in data.ties}
    assert ties[("alexus-grynkewich", "eucom")] == "post"
    assert ties[("alexus-grynkewich", "saceur")] == "post"
    assert ties[("alexus-grynkewich", "valery-gerasimov")] == "related"
    kinds = {a.key: a.kind for a in data.actors}
    assert kinds["alexus-grynkewich"] == "person" and kinds["eucom"] == "organisation"
    assert "kremlin" not in kinds  # places are not actors
    assert overlapping_labels(actors) == []
    nodes = {item.target for item in actors.items if isinstance(item, Link)}
    assert nodes == set(kinds)


def test_actor_chart_shows_the_most_tied_and_no_more(book):
    small = actor_data(book, limit=6)
    assert len(small.actors) == 6 and small.total > 6
    most = max(a.ties for a in actor_data(book).actors)
    assert small.actors[0].ties == most
    shown = {a.key for a in small.actors}
    assert all(t.a in shown and t.b in shown for t in small.ties)


def test_svg_links_and_describes_itself(timeline):
    svg = to_svg(timeline, {"bb-event-new-start-expiry": "#bb-event-new-start-expiry"}, "tl", "list")
    assert svg.startswith("<svg ") and 'role="group"' in svg and 'aria-describedby="list"' in svg
    assert '<a class="bb-fig-link" href="#bb-event-new-start-expiry">' in svg
    # no colour is fixed in the SVG: the page's CSS gives every colour, light or dark
    assert not re.search(r'(fill|stroke)="#', svg)


def test_tikz_escapes_labels_and_keeps_them_as_text():
    events = (Event("a", "2020", "R&D 100% {done} #1 $5 ~x_y", (), "t"),)
    tikz = to_tikz(layout_timeline(TimelineData(events, ()), "t"))
    assert r"R\&D 100\% \{done\} \#1 \$5 \textasciitilde{}x\_y" in tikz
    assert tikz.startswith(r"\begin{tikzpicture}") and tikz.rstrip().endswith(r"\end{tikzpicture}")


FIGURE_HASH = """
import hashlib
from pathlib import Path
from briefbook.figures.actors import layout_actors
from briefbook.figures.bookdata import actor_data, timeline_data, timeline_items
from briefbook.figures.svg import to_svg
from briefbook.figures.tikz import to_tikz
from briefbook.figures.timeline import layout_timeline
from briefbook.book.load import load_book
book = load_book(Path({seeds!r}))
t = layout_timeline(timeline_data(timeline_items(book)), "t")
a = layout_actors(actor_data(book), "a")
print(hashlib.sha256((to_svg(t, {{}}, "t") + to_tikz(t) + to_svg(a, {{}}, "a") + to_tikz(a)).encode()).hexdigest())
"""


def test_figures_are_byte_identical_from_run_to_run():
    """Two runs (with different hash seeds, so no set order can leak in) give the same bytes."""
    digests = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", FIGURE_HASH.format(seeds=str(SEEDS))],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_event_order_in_the_data_does_not_change_the_figure(book):
    data = timeline_data(timeline_items(book))
    shuffled = replace(data, events=tuple(reversed(data.events)))
    assert (
        hashlib.sha256(to_svg(layout_timeline(data, "t"), {}, "t").encode()).digest()
        == hashlib.sha256(to_svg(layout_timeline(shuffled, "t"), {}, "t").encode()).digest()
    )


def test_a_period_must_start_before_it_ends(tmp_path):
    from briefbook.editorial.claims import load_claims
    from briefbook.editorial.glossary import load_glossary
    from briefbook.errors import BriefbookError, Code

    path = tmp_path / "glossary.yaml"
    entry = "  - id: {id}\n    term: {term}\n    kind: event\n    definition: A period.\n"
    path.write_text(
        "terms:\n"
        + entry.format(id="good", term="Good")
        + '    date: "1947"\n    until: "1990"\n'
        + entry.format(id="backwards", term="Backwards")
        + '    date: "1990"\n    until: "1947"\n'
        + entry.format(id="endless", term="Endless")
        + '    until: "1990"\n',
        "utf-8",
    )
    with pytest.raises(BriefbookError) as caught:
        load_glossary(path)
    messages = [f"{p.line}: {p.message}" for p in caught.value.problems]
    assert messages == [
        "13: period ends (1947) before it starts (1990)",
        "18: 'until' needs a 'date' the period starts at",
    ]
    claims = tmp_path / "claims.yaml"
    claims.write_text('claims:\n  - id: a\n    statement: "A."\n    label: ["not", "text"]\n', "utf-8")
    with pytest.raises(BriefbookError) as caught:
        load_claims(claims)
    assert [(p.line, p.code) for p in caught.value.problems] == [(4, Code.SCHEMA_TYPE)]


def test_a_crowded_timeline_shows_the_best_reported_events_and_says_how_many(book):
    items = timeline_items(book)
    data = timeline_data(items, limit=5)
    assert len(data.events) == 5 and data.dated == sum(1 for i in items if not i.period) > 5
    # no event left out is reported by more sources than one shown
    kept = {e.key for e in data.events}
    dropped = [len(i.sources) for i in items if not i.period and i.key not in kept]
    assert min(len(e.sources) for e in data.events) >= max(dropped)
    assert "bb-event-suspension-2021" in kept  # all five sources report it
    assert len(data.periods) == sum(1 for i in items if i.period)  # periods are all kept


def test_a_timeline_of_months_starts_at_its_first_month_and_is_labelled_in_months():
    from briefbook.figures.timeline.axis import find_eras, place_eras, ticks

    first, last = years("2025-10-01"), years("2026-02-27")
    eras = place_eras(find_eras([first, years("2025-12-03"), last], []), [3], 14.0, 456.0)
    assert len(eras) == 1 and eras[0].start <= first < eras[0].start + 1 / 24  # not from New Year
    labels = [label for _, label in ticks(eras[0])]
    assert labels[:5] == ["Oct 2025", "Nov", "Dec", "Jan 2026", "Feb"]
    # the first event stands within a few points of the axis's start, not half way along it
    assert eras[0].x(first) - eras[0].left < 5.0
    # a history of centuries still starts at whole years
    history = find_eras([1853.0, 1854.5, first], [])
    assert history[0][0] == 1853.0
