"""Every user-facing sentence of the interview and the assistant, in one table keyed by message id.

A locale is a dict of message id → text with ``str.format`` fields; an English locale can be added by
translation alone. ``t(key, **fields)`` looks a message up in ``LOCALE`` and falls back to Chinese.
"""

from __future__ import annotations

import os

DEFAULT_LOCALE = "zh"

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        # --- sections -----------------------------------------------------------------------------
        "section.header": "基本信息",
        "section.funds": "项目资金",
        "section.goals": "年度总体目标",
        "section.indicators": "年度绩效指标",
        "section.review": "检查并保存",
        "section.training": "计分练习",
        "section.whatif": "试算",
        # --- header -------------------------------------------------------------------------------
        "field.header.project_name.label": "项目名称",
        "field.header.project_name.prompt": "项目名称是什么？",
        "field.header.project_name.help": "表头的项目名称，照批复文件填写全称。",
        "field.header.department.label": "主管部门",
        "field.header.department.prompt": "主管部门是哪个单位？",
        "field.header.department.help": "项目的主管部门（一级预算单位）。不清楚可以先空着，回车跳过。",
        "field.header.implementer.label": "实施单位",
        "field.header.implementer.prompt": "实施单位是哪个单位？",
        "field.header.implementer.help": "具体实施项目的单位。与主管部门相同时也请照填。可以空着，回车跳过。",
        "field.header.project_amount.label": "项目金额",
        "field.header.project_amount.prompt": "项目金额是多少元？",
        "field.header.project_amount.help": "项目总金额（元），可跨多个年度。可写 400000、40万 或 400,000。可以空着。",
        "field.header.project_amount.placeholder": "如 400000 或 40万",
        "field.header.year.label": "年度",
        "field.header.year.prompt": "这是哪一年度的自评？",
        "field.header.year.help": "评价的预算年度，如 2020。可以空着。",
        "field.header.year.placeholder": "如 2020",
        # --- funds --------------------------------------------------------------------------------
        "funds.row.total": "年度资金总额",
        "funds.row.fiscal": "当年财政拨款",
        "funds.row.carryover": "上年结转资金",
        "funds.row.other": "其他资金",
        "funds.column.initial_budget": "年初预算数",
        "funds.column.annual_budget": "全年预算数",
        "funds.column.executed": "全年执行数",
        "field.funds.amount.label": "{source} · {column}",
        "field.funds.amount.prompt": "{source}的{column}是多少元？",
        "field.funds.amount.placeholder": "如 360000 或 36万",
        "field.funds.initial_budget.help": "年初批复的预算（元）。可写 360000、36万 或 360,000。",
        "field.funds.annual_budget.help": "调整后的全年预算（元），执行率以它为分母。回车表示与年初预算数相同。",
        "field.funds.executed.help": "全年实际支出（元）。执行率 = 全年执行数 ÷ 全年预算数。",
        "field.funds.source.help": "{source}的{column}（元）。回车采用方括号中的数：总额减去已填来源后的余数。",
        "field.funds.sources.label": "资金来源",
        "field.funds.sources.prompt": "资金来自哪里？",
        "field.funds.sources.help": "年度资金总额分为当年财政拨款、上年结转资金、其他资金三项，三项之和应等于总额。"
        "全部来自一项时选前三项之一，其余两项记为 0；否则选“分别填写”。",
        "choice.sources.fiscal": "全部是当年财政拨款（其余两项为 0）",
        "choice.sources.carryover": "全部是上年结转资金（其余两项为 0）",
        "choice.sources.other": "全部是其他资金（其余两项为 0）",
        "choice.sources.split": "分别填写三项来源",
        "field.funds.weight.label": "预算执行率分值",
        "field.funds.weight.prompt": "预算执行率这一项占多少分？",
        "field.funds.weight.help": "预算执行率的分值，通常为 {usual} 分。得分 = 分值 × 执行率（执行率最高按 100% 计）。"
        "全部分值（预算执行率加各项指标）合计应为 100。",
        "field.funds.reason.label": "执行率偏低的原因",
        "field.funds.reason.prompt": "执行率只有 {rate}，低于 {floor}%：原因是什么？",
        "field.funds.reason.help": "执行率低于 {floor}% 时需要说明原因和改进措施。",
        # --- goals --------------------------------------------------------------------------------
        "field.goals.expected.label": "预期目标",
        "field.goals.expected.prompt": "年度总体目标：预期目标是什么？",
        "field.goals.expected.help": "年初设定的年度总体目标，照绩效目标申报表填写。",
        "field.goals.achieved.label": "实际完成情况",
        "field.goals.achieved.prompt": "年度总体目标：实际完成情况如何？",
        "field.goals.achieved.help": "对照预期目标，写明全年实际完成了什么。",
        # --- indicator rows -----------------------------------------------------------------------
        "row.title": "第 {number} 行",
        "row.title.named": "第 {number} 行“{name}”",
        "field.level1.label": "一级指标",
        "field.level1.prompt": "{title}：一级指标是哪一类？",
        "field.level1.help": "一级指标：产出指标、效益指标、满意度指标；按财预〔2021〕101号填写的表还有成本指标。",
        "field.level2.label": "二级指标",
        "field.level2.prompt": "{title}：{level1}下的哪个二级指标？",
        "field.level2.help": "二级指标按一级指标列出。未使用的二级指标可以把三级指标写成 *，分值 0。",
        "field.name.label": "三级指标",
        "field.name.prompt": "{title}：三级指标的名称是什么？",
        "field.name.help": "三级指标名称。边输入边从指标库中提示（汉字、全拼或拼音首字母都可以）。"
        "选用指标库中的名称时，计分方向按指标库确定。写 * 表示该二级指标未使用。",
        "field.name.placeholder": "如 设备故障率，或拼音 sbgzl",
        "field.catalogue.label": "对应指标库",
        "field.catalogue.prompt": "“{name}”对应指标库中的哪一项？",
        "field.catalogue.help": "所填名称与指标库不完全一致。选对应的一项，计分方向和单位按指标库；"
        "选 0 则按所填名称，方向只看年度指标值的写法。",
        "choice.catalogue.none": "不对应指标库（按所填名称）",
        "choice.catalogue.entry": "{name}（{level2}，{direction}{unit}）",
        "choice.catalogue.unit": "，单位 {unit}",
        "field.target_text.label": "年度指标值",
        "field.target_text.prompt": "{title}：年度指标值是多少？",
        "field.target_text.help": "年度指标值照表填写，比较方向可写在前面或后面：≥95%、不少于100个、72小时之内、≤10%、"
        "2023年12月前、满意。写 ≥ / 以上 / 不少于 为正向（越高越好），≤ / 以内 / 不高于 为反向（越低越好）。",
        "field.target_text.placeholder": "如 ≥95%、100个、72小时之内、满意",
        "field.target_text.example": "常见：{example}",
        "field.actual_text.label": "实际完成值",
        "field.actual_text.prompt": "{title}：实际完成值是多少？",
        "field.actual_text.help": "全年实际完成的值，单位与年度指标值相同；定性指标写 满意 / 基本满意 / 有效 等。",
        "field.actual_text.placeholder": "如 97%、120个、满意",
        "field.weight.label": "分值",
        "field.weight.prompt": "{title}占多少分？（尚余 {left} 分）",
        "field.weight.help": "这一行的分值。预算执行率加全部指标的分值合计应为 100；"
        "通常产出指标共 50 分、效益指标 30 分、满意度指标 10 分。",
        "field.weight.placeholder": "如 20",
        "field.direction.label": "计分方向",
        "field.direction.prompt": "{title}按哪个方向计分？",
        "field.direction.help": "年度指标值的写法和指标库对这个指标的方向说法不一，需要您确认："
        "正向是越高越好（达到指标值得满分），反向是越低越好（不超过指标值得满分）。",
        "choice.direction.positive": "正向（越高越好）",
        "choice.direction.reverse": "反向（越低越好）",
        "choice.direction.equal": "等于指标值（按正向计）",
        "field.judged_score.label": "评定得分",
        "field.judged_score.prompt": "{title}需要评定：得几分？（{low}–{high} 分之间）",
        "field.judged_score.help": "这一行不能按公式计分，需要按实际效果评定，分数须在 {low}–{high} 分之间。",
        "field.judged_score.prompt_default": "{title}可在 {low}–{high} 分之间评定得分；不另评定则按区间上限 {default} 分",
        "field.judged_score.help_default": "定性指标达成时，得分默认取区间上限 {default} 分；如需按实际效果评定，"
        "可填 {low}–{high} 分之间的分数。",
        "field.deviation_reason.label": "偏差原因",
        "field.deviation_reason.prompt": "{title}{why}：偏差原因和改进措施是什么？",
        "field.deviation_reason.help": "失分或超额完成（≥120%）的指标须写明偏差原因分析及改进措施。",
        "reason.lost": "扣了 {lost} 分",
        "reason.overachieved": "超额完成",
        # --- loop and review ----------------------------------------------------------------------
        "field.loop.more.label": "继续添加指标",
        "field.loop.more.prompt": "还有指标要填吗？",
        "field.loop.more.help": "回答“是”添加下一行指标，“否”进入检查。",
        "field.review.save.label": "检查并保存",
        "field.review.save.prompt": "检查无误，保存吗？",
        "field.review.save.help": "保存前请看一遍总分和提示。回答“否”可以回去修改任何一项。",
        "choice.yes": "是",
        "choice.no": "否",
        # --- events -------------------------------------------------------------------------------
        "interview.greeting": "开始填写项目支出绩效自评表。每答一项都会自动保存草稿。",
        "interview.editing": "正在修改“{name}”：直接回车保留原来的回答。",
        "interview.resumed": "继续填写“{name}”：已答的 {count} 项都在。",
        "interview.untitled": "未命名项目",
        "interview.finished": "已经填写完成。",
        "interview.done": "填写完成：总分 {total} 分{grade}。",
        "interview.done.grade": "，等级“{grade}”",
        "interview.undone": "已撤销“{label}”的回答。",
        "interview.nothing_to_undo": "没有可以撤销的回答。",
        "interview.first_field": "已经是第一项。",
        "interview.jump_unknown": "没有“{field}”这一项，或它现在不适用。",
        "interview.review_declined": "好的，暂不保存。可以跳转到任何一项修改，改完后回到“检查并保存”。",
        "interview.row_added": "添加第 {number} 行指标。",
        "interview.row_removed": "已删除第 {number} 行指标。",
        "interview.row_cleared": "已清空第 {number} 行指标。",
        "interview.no_row": "当前这一项不属于任何指标行。",
        "interview.autosave_failed": "草稿未能保存：{reason}",
        "explanation.direction_pending": "计分方向待定：年度指标值的写法与指标库的方向不一致，请先确定按正向还是反向计分，"
        "确定后按公式计分。",
        "hint.value": "读作：{value}",
        "hint.value.direction": "读作：{value}，{direction}",
        "hint.value.detail_direction": "读作：{value}（{detail}，{direction}）",
        "hint.catalogue": "指标库：{name}，{direction}{unit}",
        "hint.catalogue.definition": "。{definition}",
        "hint.no_catalogue": "指标库中没有与“{name}”相近的指标：按所填名称计分，方向看年度指标值的写法。",
        "hint.unused_row": "“*”表示这一二级指标未使用：分值记为 0，不计分。",
        "hint.running_total": "目前合计 {total} 分；分值已分配 {assigned}，尚余 {left}。",
        "hint.weights_full": "分值已全部分配（合计 100）。",
        "warning.catalogue_level": "指标库中“{name}”属于 {level1} / {level2}，与所填的二级指标不同。",
        "warning.value_unreadable": "无法识别“{value}”：{note}。这一行将需要评定得分。",
        "warning.weights_short": "分值合计为 {total}，还差 {left} 分才到 100。",
        "warning.weights_over": "分值合计为 {total}，超过了 100。",
        "warning.reason_missing": "没有填写原因：检查时会列为缺少说明。",
        "help.entry": "指标库：{name}（{level1} / {level2}，{direction}{unit}）。{definition}",
        "help.row_score": "这一行现在的得分：{explanation}",
        "help.budget_score": "预算执行率：{explanation}",
        "review.summary": "总分 {total} 分{grade}：预算执行率 {budget} 分，指标 {indicators} 分。",
        "review.pending": "还有 {count} 行等待评定得分（第 {rows} 行）。",
        "review.no_findings": "没有发现问题。",
        "score.unusable": "数值过大或过小，无法按公式计算，需要评定",
        "score.unusable.budget": "金额过大或过小，执行率无法计算",
        "score.unusable.formula": "无法计算",
        # --- validation ---------------------------------------------------------------------------
        "error.required": "“{label}”不能为空。",
        "error.choice": "请从 {keys} 中选一个编号，或输入选项的名称。",
        "error.confirm": "请回答“是”或“否”（y / n）。",
        "error.year": "年度应为 1990 到 2100 之间的整数，而不是“{text}”。",
        "error.weight_over": "分值合计不能超过 100：这一项最多还能给 {left} 分。",
        "error.judged_band": "评定得分须在 {low}–{high} 分之间，而不是“{text}”。",
        "error.number": "“{text}”不是数字。",
        "error.level2": "“{text}”不是{level1}下的二级指标。",
        "error.unusable": "无法使用“{text}”作为回答，请换一种写法。",
        "error.finished": "已经填写完成，没有要回答的问题。",
        # --- drafts and sessions ------------------------------------------------------------------
        "draft.name": "草稿",
        "draft.unreadable": "草稿 {id} 无法读取：{reason}",
        "draft.not_found": "找不到草稿 {id}。",
        "draft.bad_id": "“{id}”不是草稿编号。",
        "draft.describe": "{name}（{updated}，已答 {count} 项，下一项：{current}）",
        "session.saved": "已保存到 {path}。",
        "session.needs_path": "请给出保存的文件名。",
        "session.exists": "文件 {path} 已经存在。",
        "session.changed": "文件 {path} 在打开之后被修改过。",
        "session.failed": "无法保存：{reason}",
        "session.draft_kept": "草稿已保存（编号 {id}）。",
        # --- training -----------------------------------------------------------------------------
        "train.start": "计分练习：共 {forms} 份表、{items} 道题。表上的得分已隐去，请自己算出每一行的得分。{keys}",
        "train.keys": "输入 s 跳过，q 结束。",
        "train.keys.walk": "q 结束",
        "train.start.walk": "讲解模式：共 {forms} 份表、{items} 行。逐行显示正确得分和计算过程。",
        "train.form": "第 {number} 份：{name}（{department}）",
        "train.budget": "预算执行率：全年预算数 {budget}，全年执行数 {executed}，分值 {weight}。",
        "train.row": "第 {number} 行 {level2} · {name}：年度指标值 {target}，实际完成值 {actual}，分值 {weight}。",
        "train.band": "这一行需要评定：{low}–{high} 分之间都算对。",
        "train.band.walk": "这一行需要评定：由评价人在 {low}–{high} 分之间评定。",
        "train.question.label": "得分",
        "train.question": "这一行得多少分？",
        "train.question.help": "按计分方法算出得分，保留两位小数。输入 s 跳过，q 结束练习。",
        "train.placeholder": "得分，如 12.5",
        "train.empty": "请输入得分。",
        "train.walk.question": "回车看下一行（{keys}）",
        "train.walk.label": "下一行",
        "train.correct": "正确：{score} 分。",
        "train.correct.band": "可以：{low}–{high} 分之间都算对。",
        "train.wrong": "不对：您答 {given} 分，正确得分是 {score} 分。",
        "train.wrong.band": "不对：您答 {given} 分，应在 {low}–{high} 分之间。",
        "train.skipped": "已跳过：正确得分是 {score}。",
        "train.summary": "练习结束：答对 {correct} / {answered} 题，跳过 {skipped} 题{accuracy}。",
        "train.summary.accuracy": "，正确率 {percent}%",
        "train.summary.walk": "讲解结束：看过 {seen} / {items} 行。",
        "train.sheet_file": "表格文件",
        "train.no_forms": "没有可练习的评价文件：{where}",
        "train.nothing": "这些评价文件中没有可以计分的行。",
        "train.pending": "待评定",
        # --- plain line mode ----------------------------------------------------------------------
        "plain.commands": "命令：:b 上一项  :u 撤销  :j 编号 跳转  :f 列出各项  :h 帮助  :d 删除本行  :s 保存  :q 退出"
        "（以冒号开头的回答请写成两个冒号）",
        "plain.prefix.hint": "提示：",
        "plain.prefix.warning": "注意：",
        "plain.prefix.error": "错误：",
        "plain.prefix.explanation": "计分：",
        "plain.default": "[{default}]",
        "plain.eof": "输入已结束，尚未保存。",
        "plain.resume_how": "继续填写：jixiao{drafts} --plain，然后选择这份草稿。",
        "plain.quit": "已退出，尚未保存。",
        "plain.quit_clean": "已退出。",
        "plain.eof_clean": "输入已结束。",
        "plain.stopped": "已中止，尚未保存。",
        "plain.pending": "上次在这一项输入了还没提交的内容：{text}",
        "plain.unknown_command": "不认识的命令“{command}”。",
        "plain.field_line": "{number:>3}. {mark} {label}：{answer}",
        "plain.save_path": "保存到哪个文件？（.toml；空行取消保存）",
        "plain.save_path_command": "这里请输入要保存的文件名（.toml）；空行取消保存，:q 退出。",
        "plain.save_cancelled": "未保存。",
        "plain.overwrite": "{message}要覆盖它吗？",
        "plain.start.choice": "发现未完成的草稿。要继续哪一份？",
        "plain.start.new": "新建一份自评表",
        "plain.edit.draft": "这个文件有未保存的修改草稿（{describe}）。继续这份草稿吗？",
        "plain.whatif.start": "试算：输入分值、年度指标值和实际完成值，看得分和计算过程。方括号中是回车采用的值。",
        "plain.whatif.kind": "算哪一种？",
        "plain.whatif.kind.indicator": "一个指标",
        "plain.whatif.kind.budget": "预算执行率",
        "plain.whatif.indicator": "指标名称（可空着，用于按指标库判断方向）",
        "plain.whatif.matched": "按指标库中的“{name}”（{direction}）计分。",
        "plain.whatif.unmatched": "指标库中找不到“{name}”：方向只看年度指标值的写法。",
        "plain.whatif.weight": "分值",
        "plain.whatif.target": "年度指标值",
        "plain.whatif.actual": "实际完成值",
        "plain.whatif.direction": "年度指标值的写法与指标库方向不一致：按哪个方向计分？",
        "plain.whatif.judged": "评定得分（{low}–{high} 分之间，空着则只看区间）",
        "plain.whatif.budget": "全年预算数",
        "plain.whatif.executed": "全年执行数",
        "plain.whatif.change": "与上一次相比：{change} 分。",
        "plain.whatif.again": "再算一个吗？",
        "plain.train.eof": "输入已结束。",
        "plain.saved_exit": "已保存到 {path}。",

        # --- full-screen assistant (tui/) --------------------------------------------------------------
        "ui.app.title": "绩效自评助手 jixiao",
        "ui.key.cancel": "取消",
        "ui.key.close": "关闭",
        "ui.key.back": "返回",
        "ui.key.quit": "退出",
        "ui.key.home": "首页",
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
        "ui.start.resume_none": "继续未完成的草稿（现在没有）",
        "ui.start.no_drafts": "现在没有未完成的草稿。",
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
            "新建：逐项回答问题，边填边计分。"
            "\n"
            "打开：修改已有的 .toml 评价文件，回车保留原答案。"
            "\n"
            "继续草稿：每答一项都会自动存草稿，断线或关闭后可从这里接着填。"
            "\n"
            "单项试算：输入分值、年度指标值和实际完成值，立即看到得分和扣分原因。"
            "\n"
            "计分练习：用真实自评表练习按方法计分；"
            "讲解模式逐行展示正确答案。"
            "\n"
            "键位可在 $XDG_CONFIG_HOME/jixiao/keymap.toml 中修改（绑定编号 = 按键），ctrl+q 退出不可更改。\n"
            "颜色：环境变量 JIXIAO_THEME=textual-ansi 使用终端自己的 16 色；设置 NO_COLOR 则不用颜色。"
        ),
        "ui.open.question": "打开哪个评价文件？",
        "ui.open.draft_found": "这个文件有未保存的修改草稿：{describe}",
        "ui.open.resume_draft": "继续这份草稿",
        "ui.open.ignore_draft": "打开文件本身（草稿保留）",
        "ui.whatif.title": "单项试算",
        "ui.whatif.title_row": "试算第 {row} 行指标",
        "ui.whatif.toggle": "指标/预算",
        "ui.whatif.apply": "采用",
        "ui.whatif.name": "指标名称",
        "ui.whatif.name_placeholder": "可空着；填了按指标库判断方向（→ 补全）",
        "ui.whatif.name_empty": "没填指标名称：方向只看年度指标值的写法。",
        "ui.whatif.name_loading": "正在载入指标库……",
        "ui.whatif.name_matched": "按指标库中的“{name}”判断方向：{direction}。",
        "ui.whatif.name_unmatched": "指标库中找不到“{name}”：方向只看年度指标值的写法。",
        "ui.whatif.name_fixed": "名称随表中这一行，不能修改。",
        "ui.whatif.no_name_note": "年度指标值没有写比较方向，也没有填指标名称：按正向（越高越好）计分",
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
            "上下方向键（或 tab / shift+tab）在各项之间移动，改动任何一项，得分和说明立即更新。"
            "方向一栏按回车或空格展开选项。"
            "\n"
            "指标名称可空着；填了就按指标库中该指标的方向计分（与指标值的写法矛盾时请在方向一栏选定），"
            "→ 键补全指标库中的名称。"
            "\n"
            "年度指标值可写 ≥90%、≤10%、72小时以内、满意 等；"
            "方向选“自动”时按指标值的写法和指标库判断。"
            "\n"
            "定性指标或需要评定的行，在“评定得分”中填入区间内的分数。"
            "\n"
            "ctrl+t 在指标试算和预算执行率试算之间切换。"
            "\n"
            "从审阅页打开时，下方显示总分的变化；"
            "ctrl+s 采用，ctrl+b 放弃。"
        ),
        "ui.direction.auto": "自动（按指标值写法和指标库）",
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
        "ui.interview.enter_keeps": "回车采用：{answer}",
        "ui.interview.optional": "可以空着，回车跳过。",
        "ui.interview.long_text_keys": "回车提交，ctrl+j 换行。",
        "ui.interview.loading": "正在打开……",
        "ui.interview.queued": "正在打开……已记下 {count} 个回答，可以接着输入。",
        "ui.interview.pending_restored": "上次输入了还没提交的内容，已放回；回车提交。",
        "ui.interview.help_title": "填写自评表",
        "ui.interview.help_field_title": "帮助：{label}",
        "ui.interview.help_body": (
            "每次回答一个问题，回车提交。"
            "答案不合格时只会挡住“下一步”，返回、跳转、撤销和退出总是可用。"
            "\n"
            "shift+tab 或 ctrl+b 回到上一项；"
            "ctrl+g 打开跳转列表；"
            "ctrl+z 撤销上一次回答；"
            "ctrl+s 保存；"
            "ctrl+r 审阅整张表；"
            "ctrl+l 回到首页（表已填完、或没有未保存的修改时可用）；"
            "ctrl+q 退出（有未保存的修改时会先询问）。"
            "\n"
            "填三级指标名称时，上下方向键在提示中选择，回车采用。"
        ),
        "ui.jump.title": "跳转到……",
        "ui.jump.filter": "输入文字或行号筛选",
        "ui.jump.hint": "上下方向键选择，回车跳转；{close} 关闭。",
        "ui.jump.unanswered": "（未填）",
        "ui.quit.question": "有尚未保存到文件的修改。怎么办？",
        "ui.quit.stay": "继续填写",
        "ui.quit.save": "保存后退出",
        "ui.quit.leave": "先退出，草稿保留（下次启动可继续）",
        "ui.home.question": "有尚未保存到文件的修改。回到首页之前怎么办？",
        "ui.home.save": "保存后回到首页",
        "ui.home.leave": "回到首页，草稿保留（以后可继续）",
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
        "ui.review.page": "翻页",
        "ui.review.applied": "第 {row} 行已按试算的值修改。",
        "ui.review.not_applied": "第 {row} 行的“{label}”没有改成试算的值。",
        "ui.review.help_title": "审阅",
        "ui.review.help_body": (
            "整张表按正式表样排列：表头、项目资金、年度总体目标、指标表、总分、等级和检查发现。"
            "\n"
            "上下方向键选择指标行；"
            "回车或 w 打开试算，改动指标值、实际完成值或分值，立即看到得分和总分的变化，ctrl+s 采用后才写回表中；"
            "e 回到填写页修改这一行；"
            "ctrl+s 保存；"
            "ctrl+b 回到填写；"
            "ctrl+l 回到首页（有未保存的修改时会先询问）。"
        ),
        "ui.severity.error": "错误",
        "ui.severity.warning": "注意",
        "ui.severity.info": "提示",
        "ui.input.suggestion": "选择提示",
        "ui.panel.title": "表单",
        "ui.panel.project": "项目",
        "ui.panel.budget": "全年预算",
        "ui.panel.executed": "全年执行",
        "ui.panel.rate": "执行率",
        "ui.panel.budget_score": "预算执行得分",
        "ui.panel.rows": "指标",
        "ui.panel.score_weight": "得分/分值",
        "ui.panel.no_rows": "（还没有指标）",
        "ui.panel.total": "总分",
        "ui.panel.partial_total": "已计得分",
        "ui.panel.grade": "（{grade}）",
        "ui.panel.weight_left": "剩余分值",
        "ui.transcript.pending": "待评定：{low}–{high} 分",
        "ui.transcript.direction_pending": "待定：计分方向",
        "ui.transcript.score": "得分 {score} / {weight}",
        "ui.transcript.enter": "（回车）",
        "ui.review.col.level1": "一级",
        "ui.review.col.level2": "二级",
        "ui.review.col.name": "三级指标",
        "ui.review.col.score": "得分",
        "ui.review.achieved": "实际完成",
        "ui.review.list_separator": "、",
        "ui.launch.no_file": "找不到评价文件：{path}",
        "ui.keymap.unreadable": "键位文件无法读取：{error}",
        "ui.keymap.not_table": "键位文件应为“绑定编号 = 按键”的表",
        "ui.keymap.fixed": "“{id}”（ctrl+q 退出）不能改动，已忽略",
        "ui.keymap.unknown": "没有编号为“{id}”的按键，已忽略",
        "ui.keymap.bad_keys": "“{id}”的按键应为文字或文字列表，已忽略",
        "ui.keymap.quit_key": "ctrl+q 固定用于退出，不能分给“{id}”，已忽略",
        "ui.keymap.unreadable_file": "键位文件 {path} 无法读取：{error}",
        "ui.train.tally_title": "练习进度",
        "ui.train.tally_title_walk": "讲解进度",
        "ui.train.progress": "第 {number} / {total} 题",
        "ui.train.progress_walk": "第 {number} / {total} 行",
        "ui.train.seen": "已看 {count} 行",
        "ui.train.correct": "答对 {count}",
        "ui.train.wrong": "答错 {count}",
        "ui.train.skipped": "跳过 {count}",
        "ui.train.skip": "跳过",
        "ui.train.finish": "结束",
        "ui.train.hint": "输入得分后回车；{keys}",
        "ui.train.hint_walk": "pageup / pagedown 翻看前面的讲解。",
        "ui.train.keys": "{skip} 跳过，{finish} 结束。",
        "ui.train.keys_walk": "{finish} 结束",
        "ui.train.over": "练习结束。{back} 返回，ctrl+q 退出。",
        "ui.train.over_walk": "讲解结束。{back} 返回，ctrl+q 退出。",
        "ui.train.help_title": "计分练习",
        "ui.train.help_body": (
            "表上的得分已隐去：按计分方法算出每一行的得分（保留两位小数），回车核对；"
            "答错时会给出正确得分和计算过程。"
            "需要评定的行给出区间，区间内的分数都算对。"
            "{skip} 跳过一行，{finish} 结束并看汇总。"
            "讲解模式逐行展示正确得分和计算过程，回车看下一行。"
        ),
    },
}

LOCALE = os.environ.get("JIXIAO_LOCALE", DEFAULT_LOCALE)
if LOCALE not in STRINGS:
    LOCALE = DEFAULT_LOCALE


def set_locale(locale: str) -> None:
    """Switch the language of every later message (unknown locales fall back to Chinese)."""
    global LOCALE
    LOCALE = locale if locale in STRINGS else DEFAULT_LOCALE


def t(key: str, **fields: object) -> str:
    """The message ``key`` in the current locale with ``fields`` filled in; the key itself if unknown."""
    text = STRINGS.get(LOCALE, {}).get(key)
    if text is None:
        text = STRINGS[DEFAULT_LOCALE].get(key, key)
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError):
        return text
