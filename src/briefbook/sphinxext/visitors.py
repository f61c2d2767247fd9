"""What a builder does with a node that needs nothing of its own there, and which builder is at work.

Every briefbook node that reaches a writer is registered with a visitor for each of the five
writers Sphinx ships (html, latex, text, man, texinfo), in the module that defines it; where a
writer needs nothing special, it gets one of these:

- :data:`PASS` writes the node's children (the article's words, a passage, an acronym);
- :data:`SKIP` leaves the node and its children out (a note number, a link target, a figure).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


def visit_pass(self, node: nodes.Element) -> None:
    pass


def depart_pass(self, node: nodes.Element) -> None:
    pass


def visit_skip(self, node: nodes.Element) -> None:
    raise nodes.SkipNode


PASS = (visit_pass, depart_pass)
SKIP = (visit_skip, None)


def plain_writers(policy: tuple) -> dict[str, tuple]:
    """The same visitors for the three writers with no layout of their own: text, man and texinfo."""
    return {"text": policy, "man": policy, "texinfo": policy}


def builder_format(transform: SphinxPostTransform) -> str:
    """The output format (``html``, ``latex``, ``text``...) a post-transform is running for.

    A post-transform's ``formats`` says which formats it runs for; there is no public way to say
    "every format but these", so this reads what Sphinx's own ``is_supported`` reads: the private
    ``env._builder_cls`` since Sphinx 9 (where ``self.app`` is deprecated), ``self.app.builder``
    before (the environment has no builder there).
    """
    builder = getattr(transform.env, "_builder_cls", None) or transform.app.builder
    return builder.format
