"""The editor's files: each article's sidecar, the glossary, the claims, the origins, the key
judgments, the clutter rules.

- ``yamlload``: YAML that remembers line numbers, with bounded aliases, depth and size;
- ``validation``: the published JSON Schemas (``schema/``) and their errors as problems at a line;
- ``markup``: the editor's MyST, held to a safe subset;
- ``notefields``: a note's fields, defined once: every list of them in briefbook derives from it,
  and a test holds the published sidecar schema to it;
- ``sidecar``, ``glossary``, ``claims``, ``origins``, ``judgments``, ``cleanrules`` (with
  ``rules/clutter.yaml``): each file loaded and checked into the models other packages read;
- ``estimative``: ICD 203's estimative language, for the key judgments: likelihood in its seven
  bands, no hedges outside them, a confidence level never in the same sentence;
- ``prose``: the editor's MyST read as the reader reads it (sentences, the words in quotation
  marks, the claims and articles a sentence cites), for the checks of the book against itself;
- ``datewords``: dates as prose states them, each read as the days it may mean, so a note's and
  the glossary's dates can be compared;
- ``references``: what the files name in each other ({term}, {doc}, {claim}, a note's ``origin:``
  and a claim's ``origins:``), checked book-wide.

Other packages import the loaders (``load_sidecar``, ``load_glossary``, ``load_claims``,
``load_origins``, ``load_judgments``), the
models they return and the note's fields (``notefields``); nothing here reads an article's text,
and nothing here imports the analysis (glossary spellings are compared in the forms of
:mod:`briefbook.normalise`).
"""
