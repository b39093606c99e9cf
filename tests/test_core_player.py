"""The player state machine with a fake clock: navigation, autoplay, blanks. No Qt, no sleeps."""

from __future__ import annotations

import pytest

from slideshow.core.player import Blank, Player, PlayState


def playing(durations: list[float], *, loop: bool = True, start: int = 0, at: float = 0.0) -> Player:
    """A player in autoplay whose current slide is already on screen at time ``at``."""
    player = Player(durations, loop=loop, autoplay=True, start=start)
    player.shown(at)
    return player


# -- construction ----------------------------------------------------------------------------------


def test_defaults() -> None:
    player = Player([5, 5, 5])
    assert (player.index, player.count) == (0, 3)
    assert player.state is PlayState.STOPPED
    assert player.blank is Blank.NONE
    assert player.loop
    assert player.deadline() is None


@pytest.mark.parametrize(("start", "index"), [(-3, 0), (0, 0), (2, 2), (99, 2)])
def test_start_is_clamped(start: int, index: int) -> None:
    assert Player([1, 1, 1], start=start).index == index


@pytest.mark.parametrize("durations", [[], [0], [3, -1], [float("nan")], [float("inf")]])
def test_bad_durations_are_refused(durations: list[float]) -> None:
    with pytest.raises(ValueError):
        Player(durations)


# -- manual navigation -----------------------------------------------------------------------------


def test_next_and_previous_clamp_without_wrapping() -> None:
    player = Player([1, 1, 1])
    assert not player.previous(0)
    assert player.index == 0
    assert player.next(0) and player.next(0)
    assert player.index == 2
    assert not player.next(0)
    assert player.index == 2
    assert player.previous(0)
    assert player.index == 1


def test_first_and_last() -> None:
    player = Player([1, 1, 1, 1], start=1)
    assert player.last(0)
    assert player.index == 3
    assert not player.last(0)
    assert player.first(0)
    assert player.index == 0
    assert not player.first(0)


def test_go() -> None:
    player = Player([1, 1, 1])
    assert player.go(2, 0)
    assert player.index == 2
    assert not player.go(2, 0)  # already there
    for bad in (-1, 3, 100):
        assert not player.go(bad, 0)
        assert player.index == 2


def test_loop_does_not_make_manual_navigation_wrap() -> None:
    player = Player([1, 1], loop=True, start=1)
    assert not player.next(0)
    assert player.index == 1


# -- autoplay timing -------------------------------------------------------------------------------


def test_time_counts_from_shown_not_from_the_move() -> None:
    player = Player([5, 5], autoplay=True)
    assert player.deadline() is None  # not on screen yet
    assert not player.tick(100)
    player.shown(10)
    assert player.deadline() == 15
    assert not player.tick(14.9)
    assert player.tick(15)
    assert player.index == 1
    assert player.deadline() is None  # the new slide waits for its picture
    player.shown(17)
    assert player.deadline() == 22


def test_shown_twice_does_not_stretch_the_slide() -> None:
    player = playing([5, 5], at=0)
    player.shown(3)
    assert player.deadline() == 5


def test_shown_for_a_slide_already_left_is_ignored() -> None:
    player = Player([5, 5, 5], autoplay=True)
    player.next(0)
    player.shown(1, index=0)
    assert player.deadline() is None
    player.shown(2, index=1)
    assert player.deadline() == 7


def test_per_slide_durations() -> None:
    player = playing([2, 10, 4], at=0)
    assert player.tick(2)
    player.shown(2)
    assert player.deadline() == 12
    assert player.tick(12)
    player.shown(12)
    assert player.deadline() == 16
    assert player.duration == 4


def test_loop_wraps_to_the_first_slide() -> None:
    player = playing([1, 1], loop=True, start=1, at=0)
    assert player.tick(1)
    assert player.index == 0
    assert player.state is PlayState.PLAYING


def test_no_loop_stops_on_the_last_slide() -> None:
    player = playing([1, 1], loop=False, start=1, at=0)
    assert not player.tick(1)
    assert player.index == 1
    assert player.state is PlayState.STOPPED
    assert player.deadline() is None
    assert not player.tick(50)


def test_restart_from_stopped_at_the_end_gives_the_slide_its_full_time() -> None:
    player = playing([3, 3], loop=False, start=1, at=0)
    player.tick(3)
    assert player.toggle_autoplay(10) is PlayState.PLAYING
    assert player.index == 1
    assert player.deadline() == 13


def test_single_slide_loop_keeps_playing() -> None:
    player = playing([2], loop=True, at=0)
    assert not player.tick(2)  # the index did not change
    assert player.state is PlayState.PLAYING
    assert player.deadline() == 4  # the picture is still up, so its time restarts at once


def test_stopped_player_starts_when_toggled() -> None:
    player = Player([4, 4])
    player.shown(0)
    assert player.deadline() is None
    assert player.toggle_autoplay(1) is PlayState.PLAYING
    assert player.deadline() == 5


def test_pause_keeps_the_remaining_time() -> None:
    player = playing([10, 10], at=0)
    assert player.toggle_autoplay(4) is PlayState.PAUSED
    assert player.deadline() is None
    assert not player.tick(100)
    assert player.toggle_autoplay(50) is PlayState.PLAYING
    assert player.deadline() == 56
    assert player.time_left(50) == 6


def test_pause_before_shown_then_resume() -> None:
    player = Player([5, 5], autoplay=True)
    player.toggle_autoplay(0)
    player.shown(1)
    assert player.deadline() is None
    player.toggle_autoplay(3)
    assert player.deadline() == 8


def test_manual_navigation_restarts_the_time() -> None:
    player = playing([10, 10, 10], at=0)
    player.next(6)
    assert player.deadline() is None
    player.shown(7)
    assert player.deadline() == 17
    player.previous(9)
    player.shown(9.5)
    assert player.deadline() == 19.5


def test_navigation_that_keeps_the_index_restarts_the_time_at_once() -> None:
    player = playing([10, 10], start=1, at=0)
    assert not player.next(8)
    assert player.deadline() == 18  # the picture is already up: no shown() is coming
    assert not player.go(1, 9)
    assert player.deadline() == 19


def test_navigation_while_paused_stays_paused_with_fresh_time() -> None:
    player = playing([10, 10], at=0)
    player.toggle_autoplay(6)
    player.next(7)
    player.shown(8)
    assert player.deadline() is None
    player.toggle_autoplay(20)
    assert player.deadline() == 30


def test_time_left_and_progress() -> None:
    player = Player([8, 8], autoplay=True)
    assert player.time_left(0) == 8  # waiting for the picture: full time, line at the start
    assert player.progress(0) == 0.0
    player.shown(0)
    assert player.time_left(2) == 6
    assert player.progress(2) == 0.25
    assert player.time_left(9) == 0.0
    assert player.progress(9) == 1.0
    player.toggle_autoplay(4)
    assert player.time_left(4) is None
    assert player.progress(4) is None


def test_time_left_and_progress_when_stopped() -> None:
    player = Player([8])
    player.shown(0)
    assert player.time_left(1) is None
    assert player.progress(1) is None


# -- blank screens ---------------------------------------------------------------------------------


def test_blank_toggles_and_switches() -> None:
    player = Player([1, 1])
    assert player.toggle_blank(Blank.BLACK, 0) is Blank.BLACK
    assert player.toggle_blank(Blank.WHITE, 0) is Blank.WHITE
    assert player.toggle_blank(Blank.WHITE, 0) is Blank.NONE
    assert player.toggle_blank(Blank.WHITE, 0) is Blank.WHITE
    assert player.toggle_blank(Blank.BLACK, 0) is Blank.BLACK
    assert player.toggle_blank(Blank.BLACK, 0) is Blank.NONE
    assert player.toggle_blank(Blank.NONE, 0) is Blank.NONE


def test_blank_holds_autoplay_and_restarts_the_slide_after() -> None:
    player = playing([10, 10], at=0)
    player.toggle_blank(Blank.BLACK, 6)
    assert player.deadline() is None
    assert player.time_left(20) is None
    assert player.progress(20) is None
    assert not player.tick(100)
    assert player.index == 0
    player.toggle_blank(Blank.BLACK, 100)
    assert player.deadline() == 110
    assert player.state is PlayState.PLAYING


def test_switching_blank_colour_keeps_the_clock_held() -> None:
    player = playing([10, 10], at=0)
    player.toggle_blank(Blank.BLACK, 2)
    player.toggle_blank(Blank.WHITE, 3)
    assert player.deadline() is None
    player.toggle_blank(Blank.WHITE, 40)
    assert player.deadline() == 50


@pytest.mark.parametrize("move", ["next", "previous"])
def test_next_or_previous_while_blank_only_unblanks(move: str) -> None:
    player = playing([10, 10, 10], start=1, at=0)
    player.toggle_blank(Blank.WHITE, 1)
    assert not getattr(player, move)(5)
    assert player.blank is Blank.NONE
    assert player.index == 1
    assert player.deadline() == 15
    assert getattr(player, move)(6)  # the next press moves


def test_first_last_go_while_blank_unblank_and_move() -> None:
    player = Player([1, 1, 1, 1], start=1)
    player.toggle_blank(Blank.BLACK, 0)
    assert player.last(0)
    assert (player.blank, player.index) == (Blank.NONE, 3)
    player.toggle_blank(Blank.BLACK, 0)
    assert player.first(0)
    assert (player.blank, player.index) == (Blank.NONE, 0)
    player.toggle_blank(Blank.BLACK, 0)
    assert player.go(2, 0)
    assert (player.blank, player.index) == (Blank.NONE, 2)


def test_go_out_of_range_while_blank_changes_nothing() -> None:
    player = Player([1, 1])
    player.toggle_blank(Blank.BLACK, 0)
    assert not player.go(5, 0)
    assert player.blank is Blank.BLACK


def test_shown_while_blank_waits_for_the_blank_to_end() -> None:
    player = Player([5, 5], autoplay=True)
    player.toggle_blank(Blank.BLACK, 0)
    player.shown(1)
    assert player.deadline() is None
    player.toggle_blank(Blank.BLACK, 9)
    assert player.deadline() == 14


def test_resume_while_blank_waits_for_the_blank_to_end() -> None:
    player = playing([5, 5], at=0)
    player.toggle_autoplay(1)
    player.toggle_blank(Blank.BLACK, 2)
    player.toggle_autoplay(3)
    assert player.state is PlayState.PLAYING
    assert player.deadline() is None
    player.toggle_blank(Blank.NONE, 10)
    assert player.deadline() == 15


def test_next_on_the_last_slide_without_loop_shows_the_end_screen() -> None:
    player = Player([1, 1], loop=False, start=1, end_screen=True)
    assert not player.next(0.0)
    assert player.blank is Blank.END and player.index == 1
    assert not player.next(1.0) and player.blank is Blank.END  # next again does nothing
    assert not player.previous(2.0)
    assert player.blank is Blank.NONE and player.index == 1  # previous returns to the last slide
    player.next(3.0)
    assert player.first(4.0) and player.blank is Blank.NONE and player.index == 0


def test_no_end_screen_with_loop_or_for_a_kiosk() -> None:
    for player in (Player([1, 1], loop=True, start=1, end_screen=True), Player([1, 1], loop=False, start=1)):
        player.next(0.0)
        assert player.blank is Blank.NONE and player.index == 1


def test_the_end_screen_holds_autoplay() -> None:
    player = Player([2, 2], loop=False, autoplay=True, start=1, end_screen=True)
    player.shown(0.0)
    player.next(1.0)
    assert player.deadline() is None and player.progress(1.5) is None
