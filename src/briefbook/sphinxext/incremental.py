"""Incremental builds: re-read an article's page when what it shows of the book changes.

An article's page depends on its own files (its text and sidecar, which the
page's directives register with ``env.note_dependency``) and on
``claims.yaml`` and ``glossary.yaml``.  It also shows a little of other
articles: the links its notes make to their passages (titles, numbers, words)
and its "Related coverage" list.  Registering every other article's files as
dependencies would make one sidecar edit re-read every page of the book;
registering only the articles it links to now would miss a new link (another
article that starts reporting the same claim).  So each page gets a
fingerprint of everything it shows, and ``env-get-outdated`` re-reads the
pages whose fingerprint changed: after editing one sidecar, that article, the
articles whose notes or related list it changes, and the overview pages
(sources, claims, timeline, glossary) only if what they show changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..figures.bookdata import ACTOR_LIMIT, actor_data, timeline_items
from ..pipeline import Book, claims_of, source_facts, source_label
from .state import book_for

ENV_KEY = "briefbook_fingerprints"


def article_fingerprints(book: Book) -> dict[str, str]:
    """docname -> digest of all the book data the article's page is built from."""
    prints = {}
    for entry in book.articles:
        term_ids = sorted({match.entry_id for matches in entry.terms for match in matches})
        shown = (
            entry,  # text, sidecar, located notes with their cross-reference links, terms, mentions
            [book.glossary.by_id(term_id) for term_id in term_ids],  # term and expansion of each link
            [
                (o.title, o.docname, source_label(book, o), claims, shared)
                for o, claims, shared in book.related(entry.stem)
            ],
        )
        prints[entry.docname] = hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()
    return prints


def passage_view(book: Book, entry, note) -> tuple:
    """What an overview shows of one tagged passage: where it is, its words, its stance."""
    from ..pipeline import passage_id, passage_words

    return (
        source_label(book, entry),
        entry.docname,
        passage_id(entry.stem, note.number),
        note.note.stance,
        passage_words(entry, note),
    )


def overview_fingerprints(book: Book) -> dict[str, str]:
    """docname -> digest of what each overview page shows, so an edit that changes nothing
    there (a note's wording, say) does not make the book's largest pages be read again."""
    sources = [
        (
            e.title,
            e.docname,
            source_label(book, e),
            source_facts(e),
            [book.claims.get(c).statement for c in claims_of(e)],
        )
        for e in book.articles
    ]
    claims = [
        # a claim's label is the timeline figure's alone: the claims matrix does not show it
        (replace(c, label=None), [passage_view(book, e, n) for e, n in book.claim_passages(c.id)])
        for c in book.claims.claims
    ]
    mentions = [
        (g, [(e.title, e.docname, count, linked) for e, count, linked in book.mentions_of(g.id)])
        for g in book.glossary.entries
    ]
    heads = [(e.title, e.docname, source_label(book, e)) for e in book.articles]
    shown = {
        "sources": sources,
        "claims": (heads, claims),
        # the pages' figures too: the timeline's items and the actor chart's people and ties
        "timeline": (heads, claims, [m for m in mentions if m[0].date], timeline_items(book)),
        "glossary": (mentions, actor_data(book, ACTOR_LIMIT)),
    }
    return {doc: hashlib.sha256(repr(view).encode("utf-8")).hexdigest() for doc, view in shown.items()}


def outdated_articles(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The article pages whose fingerprint differs from the one of the last build."""
    book = book_for(env)
    current = article_fingerprints(book) | overview_fingerprints(book)
    previous = getattr(env, ENV_KEY, {})
    # every page read from now on is read from the current book, so the current prints are right for all
    setattr(env, ENV_KEY, current)
    return sorted(doc for doc, digest in current.items() if doc in previous and previous[doc] != digest)


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated_articles)
