"""Bytes to paragraphs: an article file read, repaired and cleaned of the page around it.

- ``ingest``: an article file's bytes -> RawArticle (encoding found, mojibake repaired, NFC, LF);
- ``clean``: RawArticle -> Article, as an ordered list of small named passes, with every removed line
  reported; its parts: ``draft`` (the state between passes), ``chrome`` (a headline printed twice,
  a one-word section label), ``heading`` (caption, headline, byline), ``hyphens`` (words split at
  line ends).

Other packages use ``ingest.read_article`` and ``clean.clean_article``. The clutter rules the passes
apply are the editor's data, loaded by ``briefbook.editorial.cleanrules``.
"""
