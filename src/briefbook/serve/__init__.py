"""``briefbook serve``: a live preview of the book, where notes are written from a selection.

The preview
    is built first by the same machinery as ``briefbook build`` (the book checked
    first, built aside, published in one step, under the book's lock) into a
    folder of its own, ``docs/_build/preview/``, with ``briefbook_preview`` set,
    so its pages, and only they, load the annotation script.  The published
    site, the PDF and the generated pages in ``docs/`` are never touched.
    Then the builds stay warm, in a process of their own: one Sphinx
    application kept between builds, the pages readers have open made and
    published first (within a second of a save, on a small book), the rest of
    the book after them.  Changes in ``seeds/`` and ``docs/`` are seen by
    watchfiles (the watcher sphinx-autobuild uses), gathered for a moment and
    built; a save from a page is built at once.  Open pages hear of each build
    through server-sent events and reload when it changed them.  A failed build
    leaves the last good pages served and its problems shown in the page.

Writing notes, glossary entries, claims, an article's details and grade, and the key judgments
    goes through :mod:`briefbook.sidecar_edit`: what is written is checked as
    the build checks the book and written atomically, under the book's lock,
    or not at all; the problems come back to the form, and the terminal says
    which file and which entry each write changed.

What the server guards
    Every request must name this server in its ``Host`` header (a page of
    another site that rebinds its name to 127.0.0.1 is refused).  A write must
    come from this server's own pages: the ``Origin`` header must be this
    server's, and the per-run secret token, which only a page of this origin
    can read (from ``/_briefbook/api/session``), must be in
    ``X-Briefbook-Token``.  A write is JSON (so a cross-site form cannot send
    one), at most :data:`briefbook.limits.MAX_BODY` bytes, read so that it never
    raises (:func:`briefbook.serve.guard.read_json`, :mod:`briefbook.jsonin`) and
    checked against its schema (:func:`briefbook.serve.payloads.schema_problem`),
    and names an article by its stem, which is looked up among the book's
    articles, never used as a path.  A new endpoint that writes uses the same
    three, and the check before writing (:mod:`briefbook.book.onecheck`).  Pages are sent as the build wrote them; only response
    headers are added (no caching, no framing by other sites).

The parts, in the order a request meets them
    :mod:`~briefbook.serve.run` (the command: the socket, the threads, the
    server), :mod:`~briefbook.serve.guard` (``Host``, ``Origin``, token and
    size), :mod:`~briefbook.serve.app` (the endpoints and the pages),
    :mod:`~briefbook.serve.editing` (the writes: a note, a glossary entry, a
    claim, an article's details and grade, a key judgment, each through the
    same steps), :mod:`~briefbook.serve.payloads`, :mod:`~briefbook.serve.forms`
    and :mod:`~briefbook.serve.judging` (what a write may send; the grade's and
    the judgments' forms read theirs there),
    :mod:`~briefbook.serve.preview` (the builds asked for, the watcher and the
    events that reload open pages), :mod:`~briefbook.serve.worker` (the process
    the builds run in), :mod:`~briefbook.serve.warm` (a build there: the open
    pages first, Sphinx kept warm), :mod:`~briefbook.serve.rendering` (the open
    pages' generated pages, and the names the glossary lacks, rendered from the
    book), :mod:`~briefbook.serve.site` (the served
    site brought up to date file by file) and :mod:`~briefbook.serve.views` (what the
    article pages show, for the annotation script).
"""
