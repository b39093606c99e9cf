"""slideshow: a desktop photo-story viewer for briefings and unattended screens."""

__version__ = "0.1.0"
