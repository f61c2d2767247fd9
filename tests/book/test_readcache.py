"""Articles read by an earlier run are taken back while their files are the same, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.tinybook import make_book

from briefbook.book import load as pipeline
from briefbook.book import readcache
from briefbook.book.load import load_book
from briefbook.book.readcache import ArticleCache
from briefbook.errors import BriefbookError
from briefbook.pages import render_pages


@pytest.fixture
def seeds(tmp_path) -> Path:
    return make_book(tmp_path / "book") / "seeds"


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The articles read from their files (not taken from a cache), by stem."""
    read: list[str] = []
    original = pipeline.read_and_anchor

    def counting(path):
        read.append(path.stem)
        return original(path)

    monkeypatch.setattr(pipeline, "read_and_anchor", counting)
    return read


def cached_load(seeds: Path, cache_file: Path):
    cache = ArticleCache(cache_file)
    book = load_book(seeds, cache=cache)
    cache.save()
    return book


def test_an_unchanged_article_is_not_read_again_and_the_book_is_the_same(seeds, tmp_path, reads):
    cache_file = tmp_path / "articles.cache"
    first = cached_load(seeds, cache_file)
    assert sorted(reads) == ["000_alpha", "001_beta", "002_gamma", "003_delta"]
    reads.clear()
    again = cached_load(seeds, cache_file)
    assert reads == []
    assert render_pages(again) == render_pages(first)
    # one sidecar edited: that article alone is read, and its page shows the edit
    sidecar = seeds / "002_gamma.yaml"
    sidecar.write_text(sidecar.read_text("utf-8").replace("Contradicts 000.", "Contradicts 000, revised."))
    edited = cached_load(seeds, cache_file)
    assert reads == ["002_gamma"]
    assert "Contradicts 000, revised." in render_pages(edited)["articles/002_gamma.md"]
    assert render_pages(edited) == render_pages(load_book(seeds))


def test_an_edit_that_breaks_an_article_is_found_with_a_cache_too(seeds, tmp_path):
    cache_file = tmp_path / "articles.cache"
    cached_load(seeds, cache_file)
    sidecar = seeds / "000_alpha.yaml"
    sidecar.write_text(sidecar.read_text("utf-8").replace('"suspended in 2021"', '"suspended in 1999"'))
    with pytest.raises(BriefbookError) as caught:
        cached_load(seeds, cache_file)
    assert [p.path for p in caught.value.problems] == [str(sidecar)]


def test_other_code_or_an_unreadable_cache_means_reading_again(seeds, tmp_path, reads, monkeypatch):
    cache_file = tmp_path / "articles.cache"
    cached_load(seeds, cache_file)
    reads.clear()
    monkeypatch.setattr(readcache, "code_fingerprint", lambda: b"another version of briefbook")
    cached_load(seeds, cache_file)
    assert len(reads) == 4
    reads.clear()
    cache_file.write_bytes(b"not a pickle")
    cached_load(seeds, cache_file)
    assert len(reads) == 4


def test_shared_passages_are_sought_again_only_when_some_article_s_words_change(seeds, tmp_path, monkeypatch):
    searches: list[int] = []
    original = pipeline.find_shared_passages

    def counting(articles, **kwargs):
        searches.append(len(articles))
        return original(articles, **kwargs)

    monkeypatch.setattr(pipeline, "find_shared_passages", counting)
    cache_file = tmp_path / "articles.cache"
    first = cached_load(seeds, cache_file)
    assert searches == [4] and len(first.shared) == 1
    sidecar = seeds / "002_gamma.yaml"  # a note edited: the texts are the same
    sidecar.write_text(sidecar.read_text("utf-8").replace("Contradicts 000.", "Contradicts 000, revised."))
    assert cached_load(seeds, cache_file).shared == first.shared
    assert searches == [4]
    text = seeds / "002_gamma.txt"  # the shared sentence changed in one of its articles: no longer shared
    text.write_text(text.read_text("utf-8").replace("ended late on Thursday", "ended early on Friday"))
    edited = cached_load(seeds, cache_file)
    assert searches == [4, 4]
    assert edited.shared == load_book(seeds).shared != first.shared


def test_glossary_mentions_are_found_again_only_when_the_spellings_or_the_text_change(
    seeds, tmp_path, monkeypatch
):
    from briefbook.analysis.termmatch import TermMatcher

    searched: list[int] = []
    original = TermMatcher.find_in_paragraphs

    def counting(self, paragraphs):
        searched.append(len(paragraphs))
        return original(self, paragraphs)

    monkeypatch.setattr(TermMatcher, "find_in_paragraphs", counting)
    cache_file = tmp_path / "articles.cache"
    first = cached_load(seeds, cache_file)
    assert len(searched) == 4
    sidecar = seeds / "002_gamma.yaml"  # a note edited: neither the glossary nor a text changed
    sidecar.write_text(sidecar.read_text("utf-8").replace("Contradicts 000.", "Contradicts 000, revised."))
    assert [e.terms for e in cached_load(seeds, cache_file).articles] == [e.terms for e in first.articles]
    assert len(searched) == 4
    glossary = seeds / "glossary.yaml"  # a definition edited: what links is the same
    glossary.write_text(
        glossary.read_text("utf-8").replace("command for Europe", "command in Europe"), "utf-8"
    )
    assert "command in Europe" in render_pages(cached_load(seeds, cache_file))["glossary.md"]
    assert len(searched) == 4
    # an alias added: every article is searched again, and it links
    glossary.write_text(glossary.read_text("utf-8") + "    aliases: [delegations]\n", "utf-8")
    edited = cached_load(seeds, cache_file)
    assert len(searched) == 8
    assert render_pages(edited) == render_pages(load_book(seeds)) != render_pages(first)


def test_the_book_wide_files_are_loaded_again_only_when_their_bytes_change(seeds, tmp_path, monkeypatch):
    loaded: list[str] = []

    def counting(loader):
        def load(path):
            loaded.append(path.name)
            return loader(path)

        return load

    for name in ("load_claims", "load_glossary", "load_origins"):
        monkeypatch.setattr(pipeline, name, counting(getattr(pipeline, name)))
    cache_file = tmp_path / "articles.cache"
    first = cached_load(seeds, cache_file)
    present = sorted(loaded)
    assert "claims.yaml" in present and "glossary.yaml" in present
    loaded.clear()
    again = cached_load(seeds, cache_file)  # nothing changed: none is loaded, the book is the same
    assert loaded == []
    assert render_pages(again) == render_pages(first)
    glossary = seeds / "glossary.yaml"  # a definition edited: the glossary alone is loaded, and shows it
    glossary.write_text(
        glossary.read_text("utf-8").replace("command for Europe", "command in Europe"), "utf-8"
    )
    assert "command in Europe" in render_pages(cached_load(seeds, cache_file))["glossary.md"]
    assert loaded == ["glossary.yaml"]
    # a problem in it is found with the cache too, and again on the next run
    glossary.write_text(glossary.read_text("utf-8").replace("definition:", "definitoin:", 1), "utf-8")
    for _ in range(2):
        with pytest.raises(BriefbookError) as caught:
            cached_load(seeds, cache_file)
        assert str(glossary) in [p.path for p in caught.value.problems]


def test_what_a_run_does_after_saving_still_finds_the_last_run_s_entries(seeds, tmp_path, reads):
    """The live preview saves the cache with the pages, then looks for the terms the glossary lacks
    (``remember``) and, at the next save, reads the book again with the same cache in memory."""
    from briefbook.serve.rendering import candidates

    cache = ArticleCache(tmp_path / "articles.cache")
    found: list[int] = []

    def preview_run():
        cache.next_run()
        book = load_book(seeds, cache=cache)
        cache.save()
        return candidates(book, cache, give_up=lambda: found.append(1) and False)

    first = preview_run()
    assert found  # the first run looked for them
    found.clear()
    reads.clear()
    assert preview_run() == first  # after the save, the last run's terms are still at hand
    assert found == [] and reads == []


def test_a_cache_another_process_saved_is_resumed_whole(seeds, tmp_path, reads):
    """The preview's first build reads the book in another process; the build process's cache then
    takes that run as its own, so what it adds before the first save does not make the next run
    read every article again."""
    from briefbook.serve.rendering import candidates

    book = cached_load(seeds, tmp_path / "articles.cache")  # the first build
    reads.clear()
    for resumed in (False, True):
        cache = ArticleCache(tmp_path / "articles.cache")
        if resumed:
            cache.resume()
        candidates(book, cache)  # what the preview does after its first build
        cache.next_run()
        load_book(seeds, cache=cache)  # the first save's build
        assert reads == ([] if resumed else ["000_alpha", "001_beta", "002_gamma", "003_delta"])
        reads.clear()
