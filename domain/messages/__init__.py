"""The message catalogue: every sentence a user can see, keyed by id, in each locale."""

from domain.messages.lookup import grade_name, t

__all__ = ["grade_name", "t"]
