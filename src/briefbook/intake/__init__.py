"""Taking articles in, and starting a book: ``briefbook add`` and ``briefbook init``.

- ``add``: an article taken in, checked against the book, written with a sidecar to fill in;
- ``incoming``: a text file, a saved web page or an address read into the text to write;
- ``fetch``: an address fetched, bounded in time, size and redirects;
- ``pagebytes``, ``webpage``, ``noarticle``: a page told from text and decoded, its article and
  metadata extracted, or why it certainly has none (and what looked doubtful when it has one);
- ``pagefacts``, ``pagetitle``, ``pagemeta``, ``prune``: what a page says about itself, the headline it
  shows its reader, its metadata checked, and the boxes beside its article left out;
- ``metadata``: a pasted text's headline, byline, dateline, date and publisher;
- ``sidecar_skeleton``: the sidecar ``add`` starts, each field saying where it came from;
- ``seedwrite``: an article's files put into ``seeds/`` all together or not at all;
- ``newbook``: ``briefbook init``, a new book from the files in ``skeleton/`` and the package's
  schemas, holding all its editor needs to read (no word of briefbook's own repository).
"""
