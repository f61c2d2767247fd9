"""The text a reader sees in the built HTML, with what the book adds set aside."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ArticleText(HTMLParser):
    """Collects the text inside <div class="bb-article">, skipping notes, note marks and labels."""

    SKIP_CLASSES = frozenset({"bb-notes", "bb-note", "bb-mark", "bb-caption-label"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting inside the article div (0: outside)
        self.skip_depth = 0  # nesting inside a skipped element (0: not skipping)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.depth == 0:
            if tag == "div" and "bb-article" in classes:
                self.depth = 1
            return
        self.depth += 1
        if self.skip_depth:
            self.skip_depth += 1
        elif classes & self.SKIP_CLASSES:
            self.skip_depth = 1
        if tag == "div" and not self.skip_depth:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip_depth:
            self.parts.append(data)


def article_text(html: str) -> list[str]:
    """The article's paragraphs as a reader sees them (spaces folded), without the book's additions."""
    parser = _ArticleText()
    parser.feed(html)
    return [" ".join(p.split()) for p in "".join(parser.parts).split("\n") if p.strip()]
