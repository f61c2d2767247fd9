"""The articles grouped as a reader looks for them: by the week, month or year of their date (as the
book's span suggests) and by publisher; each article in one group of each, no page without bound."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers.bigbook import bench

from briefbook.book import load_book
from briefbook.pages import blocks, browse


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = bench().write_book(tmp_path_factory.mktemp("browse"), 60, terms=20, notes=1)
    return load_book(root / "seeds")


def test_the_span_chooses_weeks_months_or_years():
    assert browse.date_scale(["2026-02-05", "2026-02-20", "2026-03-30", None]) == "week"
    assert browse.date_scale(["2025-10-01", "2026-02-27", "2026"]) == "month"
    assert browse.date_scale(["2019-01-02", "2026-02-27"]) == "year"
    assert browse.date_scale(["2026-02", "2026-03"]) == "month"  # no day: no week to put them in
    assert browse.date_scale([None, "2024"]) == "year"


def test_each_date_falls_in_the_group_of_its_precision():
    week = browse.period_of("2026-02-05", "week")
    assert (week.key, week.title) == ("date-week-2026-02-02", "Week of 2 February 2026")
    assert browse.period_of("2026-02", "week").title == "February 2026, day not stated"
    assert browse.period_of("2026-02-05", "month").title == "February 2026"
    assert browse.period_of("2026", "month").title == "2026, month not stated"
    assert browse.period_of("2026-02-05", "year").title == "2026"
    assert browse.period_of(None, "week").title == "Date not stated"


def test_dates_are_grouped_by_month_newest_first_each_article_once(book):
    groups = browse.date_groups(book)
    # the writer's five months: October 2025 to February 2026 (the span asks for months)
    titles = [g.title for g in groups]
    months = [t for t in titles if re.fullmatch(r"[A-Z][a-z]+ \d{4}", t)]
    assert (
        months
        == ["February 2026", "January 2026", "December 2025", "November 2025", "October 2025"][: len(months)]
    )
    assert titles.index(months[-1]) < titles.index("Date not stated") == len(titles) - 1
    assert Counter(e.stem for g in groups for e in g.entries) == Counter(e.stem for e in book.articles)
    for group in groups:
        if group.title in months:
            month = f"{group.entries[0].sidecar.date[:7]}"
            assert all((e.sidecar.date or "").startswith(month) for e in group.entries)
            dates = [e.sidecar.date for e in group.entries]
            assert dates == sorted(dates, reverse=True)  # newest first
    undated = next(g for g in groups if g.title == "Date not stated")
    assert all(e.sidecar.date is None for e in undated.entries)


def test_publishers_are_grouped_alphabetically_and_many_small_ones_share_a_group(book, monkeypatch):
    groups = browse.source_groups(book)
    named = [g.title for g in groups if g.key.startswith("source-") and not g.key.startswith("source--")]
    assert named == sorted(named, key=str.casefold)
    for group in groups:
        if group.title in named:
            assert {e.sidecar.publisher for e in group.entries} == {group.title}
    assert Counter(e.stem for g in groups for e in g.entries) == Counter(e.stem for e in book.articles)
    # more publishers than groups: the ones with the fewest articles share "Other publishers"
    monkeypatch.setattr(browse, "SOURCE_GROUPS", 4)
    few = browse.source_groups(book)
    special = [g.title for g in few if g.key.startswith("source--")]
    assert special in (["Other publishers", "Publisher not stated"], ["Other publishers"])
    assert [g.title for g in few][-len(special) :] == special
    assert len([g for g in few if not g.key.startswith("source--")]) == 3
    counts = {g.title: len(g.entries) for g in groups if g.title in named}
    kept = {g.title for g in few if g.title in named}
    assert min(counts[t] for t in kept) >= max(counts[t] for t in counts if t not in kept)


def test_a_publisher_without_latin_letters_gets_a_page_name_of_its_own():
    assert browse.slug("The Daily Meridian") == "the-daily-meridian"
    assert browse.slug("ТАСС") != browse.slug("Коммерсантъ") and browse.slug("ТАСС").isascii()


def test_a_large_group_continues_on_further_pages(book, monkeypatch):
    monkeypatch.setattr(browse, "GROUP_PAGE", 7)
    pages = browse.render_browse_pages(book)
    group = max(browse.date_groups(book), key=lambda g: len(g.entries))
    names = group.pages
    assert len(names) == -(-len(group.entries) // 7) > 1
    listed = []
    for index, name in enumerate(names):
        text = pages[f"{name}.md"]
        (body,) = re.findall(r"```\{bb-browse\} list\n(.*?)\n```", text, re.DOTALL)
        (row,) = blocks.read_browse(body.splitlines())
        assert len(row.entries) <= 7
        listed += [e.doc for e in row.entries]
        assert f"(page {index + 1} of {len(names)})" in text
    assert listed == [e.docname for e in group.entries]


def test_the_front_page_says_what_the_book_holds(book):
    summary = browse.render_summary(book)
    first = summary.splitlines()[0]
    assert first.startswith("The book is compiled from 60 articles from ")
    assert re.search(r"dated from \d+ [A-Z][a-z]+ 2025 to \d+ [A-Z][a-z]+ 2026", first)
    assert summary.count("{bb-browse} folds") == 2


def test_only_a_small_book_lists_its_articles_in_the_sidebar(book, monkeypatch):
    toc = browse.render_articles_toc(book)
    # every article in the hidden contents list (the printed chapters), none in the sidebar's
    hidden, shown = toc.split("{only} html")
    assert all(f"\n{e.docname}\n" in hidden for e in book.articles)
    assert "articles/" not in shown and "By date <browse/by-date>" in shown
    monkeypatch.setattr(browse, "SIDEBAR_ARTICLES", 100)
    assert all(e.docname in browse.render_articles_toc(book).split("{only} html")[1] for e in book.articles)


def test_the_book_without_articles_has_no_browse_pages(tmp_path: Path):
    root = bench().write_book(tmp_path / "book", 1, terms=5, notes=0)
    for path in (root / "seeds").glob("0*"):
        path.unlink()
    empty = load_book(root / "seeds")
    assert browse.render_browse_pages(empty) == {}
    assert "no articles yet" in browse.render_summary(empty)
