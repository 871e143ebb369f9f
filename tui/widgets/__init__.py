"""Widgets shared by the assistant's screens."""
