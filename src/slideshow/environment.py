"""What the machine must give the app before Qt starts: a display, Qt's system libraries, a UTF-8 locale.

Qt reports a missing display or library by aborting (exit 134, a message blaming the wrong library) or by
an ImportError naming one .so file. These checks run first and say, in one line, what is wrong and which
command installs what is missing; ``slideshow doctor`` runs all of them and more. No Qt import here.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

# Qt platforms that need no window system: the command line's --platform or QT_QPA_PLATFORM may ask.
HEADLESS_PLATFORMS = ("offscreen", "minimal", "minimalegl", "eglfs", "linuxfb", "vnc", "vkkhrdisplay")

# The system libraries Qt loads (file name -> Debian/Ubuntu package, Fedora package). The release bundles
# some; the rest every desktop has, but a minimal or server install may not.
LIBRARIES: dict[str, tuple[str, str]] = {
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}
X11_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
}
_LIBRARY_FOLDERS = (
    "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
    "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib",
)  # fmt: skip


def display_problem(env: Mapping[str, str] | None = None) -> str | None:
    """Why a window cannot open here (one line, with what to do), or None. Linux and BSD only: Windows and
    macOS always have their own window system."""
    env = os.environ if env is None else env
    if (
        sys.platform in ("win32", "darwin")
        or env.get("QT_QPA_PLATFORM", "").split(":")[0] in HEADLESS_PLATFORMS
    ):
        return None
    if env.get("WAYLAND_DISPLAY"):
        return None
    display = env.get("DISPLAY", "")
    advice = "run it in a desktop session, or on a machine without a screen: xvfb-run slideshow ..."
    if not display:
        return f"no display to show on (neither DISPLAY nor WAYLAND_DISPLAY is set); {advice}"
    if not _x_server_answers(display):
        return f"cannot reach the X display {display} (no X server listens there); {advice}"
    return None


def _x_server_answers(display: str) -> bool:
    """Whether a local X server listens on DISPLAY (":N" or "unix:N"); remote displays are not probed."""
    import socket  # here: a show with a working display should not pay for the import at start-up

    match = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if match is None:
        return True  # host:N over TCP, or an ssh forward: let Qt try
    path = f"/tmp/.X11-unix/X{match.group(1)}"
    for address in (path, "\0" + path):  # the file, then Linux's abstract socket that Xvfb also opens
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(address)
                return True
            except OSError:
                continue
    return False


def _bundled_folder() -> Path | None:
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else None


def missing_libraries(*, window: bool, env: Mapping[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """The Qt system libraries (file -> Debian, Fedora package) this machine lacks. ``window``: also those
    of the X11 platform, unless the session is Wayland. Linux only; a file lookup, no loading."""
    if not sys.platform.startswith("linux"):
        return {}
    env = os.environ if env is None else env
    wanted = dict(LIBRARIES)
    if window and not env.get("WAYLAND_DISPLAY"):
        wanted |= X11_LIBRARIES
    folders = [Path(folder) for folder in _LIBRARY_FOLDERS]
    folders += [Path(p) for p in env.get("LD_LIBRARY_PATH", "").split(":") if p]
    bundled = _bundled_folder()
    if bundled is not None:
        folders.insert(0, bundled)
    return {
        name: packages for name, packages in wanted.items() if not any((f / name).exists() for f in folders)
    }


def install_advice(missing: Mapping[str, tuple[str, str]]) -> str:
    debian = " ".join(sorted({debian for debian, _ in missing.values()}))
    fedora = " ".join(sorted({fedora for _, fedora in missing.values()}))
    return f"install them: apt-get install -y {debian}   (Fedora: dnf install -y {fedora})"


def library_problem(*, window: bool) -> str | None:
    missing = missing_libraries(window=window)
    if not missing:
        return None
    return f"missing system libraries {', '.join(sorted(missing))}; {install_advice(missing)}"


def import_error_advice(error: ImportError) -> str | None:
    """One line for an ImportError that names a missing shared library (libGL.so.1: cannot open...)."""
    match = re.search(r"(lib[\w.+-]+\.so(?:\.\d+)*)", str(error))
    if match is None:
        return None
    name = match.group(1)
    packages = {**LIBRARIES, **X11_LIBRARIES}.get(name)
    if packages is None:
        return f"the system library {name} is missing; install the package that provides it, then try again"
    return f"the system library {name} is missing; {install_advice({name: packages})}"


def prefer_utf8_locale(env: dict[str, str] | None = None) -> None:
    """Under the C locale Qt switches itself to C.UTF-8 with a warning; switching first keeps it quiet.

    Only the character set changes: C.UTF-8 sorts and formats as C does.
    """
    env = os.environ if env is None else env  # type: ignore[assignment]
    assert env is not None
    effective = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
    if re.search(r"utf-?8", effective, re.IGNORECASE):
        return
    if env.get("LC_ALL"):
        if effective in ("C", "POSIX"):
            env["LC_ALL"] = "C.UTF-8"
        return  # another LC_ALL is the user's explicit choice
    env["LC_CTYPE"] = "C.UTF-8"
