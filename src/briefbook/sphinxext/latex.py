"""LaTeX settings for a printable briefing: paper, wide outer margin, title page."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import texescape

from .config import PAPERS

# Inner margin for binding, a wide outer margin for the notes.
GEOMETRY = (
    r"\usepackage[%(paper)s,twoside,inner=2.0cm,outer=6.6cm,marginparwidth=4.8cm,"
    r"marginparsep=0.5cm,top=2.4cm,bottom=2.6cm,headheight=14pt]{geometry}"
)


def configure(app: Sphinx, config: Config, publishers_of_articles: tuple[str | None, ...]) -> None:
    """Fill in LaTeX defaults the book's conf.py has not set itself.

    ``publishers_of_articles`` has each article's publisher (None where not stated), for the title page.
    """
    paper = config.briefbook_paper.lower()  # checked with the other settings (config.py)
    elements = dict(config.latex_elements)  # a copy: never change a default shared between builds
    elements.setdefault("papersize", PAPERS[paper])
    # a briefing reads straight through: chapters start on the next page, not the next right-hand one
    elements.setdefault("extraclassoptions", "openany")
    elements.setdefault("geometry", GEOMETRY % {"paper": PAPERS[paper]})
    publishers = sorted({p for p in publishers_of_articles if p})
    unknown = sum(1 for p in publishers_of_articles if not p)
    texescape.init()  # the LaTeX builder fills Sphinx's tables later; filling them twice is harmless
    sources = ", ".join(texescape.escape(p, config.latex_engine) for p in publishers)
    if unknown:
        sources += (
            ", and " if sources else ""
        ) + f"{unknown} source{'s' if unknown > 1 else ''} whose publisher is not stated"
    preamble = elements.get("preamble", "")
    elements["preamble"] = preamble + "\n\\newcommand{\\bbcompiledfrom}{Compiled from %d articles: %s.}\n" % (
        len(publishers_of_articles),
        sources,
    )
    elements.setdefault("maketitle", r"\bbmaketitle")
    elements.setdefault("printindex", r"\bbflushnotes\printindex")
    config.latex_elements = elements
