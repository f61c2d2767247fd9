extensions = ["briefbook.sphinxext"]
briefbook_seeds = "seeds"
root_doc = "index"
exclude_patterns = ["_build", "_generated"]
latex_engine = "xelatex"
latex_documents = [("index", "basic.tex", "Basic", "test", "manual")]
