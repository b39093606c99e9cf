"""Writing files so that nothing a user has is ever half-written or replaced by surprise.

Every writer (PNG, PDF handout, folder export, import's deck, the kiosk's saved slide) writes beside its
target and moves the file into place only after checking what landed on disk: a full disk often lets a
writer "succeed" and leaves a cut-off file (Qt reports nothing when its last buffer cannot be flushed).
The checks here read the file back: a PNG's every chunk and checksum, a PDF's end marker, a text file's
exact bytes. On any failure the old file stays as it was and the temporary file is removed. A folder of
files (the folder export) is all or nothing in the same way. Temporary names are made and tidied up by
:mod:`slideshow.leftovers`, so even a writer killed mid-write leaves nothing a user would take for output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from slideshow.leftovers import MARK, remove_leftovers, temp_prefix

#: A check of a written file: None when it is whole, else what is wrong (e.g. "the PDF is cut short").
Check = Callable[[Path], str | None]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PDF_TAIL = 1024  # %%EOF sits in the last bytes of a PDF, after the cross-reference table


class WriteFailed(OSError):
    """The writer seemed to succeed, but the file on disk is not what it wrote (full disk, I/O error)."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EIO, f"{reason}; nothing was replaced (is the disk full?)")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def written_in_place_of(
    out: Path, *, check: Check, overwrite: bool = True, durable: bool = True
) -> Iterator[Path]:
    """Yields a temporary path beside ``out``; if the block succeeds and ``check`` finds the written file
    whole, the file becomes ``out`` at once.

    A reader never sees half a file, a failure leaves ``out`` as it was (WriteFailed when ``check``
    finds the file damaged), and the new file gets the usual permissions (a temporary file is private).
    With ``overwrite=False`` an existing ``out`` is never replaced, even one that appears meanwhile:
    FileExistsError is raised instead. ``durable=False`` skips the fsync, for small state rewritten
    often (the kiosk's slide): after a power cut the file may be old or empty, but a reader still never
    sees half of it.
    """
    out = out.absolute()
    remove_leftovers(out.parent)
    handle, temp_name = tempfile.mkstemp(prefix=temp_prefix(out.name), suffix=MARK, dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        if durable:  # a network file system may only now say the data did not fit
            with open(temp, "rb") as written:
                os.fsync(written.fileno())
        if (damage := check(temp)) is not None:
            raise WriteFailed(damage)
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


@contextmanager
def folder_filled_in_place_of(folder: Path) -> Iterator[Path]:
    """Yields an empty temporary folder; if the block succeeds, its files take their names in ``folder``
    together at the end (replacing files of the same names there, as a single file's export replaces
    its file; other files are left alone). A failure at any point leaves ``folder`` as it was: no file
    in it replaced, a folder that did not exist (nor its missing parents) not made, nothing temporary
    left. The temporary folder is made inside ``folder`` when that exists (so on the same disk, even if
    ``folder`` is a mount point), else beside it, where it becomes ``folder`` with one rename.
    """
    folder = folder.absolute()
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    made = _make_folders(folder.parent)
    existed = folder.is_dir()
    home = folder if existed else folder.parent
    staging: Path | None = None
    try:
        remove_leftovers(home)
        staging = Path(tempfile.mkdtemp(prefix=temp_prefix(folder.name), suffix=MARK, dir=home))
        yield staging
        if not existed and _renamed_to(staging, folder):
            return
        _move_files_into(staging, folder)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)  # what is left: the replaced files, or everything
        if not folder.is_dir():
            for parent in made:  # deepest first; only if still empty
                with contextlib.suppress(OSError):
                    parent.rmdir()


def _make_folders(folder: Path) -> list[Path]:
    """Makes ``folder`` and its missing parents; returns the ones made, deepest first."""
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for parent in reversed(missing):
        parent.mkdir(exist_ok=True)
    return missing


def _renamed_to(staging: Path, folder: Path) -> bool:
    """The filled temporary folder becomes ``folder`` in one step; False when a folder of that name
    (with files in it) appeared meanwhile, which then gets the files one by one."""
    os.chmod(staging, 0o777 & ~_umask())  # a temporary folder is private
    try:
        os.rename(staging, folder)  # POSIX replaces an empty folder only, never one with files
    except OSError as error:
        if error.errno not in (errno.EEXIST, errno.ENOTEMPTY) or not folder.is_dir():
            raise
        return False
    return True


def _move_files_into(staging: Path, folder: Path) -> None:
    """Every file in ``staging`` takes its name in ``folder``; an old file of that name is first moved
    into ``staging`` (removed with it), so a failure half-way can undo every rename done, in reverse."""
    done: list[tuple[Path, Path]] = []
    try:
        for name in sorted(os.listdir(staging)):
            new, target = staging / name, folder / name
            if os.path.lexists(target):
                old = staging / f".{name}.replaced"
                os.rename(target, old)
                done.append((target, old))
            os.rename(new, target)
            done.append((new, target))
    except BaseException:
        for before, after in reversed(done):
            with contextlib.suppress(OSError):
                os.rename(after, before)
        raise


def replace_with_bytes(out: Path, data: bytes, *, overwrite: bool = True, durable: bool = True) -> None:
    """``out`` now holds exactly ``data``, or is as it was (see :func:`written_in_place_of`)."""
    with written_in_place_of(out, check=holds(data), overwrite=overwrite, durable=durable) as temp:
        temp.write_bytes(data)


def holds(data: bytes) -> Check:
    """A check that the file holds exactly ``data``: what a text writer meant to write."""

    def check(path: Path) -> str | None:
        landed = path.read_bytes()
        if landed == data:
            return None
        return f"only {len(landed):,} of {len(data):,} bytes were written"

    return check


def png_is_whole(path: Path) -> str | None:
    """None when every chunk of the PNG is complete with a correct checksum and it ends with IEND."""
    with open(path, "rb") as png:
        if png.read(len(_PNG_SIGNATURE)) != _PNG_SIGNATURE:
            return "the PNG file is empty or not a PNG"
        while len(header := png.read(8)) == 8:
            length, kind = struct.unpack(">I4s", header)
            body = png.read(length)
            crc = png.read(4)
            if len(body) != length or len(crc) != 4 or zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
                return "the PNG file is cut short or damaged"
            if kind == b"IEND":
                return None
    return "the PNG file is cut short (no end chunk)"


def pdf_is_whole(path: Path) -> str | None:
    """None when the file starts as a PDF and ends with the %%EOF marker (a cut-off PDF lacks it)."""
    with open(path, "rb") as pdf:
        if pdf.read(5) != b"%PDF-":
            return "the PDF file is empty or not a PDF"
        size = pdf.seek(0, os.SEEK_END)
        pdf.seek(max(0, size - _PDF_TAIL))
        if b"%%EOF" not in pdf.read():
            return "the PDF file is cut short (no %%EOF end marker)"
    return None
