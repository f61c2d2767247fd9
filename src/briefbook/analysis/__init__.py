"""What the book finds in the text: notes placed by their quotes, glossary terms, shared passages,
copies, attributions.

- ``anchors``: each note's quote located in the cleaned text (or a clear error with the nearest
  passage), as the W3C TextQuoteSelector does;
- ``termmatch``: every glossary term found in the text at once; ``termlinks``: which of those
  mentions an article's page links; ``candidates``: names and acronyms the glossary lacks;
- ``reuse``: passages two articles share word for word;
- ``copies``: articles most of whose text stands in another (containment of word shingles, British
  and American spellings folded), so that a copy never counts as another source;
- ``attribution``: who a sentence says its words come from ("Eucom said in a statement").

Text is compared in the forms :mod:`briefbook.normalise` defines (quotes, terms).  Other packages
import from the modules themselves (``anchors.anchor_notes``, ``anchors.locate``,
``termmatch.TermMatcher``, ``termlinks.link_terms_in``, ``reuse.find_shared_passages``,
``candidates.candidate_terms``, ``copies.find_copies``, ``attribution.attribution_in``).  Pure functions of articles and editorial models: nothing here
reads or writes a file, and the editor's files (:mod:`briefbook.editorial`) import nothing here.
"""
