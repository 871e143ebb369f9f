"""The plain-words error every layer raises for unusable input."""

from __future__ import annotations


class InputError(Exception):
    """Unusable input: the message is one or more plain lines meant for the user, never a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
