"""The glossary's pages: an A–Z on screen, a large glossary split by kind, an entry every article
mentions naming the ones that mention it most, a source's address kept whole."""

from __future__ import annotations

import re

import pytest
import yaml
from helpers.bigbook import bench
from markdown_it import MarkdownIt

from briefbook.book import load_book
from briefbook.pages import blocks
from briefbook.pages import glossary as glossary_pages
from briefbook.pages.myst import link_destination
from briefbook.pages.overviews import MENTION_LIMIT, mention_rows


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = bench().write_book(tmp_path_factory.mktemp("glossary"), 40, terms=150, notes=1)
    return load_book(root / "seeds")


def test_a_large_glossary_gets_pages_by_kind_none_over_its_size(book, monkeypatch):
    monkeypatch.setattr(glossary_pages, "GLOSSARY_PAGE", 25)
    pages = glossary_pages.render_glossary_pages(book)
    parts = {name: text for name, text in pages.items() if name.startswith("glossary/")}
    assert parts and "glossary.md" in pages
    listed = []
    for text in parts.values():
        terms = re.findall(r"^(\S[^\n]*)\n  ", text.split("{glossary}", 1)[1], re.MULTILINE)
        assert 0 < len(terms) <= 25
        listed += terms
    assert sorted(listed) == sorted(e.term for e in book.glossary.entries)
    # the front page of the glossary lists its pages
    toc = pages["glossary.md"].split("{toctree}")[1]
    for name in parts:
        assert f"<{name[:-3]}>" in toc
    # a kind cut in pages is cut between letters, each page titled by its letters
    assert re.search(r"^# [A-Z][a-z ]+: [A-Z](–[A-Z])?$", "\n".join(parts.values()), re.MULTILINE)


def test_a_small_glossary_is_one_page_with_its_kinds_as_sections(book, monkeypatch):
    monkeypatch.setattr(glossary_pages, "GLOSSARY_SPLIT", 1000)
    pages = glossary_pages.render_glossary_pages(book)
    assert list(pages) == ["glossary.md"]
    assert re.search(r"^## People$", pages["glossary.md"], re.MULTILINE)


def test_the_a_to_z_links_each_letter_that_has_terms_to_its_terms(book):
    bar, index = glossary_pages.az_parts(book.glossary.entries)
    letters = {glossary_pages.letter_of(e.term) for e in book.glossary.entries}
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        label = glossary_pages.az_label(letter)
        if letter in letters:
            assert f"[{letter}]({label})" in bar and f"({label})=" in index
        else:
            assert (
                f" {letter} " in f" {bar.split(': ', 1)[1].splitlines()[0]} " and f"({label})=" not in index
            )
    assert all(f"{{term}}`{e.term}`" in index for e in book.glossary.entries)
    assert glossary_pages.letter_of("Élysée") == "E" and glossary_pages.letter_of("9/11") == "0–9"
    assert glossary_pages.az_label("Б") == "bb-az-1041"


def test_an_entry_many_articles_mention_names_the_ones_that_mention_it_most(book):
    entry = max(book.glossary.entries, key=lambda e: len(book.mentions_of(e.id)))
    found = book.mentions_of(entry.id)
    assert len(found) > MENTION_LIMIT
    rows, more = mention_rows(book, entry.id)
    assert len(rows) == MENTION_LIMIT and more == len(found) - MENTION_LIMIT
    counts = [row.count for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert min(counts) >= max(c for e, c, _ in found if e.docname not in {r.doc for r in rows})
    assert all(re.fullmatch(r"\d{4}", row.number) for row in rows)
    written = blocks.write_mentions(entry.id, rows, more, entry.term)
    assert f":more: {more}" in written and f":term: {entry.term}" in written


def test_a_glossary_sources_address_with_brackets_links_whole(tmp_path):
    url = "https://en.wikipedia.org/wiki/Treaty_(1987) with space"
    rendered = MarkdownIt("commonmark").parseInline(f"[Treaty]({link_destination(url)})")[0].children
    assert rendered[0].attrs["href"] == "https://en.wikipedia.org/wiki/Treaty_%281987%29%20with%20space"
    assert [t.content for t in rendered if t.type == "text"] == ["Treaty"]
    # and in a book: the entry's source links to the whole address
    root = bench().write_book(tmp_path / "book", 2, terms=3, notes=0)
    path = root / "seeds" / "glossary.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["terms"][0]["sources"] = [
        {"title": "Wikipedia", "url": "https://en.wikipedia.org/wiki/INF_(treaty)"}
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    page = glossary_pages.render_glossary_pages(load_book(root / "seeds"))["glossary.md"]
    assert "[Wikipedia](https://en.wikipedia.org/wiki/INF_%28treaty%29)" in page
