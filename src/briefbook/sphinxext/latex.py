"""The PDF: LaTeX settings for a printable briefing, briefbook's LaTeX package, long words.

Paper, a wide outer margin for the notes and the title page are filled in where the book's
conf.py has not set them; ``briefbook.sty`` (in ``latex/``) goes next to the LaTeX source; and
very long words and URLs in articles get places to break, which TeX would not find itself.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from ..printable import counted
from .config import PAPERS
from .text import bb_article, bb_removed
from .visitors import SKIP, plain_writers

LATEX = Path(__file__).parent / "latex"

# Inner margin for binding, a wide outer margin for the notes.
GEOMETRY = (
    r"\usepackage[%(paper)s,twoside,inner=2.0cm,outer=6.6cm,marginparwidth=4.8cm,"
    r"marginparsep=0.5cm,top=2.4cm,bottom=2.6cm,headheight=14pt]{geometry}"
)


class bb_break(nodes.Inline, nodes.Element):
    """A place a very long word may break in print (LaTeX cannot break it otherwise)."""


def setup_latex(app: Sphinx) -> None:
    app.connect("build-finished", copy_latex_support)
    app.add_latex_package("briefbook")
    # made for print only, by BreakLongWords; no other writer ever meets one
    app.add_node(bb_break, latex=(latex_visit_bb_break, None), html=SKIP, **plain_writers(SKIP))
    app.add_post_transform(BreakLongWords)


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
    texescape.init()  # the LaTeX builder fills Sphinx's tables later; filling them twice is harmless
    compiled = compiled_from(publishers_of_articles, lambda text: texescape.escape(text, config.latex_engine))
    preamble = elements.get("preamble", "")
    elements["preamble"] = preamble + "\n\\newcommand{\\bbcompiledfrom}{%s}\n" % compiled
    elements.setdefault("maketitle", r"\bbmaketitle")
    # the front page after the contents is no chapter: its running feet name none (not "Contents")
    elements.setdefault("tableofcontents", "\\sphinxtableofcontents\n\\markboth{}{}")
    elements.setdefault("printindex", r"\bbflushnotes\bbprintindex")
    config.latex_elements = elements


def compiled_from(publishers_of_articles: tuple[str | None, ...], escape: Callable[[str], str]) -> str:
    """The title page's line on the sources: "Compiled from 5 articles: The Moscow Times, and
    4 sources whose publisher is not stated." (``escape`` makes a publisher's name LaTeX)."""
    if not publishers_of_articles:
        return "No articles yet."
    publishers = sorted({p for p in publishers_of_articles if p})
    unknown = sum(1 for p in publishers_of_articles if not p)
    sources = ", ".join(escape(p) for p in publishers)
    if unknown:
        sources += (
            (", and " if sources else "") + counted(unknown, "source") + " whose publisher is not stated"
        )
    return f"Compiled from {counted(len(publishers_of_articles), 'article')}: {sources}."


def copy_latex_support(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        for sty in LATEX.glob("*.sty"):
            shutil.copyfile(sty, Path(app.builder.outdir) / sty.name)
        settle_sooner(Path(app.builder.outdir) / "latexmkrc")


# The book's last page number (the LaTeX kernel's \@abspage@last) is printed nowhere, so a change
# of it alone leaves every page as it is: latexmk, told to ignore that line of the .aux file, does
# not run xelatex again for it.  From scratch that saves the third pass: the first one writes
# every reference and the index's line in the contents (see \bbprintindex in briefbook.sty), the
# second prints them, and only the number of the last page, now counting the index's, has moved.
SETTLED = r"$hash_calc_ignore_pattern{'aux'} = '^\\\\gdef \\\\@abspage@last\{';" + "\n"


def settle_sooner(latexmkrc: Path) -> None:
    """Add :data:`SETTLED` to the latexmkrc Sphinx wrote (once)."""
    try:
        text = latexmkrc.read_text("utf-8")
    except OSError:
        return
    if SETTLED not in text:
        latexmkrc.write_text(text.rstrip("\n") + "\n" + SETTLED, "utf-8")


LONG_WORD = 24  # characters: longer words get break opportunities in print
_PUNCT_RUN = re.compile(r"[^/.?&=_-]*[/.?&=_-]*")


def break_points(word: str, width: int = 12) -> list[str]:
    """Cut a long word after URL punctuation, and any run longer than ``width`` every ``width`` characters."""
    chunks = []
    for run in _PUNCT_RUN.findall(word):
        chunks.extend(run[i : i + width] for i in range(0, len(run), width))
    return [c for c in chunks if c]


def latex_visit_bb_break(self, node: bb_break) -> None:
    # the comment ends the source line: TeX reads a line of at most 200,000 characters
    self.body.append("\\allowbreak{}%\n")
    raise nodes.SkipNode


SOURCE_LINE = 4000  # characters: longer article text is cut into source lines at spaces


def source_lines(text: str, width: int = SOURCE_LINE) -> str:
    """The same words with a line end in place of a space every ``width`` characters or so.

    In TeX a single line end is a space, so the print is unchanged; but no source line is longer
    than TeX's input buffer, however long a paragraph is.
    """
    if len(text) <= width:
        return text
    pieces, start = [], 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width)
        if cut <= start:
            cut = text.find(" ", start + width)
            if cut == -1:
                break
        pieces.append(text[start:cut])
        start = cut + 1
    pieces.append(text[start:])
    return "\n".join(pieces)


class BreakLongWords(SphinxPostTransform):
    """In print, let very long words and URLs in articles break instead of running into the margin."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for container in list(self.document.findall(bb_article)) + list(self.document.findall(bb_removed)):
            for text in list(container.findall(nodes.Text)):
                if not any(len(word) > LONG_WORD for word in text.split()):
                    if len(text) > SOURCE_LINE:
                        text.parent.replace(text, nodes.Text(source_lines(str(text))))
                    continue
                pieces: list[nodes.Node] = []
                for part in re.split(r"(\s+)", source_lines(str(text))):
                    if len(part) > LONG_WORD:
                        chunks = break_points(part)
                        for index, chunk in enumerate(chunks):
                            if index:
                                pieces.append(bb_break())
                            pieces.append(nodes.Text(chunk))
                    elif part:
                        pieces.append(nodes.Text(part))
                text.parent.replace(text, pieces)
