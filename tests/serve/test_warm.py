"""The preview's warm builds: the open page first, the rest after it, and a site that is the one a
cold build of the same files makes, byte for byte, however many warm builds came before.

The builds run in this process (:class:`briefbook.serve.warm.WarmBuilds`, as the preview's build
process runs them) on the tiny book.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.tinybook import edit, make_book

from briefbook import build
from briefbook.build.folders import files_below
from briefbook.serve.site import sync_site
from briefbook.serve.warm import WarmBuilds


def preview_folders(root: Path) -> build.Folders:
    return build.Folders(root / "docs", output=root / "docs" / "_build" / "preview")


def built(builds: WarmBuilds, focus: list[str]) -> list[dict]:
    """One build; the messages it sent (each checked to be one the server understands)."""
    messages: list[dict] = []
    builds.build(focus, messages.append)
    assert messages[-1]["event"] == "done", messages
    assert messages[-1]["ok"], messages[-1].get("problems")
    return messages


def site(root: Path) -> dict[str, bytes]:
    return {rel: path.read_bytes() for rel, path in files_below(preview_folders(root).site).items()}


@pytest.fixture(scope="module")
def warm_book(tmp_path_factory):
    """The tiny book built cold, then warm after each of a note added, a glossary definition
    changed and an article's title changed; the messages of the warm builds."""
    root = make_book(tmp_path_factory.mktemp("warm") / "book")
    with (root / "docs" / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_theme = "sphinx_book_theme"\n')  # its pages add scripts of their own
    builds = WarmBuilds(root, preview_folders(root), root / "seeds", jobs="1")
    first = built(builds, [])
    assert first[-1]["changed"] is None  # a cold build says nothing of what changed: all reloads
    assert builds.warm is not None, "no warm application after the first build"
    steps = []
    edit(
        root / "seeds" / "003_delta.yaml",
        "kind: news\n",
        'kind: news\nnotes:\n  - quote: "no statements"\n    kind: context\n    note: "Warm note."\n',
    )
    steps.append(built(builds, ["articles/003_delta"]))
    edit(root / "seeds" / "glossary.yaml", "command for Europe.", "command for all of Europe.")
    steps.append(built(builds, ["glossary", "articles/000_alpha"]))
    edit(root / "seeds" / "001_beta.yaml", 'title: "Beta weather"', 'title: "Beta weather, warmly"')
    steps.append(built(builds, ["articles/001_beta"]))
    edit(root / "seeds" / "003_delta.yaml", 'title: "Delta quiet day"', 'title: "Delta, a quiet day"')
    steps.append(built(builds, []))  # no page open: all after the rest
    edit(  # a passage tagged with a claim: the claims page and the other passages' links change
        root / "seeds" / "003_delta.yaml",
        '    note: "Warm note."\n',
        '    note: "Warm note."\n    claim: suspension-2021\n    stance: qualifies\n',
    )
    built(builds, ["articles/003_delta", "claims"])
    assert builds.warm is not None, "a warm build dropped the application"
    yield root, steps
    builds.drop()


def test_the_open_page_is_shown_before_the_rest(warm_book) -> None:
    root, steps = warm_book
    note, glossary, title, unseen = steps
    assert [m["event"] for m in note] == ["shown", "done"]
    assert note[0]["pages"] == ["articles/003_delta.html"]
    html = (preview_folders(root).site / "articles" / "003_delta.html").read_text("utf-8")
    assert "Warm note." in html
    # both pages open show the definition (the article in its term's tooltip): both shown first
    assert glossary[0]["pages"] == ["articles/000_alpha.html", "glossary.html"]
    assert "for all of Europe" in (preview_folders(root).site / "glossary.html").read_text("utf-8")
    assert title[0]["pages"] == ["articles/001_beta.html"]
    assert [m["event"] for m in unseen] == ["done"]


def test_the_rest_names_the_pages_it_changed(warm_book) -> None:
    _, steps = warm_book
    note = steps[0][-1]["changed"]
    assert "sources.html" in note  # the sources table counts the notes
    assert "articles/003_delta.html" not in note  # shown already, the same bytes: not again
    assert "articles/002_gamma.html" not in note
    title = steps[2][-1]["changed"]
    assert "index.html" in title and "sources.html" in title


def test_warm_builds_make_the_site_a_cold_build_makes(warm_book, tmp_path) -> None:
    root, _ = warm_book
    twin = tmp_path / "twin"
    shutil.copytree(root / "seeds", twin / "seeds")
    shutil.copytree(root / "docs", twin / "docs", ignore=shutil.ignore_patterns("_build"))
    cold = WarmBuilds(twin, preview_folders(twin), twin / "seeds", jobs="1")
    try:
        built(cold, [])
    finally:
        cold.drop()
    warm, fresh = site(root), site(twin)
    assert sorted(warm) == sorted(fresh)
    differ = sorted(rel for rel in warm if warm[rel] != fresh[rel])
    assert differ == [], differ


def test_the_served_site_is_brought_up_to_date_file_by_file(tmp_path) -> None:
    built_site, served = tmp_path / "built", tmp_path / "served"
    for folder in (built_site, served):
        (folder / "_static").mkdir(parents=True)
    (built_site / "a.html").write_text("new", "utf-8")
    (built_site / "b.html").write_text("same", "utf-8")
    (built_site / "_static" / "s.css").write_text("css", "utf-8")
    (served / "a.html").write_text("old", "utf-8")
    (served / "b.html").write_text("same", "utf-8")
    (served / "gone.html").write_text("gone", "utf-8")
    assert sync_site(built_site, served) == ["_static/s.css", "a.html", "gone.html"]
    assert {rel: p.read_text("utf-8") for rel, p in files_below(served).items()} == {
        "a.html": "new",
        "b.html": "same",
        "_static/s.css": "css",
    }
    assert sync_site(built_site, served) == []
