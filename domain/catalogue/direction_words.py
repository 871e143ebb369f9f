"""Which way an indicator outside the catalogue counts, from the words of its name.

The words come from the catalogue's own reverse entries (故障率, 差错率, 流失率, 超支率, 单价, 时限, 发生次数 …)
and from the cost and adverse-outcome indicators of 财预〔2021〕101号 (经济成本, 社会成本, 生态环境成本 are
lower-is-better; 投诉, 事故, 宕机, 返工 …). A name with none of them says nothing, and the row's direction is
then asked for, never assumed. The tests check the words against every catalogue entry.
"""

from __future__ import annotations

from functools import lru_cache

from domain.record.kinds import Direction
from domain.record.value_text import normalise_text

# Lower is better even beside a word that would otherwise say the opposite (不合格率 holds 合格率).
_NEGATED = ("不合格", "不达标", "不满意", "不及时", "不规范", "不到位", "未完成", "未达标", "未按时", "未及时")
# How long something takes: lower is better, even for a remedy (故障修复响应时间, 登记办结时限).
_DURATIONS = (
    "时长",
    "时限",
    "响应时间",
    "等待时间",
    "等候时间",
    "排队时间",
    "办理时间",
    "办结时间",
    "处理时间",
    "耗时",
)
# Names that hold a word of harm but state an amount to be met, not a harm: they say nothing.
_NEUTRAL = ("成本预算", "全成本", "成本利润率")
# Higher is better although the name holds a word of harm: what is done about the harm (故障修复率, 投诉办结率,
# 事故下降率, 成本节约率, 隐患排查率).
_REMEDY = (
    "修复",
    "排除",
    "处理率",
    "处置",
    "办结",
    "解决",
    "回复",
    "答复",
    "整改",
    "查处",
    "责停",
    "纠正",
    "化解",
    "消除",
    "下降",
    "降低",
    "减少",
    "压减",
    "节约",
    "节省",
    "控制率",
    "达标",
    "排查",
    "防治",
    "治理",
    "挽回",
    "追回",
    "收缴",
    "利用率",
)
# Lower is better.
REVERSE_WORDS = (
    "故障",
    "差错",
    "出错",
    "错误",
    "失误",
    "事故",
    "事件发生",
    "发生数",
    "发生率",
    "发生次数",
    "发生起数",
    "投诉",
    "宕机",
    "停机",
    "中断",
    "返工",
    "返修",
    "流失",
    "超支",
    "超标",
    "超期",
    "逾期",
    "延误",
    "延期",
    "滞留",
    "积压",
    "拖欠",
    "欠费",
    "违规",
    "违纪",
    "损耗",
    "损失",
    "浪费",
    "能耗",
    "排放",
    "污染",
    "伤亡",
    "死亡",
    "发病",
    "辍学",
    "失业",
    "返贫",
    "漏检",
    "漏报",
    "误报",
    "缺陷",
    "次品",
    "上访",
    "信访量",
    "扣分",
    "成本",
    "单价",
    "费用",
    "结余率",
    "闲置",
    "空置",
)
# Higher is better.
POSITIVE_WORDS = (
    "完成率",
    "完成数",
    "完成量",
    "合格率",
    "达标率",
    "覆盖率",
    "满意度",
    "满意率",
    "知晓率",
    "及时率",
    "到位率",
    "执行率",
    "使用率",
    "利用率",
    "入住率",
    "普及率",
    "参保率",
    "准确率",
    "完好率",
    "正常运行率",
    "通过率",
    "发放率",
    "就业",
    "增收",
    "增长",
    "提升",
    "提高",
    "受益",
    "覆盖",
    "人数",
    "人次",
    "户数",
    "数量",
    "面积",
    "里程",
)


@lru_cache(maxsize=4096)
def direction_of_name(name: str) -> Direction | None:
    """REVERSE or POSITIVE when the name's words say which way it counts; None when they do not."""
    text = normalise_text(name)
    if not text:
        return None
    if any(word in text for word in _NEUTRAL):
        return None
    if any(word in text for word in _NEGATED) or any(word in text for word in _DURATIONS):
        return Direction.REVERSE
    if any(word in text for word in _REMEDY):
        return Direction.POSITIVE
    if any(word in text for word in REVERSE_WORDS):
        return Direction.REVERSE
    if any(word in text for word in POSITIVE_WORDS):
        return Direction.POSITIVE
    return None


def name_word(name: str, direction: Direction) -> str:
    """The word of the name that decided ``direction`` (for saying why)."""
    text = normalise_text(name)
    lists = (_NEGATED, _DURATIONS, REVERSE_WORDS) if direction is Direction.REVERSE else (_REMEDY, POSITIVE_WORDS)
    for words in lists:
        for word in words:
            if word in text:
                return word
    return ""
