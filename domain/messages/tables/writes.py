"""Messages of writing files, of the folders jixiao keeps, of served browser sessions and of TOML syntax."""

ZH: dict[str, str] = {
    "writes.hard_links": "{path} 还有另外 {others} 个名字（硬链接）：jixiao 总是整体替换文件，以免留下写了一半的文件，"
                         "这样那些名字仍会是旧内容，所以没有写入。请另存为一个新文件，或先删去其他名字。",
    "draft.newer_entry": "{name}（{updated}）：由更新版本的 jixiao 保存（草稿格式 {version}），请升级后再继续",
    "toml.at": "第 {line} 行第 {column} 列：{problem}",
    "toml.at_end": "文件末尾：{problem}",
    "toml.unknown": "TOML 写法有误（{detail}）",
    "toml.expected_equals": "键名后面应有等号“=”，再写值（如 year = 2020）",
    "toml.overwrite": "同一个键写了两次",
    "toml.table_twice": "表头 {x} 写了两次",
    "toml.namespace": "{x} 与前面已写的表或值冲突",
    "toml.inline_duplicate": "大括号里的键 {x} 写了两次",
    "toml.unterminated_string": "文字缺少结尾的引号",
    "toml.unclosed_array": "方括号“[”没有对应的“]”",
    "toml.unclosed_inline": "大括号“{{”没有对应的“}}”",
    "toml.invalid_value": "值无法识别：文字要加引号，数字不要带单位",
    "toml.invalid_statement": "这一行既不是“键 = 值”，也不是 [表头]",
    "toml.bad_key": "键名开头的字符不能用在键名里（键名含中文或空格时要加引号）",
    "toml.bad_hex": "\\u 后面应是有效的十六进制数",
    "toml.bad_date": "日期或时间无效",
    "toml.bad_character": "有不允许出现在这里的字符 {x}",
    "toml.backslash": "文字中的反斜杠“\\”要写成“\\\\”",
    "toml.expected": "这里应为 {x}",
}

EN: dict[str, str] = {
    "writes.hard_links": "{path} has {others} other name(s) (hard links): jixiao always replaces a file whole, so that "
                         "no half-written file is ever left, which would leave those names with the old contents; "
                         "nothing was written. Save under a new name, or remove the other names first.",
    "draft.newer_entry": "{name} ({updated}): saved by a newer jixiao (draft format {version}); upgrade to continue it",
    "toml.at": "line {line}, column {column}: {problem}",
    "toml.at_end": "at the end of the file: {problem}",
    "toml.unknown": "the TOML is not written correctly ({detail})",
    "toml.expected_equals": "a key must be followed by “=” and then its value (as in year = 2020)",
    "toml.overwrite": "the same key is written twice",
    "toml.table_twice": "the table header {x} is written twice",
    "toml.namespace": "{x} clashes with a table or value written before",
    "toml.inline_duplicate": "the key {x} is written twice inside the braces",
    "toml.unterminated_string": "a text lacks its closing quote",
    "toml.unclosed_array": "a “[” has no matching “]”",
    "toml.unclosed_inline": "a “{{” has no matching “}}”",
    "toml.invalid_value": "the value cannot be read: text needs quotes, numbers need no unit",
    "toml.invalid_statement": "this line is neither “key = value” nor a [table header]",
    "toml.bad_key": "a key cannot start with this character (quote keys holding Chinese or spaces)",
    "toml.bad_hex": "\\u must be followed by a valid hexadecimal number",
    "toml.bad_date": "the date or time is not valid",
    "toml.bad_character": "the character {x} is not allowed here",
    "toml.backslash": "a backslash “\\” in a text must be written “\\\\”",
    "toml.expected": "{x} was expected here",
}
