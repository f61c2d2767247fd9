"""The bounds on what comes from outside, in one place: each is a number a user can be told.

Every request of the preview, every import and every fetch is bounded in size, time and the
matches it may weigh, so that no input (a hostile one, or an honest mistake) holds the book's lock
or the machine for longer than these allow.  Each bound is refused with a message that names it;
README.md ("Limits") lists them and why each is what it is.
"""

from __future__ import annotations

# JSON from outside (a preview's request, an annotations file)
MAX_JSON_DEPTH = 64  # a W3C collection nests ~10 levels (collection, page, annotation, target, selector)
MAX_JSON_DIGITS = 20  # an integer in an annotation is an offset or a count; 20 digits hold any of them

# the annotation API of ``briefbook serve``
MAX_BODY = 64 * 1024  # bytes of one request: a note is a few hundred characters; this leaves room
MAX_CONTEXT_CHARS = 256  # of a selection's prefix or suffix weighed: more says nothing a page can use

# placing a quote in an article, from the API or an import
MAX_MATCHES = 10_000  # places one quote may occur and still be chosen among (by position or context)

# a note, wherever it comes from (the API, an import)
MAX_NOTE_CHARS = 20_000  # characters of a note's text: ten printed pages of margin, far beyond any note

# the PDF: LaTeX holds a paragraph's margin notes until their page is made (briefbook.sty's
# \extrafloats: 2,100 boxes, two a note); the shared passages the book marks need a few of them
MAX_NOTES_PER_PARAGRAPH = 1_000

# ``briefbook import-annotations``
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # a Hypothesis export of 100,000 annotations is ~60 MB
MAX_ANNOTATIONS = 100_000  # annotations in one file

# ``briefbook add https://...``
FETCH_TIMEOUT = 20.0  # seconds to connect, and between two pieces of the answer
FETCH_DEADLINE = 60.0  # seconds for the whole fetch, redirects included, however the server drips
