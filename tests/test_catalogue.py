"""The indicator catalogue: source and compiled JSON agree, the framework lookups, and loading files."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from domain.catalogue import build as catalogue_build
from domain.catalogue.entries import (
    DEFAULT_PATH,
    CatalogueEntry,
    CatalogueError,
    load_catalogue,
    normalise_key,
)
from domain.record.models import Direction

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_compiled_json_is_in_sync_with_the_toml_source():
    rebuilt = catalogue_build.build(catalogue_build.SOURCE_PATH)
    assert DEFAULT_PATH.read_text(encoding="utf-8") == rebuilt, (
        "catalogue.json is stale: run .venv/bin/python -m domain.catalogue.build"
    )


def test_build_check_mode_reports_in_sync(capsys):
    assert catalogue_build.main(["--check"]) == 0


def test_catalogue_size_and_fields(catalogue):
    assert len(catalogue) >= 150
    names = [entry.name for entry in catalogue.entries]
    assert len(names) == len(set(names))
    framework = {(block.name, level2) for block in catalogue.framework for level2 in block.level2}
    for entry in catalogue.entries:
        assert isinstance(entry, CatalogueEntry)
        assert isinstance(entry.direction, Direction)
        assert (entry.level1, entry.level2) in framework
        assert entry.definition and "\n" not in entry.definition
        assert entry.pinyin.isascii() and entry.initials.isascii()
        assert len(entry.alias_pinyin) == len(entry.aliases) == len(entry.alias_initials)


def test_entries_are_immutable(catalogue):
    entry = catalogue.get("设备故障率")
    with pytest.raises(AttributeError):
        entry.name = "x"  # type: ignore[misc]


def test_a_known_entry_in_full(catalogue):
    entry = catalogue.get("设备故障率")
    assert entry == CatalogueEntry(
        name="设备故障率",
        aliases=(),
        level1="产出指标",
        level2="质量指标",
        direction=Direction.REVERSE,
        unit="%",
        definition="发生故障的设备台（次）数 ÷ 设备总台（次）数",
        typical_target="≤5%",
        pinyin="shebeiguzhanglv",
        initials="sbgzl",
    )


@pytest.mark.parametrize(
    ("name", "pinyin", "initials"),
    [
        ("系统正常运行率", "xitongzhengchangyunxinglv", "xtzcyxl"),
        ("长效管理机制健全性", "changxiaoguanlijizhijianquanxing", "cxgljzjqx"),
        ("0-6岁儿童健康管理数", "06suiertongjiankangguanlishu", "06setjkgls"),
        ("建设规模（平方米）", "jiansheguimopingfangmi", "jsgmpfm"),
    ],
)
def test_stored_pinyin(catalogue, name, pinyin, initials):
    entry = catalogue.get(name)
    assert (entry.pinyin, entry.initials) == (pinyin, initials)


def test_alias_pinyin_is_stored_beside_each_alias(catalogue):
    entry = catalogue.get("建设规模（平方米）")
    assert entry.aliases == ("建设规模（平", "建设规模")
    assert entry.alias_pinyin == ("jiansheguimoping", "jiansheguimo")
    assert entry.alias_initials == ("jsgmp", "jsgm")


@pytest.mark.parametrize(
    ("cut", "full"),
    [
        ("系统正常运行", "系统正常运行率"),
        ("服务大厅满意", "服务大厅满意度"),
        ("项目招标资金", "项目招标资金节约率"),
        ("建设规模（平", "建设规模（平方米）"),
        ("建设规模(平", "建设规模（平方米）"),  # half-width bracket
        (" 服务大厅满意 ", "服务大厅满意度"),
    ],
)
def test_get_by_cut_alias(catalogue, cut, full):
    assert catalogue.get(cut).name == full


def test_get_unknown_returns_none(catalogue):
    assert catalogue.get("不存在的指标") is None
    assert catalogue.get("") is None


@pytest.mark.parametrize(
    ("cut", "level2", "full"),
    [
        ("档案整理扫描", "数量指标", "档案整理扫描完成率"),
        ("档案整理扫描", "质量指标", "档案整理扫描合格率"),
        ("档案整理扫描", "质量", "档案整理扫描合格率"),
        ("课题研究结题", "数量指标", "课题研究结题完成率"),
        ("课题研究结题", "质量指标", "课题研究结题验收通过率"),
        ("案件应诉代理", "质量指标", "案件应诉代理合格率"),
        ("案件应诉代理", "时效指标", "案件应诉代理及时率"),
        ("房屋分户附图", "数量指标", "房屋分户附图制作数量"),
        ("房屋分户附图", "质量指标", "房屋分户附图关联准确率"),
        ("甲方综合评判", "社会效益指标", "甲方综合评判得分率"),
        ("甲方综合评判", "满意度指标", "甲方综合评判满意度"),
    ],
)
def test_shared_alias_is_settled_by_level2(catalogue, cut, level2, full):
    assert catalogue.get(cut) is None
    assert len(catalogue.candidates(cut)) == 2
    assert catalogue.resolve(cut, level2).name == full


def test_resolve_without_deciding_context(catalogue):
    assert catalogue.resolve("档案整理扫描") is None
    assert catalogue.resolve("档案整理扫描", "时效指标") is None  # neither twin is a 时效 indicator
    assert catalogue.resolve("设备故障率", "社会效益指标").name == "设备故障率"  # a unique name wins
    assert catalogue.resolve("设备故障") is None  # resolve is exact; fuzzy matching is domain.catalogue.matching


def test_level1_names(catalogue):
    assert catalogue.level1_names() == ["产出指标", "效益指标", "满意度指标", "成本指标"]
    assert catalogue.level1_names(include_evaluation=True) == [
        "产出指标",
        "效益指标",
        "满意度指标",
        "成本指标",
        "决策指标",
        "过程指标",
    ]


def test_level2_names(catalogue):
    assert catalogue.level2_names("产出指标") == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert catalogue.level2_names("效益") == ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]
    assert catalogue.level2_names("满意度指标") == ["服务对象满意度指标"]
    assert catalogue.level2_names("成本指标") == ["经济成本指标", "社会成本指标", "生态环境成本指标"]
    assert catalogue.level2_names("无此指标") == []
    everything = catalogue.level2_names()
    assert everything[:4] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert "服务对象满意度指标" in everything and "资金管理" in everything


@pytest.mark.parametrize(
    ("level2", "level1"),
    [
        ("数量指标", "产出指标"),
        ("成本指标", "产出指标"),
        ("经济成本指标", "成本指标"),
        ("社会效益", "效益指标"),
        ("可持续影响指标", "效益指标"),
        ("满意度指标", "满意度指标"),
        ("服务对象满意度指标", "满意度指标"),
        ("资金管理", "过程指标"),
        ("效益指标", None),
        ("", None),
        (None, None),
    ],
)
def test_level1_of(catalogue, level2, level1):
    assert catalogue.level1_of(level2) == level1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("产出指标", "产出指标"),
        ("产出", "产出指标"),
        (" 效益指标 ", "效益指标"),
        ("满意度", "满意度指标"),
        ("成本指标", "成本指标"),
        ("决策", "决策指标"),
        ("数量指标", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_level1(catalogue, text, expected):
    assert catalogue.normalise_level1(text) == expected


@pytest.mark.parametrize(
    ("text", "level1", "expected"),
    [
        ("数量指标", None, "数量指标"),
        ("社会效益", None, "社会效益指标"),
        ("社会效益指标", None, "社会效益指标"),
        ("满意度指标", None, "服务对象满意度指标"),
        ("满意度", None, "服务对象满意度指标"),
        ("服务对象满意度", None, "服务对象满意度指标"),
        ("社会公众或服务对象满意度指标", None, "服务对象满意度指标"),
        ("", "满意度指标", "服务对象满意度指标"),
        (None, "满意度", "服务对象满意度指标"),
        ("", "产出指标", None),
        ("", None, None),
        ("经济成本", None, "经济成本指标"),
        ("生态成本指标", None, "生态环境成本指标"),
        ("可持续影响", None, "可持续影响指标"),
        ("效益指标", None, None),
        ("档案扫描单价", None, None),
    ],
)
def test_normalise_level2(catalogue, text, level1, expected):
    assert catalogue.normalise_level2(text, level1) == expected


def test_entries_under(catalogue):
    under = catalogue.entries_under("满意度指标")
    assert under and all(entry.level2 == "服务对象满意度指标" for entry in under)
    assert catalogue.entries_under("不是二级") == []


@pytest.mark.parametrize(
    "name",
    [
        # split "a / b" cells of the national and provincial lists
        "居民健康档案",
        "建立预防接种证",
        "0-6岁儿童健康管理数",
        "老年人体检数",
        "高血压规范管理数",
        "糖尿病规范管理数",
        "严重精神障碍患者管理数",
        "家庭医生签约（人数）",
        "故障修复率",
        "故障排除率",
        "档案整理扫描合格率",
        "数字化成果合格率",
        "网络安全事件发生数",
        "安全事故发生次数",
        "完成及时率",
        "完成及时性",
        "维护及时率",
        "运维响应及时率",
        "设备采购单价",
        "单位运维成本",
        "政务服务效率提升",
        "群众办事便利度",
        "数据共享率",
        "“一网通办”率",
        "无纸化办公推进",
        "节能减排",
        "系统持续稳定运行",
        "设备使用年限",
        "使用人员满意度",
        "办事群众满意度",
        "成本控制数",
        "项目质量可控性",
    ],
)
def test_listed_names_are_present(catalogue, name):
    assert catalogue.get(name) is not None and catalogue.get(name).name == name


@pytest.mark.parametrize(
    ("name", "direction"),
    [
        ("设备故障率", Direction.REVERSE),
        ("系统正常运行率", Direction.POSITIVE),
        ("成本控制率", Direction.EQUAL),
        ("经费支出合规性", Direction.QUALITATIVE),
        ("日常新增档案整理扫描时限", Direction.REVERSE),
        ("项目招标资金节约率", Direction.POSITIVE),
    ],
)
def test_directions(catalogue, name, direction):
    assert catalogue.get(name).direction is direction


def test_cost_indicator_under_101_framework(catalogue):
    entry = catalogue.get("成本控制数")
    assert (entry.level1, entry.level2) == ("成本指标", "经济成本指标")


def test_normalise_key():
    assert normalise_key("建设规模（平方米）") == "建设规模(平方米)"
    assert normalise_key(" ＳＢ　gzl ") == "sbgzl"
    assert normalise_key(None) == ""


def test_load_is_cached():
    assert load_catalogue() is load_catalogue()
    assert load_catalogue(DEFAULT_PATH) is load_catalogue()


MINI_SOURCE = """
format = 1
[[framework]]
level1 = "产出指标"
level2 = ["数量指标", "质量指标"]

[[group]]
level1 = "产出指标"
level2 = "质量指标"
entries = [
  { name = "设备故障率", aliases = ["设备故障"], direction = "reverse", unit = "%", definition = "故障设备占比" },
]
"""


def test_load_user_toml(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(MINI_SOURCE, encoding="utf-8")
    mine = load_catalogue(path)
    assert [entry.name for entry in mine.entries] == ["设备故障率"]
    entry = mine.get("设备故障")
    assert (entry.pinyin, entry.initials, entry.alias_pinyin) == ("shebeiguzhanglv", "sbgzl", ("shebeiguzhang",))
    assert entry.typical_target is None


def test_load_user_json(tmp_path):
    path = tmp_path / "mine.json"
    data = catalogue_build.compile_source(tomllib.loads(MINI_SOURCE))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_catalogue(path).get("设备故障率").direction is Direction.REVERSE


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("{not json", ".json", "不是有效的 JSON"),
        ('{"framework": []}', ".json", "格式不对"),
        ('{"framework": [], "entries": [{"name": "x"}]}', ".json", "格式不对"),
        ("format = [", ".toml", "不是有效的 TOML"),
        (MINI_SOURCE.replace('"reverse"', '"down"'), ".toml", "direction"),
        (MINI_SOURCE.replace('level2 = "质量指标"', 'level2 = "时效指标"'), ".toml", "不在指标框架中"),
        (MINI_SOURCE.replace('aliases = ["设备故障"]', 'aliases = ["设备故障率"]'), ".toml", "别名重复"),
    ],
)
def test_bad_user_catalogue_raises_catalogue_error(tmp_path, content, suffix, message):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(path)


def test_missing_user_catalogue(tmp_path):
    with pytest.raises(CatalogueError, match="无法读取"):
        load_catalogue(tmp_path / "absent.json")


def test_duplicate_names_and_alias_clashes_are_rejected():
    source = tomllib.loads(MINI_SOURCE)
    twice = dict(source, group=[source["group"][0], source["group"][0]])
    with pytest.raises(catalogue_build.CatalogueSourceError, match="重复"):
        catalogue_build.compile_source(twice)
    clash = tomllib.loads(
        MINI_SOURCE.replace(
            'definition = "故障设备占比" },',
            'definition = "故障设备占比" },\n  { name = "设备完好率", aliases = ["设备故障率"], '
            'direction = "positive", unit = "%", definition = "完好设备占比" },',
        )
    )
    with pytest.raises(catalogue_build.CatalogueSourceError, match="同名"):
        catalogue_build.compile_source(clash)


def test_runtime_modules_import_neither_pypinyin_nor_textual():
    code = (
        "import sys\n"
        "from domain.catalogue.matching import match_indicator\n"
        "assert match_indicator('sbgzl')[0].entry.name == '设备故障率'\n"
        "bad = [m for m in ('pypinyin', 'textual') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
