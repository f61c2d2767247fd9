"""briefbook's Sphinx extension: ``extensions = ["briefbook.sphinxext"]``.

When Sphinx starts (``config-inited``) it checks the book's settings, reads and
checks the book's seeds and writes the generated MyST pages into the source
folder, so a plain ``sphinx-build`` builds the whole book.  A problem in the
inputs stops the build before anything is written; each is logged at its
``file:line`` with type ``briefbook`` and its code as subtype.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from .. import __version__
from ..errors import BriefbookError, Problem
from ..generated import Generated, handed_over
from . import latex
from . import nodes as bb
from .config import add_settings, setting_problems
from .directives import setup_directives
from .figures import setup_figures
from .navigation import setup_navigation
from .pages import setup_pages
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

    ``cache`` is where articles read by the last run are kept (see :mod:`briefbook.readcache`).
    """
    record = handed_over(seeds, docs, link_terms)
    if record is not None:
        return record
    # the whole reading pipeline: imported only when it runs here
    from ..generate import generate
    from ..readcache import ArticleCache

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


def setup_nodes(app: Sphinx) -> None:
    pass_through = (bb.visit_pass, bb.depart_pass)
    app.add_node(
        bb.bb_article,
        html=(bb.html_visit_bb_article, bb.html_depart_bb_article),
        latex=(bb.latex_visit_bb_article, bb.latex_depart_bb_article),
        text=pass_through,
        man=pass_through,
        texinfo=pass_through,
    )
    app.add_node(bb.bb_para, html=(bb.html_visit_bb_para, bb.html_depart_bb_para))
    app.add_node(
        bb.bb_anchor,
        html=(bb.html_visit_bb_anchor, bb.html_depart_bb_anchor),
        latex=(bb.latex_visit_bb_anchor, bb.latex_depart_bb_anchor),
        text=pass_through,
        man=pass_through,
        texinfo=pass_through,
    )
    app.add_node(
        bb.bb_mark,
        html=(bb.html_visit_bb_mark, None),
        latex=(bb.latex_visit_bb_mark, None),
        text=(bb.visit_skip, None),
        man=(bb.visit_skip, None),
        texinfo=(bb.visit_skip, None),
    )
    app.add_node(
        bb.bb_note,
        html=(bb.html_visit_bb_note, bb.html_depart_bb_note),
        latex=(bb.latex_visit_bb_note, bb.latex_depart_bb_note),
        text=(bb.visit_skip, None),
        man=(bb.visit_skip, None),
        texinfo=(bb.visit_skip, None),
    )
    app.add_node(
        bb.bb_apparatus,
        html=(bb.html_visit_bb_apparatus, bb.html_depart_bb_apparatus),
        latex=pass_through,
        text=pass_through,
        man=pass_through,
        texinfo=pass_through,
    )
    app.add_node(
        bb.bb_removed,
        html=(bb.html_visit_bb_removed, bb.html_depart_bb_removed),
        latex=(bb.latex_visit_bb_removed, bb.latex_depart_bb_removed),
        text=pass_through,
        man=pass_through,
        texinfo=pass_through,
    )
    app.add_node(
        bb.bb_target,
        html=(bb.html_visit_bb_target, None),
        latex=(bb.latex_visit_bb_target, None),
        text=(bb.visit_skip, None),
        man=(bb.visit_skip, None),
        texinfo=(bb.visit_skip, None),
    )
    app.add_node(
        bb.bb_abbr,
        html=(bb.html_visit_bb_abbr, bb.html_depart_bb_abbr),
        latex=(bb.latex_visit_bb_abbr, bb.latex_depart_bb_abbr),
        text=pass_through,
        man=pass_through,
        texinfo=pass_through,
    )
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
    app.add_node(
        bb.bb_break,
        html=(bb.visit_skip, None),
        latex=(bb.latex_visit_bb_break, None),
        text=(bb.visit_skip, None),
        man=(bb.visit_skip, None),
        texinfo=(bb.visit_skip, None),
    )
    app.add_post_transform(bb.BreakLongWords)


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    add_settings(app)
    app.add_config_value("briefbook_seeds_path", "", "", types=frozenset({str}))  # set when Sphinx starts
    app.connect("config-inited", run_generator, priority=400)
    app.connect("build-finished", copy_latex_support)
    app.connect("source-read", forget_read_doctrees)
    app.connect("env-updated", forget_read_doctrees)
    app.add_css_file("briefbook.css")
    app.add_js_file("briefbook.js", defer="defer")
    app.connect("config-inited", add_static_path)
    app.add_latex_package("briefbook")
    setup_nodes(app)
    setup_pages(app)
    setup_figures(app)
    setup_directives(app)
    setup_search_index(app)
    setup_navigation(app)
    return {
        "version": __version__,
        # raise when the doctrees briefbook writes change shape, so old pickled ones are not reused
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
