"""TOML storage: exact round trips, atomic saves, and one plain message per problem in a broken file."""

import os
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InputError
from domain.record import files
from domain.record.models import Evaluation, Funds, FundsRow, Header, IndicatorRow
from domain.record.storage import evaluation_from_toml, load_evaluation, save_evaluation, to_toml


def sample() -> Evaluation:
    return Evaluation(
        header=Header(project_name="[red]x[/red] 平台", project_amount=D("400000"), year=2020),
        funds=Funds(
            total=FundsRow(initial_budget=D("360000.00"), annual_budget=D("360000.00"), executed=D("351000.00")),
            declared_rate=D("0.98"),
            declared_score=D("9.80"),
        ),
        indicators=[
            IndicatorRow(
                level1="产出指标",
                level2="数量指标",
                name="硬件配置完成",
                catalogue_name="硬件配置完成率",
                target_text="90%",
                actual_text="75%",
                weight=D("20"),
                declared_score=D("16.67"),
            ),
            IndicatorRow(
                level1="满意度指标",
                name="服务大厅满意",
                target_text="80%",
                actual_text="70%",
                weight=D("25.0"),
                declared_score=D("21.88"),
                deviation_reason="第一行\n第二行",
            ),
        ],
        declared_total=D("89.18"),
    )


def test_round_trip_is_equal_and_resave_is_byte_identical(tmp_path: Path):
    path = tmp_path / "form.toml"
    save_evaluation(sample(), path)
    loaded = load_evaluation(path)
    assert loaded == sample()
    first = path.read_text(encoding="utf-8")
    save_evaluation(loaded, path)
    assert path.read_text(encoding="utf-8") == first


def test_decimals_stay_exact(tmp_path: Path):
    path = tmp_path / "form.toml"
    save_evaluation(sample(), path)
    loaded = load_evaluation(path)
    assert loaded.funds.total.executed == D("351000.00")
    assert str(loaded.indicators[0].declared_score) == "16.67"
    assert "schema_version = 1" in path.read_text(encoding="utf-8")


def test_parsed_values_are_written_but_not_read_back():
    text = to_toml(sample())
    assert "[indicators.target]" in text
    tampered = text.replace('raw = "90%"', 'raw = "something else"', 1)
    assert evaluation_from_toml(tampered).indicators[0].target_text == "90%"


def test_crash_during_save_leaves_old_file_intact(tmp_path: Path, monkeypatch):
    path = tmp_path / "form.toml"
    save_evaluation(sample(), path)
    before = path.read_bytes()

    def crash(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", crash)
    changed = sample().model_copy(update={"declared_total": D(1)})
    with pytest.raises(InputError, match="无法保存"):
        save_evaluation(changed, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["form.toml"]  # no temporary file left behind


def test_each_problem_gets_one_line_with_key_path_and_line():
    text = to_toml(sample())
    broken = re.sub(r"project_amount = [0-9.]+", "project_amount = -1", text)
    broken = re.sub(r"\nweight = 20(\.0)?\n", '\nweight = "twenty"\n', broken, count=1)
    broken = broken.replace("year = 2020", "year = 2020\ncolour = 1")
    with pytest.raises(InputError) as caught:
        evaluation_from_toml(broken, "form.toml")
    lines = caught.value.message.splitlines()
    assert len(lines) == 3
    assert any("header.project_amount 不能小于 0" in line and "第 " in line for line in lines)
    assert any("indicators[1].weight 应为数字" in line for line in lines)
    assert any("header.colour 不认识的键" in line for line in lines)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("this is = = not toml", "不是有效的 TOML"),
        ("profile = 'default'", "缺少 schema_version"),
        ("schema_version = 99", "更新版本"),
        ("schema_version = 'one'", "schema_version 应为整数"),
    ],
)
def test_unusable_files_get_one_plain_message(text, message):
    with pytest.raises(InputError, match=message):
        evaluation_from_toml(text)


def test_missing_file_and_directory_messages(tmp_path: Path):
    with pytest.raises(InputError, match="找不到"):
        load_evaluation(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="是目录"):
        load_evaluation(tmp_path)


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "gbk.toml"
    path.write_bytes("项目".encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        load_evaluation(path)


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
decimals = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(
    texts,
    texts,
    decimals,
    st.lists(st.tuples(texts, texts, st.decimals(min_value=0, max_value=100, places=2)), max_size=4),
)
def test_any_evaluation_round_trips(name, reason, amount, rows):
    evaluation = Evaluation(
        header=Header(project_name=name, project_amount=amount),
        funds=Funds(reason=reason),
        indicators=[IndicatorRow(name=n, target_text=t, weight=w) for n, t, w in rows],
    )
    text = to_toml(evaluation)
    loaded = evaluation_from_toml(text)
    assert loaded == evaluation
    assert to_toml(loaded) == text


def test_save_creates_parent_directories(tmp_path: Path):
    path = tmp_path / "a" / "b" / "form.toml"
    save_evaluation(sample(), path)
    assert os.access(path, os.R_OK)


def test_save_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path):
    path = tmp_path / "form.toml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    save_evaluation(sample(), path)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version = 1\ndeclared_total = 1e999999999\n", "declared_total 数字过大"),
        ("schema_version = 1\n[funds.total]\nexecuted = 1e-9999999\n", "funds.total.executed"),
        ("schema_version = 1\ndeclared_total = nan\n", "declared_total"),
        ("a = " + "[" * 5000, "嵌套过深"),
        ("schema_version = 0\n", "schema_version 不能小于 1"),
    ],
)
def test_hand_edited_extremes_get_one_plain_message(text, message):
    with pytest.raises(InputError, match=message):
        evaluation_from_toml(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('schema_version = 1\n[header]\nproject_name "甲"\n', "第 3 行第 14 列：键名后面应有等号“=”"),
        ("schema_version = 1\nschema_version = 2\n", "第 2 行第 19 列：同一个键写了两次"),
        ("schema_version = 1\n[header]\n[header]\n", "第 3 行第 8 列：表头 header 写了两次"),
        ('schema_version = 1\nx = "没有结尾\n', "第 2 行第 10 列：文字缺少结尾的引号"),
        ("schema_version = 1\nx = 九十\n", "第 2 行第 5 列：值无法识别"),
        ("schema_version = 1\nx = [1, 2\n", "文件末尾：方括号“[”没有对应的“]”"),
    ],
)
def test_toml_syntax_errors_are_plain_chinese_with_line_and_column(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        evaluation_from_toml(text, "form.toml")
    message = caught.value.message
    assert expected in message, message
    assert not any(word in message for word in ("Expected", "Cannot", "Invalid", "Unterminated", "line"))


def test_toml_errors_read_the_same_from_the_standard_parser() -> None:
    import tomllib

    from domain.record.toml_errors import toml_problem

    try:
        tomllib.loads("a = 1\nb 2\n")
    except tomllib.TOMLDecodeError as error:
        assert toml_problem(error) == "第 2 行第 3 列：键名后面应有等号“=”，再写值（如 year = 2020）"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab =\"'[]{},.\n\\#1九") + ["\t", "\x01"]), max_size=40))
def test_every_toml_syntax_error_names_its_place_in_chinese(text: str) -> None:
    import tomli

    from domain.record.toml_errors import toml_problem

    try:
        tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        sentence = toml_problem(error)
        assert sentence.startswith(("第 ", "文件末尾")), sentence
        assert "TOML 写法有误" not in sentence, sentence  # every complaint the parser makes here is translated
