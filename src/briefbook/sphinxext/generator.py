"""When Sphinx starts: the book's settings checked, its pages written (or the record of
``briefbook build``, which has just written them, taken), and what briefbook's own code is.

A problem in the inputs stops the build before anything is written; each is logged at its
``file:line`` with type ``briefbook`` and its code as subtype.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from ..errors import BriefbookError, Problem
from ..pages.record import Generated, handed_over
from . import editionprint, latex
from .config import setting_problems

logger = logging.getLogger(__name__)
ARTICLE_CACHE = "briefbook-articles.cache"  # in Sphinx's doctree folder


def setup_generator(app: Sphinx) -> None:
    app.add_config_value("briefbook_seeds_path", "", "", types=frozenset({str}))  # set when Sphinx starts
    app.add_config_value("briefbook_code", "", "env", types=frozenset({str}))  # set when Sphinx starts
    app.connect("config-inited", note_code)
    app.connect("config-inited", run_generator, priority=400)


def log_problem(problem: Problem) -> None:
    """Log a problem as Sphinx logs its own: at ``path:line``, as ``briefbook.<code>``.

    So ``suppress_warnings = ["briefbook.<code>"]`` silences a kind of warning.
    (Sphinx has no environment yet when the generator runs, so a problem
    without a line names its file in the message, not as a location.)
    """
    log = logger.warning if problem.severity == "warning" else logger.error
    if problem.path and problem.line:
        log("%s", problem.text, type="briefbook", subtype=str(problem.code), location=problem.location)
    else:
        log("%s", problem, type="briefbook", subtype=str(problem.code))


def stop(problems: list[Problem], what: str) -> None:
    for problem in problems:
        log_problem(problem)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ConfigError(
            f"briefbook: {len(errors)} problem(s) in the book's {what} (listed above); "
            "no page was written, the previous ones are as they were"
        )


def generated_pages(seeds: Path, docs: Path, link_terms: str, cache: Path, since: str = "") -> Generated:
    """Read and check the book and write its pages; or, when ``briefbook build`` has just done
    that for this same book and handed its record over, take the record.

    ``cache`` is where articles read by the last run are kept (see :mod:`briefbook.book.readcache`);
    ``since`` names the edition the book is compared with ("": the default).
    """
    record = handed_over(seeds, docs, link_terms, since)
    if record is not None:
        return record
    # the whole reading pipeline: imported only when it runs here
    from ..book.readcache import ArticleCache
    from ..pages.write import generate

    try:
        book, changed, comparison = generate(seeds, docs, link_terms, ArticleCache(cache), since)
    except BriefbookError as exc:
        stop(exc.problems, "inputs")
        raise ConfigError(f"briefbook: {exc}") from None
    return Generated.of(book, docs, link_terms, changed, comparison.facts(book), since)


def run_generator(app: Sphinx, config: Config) -> None:
    stop(setting_problems(config, app.confdir), "settings")
    seeds = Path(app.confdir, config.briefbook_seeds).resolve()
    config.briefbook_seeds_path = str(seeds)  # where directives find the files notes come from
    cache = Path(app.doctreedir, ARTICLE_CACHE)
    record = generated_pages(
        seeds, Path(app.srcdir), config.briefbook_link_terms, cache, config.briefbook_since
    )
    stop(list(record.warnings), "inputs")
    logger.info("briefbook: %d articles, %d pages changed", record.articles, len(record.changed))
    latex.configure(app, config, record.publishers)
    editionprint.configure(app, config, record.edition)


@functools.cache
def code_digest() -> str:
    """A digest of briefbook's own files (code, CSS, JS, LaTeX, schemas): when briefbook changes,
    pages Sphinx would otherwise keep from the last build are read and written again."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def note_code(app: Sphinx, config: Config) -> None:
    config.briefbook_code = code_digest()
