"""Bounds on what is read from a spreadsheet file.

Every part of a workbook is measured before it is parsed: how many members the archive has, what each
declares (uncompressed size, and its compression ratio), what each really holds (inflated and counted, its
CRC checked) and the sum of them. The reading itself runs in a child process with its own memory and CPU
limits (``sandbox``), so whatever the bounds miss costs the one file, never the command. The limits are far
above any real form: the largest seed workbook is 40 KB unpacked; a workbook of 500 stacked forms is 5 MB.
"""

from __future__ import annotations

MIB = 1024 * 1024

MAX_WORKBOOK_BYTES = 64 * MIB  # the file itself (.xlsx, .xls, .ods)
MAX_PART_BYTES = 64 * MIB  # one member of the archive, uncompressed (a sheet, the shared strings, the styles …)
MAX_UNPACKED_BYTES = 160 * MIB  # all members together, uncompressed
MAX_MEMBERS = 2000  # members of the archive
MAX_RATIO = 400  # uncompressed ÷ compressed, for a member over RATIO_FLOOR (real sheets: 10–60)
RATIO_FLOOR = 1 * MIB
MAX_TEXT_BYTES = 200 * MIB
MAX_ROWS = 1_000_000
MAX_COLUMNS = 200  # cells right of this are never part of a form and are not read
MAX_OLE_SECTORS = MAX_WORKBOOK_BYTES // 512  # a sector chain longer than the file can hold is damage

# The child that reads one workbook: address space beyond what it starts with, CPU seconds and wall seconds
# per file; the grids it hands back at most REPLY_BYTES pickled.
READ_MEMORY_BYTES = 448 * MIB
READ_CPU_SECONDS = 10
READ_WALL_SECONDS = 14
REPLY_BYTES = 128 * MIB
