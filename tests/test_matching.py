"""Fuzzy matching of typed indicator names: every seed-sheet row, typos, pinyin, the 二级 context, invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.catalogue.entries import catalogue_from_data, load_catalogue
from domain.catalogue.matching import IndicatorMatcher, Match, match_indicator

SEED_SHEET = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "sheet-2020-shenzhen.tsv"

# Every 三级 cell of the 37 seed forms, once per (一级, 二级, name) as the sheet has it: the 一级 carried
# down the merged cells, the 二级 as written ("" where the sheet leaves it blank, 满意度指标 where it
# puts the 一级 name in the 二级 column, the carried-down 二级 for rows the export shifted left).
SEED_ROWS = [
    # 产出指标 · 数量指标
    ("产出指标", "数量指标", "硬件配置完成", "硬件配置完成率"),
    ("产出指标", "数量指标", "档案整理扫描", "档案整理扫描完成率"),
    ("产出指标", "数量指标", "房屋分户附图", "房屋分户附图制作数量"),
    ("产出指标", "数量指标", "楼栋宗地附图", "楼栋宗地附图制作数量"),
    ("产出指标", "数量指标", "宗地档案整理", "宗地档案整理数量"),
    ("产出指标", "数量指标", "系统扩展性", "系统扩展性"),
    ("产出指标", "数量指标", "软件配置完成", "软件配置完成率"),
    ("产出指标", "数量指标", "增加停车位", "增加停车位"),
    ("产出指标", "数量指标", "系统集成完成", "系统集成完成率"),
    ("产出指标", "数量指标", "理赔案件赔付", "理赔案件赔付率"),
    ("产出指标", "数量指标", "建设规模（平", "建设规模（平方米）"),
    ("产出指标", "数量指标", "配套设施完成", "配套设施完成率"),
    ("产出指标", "数量指标", "主体工程完成", "主体工程完成率"),
    ("产出指标", "数量指标", "第一期完成率", "第一期完成率"),
    ("产出指标", "数量指标", "第二期完成率", "第二期完成率"),
    ("产出指标", "数量指标", "第三期完成率", "第三期完成率"),
    ("产出指标", "数量指标", "结转率", "结转率"),
    ("产出指标", "数量指标", "对接率", "对接率"),
    ("产出指标", "数量指标", "采购数量完成", "采购数量完成率"),
    ("产出指标", "数量指标", "办文量", "办文量"),
    ("产出指标", "数量指标", "采购率", "采购率"),
    ("产出指标", "数量指标", "到位及时率", "到位及时率"),
    ("产出指标", "数量指标", "发放到位率", "发放到位率"),
    ("产出指标", "数量指标", "行政案件数量", "行政案件数量"),
    ("产出指标", "数量指标", "接访率", "接访率"),
    ("产出指标", "数量指标", "光纤线路配置", "光纤线路配置完成率"),
    ("产出指标", "数量指标", "培训人数达标", "培训人数达标率"),
    ("产出指标", "数量指标", "课题研究结题", "课题研究结题完成率"),
    ("产出指标", "数量指标", "城乡居民基本", "城乡居民基本养老保险补缴率"),
    # 产出指标 · 质量指标
    ("产出指标", "质量指标", "设备故障率", "设备故障率"),
    ("产出指标", "质量指标", "档案整理扫描", "档案整理扫描合格率"),
    ("产出指标", "质量指标", "附图关联准确", "附图关联准确率"),
    ("产出指标", "质量指标", "房屋分户附图", "房屋分户附图关联准确率"),
    ("产出指标", "质量指标", "楼栋宗地附图", "楼栋宗地附图关联准确率"),
    ("产出指标", "质量指标", "系统验收合格", "系统验收合格率"),
    ("产出指标", "质量指标", "验收合格率", "验收合格率"),
    ("产出指标", "质量指标", "保险人履约质", "保险人履约质量"),
    ("产出指标", "质量指标", "设计单位资质", "设计单位资质合格率"),
    ("产出指标", "质量指标", "监理单位资质", "监理单位资质合格率"),
    ("产出指标", "质量指标", "施工单位资质", "施工单位资质合格率"),
    ("产出指标", "质量指标", "出错率", "出错率"),
    ("产出指标", "质量指标", "结转完成率", "结转完成率"),
    ("产出指标", "质量指标", "安装运行率", "安装运行率"),
    ("产出指标", "质量指标", "办结率", "办结率"),
    ("产出指标", "质量指标", "布料成分、纱", "布料成分、纱支合格率"),
    ("产出指标", "质量指标", "支付及时率", "支付及时率"),
    ("产出指标", "质量指标", "发放准确率", "发放准确率"),
    ("产出指标", "质量指标", "案件完成率", "案件完成率"),
    ("产出指标", "质量指标", "案件应诉代理", "案件应诉代理合格率"),
    ("产出指标", "质量指标", "解答全面性", "解答全面性"),
    ("产出指标", "质量指标", "施工质量验收", "施工质量验收合格率"),
    ("产出指标", "质量指标", "培训出勤率", "培训出勤率"),
    ("产出指标", "质量指标", "光纤线路故障", "光纤线路故障率"),
    ("产出指标", "质量指标", "课题研究结题", "课题研究结题验收通过率"),
    ("产出指标", "质量指标", "交足率", "交足率"),
    ("产出指标", "质量指标", "采购公开率", "采购公开率"),
    # 产出指标 · 时效指标
    ("产出指标", "时效指标", "维护及时率", "维护及时率"),
    ("产出指标", "时效指标", "日常新增档案", "日常新增档案整理扫描时限"),
    ("产出指标", "时效指标", "附图制作关联", "附图制作关联完成及时率"),
    ("产出指标", "时效指标", "专用软件编制", "专用软件编制完成及时率"),
    ("产出指标", "时效指标", "系统故障修复", "系统故障修复响应时间"),
    ("产出指标", "时效指标", "项目竣工及时", "项目竣工及时率"),
    ("产出指标", "时效指标", "赔偿时效", "赔偿时效"),
    ("产出指标", "时效指标", "工程计量拨款", "工程计量拨款及时率"),
    ("产出指标", "时效指标", "工程进度达标", "工程进度达标率"),
    ("产出指标", "时效指标", "数据整理时效", "数据整理时效达标率"),
    ("产出指标", "时效指标", "结转及时率", "结转及时率"),
    ("产出指标", "时效指标", "故障排除及时", "故障排除及时性"),
    ("产出指标", "时效指标", "采购及时率", "采购及时率"),
    ("产出指标", "时效指标", "按时办文率", "按时办文率"),
    ("产出指标", "时效指标", "支付及时率", "支付及时率"),
    ("产出指标", "时效指标", "发放及时率", "发放及时率"),
    ("产出指标", "时效指标", "应诉代理工作", "应诉代理工作及时率"),
    ("产出指标", "时效指标", "案件应诉代理", "案件应诉代理及时率"),
    ("产出指标", "时效指标", "响应速度", "响应速度"),
    ("产出指标", "时效指标", "培训完成及时", "培训完成及时率"),
    ("产出指标", "时效指标", "资金发放及时", "资金发放及时率"),
    # 产出指标 · 成本指标
    ("产出指标", "成本指标", "项目招标资金", "项目招标资金节约率"),
    ("产出指标", "成本指标", "档案整理单价", "档案整理单价"),
    ("产出指标", "成本指标", "档案扫描单价", "档案扫描单价"),
    ("产出指标", "成本指标", "附图制作成本", "附图制作成本"),
    ("产出指标", "成本指标", "软件开发成本", "软件开发成本"),
    ("产出指标", "成本指标", "系统维护成本", "系统维护成本"),
    ("产出指标", "成本指标", "项目成本节约", "项目成本节约率"),
    ("产出指标", "成本指标", "档案信息查询", "档案信息查询成本"),
    ("产出指标", "成本指标", "保险金额", "保险金额"),
    ("产出指标", "成本指标", "单位公里投资", "单位公里投资"),
    ("产出指标", "成本指标", "平均单价", "平均单价"),
    ("产出指标", "成本指标", "全成本", "全成本"),
    ("产出指标", "成本指标", "成本控制率", "成本控制率"),
    ("产出指标", "成本指标", "服务费折扣率", "服务费折扣率"),
    ("产出指标", "成本指标", "招标节约率（", "招标节约率"),
    ("产出指标", "成本指标", "人均培训费用", "人均培训费用"),
    ("产出指标", "成本指标", "经费节约率", "经费节约率"),
    # 效益指标 · 经济效益指标
    ("效益指标", "经济效益指标", "单位造价合理", "单位造价合理率"),
    ("效益指标", "经济效益指标", "完工验收通过", "完工验收通过率"),
    ("效益指标", "经济效益指标", "概算执行率", "概算执行率"),
    # 效益指标 · 社会效益指标
    ("效益指标", "社会效益指标", "系统正常运行", "系统正常运行率"),
    ("效益指标", "社会效益指标", "日常新增纸质", "日常新增纸质档案电子化及时性"),
    ("效益指标", "社会效益指标", "有利于权利人", "有利于权利人维护合法权益"),
    ("效益指标", "社会效益指标", "促进房地产安", "促进房地产安全交易"),
    ("效益指标", "社会效益指标", "有利于利害关", "有利于利害关系人查询利用"),
    ("效益指标", "社会效益指标", "设计功能实现", "设计功能实现率"),
    ("效益指标", "社会效益指标", "及时赔偿率", "及时赔偿率"),
    ("效益指标", "社会效益指标", "建筑利用率", "建筑利用率"),
    ("效益指标", "社会效益指标", "设施功能运转", "设施功能运转率"),
    ("效益指标", "社会效益指标", "正常运行", "正常运行率"),
    ("效益指标", "社会效益指标", "成本利润率", "成本利润率"),
    ("效益指标", "社会效益指标", "节约资源率", "节约资源率"),
    ("效益指标", "社会效益指标", "设备正常运行", "设备正常运行率"),
    ("效益指标", "社会效益指标", "成本利用率", "成本利用率"),
    ("效益指标", "社会效益指标", "社会效能", "社会效能"),
    ("效益指标", "社会效益指标", "人员流失率", "人员流失率"),
    ("效益指标", "社会效益指标", "案件胜诉率", "案件胜诉率"),
    ("效益指标", "社会效益指标", "甲方综合评判", "甲方综合评判得分率"),
    ("效益指标", "社会效益指标", "提升办文人员", "提升办文人员工作效率"),
    ("效益指标", "社会效益指标", "合理办文流线", "合理办文流线布局"),
    ("效益指标", "社会效益指标", "培训考试合格", "培训考试合格率"),
    ("效益指标", "社会效益指标", "网络正常运行", "网络正常运行率"),
    ("效益指标", "社会效益指标", "采纳率", "采纳率"),
    # 满意度指标 with a blank 二级
    ("满意度指标", "", "服务大厅满意", "服务大厅满意度"),
    ("满意度指标", "", "用户满意度", "用户满意度"),
    ("满意度指标", "", "权利人对附图", "权利人对附图满意度"),
    ("满意度指标", "", "使用人员满意", "使用人员满意度"),
    ("满意度指标", "", "公众满意度", "公众满意度"),
    ("满意度指标", "", "保险满意度", "保险满意度"),
    ("满意度指标", "", "群众满意度", "群众满意度"),
    ("满意度指标", "", "工作人员满意", "工作人员满意度"),
    ("满意度指标", "", "收款方满意度", "收款方满意度"),
    ("满意度指标", "", "会议系统平台", "会议系统平台满意度"),
    ("满意度指标", "", "中心员工满意", "中心员工满意度"),
    ("满意度指标", "", "业主满意度", "业主满意度"),
    ("满意度指标", "", "员工满意度", "员工满意度"),
    ("满意度指标", "", "工作配合率", "工作配合率"),
    ("满意度指标", "", "职员满意度", "职员满意度"),
    ("满意度指标", "", "参训人员满意", "参训人员满意度"),
    ("满意度指标", "", "甲方综合评判", "甲方综合评判满意度"),
    # 满意度指标 written in the 二级 column (under 效益指标 carried down)
    ("效益指标", "满意度指标", "用户满意度", "用户满意度"),
    ("效益指标", "满意度指标", "使用单位满意", "使用单位满意度"),
    ("效益指标", "满意度指标", "工作人员满意", "工作人员满意度"),
    ("效益指标", "满意度指标", "群众满意度", "群众满意度"),
    ("效益指标", "满意度指标", "数据服务满意", "数据服务满意度"),
    ("", "满意度指标", "窗口人员满意", "窗口人员满意度"),
]


@pytest.fixture(scope="module")
def matcher():
    return IndicatorMatcher(load_catalogue())


def test_seed_rows_are_taken_from_the_sheet():
    sheet = SEED_SHEET.read_text(encoding="utf-8")
    cells = {cell for line in sheet.splitlines() for cell in line.split("\t")}
    missing = [name for _, _, name, _ in SEED_ROWS if name not in cells]
    assert not missing
    assert len(SEED_ROWS) == len({(l1, l2, name) for l1, l2, name, _ in SEED_ROWS})


@pytest.mark.parametrize(("level1", "level2", "written", "intended"), SEED_ROWS)
def test_every_seed_row_matches_its_entry_first(matcher, level1, level2, written, intended):
    results = matcher.search(written, level2, level1=level1)
    assert results[0].entry.name == intended
    assert results[0].score == 100.0
    assert results[0].how in ("exact", "alias")
    assert len(results) < 2 or results[1].score < 100.0


@pytest.mark.parametrize(("written", "level2", "intended"), [(n, l2, i) for _, l2, n, i in SEED_ROWS if l2])
def test_seed_rows_match_with_the_level2_alone_where_it_is_written(matcher, written, level2, intended):
    assert matcher.search(written, level2)[0].entry.name == intended


def test_shared_cut_name_without_context_ties(matcher):
    first, second = matcher.search("档案整理扫描")[:2]
    assert {first.entry.name, second.entry.name} == {"档案整理扫描完成率", "档案整理扫描合格率"}
    assert first.score == second.score == 100.0


@pytest.mark.parametrize(
    ("level2", "winner", "loser_score"),
    [
        ("质量指标", "档案整理扫描合格率", 95.0),
        ("数量指标", "档案整理扫描完成率", 95.0),
        ("质量", "档案整理扫描合格率", 95.0),
    ],
)
def test_level2_breaks_the_tie(matcher, level2, winner, loser_score):
    first, second = matcher.search("档案整理扫描", level2)[:2]
    assert (first.entry.name, first.score, first.how) == (winner, 100.0, "alias")
    assert second.score == loser_score


def test_level2_is_a_bonus_not_a_filter(matcher):
    # The user files 维护及时率 under the wrong 二级: the exact name still wins outright.
    first = matcher.search("维护及时率", "质量指标")[0]
    assert (first.entry.name, first.score, first.how) == ("维护及时率", 100.0, "exact")
    # A typo with the wrong 二级 still finds the entry, a few points down.
    first = matcher.search("设被故障率", "时效指标")[0]
    assert (first.entry.name, first.score) == ("设备故障率", 75.0)


@pytest.mark.parametrize(
    ("query", "level2", "expected", "score", "how", "matched"),
    [
        ("设备故障率", None, "设备故障率", 100.0, "exact", "设备故障率"),
        ("系统正常运行", None, "系统正常运行率", 100.0, "alias", "系统正常运行"),
        # typos
        ("设被故障率", None, "设备故障率", 80.0, "fuzzy", "设备故障率"),
        ("系统正常运形率", None, "系统正常运行率", 85.71, "fuzzy", "系统正常运行率"),
        ("档案整理扫苗", "质量指标", "档案整理扫描合格率", 83.33, "fuzzy", "档案整理扫描"),
        # a missing, extra or swapped 率 / 度
        ("设备故障", None, "设备故障率", 96.0, "fuzzy", "设备故障率"),
        ("服务大厅满意率", None, "服务大厅满意度", 96.0, "fuzzy", "服务大厅满意度"),
        ("维护及时率率", None, "维护及时率", 90.91, "fuzzy", "维护及时率"),
        # cut names that are not aliases: the start of a longer name
        ("营养改善计划", None, "营养改善计划覆盖率", 86.67, "fuzzy", "营养改善计划覆盖率"),
        ("国家奖学金按标", None, "国家奖学金按标准发放率", 85.91, "fuzzy", "国家奖学金按标准发放率"),
        # full-width characters and spaces
        ("设备 故障率", None, "设备故障率", 100.0, "exact", "设备故障率"),
        ("设备故障率\u3000", None, "设备故障率", 100.0, "exact", "设备故障率"),
        ("建设规模(平方米)", None, "建设规模（平方米）", 100.0, "exact", "建设规模（平方米）"),
        ("满意度（%）", None, "满意度", 100.0, "exact", "满意度"),
        ("设备故障率(%)", None, "设备故障率", 100.0, "exact", "设备故障率"),
        # pinyin, full or initials, any case, ü typed as u or v
        ("sbgzl", None, "设备故障率", 95.0, "initials", "sbgzl"),
        ("SBGZL", None, "设备故障率", 95.0, "initials", "sbgzl"),
        ("ＳＢＧＺＬ", None, "设备故障率", 95.0, "initials", "sbgzl"),
        ("shebeiguzhang", None, "设备故障率", 91.67, "pinyin", "shebeiguzhanglv"),
        ("shebeiguzhanglv", None, "设备故障率", 100.0, "pinyin", "shebeiguzhanglv"),
        ("shebeiguzhanglu", None, "设备故障率", 100.0, "pinyin", "shebeiguzhanglv"),
        ("xitong zhengchang yunxing", None, "系统正常运行率", 100.0, "pinyin", "xitongzhengchangyunxing"),
        ("fwdtmyd", None, "服务大厅满意度", 95.0, "initials", "fwdtmyd"),
        ("shebeiguzanglv", None, "设备故障率", 91.72, "pinyin", "shebeiguzhanglv"),
    ],
)
def test_examples(matcher, query, level2, expected, score, how, matched):
    first = matcher.search(query, level2)[0]
    assert (first.entry.name, first.score, first.how, first.matched) == (expected, score, how, matched)


def test_limit(matcher):
    assert len(matcher.search("满意度", limit=3)) == 3
    assert matcher.search("满意度", limit=0) == []
    assert matcher.search("满意度", limit=-1) == []
    assert len(matcher.search("满意度", limit=100)) > 5


@pytest.mark.parametrize("query", ["", "   ", "\u3000", "\x00", "%%%", None, 123])
def test_empty_or_odd_queries(matcher, query):
    results = matcher.search(query)  # type: ignore[arg-type]
    assert isinstance(results, list)
    assert all(isinstance(m, Match) for m in results)


def test_empty_query_gives_nothing(matcher):
    assert matcher.search("") == []
    assert matcher.search(" \u3000 ") == []


def test_module_level_function_uses_the_shipped_catalogue(matcher):
    assert match_indicator("项目招标资金", "成本指标") == matcher.search("项目招标资金", "成本指标")
    assert match_indicator("甲方综合评判", "", level1="满意度指标")[0].entry.name == "甲方综合评判满意度"


def test_a_small_custom_catalogue():
    data = {
        "framework": [{"level1": "产出指标", "level2": ["数量指标", "质量指标"]}],
        "entries": [
            {
                "name": "设备完好率",
                "level1": "产出指标",
                "level2": "质量指标",
                "direction": "positive",
                "pinyin": "shebeiwanhaolv",
                "initials": "sbwhl",
            },
            {
                "name": "设备采购数量",
                "aliases": ["设备采购"],
                "level1": "产出指标",
                "level2": "数量指标",
                "direction": "positive",
            },
        ],
    }
    small = IndicatorMatcher(catalogue_from_data(data))
    assert [m.entry.name for m in small.search("设备")] == ["设备采购数量", "设备完好率"]
    assert small.search("设备", "质量指标")[0].entry.name == "设备完好率"
    assert small.search("sbwhl")[0].how == "initials"
    assert small.search("设备采购")[0].how == "alias"


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("设备故障率满意度系统正常运行（）() 　率度指标sbgzlv"),
    ),
    max_size=40,
)
LEVEL2 = st.one_of(
    st.none(), st.sampled_from(["", "质量指标", "满意度指标", "社会效益", "效益指标", "乱写"]), st.text()
)


@settings(max_examples=200, deadline=None)
@given(query=TEXT, level2=LEVEL2, level1=st.one_of(st.none(), st.text(max_size=8)), limit=st.integers(-3, 12))
def test_search_never_raises_and_is_sorted(matcher, query, level2, level1, limit):
    results = matcher.search(query, level2, limit, level1=level1)
    assert len(results) <= max(limit, 0)
    scores = [m.score for m in results]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 100.0 for s in scores)
    assert all(m.how in {"exact", "alias", "fuzzy", "pinyin", "initials"} for m in results)
    assert len({m.entry.name for m in results}) == len(results)


@settings(max_examples=100, deadline=None)
@given(entry_index=st.integers(0, 10_000), cut=st.integers(0, 3))
def test_any_name_or_its_pinyin_finds_itself(matcher, entry_index, cut):
    entries = matcher.catalogue.entries
    entry = entries[entry_index % len(entries)]
    assert matcher.search(entry.name, entry.level2)[0].entry is entry
    if entry.pinyin and cut == 0:
        found = matcher.search(entry.pinyin, entry.level2)
        assert found[0].score == 100.0 and entry in [m.entry for m in found if m.score == 100.0]
