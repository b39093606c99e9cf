"""slideshow: a desktop photo-story viewer for briefings and unattended screens."""

from __future__ import annotations

DISTRIBUTION = "slideshow-viewer"  # the name on the package index; the command stays `slideshow`
APP_ID = "io.github.slideshow_viewer.Slideshow"  # reverse-DNS id: menu entry, icons, metainfo, macOS bundle


def __getattr__(name: str) -> str:
    """``slideshow.__version__``, read from the installed metadata only when asked.

    pyproject.toml is the one place the version is written; importing importlib.metadata costs about
    10 ms, which a show's start-up should not pay for a number only --version prints.
    """
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree put on sys.path by hand, never installed
        return "0+unknown"
