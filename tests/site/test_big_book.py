"""A book of 300 articles as its reader meets it on screen: the articles grouped where a reader looks
for them (by month, by publisher), and pages whose weight does not grow with the book.

The book is the benchmark's (scripts/bench.py: five months of dates, ten publishers and some
unstated, dated claims, a 200-term glossary), built once per session (tests/helpers/bigbook.py).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from helpers.bigbook import sidebar

KB = 1024
ARTICLE_LINK = re.compile(r'href="(?:\.\./)?articles/(\d{4}_synthetic)\.html"')


def main_text(html: str) -> str:
    """A page's own content, without the sidebars and header the theme puts around it."""
    start = html.index('<main id="main-content"')
    return html[start : html.index("</main>", start)]


def expected_month_group(value: str | None) -> str:
    """The group the front page files a date under, in a book of months."""
    if value is None:
        return "Date not stated"
    if len(value) == 4:
        return f"{value}, month not stated"
    return f"{date(int(value[:4]), int(value[5:7]), 1):%B %Y}"


def test_the_front_page_groups_the_articles_by_month_and_by_publisher(big_book):
    html = (big_book.html / "index.html").read_text("utf-8")
    by_date, by_source = main_text(html).split("The articles by source")
    folds = re.compile(
        r'<summary class="bb-fold-summary">(.*?) <span class="bb-fold-count">· ([\d,]+) articles?</span>'
    )
    dates = {title: int(count) for title, count in folds.findall(by_date)}
    assert dates == Counter(expected_month_group(s["date"]) for s in big_book.sidecars.values())
    months = [t for t in dates if re.fullmatch(r"[A-Z][a-z]+ \d{4}", t)]
    assert months == ["February 2026", "January 2026", "December 2025", "November 2025", "October 2025"]
    sources = {title.replace("&amp;", "&"): int(count) for title, count in folds.findall(by_source)}
    expected = Counter(s["publisher"] or "Publisher not stated" for s in big_book.sidecars.values())
    assert sources == expected
    # the newest month is open, and each group lists ten articles and links to the rest
    assert re.search(
        r'<details class="bb-fold" open="open">\s*<summary class="bb-fold-summary">February 2026', html
    )
    assert by_date.count("All ") >= 5 and len(ARTICLE_LINK.findall(by_date)) <= 10 * len(dates)


def test_each_group_page_lists_its_articles_and_each_article_is_in_one_group_of_each_kind(big_book):
    stems = set(big_book.sidecars)
    for prefix, facet in (("date-", "date"), ("source-", "publisher")):
        seen: list[str] = []
        for page in sorted((big_book.html / "browse").glob(f"{prefix}*.html")):
            listed = ARTICLE_LINK.findall(main_text(page.read_text("utf-8")))
            assert listed, page.name
            seen += listed
            values = {big_book.sidecars[stem][facet] for stem in listed}
            if prefix == "date-" and page.name.startswith("date-month-"):
                month = page.stem.removeprefix("date-month-")
                assert {v[:7] for v in values} == {month}
            if prefix == "source-" and not page.name.startswith("source--"):
                assert len(values) == 1
        assert sorted(seen) == sorted(stems), facet  # every article once


def test_no_page_grows_with_the_book(big_book):
    """A page's weight is bounded whatever the number of articles: the sidebar lists the groups,
    not the articles; the glossary is split; the one page that lists every article is the
    sources table (a row each)."""
    pages = sorted(p for p in big_book.html.rglob("*.html") if "_static" not in p.parts)
    sizes = {p.relative_to(big_book.html).as_posix(): p.stat().st_size for p in pages}
    article = max(v for k, v in sizes.items() if k.startswith("articles/"))
    assert article < 60 * KB  # 64 KB before, a third of it the sidebar; 150 KB at 1,000 articles
    growing = ("sources.html", "genindex.html", "claims.html")  # a row per article, a mark per report
    heavy = {k: v // KB for k, v in sizes.items() if v > 160 * KB and k not in growing}
    assert heavy == {}
    assert sizes["sources.html"] < 300 * len(big_book.sidecars) + 80 * KB  # a row of ~0.3 KB per article
    # the claims matrix: a mark per report of a claim (its link, its passage's words on hover)
    marks = (big_book.html / "claims.html").read_text("utf-8").count('class="bb-link"')
    assert marks > len(big_book.sidecars) and sizes["claims.html"] < 250 * marks + 40 * KB
    for name in ("index.html", "articles/0150_synthetic.html", "glossary.html", "browse/by-date.html"):
        nav = sidebar((big_book.html / name).read_text("utf-8"))
        assert ARTICLE_LINK.search(nav) is None, name
        assert len(nav) < 12 * KB and nav.count("<a ") < 40, name
    assert len(list((big_book.html / "glossary").glob("*.html"))) >= 3


def test_the_glossarys_pages_each_have_the_a_to_z_of_the_whole_glossary(big_book):
    front = (big_book.html / "glossary.html").read_text("utf-8")
    index = re.findall(r'id="(bb-az-[a-z0-9-]+)"', front)
    assert len(index) >= 10
    for page in sorted((big_book.html / "glossary").glob("*.html")):
        bar = re.search(r'<div class="bb-az-bar[^"]*">(.*?)</div>', page.read_text("utf-8"), re.DOTALL).group(
            1
        )
        targets = re.findall(r'href="\.\./glossary\.html#(bb-az-[a-z0-9-]+)"', bar)
        assert targets == index, page.name


@pytest.mark.browser
def test_search_orders_equal_results_as_a_reader_does_each_page_once(big_book):
    from helpers.browser import DESKTOP, chromium, new_context

    with chromium() as browser:
        page = new_context(browser, DESKTOP).new_page()
        page.goto((big_book.html / "search.html").as_uri() + "?q=synthetic")
        page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=60_000)
        results = page.eval_on_selector_all(
            "#search-results ul.search li > a",
            "links => links.map(a => [a.textContent, a.getAttribute('href'), Number(a.dataset.score)])",
        )
    addresses = [href.split("#")[0] for _, href, _ in results]
    assert len(results) >= 300 and len(addresses) == len(set(addresses))
    # "Synthetic article 11" after 9 and before 109, where the scores are equal
    runs: dict[float, list[int]] = {}
    for title, _, score in results:
        number = re.fullmatch(r"Synthetic article (\d+)", title)
        if number:
            runs.setdefault(score, []).append(int(number.group(1)))
    assert any(len(run) > 20 for run in runs.values())
    assert all(run == sorted(run) for run in runs.values())
