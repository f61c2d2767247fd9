"""Finding one's way on the site, in Chromium: the sources table sorted and filtered (and whole
without its script), the search (each page once, numbers as numbers, no errors from the file
system), the theme's in-page contents where a page has sections (its phone button working, and
gone where there is none), the front page's and the sidebar's groups folding."""

from __future__ import annotations

import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers.browser import DESKTOP, PHONE, chromium, new_context, open_page

pytestmark = pytest.mark.browser

ROWS = "table.bb-sources-table tbody tr:not(.bb-source-details)"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def visible_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        ROWS, "rows => rows.filter(r => !r.hidden).map(r => Array.from(r.cells, c => c.innerText.trim()))"
    )


def test_the_sources_table_sorts_and_filters_by_its_columns(book_html, browser):
    page = new_context(browser, DESKTOP).new_page()
    open_page(page, book_html / "sources.html")
    assert len(visible_rows(page)) == 5
    assert page.inner_text("p.bb-table-status") == "All 5 rows shown"
    # sorting: words as numbers, twice for the other way round; the header says which
    page.click("th.bb-col-number >> text=Words")
    words = [int(row[7]) for row in visible_rows(page)]
    assert words == sorted(words) and page.get_attribute("th:nth-child(8)", "aria-sort") == "ascending"
    page.click("th.bb-col-number >> text=Words")
    assert [int(row[7]) for row in visible_rows(page)] == sorted(words, reverse=True)
    # the row under a source (its grade's reason) stays under it
    under = page.eval_on_selector_all(
        "table.bb-sources-table tbody tr",
        "rows => rows.map(r => r.classList.contains('bb-source-details') ? 'under' : r.cells[0].innerText)",
    )
    assert all(under[i - 1] != "under" for i, kind in enumerate(under) if kind == "under")
    # dates by the date they stand for: a year or a month at its start
    page.click("th.bb-col-date >> text=Date")
    assert [row[3] for row in visible_rows(page)] == ["2026", "February 2026", *["5 February 2026"] * 3]
    # filters made from the columns: publisher, kind, a span of months, and words to find
    page.select_option("label:has-text('Publisher') select", label="The Moscow Times (1)")
    assert [row[0] for row in visible_rows(page)] == ["000"]
    assert page.inner_text("p.bb-table-status") == "1 of 5 rows shown"
    page.click("button.bb-filter-clear")
    page.select_option("label:has-text('Kind') select", label="News report (3)")
    assert sorted(row[0] for row in visible_rows(page)) == ["002", "003", "004"]
    page.click("button.bb-filter-clear")
    page.fill("label:has-text('Find') input", "naffah")
    assert [row[0] for row in visible_rows(page)] == ["004"]
    page.click("button.bb-filter-clear")
    page.select_option("label:has-text('Date from') select", index=1)  # February 2026
    assert sorted(row[0] for row in visible_rows(page)) == ["001", "002", "003", "004"]


def test_without_its_script_the_sources_table_is_a_plain_table(book_html, browser):
    page = new_context(browser, DESKTOP, javascript=False).new_page()
    open_page(page, book_html / "sources.html")
    assert len(page.query_selector_all(ROWS)) == 5 and page.query_selector("form.bb-table-filters") is None
    assert page.inner_text("table.bb-sources-table thead").split() == [
        "No.", "Source", "Publisher", "Date", "Author", "Kind", "Reliability", "Words", "Notes", "Claims"
    ]  # fmt: skip


def search(page, site: str, query: str) -> list[tuple[str, str, float]]:
    """Search the site; each result's title, address and score, in the order shown."""
    page.goto(f"{site}/search.html?q={query}")
    page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=30_000)
    return [
        (a["title"], a["href"], float(a["score"]))
        for a in page.eval_on_selector_all(
            "#search-results ul.search li > a",
            "links => links.map(a => ({title: a.textContent, href: a.getAttribute('href'), score: a.dataset.score}))",
        )
    ]


def test_search_from_the_file_system_lists_each_page_once_without_errors(book_html, browser):
    page = new_context(browser, DESKTOP).new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    results = search(page, book_html.resolve().as_uri(), "NATO")
    pages = [href.split("#")[0] for _, href, _ in results]
    assert len(pages) == len(set(pages)) >= 8  # the glossary once, not for its text and its term
    assert "glossary.html#term-NATO" in [href for _, href, _ in results]
    page.wait_for_timeout(500)
    assert errors == []  # no passage fetched from file://, so no CORS error for each result
    assert "python3 -m http.server" in page.inner_text("p.bb-search-note")


def test_only_the_search_page_loads_the_search_index(book_html: Path):
    """The theme would load Sphinx's search scripts and the whole index in the head of every page
    (megabytes in a big book, read before the text shows); only the search page uses them."""
    scripts = re.compile(r'<script[^>]+src="[^"]*(searchindex\.js|searchtools\.js|language_data\.js)')
    for page in ("index.html", "glossary.html", "articles/000_184ae20b1db45110.html"):
        assert not scripts.findall((book_html / page).read_text("utf-8")), page
    loaded = scripts.findall((book_html / "search.html").read_text("utf-8"))
    assert sorted(loaded) == ["language_data.js", "searchindex.js", "searchtools.js"]


def test_the_search_box_of_an_article_page_finds(book_html, browser):
    page = new_context(browser, DESKTOP).new_page()
    open_page(page, book_html / "articles/000_184ae20b1db45110.html")
    page.keyboard.press("Control+k")
    page.wait_for_selector("#pst-search-dialog[open] input[name=q]")
    page.fill("#pst-search-dialog input[name=q]", "Grynkewich")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=30_000)
    found = page.eval_on_selector_all("#search-results ul.search li > a", "links => links.map(a => a.href)")
    assert any("articles/000_184ae20b1db45110.html" in href for href in found), found


@pytest.fixture(scope="module")
def served(book_html):
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(book_html))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


def test_search_from_a_server_shows_the_passages(served, browser):
    page = new_context(browser, DESKTOP).new_page()
    results = search(page, served, "Grynkewich")
    assert results and page.query_selector("p.bb-search-note") is None
    page.wait_for_selector("#search-results p.context", timeout=15_000)
    assert "Grynkewich" in page.inner_text("#search-results p.context >> nth=0")


def test_the_in_page_contents_column_and_its_phone_button(book_html, browser):
    desktop = new_context(browser, DESKTOP).new_page()
    open_page(desktop, book_html / "glossary.html")
    assert desktop.is_visible("#pst-page-toc-nav >> text=Organisations")
    phone = new_context(browser, PHONE, touch=True).new_page()
    open_page(phone, book_html / "glossary.html")
    toggle = phone.locator("button.secondary-toggle")
    assert toggle.is_visible() and not phone.is_visible("#pst-page-toc-nav >> text=Organisations")
    toggle.click()
    phone.wait_for_timeout(400)
    assert phone.is_visible("#pst-page-toc-nav >> text=Organisations")
    # an article's right-hand column holds its notes: no in-page contents, and no button for one
    open_page(phone, next((book_html / "articles").glob("003_*.html")))
    assert phone.locator("button.secondary-toggle").count() == 0
    assert phone.locator("#pst-secondary-sidebar").count() == 0


def test_the_articles_fold_by_date_and_source_on_the_front_page_and_in_the_sidebar(book_html, browser):
    page = new_context(browser, DESKTOP).new_page()
    open_page(page, book_html / "index.html")
    folds = page.locator("details.bb-fold")
    titles = [re.sub(r"\s+", " ", t) for t in folds.locator("summary").all_inner_texts()]
    assert titles[:3] == [
        "Week of 2 February 2026 · 3 articles",
        "February 2026, day not stated · 1 article",
        "2026, month not stated · 1 article",
    ]
    assert titles[3:] == ["The Moscow Times · 1 article", "Publisher not stated · 4 articles"]
    assert folds.nth(0).get_attribute("open") is not None and folds.nth(1).get_attribute("open") is None
    assert not page.is_visible("details.bb-fold >> nth=1 >> a")
    folds.nth(1).locator("summary").click()
    assert page.is_visible("details.bb-fold >> nth=1 >> text=[U.S. and Russia to resume")
    # the sidebar: by date and by source, each folding open to its groups
    nav = page.locator("nav.bd-docs-nav")
    assert (
        nav.locator("text=By date").is_visible()
        and not nav.locator("text=Week of 2 February 2026").is_visible()
    )
    nav.locator("li:has(> a:text('By date')) > details > summary .toctree-toggle").click()
    assert nav.locator("text=Week of 2 February 2026 (3)").is_visible()


def test_a_group_page_lists_its_articles(book_html):
    html = (book_html / "browse" / "date-week-2026-02-02.html").read_text("utf-8")
    listed = re.findall(r'href="\.\./articles/(\d{3})_\w+\.html"', html[html.index("<main") :])
    assert listed == ["002", "003", "004"]
    assert "<title>Week of 2 February 2026" in html


def test_each_browse_page_is_left_out_of_the_search_index(book_html: Path):
    text = (book_html / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    browse = {i for i, name in enumerate(index["docnames"]) if name.startswith("browse/")}
    assert browse and all(index["titles"][i] == "" for i in browse)
    found = set()
    for places in index["terms"].values():
        found.update(places if isinstance(places, list) else [places])
    assert not found & browse  # a title on a browse page is found on the article's own page only
