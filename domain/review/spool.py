"""Where a batch keeps what it has seen, on disk, so memory stays flat however many forms there are.

An SQLite database in a private temporary file (deleted when closed; its page cache bounded) holds the
key of every form seen (to know a form read twice), and for the report each form itself, to be read back
in the order a reviewer sends forms back: forms with errors first, then the largest gaps between declared
and audited totals, ties in input order; and the tallies of indicator names the catalogue does not know,
which grow with the forms. SQLite sorts on disk past its cache.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

_CACHE_KIB = 4096


class Spool:
    """Forms and keys seen by one command; ``close`` removes everything."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a private on-disk database, deleted when closed
        for pragma in (f"cache_size = -{_CACHE_KIB}", "temp_store = FILE", "journal_mode = OFF", "synchronous = OFF"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.execute("CREATE TABLE keys (key TEXT PRIMARY KEY, file TEXT NOT NULL) WITHOUT ROWID")
        self._db.execute("CREATE TABLE forms (seq INTEGER PRIMARY KEY, errors INTEGER, gap REAL, data BLOB)")
        self._db.execute("CREATE TABLE twice (seq INTEGER PRIMARY KEY, file TEXT, first TEXT)")
        self._db.execute("CREATE TABLE unusable (seq INTEGER PRIMARY KEY, problem TEXT)")
        self._db.execute(
            "CREATE TABLE tallies (level1 TEXT, level2 TEXT, name TEXT, rank INTEGER, lost REAL, "
            "data BLOB, PRIMARY KEY (level1, level2, name)) WITHOUT ROWID"
        )
        self._forms = self._twice = self._unusable = 0

    def first_seen(self, key: str, file: str) -> str | None:
        """The file where a form with this key was seen first, or None (and this one is remembered) if never;
        an empty key (a form read from an ndjson line written without one) is never a repeat."""
        if not key:
            return None
        row = self._db.execute("SELECT file FROM keys WHERE key = ?", (key,)).fetchone()
        if row is not None:
            self._db.execute("INSERT INTO twice VALUES (?, ?, ?)", (self._twice, file, row[0]))
            self._twice += 1
            return str(row[0])
        self._db.execute("INSERT INTO keys VALUES (?, ?)", (key, file))
        return None

    def keep(self, form: Any, has_errors: bool, gap: float) -> None:
        """Keep a form to be read back by ``in_send_back_order``."""
        self._db.execute(
            "INSERT INTO forms VALUES (?, ?, ?, ?)",
            (self._forms, int(has_errors), abs(gap), pickle.dumps(form, pickle.HIGHEST_PROTOCOL)),
        )
        self._forms += 1

    def tally(
        self, key: tuple[str, str, str], rank: int, update: Callable[[Any], Any], lost: Callable[[Any], float]
    ) -> None:
        """Update the tally kept under ``key`` (一级, 二级, name; ``update(None)`` makes a new one)."""
        row = self._db.execute("SELECT data FROM tallies WHERE level1 = ? AND level2 = ? AND name = ?", key).fetchone()
        tally = update(None if row is None else pickle.loads(row[0]))  # noqa: S301 - written by this process
        self._db.execute(
            "INSERT OR REPLACE INTO tallies VALUES (?, ?, ?, ?, ?, ?)",
            (*key, rank, lost(tally), pickle.dumps(tally, pickle.HIGHEST_PROTOCOL)),
        )

    def tallies(self) -> Iterator[Any]:
        """The tallies by ``rank`` and 一级, then the most points lost first, then by 二级 and name."""
        for (data,) in self._db.execute("SELECT data FROM tallies ORDER BY rank, level1, lost DESC, level2, name"):
            yield pickle.loads(data)  # noqa: S301 - written by this process, a moment ago

    def unusable(self, problem: str) -> None:
        self._db.execute("INSERT INTO unusable VALUES (?, ?)", (self._unusable, problem))
        self._unusable += 1

    @property
    def kept(self) -> int:
        return self._forms

    @property
    def repeats(self) -> int:
        return self._twice

    @property
    def unusable_count(self) -> int:
        return self._unusable

    def in_send_back_order(self) -> Iterator[Any]:
        """The kept forms: errors first, then the largest gap, then input order."""
        cursor = self._db.execute("SELECT data FROM forms ORDER BY errors DESC, gap DESC, seq")
        for (data,) in cursor:
            yield pickle.loads(data)  # noqa: S301 - written by this process, a moment ago

    def read_twice(self) -> Iterator[tuple[str, str]]:
        """Each form read again: its file and the file it was first read from."""
        yield from self._db.execute("SELECT file, first FROM twice ORDER BY seq")

    def problems(self) -> Iterator[str]:
        for (problem,) in self._db.execute("SELECT problem FROM unusable ORDER BY seq"):
            yield str(problem)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
