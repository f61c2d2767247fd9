"""Notes in and out as W3C Web Annotations; Hypothesis exports in.

Export: every editor's note of the book becomes a W3C Web Annotation (JSON-LD,
``http://www.w3.org/ns/anno.jsonld``), all of them in one AnnotationCollection.
Its target names the article (its ``url``, or ``urn:briefbook:article:<stem>``
when the sidecar has none) and the passage, with a TextQuoteSelector (the quote
as the cleaned text has it, and 32 characters of the cleaned text on either
side) and a TextPositionSelector (offsets in the cleaned text).  Its bodies are
the note (``text/markdown``, purpose ``commenting``) and its kind (a tag,
purpose ``tagging``).  What the W3C model has no word for stays in briefbook's
own terms (``bb:``): ``bb:basis``, ``bb:claim``, ``bb:stance``, ``bb:origin``, ``bb:in``, and
the sidecar's own ``bb:quote``/``bb:prefix``/``bb:suffix``/``bb:occurrence``
where they differ from the selector, and ``bb:kind`` for a kind the book added
itself, so that export then import gives back the same notes.

Import: W3C annotations (a collection, a page, a list or one annotation) or a
Hypothesis export (its ``rows``).  An annotation goes to the article whose
``url`` is its source (compared without fragment or trailing slash, http and
https alike), else to the article named with ``--article``.  It is placed by the
rules sidecar notes follow (:func:`briefbook.sidecar_edit.placing.resolve_selection`):
a position is used only where the text there is the quote, the context chooses
among several matches, and a quote that is missing or still ambiguous is an
orphan, reported with the nearest passage and never moved.  A tag that names a
note kind sets the kind (default: context).  An annotation already in the
sidecar (same passage, same text) is not added again.  Any orphan, or a note
the checks refuse, means nothing is written unless ``keep_going``.

The parts: :mod:`~briefbook.interchange.terms` (the vocabulary: W3C's and
briefbook's own), :mod:`~briefbook.interchange.export`,
:mod:`~briefbook.interchange.reading` (a file's annotations, W3C or Hypothesis,
in briefbook's terms) and :mod:`~briefbook.interchange.importing` (routing,
placing, checking and writing, and the report).
"""
