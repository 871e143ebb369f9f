"""What the command line asked the full-screen app for."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AppOptions:
    """What the command line asked for, as the app needs it."""

    drafts: str | None = None
    file: str | None = None
    out: str | None = None
    train_path: str | None = None
    walk: bool = False
    theme: str | None = None
    profile: str | None = None  # --profile of `jixiao whatif`: the calculator scores by it
    targets: str | None = None  # --targets of `jixiao new`: the form starts from the approved targets
    project: str | None = None  # --project: which project of a target table holding several

    @classmethod
    def from_args(cls, args: Any) -> AppOptions:
        return cls(
            drafts=getattr(args, "drafts", None),
            file=getattr(args, "file", None),
            out=getattr(args, "out", None),
            train_path=getattr(args, "path", None),
            walk=bool(getattr(args, "walk", False)),
            theme=os.environ.get("JIXIAO_THEME") or None,
            profile=getattr(args, "profile", None),
            targets=getattr(args, "targets", None),
            project=getattr(args, "project", None),
        )
