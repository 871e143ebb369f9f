"""The people of `jixiao serve`: each browser keeps a random token in a cookie, and every page it loads runs the
assistant in that person's own folder, so a reload (or a page reopened tomorrow) finds the drafts typed
before, and no one else's.

- The first page load sets the cookie ``jixiao_session`` (random, 32 bytes; HttpOnly, SameSite=Strict, kept
  for 90 days). The websocket the page opens carries it back.
- The person's folder is ``<served root>/session-<digest of the token>``: the token itself is never on disk,
  so a folder's name does not open the session. The assistant runs with that folder as its working folder
  (file names complete and save there) and ``drafts/`` in it as its drafts directory.
- A connection without the cookie (cookies refused) gets a folder of its own for that page only, removed
  when the page closes if nothing was left in it. Empty folders are never left behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shlex
import sys
from pathlib import Path

COOKIE = "jixiao_session"
COOKIE_DAYS = 90
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{40,64}$")
FOLDER_MODE = 0o700


def new_token() -> str:
    return secrets.token_urlsafe(32)


def valid_token(token: str | None) -> bool:
    return isinstance(token, str) and bool(_TOKEN.match(token))


def folder_of(root: Path, token: str | None) -> Path:
    """The folder of the person holding ``token`` (a fresh, unguessable one when there is no valid token)."""
    key = token if token is not None and valid_token(token) else new_token()
    return Path(root) / ("session-" + hashlib.sha256(key.encode("ascii")).hexdigest()[:32])


def session_command(folder: Path, python: str = sys.executable, lang: str | None = None) -> str:
    """The command a browser session runs: the assistant, working in ``folder``, in the server's language."""
    words = [python, "-m", "tui.serve_sessions", str(folder), *([lang] if lang else [])]
    if sys.platform == "win32":  # textual-serve runs it through cmd.exe
        import subprocess

        return subprocess.list2cmdline(words)
    return shlex.join(words)


def remove_if_empty(folder: Path) -> None:
    """Remove ``folder`` (and its drafts folder) when nothing was left in them."""
    for path in (folder / "drafts", folder):
        try:
            path.rmdir()
        except OSError:
            pass


def tidy(root: Path) -> None:
    """Remove the empty session folders under ``root`` (an older version made one for every page load)."""
    try:
        folders = [entry for entry in Path(root).iterdir() if entry.name.startswith("session-") and entry.is_dir()]
    except OSError:
        return
    for folder in folders:
        remove_if_empty(folder)


def run_session(folder: Path, lang: str | None = None) -> int:
    """Run the assistant for one browser page in ``folder`` (created private when missing)."""
    from tui.cli import run

    os.makedirs(folder.parent, mode=FOLDER_MODE, exist_ok=True)
    os.makedirs(folder, mode=FOLDER_MODE, exist_ok=True)
    os.chdir(folder)
    try:
        return run([*(["--lang", lang] if lang else []), "--drafts", str(folder / "drafts")])
    finally:
        os.chdir(folder.parent)
        remove_if_empty(folder)


def make_server(root: Path, python: str, lang: str | None = None, *, host: str, port: int, title: str) -> object:
    """A textual-serve server whose every websocket runs ``session_command`` for the person's folder."""
    import asyncio
    import logging

    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    log = logging.getLogger("textual-serve")

    class SessionServer(Server):
        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            response: web.StreamResponse = await super().handle_index(request)
            if not valid_token(request.cookies.get(COOKIE)):
                response.set_cookie(
                    COOKIE, new_token(), max_age=COOKIE_DAYS * 86400, path="/", httponly=True, samesite="Strict"
                )
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            # textual-serve's own handler, but the command names the person's folder
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            command = session_command(folder_of(root, request.cookies.get(COOKIE)), python, lang)
            app_service: AppService | None = None
            try:
                await websocket.prepare(request)
                app_service = AppService(
                    command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,  # type: ignore[arg-type]  # its result is not awaited for
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                await app_service.start(width, height)
                try:
                    await self._process_messages(websocket, app_service)
                finally:
                    await app_service.stop()
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # noqa: BLE001 - as textual-serve does: the server goes on
                log.exception(error)
            finally:
                if app_service is not None:
                    await app_service.stop()
            return websocket

    tidy(root)
    return SessionServer(session_command(root, python, lang), host=host, port=port, title=title)


if __name__ == "__main__":
    sys.exit(run_session(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None))
