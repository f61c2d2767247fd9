"""When each page of the preview last changed, counted in publishes: what a page that opens its
events late compares with the count it was served at, to know it missed a reload."""

from __future__ import annotations

from pathlib import Path

from briefbook import build
from briefbook.serve.preview import Preview


class Builds:
    """A build process that answers each build with the ``done`` it is given."""

    def __init__(self) -> None:
        self.done: dict = {}

    def build(self, focus) -> dict:
        return self.done

    def stop(self) -> None:
        pass


def test_a_page_knows_when_it_last_changed(tmp_path: Path) -> None:
    builds = Builds()
    preview = Preview(tmp_path, build.Folders(tmp_path / "docs"), tmp_path / "seeds", builds=builds)
    assert preview.page_version("articles/a") == 0
    builds.done = {"ok": True, "changed": None, "seconds": 1.0}  # the first build: every page
    preview.build_once()
    assert preview.page_version("articles/a") == preview.page_version("glossary") == 1
    # a save: the open page published first, then the rest of the book, where the glossary changed
    preview._hear({"event": "shown", "pages": ["articles/a.html"], "seconds": 0.1})
    builds.done = {"ok": True, "changed": ["glossary.html"], "seconds": 1.0}
    preview.build_once()
    assert preview.page_version("articles/a") == 2
    assert preview.page_version("glossary") == 3
    assert preview.page_version("claims") == 1  # not published again since the first build
    assert preview.page_version(None) == preview.published == 3
