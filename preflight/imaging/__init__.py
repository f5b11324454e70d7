"""Pure image metrics and shared per-page intermediates (ndarray in, number out)."""
