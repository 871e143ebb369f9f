"""Hostile workbooks: each crafted case is refused with its own reason, the reader's child turns an abort,
a panic, a limit or a kill into a refusal of that one file, and the XML readers take any attribute text."""

from __future__ import annotations

import io
import json
import os
import signal
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.sheets import limits, sandbox
from domain.sheets.tsv import SheetError
from domain.sheets.xml_extras import read_ods_extras, xlsx_percent_cells, xlsx_percent_styles
from tui.batch import totals_line
from tui.cli import run

CRAFTED = Path(__file__).resolve().parent.parent / "fixtures" / "workbooks" / "crafted"

REASONS = {  # crafted file → what the refusal says (worked out from how each file is made)
    "bomb-shared-strings.xlsx": "“xl/sharedStrings.xml”压缩了",
    "bomb-styles.xlsx": "“xl/styles.xml”压缩了",
    "bomb-workbook.xlsx": "“xl/workbook.xml”压缩了",
    "bomb-sheet.xlsx": "“xl/worksheets/sheet1.xml”压缩了",
    "bomb-theme.xlsx": "“xl/theme/theme1.xml”压缩了",
    "oversized-workbook.xlsx": "“xl/workbook.xml”解压后超过 64 MB",
    "many-members.xlsx": "2111 个部件（上限 2000 个）",
    "lie-shared-strings.xlsx": "“xl/sharedStrings.xml”实际内容与登记的大小或校验和不符",
    "lie-styles.xlsx": "“xl/styles.xml”实际内容与登记的大小或校验和不符",
    "lie-sheet.xlsx": "“xl/worksheets/sheet1.xml”实际内容与登记的大小或校验和不符",
    "lie-small.xlsx": "“xl/workbook.xml”实际内容与登记的大小或校验和不符",
    "zlib-damage.xlsx": "“xl/styles.xml”无法解压",
    "dtd-shared-strings.xlsx": "“xl/sharedStrings.xml”含有文档类型定义（DTD）",
    "dtd-styles.xlsx": "“xl/styles.xml”含有文档类型定义（DTD）",
    "ods-dtd.ods": "“content.xml”含有文档类型定义（DTD）",
    "numfmt-text.xlsx": "numFmtId 的值“abc”不是有效的数字",
    "numfmt-negative.xlsx": "numFmtId 的值“-99999999999999999999”不是有效的数字",
    "ods-repeat-text.ods": "table:number-columns-repeated 的值“lots”不是有效的数字",
    "ods-repeat-negative.ods": "table:number-columns-repeated 的值“-5”不是有效的数字",
    "ods-rows-repeat-text.ods": "table:number-rows-repeated 的值“many”不是有效的数字",
    "ods-no-content.ods": "缺少部件“content.xml”",
    "ods-bomb-content.ods": "“content.xml”压缩了",
    "ods-bomb-styles.ods": "“styles.xml”压缩了",
    "ods-lie-content.ods": "“content.xml”实际内容与登记的大小或校验和不符",
    "workbook-not-xml.xlsx": "“xl/workbook.xml”不是完整的 XML",
    "huge-dimension-only.xlsx": "超过 1000000 行",
    "ods-repeat-huge.ods": "内存超过了上限（448 MiB）",
    "ref-last-cell.xlsx": "内存超过了上限（448 MiB）",
    "ref-enormous.xlsx": "异常中止（PanicException: capacity overflow）",
    "ref-garbage.xlsx": "工作表“道路照明”无法读取",
    "ref-zero.xlsx": "工作表“道路照明”无法读取",
    "xls-chain-loop.xls": "扇区链绕成了环",
    "xls-chain-self.xls": "扇区链绕成了环",
    "xls-directory-loop.xls": "扇区链绕成了环",
    "xls-sector-shift.xls": "Invalid sector shift",
    "truncated.xlsx": "无法解开",
}


@pytest.mark.parametrize("name", sorted(REASONS))
def test_each_crafted_workbook_is_refused_with_its_reason(name, capsys):
    assert run(["check", str(CRAFTED / name)]) == 2
    captured = capsys.readouterr()
    assert captured.out.strip().splitlines() == [totals_line(0, 0, 0, 0, 0, 0, 1)]  # no form, one file unread
    assert f"{name}：" in captured.err and REASONS[name] in captured.err
    assert "Traceback" not in captured.err


def test_a_batch_with_crafted_files_reports_every_good_form_in_order(tmp_path, capsys):
    books = Path(__file__).resolve().parent.parent / "fixtures" / "workbooks"
    names = [
        books / "central-2022.xlsx",
        CRAFTED / "ref-last-cell.xlsx",
        books / "hubei-2020.xlsx",
        CRAFTED / "xls-directory-loop.xls",
        books / "sichuan-2023.xlsx",
    ]
    assert run(["check", *map(str, names), "--jobs", "2", "--format", "ndjson"]) == 2
    captured = capsys.readouterr()
    sources = [json.loads(line)["file"].split(" · ")[0] for line in captured.out.splitlines()]
    assert [Path(source).name for source in dict.fromkeys(sources)] == [
        "central-2022.xlsx",
        "hubei-2020.xlsx",
        "sichuan-2023.xlsx",
    ]
    assert "ref-last-cell.xlsx：" in captured.err and "xls-directory-loop.xls：" in captured.err


# ------------------------------------------------------------------------- the child that reads workbooks


@pytest.fixture
def forked(monkeypatch):
    """The reader's child forked from this process (so what is patched here is what the child runs)."""
    monkeypatch.setattr(sandbox.threading, "active_count", lambda: 1)
    return monkeypatch


def _abort(path: str, kind: str):
    os.abort()


def _kill_self(path: str, kind: str):
    os.kill(os.getpid(), signal.SIGKILL)


def _allocate(path: str, kind: str):
    return bytearray(4 * 1024 * 1024 * 1024)


def _spin(path: str, kind: str):
    while True:
        pass


def _panic(path: str, kind: str):
    class PanicException(BaseException):
        pass

    raise PanicException("called `Option::unwrap()` on a `None` value")


def _sleep(path: str, kind: str):
    import time

    time.sleep(60)


@pytest.mark.parametrize(
    ("reader", "expected"),
    [
        (_abort, "内存超过了上限（448 MiB）"),
        (_allocate, "内存超过了上限（448 MiB）"),
        (_kill_self, "子进程被终止了"),
        (_panic, "异常中止（PanicException: called `Option::unwrap()` on a `None` value）"),
    ],
)
def test_what_ends_the_reader_refuses_only_that_file(forked, reader, expected):
    forked.setattr(sandbox, "read_binary", reader)
    with pytest.raises(SheetError) as refused:
        sandbox.read_isolated(str(CRAFTED / "truncated.xlsx"), "xlsx")
    assert expected in refused.value.message


def test_the_reader_is_stopped_at_its_cpu_limit(forked):
    forked.setattr(sandbox, "read_binary", _spin)
    forked.setattr(limits, "READ_CPU_SECONDS", 1)
    forked.setattr(limits, "READ_WALL_SECONDS", 600)  # only the CPU limit can end it, however busy the machine
    with pytest.raises(SheetError) as refused:
        sandbox.read_isolated("x.xlsx", "xlsx")
    assert refused.value.message == "读取这个文件超过了 1 秒的时间上限，文件已损坏或是专门制造的；未读取。"


def test_the_reader_is_stopped_at_its_wall_limit(forked):
    forked.setattr(sandbox, "read_binary", _sleep)
    forked.setattr(limits, "READ_WALL_SECONDS", 1)
    with pytest.raises(SheetError) as refused:
        sandbox.read_isolated("x.xlsx", "xlsx")
    assert refused.value.message == "读取这个文件超过了 1 秒的时间上限，文件已损坏或是专门制造的；未读取。"


def test_an_answer_naming_a_class_is_never_unpickled():
    import pickle
    import struct

    data = pickle.dumps(("ok", "xlsx", [SheetError("x")]))
    with pytest.raises(SheetError) as refused:
        sandbox._decoded(struct.pack("<Q", len(data)) + data, 0)
    assert "异常中止" in refused.value.message


def test_a_threaded_caller_reads_in_a_fresh_interpreter(monkeypatch):
    monkeypatch.setattr(sandbox.threading, "active_count", lambda: 2)
    books = Path(__file__).resolve().parent.parent / "fixtures" / "workbooks"
    kind, sheets = sandbox.read_isolated(str(books / "central-2022.ods"), "xlsx")
    assert kind == "ods" and [name for name, *_ in sheets] == ["道路照明", "档案数字化", "下拉选项"]
    with pytest.raises(SheetError) as refused:
        sandbox.read_isolated(str(CRAFTED / "xls-chain-self.xls"), "xls")
    assert "扇区链绕成了环" in refused.value.message


# ------------------------------------------------------------------------------------------ the XML readers


def _archive(members: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_percent_cells_are_found_across_chunks_and_after_a_run_without_brackets():
    cell = b'<c r="B7" s="1"><v>0.97</v></c>'
    filler = b"<c s=1 " * 300_000  # 2 MiB with no '>': the scan neither slows nor loses what follows
    body = b"<sheetData><!--" + filler + b"-->" + b" " * ((1 << 20) - 7) + cell + b"</sheetData>"
    archive = _archive({"xl/worksheets/sheet1.xml": body})
    assert xlsx_percent_cells(archive, "xl/worksheets/sheet1.xml", {1}) == {(6, 1)}


def test_cell_references_outside_a_sheet_are_not_percent_cells():
    body = b'<c r="XFE1" s="1"/><c r="A0" s="1"/><c r="A1048577" s="1"/><c r="XFD1048576" s="1"/><c r="bad" s="1"/>'
    archive = _archive({"s.xml": body})
    assert xlsx_percent_cells(archive, "s.xml", {1}) == {(1048575, 16383)}


STYLES = (
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>'
    '<numFmt numFmtId="{custom}" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="{xf}"/>'
    '<xf numFmtId="9"/></cellXfs></styleSheet>'
)


def test_percent_styles_from_custom_and_builtin_formats():
    archive = _archive({"xl/styles.xml": STYLES.format(custom="164", xf="164").encode()})
    assert xlsx_percent_styles(archive) == {1, 2}


@given(st.text(max_size=12))
def test_any_number_format_id_is_read_or_refused_by_name(text):
    escaped = text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    try:
        body = STYLES.format(custom="164", xf=escaped).encode("utf-8")
    except UnicodeEncodeError:
        return
    try:
        found = xlsx_percent_styles(_archive({"xl/styles.xml": body}))
    except SheetError as error:
        assert "numFmtId" in error.message or "不是完整的 XML" in error.message
    else:
        assert found in ({1, 2}, {2})


ODS = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>'
    '<table:table><table:table-row table:number-rows-repeated="{rows}"><table:table-cell/></table:table-row>'
    '<table:table-row><table:table-cell table:number-columns-repeated="{columns}"/>'
    '<table:table-cell office:value-type="percentage" table:number-columns-spanned="2"/></table:table-row>'
    "</table:table></office:spreadsheet></office:body></office:document-content>"
)


def test_ods_repeats_and_spans_place_merges_and_percent_cells():
    archive = _archive({"content.xml": ODS.format(rows="3", columns="4").encode()})
    [sheet] = read_ods_extras(archive)
    assert sheet.merges == [(3, 4, 3, 5)] and sheet.percent == {(3, 4)}


@given(st.text(max_size=12), st.text(max_size=12))
def test_any_ods_repeat_count_is_read_or_refused_by_name(rows, columns):
    def escaped(text: str) -> str:
        return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")

    try:
        body = ODS.format(rows=escaped(rows), columns=escaped(columns)).encode("utf-8")
    except UnicodeEncodeError:
        return
    try:
        [sheet] = read_ods_extras(_archive({"content.xml": body}))
    except SheetError as error:
        assert "repeated" in error.message or "不是完整的 XML" in error.message
    else:
        top, left = int(rows), int(columns)
        inside = top < limits.MAX_ROWS and left < limits.MAX_COLUMNS
        assert sheet.merges == ([(top, left, top, left + 1)] if inside else [])
        assert sheet.percent == ({(top, left)} if inside else set())


def test_ods_repeats_far_out_are_counted_but_never_kept():
    archive = _archive({"content.xml": ODS.format(rows="2000000000", columns="3").encode()})
    [sheet] = read_ods_extras(archive)
    assert sheet.merges == [] and sheet.percent == set()


def test_a_reader_child_gone_between_files_is_replaced_without_blaming_the_next(forked):
    books = Path(__file__).resolve().parent.parent / "fixtures" / "workbooks"
    kind, _ = sandbox.read_isolated(str(books / "central-2022.xlsx"), "xlsx")
    first = sandbox._child
    assert kind == "xlsx" and first is not None
    os.kill(first.pid, signal.SIGKILL)  # as ctrl+c or the OOM killer would, between two files
    kind, sheets = sandbox.read_isolated(str(books / "hubei-2020.xlsx"), "xlsx")
    assert kind == "xlsx" and sheets and sandbox._child is not first
    sandbox.stop()
    assert sandbox._child is None
