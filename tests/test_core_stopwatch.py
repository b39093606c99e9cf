from slideshow.core.stopwatch import Stopwatch, TalkTimers, clock_text, countdown_text


def test_pause_holds_and_resume_continues() -> None:
    watch = Stopwatch(100.0)
    assert watch.elapsed(160.0) == 60.0
    assert watch.toggle(160.0) is False
    assert watch.elapsed(500.0) == 60.0
    assert watch.toggle(500.0) is True
    assert watch.elapsed(510.0) == 70.0


def test_reset_keeps_the_running_state() -> None:
    watch = Stopwatch(0.0)
    watch.reset(50.0)
    assert watch.elapsed(55.0) == 5.0
    watch.toggle(55.0)
    watch.reset(60.0)
    assert watch.elapsed(90.0) == 0.0 and not watch.running


def test_clock_text() -> None:
    assert clock_text(0) == "0:00"
    assert clock_text(245.7) == "4:05"
    assert clock_text(3723) == "1:02:03"


def test_talk_timers_pause_and_reset_together_and_the_slide_time_restarts() -> None:
    timers = TalkTimers(0.0, target_seconds=600)
    timers.new_slide(30.0)
    assert (timers.talk.elapsed(40.0), timers.slide.elapsed(40.0)) == (40.0, 10.0)
    assert timers.toggle(40.0) is False and not timers.slide.running
    assert (timers.talk.elapsed(100.0), timers.slide.elapsed(100.0)) == (40.0, 10.0)
    timers.toggle(100.0)
    timers.reset(110.0)
    assert (timers.talk.elapsed(115.0), timers.slide.elapsed(115.0)) == (5.0, 5.0)


def test_the_countdown_warns_in_the_last_tenth_and_counts_the_overrun() -> None:
    timers = TalkTimers(0.0, target_seconds=600)
    assert timers.left(100.0) == 500.0 and not timers.nearly_over(539.0)
    assert timers.nearly_over(540.0) and timers.left(700.0) == -100.0
    assert TalkTimers(0.0).left(50.0) is None and not TalkTimers(0.0).nearly_over(50.0)
    assert countdown_text(446.0) == "7:26"
    assert countdown_text(0.4) == "0:01"  # a second still running shows as one
    assert countdown_text(-80.0) == "+1:20"
