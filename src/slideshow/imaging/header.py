"""A photo's upright size before it is decoded, so a slide can be laid out and its picture decoded for
the box it will be drawn in (not for the whole screen, then rescaled at every paint)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFile, QFileDevice, QIODevice
from PySide6.QtGui import QImageIOHandler, QImageReader

from slideshow.imaging.problem import ImageProblem
from slideshow.imaging.reading import open_picture

__all__ = ["header_size"]


def header_size(path: Path, inside: Path | None = None) -> tuple[int, int] | None:
    """The photo's upright size from its header (a JPEG's EXIF orientation applied), opened as every
    decoder opens it; None when Qt cannot tell (a format it has no reader for, a broken file: the decode
    will say). A turn Qt does not read here (a PNG's eXIf chunk) is put right when the picture arrives."""
    try:
        with open_picture(path, inside) as stream:
            device = QFile()
            handle = QFileDevice.FileHandleFlag.DontCloseHandle
            if not device.open(stream.fileno(), QIODevice.OpenModeFlag.ReadOnly, handle):
                return None
            reader = QImageReader(device)
            size = reader.size()
            turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
            device.close()
    except ImageProblem:
        return None
    if not size.isValid() or size.isEmpty():
        return None
    return (size.height(), size.width()) if turned else (size.width(), size.height())
