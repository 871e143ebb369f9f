"""Nothing to export is refused, and a targets file that cannot be read is named, never skipped in a folder."""

from __future__ import annotations

from pathlib import Path

from tui.cli import run

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"


def test_export_with_nothing_to_write_is_refused_and_writes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "e.xlsx"
    assert run(["export", "--out", str(out)]) == 2
    assert "没有要导出的表" in capsys.readouterr().err and not out.exists()


def test_a_broken_targets_file_in_a_folder_is_named(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "targets"
    folder.mkdir()
    (folder / "01-x.targets.toml").write_text("schema_version = 1\nkind = 'targets'\n[header\n", encoding="utf-8")
    form = next(iter(sorted(SEED.glob("01-*.toml"))))
    assert run(["check", str(form), "--targets", str(folder)]) == 2
    assert "01-x.targets.toml" in capsys.readouterr().err
