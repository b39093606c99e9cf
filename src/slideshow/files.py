"""Writing files so that nothing a user has is ever half-written or replaced by surprise."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def written_in_place_of(out: Path, *, overwrite: bool = True, durable: bool = True) -> Iterator[Path]:
    """Yields a temporary path beside ``out``; if the block succeeds, the file becomes ``out`` at once.

    A reader never sees half a file, a failure leaves ``out`` as it was, and the new file gets the usual
    permissions (a temporary file is private). With ``overwrite=False`` an existing ``out`` is never
    replaced, even one that appears meanwhile: FileExistsError is raised instead. ``durable=False``
    skips the fsync, for small state rewritten often (the kiosk's slide): after a power cut the file may
    be old or empty, but a reader still never sees half of it.
    """
    out = out.absolute()
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        if durable:
            with open(temp, "rb") as written:
                os.fsync(written.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        if overwrite:
            os.replace(temp, out)
            return
        try:
            os.link(temp, out)  # refuses to replace, atomically
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some network shares): check just before
            if out.exists():
                raise FileExistsError(str(out)) from None
            os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
