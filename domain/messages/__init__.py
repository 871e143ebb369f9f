"""The message catalogue: every sentence a user can see, keyed by id, in each locale."""

from domain.messages.lookup import t

__all__ = ["t"]
