"""Modal dialogs, one module per dialog or family (typed: each returns its answer)."""
