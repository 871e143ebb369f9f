"""Messages of the sheet reader: rows left from the blank template, funds parts, titles, layout files."""

ZH: dict[str, str] = {
    "reader.leftover_row": "“{text}”是空白模板留下的行（没有分值和得分），已跳过",
}

EN: dict[str, str] = {
    "reader.leftover_row": "“{text}” is a row left from the blank template (no weight, no score); skipped",
}
