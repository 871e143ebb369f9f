"""Evaluations as TOML files: exact decimals, a schema version, atomic saves and plain-words load errors."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli as tomllib  # the compiled parser: the same results as the standard library's, faster
import tomli_w
from pydantic import ValidationError

from domain.errors import InputError, describe_validation_error
from domain.record.models import SCHEMA_VERSION, Evaluation

DERIVED_ROW_KEYS = ("target", "actual")


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    if isinstance(value, Decimal) and value.as_tuple().exponent == 0:
        return int(value)  # keep "20" as written instead of tomli-w's "20.0"
    return value


def to_toml(evaluation: Evaluation) -> str:
    """The TOML text of an evaluation; parsed values are written for readers and ignored on load."""
    data = _without_none(evaluation.model_dump(mode="python"))
    return tomli_w.dumps(data, multiline_strings=True)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: Path, text: str) -> None:
    """Write through a temporary file, fsync and rename: a crash leaves the old file whole."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(handle, _mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:
        directory_handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory_handle)
    except OSError:
        pass
    finally:
        os.close(directory_handle)


def save_evaluation(evaluation: Evaluation, path: Path) -> None:
    """Save atomically as TOML."""
    try:
        atomic_write_text(Path(path), to_toml(evaluation))
    except OSError as error:
        raise InputError(f"无法保存到 {path}：{error.strerror or error}") from None


_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*("[^"]*"|[A-Za-z0-9_\-]+)\s*=')


def key_lines(text: str) -> dict[tuple, int]:
    """Map pydantic-style locations (("indicators", 2, "weight"), ("header",)) to 1-based line numbers."""
    lines: dict[tuple, int] = {}
    counters: dict[tuple, int] = {}
    table: tuple = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            names = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = counters.get(names, -1) + 1
                counters[names] = index
                table = (*names[:-1], names[-1], index)
            else:
                parent = names[:-1]
                resolved: tuple = ()
                for part in parent:
                    resolved = (*resolved, part)
                    if resolved in counters:
                        resolved = (*resolved, counters[resolved])
                table = (*resolved, names[-1])
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*table, key.group(1).strip('"')), number)
    return lines


def _line_for(location: tuple, lines: dict[tuple, int]) -> int | None:
    for length in range(len(location), 0, -1):
        if location[:length] in lines:
            return lines[location[:length]]
    return None


def evaluation_from_toml(text: str, where: str = "文件") -> Evaluation:
    """Parse and validate TOML text; every problem becomes one plain line naming key path and line."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{where} 不是有效的 TOML：{error}") from None
    except RecursionError:
        raise InputError(f"{where} 嵌套过深，不像是评价文件") from None
    version = data.get("schema_version")
    if version is None:
        raise InputError(f"{where}：缺少 schema_version，不像是 jixiao 保存的评价文件")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(f"{where}：schema_version 应为整数")
    if version > SCHEMA_VERSION:
        raise InputError(f"{where} 由更新版本的 jixiao 保存（格式版本 {version}），请升级后再打开")
    for row in data.get("indicators", []) if isinstance(data.get("indicators"), list) else []:
        if isinstance(row, dict):
            for key in DERIVED_ROW_KEYS:
                row.pop(key, None)
    try:
        return Evaluation.model_validate(data)
    except RecursionError:
        raise InputError(f"{where} 嵌套过深，不像是评价文件") from None
    except ValidationError as error:
        lines = key_lines(text)
        located = {tuple(problem["loc"]): _line_for(tuple(problem["loc"]), lines) for problem in error.errors()}
        raise InputError(describe_validation_error(error, where, {k: v for k, v in located.items() if v})) from None


def read_bytes_file(path: Path, what: str = "文件") -> bytes:
    """Read a file's bytes, turning every OS problem into one plain message."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"找不到{what}：{path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} 是目录，不是{what}") from None
    except PermissionError:
        raise InputError(f"没有权限读取{what}：{path}") from None
    except OSError as error:
        raise InputError(f"无法读取{what} {path}：{error.strerror or error}") from None


def read_text_file(path: Path, what: str = "文件") -> str:
    """Read a UTF-8 file (a BOM is allowed), turning every problem into one plain message."""
    try:
        return read_bytes_file(path, what).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} 不是 UTF-8 文本{what}") from None


def load_evaluation(path: Path) -> Evaluation:
    """Load an evaluation TOML file."""
    path = Path(path)
    return evaluation_from_toml(read_text_file(path, "评价文件"), str(path))


def file_fingerprint(path: Path) -> str | None:
    """A digest of a file's bytes (None when it does not exist), to notice changes made by others."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise InputError(f"无法读取 {path}：{error.strerror or error}") from None
