"""Editing the editor's files, keeping them as the editor wrote them: a note in an article's
sidecar, the article's details and grade, an entry of the glossary, a claim, a key judgment.

A sidecar is the editor's own file: its comments, key order, quoting, blank
lines and folded text stay as they were.  An edit replaces only the lines of
the one note it changes, found from the positions the YAML parser reports
(libyaml's, through PyYAML: fast), so every byte outside that note is kept.
The note itself goes through ruamel.yaml's round trip: an edited note keeps
its comments and the form of the fields that did not change, and a new note
is written in the sidecars' own style (quoted passages, note text folded).

A note is placed from a :class:`~.placing.Selection` (the quote as the reader selected
it, optionally the text around it and its offset in the cleaned text).  The
quote is stored as the cleaned text has it; ``prefix``, ``suffix`` or
``occurrence`` are added only when the quote occurs more than once, the
shortest that picks the passage under the same rules the build anchors by
(:func:`briefbook.analysis.anchors.locate`).  A selection that matches no passage, or
several with nothing to choose between them, is refused: a note is never moved
to a look-alike.

Nothing is written unless the whole new sidecar passes the checks the build
makes: it is written to a temporary file beside the sidecar, loaded with
:func:`briefbook.editorial.sidecar.load_sidecar`, anchored against the article and its
claims checked; only then is it renamed over the sidecar (atomically, after
fsync).  Every edit runs under the book's lock (:mod:`briefbook.locking`) and
re-reads the sidecar under it, so two writers at once lose nothing.  Only the
sidecar of an article of the book is ever written; the caller names the
article by its stem, which must be one the book has, never by a path.

The glossary's entries and the claims are edited the same way (one item of a
list, found by its id), and an article's details (its sidecar's title,
publisher, date, kind, ``about``...) key by key; each checked as the build
checks the book with the new text in place, so nothing is written that the
book would then refuse to build (a claim a note still tags is not deleted).

The parts: :mod:`~briefbook.sidecar_edit.placing` (a selection -> the passage
and the words the sidecar names it by), :mod:`~briefbook.sidecar_edit.yamltext`
(a file's text with one item of its list added, changed or removed),
:mod:`~briefbook.sidecar_edit.yamlkeys` (a file's text with some top-level keys
set, a nested mapping or list key by key),
:mod:`~briefbook.sidecar_edit.filewrite` (a new text checked beside the file
and put in place, all or nothing: one way for every file),
:mod:`~briefbook.sidecar_edit.writing` (the article's files; a sidecar's check),
:mod:`~briefbook.sidecar_edit.edits` (adding, changing and deleting a note),
:mod:`~briefbook.sidecar_edit.entries` (the same for a glossary entry or a
claim, and a key judgment, held to `briefbook check` too),
:mod:`~briefbook.sidecar_edit.details` (an article's details) and
:mod:`~briefbook.sidecar_edit.grading` (its reliability grade), each under the
book's lock.
"""
