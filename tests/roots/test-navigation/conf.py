extensions = ["briefbook.sphinxext"]
briefbook_seeds = "seeds"
root_doc = "index"
exclude_patterns = ["_build", "_generated"]
html_theme = "sphinx_book_theme"
html_theme_options = {"secondary_sidebar_items": {"articles/*": []}}
