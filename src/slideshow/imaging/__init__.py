"""The imaging room: decode photos (Qt for plain JPEGs, Pillow for the rest), cache them by bytes, load
them off the GUI thread.

``decode`` and ``cache`` are pure Python + Pillow, so ``slideshow check`` can verify images without Qt.
The Qt side lives in :mod:`slideshow.imaging.picture` (one photo -> QImage) and
:mod:`slideshow.imaging.pipeline` (worker threads). Import each module by name: the package itself
loads neither PySide6 nor Pillow, so start-up stays short.
"""
