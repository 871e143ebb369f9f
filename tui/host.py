"""What the screens need of the app, as a protocol: screens are typed against it instead of reaching into
the app class (which imports the screens, so they cannot import it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.app import App

if TYPE_CHECKING:
    from domain.interview.draft_index import DraftEntry
    from domain.interview.session import EditSession
    from tui.options import AppOptions


@runtime_checkable
class Host(Protocol):
    """The jixiao app as its screens see it: the options, the open session, and what they may ask of it."""

    options: AppOptions
    session: EditSession | None
    painted: bool

    def save_session(
        self, then: Callable[[], None] | None = None, path: str | None = None, overwrite: bool = False
    ) -> None: ...

    def go_home(self) -> None: ...

    def refresh_open_screens(self) -> None: ...

    def offer_drafts(
        self, way: str, entries: list[DraftEntry], decided: Callable[[str | None], None], file: str | None = None
    ) -> None: ...

    def start_action(self, action: str) -> None: ...

    def action_request_quit(self) -> None: ...

    def count_drafts(self) -> None: ...


def host(app: App[object]) -> Host:
    """The app as a Host (a screen mounted in another app, as in a test harness, is a programming error)."""
    if not isinstance(app, Host):
        raise TypeError(f"{type(app).__name__} is not the jixiao app")
    return app


def painted(app: App[object]) -> bool:
    """Whether the first frame is on screen (an app that does not say is taken as painted)."""
    return not isinstance(app, Host) or app.painted
