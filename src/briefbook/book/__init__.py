"""The book: every input read and checked, then cross-referenced into one model.

- ``model``: the ``Book`` and its ``BookArticle``s, with the indexes the pages look things up in
  (an article by name or place, a claim's passages, a term's mentions, related articles); an
  article's margin holds the editor's notes (``LocatedNote``) and the passages the book marks
  itself (``SharedMark``), numbered in one reading order (``BookArticle.marks``);
- ``load``: reading and checking every file (``read_article``, ``load_book``) and assembling the
  book: shared passages marked, notes and marks numbered, terms linked, cross-links added;
- ``crosslinks``: the links the book adds to notes (same claim elsewhere, the claim's credibility,
  the origin a passage rests on, same words elsewhere);
- ``standing``: what each claim stands on (sources and independent origins, for and against, copies
  folded into their originals) and its credibility grade, by the documented rule (``Book.standing``);
- ``suggestions``: the origins ``check`` suggests from attributions in the text;
- ``labels``: how sources and passages are named in notes, tables and figures;
- ``readcache``: each article as an earlier run read it, kept by the bytes of its files;
- ``onecheck``: the build's checks of one article with a new sidecar, before it is written
  (``check_article``);
- ``identity``: a note's stable key (from its article, kind and anchor), which page anchors and
  editions use, so links hold while other notes come and go;
- ``manifest``: an edition's manifest, the book recorded as it is (articles, notes by key, claims,
  glossary, front page), written as diff-friendly JSON and read back;
- ``editions``: the book's editions in ``seeds/editions/``: cutting one, and which one the book is
  compared with;
- ``changes``: what changed between two manifests;
- ``review``: the editorial review a machine can do, run by ``load_book`` once the book is
  assembled: ``judgmentcheck`` (the key judgments held to ICD 203: estimative language, evidence
  cited), ``agreement`` (counts and quotations in the front page and the judgments held to the
  claims and the articles) and ``samedate`` (one event, one date: claims, glossary, notes, sources).

Other packages import what ``__all__`` lists, from ``briefbook.book``: they take a ``Book`` from
``load_book`` and read it; nothing here writes a page (``editions.cut_edition`` writes a manifest).
The pages, the build and the command line import ``editions``, ``manifest`` and ``changes`` by
their module names.
"""

from .labels import (
    claims_of,
    copy_lines,
    passage_words,
    share_text,
    source_facts,
    source_label,
    source_number,
)
from .load import load_book, load_book_file, read_article
from .model import Book, BookArticle, ClaimStanding, Mark, Report, SharedMark
from .readcache import ArticleCache
from .standing import grade_label, grade_of, origin_passages
from .suggestions import OriginSuggestion, origin_suggestions

__all__ = [
    "ArticleCache",
    "Book",
    "BookArticle",
    "ClaimStanding",
    "Mark",
    "OriginSuggestion",
    "Report",
    "SharedMark",
    "claims_of",
    "copy_lines",
    "grade_label",
    "grade_of",
    "load_book",
    "load_book_file",
    "origin_passages",
    "origin_suggestions",
    "passage_words",
    "read_article",
    "share_text",
    "source_facts",
    "source_label",
    "source_number",
]
