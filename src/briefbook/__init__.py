"""briefbook: a folder of news articles -> an annotated briefing book (HTML and PDF)."""

__version__ = "0.1.0"
