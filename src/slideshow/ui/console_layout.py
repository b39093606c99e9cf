"""Where everything goes on the presenter console, as plain numbers (no Qt), so the layout is measured by
tests at the screen sizes presenters have.

A speaker at a lectern reads, in this order: the time (a dashboard across the top, readable from a
metre away), the notes (the whole right-hand column, the largest text), the slide the audience sees
("Now", large) and what comes next ("Next", below it, with its title and caption beside it). Nothing
is left empty: the current slide takes what the next one leaves over, and the notes take a full column.
"""

from __future__ import annotations

from dataclasses import dataclass

from slideshow.render.geometry import Box

BAR_SHARE = 0.115  # of the height: the dashboard (a small label over a large figure, per cell)
LEFT_SHARE = 0.58  # of the width: the slides' column; the notes have the rest
CURRENT_MAX_SHARE = 0.62  # of the body's height at most, so the next slide keeps a useful size
NEXT_WIDTH_SHARE = 0.55  # of the slides' column at most


@dataclass(frozen=True)
class ConsoleLayout:
    bar: Box  # the dashboard: slide n of N, elapsed, this slide, time left, autoplay, clock
    now_label: Box  # "Now", and on its right what the audience sees: black, end of show, not full screen
    current: Box  # the current slide, in the audience window's proportions
    next_label: Box
    upcoming: Box  # the next slide
    next_info: Box  # the next slide's title and caption, beside it
    notes_label: Box
    notes: Box  # the notes panel, the whole height of the right-hand column
    body: Box  # everything under the dashboard: where the console's overview opens

    @property
    def areas(self) -> tuple[Box, ...]:
        """Every region that shows something, for measuring what is left empty."""
        return (
            self.bar,
            self.now_label,
            self.current,
            self.next_label,
            self.upcoming,
            self.next_info,
            self.notes_label,
            self.notes,
        )


def console_layout(width: float, height: float, aspect: float = 16 / 9) -> ConsoleLayout:
    """The console's regions for a ``width`` x ``height`` window; ``aspect`` is the audience window's."""
    aspect = aspect if aspect > 0 else 16 / 9
    pad = max(6.0, round(height * 0.018))
    label = max(14.0, round(height * 0.036))
    bar = Box(0.0, 0.0, width, max(40.0, round(height * BAR_SHARE)))
    top = bar.bottom + pad
    bottom = height - pad
    left = max((width - 3 * pad) * LEFT_SHARE, 1.0)
    right_x = pad + left + pad

    now_label = Box(pad, top, left, label)
    current_h = min(left / aspect, (bottom - top - label) * CURRENT_MAX_SHARE)
    current = Box(pad, now_label.bottom, current_h * aspect, current_h)
    next_label = Box(pad, current.bottom + pad, left, label)
    next_h = max(min(bottom - next_label.bottom, left * NEXT_WIDTH_SHARE / aspect), 1.0)
    upcoming = Box(pad, next_label.bottom, next_h * aspect, next_h)
    next_info = Box(upcoming.right + pad, upcoming.y, max(pad + left - upcoming.right - pad, 0.0), next_h)
    notes_label = Box(right_x, top, max(width - right_x - pad, 1.0), label)
    notes = Box(right_x, notes_label.bottom, notes_label.width, max(bottom - notes_label.bottom, 1.0))
    body = Box(0.0, bar.bottom, width, max(height - bar.bottom, 1.0))
    return ConsoleLayout(bar, now_label, current, next_label, upcoming, next_info, notes_label, notes, body)
