"""The words, signs and patterns values are written with: comparators, units, multipliers, grades, Chinese numerals."""

from __future__ import annotations

import re

from domain.record.kinds import Comparator, Direction, Grade

WIDTH_TABLE: dict[int, int | str | None] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
WIDTH_TABLE.update(
    {
        0x2267: "≥",  # ≧
        0x2266: "≤",  # ≦
        0x2A7E: "≥",  # ⩾
        0x2A7D: "≤",  # ⩽
        0xFE6A: "%",  # ﹪
        0xFE64: "<",
        0xFE65: ">",
        0xFE66: "=",
        0x2212: "-",  # minus sign
        0x00B2: "2",  # m²
        0x00B3: "3",  # m³
        0xFF5F: "(",
        0xFF60: ")",
    }
)
INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")

DIRECTION_OF = {
    Comparator.GE: Direction.POSITIVE,
    Comparator.GT: Direction.POSITIVE,
    Comparator.LE: Direction.REVERSE,
    Comparator.LT: Direction.REVERSE,
    Comparator.EQ: Direction.EQUAL,
}
SYMBOL = {Comparator.GE: "≥", Comparator.GT: ">", Comparator.LE: "≤", Comparator.LT: "<", Comparator.EQ: "="}

PREFIX_COMPARATORS = {
    ">=": Comparator.GE,
    "=>": Comparator.GE,
    "≥": Comparator.GE,
    "不少于": Comparator.GE,
    "不低于": Comparator.GE,
    "不小于": Comparator.GE,
    "至少": Comparator.GE,
    "大于等于": Comparator.GE,
    "大于或等于": Comparator.GE,
    "高于或等于": Comparator.GE,
    ">": Comparator.GT,
    "大于": Comparator.GT,
    "超过": Comparator.GT,
    "高于": Comparator.GT,
    "多于": Comparator.GT,
    "<=": Comparator.LE,
    "=<": Comparator.LE,
    "≤": Comparator.LE,
    "不高于": Comparator.LE,
    "不超过": Comparator.LE,
    "不多于": Comparator.LE,
    "不大于": Comparator.LE,
    "小于等于": Comparator.LE,
    "小于或等于": Comparator.LE,
    "低于或等于": Comparator.LE,
    "最多": Comparator.LE,
    "<": Comparator.LT,
    "小于": Comparator.LT,
    "低于": Comparator.LT,
    "少于": Comparator.LT,
    "不足": Comparator.LT,
    "=": Comparator.EQ,
    "==": Comparator.EQ,
    "等于": Comparator.EQ,
}
SUFFIX_COMPARATORS = {
    "及以上": Comparator.GE,
    "或以上": Comparator.GE,
    "以上": Comparator.GE,
    "及以下": Comparator.LE,
    "或以下": Comparator.LE,
    "以下": Comparator.LE,
    "以内": Comparator.LE,
    "之内": Comparator.LE,
    "内": Comparator.LE,
}
# Comparator words looked for anywhere in a value that has no usable number (不高于社会平均).
TEXT_COMPARATORS = {
    word: comparator
    for word, comparator in {**PREFIX_COMPARATORS, **SUFFIX_COMPARATORS}.items()
    if word not in {"内", "=", "==", "等于", "最多", "不足"}
}
# A cell cut off in the middle of a comparator word (保险金额不高…).
CUT_COMPARATORS = {"不高": "不高于", "不超": "不超过", "不低": "不低于"}

APPROX_PREFIXES = ("大约", "约为", "将近", "接近", "约", "≈", "~")
APPROX_SUFFIXES = ("左右",)
NEUTRAL_PREFIXES = tuple(
    sorted(
        (
            "实际完成",
            "已经完成",
            "已完成",
            "完成了",
            "完成",
            "已达到",
            "达到",
            "已达",
            "达",
            "实现",
            "累计",
            "共计",
            "合计",
            "总计",
            "共",
            "计",
            "为",
            "已",
            "节约",
            "节省",
        ),
        key=len,
        reverse=True,
    )
)
NEUTRAL_SUFFIXES = (
    "完成",
    "办结",
    "响应",
    "修复",
    "到位",
    "处理",
    "解决",
    "办理",
    "处置",
    "反馈",
    "回复",
    "送达",
    "发放",
    "支付",
    "拨付",
    "完工",
    "竣工",
    "上线",
)
LABEL_ENDINGS = ("率", "度", "数", "量", "值", "额", ":")

MULTIPLIERS = {"千万": 7, "百万": 6, "十万": 5, "万": 4, "亿": 8, "千": 3}
UNIT_ALIASES = {
    "个小时": "小时",
    "个钟头": "小时",
    "钟头": "小时",
    "个工作日": "工作日",
    "个月": "月",
    "个季度": "季度",
    "个星期": "周",
    "星期": "周",
    "个百分点": "百分点",
    "百分比": "%",
    "平米": "平方米",
    "㎡": "平方米",
    "公里": "公里",
}
UNITS = {
    "%",
    "‰",
    "百分点",
    "个",
    "项",
    "次",
    "人",
    "人次",
    "户",
    "栋",
    "幢",
    "宗",
    "宗地",
    "份",
    "件",
    "条",
    "卷",
    "册",
    "页",
    "张",
    "本",
    "套",
    "台",
    "台套",
    "辆",
    "座",
    "所",
    "处",
    "间",
    "家",
    "名",
    "位",
    "批",
    "场",
    "期",
    "篇",
    "部",
    "元",
    "平方米",
    "平方公里",
    "立方米",
    "米",
    "公里",
    "千米",
    "千克",
    "公斤",
    "克",
    "吨",
    "亩",
    "公顷",
    "千瓦",
    "千瓦时",
    "千帕",
    "千焦",
    "千卡",
    "千兆",
    "兆",
    "度",
    "秒",
    "分钟",
    "小时",
    "天",
    "日",
    "工作日",
    "周",
    "月",
    "季度",
    "年",
    "点",
    "分",
    "倍",
    "岗",
    "棵",
    "株",
    "块",
    "宗次",
    "单",
    "笔",
    "盏",
    "节",
    "课时",
    "学时",
    "门",
    "类",
    "种",
    "个点",
    "户次",
    "件次",
    "人天",
    "人日",
    "GB",
    "TB",
    "MB",
} | set(UNIT_ALIASES)
UNITS_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)
PREFIX_LONGEST_FIRST = sorted(PREFIX_COMPARATORS, key=len, reverse=True)
SUFFIX_LONGEST_FIRST = sorted(SUFFIX_COMPARATORS, key=len, reverse=True)
TIME_UNITS = frozenset({"秒", "分钟", "小时", "天", "日", "工作日", "周", "月", "季度", "年"})

GRADES: dict[str, Grade] = {}
for _words, _grade in (
    (
        "满意 非常满意 很满意 十分满意 有效 显著 效果显著 效果明显 明显 及时 及时响应 可拓展 可扩展 有利 达成 已达成 "
        "达成预期 达成预期指标 达成预期目标 达成年度指标 达到预期 达到预期目标 已完成 完成 全部完成 按时完成 按期完成 "
        "优 优秀 良 良好 是 合规 符合 符合要求 规范 健全 稳定 合格 正常",
        Grade.ACHIEVED,
    ),
    (
        "基本满意 比较满意 较满意 较为满意 基本有效 基本及时 大部分及时 大部分及时响应 大部分可拓展 部分可拓展 "
        "部分达成 基本达成 基本完成 基本符合 基本合规 基本规范 基本健全 基本稳定 基本合格 基本正常 中 一般",
        Grade.PARTIAL,
    ),
    (
        "不满意 非常不满意 很不满意 无效 不及时 未达成 未完成 未调查 未开展调查 低 差 较差 否 不合规 不符合 "
        "不规范 不健全 不稳定 不合格 不可拓展",
        Grade.NOT_ACHIEVED,
    ),
):
    for _word in _words.split():
        GRADES[_word] = _grade
GRADE_NOTES = {"未调查": "values.not_surveyed", "未开展调查": "values.not_surveyed"}
GRADE_WORDS_ZH = {Grade.ACHIEVED: "达成", Grade.PARTIAL: "部分达成", Grade.NOT_ACHIEVED: "未达成"}

PLACEHOLDER = re.compile(r"[*\-—–―/\\._…·]{1,6}|N/?A|n/?a|无数据")
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
HAS_DIGIT = re.compile(r"\d")
HAS_WORD = re.compile(r"[^\W\d_]")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
ASCII_UNIT = re.compile(r"[A-Za-z]{1,6}[23]?(?!\d)")
OPEN_BRACKETS = tuple("([【〔《<{「『")
SEPARATORS = tuple(",;:、。!?")
RANGE = re.compile(r"(?:-|~|—|–|至|到)+(?=\d|\.\d)")
TRIM = " \t\r\n。.,，;；!！?？、:：\"'“”‘’()[]【】"
MAX_DIGITS = 60

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "零〇一二两三四五六七八九十百"
CN_NUMBER_BEFORE_TIME = re.compile(
    r"([零〇一二两三四五六七八九十百]+)(?=个?(?:小时|钟头|工作日|天|日|分钟|周|星期|月|季度|年))"
)
DATE = re.compile(
    r"(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号])?)?"
    r"(?P<part>上半年|下半年|年底|年末|年初|年中|底|末|初|上旬|中旬|下旬)?"
    r"(?P<cmp>之前|以前|前|以内|之内|内|为止|止)?"
)
MONTH_ONLY = re.compile(
    r"(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号])?(?:底|末|初|上旬|中旬|下旬)?(?P<cmp>之前|以前|前)?"
)
DATE_PREFIXES = ("截止到", "截至", "截止", "不晚于", "不迟于", "早于", "于", "在", "到", "至", "≤", "<=", "<")
DATE_PART_MONTH = {"上半年": 6, "年中": 6, "年初": 1, "初": 1, "下半年": 12, "年底": 12, "年末": 12, "底": 12, "末": 12}
KILO_UNITS = ("千克", "千米", "千瓦", "千帕", "千焦", "千卡", "千兆")
CN_WHOLE = re.compile(
    rf"(?P<lead>[≥≤<>=]*|不少于|不低于|不高于|不超过|达到|完成)(?P<int>[{CN_NUMERAL}]+)"
    rf"(?:点(?P<frac>[零〇一二三四五六七八九]+))?(?P<rest>.*)"
)
