"""Dates on ICP attachments: parsing (pure), calendar arithmetic, extraction and the date rules."""
