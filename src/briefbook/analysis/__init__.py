"""What the book finds in the text: notes placed by their quotes, glossary terms, shared passages.

- ``anchors``: each note's quote located in the cleaned text (or a clear error with the nearest
  passage), as the W3C TextQuoteSelector does;
- ``termmatch``: every glossary term found in the text at once; ``candidates``: names and acronyms
  the glossary lacks;
- ``reuse``: passages two articles share word for word.

Pure functions of articles and editorial models: nothing here reads or writes a file.
"""
