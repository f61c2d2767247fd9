"""A page removed from the book leaves the site.

Sphinx forgets a removed page's doctree but leaves the HTML it wrote for it in the output
folder, and its copy of the page's source: a site built after an article was removed still
serves that article, to anyone who kept its address, while no page links to it any more and
a fresh build has no such page.  A site built incrementally must be the one a fresh build
makes, so when an HTML build has succeeded, every page in the output that is neither a
document of the book nor a page this build wrote (the index, the search page, the pages
extensions add) is deleted, with its copied source.  Folders whose names start with ``_``
(the theme's files, images, downloads) are not pages and are left alone.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

WRITTEN = "_bb_pages_written"


def note_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    getattr(app.builder, WRITTEN).add(pagename)


def start_noting(app: Sphinx) -> None:
    setattr(app.builder, WRITTEN, set())


def stale_pages(
    outdir: Path, suffix: str, sources_suffixes: tuple[str, ...], current: set[str]
) -> list[Path]:
    """The pages in ``outdir`` (and their copied sources in ``_sources/``) of no current page."""
    stale = []
    for path in sorted(outdir.rglob(f"*{suffix}")):
        relative = path.relative_to(outdir)
        if relative.parts[0].startswith("_"):
            continue
        if relative.as_posix()[: -len(suffix)] not in current:
            stale.append(path)
    sources = outdir / "_sources"
    if sources.is_dir():
        for path in sorted(sources.rglob("*.txt")):
            source = path.relative_to(sources).as_posix().removesuffix(".txt")
            if not any(source.removesuffix(s) in current for s in sources_suffixes if source.endswith(s)):
                stale.append(path)
    return stale


def remove_stale_pages(app: Sphinx, exception: Exception | None) -> None:
    builder = app.builder
    # the builder that writes a page per document, named after it (not dirhtml's or singlehtml's)
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder) or builder.name != "html":
        return
    current = set(app.env.all_docs) | getattr(builder, WRITTEN, set())
    suffixes = tuple(app.config.source_suffix)
    for path in stale_pages(Path(builder.outdir), builder.out_suffix, suffixes, current):
        path.unlink()


def setup_removed_pages(app: Sphinx) -> None:
    app.connect("builder-inited", start_noting)
    app.connect("html-page-context", note_page)
    app.connect("build-finished", remove_stale_pages)
