"""The small things a new user tripped on: the echo of a skipped field, nested quotes, totals as written,
one 分值-sum warning, a 2,000-character project name, and the execution rate's rounding spelled out."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from helpers import session_at

from domain.interview.controller import Interview
from domain.record.storage import load_evaluation, save_evaluation
from tui.app import JixiaoApp
from tui.cli import run
from tui.plain import run_plain
from tui.screens.help import HelpScreen
from tui.screens.review import ReviewScreen
from tui.widgets.transcript import Transcript

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
SEED_01 = next(SEED.glob("01-*.toml"))
HEADER_AND_FUNDS = ["测试项目", "", "", "400000", "2020", "400000", "", "360000", "1", "", "目标", "完成"]
TO_MORE = [*HEADER_AND_FUNDS, "1", "1", "培训人数", "1", "≥90%", "75%", "20", "参训人员临时调整"]


def _transcript(app: JixiaoApp) -> str:
    return "\n".join(line.text for line in app.screen.query_one(Transcript).lines).replace("\u00a0", " ")


async def test_an_empty_enter_echoes_kept_or_skipped_not_enter(tmp_path: Path) -> None:
    session = session_at(["测试项目"], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # 主管部门, optional, nothing to keep
        await pilot.pause()
        text = _transcript(app)
        assert "› （跳过，留空）" in text and "（回车）" not in text


def test_a_quoted_project_name_nests_its_quotes() -> None:
    interview = Interview(load_evaluation(SEED_01))
    first = interview.start()[0].text
    assert first.startswith("正在修改“‘互联网+不动产登记’强隔离安全交换平台”")
    assert "““" not in first


def test_check_prints_the_total_as_the_file_writes_it(tmp_path: Path, capsys) -> None:
    form = tmp_path / "t.toml"
    form.write_text(SEED_01.read_text(encoding="utf-8").replace("declared_total = 89.18", "declared_total = 27.30"),
                    encoding="utf-8")
    assert run(["check", str(form)]) == 1
    out = capsys.readouterr().out
    assert "表上总分 27.30，核算总分 89.18" in out and "27.3，" not in out


def test_plain_mode_gives_the_weight_sum_warning_once(tmp_path: Path) -> None:
    stdout = io.StringIO()

    class Args:
        plain = True
        out = None
        drafts = str(tmp_path / "drafts")

    lines = "\n".join([*TO_MORE, "2", "", ":q"]) + "\n"
    run_plain("new", Args(), stdin=io.StringIO(lines), stdout=stdout)  # type: ignore[arg-type]
    text = stdout.getvalue()
    assert text.count("分值合计为 30") == 1, text


async def test_a_long_project_name_is_cut_on_the_review_and_shown_whole_on_n(tmp_path: Path) -> None:
    evaluation = load_evaluation(SEED_01)
    long_name = "很长的项目名称" * 300
    evaluation.header.project_name = long_name
    form = tmp_path / "long.toml"
    save_evaluation(evaluation, form)
    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    session = EditSession.open(form, DraftStore(tmp_path / "drafts"))
    session.start()
    app = JixiaoApp("edit", session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        title = str(app.screen.query_one("#review-title").render())
        assert "按 n 查看全文" in title and len(title) < 120
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.body == long_name and "2100 字" in app.screen.title_text


async def test_the_review_spells_out_the_rounding_of_the_execution_rate(tmp_path: Path) -> None:
    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    session = EditSession.open(SEED_01, DraftStore(tmp_path / "drafts"))
    session.start()
    assert session.interview.scored().budget.rate == Decimal("0.975")
    app = JixiaoApp("edit", session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+r")
        await pilot.pause()
        funds = str(app.screen.query_one("#review-funds").render()._renderable.caption)
        assert "执行率 97.50% 先四舍五入到 0.98 再计分：10 × 0.98 = 9.80" in funds.replace("\n", "")
