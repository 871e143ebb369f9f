"""Messages of the sheet reader: rows left from the blank template, funds parts, titles, layout files."""

ZH: dict[str, str] = {
    "reader.leftover_row": "“{text}”是空白模板留下的行（没有分值和得分），已跳过",
    "reader.layout.invalid": "版式文件 {file}：{where}：{problem}",
    "reader.layout.invalid_whole": "版式文件 {file}：{problem}",
    "reader.layout.not_found": "没有版式文件 {file}",
    "reader.layout.unreadable": "版式文件 {file} 无法读取：{problem}",
    "reader.layout.needs": "缺少 {what}",
    "reader.layout.writes_undeclared": "{where}：{value} 没有在读取的表头中声明",
    "reader.layout.no_parent": "没有名为“{parent}”的版式可以继承",
    "reader.layout.cycle": "继承“{parent}”形成了循环",
    "reader.layout.id": "id 应与文件名相同（{id}）",
    "reader.layout.missing": "缺少这一项",
    "reader.layout.unknown_key": "不认识的键",
    "reader.layout.bad_value": "值不合要求（{problem}）",
}

EN: dict[str, str] = {
    "reader.leftover_row": "“{text}” is a row left from the blank template (no weight, no score); skipped",
    "reader.layout.invalid": "layout file {file}: {where}: {problem}",
    "reader.layout.invalid_whole": "layout file {file}: {problem}",
    "reader.layout.not_found": "no layout file {file}",
    "reader.layout.unreadable": "layout file {file} cannot be read: {problem}",
    "reader.layout.needs": "{what} is missing",
    "reader.layout.writes_undeclared": "{where}: {value} is not declared among the heads read",
    "reader.layout.no_parent": "there is no layout “{parent}” to extend",
    "reader.layout.cycle": "extending “{parent}” makes a cycle",
    "reader.layout.id": "the id must be the file name ({id})",
    "reader.layout.missing": "this key is missing",
    "reader.layout.unknown_key": "unknown key",
    "reader.layout.bad_value": "the value is not allowed ({problem})",
}
