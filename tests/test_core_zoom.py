"""The zoomed view as plain numbers: fit, 100 % at a point, zoom around a point, pan, clamping."""

from __future__ import annotations

import pytest

from slideshow.core.zoom import MAX_SCALE, ZoomView, contain
from slideshow.deck.model import Fit

PHOTO, BOX = (6000, 4000), (1920.0, 1080.0)


def test_the_fitted_view_shows_the_whole_photo_or_fills_the_screen() -> None:
    view = ZoomView.fitted(PHOTO, BOX)
    assert view.is_fitted and view.region() == pytest.approx((0.0, 0.0, 1.0, 1.0))
    assert view.dest() == pytest.approx((150.0, 0.0, 1620.0, 1080.0))
    cover = ZoomView.fitted(PHOTO, BOX, Fit.COVER)
    x0, y0, x1, y1 = cover.region()
    assert (x0, x1) == (0.0, 1.0) and y0 == pytest.approx(0.078125) and y1 == pytest.approx(0.921875)


def test_z_shows_100_percent_centred_on_the_point_under_the_pointer() -> None:
    view = ZoomView.fitted(PHOTO, BOX).toggled((150 + 1620 * 0.3, 1080 * 0.4))
    assert view.scale == 1.0 and not view.is_fitted
    assert view.centre == pytest.approx((1800.0, 1600.0))
    assert view.region_pixels() == (1920, 1080)
    assert view.toggled(None).is_fitted  # Z again: the whole photo


def test_z_beside_the_photo_centres_on_the_middle_and_edges_clamp() -> None:
    fitted = ZoomView.fitted(PHOTO, BOX)
    assert fitted.toggled((20, 500)).centre == (3000.0, 2000.0)  # the black bar beside the photo
    corner = fitted.toggled((151, 1))
    assert corner.region()[:2] == (0.0, 0.0)  # no gap beyond the photo's corner


def test_zoom_keeps_the_point_under_the_pointer_and_stops_at_fit_and_400_percent() -> None:
    view = ZoomView.fitted(PHOTO, BOX)
    anchor = (900.0, 500.0)  # near the middle: no edge pulls the view back
    before = view.photo_point(anchor)
    zoomed = view.zoomed(1.25, anchor)
    assert zoomed.photo_point(anchor) == pytest.approx(before)
    for _ in range(40):
        zoomed = zoomed.zoomed(1.25, anchor)
    assert zoomed.scale == MAX_SCALE
    assert zoomed.zoomed(1e-3, anchor).is_fitted


def test_pan_moves_the_view_within_the_photo_and_not_when_fitted() -> None:
    view = ZoomView.fitted(PHOTO, BOX).toggled(None)
    moved = view.panned(100, -50)
    assert moved.centre == (view.centre[0] + 100, view.centre[1] - 50)
    assert view.stepped(1, 0).centre[0] == view.centre[0] + 0.2 * 1920
    assert view.panned(1e6, 1e6).region()[2:] == (1.0, 1.0)
    fitted = ZoomView.fitted(PHOTO, BOX)
    assert fitted.panned(100, 100) == fitted


def test_contain_places_a_region_of_any_shape() -> None:
    assert contain(1.5, 1920, 1080) == (150.0, 0.0, 1620.0, 1080.0)
    assert contain(0, 10, 10) == (0.0, 0.0, 0.0, 0.0)


def test_z_on_a_photo_no_larger_than_the_screen_doubles_it() -> None:
    view = ZoomView.fitted((1920, 1080), BOX).toggled(None)
    assert view.scale == 2.0 and view.region() == (0.25, 0.25, 0.75, 0.75)
    small = ZoomView.fitted((640, 360), BOX)
    assert small.toggled(None).scale == MAX_SCALE  # fitted at 300 %: twice would pass 400 %
