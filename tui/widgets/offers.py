"""What the answer line offers: a choice field's choices that fit what is typed, and catalogue suggestions
for an indicator name."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tui.display import clean
from tui.widgets.input_line import Offer


def choice_offers(spec: Any, text: str) -> list[Offer]:
    """The choices of a CHOICE or CONFIRM field that fit what is typed (all of them when nothing is)."""
    typed = text.strip().lower()
    offers = []
    for choice in spec.choices:
        if typed and not (
            choice.key.lower().startswith(typed) or typed in choice.label.lower() or typed in str(choice.value).lower()
        ):
            continue
        label = Text(f"{choice.key}. ", style="bold")
        label.append(clean(choice.label))
        offers.append(Offer(choice.key, label))
    return offers


def indicator_offers(suggestions: list[Any]) -> list[Offer]:
    """Catalogue suggestions as options: the name, then its 二级 and unit dimmed."""
    offers = []
    for suggestion in suggestions:
        label = Text(clean(suggestion.name))
        extra = " · ".join(part for part in (clean(suggestion.level2), clean(suggestion.unit)) if part)
        if extra:
            label.append("  " + extra, style="dim")
        offers.append(Offer(suggestion.name, label))
    return offers
