"""The figures are rebuilt when their data changes, and only then; a rebuild gives the same bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.tinybook import OVERVIEW, edit, make_book
from helpers.tinybook import pages_read as build


def overviews_read(root: Path) -> list[str]:
    """The overview pages a build read again (article pages depend on claims.yaml as a whole)."""
    return [doc for doc in build(root) if doc in OVERVIEW]


def timeline_svg(root: Path) -> str:
    html = (root / "docs/_build/html/timeline.html").read_text("utf-8")
    return re.search(r"<svg .*?</svg>", html, re.DOTALL).group()


@pytest.fixture
def built(tmp_path) -> Path:
    root = make_book(tmp_path / "book")
    build(root)
    return root


def test_a_claims_new_date_redraws_the_timeline(built):
    before = timeline_svg(built)
    assert ">2021</text>" in before
    edit(built / "seeds" / "claims.yaml", 'date: "2021"', 'date: "2019-11"')
    # the date stands in the claims matrix and in the timeline; the glossary and sources show nothing of it
    assert overviews_read(built) == ["claims", "timeline"]
    after = timeline_svg(built)
    assert after != before and ">Nov 2019</text>" in after and ">2021</text>" not in after


def test_a_label_for_the_figure_rereads_the_timeline_alone(built):
    edit(built / "seeds" / "claims.yaml", 'date: "2021"\n', 'date: "2021"\n    label: "Dialogue suspended"\n')
    assert overviews_read(built) == ["timeline"]
    svg = timeline_svg(built)
    assert ">Dialogue suspended</text>" in svg
    assert 'href="#bb-event-suspension-2021"' in svg


def test_a_fresh_rebuild_gives_byte_identical_figures(built):
    first = (built / "docs/_build/html/timeline.html").read_text("utf-8")
    assert build(built, "-E") != []  # every page read again, from scratch
    again = (built / "docs/_build/html/timeline.html").read_text("utf-8")
    assert timeline_svg(built) == re.search(r"<svg .*?</svg>", first, re.DOTALL).group()
    assert again == first


@pytest.mark.parametrize("builder", ["text", "man", "texinfo"])
def test_plain_outputs_leave_the_figure_to_the_list(tmp_path, builder):
    """Outputs without pictures skip the figure; the timeline's list still says it all."""
    import subprocess
    import sys

    root = make_book(tmp_path / "book")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "docs", f"docs/_build/{builder}", "-W", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    if builder == "text":
        timeline = (root / "docs/_build/text/timeline.txt").read_text("utf-8")
        assert "The dialogue was suspended in 2021." in timeline
        assert "svg" not in timeline and "tikz" not in timeline
