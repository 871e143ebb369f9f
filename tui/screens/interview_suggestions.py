"""The interview screen's suggestions: choices as typed, catalogue matches (in a worker when slow), digit picks."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from tui.widgets.input_line import InputLine, Offer
from tui.widgets.offers import choice_offers, indicator_offers

if TYPE_CHECKING:
    from textual.screen import Screen

    from domain.interview.controller import Interview
    from domain.interview.typing import IndicatorQuery

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object

SLOW_SUGGESTIONS = 0.008  # seconds: above this, suggestions move to a worker so typing never waits


class SuggestionsArrived(Message):
    def __init__(self, field_id: str, text: str, offers: list[Offer]) -> None:
        super().__init__()
        self.field_id, self.text, self.offers = field_id, text, offers


class Suggestions(_ScreenBase):
    """What the answer line offers while the user types (mixed into InterviewScreen)."""

    if TYPE_CHECKING:
        asked_id: str | None
        suggest_in_worker: bool
        matcher_ready: bool
        default_choice: str

        @property
        def interview(self) -> Interview | None: ...

    def on_suggestions_arrived(self, message: SuggestionsArrived) -> None:
        line = self.query_one(InputLine)
        if self.asked_id == message.field_id and line.value == message.text:
            line.set_offers(message.offers)

    def on_input_line_changed(self, event: InputLine.Changed) -> None:
        event.stop()
        # The field's text now, not the event's: a change posted before an answer was taken can arrive after
        # the next question is up, and must not filter that question's choices by the old answer.
        line = self.query_one(InputLine)
        self.update_suggestions(line.value)
        self._pick_by_digit(line)

    def _pick_by_digit(self, line: InputLine) -> None:
        """A digit that is a choice's number (or the letter of ``y. 是`` / ``n. 否``) picks it at once, as on
        the start screen and in dialogs (a digit that starts a longer number, 1 of 1 … 12, waits for enter)."""
        interview = self.interview
        spec = interview.current if interview is not None else None
        typed = line.value.strip().lower()
        if spec is None or str(spec.kind) not in ("choice", "confirm") or not spec.choices or len(typed) > 2:
            return
        keys = [choice.key.lower() for choice in spec.choices]
        if typed in keys and not any(key != typed and key.startswith(typed) for key in keys):
            line.submit_now()

    def update_suggestions(self, text: str) -> None:
        """Refresh the suggestion list for what is typed: choices at once, catalogue matches when loaded."""
        interview = self.interview
        line = self.query_one(InputLine)
        if interview is None or interview.current is None:
            line.set_offers([])
            return
        spec = interview.current
        kind = str(spec.kind)
        if kind in ("choice", "confirm") and spec.choices:
            offers = choice_offers(spec, text)
            keys = [offer.value for offer in offers]
            line.set_offers(
                offers, highlight=keys.index(self.default_choice) if not text and self.default_choice in keys else None
            )
        elif kind == "indicator":
            if not self.matcher_ready:
                line.set_offers([])
            elif self.suggest_in_worker:
                query = interview.indicator_query()
                if query is not None:
                    self._suggest_in_worker(spec.id, text, query)
            else:
                started = time.perf_counter()
                offers = indicator_offers(interview.suggestions(text))
                self.suggest_in_worker = time.perf_counter() - started > SLOW_SUGGESTIONS
                line.set_offers(offers)
        else:
            line.set_offers([])

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _suggest_in_worker(self, field_id: str, text: str, query: IndicatorQuery) -> None:
        """Search the catalogue off the UI thread; the interview itself is never called from here."""
        try:
            offers = indicator_offers(query.search(text))
        except Exception:
            return
        self.post_message(SuggestionsArrived(field_id, text, offers))
