"""The book: every input read and checked, then cross-referenced into one model.

- ``load``: the Book and its articles, reading and checking every file (``load_book``), and the
  cross-links the book adds to notes;
- ``readcache``: each article as an earlier run read it, kept by the bytes of its files.

Other packages take a ``Book`` from ``load_book`` and read it; nothing here writes a page.
"""
