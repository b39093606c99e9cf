"""The one exception the imaging room raises, in a module that imports neither Pillow nor Qt."""

from __future__ import annotations

__all__ = ["ImageProblem", "TooLarge"]


class ImageProblem(Exception):
    """A photo that cannot be shown; ``str()`` is a short human reason, e.g. ``"file not found"``."""


class TooLarge(ImageProblem):
    """A photo that would need more memory to decode this way than the budget allows."""
