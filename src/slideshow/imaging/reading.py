"""Opening a picture file, for every decoder and reader of pictures: never blocking, never outside its folder.

Kept free of Pillow and Qt, so Qt's fast JPEG path (which must not wait for Pillow's imports) opens files
exactly as the Pillow path does. The rules themselves live in :mod:`slideshow.deck.opening`.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from slideshow.deck.opening import RefusedFile, open_regular
from slideshow.imaging.problem import ImageProblem

__all__ = ["open_picture"]


def open_picture(path: Path, inside: Path | None = None) -> BinaryIO:
    """``path`` opened for reading, or ImageProblem with the reason (the only exception it raises).

    ``inside`` is the deck's folder, which the opened file must lie in; without it, the picture's own
    folder (so even a caller that forgets the deck cannot follow a link elsewhere).
    """
    try:
        return open_regular(path, inside=inside if inside is not None else Path(path).parent)
    except RefusedFile as refused:
        raise ImageProblem(str(refused)) from None
    except FileNotFoundError:
        raise ImageProblem("file not found") from None
    except PermissionError:
        raise ImageProblem("permission denied") from None
    except OSError as exc:
        raise ImageProblem(f"could not read the file ({exc.strerror or exc})") from None
    except ValueError:  # a name this system cannot spell (a lone surrogate, a NUL byte)
        raise ImageProblem("the file name cannot be used on this system; rename the file") from None
