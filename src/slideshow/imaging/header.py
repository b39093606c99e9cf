"""A photo's upright size before it is decoded, so a slide can be laid out and its picture decoded for
the box it will be drawn in (not for the whole screen, then rescaled at every paint)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFile, QFileDevice, QIODevice, QSize
from PySide6.QtGui import QImageIOHandler, QImageReader

from slideshow.imaging.jpeginfo import read_jpeg_header
from slideshow.imaging.problem import ImageProblem
from slideshow.imaging.reading import open_picture

__all__ = ["header_size"]


def header_size(path: Path, inside: Path | None = None) -> tuple[int, int] | None:
    """The photo's upright size from its header (EXIF orientation applied), opened as every decoder opens
    it; None when it cannot be told (a broken file: the decode will say why). A turn the header does not
    tell (a PNG's eXIf chunk after the pixels) is put right when the picture arrives.

    JPEGs are read by Qt's reader, which never loads Pillow (a show's first slide must not wait for it);
    every other format by Pillow, as the decoders do: Qt's other plugins are not trusted with damaged
    files (its TIFF reader crashes on a corrupt LZW strip)."""
    try:
        with open_picture(path, inside) as stream:
            if os.pread(stream.fileno(), 2, 0) != b"\xff\xd8":
                from slideshow.photo_metadata import upright_size  # Pillow, loaded for other formats only

                return upright_size(path, inside)
            header = read_jpeg_header(stream)
            if header is None or not header.complete:
                return None  # Qt's reader would warn about it, and the decode will say what is wrong
            device = QFile()
            handle = QFileDevice.FileHandleFlag.DontCloseHandle
            if not device.open(stream.fileno(), QIODevice.OpenModeFlag.ReadOnly, handle):
                return None
            device.seek(0)
            size, turned = _size_and_turn(device)
            device.close()
    except (ImageProblem, OSError):
        return None
    if not size.isValid() or size.isEmpty():
        return None
    return (size.height(), size.width()) if turned else (size.width(), size.height())


def _size_and_turn(device: QFile) -> tuple[QSize, bool]:
    """The size and whether it turns a quarter, from a reader that is gone when this returns: Qt's JPEG
    handler seeks its device as it is destroyed, so a reader left alive past ``device``'s close (or its
    deletion, whichever local Python frees first) could move a file offset another thread is reading."""
    reader = QImageReader(device, b"jpeg")
    size = reader.size()
    return size, bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
