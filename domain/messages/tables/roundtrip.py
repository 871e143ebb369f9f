"""Messages of the official form's export notes, the walk's tallies and the assistant's keyboard fixes."""

ZH: dict[str, str] = {
    "hint.full_name": "自评表上将写“{written}”；要改用指标库全称“{full}”，按 ctrl+f（逐行模式输入 :n）",
    "interview.full_name_none": "没有需要改成指标库全称的指标名称",
    "interview.full_name_done": "第 {row} 行改用指标库全称“{full}”，自评表上将写这个名称",
    "ui.interview.full_name": "全称",
    "warning.catalogue_unit": "指标值“{target}”是{kind}，而指标库的“{name}”以{unit}计（{entry_kind}）：不按这一条计，请重新选择对应的指标库条目",
    "unit_kind.percent": "百分比",
    "unit_kind.money": "金额",
    "unit_kind.time": "时间",
    "unit_kind.count": "数量",
    "ui.quit.draft_where": "草稿文件：{path}。再次运行 jixiao 就会提出继续这份草稿。",
    "ui.jump.nothing": "没有字段符合“{typed}”：改一改筛选的词，或按 {close} 关闭",
    "scoring.note.unit_bare_target": "指标值“{raw}”没有单位，实际完成值的单位是“{unit}”，无法直接比较",
    "scoring.note.unit_bare_actual": "实际完成值“{raw}”没有单位，指标值的单位是“{unit}”，无法直接比较",
    "export.rate_rounded": "注：执行率 {rate} 先四舍五入到 {used} 再计分，预算执行率得分 = {weight} × {factor} = {score}",
}

EN: dict[str, str] = {
    "hint.full_name": "the form will show “{written}”; to use the catalogue's full name “{full}”, press ctrl+f (in line mode type :n)",
    "interview.full_name_none": "No indicator name needs the catalogue's full name",
    "interview.full_name_done": "Row {row} now uses the catalogue's full name “{full}”, which the form will show",
    "ui.interview.full_name": "full name",
    "warning.catalogue_unit": "the target “{target}” is {kind}, but the catalogue's “{name}” is measured in {unit} ({entry_kind}): it is not taken; choose the catalogue entry again",
    "unit_kind.percent": "a percentage",
    "unit_kind.money": "an amount of money",
    "unit_kind.time": "a time",
    "unit_kind.count": "a count",
    "ui.quit.draft_where": "Draft file: {path}. Run jixiao again and it offers to go on with this draft.",
    "ui.jump.nothing": "No field fits “{typed}”: change the filter, or press {close} to close",
    "scoring.note.unit_bare_target": "the target “{raw}” has no unit and the actual value is in “{unit}”: they cannot be compared",
    "scoring.note.unit_bare_actual": "the actual value “{raw}” has no unit and the target is in “{unit}”: they cannot be compared",
    "export.rate_rounded": "Note: the execution rate {rate} is rounded to {used} before scoring; budget score = {weight} × {factor} = {score}",
}
