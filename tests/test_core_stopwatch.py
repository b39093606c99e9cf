from slideshow.core.stopwatch import Stopwatch, clock_text


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
