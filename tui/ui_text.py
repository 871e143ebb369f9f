"""Looking up the assistant's user-facing strings by message id (the table lives in domain.strings)."""

from __future__ import annotations

UI_STRINGS: dict[str, str] = {
    "ui.app.title": "绩效自评助手 jixiao",
    "ui.key.cancel": "取消",
    "ui.key.close": "关闭",
    "ui.key.back": "返回",
    "ui.key.quit": "退出",
    "ui.key.help": "帮助",
    "ui.key.next_field": "下一项",
    "ui.key.previous_field": "上一项",
    "ui.path.placeholder": "文件路径，如 评价/2023-项目.toml",
    "ui.path.hint": "回车确认；留空回车取消",
    "ui.help.keys_heading": "本页按键（右列为键位文件中用的编号）",
    "ui.help.close_hint": "回车或 F1 关闭",
    "ui.help.general_title": "帮助",
    "ui.help.general_body": "用方向键和回车操作；ctrl+q 随时退出。",
    "ui.start.intro": "项目支出绩效自评表：逐项填写、按方法计分、解释每一处扣分、保存为 TOML。",
    "ui.start.resume": "继续未完成的草稿（{count} 份）",
    "ui.start.new": "新建自评表",
    "ui.start.open": "打开评价文件……",
    "ui.start.whatif": "单项试算（指标或预算执行率）",
    "ui.start.train": "计分练习",
    "ui.start.walk": "讲解模式（逐行展示正确得分）",
    "ui.start.help": "帮助",
    "ui.start.quit": "退出",
    "ui.start.hint": "方向键选择，回车确认；也可以直接按序号。",
    "ui.start.help_title": "开始",
    "ui.start.help_body": (
        "新建：逐项回答问题，边填边计分。\n"
        "打开：修改已有的 .toml 评价文件，回车保留原答案。\n"
        "继续草稿：每答一项都会自动存草稿，断线或关闭后可从这里接着填。\n"
        "单项试算：输入分值、年度指标值和实际完成值，立即看到得分和扣分原因。\n"
        "计分练习：用真实自评表练习按方法计分；讲解模式逐行展示正确答案。\n"
        "键位可在 $XDG_CONFIG_HOME/jixiao/keymap.toml 中修改（绑定编号 = 按键），ctrl+q 退出不可更改。"
    ),
    "ui.open.question": "打开哪个评价文件？",
    "ui.whatif.title": "单项试算",
    "ui.whatif.title_row": "试算第 {row} 行指标",
    "ui.whatif.toggle": "指标/预算",
    "ui.whatif.apply": "采用",
    "ui.whatif.weight": "分值",
    "ui.whatif.target": "年度指标值",
    "ui.whatif.actual": "实际完成值",
    "ui.whatif.direction": "方向",
    "ui.whatif.judged": "评定得分",
    "ui.whatif.judged_placeholder": "定性或需评定时填写",
    "ui.whatif.budget": "全年预算数",
    "ui.whatif.executed": "全年执行数",
    "ui.whatif.budget_weight": "分值（默认 10）",
    "ui.whatif.fill_in": "填入分值、年度指标值和实际完成值，得分会立即算出。",
    "ui.whatif.fill_in_budget": "填入全年预算数和全年执行数，得分会立即算出。",
    "ui.whatif.total_change": "总分 {old} → {new}（{delta}）",
    "ui.whatif.apply_hint": "ctrl+s 把这些值写回表中；ctrl+b 放弃试算返回。",
    "ui.whatif.help_title": "单项试算",
    "ui.whatif.help_body": (
        "上下方向键在各项之间移动，改动任何一项，得分和说明立即更新。\n"
        "年度指标值可写 ≥90%、≤10%、72小时以内、满意 等；方向选“自动”时按指标值的写法判断。\n"
        "定性指标或需要评定的行，在“评定得分”中填入区间内的分数。\n"
        "ctrl+t 在指标试算和预算执行率试算之间切换。\n"
        "从审阅页打开时，下方显示总分的变化；ctrl+s 采用，ctrl+b 放弃。"
    ),
    "ui.direction.auto": "自动（按指标值的写法）",
    "ui.direction.positive": "正向（越高越好）",
    "ui.direction.reverse": "反向（越低越好）",
    "ui.direction.equal": "等于指标值",
    "ui.direction.qualitative": "定性",
    "ui.interview.back": "上一项",
    "ui.interview.jump": "跳转",
    "ui.interview.undo": "撤销",
    "ui.interview.save": "保存",
    "ui.interview.review": "审阅",
    "ui.interview.scroll_up": "向上翻页",
    "ui.interview.scroll_down": "向下翻页",
    "ui.interview.example": "例：{example}",
    "ui.interview.enter_keeps": "回车采用：{answer}",
    "ui.interview.optional": "可以空着，回车跳过。",
    "ui.interview.long_text_keys": "回车提交，ctrl+j 换行。",
    "ui.interview.loading": "正在打开……",
    "ui.interview.help_title": "填写自评表",
    "ui.interview.help_field_title": "帮助：{label}",
    "ui.interview.help_body": (
        "每次回答一个问题，回车提交。答案不合格时只会挡住“下一步”，返回、跳转、撤销和退出总是可用。\n"
        "shift+tab 或 ctrl+b 回到上一项；ctrl+g 打开跳转列表；ctrl+z 撤销上一次回答；ctrl+s 保存；"
        "ctrl+r 审阅整张表；ctrl+q 退出（有未保存的修改时会先询问）。\n"
        "填三级指标名称时，上下方向键在提示中选择，回车采用。"
    ),
    "ui.jump.title": "跳转到……",
    "ui.jump.filter": "输入文字筛选",
    "ui.jump.hint": "上下方向键选择，回车跳转；ctrl+g 关闭。",
    "ui.jump.unanswered": "（未填）",
    "ui.quit.question": "有尚未保存到文件的修改。怎么办？",
    "ui.quit.stay": "继续填写",
    "ui.quit.save": "保存后退出",
    "ui.quit.leave": "先退出，草稿保留（下次启动可继续）",
    "ui.save.saved": "已保存到 {path}",
    "ui.save.ask_path": "保存到哪个文件？（.toml）",
    "ui.save.conflict": "{message}覆盖会丢掉文件里现有的内容。",
    "ui.save.save_as": "另存为其他文件……",
    "ui.save.overwrite": "仍然覆盖",
    "ui.resume.title": "未完成的草稿",
    "ui.resume.hint": "回车继续填写；d 删除草稿；ctrl+b 返回。",
    "ui.resume.none": "没有未完成的草稿。",
    "ui.resume.delete": "删除",
    "ui.resume.keep": "保留",
    "ui.resume.confirm_delete": "删除“{name}”的草稿？删除后不能恢复。",
    "ui.resume.help_body": "每答一项都会自动保存草稿；断线或退出后，可以在这里接着填写。已保存到文件的表不会留下草稿。",
    "ui.review.title": "审阅：{name}",
    "ui.review.unnamed": "（未命名）",
    "ui.review.funds_unit": "项目资金（{unit}）",
    "ui.review.budget_line": "预算执行率：分值 {weight}，执行率 {rate}，得分 {score}",
    "ui.review.pending": "待评定",
    "ui.review.unused": "未使用",
    "ui.review.total": "总分 {total}（{grade}）",
    "ui.review.partial_total": "已计得分 {total}；第 {rows} 行待评定，评定后才有总分和等级",
    "ui.review.findings": "检查发现",
    "ui.review.no_findings": "没有发现问题。",
    "ui.review.whatif": "试算",
    "ui.review.edit": "修改",
    "ui.review.back": "回到填写",
    "ui.review.applied": "第 {row} 行已按试算的值修改。",
    "ui.review.help_title": "审阅",
    "ui.review.help_body": (
        "整张表按正式表样排列：表头、项目资金、年度总体目标、指标表、总分、等级和检查发现。\n"
        "上下方向键选择指标行；回车或 w 打开试算，改动指标值、实际完成值或分值，立即看到得分和总分的变化，"
        "ctrl+s 采用后才写回表中；e 回到填写页修改这一行；ctrl+s 保存；ctrl+b 回到填写。"
    ),
    "ui.severity.error": "错误",
    "ui.severity.warning": "注意",
    "ui.severity.info": "提示",
}


def t(key: str, **values: object) -> str:
    """The string for ``key`` with ``values`` filled in; an unknown key shows itself rather than failing."""
    from domain.strings import STRINGS, DEFAULT_LOCALE

    template = STRINGS[DEFAULT_LOCALE].get(key) or UI_STRINGS.get(key, key)
    try:
        return template.format(**values) if values else template
    except (KeyError, IndexError, ValueError):
        return template
