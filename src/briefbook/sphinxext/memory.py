"""A build's memory kept flat: each page's doctree let go once it is on disk."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_memory(app: Sphinx) -> None:
    app.connect("source-read", forget_read_doctrees)
    app.connect("env-updated", forget_read_doctrees)


def forget_read_doctrees(app: Sphinx, *args) -> None:
    """Let each page's doctree go once it is on disk; the writer loads it back when it writes the page.

    Sphinx keeps every doctree read in a run in memory until the page is written, so a build's
    memory grows with the whole book (an article's doctree is large: its text, notes, links).
    Loading one back costs a millisecond or two; keeping them all cost most of the build's memory.
    Dropped when the next page is read, and once reading is over.

    Sphinx has no setting or hook for this: the doctrees are kept in the environment's private
    ``_write_doc_doctree_cache``, which is what the writer looks in before it loads a doctree
    from disk, so emptying it only makes the writer load each one back.  Where a release of
    Sphinx does not have it, there is nothing to let go.
    """
    kept = getattr(app.env, "_write_doc_doctree_cache", None)
    if kept:
        kept.clear()
