"""Every node briefbook makes is registered, by the module that defines it, with a visitor for each
of the five writers Sphinx ships, or is one that no writer (or only HTML) ever meets."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil

import pytest
from docutils import nodes

from briefbook import sphinxext

WRITERS = {"html", "latex", "text", "man", "texinfo"}
# The nodes some writers never meet, and why.
NEVER_WRITTEN = {
    "bb_part": "consumed by the directive that holds it while the page is read",
    "bb_link": "replaced by the builder's own reference when the doctree is resolved",
    "bb_browse": "replaced by ExpandBrowse, before writing, in the shape of the writer at work",
}
HTML_ONLY = {"bb_mentions": "ExpandMentions makes it a paragraph of links for every other writer"}
# Docutils' own nodes briefbook writes its own way for one writer, and why; the others keep Sphinx's.
OVERRIDDEN = {"row": ("latex", "in print a claim's row stays on the page of the row under it")}


class Registrations:
    """What the extension's ``setup`` asks of Sphinx: each node, its visitors, and who registered it."""

    def __init__(self) -> None:
        self.nodes: dict[type, tuple[str, dict]] = {}

    def add_node(self, node: type, override: bool = False, **visitors) -> None:
        caller = inspect.stack()[1].frame.f_globals["__name__"]
        self.nodes[node] = (caller, visitors)

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: None


def defined_nodes() -> dict[str, type]:
    """Every node class the extension's modules define."""
    found = {}
    for module_info in pkgutil.iter_modules(sphinxext.__path__):
        module = importlib.import_module(f"{sphinxext.__name__}.{module_info.name}")
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, nodes.Node)
                and value.__module__ == module.__name__
            ):
                found[value.__name__] = value
    return found


@pytest.fixture(scope="module")
def registered() -> dict[type, tuple[str, dict]]:
    registrations = Registrations()
    sphinxext.setup(registrations)
    return registrations.nodes


def test_every_node_is_registered_by_its_own_module(registered):
    defined = defined_nodes()
    assert {"bb_note", "bb_apparatus", "bb_abbr", "bb_figure", "bb_mentions"} <= set(defined)
    ours = {node: found for node, found in registered.items() if node.__name__ not in OVERRIDDEN}
    assert {node.__name__ for node in ours} == set(defined) - {"bb_part"}
    for node, (module, _) in ours.items():
        assert module == node.__module__, node
    overridden = {node.__name__: node.__module__ for node in registered if node.__name__ in OVERRIDDEN}
    assert overridden == dict.fromkeys(OVERRIDDEN, "docutils.nodes")


def test_every_node_a_writer_meets_has_its_visitor_there(registered):
    for node, (_, visitors) in registered.items():
        name = node.__name__
        expected = set() if name in NEVER_WRITTEN else {"html"} if name in HTML_ONLY else WRITERS
        expected = {OVERRIDDEN[name][0]} if name in OVERRIDDEN else expected
        assert set(visitors) == expected, name
        for visit, depart in visitors.values():
            assert callable(visit) and (depart is None or callable(depart)), name


@pytest.mark.parametrize(("builder", "suffix"), [("man", ".1"), ("texinfo", ".texi")])
def test_man_and_texinfo_write_the_articles_words_and_notes(make_app, rootdir, tmp_path, builder, suffix):
    shutil.copytree(rootdir / "test-basic", tmp_path / builder)
    app = make_app(builder, srcdir=tmp_path / builder, freshenv=True)
    app.build()
    (page,) = app.outdir.glob(f"*{suffix}")
    text = " ".join(page.read_text("utf-8").split())
    assert "The first paragraph says that the dialogue was suspended in 2021" in text
    # each note after its paragraph, its number in brackets where its passage ends
    assert "suspended in 2021[1]" in text and "The suspension came in" in text
    assert "Mentioned in:" in text and "(2 mentions)" in text
