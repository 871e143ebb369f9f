"""The headless command line: outputs, JSON schemas, exit codes, and one plain line for bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import run

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "fixtures" / "seed"
FIRST_FORM = sorted(SEED_DIR.glob("01-*.toml"))[0]


def run_json(capsys, *argv: str):
    code = run([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_whatif_indicator_text(capsys):
    assert run(["whatif", "--weight", "20", "--target", "≥90%", "--actual", "75%"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "得分 16.67（分值 20，扣 3.33 分）"
    assert out[1] == "实际完成值 75% 低于年度指标值 90%：得分 = 20 × 75% ÷ 90% = 16.67，扣 3.33 分"


def test_whatif_indicator_json_schema(capsys):
    code, data = run_json(
        capsys, "whatif", "--weight", "10", "--target", "10%", "--actual", "13%", "--direction", "reverse"
    )
    assert code == 0
    assert {k: data[k] for k in ("score", "weight", "deduction", "direction", "rule")} == {
        "score": "7.00",
        "weight": "10",
        "deduction": "3.00",
        "direction": "reverse",
        "rule": "reverse_linear",
    }
    assert data["explanation"].endswith("扣 3.00 分")


def test_whatif_indicator_uses_catalogue_direction(capsys):
    code, data = run_json(
        capsys, "whatif", "--weight", "10", "--target", "10%", "--actual", "13%", "--indicator", "设备故障率"
    )
    assert data["direction"] == "reverse" and data["score"] == "7.00"


def test_whatif_budget(capsys):
    code, data = run_json(capsys, "whatif", "--budget", "360000", "--executed", "351000")
    assert code == 0
    assert (data["score"], data["rate_used"], data["weight"]) == ("9.80", "0.98", "10")


def test_whatif_qualitative_pending_judgement(capsys):
    code, data = run_json(capsys, "whatif", "--weight", "20", "--target", "满意", "--actual", "基本满意")
    assert data["score"] is None and data["status"] == "judgement" and data["band"] == ["12.00", "16.00"]


def test_score_text_and_json(capsys):
    assert run(["score", str(FIRST_FORM)]) == 0
    text = capsys.readouterr().out
    assert "总分 89.18（良）" in text
    assert "得分 = 20 × 75% ÷ 90% = 16.67，扣 3.33 分" in text
    code, data = run_json(capsys, "score", str(FIRST_FORM))
    assert data["total"] == "89.18" and data["grade"] == "良" and data["budget"]["score"] == "9.80"
    assert [row["score"] for row in data["rows"]][:4] == ["16.67", "5", "17.50", "3.33"]


def test_check_exit_codes_and_json_schema(capsys):
    assert run(["check", str(FIRST_FORM)]) == 0
    capsys.readouterr()
    code, data = run_json(capsys, "check", str(SEED_DIR))
    assert code == 1
    assert len(data) == 37
    assert set(data[0]) == {
        "schema_version",
        "file",
        "project",
        "department",
        "implementer",
        "declared_total",
        "computed_total",
        "grade",
        "errors",
        "warnings",
        "infos",
        "lost",
        "findings",
        "rows",
        "key",
    }
    finding = next(f for form in data for f in form["findings"])
    assert set(finding) == {"code", "severity", "row", "indicator", "declared", "computed", "message", "fields"}
    assert data[0]["computed_total"] == "89.18"


def test_catalogue_search_pinyin_and_json(capsys):
    code, data = run_json(capsys, "catalogue", "search", "sbgzl")
    assert code == 0
    assert data[0]["name"] == "设备故障率"
    assert set(data[0]) >= {"name", "level1", "level2", "score"}


def test_import_writes_one_file_per_form(tmp_path, capsys):
    assert run(["import", str(SEED_DIR / "sheet-2020-shenzhen.tsv"), "--out", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.toml"))) == 37


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", "missing.toml"], "找不到评价文件"),
        (["check", "no-such-dir"], "找不到文件或目录"),
        (["whatif", "--weight", "abc", "--target", "90%", "--actual", "75%"], "分值“abc”不是数字"),
        (["whatif", "--weight", "120", "--target", "90%", "--actual", "75%"], "分值不能超过 100"),
        (["whatif", "--weight", "20", "--target", "90%"], "需要 --weight、--target 和 --actual"),
        (["whatif", "--budget", "100"], "同时给出 --budget 和 --executed"),
        (["whatif", "--budget", "100", "--executed", "-5"], "执行数应为不小于 0 的数字"),
        (["score", str(FIRST_FORM), "--profile", "atlantis"], "没有名为“atlantis”的规则"),
        (["frobnicate"], "命令行有误"),
        (["whatif", "--weight", "5", "--target", "90%95%", "--actual", "75%"], "年度指标值“90%95%”无法识别"),
        (["whatif", "--weight", "5", "--target", "90%", "--actual", ""], "实际完成值“”无法识别"),
    ],
)
def test_bad_input_is_one_plain_line_and_exit_2(capsys, argv, message):
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_broken_toml_and_empty_sheet(tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_text(
        FIRST_FORM.read_text(encoding="utf-8").replace("weight = 20\n", 'weight = "x"\n', 1), encoding="utf-8"
    )
    assert run(["check", str(broken)]) == 2
    assert "indicators[1].weight 应为数字" in capsys.readouterr().err
    empty = tmp_path / "empty.tsv"
    empty.write_text("", encoding="utf-8")
    assert run(["import", str(empty), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith("jixiao: ")


def test_check_reports_readable_files_and_names_the_unusable_one(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(FIRST_FORM.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.toml").write_text("not = = toml", encoding="utf-8")
    assert run(["check", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "核算总分 89.18" in captured.out
    assert "bad.toml 不是有效的 TOML" in captured.err


def test_installed_command_never_prints_a_traceback(tmp_path):
    junk = tmp_path / "junk.toml"
    junk.write_bytes(b"\xff\xfe\x00garbage")
    result = subprocess.run([sys.executable, "-m", "tui", "check", str(junk)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("jixiao: ")


def test_import_reads_gb18030_and_never_overwrites_silently(tmp_path, capsys):
    sheet = tmp_path / "导出.tsv"
    sheet.write_bytes((SEED_DIR / "sheet-2020-shenzhen.tsv").read_text(encoding="utf-8").encode("gb18030"))
    out = tmp_path / "out"
    assert run(["import", str(sheet), "--out", str(out)]) == 0
    assert len(list(out.glob("*.toml"))) == 37
    first = sorted(out.glob("*.toml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    capsys.readouterr()
    assert run(["import", str(sheet), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert first.read_text(encoding="utf-8").endswith("# edited\n")
    assert run(["import", str(sheet), "--out", str(out), "--force"]) == 0


def test_whatif_indicator_outside_the_catalogue_still_scores_from_the_wording(capsys):
    # not in the catalogue, no comparator: 投诉 in the name says lower is better; 3% ≤ 5% → full marks, and said
    # so (never positive by assumption, which would give 10 × 3 ÷ 5 = 6.00)
    assert run(["whatif", "--weight", "10", "--target", "5%", "--actual", "3%", "--indicator", "投诉率"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("得分 10.00（满分 10）") and "指标库中找不到“投诉率”" in out
    assert "名称中的“投诉”表明反向（越低越好）" in out
    code, data = run_json(
        capsys, "whatif", "--weight", "10", "--target", "≤5%", "--actual", "3%", "--indicator", "投诉率"
    )
    assert data["indicator"] is None and data["indicator_found"] is False and data["score"] == "10"
    code, data = run_json(
        capsys, "whatif", "--weight", "10", "--target", "10%", "--actual", "13%", "--indicator", "sbgzl"
    )
    assert data["indicator"] == "设备故障率" and data["score"] == "7.00"


def test_reports_never_pass_control_characters_to_the_terminal(tmp_path, capsys):
    path = tmp_path / "ctrl.toml"
    path.write_text('schema_version = 1\n[header]\nproject_name = "a\\u001b[31mRED"\n', encoding="utf-8")
    run(["check", str(path)])
    assert "\x1b" not in capsys.readouterr().out


def test_json_messages_come_in_the_chosen_language_with_code_fields_and_schema_version(capsys):
    from domain.messages.lookup import set_locale

    try:
        set_locale("en")
        code, data = run_json(capsys, "check", str(SEED_DIR))
    finally:
        set_locale("zh")
    assert code == 1
    assert {form["schema_version"] for form in data} == {2}
    finding = next(f for form in data for f in form["findings"] if f["code"] == "rounding.row_score")
    name = finding["fields"]["name"]
    assert finding["message"].startswith(f"row {finding['fields']['row']} “{name}”: declared ")
    assert "a rounding difference; kept" in finding["message"]
    assert "message_en" not in finding and finding["fields"]
    code, data = run_json(capsys, "check", str(SEED_DIR))
    finding = next(f for form in data for f in form["findings"] if f["code"] == "rounding.row_score")
    assert "行" in finding["message"]
