"""Parse what people write in 年度指标值 / 实际完成值 into a comparator, number and unit, or a grade.

Forms are filled by hand, so the reader is forgiving and says what it assumed in ``note``:

- Full-width characters (８０％, ＞, ≧, ．) and spaces anywhere are normalised silently.
- Comparators may stand before the number (≥, 不少于, 大于 …) or after it (以上, 以内, 内 …); both
  together must agree, else the value is unreadable.
- Multipliers are applied and dropped from the unit: 94.8万份 → 948000 份, 1.2亿 → 120000000.
  万元 / 亿元 / 千元 are read the same way (90万元 → 900000 元), so money compares in 元.
  千 is a multiplier only when it does not start a unit of its own (千克, 千米, 千瓦 stay units).
- A time limit (小时, 天, 工作日, 个月 …) with no comparator hints "lower is better" (on time → full).
- A range such as 90%-95% is read by its lower bound (≥90%) — or, for a time limit such as
  3-5个工作日, by its upper bound (≤5 工作日) — with a note asking to confirm.
- Words after a clear number are ignored with a note when they are an aside in brackets or one or
  two cut-off characters (100% (110个, 完成约4万栋附); longer words make the whole value TEXT, because
  the number is then not clearly the subject (11个登记所无…).
- "0" is read as the number 0: whether it is the placeholder of an unused row is decided by the row.
- Dates (2023年12月, 2021年12月底, 2020年12月31日前) become number = year × 100 + month.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache

from domain.record.kinds import Comparator, Direction, Grade, ParsedValue, ValueKind

__all__ = ["INTERNAL_ERROR_NOTE", "TIME_UNITS", "describe", "format_number", "multiplier_of", "normalise_text", "parse_value"]

# --- normalisation -------------------------------------------------------------------------------

_WIDTH_TABLE: dict[int, int | str | None] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update(
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
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def normalise_text(text: str) -> str:
    """Full-width digits, letters and signs to half-width, ≧/≦ to ≥/≤, and every space removed."""
    if not isinstance(text, str):
        return ""
    return _INVISIBLE.sub("", text.translate(_WIDTH_TABLE))


def format_number(value: Decimal) -> str:
    """The shortest exact plain rendering: no exponent, no trailing zeros after the point."""
    try:
        if not value.is_finite():
            return str(value)
        if value == 0:
            return "0"
        text = format(value, "f")
    except (AttributeError, TypeError, ValueError, InvalidOperation):
        return str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# --- vocabulary ----------------------------------------------------------------------------------

_DIRECTION_OF = {
    Comparator.GE: Direction.POSITIVE,
    Comparator.GT: Direction.POSITIVE,
    Comparator.LE: Direction.REVERSE,
    Comparator.LT: Direction.REVERSE,
    Comparator.EQ: Direction.EQUAL,
}
_SYMBOL = {Comparator.GE: "≥", Comparator.GT: ">", Comparator.LE: "≤", Comparator.LT: "<", Comparator.EQ: "="}

_PREFIX_COMPARATORS = {
    ">=": Comparator.GE, "=>": Comparator.GE, "≥": Comparator.GE, "不少于": Comparator.GE,
    "不低于": Comparator.GE, "不小于": Comparator.GE, "至少": Comparator.GE, "大于等于": Comparator.GE,
    "大于或等于": Comparator.GE, "高于或等于": Comparator.GE,
    ">": Comparator.GT, "大于": Comparator.GT, "超过": Comparator.GT, "高于": Comparator.GT, "多于": Comparator.GT,
    "<=": Comparator.LE, "=<": Comparator.LE, "≤": Comparator.LE, "不高于": Comparator.LE, "不超过": Comparator.LE,
    "不多于": Comparator.LE, "不大于": Comparator.LE, "小于等于": Comparator.LE, "小于或等于": Comparator.LE,
    "低于或等于": Comparator.LE, "最多": Comparator.LE,
    "<": Comparator.LT, "小于": Comparator.LT, "低于": Comparator.LT, "少于": Comparator.LT, "不足": Comparator.LT,
    "=": Comparator.EQ, "==": Comparator.EQ, "等于": Comparator.EQ,
}
_SUFFIX_COMPARATORS = {
    "及以上": Comparator.GE, "或以上": Comparator.GE, "以上": Comparator.GE,
    "及以下": Comparator.LE, "或以下": Comparator.LE, "以下": Comparator.LE,
    "以内": Comparator.LE, "之内": Comparator.LE, "内": Comparator.LE,
}
# Comparator words looked for anywhere in a value that has no usable number (不高于社会平均).
_TEXT_COMPARATORS = {
    word: comparator
    for word, comparator in {**_PREFIX_COMPARATORS, **_SUFFIX_COMPARATORS}.items()
    if word not in {"内", "=", "==", "等于", "最多", "不足"}
}
# A cell cut off in the middle of a comparator word (保险金额不高…).
_CUT_COMPARATORS = {"不高": "不高于", "不超": "不超过", "不低": "不低于"}

_APPROX_PREFIXES = ("大约", "约为", "将近", "接近", "约", "≈", "~")
_APPROX_SUFFIXES = ("左右",)
_NEUTRAL_PREFIXES = tuple(
    sorted(
        ("实际完成", "已经完成", "已完成", "完成了", "完成", "已达到", "达到", "已达", "达", "实现", "累计", "共计",
         "合计", "总计", "共", "计", "为", "已", "节约", "节省"),
        key=len,
        reverse=True,
    )
)
_NEUTRAL_SUFFIXES = (
    "完成", "办结", "响应", "修复", "到位", "处理", "解决", "办理", "处置", "反馈", "回复", "送达", "发放", "支付",
    "拨付", "完工", "竣工", "上线",
)
_LABEL_ENDINGS = ("率", "度", "数", "量", "值", "额", ":")

_MULTIPLIERS = {"千万": 7, "百万": 6, "十万": 5, "万": 4, "亿": 8, "千": 3}
_UNIT_ALIASES = {
    "个小时": "小时", "个钟头": "小时", "钟头": "小时", "个工作日": "工作日", "个月": "月", "个季度": "季度",
    "个星期": "周", "星期": "周", "个百分点": "百分点", "平米": "平方米", "㎡": "平方米", "公里": "公里",
}
_UNITS = {
    "%", "‰", "百分点", "个", "项", "次", "人", "人次", "户", "栋", "幢", "宗", "宗地", "份", "件", "条", "卷", "册",
    "页", "张", "本", "套", "台", "台套", "辆", "座", "所", "处", "间", "家", "名", "位", "批", "场", "期", "篇",
    "部", "元", "平方米", "平方公里", "立方米", "米", "公里", "千米", "千克", "公斤", "克", "吨", "亩", "公顷",
    "千瓦", "千瓦时", "千帕", "千焦", "千卡", "千兆", "兆", "度", "秒", "分钟", "小时", "天", "日", "工作日", "周",
    "月", "季度", "年", "点", "分", "倍", "岗", "棵", "株", "块", "宗次", "单", "笔", "盏", "节", "课时", "学时",
    "门", "类", "种", "个点", "户次", "件次", "人天", "人日", "GB", "TB", "MB",
} | set(_UNIT_ALIASES)
_UNITS_LONGEST_FIRST = sorted(_UNITS, key=len, reverse=True)
_PREFIX_LONGEST_FIRST = sorted(_PREFIX_COMPARATORS, key=len, reverse=True)
_SUFFIX_LONGEST_FIRST = sorted(_SUFFIX_COMPARATORS, key=len, reverse=True)
TIME_UNITS = frozenset({"秒", "分钟", "小时", "天", "日", "工作日", "周", "月", "季度", "年"})

_GRADES: dict[str, Grade] = {}
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
        _GRADES[_word] = _grade
_GRADE_NOTES = {"未调查": "values.not_surveyed", "未开展调查": "values.not_surveyed"}
_GRADE_WORDS_ZH = {Grade.ACHIEVED: "达成", Grade.PARTIAL: "部分达成", Grade.NOT_ACHIEVED: "未达成"}

_PLACEHOLDER = re.compile(r"[*\-—–―/\\._…·]{1,6}|N/?A|n/?a|无数据")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_HAS_DIGIT = re.compile(r"\d")
_HAS_WORD = re.compile(r"[^\W\d_]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ASCII_UNIT = re.compile(r"[A-Za-z]{1,6}[23]?(?!\d)")
_OPEN_BRACKETS = tuple("([【〔《<{「『")
_SEPARATORS = tuple(",;:、。!?")
_RANGE = re.compile(r"(?:-|~|—|–|至|到)+(?=\d|\.\d)")
_TRIM = " \t\r\n。.,，;；!！?？、:：\"'“”‘’()[]【】"
_MAX_DIGITS = 60

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER_BEFORE_TIME = re.compile(
    r"([零〇一二两三四五六七八九十百]+)(?=个?(?:小时|钟头|工作日|天|日|分钟|周|星期|月|季度|年))"
)
_DATE = re.compile(
    r"(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号])?)?"
    r"(?P<part>上半年|下半年|年底|年末|年初|年中|底|末|初|上旬|中旬|下旬)?"
    r"(?P<cmp>之前|以前|前|以内|之内|内|为止|止)?"
)
_MONTH_ONLY = re.compile(r"(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号])?(?:底|末|初|上旬|中旬|下旬)?(?P<cmp>之前|以前|前)?")
_DATE_PREFIXES = ("截止到", "截至", "截止", "不晚于", "不迟于", "早于", "于", "在", "到", "至", "≤", "<=", "<")
_DATE_PART_MONTH = {"上半年": 6, "年中": 6, "年初": 1, "初": 1, "下半年": 12, "年底": 12, "年末": 12, "底": 12, "末": 12}
_KILO_UNITS = ("千克", "千米", "千瓦", "千帕", "千焦", "千卡", "千兆")


def _say(key: str, **fields: object) -> str:
    """A note in Chinese from the scoring message table (notes are stored as text)."""
    from domain.messages.tables.scoring import ZH

    return ZH[key].format(**fields) if fields else ZH[key]


# --- public API ----------------------------------------------------------------------------------

INTERNAL_ERROR_NOTE = "无法识别（读取时出错）"  # a safety net that is never reached, so not in the tables


def parse_value(text: str) -> ParsedValue:
    """Read one written value; never raises (unreadable text becomes ValueKind.UNREADABLE)."""
    try:
        raw = text if isinstance(text, str) else str(text)
    except Exception:  # noqa: BLE001 - input from users must never raise
        raw = ""
    try:
        return _parse_cached(raw)
    except Exception:  # noqa: BLE001 - a safety net; the tests check it is never reached
        return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note=INTERNAL_ERROR_NOTE)


def multiplier_of(value: ParsedValue) -> int | None:
    """The power of ten a 万 / 亿 / 千 written after the value's number applied (94.8万份 → 4), or None."""
    if value.kind is not ValueKind.QUANTITY:
        return None
    text = _spell_out(normalise_text(value.raw))
    match = _NUMBER.search(text)
    if match is None:
        return None
    return _scale_and_unit(Decimal(1), text[match.end():])[3]


def describe(value: ParsedValue) -> str:
    """A short Chinese rendering for explanations: ≥99%, 72小时, 满意（达成）, 948000份."""
    text = normalise_text(value.raw)
    kind = value.kind
    if kind is ValueKind.QUANTITY and value.number is not None:
        symbol = _SYMBOL.get(value.comparator, "") if value.comparator else ""
        approx = "约" if "约数" in value.note else ""
        return f"{symbol}{approx}{format_number(value.number)}{value.unit}"
    if kind is ValueKind.DATE and value.number is not None:
        year, month = divmod(int(value.number), 100)
        before = "前" if value.comparator in (Comparator.LE, Comparator.LT) else ""
        return f"{year}年{month}月{before}"
    if kind is ValueKind.GRADE and value.grade is not None:
        return f"{text.strip(_TRIM)}（{_GRADE_WORDS_ZH[value.grade]}）"
    if kind is ValueKind.UNUSED:
        return _say("values.blank") if text == "" else _say("values.unused")
    if kind is ValueKind.UNREADABLE:
        shown = text if len(text) <= 20 else text[:20] + "…"
        return _say("values.unreadable", text=shown)
    return text


# --- parsing -------------------------------------------------------------------------------------


class _Unreadable(Exception):
    """Raised inside the parser to give up with a reason."""


@lru_cache(maxsize=8192)
def _parse_cached(raw: str) -> ParsedValue:
    return _parse(raw)


def _parse(raw: str) -> ParsedValue:
    text = normalise_text(raw)
    if text == "" or _PLACEHOLDER.fullmatch(text):
        return ParsedValue(raw=raw, kind=ValueKind.UNUSED, note=_say("values.blank") if text == "" else "")
    grade = _read_grade(text.strip(_TRIM))
    if grade is not None:
        found, note = grade
        return ParsedValue(
            raw=raw, kind=ValueKind.GRADE, grade=found, direction_hint=Direction.QUALITATIVE, note=note
        )
    spelled = _spell_out(text)
    if spelled != text:
        # Chinese numerals count only when they make a clean value (三个工作日内), not in 百年大计.
        try:
            value = _read_date(raw, spelled) or _read_quantity(raw, spelled)
        except _Unreadable:
            value = None
        if value is not None and value.kind is not ValueKind.TEXT and "忽略了" not in value.note:
            return value
    if any(char in _CN_NUMERAL for char in text) and not _HAS_DIGIT.search(text):
        value = _read_text(raw, text)
        return value if value.note else value.replace(note=_say("values.type_digits"))
    try:
        value = _read_date(raw, text) or _read_quantity(raw, text)
    except _Unreadable as reason:
        return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note=str(reason))
    return value if value is not None else _read_text(raw, text)


def _read_grade(text: str) -> tuple[Grade, str] | None:
    """A whole grade word, or the start of one cut off by the sheet (大部分及时响 → 大部分及时响应)."""
    if text in _GRADES:
        return _GRADES[text], _say(_GRADE_NOTES[text]) if text in _GRADE_NOTES else ""
    if len(text) < 3 or _HAS_DIGIT.search(text):
        return None
    candidates = [word for word in _GRADES if word.startswith(text) and len(word) - len(text) <= 3]
    grades = {_GRADES[word] for word in candidates}
    if len(grades) != 1:
        return None
    word = min(candidates, key=len)
    note = _say(_GRADE_NOTES[word]) if word in _GRADE_NOTES else _say("values.cut_grade", word=word)
    return grades.pop(), note


_CN_NUMERAL = "零〇一二两三四五六七八九十百"
_CN_WHOLE = re.compile(rf"(?P<lead>[≥≤<>=]*|不少于|不低于|不高于|不超过|达到|完成)(?P<int>[{_CN_NUMERAL}]+)"
                       rf"(?:点(?P<frac>[零〇一二三四五六七八九]+))?(?P<rest>.*)")


def _spell_whole(text: str) -> str:
    """A value that is a Chinese numeral with at most a comparator and a unit (九十, 九十五点五%, 三十个)."""
    match = _CN_WHOLE.fullmatch(text)
    if match is None:
        return text
    rest = match["rest"]
    if rest and not rest.startswith(("%", *_UNITS_LONGEST_FIRST)):
        return text
    number = _chinese_integer(match["int"])
    if match["frac"]:
        number += "." + "".join(str(_CN_DIGITS[char]) for char in match["frac"])
    return f"{match['lead']}{number}{rest}"


def _spell_out(text: str) -> str:
    """Digits for 百分之…, for Chinese numerals in time limits (三个工作日, 二〇二三年) and for a value that
    is a Chinese numeral (九十, 九十五点五%)."""
    text = text.replace("百分之百", "100%")
    text = re.sub(r"百分之(\d+(?:\.\d+)?)", r"\1%", text)
    text = re.sub(r"百分之([零〇一二两三四五六七八九十百]+)", lambda match: _chinese_integer(match.group(1)) + "%", text)
    text = _spell_whole(text)
    return _CN_NUMBER_BEFORE_TIME.sub(lambda match: _chinese_integer(match.group(1)), text)


def _chinese_integer(word: str) -> str:
    if "十" not in word and "百" not in word:
        return "".join(str(_CN_DIGITS[char]) for char in word)
    total, current = 0, 0
    for char in word:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return str(total + current)


def _join(notes: list[str]) -> str:
    return "；".join(note for note in notes if note)


def _read_date(raw: str, text: str) -> ParsedValue | None:
    """2023年12月, 2021年12月底, 2020年12月31日前 → DATE with number = year × 100 + month."""
    lead = text
    comparator: Comparator | None = None
    for prefix in _DATE_PREFIXES:
        if lead.startswith(prefix) and _DATE.match(lead, len(prefix)):
            if prefix in ("不晚于", "不迟于", "≤", "<="):
                comparator = Comparator.LE
            elif prefix in ("早于", "<"):
                comparator = Comparator.LT
            lead = lead[len(prefix):]
            break
    match = _DATE.match(lead)
    if match is None:
        return _read_month_only(raw, text)
    year = int(match["year"])
    if not 1900 <= year <= 2100:
        return None
    tail_notes: list[str] = []
    if not _acceptable_tail(lead[match.end():], tail_notes):
        return None
    notes: list[str] = []
    part = match["part"]
    if match["month"] is not None:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise _Unreadable(_say("values.bad_month", month=month))
    elif part in _DATE_PART_MONTH:
        month = _DATE_PART_MONTH[part]
    else:
        month = 12
        notes.append(_say("values.no_month"))
    if match["day"] is not None:
        import calendar

        day = int(match["day"])
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise _Unreadable(_say("values.bad_day", month=month, day=day))
        if day != last:
            notes.append(_say("values.day_ignored"))
    if match["cmp"] in ("之前", "以前", "前", "以内", "之内", "内"):
        comparator = comparator or Comparator.LE
    return ParsedValue(
        raw=raw,
        kind=ValueKind.DATE,
        comparator=comparator,
        number=Decimal(year * 100 + month),
        direction_hint=Direction.REVERSE,
        note=_join(notes + tail_notes),
    )


def _read_month_only(raw: str, text: str) -> ParsedValue | None:
    match = _MONTH_ONLY.fullmatch(text)
    if match is None or not 1 <= int(match["month"]) <= 12:
        return None
    return ParsedValue(
        raw=raw,
        kind=ValueKind.TEXT,
        comparator=Comparator.LE if match["cmp"] else None,
        direction_hint=Direction.REVERSE,
        note=_say("values.no_year"),
    )


def _acceptable_tail(tail: str, notes: list[str]) -> bool:
    """Whether words after a clear value can be ignored; adds a note when they are."""
    if tail == "":
        return True
    for word in _NEUTRAL_SUFFIXES:
        if tail == word:
            return True
    if tail.startswith(_OPEN_BRACKETS):
        notes.append(_say("values.ignored_tail", tail=tail))
        return True
    if tail.startswith(_SEPARATORS):
        if _HAS_DIGIT.search(tail):
            raise _Unreadable(_say("values.several_numbers"))
        notes.append(_say("values.ignored_tail", tail=tail))
        return True
    if _NUMBER.match(tail):
        raise _Unreadable(_say("values.several_numbers"))
    if len(tail) <= 2 and _CJK_RUN.fullmatch(tail):
        notes.append(_say("values.ignored_tail", tail=tail))
        return True
    return False


def _strip_prefix(lead: str, notes: list[str]) -> tuple[Comparator | None, bool, bool, bool] | None:
    """Comparator, approximate?, 节约?, negative? from the words before the number; None if not a lead-in."""
    comparator: Comparator | None = None
    approx = saving = negative = False
    if lead.endswith("-") and (lead == "-" or lead[:-1].endswith(tuple(_PREFIX_COMPARATORS))):
        negative = True
        lead = lead[:-1]
    progress = True
    while lead and progress:
        progress = False
        for word in _PREFIX_LONGEST_FIRST:
            if lead.endswith(word):
                found = _PREFIX_COMPARATORS[word]
                if comparator is not None and _DIRECTION_OF[found] != _DIRECTION_OF[comparator]:
                    raise _Unreadable(_say("values.conflicting_comparators"))
                comparator = comparator or found
                lead, progress = lead[: -len(word)], True
                break
        else:
            for word in _NEUTRAL_PREFIXES:
                if lead.endswith(word):
                    saving = saving or word in ("节约", "节省")
                    lead, progress = lead[: -len(word)], True
                    break
            else:
                for word in _APPROX_PREFIXES:
                    if lead.endswith(word):
                        approx, lead, progress = True, lead[: -len(word)], True
                        break
    if lead == "":
        return comparator, approx, saving, negative
    if len(lead) <= 10 and lead.endswith(_LABEL_ENDINGS) and not _HAS_DIGIT.search(lead):
        notes.append(_say("values.ignored_lead", lead=lead.rstrip(":")))
        return comparator, approx, saving, negative
    return None


def _read_unit(rest: str, per_part: bool = True) -> tuple[str, str]:
    """The unit at the start of ``rest`` (with one /per part, as in 元/卷) and what follows it."""
    unit = ""
    for word in _UNITS_LONGEST_FIRST:
        if rest.startswith(word):
            unit, rest = word, rest[len(word):]
            break
    else:
        match = _ASCII_UNIT.match(rest)
        if match:
            unit, rest = match.group(), rest[match.end():]
        else:
            run = _CJK_RUN.match(rest)
            if run:
                candidate = run.group()
                cut = min(
                    (candidate.find(word) for word in (*_SUFFIX_COMPARATORS, *_APPROX_SUFFIXES, *_NEUTRAL_SUFFIXES)
                     if word in candidate),
                    default=len(candidate),
                )
                if 1 <= cut <= 2:
                    unit, rest = candidate[:cut], rest[cut:]
    unit = _UNIT_ALIASES.get(unit, unit)
    if per_part and rest.startswith("/"):
        per, after = _read_unit(rest[1:], per_part=False)
        if per:
            unit, rest = f"{unit}/{per}", after
    return unit, rest


def _read_quantity(raw: str, text: str) -> ParsedValue | None:
    """A number with its comparator, multiplier and unit, or None when the value is words."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    notes: list[str] = []
    lead = _strip_prefix(text[: match.start()], notes)
    if lead is None:
        return None
    comparator, approx, saving, negative = lead
    digits = match.group().replace(",", "")
    if len(digits) > _MAX_DIGITS:
        raise _Unreadable(_say("values.too_long"))
    number = Decimal(digits)
    if negative:
        number = -number
    number, unit, rest, _ = _scale_and_unit(number, text[match.end():])
    suffix, approx_after, rest = _read_suffix(rest)
    approx = approx or approx_after
    if suffix is not None:
        if comparator is not None and _DIRECTION_OF[suffix] != _DIRECTION_OF[comparator]:
            raise _Unreadable(_say("values.conflicting_comparators"))
        comparator = comparator or suffix
    range_match = _RANGE.match(rest)
    if range_match:
        return _read_range(raw, number, unit, comparator, rest[range_match.end():], notes)
    if not _acceptable_tail(rest, notes):
        return None
    if approx:
        notes.insert(0, _say("values.approximate"))
    if saving and comparator in (Comparator.LE, Comparator.LT):
        notes.append(_say("values.saving_within"))
    hint = _DIRECTION_OF[comparator] if comparator else (Direction.REVERSE if unit in TIME_UNITS else None)
    return ParsedValue(
        raw=raw,
        kind=ValueKind.QUANTITY,
        comparator=comparator,
        number=_plain(number),
        unit=unit,
        direction_hint=hint,
        note=_join(notes),
    )


def _scale_and_unit(number: Decimal, rest: str) -> tuple[Decimal, str, str, int | None]:
    """Apply a 万 / 亿 / 千 multiplier and read the unit after it (千克, 千米 … stay units).

    Also gives the power of ten applied (None when no multiplier was written)."""
    applied: int | None = None
    if not rest.startswith(_KILO_UNITS):
        for word, power in _MULTIPLIERS.items():
            if rest.startswith(word):
                with localcontext() as context:
                    context.prec = _MAX_DIGITS + 20
                    number = number.scaleb(power)
                rest = rest[len(word):]
                applied = power
                break
    unit, after = _read_unit(rest)
    return number, unit, after, applied


def _read_suffix(rest: str) -> tuple[Comparator | None, bool, str]:
    comparator: Comparator | None = None
    approx = False
    progress = True
    while rest and progress:
        progress = False
        if rest.startswith(("(含)", "(含本数)")):
            rest, progress = rest[rest.index(")") + 1:], True
            continue
        for word in _SUFFIX_LONGEST_FIRST:
            if rest.startswith(word):
                found = _SUFFIX_COMPARATORS[word]
                if comparator is not None and found != comparator:
                    raise _Unreadable(_say("values.conflicting_comparators"))
                comparator, rest, progress = found, rest[len(word):], True
                break
        else:
            for word in _APPROX_SUFFIXES:
                if rest.startswith(word):
                    approx, rest, progress = True, rest[len(word):], True
    return comparator, approx, rest


def _read_range(
    raw: str, low: Decimal, low_unit: str, comparator: Comparator | None, rest: str, notes: list[str]
) -> ParsedValue:
    """90%-95% → ≥90% (a time limit 3-5个工作日 → ≤5 工作日), with a note asking to confirm."""
    if comparator is not None:
        raise _Unreadable(_say("values.range_and_comparator"))
    match = _NUMBER.match(rest)
    if match is None:
        raise _Unreadable(_say("values.bad_range"))
    high, high_unit, after, _ = _scale_and_unit(Decimal(match.group().replace(",", "")), rest[match.end():])
    if low_unit and high_unit and low_unit != high_unit:
        raise _Unreadable(_say("values.range_units"))
    unit = high_unit or low_unit
    if not _acceptable_tail(after, notes):
        raise _Unreadable(_say("values.range_tail"))
    shown = f"{format_number(low)}{low_unit}-{format_number(high)}{high_unit}"
    low, high = min(low, high), max(low, high)  # 95%-90% is the same range as 90%-95%
    if unit in TIME_UNITS:
        notes.insert(0, _say("values.range_upper", shown=shown, number=format_number(high), unit=unit))
        return ParsedValue(
            raw=raw, kind=ValueKind.QUANTITY, comparator=Comparator.LE, number=_plain(high), unit=unit,
            direction_hint=Direction.REVERSE, note=_join(notes),
        )
    notes.insert(0, _say("values.range_lower", shown=shown, number=format_number(low), unit=unit))
    return ParsedValue(
        raw=raw, kind=ValueKind.QUANTITY, comparator=Comparator.GE, number=_plain(low), unit=unit,
        direction_hint=Direction.POSITIVE, note=_join(notes),
    )


def _read_text(raw: str, text: str) -> ParsedValue:
    """Words with no usable number: TEXT (with the comparator its words carry), or UNREADABLE symbols."""
    if not _HAS_WORD.search(text):
        if any(word in text for word in _PREFIX_COMPARATORS) and not _HAS_DIGIT.search(text):
            return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note=_say("values.only_comparator"))
        return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note=_say("values.not_a_value"))
    comparator: Comparator | None = None
    note = ""
    hits = [(text.find(word), -len(word), word) for word in _TEXT_COMPARATORS if word in text]
    if hits:
        comparator = _TEXT_COMPARATORS[min(hits)[2]]  # earliest, then longest: 不高于 over 高于
    else:
        for cut, word in _CUT_COMPARATORS.items():
            if text.endswith(cut):
                comparator = _PREFIX_COMPARATORS[word]
                note = _say("values.cut_comparator", word=word)
                break
    return ParsedValue(
        raw=raw,
        kind=ValueKind.TEXT,
        comparator=comparator,
        direction_hint=_DIRECTION_OF[comparator] if comparator else None,
        note=note,
    )


def _plain(number: Decimal) -> Decimal:
    """The same number without exponent or trailing zeros (948000.0 → 948000, 0.90 → 0.9)."""
    return Decimal(format_number(number))
