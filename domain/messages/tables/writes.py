"""Messages of writing files, of the folders jixiao keeps, of served browser sessions and of TOML syntax."""

ZH: dict[str, str] = {
    "writes.hard_links": "{path} 还有另外 {others} 个名字（硬链接）：jixiao 总是整体替换文件，以免留下写了一半的文件，"
                         "这样那些名字仍会是旧内容，所以没有写入。请另存为一个新文件，或先删去其他名字。",
}

EN: dict[str, str] = {
    "writes.hard_links": "{path} has {others} other name(s) (hard links): jixiao always replaces a file whole, so that "
                         "no half-written file is ever left, which would leave those names with the old contents; "
                         "nothing was written. Save under a new name, or remove the other names first.",
}
