"""The generated MyST pages: everything a page shows is written into it.

- ``overviews``: every generated page (articles, sources, claims, timeline, glossary);
- ``myst``: writing MyST safely (escaping, fences longer than any backtick run);
- ``write``: the phases of a run in order (read and check, render, write only what changed);
- ``record``: the record of what a run wrote, handed to the Sphinx process ``briefbook build`` starts.
"""
