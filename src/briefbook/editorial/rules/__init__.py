"""Data files for cleaning: ``clutter.yaml``, the shared rules for site clutter."""
