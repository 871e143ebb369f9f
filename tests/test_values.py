"""Tests of domain.record.values: every value written in the seed sheet, the documented readings, and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.record.models import Comparator, Direction, Grade, ParsedValue, ValueKind
from domain.record.value_text import format_number, normalise_text
from domain.record.values import INTERNAL_ERROR_NOTE, describe, parse_value

Q, D, G, T, U, X = (
    ValueKind.QUANTITY,
    ValueKind.DATE,
    ValueKind.GRADE,
    ValueKind.TEXT,
    ValueKind.UNUSED,
    ValueKind.UNREADABLE,
)
GE, GT, LE, LT, EQ = Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT, Comparator.EQ
POS, REV, EQU, QUAL = Direction.POSITIVE, Direction.REVERSE, Direction.EQUAL, Direction.QUALITATIVE
ACH, PART, NOT = Grade.ACHIEVED, Grade.PARTIAL, Grade.NOT_ACHIEVED

# Every distinct 年度指标值 / 实际完成值 of fixtures/seed/sheet-2020-shenzhen.tsv (shifted columns
# resolved by hand): text, kind, comparator, number, unit, grade, direction_hint.
SEED_VALUES = [
    ("", U, None, None, "", None, None),
    ("*", U, None, None, "", None, None),
    ("0", Q, None, "0", "", None, None),
    ("0%", Q, None, "0", "%", None, None),
    ("0.0", Q, None, "0", "", None, None),
    ("0.002", Q, None, "0.002", "", None, None),
    ("0.03", Q, None, "0.03", "", None, None),
    ("0.05", Q, None, "0.05", "", None, None),
    ("0.1", Q, None, "0.1", "", None, None),
    ("0.16%", Q, None, "0.16", "%", None, None),
    ("0.2%", Q, None, "0.2", "%", None, None),
    ("0.78", Q, None, "0.78", "", None, None),
    ("0.8", Q, None, "0.8", "", None, None),
    ("0.9", Q, None, "0.9", "", None, None),
    ("0.95", Q, None, "0.95", "", None, None),
    ("1%", Q, None, "1", "%", None, None),
    ("10%", Q, None, "10", "%", None, None),
    ("100", Q, None, "100", "", None, None),
    ("100%", Q, None, "100", "%", None, None),
    ("100% (110个", Q, None, "100", "%", None, None),
    ("100%以上", Q, GE, "100", "%", None, POS),
    ("11.1%", Q, None, "11.1", "%", None, None),
    ("11个登记所无", T, None, None, "", None, None),
    ("12.4/条", Q, None, "12.4", "/条", None, None),
    ("13", Q, None, "13", "", None, None),
    ("18%", Q, None, "18", "%", None, None),
    ("2%", Q, None, "2", "%", None, None),
    ("2.3%", Q, None, "2.3", "%", None, None),
    ("20%", Q, None, "20", "%", None, None),
    ("2020年临聘人", T, None, None, "", None, None),
    ("20个", Q, None, "20", "个", None, None),
    ("24小时内", Q, LE, "24", "小时", None, REV),
    ("25", Q, None, "25", "", None, None),
    ("3%", Q, None, "3", "%", None, None),
    ("3600平方米", Q, None, "3600", "平方米", None, None),
    ("3个小时", Q, None, "3", "小时", None, REV),
    ("4%", Q, None, "4", "%", None, None),
    ("40", Q, None, "40", "", None, None),
    ("40%", Q, None, "40", "%", None, None),
    ("4个小时", Q, None, "4", "小时", None, REV),
    ("4小时", Q, None, "4", "小时", None, REV),
    ("5%", Q, None, "5", "%", None, None),
    ("50%", Q, None, "50", "%", None, None),
    ("6%", Q, None, "6", "%", None, None),
    ("60%", Q, None, "60", "%", None, None),
    ("66.6%", Q, None, "66.6", "%", None, None),
    ("7%", Q, None, "7", "%", None, None),
    ("70", Q, None, "70", "", None, None),
    ("70%", Q, None, "70", "%", None, None),
    ("72小时之内", Q, LE, "72", "小时", None, REV),
    ("75%", Q, None, "75", "%", None, None),
    ("78%", Q, None, "78", "%", None, None),
    ("8%", Q, None, "8", "%", None, None),
    ("80%", Q, None, "80", "%", None, None),
    ("81%", Q, None, "81", "%", None, None),
    ("85%", Q, None, "85", "%", None, None),
    ("85%以上", Q, GE, "85", "%", None, POS),
    ("85%（暂无理", Q, None, "85", "%", None, None),
    ("87%", Q, None, "87", "%", None, None),
    ("88%", Q, None, "88", "%", None, None),
    ("90%", Q, None, "90", "%", None, None),
    ("90%以上", Q, GE, "90", "%", None, POS),
    ("91%", Q, None, "91", "%", None, None),
    ("92%", Q, None, "92", "%", None, None),
    ("92.5%", Q, None, "92.5", "%", None, None),
    ("94%", Q, None, "94", "%", None, None),
    ("94.8万份", Q, None, "948000", "份", None, None),
    ("95%", Q, None, "95", "%", None, None),
    ("97.6%", Q, None, "97.6", "%", None, None),
    ("98%", Q, None, "98", "%", None, None),
    ("99%", Q, None, "99", "%", None, None),
    ("99%以上", Q, GE, "99", "%", None, POS),
    ("<1%", Q, LT, "1", "%", None, REV),
    (">20万份", Q, GT, "200000", "份", None, POS),
    (">60%", Q, GT, "60", "%", None, POS),
    (">90%", Q, GT, "90", "%", None, POS),
    ("≤13.8元/卷", Q, LE, "13.8", "元/卷", None, REV),
    ("≤9.6元/卷", Q, LE, "9.6", "元/卷", None, REV),
    ("≥99%", Q, GE, "99", "%", None, POS),
    ("不少于10.4万", Q, GE, "104000", "", None, POS),
    ("不高于市场同", T, LE, None, "", None, REV),
    ("不高于社会平", T, LE, None, "", None, REV),
    ("低于", T, LT, None, "", None, REV),
    ("低于社会成本", T, LT, None, "", None, REV),
    ("保险金额不高", T, LE, None, "", None, REV),
    ("劳务人员工资", T, None, None, "", None, None),
    ("劳务人员的工", T, None, None, "", None, None),
    ("及时", G, None, None, "", ACH, QUAL),
    ("及时响应", G, None, None, "", ACH, QUAL),
    ("及时赔付率=", T, None, None, "", None, None),
    ("可拓展", G, None, None, "", ACH, QUAL),
    ("基本满意", G, None, None, "", PART, QUAL),
    ("大于1%", Q, GT, "1", "%", None, POS),
    ("大于50%", Q, GT, "50", "%", None, POS),
    ("大于60%", Q, GT, "60", "%", None, POS),
    ("大部分及时响", G, None, None, "", PART, QUAL),
    ("大部分可拓展", G, None, None, "", PART, QUAL),
    ("完成约10万户", Q, None, "100000", "户", None, None),
    ("完成约3万宗地", Q, None, "30000", "宗地", None, None),
    ("完成约4万栋附", Q, None, "40000", "栋", None, None),
    ("完成附图制作", T, None, None, "", None, None),
    ("履约率=已履", T, None, None, "", None, None),
    ("已完成100%", Q, None, "100", "%", None, None),
    ("平均制作成本", T, None, None, "", None, None),
    ("扩建服务窗口", T, None, None, "", None, None),
    ("抽检全年已支", T, None, None, "", None, None),
    ("抽检率准确率", T, None, None, "", None, None),
    ("按合同完成（", T, None, None, "", None, None),
    ("按比例计算完", T, None, None, "", None, None),
    ("按照计划进度", T, None, None, "", None, None),
    ("施工质量验收", T, None, None, "", None, None),
    ("时效高（暂无", T, None, None, "", None, None),
    ("有利", G, None, None, "", ACH, QUAL),
    ("有效", G, None, None, "", ACH, QUAL),
    ("有效节约社会", T, None, None, "", None, None),
    ("有测绘相关档", T, None, None, "", None, None),
    ("未调查", G, None, None, "", NOT, QUAL),
    ("派遣服务公司", T, None, None, "", None, None),
    ("满意", G, None, None, "", ACH, QUAL),
    ("满意度总分值", T, None, None, "", None, None),
    ("节约2%", Q, None, "2", "%", None, None),
    ("节约5%以内", Q, LE, "5", "%", None, REV),
    ("赔付率=已赔付", T, None, None, "", None, None),
]

# The readings the module documents, beyond the seed.
EXTRA_VALUES = [
    ("８０％", Q, None, "80", "%", None, None),
    ("≧９９％", Q, GE, "99", "%", None, POS),
    ("＞６０％", Q, GT, "60", "%", None, POS),
    ("＜１％", Q, LT, "1", "%", None, REV),
    ("≦13.8元/卷", Q, LE, "13.8", "元/卷", None, REV),
    ("０．９", Q, None, "0.9", "", None, None),
    (" 9 0 % ", Q, None, "90", "%", None, None),
    ("９０\u3000％以上", Q, GE, "90", "%", None, POS),
    (">=90%", Q, GE, "90", "%", None, POS),
    ("不低于95%", Q, GE, "95", "%", None, POS),
    ("至少3个", Q, GE, "3", "个", None, POS),
    ("大于等于80%", Q, GE, "80", "%", None, POS),
    ("超过100万元", Q, GT, "1000000", "元", None, POS),
    ("高于90%", Q, GT, "90", "%", None, POS),
    ("5%以下", Q, LE, "5", "%", None, REV),
    ("不超过3次", Q, LE, "3", "次", None, REV),
    ("不多于2件", Q, LE, "2", "件", None, REV),
    ("小于等于1%", Q, LE, "1", "%", None, REV),
    ("小于5%", Q, LT, "5", "%", None, REV),
    ("少于3次", Q, LT, "3", "次", None, REV),
    ("=0", Q, EQ, "0", "", None, EQU),
    ("等于100%", Q, EQ, "100", "%", None, EQU),
    ("90万元", Q, None, "900000", "元", None, None),
    ("1.2亿", Q, None, "120000000", "", None, None),
    ("5千元", Q, None, "5000", "元", None, None),
    ("2千", Q, None, "2000", "", None, None),
    ("3千米", Q, None, "3", "千米", None, None),
    ("5千克", Q, None, "5", "千克", None, None),
    ("1,234.5万元", Q, None, "12345000", "元", None, None),
    ("3个工作日内", Q, LE, "3", "工作日", None, REV),
    ("三个工作日内", Q, LE, "3", "工作日", None, REV),
    ("5天内完成", Q, LE, "5", "天", None, REV),
    ("6个月", Q, None, "6", "月", None, REV),
    ("30分钟", Q, None, "30", "分钟", None, REV),
    ("百分之九十", Q, None, "90", "%", None, None),
    ("百分之百", Q, None, "100", "%", None, None),
    ("满意度90%", Q, None, "90", "%", None, None),
    ("合格率≥95%", Q, GE, "95", "%", None, POS),
    ("90%(含)以上", Q, GE, "90", "%", None, POS),
    ("不少于90%以上", Q, GE, "90", "%", None, POS),
    ("约90%左右", Q, None, "90", "%", None, None),
    ("5家医院", Q, None, "5", "家", None, None),
    ("3600 m²", Q, None, "3600", "m2", None, None),
    ("-5%", Q, None, "-5", "%", None, None),
    ("90%-95%", Q, GE, "90", "%", None, POS),
    ("3-5个工作日", Q, LE, "5", "工作日", None, REV),
    ("2023年12月", D, None, "202312", "", None, REV),
    ("2021年12月底", D, None, "202112", "", None, REV),
    ("2020年12月31日前", D, LE, "202012", "", None, REV),
    ("2020年7月底", D, None, "202007", "", None, REV),
    ("2023年", D, None, "202312", "", None, REV),
    ("2023年底", D, None, "202312", "", None, REV),
    ("二〇二三年十二月", D, None, "202312", "", None, REV),
    ("2020年12月完成", D, None, "202012", "", None, REV),
    ("12月底前", T, LE, None, "", None, REV),
    ("非常满意", G, None, None, "", ACH, QUAL),
    ("很满意", G, None, None, "", ACH, QUAL),
    ("满意。", G, None, None, "", ACH, QUAL),
    ("比较满意", G, None, None, "", PART, QUAL),
    ("较满意", G, None, None, "", PART, QUAL),
    ("不满意", G, None, None, "", NOT, QUAL),
    ("很不满意", G, None, None, "", NOT, QUAL),
    ("基本有效", G, None, None, "", PART, QUAL),
    ("无效", G, None, None, "", NOT, QUAL),
    ("显著", G, None, None, "", ACH, QUAL),
    ("效果明显", G, None, None, "", ACH, QUAL),
    ("基本及时", G, None, None, "", PART, QUAL),
    ("大部分及时", G, None, None, "", PART, QUAL),
    ("大部分及时响应", G, None, None, "", PART, QUAL),
    ("不及时", G, None, None, "", NOT, QUAL),
    ("达成", G, None, None, "", ACH, QUAL),
    ("达成预期指标", G, None, None, "", ACH, QUAL),
    ("达成年度指标", G, None, None, "", ACH, QUAL),
    ("达成预期", G, None, None, "", ACH, QUAL),
    ("部分达成", G, None, None, "", PART, QUAL),
    ("基本达成", G, None, None, "", PART, QUAL),
    ("未达成", G, None, None, "", NOT, QUAL),
    ("已完成", G, None, None, "", ACH, QUAL),
    ("完成", G, None, None, "", ACH, QUAL),
    ("基本完成", G, None, None, "", PART, QUAL),
    ("未完成", G, None, None, "", NOT, QUAL),
    ("优", G, None, None, "", ACH, QUAL),
    ("良", G, None, None, "", ACH, QUAL),
    ("中", G, None, None, "", PART, QUAL),
    ("一般", G, None, None, "", PART, QUAL),
    ("低", G, None, None, "", NOT, QUAL),
    ("差", G, None, None, "", NOT, QUAL),
    ("是", G, None, None, "", ACH, QUAL),
    ("否", G, None, None, "", NOT, QUAL),
    ("合规", G, None, None, "", ACH, QUAL),
    ("不合规", G, None, None, "", NOT, QUAL),
    ("符合要求", G, None, None, "", ACH, QUAL),
    ("基本符合", G, None, None, "", PART, QUAL),
    ("规范", G, None, None, "", ACH, QUAL),
    ("健全", G, None, None, "", ACH, QUAL),
    ("稳定", G, None, None, "", ACH, QUAL),
    ("基本满", G, None, None, "", PART, QUAL),
    ("不满", T, None, None, "", None, None),
    ("＊", U, None, None, "", None, None),
    ("—", U, None, None, "", None, None),
    ("-", U, None, None, "", None, None),
    ("/", U, None, None, "", None, None),
    ("\u3000", U, None, None, "", None, None),
    ("≥社会平均", T, GE, None, "", None, POS),
    ("不高于社会平均", T, LE, None, "", None, REV),
    ("≥", X, None, None, "", None, None),
    ("#@!", X, None, None, "", None, None),
    ("90%95%", X, None, None, "", None, None),
    ("90%，95%", X, None, None, "", None, None),
    ("大于60%以下", X, None, None, "", None, None),
    ("2023年13月", X, None, None, "", None, None),
]


def _check(text, kind, comparator, number, unit, grade, hint) -> ParsedValue:
    value = parse_value(text)
    assert value.raw == text
    assert value.kind is kind
    assert value.comparator is comparator
    assert value.number == (Decimal(number) if number is not None else None)
    if number is not None:
        assert str(value.number) == number  # exact and plain, never 9.48E+5
    assert value.unit == unit
    assert value.grade is grade
    assert value.direction_hint is hint
    return value


@pytest.mark.parametrize(("text", "kind", "comparator", "number", "unit", "grade", "hint"), SEED_VALUES)
def test_every_seed_value(text, kind, comparator, number, unit, grade, hint):
    _check(text, kind, comparator, number, unit, grade, hint)


@pytest.mark.parametrize(("text", "kind", "comparator", "number", "unit", "grade", "hint"), EXTRA_VALUES)
def test_documented_readings(text, kind, comparator, number, unit, grade, hint):
    _check(text, kind, comparator, number, unit, grade, hint)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("100% (110个", "忽略了尾部文字“(110个”"),
        ("85%（暂无理", "忽略了尾部文字“(暂无理”"),
        ("完成约10万户", "约数"),
        ("完成约4万栋附", "约数；忽略了尾部文字“附”"),
        ("节约5%以内", "“节约”与“以内”同时出现，方向需要确认"),
        ("未调查", "未开展调查，按未达成计"),
        ("大部分及时响", "文字不完整，按“大部分及时响应”理解"),
        ("保险金额不高", "文字被截断，按“不高于”理解"),
        ("满意度90%", "忽略了前面的文字“满意度”"),
        ("90%-95%", "写的是区间“90%-95%”，按下限读作≥90%，请确认"),
        ("2023年", "没有写月份，按12月计"),
        ("2020年6月15日前", "按月比较，未计入日"),
        ("12月底前", "日期没有写年份"),
        ("≥", "只有比较符号，没有数值"),
        ("90%95%", "写了不止一个数值，不能确定按哪个计"),
        ("大于60%以下", "比较词前后矛盾"),
        ("2023年13月", "月份“13”不对"),
        ("８０％", ""),
        ("≥99%", ""),
        ("72小时之内", ""),
    ],
)
def test_notes(text, note):
    assert parse_value(text).note == note


def test_grades_never_read_through_negation_or_qualifier():
    assert parse_value("不满意").grade is NOT
    assert parse_value("基本满意").grade is PART
    assert parse_value("满意").grade is ACH
    assert parse_value("不满意度").kind is T
    assert parse_value("满意度总分值").kind is T


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("８０％", "80%"),
        ("≧９９．５％", "≥99.5%"),
        ("≦ 1 ０ 元", "≤10元"),
        ("＜＝５", "<=5"),
        ("满意\u3000度\t", "满意度"),
        ("ＡＢＣ１２３", "ABC123"),
        ("", ""),
    ],
)
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("90"), "90"),
        (Decimal("0.90"), "0.9"),
        (Decimal("16.670"), "16.67"),
        (Decimal("1E+2"), "100"),
        (Decimal("9.48E+5"), "948000"),
        (Decimal("0.000"), "0"),
        (Decimal("-0"), "0"),
        (Decimal("-2.50"), "-2.5"),
        (Decimal("1E-7"), "0.0000001"),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥99%", "≥99%"),
        ("4个小时", "4小时"),
        ("72小时之内", "≤72小时"),
        ("满意", "满意（达成）"),
        ("基本满意", "基本满意（部分达成）"),
        ("未调查", "未调查（未达成）"),
        ("94.8万份", "948000份"),
        ("完成约10万户", "约100000户"),
        ("2020年12月31日前", "2020年12月前"),
        ("2023年12月", "2023年12月"),
        ("不高于社会平", "不高于社会平"),
        ("*", "未使用"),
        ("", "未填写"),
        ("#@!", "无法识别（#@!）"),
    ],
)
def test_describe(text, expected):
    assert describe(parse_value(text)) == expected


# --- properties ----------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *"0123456789.%,-/()~=<>≥≤≧≦＊* ",
        "万",
        "亿",
        "千",
        "以上",
        "以内",
        "内",
        "不少于",
        "大于",
        "小于",
        "低于",
        "不高于",
        "约",
        "完成",
        "节约",
        "个",
        "小时",
        "个小时",
        "元/卷",
        "份",
        "年",
        "月",
        "日",
        "底",
        "前",
        "满意",
        "基本",
        "不",
        "及时",
        "率",
        "度",
        "（",
        "）",
        "　",
        "百分之",
        "三",
        "十",
    ]
)


def _assert_read(value: ParsedValue, text: str) -> None:
    assert isinstance(value, ParsedValue)
    assert value.raw == text
    assert value.note != INTERNAL_ERROR_NOTE


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    _assert_read(parse_value(text), text)


@settings(max_examples=250, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_never_raises_on_value_like_text(text):
    value = parse_value(text)
    _assert_read(value, text)
    assert describe(value) is not None
    if value.kind in (Q, D):
        assert value.number is not None
    if value.kind is G:
        assert value.grade is not None and value.direction_hint is QUAL


@given(st.decimals(min_value=0, max_value=Decimal(10) ** 15, places=4, allow_nan=False, allow_infinity=False))
def test_percent_round_trips(number):
    for text in (f"{number}%", f"{format_number(number)}%"):
        value = parse_value(text)
        assert value.kind is Q
        assert value.number == number
        assert value.unit == "%"
        assert value.comparator is None


_HALF_TO_FULL = {code: code + 0xFEE0 for code in range(0x21, 0x7F)} | {ord("≥"): "≧", ord("≤"): "≦", ord(" "): "\u3000"}
_SAMPLES = [row[0] for row in SEED_VALUES + EXTRA_VALUES]


@given(st.one_of(st.sampled_from(_SAMPLES), st.lists(_PIECES, max_size=8).map("".join)))
def test_full_width_parses_like_half_width(text):
    half = normalise_text(text)
    full = half.translate(_HALF_TO_FULL)
    assert parse_value(full).replace(raw="") == parse_value(half).replace(raw="")


_WORDS = {
    GE: (["≥", ">=", "不少于", "不低于", "至少", "大于等于"], ["以上", "及以上"]),
    LE: (["≤", "<=", "不高于", "不超过", "不多于", "小于等于"], ["以内", "之内", "内", "以下"]),
}


@given(
    st.sampled_from(sorted(_WORDS)),
    st.data(),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["%", "个", "小时", "个工作日", "元/卷", "", "份", "万份", "平方米"]),
)
def test_comparator_before_or_after_the_number(comparator, data, number, unit):
    before_words, after_words = _WORDS[comparator]
    before = parse_value(f"{data.draw(st.sampled_from(before_words))}{number}{unit}")
    after = parse_value(f"{number}{unit}{data.draw(st.sampled_from(after_words))}")
    assert before.kind is after.kind is Q
    assert before.comparator is after.comparator is comparator
    assert before.number == after.number
    assert before.unit == after.unit


def test_a_range_written_high_to_low_is_read_by_its_lower_bound():
    value = parse_value("95%-90%")
    assert (value.comparator, value.number, value.unit) == (Comparator.GE, Decimal(90), "%")
