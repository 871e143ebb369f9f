"""Messages of the command line itself and of `jixiao catalogue search`."""

ZH: dict[str, str] = {
    "cli.usage": "命令行有误：{message}（用 {prog} --help 查看用法）",
    "cli.description": "项目支出绩效自评表助手：填写、计分、解释和核查绩效自评。",
    "cli.lang": "界面语言：zh（中文，默认）或 en（English）；也可用环境变量 JIXIAO_LOCALE",
    "cli.interrupted": "已中断",
    "cli.catalogue": "查找指标库",
    "cli.catalogue.search": "按名称、错别字或拼音查找指标",
    "cli.catalogue.query": "指标名称、拼音或拼音首字母",
    "cli.catalogue.level2": "二级指标，用于区分同名指标",
    "cli.catalogue.limit": "最多列出几条（默认 5）",
    "cli.catalogue.no_query": "请给出要查找的指标名称",
    "cli.catalogue.bad_limit": "--limit 应为正整数",
    "cli.catalogue.unknown_level2": "不认识的二级指标“{level2}”（可用：{known}）",
    "cli.catalogue.none": "指标库中没有与“{query}”相近的指标",
    "catalogue.malformed": "指标目录格式不对：{error}",
    "catalogue.unreadable": "无法读取指标目录文件 {path}：{error}",
    "catalogue.not_json": "指标目录文件 {path} 不是有效的 JSON：{error}",
}

EN: dict[str, str] = {
    "cli.usage": "bad command line: {message} (see {prog} --help)",
    "cli.description": "Assistant for the project expenditure performance self-evaluation form: fill in, score, "
                       "explain and audit self-evaluations.",
    "cli.lang": "interface language: zh (Chinese, the default) or en (English); also JIXIAO_LOCALE",
    "cli.interrupted": "interrupted",
    "cli.catalogue": "search the indicator catalogue",
    "cli.catalogue.search": "find indicators by name, misspelling or pinyin",
    "cli.catalogue.query": "indicator name, pinyin or pinyin initials",
    "cli.catalogue.level2": "level-2 indicator, to tell apart entries of the same name",
    "cli.catalogue.limit": "how many to list at most (default 5)",
    "cli.catalogue.no_query": "give the indicator name to look for",
    "cli.catalogue.bad_limit": "--limit must be a positive whole number",
    "cli.catalogue.unknown_level2": "unknown level-2 indicator \"{level2}\" (known: {known})",
    "cli.catalogue.none": "nothing in the catalogue is close to \"{query}\"",
    "catalogue.malformed": "the indicator catalogue is malformed: {error}",
    "catalogue.unreadable": "cannot read the catalogue file {path}: {error}",
    "catalogue.not_json": "the catalogue file {path} is not valid JSON: {error}",
}
