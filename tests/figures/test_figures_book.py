"""The figures in the built book: inline SVG on the pages, TikZ in the PDF, both as a reader meets them."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

import pytest
from helpers import require_tool
from helpers.browser import DESKTOP, PHONE, chromium
from helpers.pdflayout import Box, read_layout

pytestmark = pytest.mark.slow


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if dict(attrs).get("id"):
            self.ids.add(dict(attrs)["id"])


def ids_of(html: str) -> set[str]:
    parser = _Ids()
    parser.feed(html)
    return parser.ids


def svg_of(html: str, kind: str) -> str:
    match = re.search(rf'<svg [^>]*class="bb-fig bb-fig-{kind}".*?</svg>', html, re.DOTALL)
    assert match, f"no inline {kind} SVG on the page"
    return match.group()


def test_timeline_page_has_the_figure_inline_with_links_into_its_list(built_book):
    html = (built_book.html / "timeline.html").read_text("utf-8")
    svg = svg_of(html, "timeline")
    assert 'role="group"' in svg and 'aria-describedby="bb-timeline-list bb-figure-timeline-caption"' in svg
    assert ">New START expires</text>" in svg and ">Elbe Day</text>" in svg
    targets = re.findall(r'<a class="bb-fig-link" href="#([^"]+)">', svg)
    assert "bb-event-new-start-expiry" in targets and "bb-event-term-elbe-day" in targets
    ids = ids_of(html)
    assert {"bb-timeline-list", "bb-figure-timeline-caption"} <= ids
    assert set(targets) <= ids, "every event in the figure links to its entry in the list"
    # the figure comes before the list it stands for
    assert html.index('class="bb-fig bb-fig-timeline"') < html.index('id="bb-timeline-list"')


def test_glossary_page_has_the_actor_chart_linking_to_the_entries(built_book):
    html = (built_book.html / "glossary.html").read_text("utf-8")
    svg = svg_of(html, "actors")
    assert ">Alexus Grynkewich</text>" in svg and ">EUCOM</text>" in svg
    targets = re.findall(r'<a class="bb-fig-link" href="#([^"]+)">', svg)
    ids = ids_of(html)
    assert targets and set(targets) <= ids, "every node links to its glossary entry on this page"
    assert "term-EUCOM" in targets or "term-eucom" in targets
    assert "the 22 people and organisations with the most ties" in html


MEASURE_LABELS = """
() => Array.from(document.querySelectorAll('svg.bb-fig')).map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {
    labels: Array.from(svg.querySelectorAll('text')).map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom,
              px: Number(t.getAttribute('font-size')) * scale, role: t.getAttribute('class')};
    }),
    scroller: {client: svg.parentElement.clientWidth, scroll: svg.parentElement.scrollWidth},
  };
})
"""


def overlaps(a: dict, b: dict) -> bool:
    # glyph boxes include the font's line gap; 0.5 px of slack for rounding
    return (
        a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 1.5
        and b["top"] < a["bottom"] - 1.5
    )


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_labels_do_not_overlap_in_the_browser(built_book, viewport):
    require_tool("/usr/bin/chromium")
    with chromium() as browser:
        for page_name in ("timeline.html", "glossary.html"):
            page = browser.new_page(viewport=viewport)
            page.goto((built_book.html / page_name).as_uri())
            page.wait_for_load_state("load")
            figures = page.evaluate(MEASURE_LABELS)
            page.close()
            assert len(figures) == 1
            labels = figures[0]["labels"]
            assert len(labels) > 20
            clashes = [
                (a["text"], b["text"])
                for i, a in enumerate(labels)
                for b in labels[i + 1 :]
                if overlaps(a, b)
            ]
            assert clashes == [], f"{page_name} at {viewport['width']} px"
            # readable: event labels and node names are set at 11 px or more, on a phone too
            # (the box scrolls sideways instead of shrinking the figure)
            main = [label["px"] for label in labels if label["role"] in ("bb-fig-label", "bb-fig-node-label")]
            assert main and min(main) >= 11
            if viewport is PHONE:
                assert figures[0]["scroller"]["scroll"] > figures[0]["scroller"]["client"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_pass_axe_wcag_aa(built_book, scheme):
    require_tool("/usr/bin/chromium")
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    with chromium() as browser:
        for page_name in ("timeline.html", "glossary.html"):
            page = browser.new_page(viewport=DESKTOP, color_scheme=scheme)
            page.goto((built_book.html / page_name).as_uri())
            page.wait_for_load_state("load")
            theme = page.evaluate("document.documentElement.dataset.theme")
            assert theme == scheme
            results = axe.run(
                page,
                context={"include": [[".bb-figure"]]},
                options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
            )
            page.close()
            violations = [
                (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
            ]
            assert violations == [], f"{page_name} ({scheme})"


def chapter_page(pages, title: str):
    """The first page of the chapter headed ``title`` (not the contents, which list it too)."""
    return next(
        p
        for p in pages
        if not any(line.words == ("Contents",) for line in p.lines)
        and any(" ".join(line.words) == title for line in p.lines)
    )


def test_pdf_has_the_figures_on_their_chapters_first_pages_as_vector_and_text(built_book):
    require_tool("pdftotext", "pdfimages", "pdftocairo")
    pages = read_layout(built_book.pdf)
    for title, labels in (
        ("Timeline", ["New START expires", "Elbe Day", "Military liaison missions 1947–1990"]),
        (
            "Glossary of actors and acronyms",
            ["Alexus Grynkewich", "EUCOM", "General Staff of the Russian Armed Forces"],
        ),
    ):
        page = chapter_page(pages, title)
        lines = [" ".join(line.words) for line in page.lines]
        for label in labels:
            assert any(label in line for line in lines), f"{label!r} not on the first page of {title}"
        # labels as text that does not overlap: no two words of the page share ink
        boxes = [b for line in page.lines for b in line.boxes]
        clashes = [
            (a, b)
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if Box(a.left + 0.3, a.top + 0.8, a.right - 0.3, a.bottom - 0.8).overlaps(
                Box(b.left + 0.3, b.top + 0.8, b.right - 0.3, b.bottom - 0.8)
            )
        ]
        assert clashes == [], title
        # a vector drawing: no raster image on the page, and many drawn paths
        listing = subprocess.run(
            ["pdfimages", "-list", "-f", str(page.number), "-l", str(page.number), str(built_book.pdf)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert len(listing.strip().splitlines()) == 2, "only the header of pdfimages' list: no images"
        svg = subprocess.run(
            ["pdftocairo", "-svg", "-f", str(page.number), "-l", str(page.number), str(built_book.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert svg.count("<path") > 40


def test_a_figure_with_nothing_to_show_says_so_in_one_line_or_is_left_out(tmp_path):
    """The tiny book's glossary ties no one to anyone: one line instead of an empty chart and a
    caption about "all 0 people and organisations"; with no dated claim, the timeline has no figure
    (its list says that nothing is dated yet)."""
    from helpers.tinybook import make_book, sphinx_html

    from briefbook.sphinxext.figures import NO_ACTORS

    root = make_book(tmp_path / "book")
    claims = root / "seeds" / "claims.yaml"
    claims.write_text(claims.read_text("utf-8").replace('    date: "2021"\n', ""), "utf-8")
    result = sphinx_html(root)
    assert result.returncode == 0, result.stderr[-2000:]
    glossary = (root / "docs/_build/html/glossary.html").read_text("utf-8")
    assert NO_ACTORS in glossary and "bb-figure-actors" not in glossary and "all 0" not in glossary
    timeline = (root / "docs/_build/html/timeline.html").read_text("utf-8")
    assert "<figure" not in timeline and "No dated claims or events yet." in timeline
