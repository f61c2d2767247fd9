"""A book taken through three editions, built as its editor builds it (``briefbook build``).

What's new lists exactly what changed, each item linked to its place; the marks stand on the right
notes and articles on screen and in print; the update brief holds the changed articles and not the
others; a fresh copy of the book (its committed files alone) builds the same pages.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from helpers import require_tool
from helpers.editions import ALPHA_NOTE, EUCOM, cut, run, to_second, to_third
from helpers.pdflayout import printed_notes, read_layout
from helpers.tinybook import make_book

from briefbook.book import load_book
from briefbook.book.identity import anchor_key
from briefbook.models import Note
from briefbook.names import passage_id

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Stage:
    html: Path
    pdfs: Path
    out: str


def build(root: Path, into: Path, *options: str) -> Stage:
    """Build the book and keep what it published (the next build replaces it)."""
    status, out = run("build", "-j", "1", "--root", str(root), *options)
    assert status == 0, out
    shutil.copytree(root / "docs/_build/html", into / "html")
    shutil.copytree(root / "docs/_build/latex", into / "latex")
    return Stage(into / "html", into / "latex", out)


@pytest.fixture(scope="module")
def stages(tmp_path_factory):
    require_tool("xelatex", "latexmk", "pdftotext")
    base = tmp_path_factory.mktemp("editions")
    root = make_book(base / "book", pdf=True)
    cut(root, "first", "2026-02-07")
    to_second(root)
    cut(root, "second", "2026-02-14")
    second = build(root, base / "second")  # the book is edition "second": compared with "first"
    to_third(root)
    cut(root, "third", "2026-02-21")
    third = build(root, base / "third", "--html")  # compared with "second"
    since_first = build(root, base / "since-first", "--since", "first")
    return {"root": root, "second": second, "third": third, "since-first": since_first}


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def items(stage: Stage) -> dict[str, str]:
    """What's new's items: each item's id on the page, and the words of its first line."""
    page = (stage.html / "whatsnew.html").read_text("utf-8")
    found = re.findall(r'<li><p><span id="(bb-change-[^"]+)"></span>(.*?)</p>', page, re.DOTALL)
    return {anchor: text_of(line) for anchor, line in found}


def links_resolve(stage: Stage) -> None:
    """Every link of What's new goes to a page the site has, and to an id that page holds."""
    page = (stage.html / "whatsnew.html").read_text("utf-8")
    body = page[page.index('<ul class="bb-changes') :]
    for href in re.findall(r'href="([^"#]+\.html)(?:#([^"]+))?"', body):
        target = stage.html / href[0]
        assert target.is_file(), href
        if href[1]:
            assert f'id="{href[1]}"' in target.read_text("utf-8"), href


def test_whats_new_lists_exactly_what_changed_since_the_edition_before(stages):
    second = items(stages["second"])
    assert second == {
        "bb-change-004_epsilon": "New Epsilon reopening (004 Post · 9 February 2026) — 2 notes",
        "bb-change-005_zeta": "New Zeta column (005 Weekly · 10 February 2026) — no notes yet",
        "bb-change-000_alpha": "Changed Alpha talks resume (000 The Test Gazette · 5 February 2026) — 1 note changed",
        "bb-change-000_alpha-c9be7191": "Changed note 1 , context note on “suspended in 2021”",
        "bb-change-002_gamma": "Changed Gamma wire report (002 Wire · 6 February 2026) — 1 note changed",
        "bb-change-002_gamma-d59b0a37": (
            "Changed note 1 , discrepancy note on “the dialogue never stopped” — stance: contradicts → qualifies"
        ),
        "bb-change-claim-suspension-2021": (
            "Changed The dialogue was suspended in 2021. — no longer disputed; 002 Wire: contradicts → qualifies; "
            "credibility 4 (doubtful) → 3 (possibly true); contradicting origin gone: own reporting of 002 Wire"
        ),
        "bb-change-term-eucom": "Changed EUCOM — definition changed",
    }
    page = text_of((stages["second"].html / "whatsnew.html").read_text("utf-8"))
    assert (
        "This is edition 2 (second) of 14 February 2026. What changed since edition 1 (first) of 7 February 2026"
        in page
    )
    assert f"Now: {ALPHA_NOTE[1]} Before: {ALPHA_NOTE[0]}" in page
    assert f"Now: {EUCOM[1].replace(chr(39), '’')} Before: {EUCOM[0].replace(chr(39), '’')}" in page
    links_resolve(stages["second"])
    vienna = anchor_key("004_epsilon", Note("in Vienna", "analysis", "", 0))
    assert items(stages["third"]) == {
        "bb-change-004_epsilon": "Changed Epsilon reopening (004 Post · 9 February 2026) — 1 note removed",
        f"bb-change-004_epsilon-{vienna}": "Removed Analysis note on “in Vienna”",
        "bb-change-003_delta": "Removed Delta quiet day (003 · no longer in the book)",
    }
    assert "Said: Vienna hosts the OSCE." in text_of(
        (stages["third"].html / "whatsnew.html").read_text("utf-8")
    )
    links_resolve(stages["third"])


def test_whats_new_since_a_named_edition_gathers_every_change_since(stages):
    found = items(stages["since-first"])
    heads = {anchor: words.split(" ")[0] for anchor, words in found.items()}
    assert heads == {
        "bb-change-004_epsilon": "New",  # new since "first": its later edit is part of it
        "bb-change-005_zeta": "New",
        "bb-change-000_alpha": "Changed",
        "bb-change-000_alpha-c9be7191": "Changed",
        "bb-change-002_gamma": "Changed",
        "bb-change-002_gamma-d59b0a37": "Changed",
        "bb-change-003_delta": "Removed",
        "bb-change-claim-suspension-2021": "Changed",
        "bb-change-term-eucom": "Changed",
    }
    page = text_of((stages["since-first"].html / "whatsnew.html").read_text("utf-8"))
    assert "As a PDF to print: the whole book · the update brief , only what changed." in page


def marks(html: str) -> tuple[list[tuple[str, str]], str | None]:
    """The notes marked on an article's page (number, new or changed) and the article's own mark."""
    notes = re.findall(
        r'<aside class="bb-note" data-change="([a-z]+)" data-kind="[^"]+" data-number="(\d+)"', html
    )
    article = re.search(r'<div class="bb-article-change">(.*?)</div>', html, re.DOTALL)
    return [(number, change) for change, number in notes], text_of(article.group(1)) if article else None


def test_the_marks_stand_on_the_changed_notes_and_articles_on_screen(stages):
    html = stages["second"].html / "articles"
    page = (html / "000_alpha.html").read_text("utf-8")
    assert marks(page) == (
        [("1", "changed")],
        "Changed since edition 1 (first) of 7 February 2026: 1 note changed.",
    )
    note = page[page.index('data-number="1"') : page.index("</aside>", page.index('data-number="1"'))]
    # the word links back to the item on What's new; the edition is said for screen readers
    assert '<a class="reference internal" href="../whatsnew.html#bb-change-000_alpha-c9be7191">' in note
    assert '<span class="bb-sr"> since edition 1 (first) of 7 February 2026</span>' in note
    assert re.search(
        r"<details class=\"bb-previous\">\s*<summary>Before, in edition 1 \(first\) of 7 February 2026</summary>"
        rf"<p>{ALPHA_NOTE[0]}</p>",
        note,
    )
    gamma = (html / "002_gamma.html").read_text("utf-8")
    assert marks(gamma)[0] == [("1", "changed")]
    assert "Also changed: stance: contradicts → qualifies." in text_of(gamma)
    epsilon = (html / "004_epsilon.html").read_text("utf-8")
    assert marks(epsilon) == ([], "New since edition 1 (first) of 7 February 2026.")
    for unchanged in ("001_beta", "003_delta"):
        assert marks((html / f"{unchanged}.html").read_text("utf-8")) == ([], None)
    # after the third edition: epsilon lost a note; nothing else is marked
    html = stages["third"].html / "articles"
    assert marks((html / "004_epsilon.html").read_text("utf-8")) == (
        [],
        "Changed since edition 2 (second) of 14 February 2026: 1 note removed.",
    )
    for unchanged in ("000_alpha", "001_beta", "002_gamma", "005_zeta"):
        assert marks((html / f"{unchanged}.html").read_text("utf-8")) == ([], None)
    # the removed article is named, not linked: its page left the site
    assert not (html / "003_delta.html").exists()
    assert "003_delta.html" not in (stages["third"].html / "whatsnew.html").read_text("utf-8")


def test_the_marks_stand_on_the_changed_notes_in_print(stages):
    pdf = stages["second"].pdfs / "tiny.pdf"
    pages = read_layout(pdf)
    notes, stray = printed_notes(pdf, pages)
    assert not [word for _, word in stray if word in ("New", "Changed")]  # every mark is in its note
    marked = {(n.stem, n.number): n.words[2] for n in notes if n.words[2:3] in (("New",), ("Changed",))}
    assert marked == {("000_alpha", 1): "Changed", ("002_gamma", 1): "Changed"}
    for note in notes:  # marked or not, each note stands on its mark's page
        assert note.start.page == note.mark.page
    title = " ".join(w for line in pages[0].lines for w in line.words)
    assert "Edition 2 (second) of 14 February 2026" in title
    assert "marked “new” or “changed”" in title


def test_the_update_brief_holds_the_changed_articles_and_not_the_others(stages):
    latex = stages["since-first"].pdfs
    assert sorted(p.name for p in latex.glob("*.pdf")) == ["tiny-update-since-first.pdf", "tiny.pdf"]
    brief = " ".join(
        w
        for page in read_layout(latex / "tiny-update-since-first.pdf")
        for line in page.lines
        for w in line.words
    )
    for changed in (
        "Officials disputed the account",
        "restored in February 2026, officials said",
        "Officials said the channel",
        "doubted that the generals",
    ):
        assert changed in brief, changed
    for unchanged in ("The weather in the capital was mild", "A quiet day at the ministry"):
        assert unchanged not in brief, unchanged
    assert "This update brief prints the front page, “What’s new”, and the 4 articles" in brief
    notes, _ = printed_notes(latex / "tiny-update-since-first.pdf")
    assert {(n.stem, n.number) for n in notes if n.words[2:3] == ("Changed",)} == {
        ("000_alpha", 1),
        ("002_gamma", 1),
    }
    full = " ".join(w for page in read_layout(latex / "tiny.pdf") for line in page.lines for w in line.words)
    assert "The weather in the capital was mild" in full
    # the site offers both under names that stay the same from edition to edition
    site = stages["since-first"].html
    assert (site / "tiny.pdf").read_bytes() == (latex / "tiny.pdf").read_bytes()
    assert (site / "tiny-update.pdf").read_bytes() == (latex / "tiny-update-since-first.pdf").read_bytes()
    # a build that names no edition prints no update brief, and the site stops offering it
    assert not (stages["third"].html / "tiny-update.pdf").exists()


def test_a_fresh_copy_of_the_committed_files_builds_the_same_pages(stages, tmp_path):
    root = stages["root"]
    fresh = tmp_path / "fresh"
    generated = (
        "_build",
        "articles",
        "_generated",
        "whatsnew.md",
        "update-brief.md",
        "claims.md",
        "glossary.md",
        "timeline.md",
        "sources.md",
    )
    shutil.copytree(root / "seeds", fresh / "seeds")
    shutil.copytree(root / "docs", fresh / "docs", ignore=shutil.ignore_patterns(*generated))
    assert sorted(p.name for p in (fresh / "seeds/editions").iterdir()) == [
        "first.json",
        "second.json",
        "third.json",
    ]
    status, out = run("build", "--html", "-j", "1", "--root", str(fresh), "--since", "first")
    assert status == 0, out
    built, again = stages["since-first"].html, fresh / "docs/_build/html"
    pages = sorted(p.relative_to(again) for p in again.rglob("*.html"))
    # the same pages: the removed article's left the site built before, as it is in no fresh one
    assert set(pages) == {p.relative_to(built) for p in built.rglob("*.html")}
    assert len(pages) > 8
    for page in pages:
        assert (again / page).read_bytes() == (built / page).read_bytes(), page
    # the search index finds the same words in the same pages (Sphinx keeps a word no page holds any
    # more, with no page, where the book was built before)
    assert search_terms(again) == search_terms(built)


def search_terms(site: Path) -> dict:
    text = (site / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return {
        key: {word: pages for word, pages in index[key].items() if pages != []}
        for key in ("terms", "titleterms")
    }


def test_links_to_a_changed_note_use_its_stable_key(stages):
    book = load_book(stages["root"] / "seeds")
    (alpha_note,) = book.article("000_alpha").notes
    target = passage_id("000_alpha", alpha_note.key)
    assert f'id="{target}"' in (stages["third"].html / "articles/000_alpha.html").read_text("utf-8")
    assert f"000_alpha.html#{target}" in (stages["third"].html / "articles/002_gamma.html").read_text("utf-8")
