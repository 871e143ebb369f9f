"""Where target tables start in a sheet, and which columns of an indicator heading hold what.

A heading is a row naming 一级指标, a name column (三级指标 / 指标内容 …) and a target column (指标值 / 目标值 …).
When a heading holds a 中期 set beside the 年度 one, the labels above each set decide which is 年度.
"""

from __future__ import annotations

from domain.sheets.grid import Grid
from domain.sheets.layouts import norm
from domain.sheets.targets_words import COLUMNS, FORM_TITLE_WORDS, TARGET_TITLE_WORDS

Piece = tuple[int, str]  # column, text


def pieces(grid: Grid, row: int) -> list[Piece]:
    """The cells of a row that hold their own text (not the continuation of a merge)."""
    cells = grid.rows[row] if 0 <= row < len(grid.rows) else []
    found: list[Piece] = []
    for column, text in enumerate(cells):
        if text and grid.origin(row, column) == (row, column):
            found.append((column, text))
    return found


def title_of(text: str) -> str | None:
    """ "target" for a target table's title, "form" for a self-evaluation's, else None."""
    reduced = norm(text)
    if "表" not in reduced or len(reduced) > 60 or "部门整体" in reduced:
        return None
    if any(word in reduced for word in TARGET_TITLE_WORDS):
        return "target"
    return "form" if any(word in reduced for word in FORM_TITLE_WORDS) else None


def starts(grid: Grid) -> list[tuple[int, str]]:
    """(row, kind) of each table's title row; a sheet without titles is one table from its top."""
    found: list[tuple[int, str]] = []
    for row, cells in enumerate(grid.rows):
        filled = [cell for cell in cells if cell]
        if 1 <= len(filled) <= 3 and len(filled[0]) <= 80 and (kind := title_of(filled[0])):
            found.append((row, kind))
    return found or [(0, "")]


# ------------------------------------------------------------------------------------------- headings


def column_roles(row_pieces: list[Piece]) -> dict[str, list[int]]:
    roles: dict[str, list[int]] = {}
    for column, text in row_pieces:
        for role, words in COLUMNS.items():
            if words.match(text):
                roles.setdefault(role, []).append(column)
                break
    return roles


def is_heading(roles: dict[str, list[int]]) -> bool:
    return "level1" in roles and "name" in roles and "target" in roles


def block_label(grid: Grid, row: int, first_column: int) -> str:
    """The words that name an indicator block: cells left of its heading, and the row above."""
    texts = [text for column, text in pieces(grid, row) if column < first_column]
    texts += [grid.seen(row, column) for column in range(first_column)]
    texts += [text for _, text in pieces(grid, row - 1)] if row > 0 else []
    return "".join(norm(text) for text in texts)


def _set_score(grid: Grid, row: int, left: int, right: int) -> int:
    """How much the labels above columns left..right speak of 年度 rather than 中期 / 长期."""
    score = 0
    for above in (row - 1, row - 2, row - 3):
        for column in range(left, right + 1):
            text = norm(grid.seen(above, column)) if above >= 0 else ""
            if not text or len(text) > 20:
                continue
            if "中期" in text or "长期" in text:
                score -= 1
            elif "年度" in text or "短期" in text:  # 短期: the year's set in some systems' words
                score += 1
    return score


def annual_set(grid: Grid, row: int, roles: dict[str, list[int]]) -> dict[str, int]:
    """The columns of the 年度 set when the heading holds a 中期 set beside it (else the only set)."""
    names = roles["name"]
    chosen = len(names) - 1
    if len(names) > 1:
        bounds = []
        for index, column in enumerate(names):
            level2 = [c for c in roles.get("level2", []) if c < column]
            left = level2[-1] if level2 else column
            right = names[index + 1] - 1 if index + 1 < len(names) else column + 3
            if index + 1 < len(names):
                next_level2 = [c for c in roles.get("level2", []) if column < c < names[index + 1]]
                right = next_level2[0] - 1 if next_level2 else right
            bounds.append((left, right))
        scores = [_set_score(grid, row, left, right) for left, right in bounds]
        best = max(scores)
        chosen = max(index for index, score in enumerate(scores) if score == best)
    name = names[chosen]
    limit = names[chosen + 1] if chosen + 1 < len(names) else 10**6
    picked = {"level1": roles["level1"][0], "name": name}
    for role in ("level2", "target", "nature", "unit", "weight", "actual", "score"):
        columns = roles.get(role, [])
        if role == "level2":
            before = [c for c in columns if c < name]
            if before:
                picked[role] = before[-1]
            continue
        after = [c for c in columns if name < c < limit]
        if after:
            picked[role] = after[0]
    return picked
