"""The names the book's files, pages and places go by, shared by the generator, the command line and
the Sphinx extension.

A small module of its own, so the Sphinx side and the command line's own process can use them
without importing the whole reading pipeline.
"""

from __future__ import annotations

from pathlib import Path

from .errors import BriefbookError, Code, Problem

ARTICLE_SUFFIX = ".txt"
CLAIMS_FILE = "claims.yaml"  # the book's claims, in the seeds folder
GLOSSARY_FILE = "glossary.yaml"  # the book's glossary, in the seeds folder
ORIGINS_FILE = "origins.yaml"  # where the reported facts come from, in the seeds folder (optional)
JUDGMENTS_FILE = "judgments.yaml"  # the key judgments and the claims each rests on (optional)
# the book-wide YAML files: not sidecars
BOOK_FILES = (CLAIMS_FILE, GLOSSARY_FILE, ORIGINS_FILE, JUDGMENTS_FILE)
GENERATED_DIR = "articles"  # the folder of the generated article pages, in the docs folder
BROWSE_DIR = "browse"  # the folder of the generated pages that group the articles (by date, by source)
GLOSSARY_DIR = "glossary"  # the folder of a large glossary's pages of entries
GENERATED_FOLDERS = (GENERATED_DIR, BROWSE_DIR, GLOSSARY_DIR)  # every page in them is the generator's
CLAIMS_INDEX = "_generated/claims.json"  # what the {claim} role shows, written with the pages
JUDGMENTS_PAGE = "_generated/judgments.md"  # the key judgments, which the front page includes
FRONT_PAGE = "index.md"  # the hand-written front page, in the docs folder
# The generated pages that show the whole book, by page name.
OVERVIEW_PAGES = ("whatsnew", "sources", "claims", "timeline", "glossary")
WHATSNEW_PAGE = "whatsnew.md"  # what changed since the edition the book is compared with
UPDATE_PAGE = "update-brief.md"  # the start of the update brief's PDF, when one is printed
UPDATE_TEX = "-update-since-"  # an update brief's file: <the book's PDF>-update-since-<edition>.pdf
# Which mentions of a glossary term link to the glossary: the first in each article, or every one.
LINK_TERMS = ("first", "every")


def passage_id(stem: str, key: str) -> str:
    """The HTML id / LaTeX label of the passage a note speaks about, by the note's stable key
    (:mod:`briefbook.book.identity`), so links to it hold while other notes come and go."""
    return f"bb-passage-{stem.lower()}-{key}"


def origin_target(origin_id: str) -> str:
    """The id of a declared origin on the sources page."""
    return f"bb-origin-{origin_id}"


def mention_id(stem: str, entry_id: str) -> str:
    """The id of the first linked mention of a glossary entry in an article."""
    return f"bb-term-{stem.lower()}-{entry_id}"


def article_paths(seeds: Path) -> list[Path]:
    """The articles of a book: every ``*.txt`` in ``seeds``, in file-name order."""
    if not seeds.is_dir():
        raise BriefbookError(
            Problem(
                Code.FILE_MISSING,
                "no such folder (expected the book's seeds/ folder of articles)",
                str(seeds),
            )
        )
    return sorted(p for p in seeds.iterdir() if p.suffix == ARTICLE_SUFFIX and p.is_file())
