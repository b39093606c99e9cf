"""``slideshow doctor``: is this machine ready to show a deck? Each check prints one line, and for each
problem what to do. Exit 0 when the show can run (warnings allowed), 1 when it cannot.

For the first run on a new machine, and for bug reports: it checks what makes a show fail or misbehave
before the show starts: the display, Qt's system libraries, fonts, the locale and the screen-saver service.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from slideshow import environment

FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


@dataclass(frozen=True)
class Finding:
    status: str  # "ok", "warning" (the show runs, something is missing) or "problem" (it cannot run)
    topic: str
    text: str


def _display() -> Finding:
    problem = environment.display_problem()
    if problem is not None:
        return Finding("problem", "display", problem + " ('slideshow export' and 'check' need no display)")
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in environment.HEADLESS_PLATFORMS:
        return Finding("ok", "display", f"QT_QPA_PLATFORM={platform}: windows are drawn off screen")
    if os.environ.get("WAYLAND_DISPLAY"):
        return Finding("ok", "display", f"Wayland (WAYLAND_DISPLAY={os.environ['WAYLAND_DISPLAY']})")
    if os.environ.get("DISPLAY"):
        return Finding("ok", "display", f"an X server answers at DISPLAY={os.environ['DISPLAY']}")
    return Finding("ok", "display", "the system's own window system")


def _libraries() -> Finding:
    missing = environment.missing_libraries(window=True)
    if missing:
        text = f"missing {', '.join(sorted(missing))}; {environment.install_advice(missing)}"
        return Finding("problem", "libraries", text)
    return Finding("ok", "libraries", "Qt's system libraries are installed")


def _fonts() -> Finding:
    if sys.platform in ("win32", "darwin"):
        return Finding("ok", "fonts", "the system's fonts")
    found = any(
        any(folder.rglob("*.[ot]tf"))
        for folder in map(Path, map(os.path.expanduser, FONT_FOLDERS))
        if folder.is_dir()
    )
    if not found:
        return Finding(
            "warning",
            "fonts",
            "no system fonts: captions use the app's own DejaVu Sans, but menus and messages may show boxes; "
            "install one: apt-get install -y fonts-dejavu-core   (Fedora: dnf install -y dejavu-sans-fonts)",
        )
    return Finding(
        "ok",
        "fonts",
        "system fonts found" + (" (fontconfig's fc-list lists them)" if shutil.which("fc-list") else ""),
    )


def _locale() -> Finding:
    effective = os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG") or "C"
    return Finding("ok", "locale", f"{effective} (the app uses UTF-8 whatever the locale)")


def _screensaver() -> Finding:
    if not sys.platform.startswith("linux"):
        return Finding("ok", "screen saver", "kept awake by the system's own call")
    from PySide6.QtCore import QCoreApplication

    from slideshow.ui.inhibit import FreedesktopScreenSaver

    _app = QCoreApplication.instance() or QCoreApplication(["slideshow"])  # QtDBus wants an application
    service = FreedesktopScreenSaver()
    if service.inhibit():
        service.release()
        return Finding(
            "ok", "screen saver", "org.freedesktop.ScreenSaver on the session bus keeps the display awake"
        )
    fallback = (
        "xset (x11-xserver-utils) is used instead"
        if shutil.which("xset")
        else ("install x11-xserver-utils so the app can use xset in a bare X session")
    )
    return Finding(
        "warning",
        "screen saver",
        "no org.freedesktop.ScreenSaver service on the D-Bus session bus, so a desktop may blank the screen "
        f"during a show; {fallback}. Desktops (GNOME, KDE, Xfce) provide the service.",
    )


def run_doctor() -> int:
    findings = [_display(), _libraries(), _fonts(), _locale()]
    if findings[1].status == "ok":  # the D-Bus check loads Qt, which needs the libraries
        findings.append(_screensaver())
    for finding in findings:
        print(f"{finding.status:>7}  {finding.topic}: {finding.text}")
    problems = sum(f.status == "problem" for f in findings)
    if problems:
        print(f"slideshow doctor: {problems} problem(s); the show cannot start until they are fixed")
        return 1
    print("slideshow doctor: ready to show")
    return 0
