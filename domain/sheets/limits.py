"""Bounds on what is read from a spreadsheet file."""

from __future__ import annotations

# Bounds: a sheet whose XML is larger than this (uncompressed) is refused before it is read, so a zip bomb or
# a runaway export costs neither minutes nor gigabytes; the limits are far above any real form.
MAX_PART_BYTES = 400 * 1024 * 1024
MAX_TEXT_BYTES = 200 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_COLUMNS = 200  # cells right of this are never part of a form and are not read
