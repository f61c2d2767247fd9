"""The words briefbook's annotations are written in: the W3C Web Annotation context, briefbook's
own ``bb:`` namespace for what the W3C model has no word for, and the names of articles and notes."""

from __future__ import annotations

from ..editorial.notefields import W3C_FIELDS

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
BB_NAMESPACE = "https://briefbook.invalid/ns/annotation#"
CONTEXT = [ANNO_CONTEXT, {"bb": BB_NAMESPACE}]
ARTICLE_URN = "urn:briefbook:article:"
NOTE_URN = "urn:briefbook:note:"
# A sidecar note's fields that an annotation carries in briefbook's own terms (bb:<field>), so
# export then import gives them back: all but the note's text, which is the commenting body.
BB_FIELDS = W3C_FIELDS
