"""``briefbook serve``: the live preview, notes written from a selection, and what the server refuses.

One server runs on the tiny book (plus an article with a passage that occurs twice and
a sidecar full of comments) for the whole module; each test works on its own article.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from helpers import require_tool
from helpers.browser import chromium
from helpers.served import ECHO, ECHO_SIDECAR, Served, start
from helpers.tinybook import make_book, snapshot

from briefbook.editorial.sidecar import load_sidecar
from briefbook.errors import BriefbookError
from briefbook.pages.myst import GENERATED_MARK
from briefbook.serve.guard import Allowed, host_names, split_host
from briefbook.serve.preview import BookChanges
from briefbook.sidecar_edit.edits import current_notes
from briefbook.sidecar_edit.writing import article_files

ECHO_TEXT = (
    "Echo Report\n\n"
    "The delegations met on Monday and talks resumed at noon. Officials said the talks resumed "
    "without conditions.\n\n"
    "A second round is planned for the spring, officials said.\n"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("served") / "book")
    (root / "seeds" / f"{ECHO}.txt").write_text(ECHO_TEXT, "utf-8")
    (root / "seeds" / f"{ECHO}.yaml").write_text(ECHO_SIDECAR, "utf-8")
    server = start(root)
    yield server
    assert server.stop() == 0, server.log()
    assert "stopped" in server.log()


def seeds_of(served: Served) -> dict[str, bytes]:
    return snapshot(served.root / "seeds")


def sidecar(served: Served, stem: str) -> str:
    return (served.root / "seeds" / f"{stem}.yaml").read_text("utf-8")


def notes_of(served: Served, stem: str) -> list[dict]:
    return current_notes(article_files(served.root / "seeds", stem))


def adding(stem: str, quote: str, note: str = "A note.", **more) -> dict:
    return {"article": stem, "selection": {"quote": quote}, "note": {"kind": "context", "note": note, **more}}


# ---------------------------------------------------------------- pages


def test_pages_are_served_exactly_as_the_preview_build_wrote_them(served):
    site = served.root / "docs" / "_build" / "preview" / "html"
    for path in ("/articles/000_alpha.html", "/index.html", "/_static/briefbook-preview.js"):
        status, headers, body = served.request("GET", path)
        assert status == 200
        assert body == (site / path.lstrip("/")).read_bytes()
        assert headers["cache-control"] == "no-cache"  # a reload always shows the latest build
        assert headers["x-frame-options"] == "DENY"  # no other site can frame the form
    status, _, body = served.request("GET", "/")
    assert status == 200 and body == (site / "index.html").read_bytes()
    page = (site / "articles" / "000_alpha.html").read_text("utf-8")
    assert '<meta name="briefbook-article" content="000_alpha" />' in page
    assert "briefbook-preview.js" in page


def test_the_preview_leaves_the_published_site_and_docs_alone(served):
    docs = served.root / "docs"
    assert sorted(p.name for p in docs.iterdir()) == ["_build", "conf.py", "index.md"]
    assert sorted(p.name for p in (docs / "_build").iterdir()) == ["preview"]


def test_the_article_api_maps_page_numbers_to_sidecar_notes(served):
    status, article = served.get_json("/_briefbook/api/article/000_alpha")
    assert status == 200
    assert article["paragraphs"][0].startswith("The dialogue was suspended in 2021")
    editor, shared = article["notes"]
    assert (editor["number"], editor["index"], editor["fields"]["quote"]) == (1, 0, "suspended in 2021")
    assert (shared["number"], shared["kind"], shared["index"]) == (2, "shared", None)
    assert article["claims"] == [
        {"id": "suspension-2021", "statement": "The dialogue was suspended in 2021."}
    ]
    assert "fact-check" in article["kinds"] and article["stances"] == ["supports", "contradicts", "qualifies"]
    status, missing = served.get_json("/_briefbook/api/article/glossary")
    assert status == 404 and missing["error"] == "no article 'glossary' in this book"


# ---------------------------------------------------------------- refusals


def test_writes_without_the_token_or_from_another_origin_are_refused(served):
    before = seeds_of(served)
    payload = adding("001_beta", "mild for the season")
    cases = [
        ({"token": ""}, 403, "a write needs this run's token in x-briefbook-token"),
        ({"token": "not-the-token"}, 403, "wrong token: the preview was restarted; reload the page"),
        (
            {"Origin": "http://evil.example"},
            403,
            "a write must come from a page of this preview, not from http://evil.example",
        ),
        ({"Origin": None}, 403, "a write must come from a page of this preview (no Origin header)"),
        ({"Origin": "null"}, 403, "not from null"),
        ({"Sec-Fetch-Site": "cross-site"}, 403, "a write must come from a page of this preview"),
        ({"Content-Type": "text/plain"}, 415, "a write must be sent as application/json"),
    ]
    for overrides, status, message in cases:
        got, answer = served.write("add", payload, **overrides)
        assert (got, answer["ok"]) == (status, False), (overrides, answer)
        assert message in answer["error"], (overrides, answer)
    assert seeds_of(served) == before


def test_requests_naming_another_host_are_refused_pages_and_writes_alike(served):
    before = seeds_of(served)
    # a page of evil.example whose name now points at 127.0.0.1 (DNS rebinding) sends its own Host
    rebound = {"Host": f"evil.example:{served.port}"}
    status, _, body = served.request("GET", "/articles/000_alpha.html", headers=rebound)
    assert status == 421
    assert f"not to Host 'evil.example:{served.port}'" in body.decode()
    status, _, body = served.request("GET", "/_briefbook/api/session", headers=rebound)
    assert status == 421 and "token" not in json.loads(body)
    wrong_port = {"Host": "127.0.0.1:1"}
    assert served.request("GET", "/", headers=wrong_port)[0] == 421
    got, answer = served.write(
        "add", adding("001_beta", "mild for the season"), Host="evil.example", Origin="http://evil.example"
    )
    assert (got, answer["code"]) == (421, "host")
    # the names this machine is reached by are accepted
    for host in (f"localhost:{served.port}", f"127.0.0.1:{served.port}"):
        assert served.request("GET", "/index.html", headers={"Host": host})[0] == 200
    assert seeds_of(served) == before


@pytest.mark.parametrize(
    "stem", ["../seeds/000_alpha", "/etc/passwd", "claims", "glossary", "000_alpha.yaml", "000_alpha.txt", ""]
)
def test_only_an_article_of_the_book_can_be_written(served, stem):
    before = seeds_of(served)
    status, answer = served.write("add", adding(stem, "suspended"))
    if stem == "":
        assert status == 400 and "request.article" in answer["error"]
    else:
        assert status == 404
        assert answer["error"] == f"no article {stem!r} in this book; nothing was written"
    assert seeds_of(served) == before


def test_paths_outside_the_preview_are_not_served(served):
    for path in (
        "/../../seeds/000_alpha.yaml",
        "/%2e%2e/%2e%2e/seeds/000_alpha.yaml",
        "/_briefbook/api/article/..%2F..%2Fseeds%2F000_alpha.yaml",
        "/..%2F..%2F.briefbook.lock",
    ):
        status, _, body = served.request("GET", path)
        assert status == 404, path
        assert b"quote" not in body
    status, _, _ = served.request(
        "POST", "/articles/000_alpha.html", b"{}", {"Content-Type": "application/json"}
    )
    assert status == 405


def test_an_oversize_request_is_refused_before_it_is_read(served):
    before = seeds_of(served)
    payload = adding("001_beta", "mild for the season", "x" * 70_000)
    status, answer = served.write("add", payload)
    assert status == 413 and answer["error"] == "the request is larger than 64 KiB; nothing was written"
    # sent in chunks, with no length declared: counted as it arrives
    body = json.dumps(payload).encode()
    chunks = (body[i : i + 4096] for i in range(0, len(body), 4096))
    headers = {
        "Content-Type": "application/json",
        "Origin": served.origin,
        "X-Briefbook-Token": served.token(),
    }
    status, _, data = served.request("POST", "/_briefbook/api/notes/add", chunks, headers)
    assert status == 413 and json.loads(data)["code"] == "size"
    assert seeds_of(served) == before


def test_malformed_requests_say_what_is_wrong(served):
    before = seeds_of(served)
    status, answer = served.write("add", "{not json")
    assert status == 400 and answer["error"].startswith("the request is not JSON")
    status, answer = served.write("add", {"article": "001_beta", "selection": {"quote": 5}, "note": {}})
    assert status == 400
    assert answer["error"] == "request.note: 'kind' is a required property; nothing was written"
    status, answer = served.write("rename", adding("001_beta", "mild"))
    assert status == 404 and "expected add, edit or delete" in answer["error"]
    assert seeds_of(served) == before


def test_a_note_the_build_would_refuse_is_not_written_and_the_problem_is_told(served):
    before = seeds_of(served)
    status, answer = served.write("add", adding("001_beta", "mild for the seasons"))
    assert status == 422 and answer["error"] == "The note was not saved; nothing was written."
    (problem,) = answer["problems"]
    assert problem["file"] == "seeds/001_beta.yaml"
    assert "quote 'mild for the seasons' not found in 001_beta.txt; closest passage" in problem["text"]
    body = adding("001_beta", "mild")
    body["note"]["kind"] = "fact-check"
    status, answer = served.write("add", body)
    assert status == 422
    assert any("'basis'" in p["text"] for p in answer["problems"])  # a fact-check needs one
    assert seeds_of(served) == before


def test_a_note_in_markup_outside_the_safe_subset_is_not_written(served, tmp_path):
    probe = tmp_path / "probe.yaml"
    probe.write_text('title: t\nkind: news\nnotes:\n  - quote: q\n    kind: context\n    note: "<b>x</b>"\n')
    try:
        load_sidecar(probe)
        pytest.skip("the sidecar loader does not check a note's markup yet")
    except BriefbookError:
        pass
    before = seeds_of(served)
    for text in ("<script>alert(1)</script>", "```{raw} html\n<b>x</b>\n```"):
        status, answer = served.write("add", adding("001_beta", "mild for the season", text))
        assert status == 422, answer
        assert answer["problems"] and all(p["file"] == "seeds/001_beta.yaml" for p in answer["problems"])
    assert seeds_of(served) == before


# ---------------------------------------------------------------- writes that go through


def test_concurrent_saves_are_all_kept(served):
    generation = served.status()["generation"]
    token = served.token()
    quotes = ["The dialogue", "restored in February 2026", "officials said", "The announcement", "Abu Dhabi"]
    start_together = threading.Barrier(len(quotes))
    answers: dict[str, tuple[int, dict]] = {}

    def save(quote: str) -> None:
        start_together.wait()
        answers[quote] = served.write("add", adding("000_alpha", quote, f"About {quote}."), token=token)

    threads = [threading.Thread(target=save, args=(quote,)) for quote in quotes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {q: a[0] for q, a in answers.items()} == dict.fromkeys(quotes, 200), answers
    kept = {n["quote"]: n["note"] for n in notes_of(served, "000_alpha")}
    assert kept == {"suspended in 2021": "The suspension came in late 2021."} | {
        q: f"About {q}." for q in quotes
    }
    assert sorted(a[1]["index"] for a in answers.values()) == [1, 2, 3, 4, 5]
    page = served.root / "docs/_build/preview/html/articles/000_alpha.html"
    deadline = time.monotonic() + 240
    while not all(f"About {q}." in page.read_text("utf-8") for q in quotes):  # one build or two
        assert time.monotonic() < deadline, served.log()
        status = served.wait_for_build(generation)
        assert status["state"] == "ok", status
        generation = status["generation"]


@pytest.mark.browser
def test_a_failed_build_is_told_and_the_last_good_pages_stay_served(served):
    require_tool("/usr/bin/chromium")
    path = served.root / "seeds" / "003_delta.yaml"
    good = path.read_text("utf-8")
    page_before = served.request("GET", "/articles/003_delta.html")[2]
    with chromium() as browser:
        page = browser.new_page()
        page.goto(served.url + "/articles/003_delta.html")
        page.wait_for_function("document.querySelector('.bbp-live') !== null")
        path.write_text(good.replace("kind: news", "kind: newz"), "utf-8")
        banner = page.locator(".bbp-banner")
        banner.wait_for(state="visible", timeout=240_000)
        assert banner.get_attribute("role") == "alert"
        text = banner.inner_text()
        assert "The book did not build; this page is the last good one." in text
        assert "seeds/003_delta.yaml:4: " in text and "'newz' is not allowed" in text
        assert served.request("GET", "/articles/003_delta.html")[2] == page_before
        generation = served.status()["generation"]
        page.evaluate("window.bbpSamePage = true")  # gone if the page reloads
        path.write_text(good, "utf-8")  # fixed: the same page as before, so it stays; the banner goes
        assert served.wait_for_state("ok")["generation"] > generation
        page.locator(".bbp-banner").wait_for(state="hidden", timeout=240_000)
        assert page.evaluate("window.bbpSamePage === true")


# ---------------------------------------------------------------- the pieces


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_a_build_without_the_preview_setting_has_no_trace_of_the_annotation_ui(app):
    app.build()
    page = (app.outdir / "articles" / "alpha.html").read_text("utf-8")
    assert "briefbook-preview" not in page and 'name="briefbook-article"' not in page
    assert not list(app.outdir.rglob("briefbook-preview*"))


@pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"briefbook_preview": True})
def test_the_preview_build_adds_the_script_and_names_each_article(app):
    app.build()
    page = (app.outdir / "articles" / "alpha.html").read_text("utf-8")
    assert '<meta name="briefbook-article" content="alpha" />' in page
    assert 'src="../_static/briefbook-preview.js' in page and "briefbook-preview.css" in page
    assert (app.outdir / "_static" / "briefbook-preview.js").is_file()
    index = (app.outdir / "index.html").read_text("utf-8")
    assert "briefbook-preview.js" in index and 'name="briefbook-article"' not in index


def test_host_headers_are_matched_on_name_and_port():
    allowed = Allowed(host_names("127.0.0.1", ["books.example"]), 8000)
    assert allowed.host_ok("127.0.0.1:8000") and allowed.host_ok("localhost:8000")
    assert allowed.host_ok("[::1]:8000") and allowed.host_ok("BOOKS.example:8000")
    assert not allowed.host_ok("127.0.0.1:8001") and not allowed.host_ok("127.0.0.1")
    assert not allowed.host_ok("evil.example:8000") and not allowed.host_ok("")
    assert allowed.origin_ok("http://localhost:8000", "localhost:8000")
    assert not allowed.origin_ok("http://localhost:8000", "127.0.0.1:8000")  # another origin
    assert not allowed.origin_ok("https://localhost:8000", "localhost:8000")
    assert split_host("[::1]:9") == ("[::1]", 9) and split_host("a") == ("a", 80)


def test_only_the_editors_files_call_for_a_rebuild(tmp_path):
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "_build" / "preview").mkdir(parents=True)
    generated = docs / "sources.md"
    generated.write_text("# Sources, written by the editor\n", "utf-8")
    changes = BookChanges(docs)
    added = 1  # watchfiles.Change.added
    assert changes(added, str(docs / "index.md"))
    assert changes(added, str(tmp_path / "seeds" / "000_a.yaml"))
    assert not changes(added, str(docs / "_build" / "preview" / "html" / "index.html"))
    assert not changes(added, str(docs / "articles" / "000_a.md"))
    assert not changes(added, str(tmp_path / "seeds" / ".000_a.yaml.x1.tmp"))
    assert not changes(added, str(tmp_path / "seeds" / "000_a.yaml.swp"))
    assert changes(added, str(generated))  # a page the editor wrote
    generated.write_text(GENERATED_MARK + "\n# Sources\n", "utf-8")
    assert not changes(added, str(generated))


def test_a_second_preview_on_the_same_port_says_so(served, capsys):
    from briefbook.cli import main

    status = main(["--root", str(served.root), "serve", "--port", str(served.port)])
    assert status == 1
    err = capsys.readouterr().err
    assert f"error: cannot listen on 127.0.0.1 port {served.port}: Address already in use" in err
