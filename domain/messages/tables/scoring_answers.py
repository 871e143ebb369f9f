"""Messages of profile files checked against their declaration, of a row's direction decided or asked, and of
the scores a form keeps as its own."""

ZH = {
    "explanation.direction_unknown": "计分方向待定：年度指标值没有写比较符号，指标库和指标名称也定不了方向，"
                                     "请先确定按正向还是反向计分，确定后按公式计分。",
    "problem.above": "应大于 {limit}",
    "problem.pair": "应为两个数字组成的列表，如 [0.6, 0.8]",
    "scoring.note.direction_from_name": "指标库中没有“{name}”，名称中的“{word}”表明{direction}",
    "scoring.note.direction_conflict_name": "指标值“{target}”的写法是{hint}，而指标名称“{name}”表明{catalogue}：请确认方向",
    "scoring.note.direction_unknown": "指标值没有写比较符号（≥、≤ 等），指标库和指标名称也定不了方向：请确认是越高越好还是越低越好",
    "cli.whatif.direction_needed": "定不了方向：指标值“{target}”没有写比较符号（≥、≤ 等），{why}；"
                                   "请用 --direction positive（越高越好）、reverse（越低越好）或 equal 指明",
    "cli.whatif.direction_needed.no_name": "也没有用 --indicator 指明指标",
    "cli.whatif.direction_needed.name": "指标“{name}”不在指标库中，名称也看不出方向",
    "scoring.note.declared_kept": "得分 {declared} 是表上填报的判断，在范围 {low}–{high} 内，予以保留（计入总分）",
    "scoring.note.declared_rounding": "得分 {declared} 是表上填报的，即计算得分 {computed} 按本表的取舍习惯（{habit}）的写法，予以保留",
    "scoring.note.declared_clamped": "表上填报的得分 {declared} 超出范围 {low}–{high}，按 {adopted} 计入总分",
    "scoring.note.nothing_declared": "表上没有填报得分，规则也给不出：按 0 分计入总分，请判断后填写",
    "scoring.note.declared_direction": "得分 {declared} 是表上填报的，方向待确认，暂按表上得分计入总分",
    "scoring.note.budget_declared_rounding": "得分 {declared} 是表上填报的，即按规则计算的 {computed} 换一种取舍方式的写法，予以保留",
    "scoring.note.budget_declared_unscored": "得分 {declared} 是表上填报的；规则算不出执行率，暂按表上得分计入总分",
}

EN = {
    "explanation.direction_unknown": "Direction not decided: the target has no comparison sign and neither the "
                                     "catalogue nor the name tells; decide whether higher or lower is better, then "
                                     "the formula scores it.",
    "problem.above": "should be above {limit}",
    "problem.pair": "should be a list of two numbers, such as [0.6, 0.8]",
    "scoring.note.direction_from_name": "“{name}” is not in the catalogue; “{word}” in its name says {direction}",
    "scoring.note.direction_conflict_name": "the target “{target}” reads as {hint} but the name “{name}” says {catalogue}: "
                                            "please decide the direction",
    "scoring.note.direction_unknown": "the target has no comparison sign (≥, ≤ …) and neither the catalogue nor the "
                                      "indicator's name tells the direction: please say whether higher or lower is better",
    "cli.whatif.direction_needed": "cannot tell the direction: the target “{target}” has no comparison sign (≥, ≤ …) "
                                   "and {why}; give --direction positive (higher is better), reverse (lower is better) "
                                   "or equal",
    "cli.whatif.direction_needed.no_name": "no indicator was named with --indicator",
    "cli.whatif.direction_needed.name": "the indicator “{name}” is not in the catalogue and its name does not tell",
    "scoring.note.declared_kept": "the score {declared} is the form's own judgement, inside {low}–{high}: kept "
                                  "(counted in the total)",
    "scoring.note.declared_rounding": "the score {declared} is the form's own: the computed {computed} written at the "
                                      "form's precision ({habit}), kept",
    "scoring.note.declared_clamped": "the declared score {declared} lies outside {low}–{high}: {adopted} is counted",
    "scoring.note.nothing_declared": "the form declares no score and the rules give none: 0 is counted; "
                                     "judge it and fill it in",
    "scoring.note.declared_direction": "the score {declared} is the form's own; the direction is still to be decided, "
                                       "so the declared score is counted for now",
    "scoring.note.budget_declared_rounding": "the score {declared} is the form's own: the computed {computed} rounded "
                                             "another way, kept",
    "scoring.note.budget_declared_unscored": "the score {declared} is the form's own; the rules cannot work out the "
                                             "execution rate, so the declared score is counted for now",
}
