"""Incremental builds: after one edit, Sphinx re-reads exactly the pages that show what changed.

Each generated page holds everything it shows, so its file changes exactly when what it shows
changes, and Sphinx's own change detection does the rest.

Each test builds the tiny book (tests/tinybook.py) with sphinx-build in a
temporary folder, edits an input, builds again and reads from Sphinx's output
which documents it read the second time.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers.editions import cut
from helpers.tinybook import OVERVIEW, edit, make_book, sphinx_html
from helpers.tinybook import pages_read as build


@pytest.fixture
def built(tmp_path) -> Path:
    root = make_book(tmp_path / "book")
    first = build(root)
    articles = ["articles/000_alpha", "articles/001_beta", "articles/002_gamma", "articles/003_delta"]
    browse = [page for page in first if page.startswith("browse/")]
    assert sorted(set(first) - set(browse)) == sorted([*articles, *OVERVIEW, "index"])
    # the articles by date and by source: the two views, and a page per group
    assert {"browse/by-date", "browse/by-source", "browse/source-the-test-gazette"} <= set(browse)
    return root


def test_nothing_changed_nothing_read(built):
    assert build(built) == []


def test_one_sidecar_edit_rereads_that_article_and_the_overview_pages_that_show_it(built):
    # the title stands in the claims matrix's list of sources, on the sources page and on the pages
    # of its groups (undated, publisher not stated); the timeline names sources by number, and
    # beta mentions no glossary term
    edit(built / "seeds" / "001_beta.yaml", 'title: "Beta weather"', 'title: "Beta weather, revised"')
    assert build(built) == [
        "articles/001_beta",
        "browse/date-undated",
        "browse/source--not-stated",
        "claims",
        "sources",
    ]
    html = (built / "docs/_build/html/articles/001_beta.html").read_text("utf-8")
    assert "Beta weather, revised" in html


def test_a_comment_in_a_sidecar_rereads_nothing(built):
    path = built / "seeds" / "003_delta.yaml"
    path.write_text(path.read_text("utf-8") + "# a comment\n", "utf-8")
    os.utime(path, (time.time() + 2,) * 2)
    assert build(built) == []


def test_a_note_edit_rereads_only_its_article(built):
    # other pages show the passage a note marks, not the note's words
    edit(built / "seeds" / "002_gamma.yaml", 'note: "Contradicts 000."', 'note: "Contradicts 000 flatly."')
    assert build(built) == ["articles/002_gamma"]
    html = (built / "docs/_build/html/articles/002_gamma.html").read_text("utf-8")
    assert "Contradicts 000 flatly." in html


def test_a_glossary_edit_rereads_only_the_pages_that_show_the_entry(built):
    glossary = built / "seeds" / "glossary.yaml"
    unmentioned = (
        "  - id: gerasimov\n    term: Valery Gerasimov\n    kind: person\n"
        "    definition: Chief of Russia's General Staff.\n"
    )
    glossary.write_text(glossary.read_text("utf-8") + unmentioned, "utf-8")
    os.utime(glossary, (time.time() + 2,) * 2)
    assert build(built) == ["glossary"]
    # no article mentions him: his definition shows on the glossary page alone
    edit(glossary, "Chief of Russia's General Staff.", "Chief of the General Staff of Russia's armed forces.")
    assert build(built) == ["glossary"]
    # EUCOM is linked from alpha, whose page shows its expansion (in print, after its first use)
    edit(glossary, "expansion: United States European Command", "expansion: U.S. European Command")
    assert build(built) == ["articles/000_alpha", "glossary"]


def test_a_claim_edit_rereads_the_pages_that_show_the_claim(built):
    # the statement stands in the notes that tag it, the matrix and the timeline
    edit(
        built / "seeds" / "claims.yaml",
        "The dialogue was suspended in 2021.",
        "The dialogue was suspended in late 2021.",
    )
    assert build(built) == ["articles/000_alpha", "articles/002_gamma", "claims", "timeline"]


def test_an_edit_that_changes_another_articles_notes_rereads_that_article_too(built):
    # 000's note on the claim lists 002 under "Differs in"; when 002's stance changes, 000's note changes
    edit(built / "seeds" / "002_gamma.yaml", "stance: contradicts", "stance: supports")
    # the claim's credibility changes with it, and the timeline's list gives the credibility too
    assert build(built) == ["articles/000_alpha", "articles/002_gamma", "claims", "timeline"]
    html = (built / "docs/_build/html/articles/000_alpha.html").read_text("utf-8")
    assert "Same stance (supports) in:" in html and "Differs in:" not in html


def test_a_new_relation_rereads_the_article_it_appears_in(built):
    # 003 starts reporting 000's claim: 000's note and "Related coverage" gain a link to 003,
    # although 000 did not depend on 003's files before
    edit(
        built / "seeds" / "003_delta.yaml",
        "kind: news\n",
        'kind: news\nnotes:\n  - quote: "no statements"\n    kind: context\n    note: "None."\n'
        "    claim: suspension-2021\n    stance: qualifies\n",
    )
    assert build(built) == [
        "articles/000_alpha",
        "articles/002_gamma",
        "articles/003_delta",
        "claims",
        "sources",
        "timeline",
    ]
    html = (built / "docs/_build/html/articles/000_alpha.html").read_text("utf-8")
    assert "Delta quiet day" in html


def test_a_note_added_before_another_rereads_its_article_alone_not_the_pages_that_link_to_it(built):
    # alpha's claim note becomes note 2; gamma, the claims matrix and the timeline link to its passage,
    # which is named by the note's stable key, not its number, so they stay as they were
    edit(
        built / "seeds" / "000_alpha.yaml",
        "notes:\n",
        'notes:\n  - quote: "The dialogue was"\n    kind: context\n    note: "Which dialogue."\n',
    )
    assert build(built) == ["articles/000_alpha", "sources"]  # the sources page counts the notes
    html = (built / "docs/_build/html/articles/000_alpha.html").read_text("utf-8")
    assert 'data-number="2"' in html and "Which dialogue." in html


def test_an_article_added_removed_or_retitled_is_in_every_pages_sidebar_as_a_fresh_build_has_it(
    built, tmp_path
):
    # Sphinx writes again only what it read again; the sidebar every page shows lists every article
    for suffix in (".txt", ".yaml"):
        (built / "seeds" / f"003_delta{suffix}").unlink()
    edit(built / "seeds" / "001_beta.yaml", 'title: "Beta weather"', 'title: "Beta weather, revised"')
    build(built)
    fresh = make_book(tmp_path / "fresh")
    for suffix in (".txt", ".yaml"):
        (fresh / "seeds" / f"003_delta{suffix}").unlink()
    edit(fresh / "seeds" / "001_beta.yaml", 'title: "Beta weather"', 'title: "Beta weather, revised"')
    build(fresh)
    alpha = (built / "docs/_build/html/articles/000_alpha.html").read_text("utf-8")
    assert "Beta weather, revised" in alpha and "Delta quiet day" not in alpha
    assert alpha == (fresh / "docs/_build/html/articles/000_alpha.html").read_text("utf-8")
    # the removed article's page, and its source's copy, left the site: it has the pages a fresh build has
    site = built / "docs/_build/html"
    assert not (site / "articles/003_delta.html").exists()
    assert not list(site.glob("_sources/articles/003_delta*"))
    assert site_files(site) == site_files(fresh / "docs/_build/html")


def site_files(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".txt") and "_static" not in p.parts
    )


def test_cutting_an_edition_rereads_what_s_new_alone_and_comparing_rereads_the_pages_whose_marks_change(
    built,
):
    cut(built, "first", "2026-02-07")
    assert build(built) == ["whatsnew"]  # "no edition yet" becomes "this is edition 1"
    edit(built / "seeds" / "002_gamma.yaml", 'note: "Contradicts 000."', 'note: "Contradicts 000 flatly."')
    assert build(built) == ["articles/002_gamma", "whatsnew"]  # the note is marked, and listed
    cut(built, "second", "2026-02-14")
    # the book is edition 2 now, still compared with edition 1: the marks stay, What's new names it
    assert build(built) == ["whatsnew"]
    html = (built / "docs/_build/html/articles/002_gamma.html").read_text("utf-8")
    assert 'data-change="changed"' in html
    # compared with edition 2 itself: nothing changed, the mark goes (and an update brief's page comes)
    assert build(built, "-D", "briefbook_since=second") == [
        "articles/002_gamma",
        "index",  # the tiny book's contents are a glob, which a page that comes reads again
        "update-brief",
        "whatsnew",
    ]
    assert 'data-change="changed"' not in (built / "docs/_build/html/articles/002_gamma.html").read_text(
        "utf-8"
    )


def test_parallel_build_gives_the_same_pages(tmp_path):
    serial = make_book(tmp_path / "serial")
    parallel = make_book(tmp_path / "parallel")
    build(serial, "-j", "1")
    result = sphinx_html(parallel, "-j", "2")
    assert result.returncode == 0, result.stderr
    assert "parallel" not in result.stderr  # no "not safe for parallel reading" warning
    pages = sorted(
        p.relative_to(serial / "docs/_build/html")
        for p in (serial / "docs/_build/html/articles").glob("*.html")
    )
    assert len(pages) == 4
    for page in pages:
        assert (parallel / "docs/_build/html" / page).read_text("utf-8") == (
            serial / "docs/_build/html" / page
        ).read_text("utf-8")


def test_an_incremental_build_writes_the_search_index_a_fresh_one_does(built, tmp_path):
    # Sphinx alone forgets the index entries (glossary terms) of pages it did not read again
    edit(built / "seeds" / "002_gamma.yaml", 'note: "Contradicts 000."', 'note: "Contradicts 000 flatly."')
    assert build(built) == ["articles/002_gamma"]
    fresh = make_book(tmp_path / "fresh")
    edit(fresh / "seeds" / "002_gamma.yaml", 'note: "Contradicts 000."', 'note: "Contradicts 000 flatly."')
    build(fresh)
    incremental = (built / "docs/_build/html/searchindex.js").read_text("utf-8")
    assert '"eucom":[[' in incremental  # the glossary's index entry
    assert incremental == (fresh / "docs/_build/html/searchindex.js").read_text("utf-8")


def test_a_word_taken_out_of_a_note_leaves_the_search_index(built, tmp_path):
    # Sphinx alone keeps a word whose only page was read again without it, as "word": []
    sidecar = built / "seeds" / "002_gamma.yaml"
    edit(sidecar, 'note: "Contradicts 000."', 'note: "Contradicts 000 flatly."')
    build(built)
    assert '"flat":' in (built / "docs/_build/html/searchindex.js").read_text("utf-8")
    edit(sidecar, 'note: "Contradicts 000 flatly."', 'note: "Contradicts 000."')
    assert build(built) == ["articles/002_gamma"]
    fresh = make_book(tmp_path / "fresh")
    build(fresh)
    incremental = (built / "docs/_build/html/searchindex.js").read_text("utf-8")
    assert '"flat":' not in incremental
    assert incremental == (fresh / "docs/_build/html/searchindex.js").read_text("utf-8")
