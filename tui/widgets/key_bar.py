"""A one-line key bar: the keys that work on this screen now, as text (cheaper to draw than Textual's Footer)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.cells import cell_width

ALWAYS_SHOWN = ("help", "request_quit")  # shown at the end of the bar however narrow: the ways out and to help


class KeyBar(Static):
    """Shows each shown binding once, as “key description” with its shortest key, cut to the screen width
    (help and quit kept whatever is cut)."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: object) -> None:
        shown: dict[str, tuple[str, str]] = {}  # action → (shortest key, description), in first-seen order
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or not active.enabled:
                continue
            key = self.app.get_key_display(binding)
            known = shown.get(binding.action)
            if known is None or cell_width(key) < cell_width(known[0]):
                shown[binding.action] = (key, binding.description)
        width = max(10, self.size.width or 80) - 1
        reserved = sum(
            cell_width(key) + cell_width(words) + 3 for action, (key, words) in shown.items() if action in ALWAYS_SHOWN
        )  # quit and help stay, in their place, however narrow
        text = Text(" ")
        used = 1
        for action, (key, description) in shown.items():
            cells = cell_width(key) + cell_width(description) + 3
            if action in ALWAYS_SHOWN:
                reserved -= cells
            elif used + cells + reserved > width:
                continue
            used += cells
            text.append(key, style="bold")
            text.append(f" {description}  ")
        self.update(text)
        self.tooltip = self._every_key()

    def _every_key(self) -> str:
        """Every key that works here, hidden ones and those cut off for width too, one per line (shown when
        the pointer rests on the bar, as in the browser)."""
        lines: dict[str, str] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            words = binding.tooltip or binding.description
            lines.setdefault(binding.action, f"{self.app.get_key_display(binding)}  {words}")
        return "\n".join(lines.values())
