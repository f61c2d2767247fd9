"""``briefbook build`` hands Sphinx the record of the pages it wrote, so the book is read once per build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers.tinybook import make_book

from briefbook.cli import main
from briefbook.errors import Code, Problem
from briefbook.pages import write as generate_module
from briefbook.pages.record import GENERATED_ENV, Generated, handed_over


def record(seeds: Path, docs: Path, **changes) -> Generated:
    fields = {
        "seeds": str(seeds.resolve()),
        "docs": str(docs.resolve()),
        "link_terms": "first",
        "articles": 2,
        "changed": ("articles/a.md",),
        "publishers": ("The Test Gazette", None),
        "warnings": (Problem(Code.SIDECAR_ORPHAN, "a sidecar without its article", "seeds/x.yaml", 3),),
    }
    return Generated(**{**fields, **changes})


def test_the_record_reads_back_as_written(tmp_path):
    written = record(tmp_path / "seeds", tmp_path / "docs")
    assert Generated.from_json(written.to_json()) == written


def test_only_a_record_for_this_book_and_setting_is_taken(tmp_path, monkeypatch):
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    path = tmp_path / "generated.json"
    path.write_text(record(seeds, docs).to_json(), "utf-8")
    assert handed_over(seeds, docs, "first") is None  # nobody handed it over
    monkeypatch.setenv(GENERATED_ENV, str(path))
    assert handed_over(seeds, docs, "first") == record(seeds, docs)
    assert handed_over(tmp_path / "other", docs, "first") is None
    assert handed_over(seeds, docs, "every") is None
    path.write_text("{not json", "utf-8")
    assert handed_over(seeds, docs, "first") is None


def test_with_a_record_sphinx_does_not_read_the_book_again(make_app, rootdir, tmp_path, monkeypatch):
    srcdir = tmp_path / "book"
    shutil.copytree(Path(rootdir, "test-basic"), srcdir)
    make_app("html", srcdir=srcdir)  # a first run writes the pages
    seeds = srcdir / "seeds"
    path = tmp_path / "generated.json"
    path.write_text(record(seeds, srcdir, warnings=()).to_json(), "utf-8")
    monkeypatch.setenv(GENERATED_ENV, str(path))

    def read_again(*args, **kwargs):
        raise AssertionError("the book was read again")

    monkeypatch.setattr(generate_module, "generate", read_again)
    again = make_app("latex", srcdir=srcdir)
    # the title page names the sources from the record: one publisher, one not stated
    preamble = again.config.latex_elements["preamble"]
    assert (
        "Compiled from 2 articles: The Test Gazette, and 1 source whose publisher is not stated." in preamble
    )


def test_build_hands_its_record_to_sphinx_warnings_included(tmp_path, monkeypatch, capsys):
    root = make_book(tmp_path / "book")
    monkeypatch.chdir(root)
    (root / "seeds" / "zzz_orphan.yaml").write_text('title: "No article"\nkind: news\n', "utf-8")
    status = main(["build", "--html", "-j", "1"])
    out = capsys.readouterr().out
    written = json.loads((root / "docs/_build/.work/generated.json").read_text("utf-8"))
    assert written["articles"] == 4
    assert [w["file"] for w in written["warnings"]] == ["seeds/zzz_orphan.yaml"]
    # Sphinx reports the book's warning from the record, and (with -W) stops
    assert status != 0
    assert "zzz_orphan.yaml" in out and "the published site and PDF are unchanged" in out
