"""What a build tells while it runs: the LaTeX tools by the names of the programs that run."""

from __future__ import annotations

from importlib import resources

import jinja2
import pytest

from briefbook.build.sphinxrun import latex_tools


def sphinx_latexmkrc(engine: str, xindy: bool) -> str:
    """The latexmkrc Sphinx writes for a book with this engine (from Sphinx's own template)."""
    template = resources.files("sphinx").joinpath("texinputs", "latexmkrc.jinja").read_text("utf-8")
    return jinja2.Template(template).render(latex_engine=engine, xindy_use=xindy)


@pytest.mark.parametrize(
    ("engine", "xindy", "pdflatex", "makeindex"),
    [("xelatex", True, "xelatex", "xindy"), ("pdflatex", False, "pdflatex", "makeindex")],
)
def test_latexmk_s_rules_are_told_by_the_program_they_run(tmp_path, engine, xindy, pdflatex, makeindex):
    # latexmk says "Run number 1 of rule 'pdflatex'" however the book is set; the rc says what runs
    (tmp_path / "latexmkrc").write_text(sphinx_latexmkrc(engine, xindy), "utf-8")
    tools = latex_tools(tmp_path)
    assert (tools["pdflatex"], tools["makeindex"]) == (pdflatex, makeindex)


def test_without_the_rc_the_rule_s_own_name_stands(tmp_path):
    assert latex_tools(tmp_path) == {}
