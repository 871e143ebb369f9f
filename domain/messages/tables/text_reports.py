"""Messages of the plain-text reports: a scored form (`jixiao score`) and a what-if result."""

ZH: dict[str, str] = {
    "text.pending": "待评定",
    "text.unnamed": "（未命名）",
    "text.project": "项目：{name}",
    "text.profile": "规则：{profile}",
    "text.file": "    文件：{file}",
    "text.budget_row": "预算执行率",
    "text.row_line": "分值 {weight}  得分 {score}",
    "text.values": "年度指标值 {target}；实际完成值 {actual}",
    "text.total": "总分 {total}（{grade}）",
    "text.partial": "已计得分 {total}；{waiting}，评定后才有总分和等级",
    "text.waiting_rows": "第 {rows} 行待评定",
    "text.waiting_budget": "预算执行率待计算",
    "text.score_pending": "得分待评定（{low}–{high} 分，分值 {weight}）",
    "text.score_full": "得分 {score}（满分 {weight}）",
    "text.score_lost": "得分 {score}（分值 {weight}，扣 {lost} 分）",
    "text.score": "得分 {score}（分值 {weight}）",
}

EN: dict[str, str] = {
    "text.pending": "to judge",
    "text.unnamed": "(untitled)",
    "text.project": "Project: {name}",
    "text.profile": "Profile: {profile}",
    "text.file": "    File: {file}",
    "text.budget_row": "Budget execution",
    "text.row_line": "weight {weight}  score {score}",
    "text.values": "target {target}; actual {actual}",
    "text.total": "Total {total} ({grade})",
    "text.partial": "Scored so far {total}; {waiting}: the total and grade follow once judged",
    "text.waiting_rows": "row {rows} to judge",
    "text.waiting_budget": "the execution rate still to compute",
    "text.score_pending": "score pending judgement ({low}-{high} of {weight})",
    "text.score_full": "score {score}: full marks ({weight})",
    "text.score_lost": "score {score} of {weight}, {lost} lost",
    "text.score": "score {score} of {weight}",
}
