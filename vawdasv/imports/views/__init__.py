"""Pages of the plan import: upload, check (preview and column mapping), commit, list."""
