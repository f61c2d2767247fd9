"""``briefbook build``: the book built aside and published only when the build succeeded.

- ``steps``: the work folder, the pages written aside, publishing the site, PDF and pages;
- ``sphinxrun``: Sphinx in its own process, with a fixed date, its progress and the OS error it died of.
"""
