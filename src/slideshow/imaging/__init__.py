"""The imaging room: decode photos with Pillow, cache them by bytes, load them off the GUI thread.

``decode`` and ``cache`` are pure Python + Pillow, so ``slideshow check`` can verify images without Qt.
The Qt loader lives in :mod:`slideshow.imaging.pipeline` and is imported explicitly by whoever needs it
(``from slideshow.imaging.pipeline import PictureKey, PicturePipeline``), so importing this package
never loads PySide6.
"""

from slideshow.imaging.cache import ByteBudgetCache
from slideshow.imaging.decode import ImageProblem, decode_to_box, verify_image

__all__ = ["ByteBudgetCache", "ImageProblem", "decode_to_box", "verify_image"]
