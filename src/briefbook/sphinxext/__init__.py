"""briefbook's Sphinx extension: ``extensions = ["briefbook.sphinxext"]``.

When Sphinx starts (``config-inited``) it checks the book's settings, reads and
checks the book's seeds and writes the generated MyST pages into the source
folder, so a plain ``sphinx-build`` builds the whole book.  A problem in the
inputs stops the build before anything is written; each is logged at its
``file:line`` with type ``briefbook`` and its code as subtype.
"""

from __future__ import annotations

import functools
import hashlib
import html
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from .. import __version__
from ..errors import BriefbookError, Problem
from ..pages.record import Generated, handed_over
from . import latex
from . import nodes as bb
from .config import add_settings, setting_problems
from .directives import setup_directives
from .figures import setup_figures
from .navigation import setup_navigation
from .pages import setup_pages
from .preview import setup_preview
from .searchindex import setup_search_index

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
ENV_VERSION = 3
ARTICLE_CACHE = "briefbook-articles.cache"  # in Sphinx's doctree folder
LATEX = Path(__file__).parent / "latex"


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


def generated_pages(seeds: Path, docs: Path, link_terms: str, cache: Path) -> Generated:
    """Read and check the book and write its pages; or, when ``briefbook build`` has just done
    that for this same book and handed its record over, take the record.

    ``cache`` is where articles read by the last run are kept (see :mod:`briefbook.book.readcache`).
    """
    record = handed_over(seeds, docs, link_terms)
    if record is not None:
        return record
    # the whole reading pipeline: imported only when it runs here
    from ..book.readcache import ArticleCache
    from ..pages.write import generate

    try:
        book, changed = generate(seeds, docs, link_terms, ArticleCache(cache))
    except BriefbookError as exc:
        stop(exc.problems, "inputs")
        raise ConfigError(f"briefbook: {exc}") from None
    return Generated.of(book, docs, link_terms, changed)


def run_generator(app: Sphinx, config: Config) -> None:
    stop(setting_problems(config, app.confdir), "settings")
    seeds = Path(app.confdir, config.briefbook_seeds).resolve()
    config.briefbook_seeds_path = str(seeds)  # where directives find the files notes come from
    cache = Path(app.doctreedir, ARTICLE_CACHE)
    record = generated_pages(seeds, Path(app.srcdir), config.briefbook_link_terms, cache)
    stop(list(record.warnings), "inputs")
    logger.info("briefbook: %d articles, %d pages changed", record.articles, len(record.changed))
    latex.configure(app, config, record.publishers)


def forget_read_doctrees(app: Sphinx, *args) -> None:
    """Let each page's doctree go once it is on disk; the writer loads it back when it writes the page.

    Sphinx keeps every doctree read in a run in memory until the page is written, so a build's
    memory grows with the whole book (an article's doctree is large: its text, notes, links).
    Loading one back costs a millisecond or two; keeping them all cost most of the build's memory.
    Dropped when the next page is read, and once reading is over.
    """
    kept = getattr(app.env, "_write_doc_doctree_cache", None)
    if kept:
        kept.clear()


def add_static_path(app: Sphinx, config: Config) -> None:
    # CSS and JS ship inside the package; Sphinx copies them to _static/ for HTML builders only.
    config.html_static_path.append(str(STATIC))


def copy_latex_support(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        for sty in LATEX.glob("*.sty"):
            shutil.copyfile(sty, Path(app.builder.outdir) / sty.name)


# briefbook's nodes, and what a builder with no visitor of its own for one does with it: "pass" writes
# its children (the article's words, a passage, an acronym), "skip" leaves it out (a note number, a
# note, a link target), for text, man and texinfo and for HTML or LaTeX where nodes.py has no visitor.
NODES = (
    (bb.bb_article, "pass"),
    (bb.bb_anchor, "pass"),
    (bb.bb_mark, "skip"),
    (bb.bb_note, "skip"),
    (bb.bb_apparatus, "pass"),
    (bb.bb_removed, "pass"),
    (bb.bb_target, "skip"),
    (bb.bb_abbr, "pass"),
    (bb.bb_break, "skip"),
)


def visitors(node: type, builder: str, otherwise: tuple) -> tuple:
    """``<builder>_visit_<node>`` and ``<builder>_depart_<node>`` from nodes.py, or ``otherwise``."""
    visit = getattr(bb, f"{builder}_visit_{node.__name__}", None)
    return (visit, getattr(bb, f"{builder}_depart_{node.__name__}", None)) if visit else otherwise


def setup_nodes(app: Sphinx) -> None:
    policies = {"pass": (bb.visit_pass, bb.depart_pass), "skip": (bb.visit_skip, None)}
    for node, policy in NODES:
        otherwise = policies[policy]
        app.add_node(
            node,
            html=visitors(node, "html", otherwise),
            latex=visitors(node, "latex", otherwise),
            text=otherwise,
            man=otherwise,
            texinfo=otherwise,
        )
    app.add_node(bb.bb_para, html=(bb.html_visit_bb_para, bb.html_depart_bb_para))  # a paragraph elsewhere
    # only in print, where GatherApparatus puts them
    for node in (bb.bb_sources, bb.bb_sources_entry):
        app.add_node(
            node,
            latex=(getattr(bb, f"latex_visit_{node.__name__}"), getattr(bb, f"latex_depart_{node.__name__}")),
        )
    app.add_node(bb.bb_sources_ref, latex=(bb.latex_visit_bb_sources_ref, None))
    app.add_post_transform(bb.GatherApparatus)
    app.add_node(bb.bb_link)  # replaced by a reference before any writer sees it
    app.connect("doctree-resolved", bb.resolve_links)
    app.add_post_transform(bb.PlainNotes)
    app.add_post_transform(bb.BreakLongWords)


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


def escape_page_title(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """sphinx-book-theme puts ``pagetitle`` (the title as plain text) into its print header's ``<h1>``
    unescaped, so a headline holding ``<script>`` would run there.  Titles come from articles: make
    that one plain-text value HTML-safe (the theme's other uses of the title are escaped already)."""
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = html.escape(context["pagetitle"])


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    add_settings(app)
    app.add_config_value("briefbook_seeds_path", "", "", types=frozenset({str}))  # set when Sphinx starts
    app.add_config_value("briefbook_code", "", "env", types=frozenset({str}))  # set when Sphinx starts
    app.connect("config-inited", note_code)
    app.connect("config-inited", run_generator, priority=400)
    app.connect("build-finished", copy_latex_support)
    app.connect("source-read", forget_read_doctrees)
    app.connect("env-updated", forget_read_doctrees)
    app.add_css_file("briefbook.css")
    app.add_js_file("briefbook.js", defer="defer")
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", escape_page_title, priority=900)  # after the theme sets it
    app.add_latex_package("briefbook")
    setup_nodes(app)
    setup_pages(app)
    setup_figures(app)
    setup_directives(app)
    setup_search_index(app)
    setup_navigation(app)
    setup_preview(app)
    return {
        "version": __version__,
        # raise when the doctrees briefbook writes change shape, so old pickled ones are not reused
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
