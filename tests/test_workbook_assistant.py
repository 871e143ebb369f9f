"""The assistant and workbooks: edit a form of a workbook (choosing one of several), export with :e and F6."""

from __future__ import annotations

import io
import shutil
from argparse import Namespace
from pathlib import Path

from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession, SaveStatus, workbook_target
from domain.sheets.forms import read_file
from tui.app import AppOptions, JixiaoApp
from tui.plain import run_plain
from tui.screens.dialogs import AskPathDialog, ChoiceDialog
from tui.screens.interview import InterviewScreen

BOOKS = Path(__file__).resolve().parent.parent / "fixtures" / "workbooks"


def plain(tmp_path: Path, argv_file: Path, lines: list[str], out: str | None = None) -> tuple[int, str]:
    stdout = io.StringIO()
    args = Namespace(file=str(argv_file), out=out, drafts=str(tmp_path / "drafts"), plain=True)
    code = run_plain("edit", args, io.StringIO("\n".join(lines) + "\n"), stdout)
    return code, stdout.getvalue()


def test_session_opens_a_single_form_workbook_and_saves_beside_it(tmp_path):
    book = tmp_path / "anhui.xlsx"
    shutil.copy(BOOKS / "anhui-2022.xlsx", book)
    session = EditSession.open(book, DraftStore(tmp_path / "drafts"))
    assert session.target == tmp_path / "anhui.toml"
    assert session.interview.evaluation.header.project_name == "城市道路照明设施维护项目"
    outcome = session.save()
    assert outcome.saved and (tmp_path / "anhui.toml").exists()
    assert book.read_bytes() == (BOOKS / "anhui-2022.xlsx").read_bytes()  # the workbook is never written


def test_session_export_defaults_to_the_toml_name_and_never_overwrites_silently(tmp_path):
    evaluation = read_file(BOOKS / "central-2022.xlsx").read[1].evaluation
    session = EditSession.open_form(BOOKS / "central-2022.xlsx", evaluation, tmp_path / "forms" / "a.toml")
    assert session.export_path() == tmp_path / "forms" / "a.xlsx"
    assert session.export().saved
    assert read_file(tmp_path / "forms" / "a.xlsx").read[0].project == "不动产登记档案数字化加工项目"
    again = session.export()
    assert again.status is SaveStatus.CONFLICT
    assert session.export(again.path, overwrite=True).saved
    assert session.export(tmp_path / "b").path == tmp_path / "b.xlsx"


def test_plain_edit_asks_which_form_and_e_exports(tmp_path):
    book = tmp_path / "two.xlsx"
    shutil.copy(BOOKS / "central-2022.xlsx", book)
    code, out = plain(tmp_path, book, ["2", f":e {tmp_path / 'x.xlsx'}", ":e", "", ":h", ":q"])
    assert code == 0
    assert "two.xlsx 中有 2 份表，打开哪一份？" in out
    assert "正在修改“不动产登记档案数字化加工项目”" in out
    assert f"已导出为工作簿：{tmp_path / 'x.xlsx'}" in out
    assert f"已导出为工作簿：{workbook_target(book, 2, 2).with_suffix('.xlsx')}" in out
    assert "命令 :e [文件名.xlsx]" in out
    assert read_file(tmp_path / "x.xlsx").read[0].project == "不动产登记档案数字化加工项目"


def test_plain_export_asks_before_overwriting(tmp_path):
    target = tmp_path / "x.xlsx"
    target.write_bytes(b"keep")
    code, out = plain(tmp_path, BOOKS / "anhui-2022.xlsx", [f":e {target}", "n", ":q"])
    assert "要覆盖它吗" in out and "未导出。" in out
    assert target.read_bytes() == b"keep"


async def test_app_opens_a_workbook_asks_which_form_and_f6_exports(tmp_path):
    book = tmp_path / "two.xlsx"
    shutil.copy(BOOKS / "central-2022.xlsx", book)
    app = JixiaoApp("edit", AppOptions(drafts=str(tmp_path / "drafts"), file=str(book)))
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.session.interview.evaluation.header.project_name == "不动产登记档案数字化加工项目"
        assert app.session.target == tmp_path / "two-02.toml"
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, AskPathDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "two-02.xlsx").exists()
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # exists: overwrite or cancel
        await pilot.press("escape")
        await pilot.pause()
    assert read_file(tmp_path / "two-02.xlsx").read[0].project == "不动产登记档案数字化加工项目"
