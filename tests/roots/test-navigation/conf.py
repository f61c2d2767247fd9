extensions = ["briefbook.sphinxext"]
briefbook_seeds = "seeds"
root_doc = "index"
exclude_patterns = ["_build", "_generated"]
html_theme = "sphinx_book_theme"
