"""``briefbook add`` with saved web pages and web addresses: what reaches the book, and each failure."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from helpers import CORPUS
from helpers.tinybook import make_book, snapshot
from helpers.webserver import LocalServer, Route, html_route

from briefbook.book.load import load_book
from briefbook.cli import main
from briefbook.editorial.sidecar import load_sidecar
from briefbook.editorial.yamlload import load_yaml
from briefbook.errors import BriefbookError, Code, Problem
from briefbook.intake import fetch, webpage
from briefbook.intake.add import add_article

CORPUS = CORPUS / "web" / "pages"
PAGE = CORPUS / "port-strike.news_og.html"


@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    root = make_book(tmp_path / "book")
    monkeypatch.chdir(root)
    return root


def new_files(book: Path, before: dict[str, bytes]) -> list[Path]:
    return sorted(p for p in (book / "seeds").iterdir() if p.name not in before)


def test_saved_page_becomes_text_page_and_sidecar_with_provenance(book, tmp_path, capsys):
    source = tmp_path / "Dockworkers end strike.html"
    source.write_bytes(PAGE.read_bytes())
    before = snapshot(book / "seeds")
    assert main(["add", str(source)]) == 0
    out = capsys.readouterr().out
    page, text, sidecar = new_files(book, before)
    assert (page.suffix, text.suffix, sidecar.suffix) == (".html", ".txt", ".yaml")
    assert text.name.startswith("004_dockworkers-end-strike_")
    assert page.read_bytes() == PAGE.read_bytes()  # the page as received, byte for byte
    body = text.read_text("utf-8")
    assert body.startswith("Dockworkers at Port Almera end three-day strike after pay deal\n\n")
    assert "Dockworkers at Port Almera returned to work on Thursday" in body
    for chrome in ("cookies", "Maintenance window", "Privacy policy", "All rights reserved", "analytics"):
        assert chrome not in body
    data = load_sidecar(sidecar)
    assert (data.title, data.author, data.date, data.publisher, data.url) == (
        "Dockworkers at Port Almera end three-day strike after pay deal",
        "Lena Marsh",
        "2026-02-05",
        "The Harbour Times",
        "https://harbourtimes.example/news/port-strike",
    )
    source_block = load_yaml(sidecar)["source"]
    assert source_block["page"] == page.name
    assert source_block["file"] == "Dockworkers end strike.html"
    assert source_block["extractor"] == webpage.extractor_name()
    assert source_block["extractor"].startswith("trafilatura ")
    assert source_block["received"].endswith("Z") and source_block["received"][:4].isdigit()
    assert f"kept  seeds/{page.name} (the page as received, byte for byte)" in out
    assert "  line 1 (headline): Dockworkers at Port Almera end three-day strike after pay deal" in out
    # the book reads it like any article; the page beside it is not an article
    entry = load_book(book / "seeds").article(text.stem)
    assert entry.article.paragraphs[0].startswith("Dockworkers at Port Almera returned to work")


def test_htm_saved_complete_with_its_files_folder(book, tmp_path, capsys):
    source = tmp_path / "story.htm"
    source.write_bytes((CORPUS / "vaccine-trial.blog.html").read_bytes())
    (tmp_path / "story_files").mkdir()
    (tmp_path / "story_files" / "style.css").write_text("body{}", "utf-8")
    assert main(["add", str(source)]) == 0
    out = capsys.readouterr().out
    assert "the page's folder story_files/ (images, styles, scripts) was not copied" in out
    assert not any(p.is_dir() for p in (book / "seeds").iterdir())
    text = next((book / "seeds").glob("004_story_*.txt")).read_text("utf-8")
    assert "Great write-up" not in text  # readers' comments are not the article


def test_a_txt_file_holding_html_is_read_as_a_page(book, tmp_path, capsys):
    source = tmp_path / "copied.txt"
    source.write_bytes((CORPUS / "grain-corridor.wire.html").read_bytes())
    assert main(["add", str(source)]) == 0
    out = capsys.readouterr().out
    assert "the file holds a web page's HTML: its article was extracted from it" in out
    text = next((book / "seeds").glob("004_copied_*.txt")).read_text("utf-8")
    assert "<p>" not in text and "VALDRA (Reuters) - Negotiators" in text


def test_windows_1251_page_and_a_page_that_misdeclares_it(book, tmp_path, capsys):
    for name in ("rail-tender.legacy.html", "rail-tender.misdeclared.html"):
        source = tmp_path / name
        source.write_bytes((CORPUS / name).read_bytes())
    assert main(["add", str(tmp_path / "rail-tender.legacy.html")]) == 0
    out = capsys.readouterr().out
    assert "read as cp1251, as <meta charset> declares" in out
    text = next((book / "seeds").glob("004_*.txt")).read_text("utf-8")
    assert "Министерство транспорта перенесло на весну тендер" in text
    # the same article, UTF-8 bytes under a windows-1251 label: read right, and recognised as a copy
    assert main(["add", str(tmp_path / "rail-tender.misdeclared.html")]) == 1
    err = capsys.readouterr().err
    assert "already in the book as seeds/004_" in err and "(the same text)" in err


def problem_of(seeds, source) -> Problem:
    """The one problem ``add`` raises for ``source``."""
    with pytest.raises(BriefbookError) as caught:
        add_article(seeds, source)
    [problem] = caught.value.problems
    return problem


NO_ARTICLE = Code.PAGE_NO_ARTICLE


@pytest.mark.parametrize(
    ("name", "message", "code"),
    [
        ("cookie-wall.html", "no article in the page, only a cookie or consent notice", NO_ARTICLE),
        ("login-wall.html", "no article in the page, only a sign-in or subscription wall", NO_ARTICLE),
        ("index-page.html", "an index page listing 24 articles, not one article", NO_ARTICLE),
        ("spa-empty.html", "the page's text is filled in by scripts when a browser shows it", NO_ARTICLE),
        ("not-found.html", "no article text found in the page", NO_ARTICLE),
        (
            "plain-text.html",
            "plain text, not a web page (no HTML in it); rename it to .txt and add that",
            Code.PAGE_NOT_HTML,
        ),
    ],
)
def test_pages_without_an_article_are_refused_and_nothing_is_written(
    book, tmp_path, capsys, name, message, code
):
    source = tmp_path / name
    source.write_bytes((CORPUS / name).read_bytes())
    before = snapshot(book / "seeds")
    assert main(["add", str(source)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {source}: {message}")
    assert err.count("\n") == 1  # one line
    problem = problem_of(book / "seeds", source)
    assert (problem.code, problem.path) == (code, str(source))  # the page is the problem's place
    assert snapshot(book / "seeds") == before


def test_binary_page_and_huge_page_are_refused_before_parsing(book, tmp_path, capsys):
    before = snapshot(book / "seeds")
    png = tmp_path / "photo.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert main(["add", str(png)]) == 1
    assert capsys.readouterr().err == f"error: {png}: not a web page: the file is a PNG image\n"
    assert problem_of(book / "seeds", png).code == Code.PAGE_NOT_HTML
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as handle:  # 50 MB, sparse: the size is refused before anything is read
        handle.truncate(50 * 1000 * 1000)
    assert main(["add", str(huge)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {huge}: the file is 50.0 MB; the limit is 17 MB")
    assert problem_of(book / "seeds", huge).code == Code.FILE_TOO_LARGE
    assert snapshot(book / "seeds") == before


def test_markup_in_a_page_title_stays_text(book, tmp_path):
    page = PAGE.read_text("utf-8").replace(
        "Dockworkers at Port Almera end three-day strike after pay deal",
        "Talks resume &lt;script&gt;alert(1)&lt;/script&gt; {raw}`x` *now*",
    )
    source = tmp_path / "x.html"
    source.write_text(page, "utf-8")
    assert main(["add", str(source)]) == 0
    sidecar = load_sidecar(next((book / "seeds").glob("004_*.yaml")))
    assert sidecar.title == "Talks resume <script>alert(1)</script> {raw}`x` *now*"


# ---------------------------------------------------------------- addresses


@pytest.fixture
def server():
    with LocalServer() as running:
        yield running


def test_an_address_is_fetched_once_with_an_honest_user_agent(book, server, capsys):
    url = server.add("/news/port-strike", html_route(PAGE.read_bytes()))
    start = server.add("/s/123", Route(301, headers={"Location": "/news/port-strike"}))
    assert main(["add", start]) == 0
    out = capsys.readouterr().out
    assert (
        f"fetched {len(PAGE.read_bytes()):,} bytes (text/html; charset=utf-8) after 1 redirect, from {url}"
        in out
    )
    (_, headers), _ = server.requests
    assert headers["User-Agent"].startswith("briefbook/0.1.0 (fetches one article a person asked for")
    sidecar = next((book / "seeds").glob("004_port-strike_*.yaml"))
    source = load_yaml(sidecar)["source"]
    assert (source["url"], source["fetched_from"], source["content_type"]) == (
        start,
        url,
        "text/html; charset=utf-8",
    )
    page = next((book / "seeds").glob("004_port-strike_*.html"))
    assert page.read_bytes() == PAGE.read_bytes()


def test_a_windows_1251_page_named_by_the_server(book, server, capsys):
    legacy = (CORPUS / "rail-tender.legacy.html").read_bytes().replace(b"charset=windows-1251", b"")
    url = server.add("/ru", Route(body=legacy, headers={"Content-Type": "text/html; charset=windows-1251"}))
    assert main(["add", url]) == 0
    assert "read as cp1251, as the server's Content-Type declares" in capsys.readouterr().out


def cases(server: LocalServer) -> list[tuple[str, str | None, Code | None]]:
    big = b"<html><body>" + b"<p>word</p>" * 20000
    failed = Code.FETCH_FAILED
    return [
        (server.add("/gone", Route(404, b"no")), "the server answered HTTP 404 Not Found", failed),
        (server.add("/broken", Route(503, b"down")), "the server answered HTTP 503 Service Unavailable", failed),
        (server.add("/loop-a", Route(302, headers={"Location": "/loop-b"})), "a redirect loop", failed),
        (server.add("/pdf", Route(body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"})),
         "not a web page: the server says it is application/pdf", Code.PAGE_NOT_HTML),
        (server.add("/big", Route(body=big, headers={"Content-Type": "text/html"})),
         "the page is 0.2 MB; the limit is 0 MB", Code.FILE_TOO_LARGE),
        (server.add("/endless", Route(body=b"<p>x</p>" * 8192, chunks=100, headers={"Content-Type": "text/html"})),
         "the page is larger than the limit of 0 MB", Code.FILE_TOO_LARGE),
        (server.add("/slow", html_route("<p>late</p>", delay=2.0)), "no answer within 0.5 s (timed out)", failed),
        (server.add("/wall", html_route((CORPUS / "cookie-wall.html").read_bytes())),
         "no article in the page, only a cookie or consent notice", Code.PAGE_NO_ARTICLE),
        (server.add("/binary", Route(body=b"GIF89a\x00\x00", headers={"Content-Type": "text/html"})),
         "not a web page: the file is a GIF image", Code.PAGE_NOT_HTML),
        ("ftp://example.invalid/x", None, None),
    ]  # fmt: skip


def test_each_fetch_failure_is_one_clear_line_and_writes_nothing(book, server, capsys, monkeypatch):
    server.add("/loop-b", Route(302, headers={"Location": "/loop-a"}))
    for i in range(8):
        server.add(f"/hop{i}", Route(302, headers={"Location": f"/hop{i + 1}"}))
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(webpage, "MAX_PAGE_BYTES", 100_000)
    before = snapshot(book / "seeds")
    hops = (server.url("/hop0"), "more than 5 redirects", Code.FETCH_FAILED)
    for url, message, code in [*cases(server), hops]:
        status = main(["add", url])
        err = capsys.readouterr().err
        if message is None:  # not an address add fetches: read as a file name, which does not exist
            assert status == 1 and "no such file" in err
            continue
        assert status == 1, url
        assert err.startswith(f"error: {url}: {message}"), err
        assert err.count("\n") == 1, err
        problem = problem_of(book / "seeds", url)
        assert (problem.code, problem.path) == (code, url)  # the address is the problem's place
    assert snapshot(book / "seeds") == before


def test_an_unknown_host_is_one_line(book, capsys, monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    before = snapshot(book / "seeds")
    assert main(["add", "https://no-such-host.invalid/story"]) == 1
    assert capsys.readouterr().err == (
        "error: https://no-such-host.invalid/story: the host name could not be resolved "
        "(no such host, or no network); nothing was added\n"
    )
    assert problem_of(book / "seeds", "https://no-such-host.invalid/story").code == Code.FETCH_FAILED
    assert snapshot(book / "seeds") == before
