"""A sheet's rows as a person sees them: pieces of merged cells, the values under heads, found columns."""

from __future__ import annotations

from typing import NamedTuple

from domain.sheets.grid import Grid, Range
from domain.sheets.layouts import Words, keys_of, norm


class Piece(NamedTuple):
    """A cell as a person sees it in one row: columns it spans, its text, and whether it continues from above."""

    left: int
    right: int
    text: str
    above: bool = False


class Rows:
    """The rows of a grid as pieces, with the merged ranges indexed by row."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self._pieces: dict[int, list[Piece]] = {}
        self.by_row: dict[int, list[Range]] = {}
        for merge in grid.merges:
            top, left, bottom, right = merge
            for row in range(top, min(bottom, len(grid.rows) - 1) + 1):
                self.by_row.setdefault(row, []).append(merge)
        for merges in self.by_row.values():
            merges.sort(key=lambda merge: merge[1])

    def __len__(self) -> int:
        return len(self.grid.rows)

    def forget(self) -> None:
        self._pieces.clear()

    def pieces(self, row: int) -> list[Piece]:
        found = self._pieces.get(row)
        if found is None:
            found = self._pieces[row] = self._read_pieces(row)
        return found

    def _read_pieces(self, row: int) -> list[Piece]:
        grid = self.grid
        cells = grid.rows[row] if row < len(grid.rows) else []
        merges = self.by_row.get(row)
        if not merges:
            return [Piece(column, column, text) for column, text in enumerate(cells) if text]
        found: list[Piece] = []
        append = found.append
        rows = grid.rows
        width = len(cells)
        column = 0
        for top, left, _, right in merges:  # sorted by their first column
            if left < column:
                continue  # overlapping merges (a damaged file): the first one wins
            for index in range(column, left if left < width else width):
                if cells[index]:
                    append(Piece(index, index, cells[index]))
            source = rows[top] if top < len(rows) else cells
            text = source[left] if left < len(source) else ""
            if text:
                append(Piece(left, right, text, top < row))
            column = right + 1
        for index in range(column, width):
            if cells[index]:
                append(Piece(index, index, cells[index]))
        return found

    def value(self, row: int, span: tuple[int, int]) -> str:
        """The text a person sees under a column head spanning ``span`` (first filled column)."""
        left, right = span
        seen = self.grid.seen(row, left)
        if seen:
            return seen
        for column in range(left + 1, right + 1):
            text = self.grid.at(row, column)
            if text and self.grid.origin(row, column) == (row, column):
                return text
        return ""

    def top_of(self, row: int, column: int) -> bool:
        """Whether the cell is where its text is written (not a continuation of a merge from above)."""
        return self.grid.origin(row, column)[0] == row


def form_texts(rows: Rows, start: int, end: int) -> set[str]:
    texts: set[str] = set()
    for row in range(start, min(end, start + 80)):
        for piece in rows.pieces(row):
            if not piece.above:
                texts.add(norm(piece.text))
    return texts


def find_columns(pieces: list[Piece], words: dict[str, Words]) -> dict[str, tuple[int, int]]:
    """The column heads among a row's pieces: key → the columns its head spans (each text's keys looked up
    once per sheet's vocabulary, not matched again on every row)."""
    found: dict[str, tuple[int, int]] = {}
    for piece in pieces:
        if piece.above:
            continue
        for key in keys_of(words, piece.text):
            if key not in found:
                found[key] = (piece.left, piece.right)
                break
    return found
