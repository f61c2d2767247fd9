"""Smart quotes, dashes and ellipses as Sphinx makes them, without the work on text that has none.

Sphinx's smart-quotes transform takes every block of text of every page, walks up from each of its
text nodes to see whether it may be changed, runs it through the educating functions and puts a
new text node in the old one's place, changed or not.  A book's pages are mostly text those
functions leave as it is: the articles come with their quotes and dashes already typographic, the
editor's notes mostly too.  So :class:`QuickSmartQuotes` takes Sphinx's place and first asks
whether a block holds anything they would change (an ASCII quote, a backtick, a double hyphen,
three dots, a backslash or a null escape); a block without one is left alone, and a block with one
is educated exactly as Sphinx does it (the same steps, in the same order, with the same context
across the block's nodes), and only the text nodes it changes are replaced.  The pages are byte
for byte the ones Sphinx's own transform makes; ``smartquotes``, ``smartquotes_action`` and
``smartquotes_excludes`` in conf.py keep their meaning.
"""

from __future__ import annotations

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxSmartQuotes

# what the educating functions act on (see docutils.utils.smartquotes): quotes and backticks, the
# hyphens of a dash, the dots of an ellipsis ("..." and ". . ."), the backslash of an escape, and
# the null that marks an escaped character in a text node
_ACTIVE = ("'", '"', "`", "--", "...", ". . .", "\\", "\x00")
# the actions whose every change begins at one of those (not "w", which reads "&quot;", nor "-1",
# which turns typographic quotes back into ASCII ones)
_QUICK_ACTIONS = set("qbBdDie0123")


def setup_quotes(app: Sphinx) -> None:
    app.connect("config-inited", take_sphinx_place)


def take_sphinx_place(app: Sphinx, config: object) -> None:
    """Sphinx's smart-quotes transform replaced by :class:`QuickSmartQuotes`, before any page is read."""
    transforms = app.registry.transforms
    if SphinxSmartQuotes in transforms:
        transforms[transforms.index(SphinxSmartQuotes)] = QuickSmartQuotes


def has_active(text: str) -> bool:
    """Whether smart quotes could change ``text`` at all."""
    return any(mark in text for mark in _ACTIVE)


class QuickSmartQuotes(SphinxSmartQuotes):
    """Sphinx's smart quotes, skipping each block of text they would leave as it is."""

    def apply(self, **kwargs) -> None:
        if not self.is_available():
            return
        action = self.config.smartquotes_action
        if (
            self.document.settings.setdefault("smart_quotes", False) is not True
            or not set(action) <= _QUICK_ACTIONS
        ):
            super().apply(**kwargs)  # settings this class does not follow step by step: Sphinx's own way
            return
        self.smartquotes_action = action
        language = self.document.settings.language_code
        if self.document.settings.smartquotes_locales:
            smartquotes.smartchars.quotes.update(dict(self.document.settings.smartquotes_locales))
        # docutils' SmartQuotes.apply, step by step, but for the block left alone
        for block in self.document.findall(nodes.TextElement):
            if isinstance(block, self.nodes_to_skip) or isinstance(block.parent, nodes.TextElement):
                continue
            texts = [t for t in block.findall(nodes.Text) if not isinstance(t.parent, nodes.option_string)]
            lang = self._language(block, language)  # for every block: its warning, if any, as before
            if any(has_active(t) for t in texts):
                teacher = smartquotes.educate_tokens(self.get_tokens(texts), attr=action, language=lang)
                for text, educated in zip(texts, teacher, strict=True):
                    if educated != text:  # docutils puts a new node in every old one's place, even unchanged
                        text.parent.replace(text, nodes.Text(educated))
        self.unsupported_languages.clear()

    def _language(self, block: nodes.TextElement, language: str) -> str:
        """The block's language as smart quotes know it ("" and a warning when they do not)."""
        lang = block.get_language_code(language)
        for tag in normalize_language_tag(lang):
            if tag in smartquotes.smartchars.quotes:
                return tag
        if lang not in self.unsupported_languages:
            self.document.reporter.warning(f'No smart quotes defined for language "{lang}".', base_node=block)
        self.unsupported_languages.add(lang)
        return ""
