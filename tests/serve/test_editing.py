"""The preview's writes beyond notes, over HTTP: glossary entries, claims and an article's details
added, changed and deleted; what the build would refuse, edits of what changed meanwhile, and
requests that are not the preview's own, refused with nothing written; the terminal told which
file and which entry each write changed; the page the write came from shown first.

One server runs on the tiny book for the whole module.
"""

from __future__ import annotations

import pytest
from helpers.served import Served, start
from helpers.tinybook import make_book, snapshot


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("editing") / "book")
    server = start(root)
    yield server
    assert server.stop() == 0, server.log()


def glossary(served: Served) -> dict[str, dict]:
    return {e["id"]: e for e in served.get_json("/_briefbook/api/glossary")[1]["entries"]}


def claims(served: Served) -> dict[str, dict]:
    return {c["id"]: c for c in served.get_json("/_briefbook/api/claims")[1]["claims"]}


def file_text(served: Served, name: str) -> str:
    return (served.root / "seeds" / name).read_text("utf-8")


def test_a_glossary_entry_is_added_changed_and_deleted(served) -> None:
    generation = served.status()["generation"]
    entry = {
        "id": "geneva",
        "term": "Geneva",
        "kind": "place",
        "definition": "A Swiss city where talks are often held.",
        "aliases": ["Genève", ""],
        "related": [],
    }
    status, answer = served.post("glossary/add", {"entry": entry, "page": "articles/000_alpha"})
    assert status == 200, answer
    assert answer["said"] == "entry 'geneva' added"
    assert "  - id: geneva\n    term: Geneva\n    kind: place\n    aliases: [Genève]\n" in file_text(
        served, "glossary.yaml"
    )
    assert served.wait_until_idle()["generation"] > generation
    assert "saved seeds/glossary.yaml: entry 'geneva' added" in served.log()
    page = served.request("GET", "/glossary.html")[2].decode("utf-8")
    assert "A Swiss city where talks are often held." in page

    seen = glossary(served)["geneva"]
    status, answer = served.post(
        "glossary/edit",
        {
            "id": "geneva",
            "fingerprint": seen["fingerprint"],
            "entry": {"definition": "A city in Switzerland.", "aliases": []},
        },
    )
    assert status == 200, answer
    assert glossary(served)["geneva"]["fields"] == {
        "id": "geneva",
        "term": "Geneva",
        "kind": "place",
        "definition": "A city in Switzerland.",
    }
    # the same edit again, from a form opened before the first: the entry changed meanwhile
    status, answer = served.post(
        "glossary/edit",
        {"id": "geneva", "fingerprint": seen["fingerprint"], "entry": {"definition": "Stale."}},
    )
    assert status == 409 and answer["code"] == "stale"

    now = glossary(served)["geneva"]
    status, answer = served.post("glossary/delete", {"id": "geneva", "fingerprint": now["fingerprint"]})
    assert status == 200 and answer["said"] == "entry 'geneva' deleted"
    assert "geneva" not in glossary(served)


def test_a_term_the_book_names_is_not_deleted_and_the_problem_says_where(served) -> None:
    entry = {"id": "stuttgart", "term": "Stuttgart", "kind": "place", "definition": "Where {term}`EUCOM` is."}
    assert served.post("glossary/add", {"entry": entry})[0] == 200
    before = snapshot(served.root / "seeds")
    lines = file_text(served, "glossary.yaml").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "{term}`EUCOM`" in text)
    eucom = glossary(served)["eucom"]
    status, answer = served.post("glossary/delete", {"id": "eucom", "fingerprint": eucom["fingerprint"]})
    assert status == 422 and answer["error"] == "The entry was not saved; nothing was written."
    (problem,) = answer["problems"]
    assert (problem["file"], problem["line"], problem["code"]) == (
        "seeds/glossary.yaml",
        line,
        "ref.unknown-term",
    )
    assert snapshot(served.root / "seeds") == before
    stuttgart = glossary(served)["stuttgart"]
    assert (
        served.post("glossary/delete", {"id": "stuttgart", "fingerprint": stuttgart["fingerprint"]})[0] == 200
    )


def test_a_new_entry_the_build_would_refuse_is_told_without_a_line(served) -> None:
    before = snapshot(served.root / "seeds")
    entry = {"id": "x", "term": "EUCOM", "kind": "acronym", "definition": "A duplicate <b>spelling</b>."}
    status, answer = served.post("glossary/add", {"entry": entry})
    assert status == 422
    texts = [p["text"] for p in answer["problems"]]
    assert any("raw HTML is not allowed in a glossary definition" in t for t in texts), texts
    assert all(p["line"] is None for p in answer["problems"])
    assert snapshot(served.root / "seeds") == before


def test_a_claim_is_created_and_its_statement_edited(served) -> None:
    claim = {
        "id": "geneva-talks",
        "statement": "Talks were held in Geneva.",
        "date": "2026-02",
        "label": "Geneva",
    }
    status, answer = served.post("claims/add", {"entry": claim, "page": "claims"})
    assert status == 200, answer
    seen = claims(served)["geneva-talks"]
    status, answer = served.post(
        "claims/edit",
        {
            "id": "geneva-talks",
            "fingerprint": seen["fingerprint"],
            "entry": {"statement": "Talks were held in Geneva in February."},
        },
    )
    assert status == 200 and answer["said"] == "claim 'geneva-talks' changed"
    assert claims(served)["geneva-talks"]["fields"]["statement"] == "Talks were held in Geneva in February."
    assert claims(served)["geneva-talks"]["fields"]["label"] == "Geneva"  # what the form did not send stays


def test_a_claim_a_note_tags_is_not_deleted(served) -> None:
    seen = claims(served)["suspension-2021"]
    status, answer = served.post(
        "claims/delete", {"id": "suspension-2021", "fingerprint": seen["fingerprint"]}
    )
    assert status == 422
    files = sorted(p["file"] for p in answer["problems"])
    assert files == ["seeds/000_alpha.yaml", "seeds/002_gamma.yaml"]


def test_an_articles_details_are_edited_and_its_page_shown_first(served) -> None:
    status, article = served.get_json("/_briefbook/api/article/003_delta")
    assert status == 200 and article["article_kinds"] == ["news", "analysis", "opinion", "newsletter"]
    details = article["details"]
    assert details["fields"] == {
        "title": "Delta quiet day",
        "publisher": "Daily",
        "date": "2026-02-07",
        "kind": "news",
    }
    generation = served.status()["generation"]
    status, answer = served.post(
        "details",
        {
            "article": "003_delta",
            "fingerprint": details["fingerprint"],
            "details": {"title": "Delta: a quiet day", "author": "A. Reporter", "publisher": ""},
        },
    )
    assert status == 200, answer
    assert answer["said"] == "title, publisher, author changed"
    text = file_text(served, "003_delta.yaml")
    assert 'title: "Delta: a quiet day"\npublisher: null\nauthor: "A. Reporter"\n' in text
    assert served.wait_until_idle()["generation"] > generation
    assert "shown: articles/003_delta.html" in served.log(), served.log()
    page = served.request("GET", "/articles/003_delta.html")[2].decode("utf-8")
    assert "Delta: a quiet day" in page
    sources = served.request("GET", "/sources.html")[2].decode("utf-8")
    assert "Delta: a quiet day" in sources


def test_details_the_build_would_refuse_are_not_written(served) -> None:
    before = snapshot(served.root / "seeds")
    details = served.get_json("/_briefbook/api/article/001_beta")[1]["details"]
    status, answer = served.post(
        "details",
        {
            "article": "001_beta",
            "fingerprint": details["fingerprint"],
            "details": {"date": "2026-13-01", "kind": "blog"},
        },
    )
    assert status == 422
    assert {p["code"] for p in answer["problems"]} == {"date.invalid", "schema.choice"}
    assert snapshot(served.root / "seeds") == before


def test_writes_from_elsewhere_or_malformed_are_refused(served) -> None:
    before = snapshot(served.root / "seeds")
    entry = {"entry": {"id": "y", "term": "Y", "kind": "place", "definition": "Y."}}
    status, answer = served.post("glossary/add", entry, Origin="http://evil.example")
    assert status == 403 and answer["code"] == "origin"
    status, answer = served.post("glossary/add", entry, token="wrong")
    assert status == 403 and answer["code"] == "token"
    status, answer = served.post("glossary/add", {"entry": {"id": "y", "roles": "x"}})
    assert status == 400 and "request.entry" in answer["error"]
    status, answer = served.post("claims/rename", {"id": "x"})
    assert status == 404 and answer["error"].endswith("expected add, edit or delete")
    status, answer = served.post("details", {"article": "../etc", "fingerprint": "x", "details": {}})
    assert status == 404 and answer["code"] == "article"
    assert snapshot(served.root / "seeds") == before
