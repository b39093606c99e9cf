"""Keeps the screensaver and display sleep away while the show is full screen, and lets them back after.

Back ends, tried in this order:

- Linux and other freedesktop desktops: ``org.freedesktop.ScreenSaver`` ``Inhibit(s, s) -> u`` and
  ``UnInhibit(u)`` on the session bus, through QtDBus (part of pyside6-essentials). The cookie must go
  back as an unsigned 32-bit integer: a Python int sent through QDBusMessage becomes a signed one, which
  strict services refuse, so ``UnInhibit`` is called through an introspected QDBusInterface with a
  ``uint`` argument. The call is made on a private bus connection, and the spec releases an inhibition
  when its connection closes, so a viewer that crashes or is killed cannot leave the screen awake for ever.
  Tested here against a real private session bus (tests/test_kiosk_inhibit.py).
- X11 sessions without that service (a bare kiosk X session, no desktop): ``xset s off -dpms``, and on
  release the screensaver timeout and DPMS state read from ``xset q`` beforehand are put back.
- Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)``, released
  with ``ES_CONTINUOUS`` alone. Written from the documentation, UNTESTED.
- macOS: an IOKit power assertion ``PreventUserIdleDisplaySleep`` (``IOPMAssertionCreateWithName``,
  released with ``IOPMAssertionRelease``). Written from the documentation, UNTESTED.

Nothing here ever raises into the show: a back end that fails is logged and the show goes on.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusInterface

log = logging.getLogger(__name__)

APP_NAME = "slideshow"
REASON = "Showing a slideshow full screen"
SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
BUS_CONNECTION_NAME = "slideshow-inhibit"
CALL_TIMEOUT_MS = 3000


class Backend(Protocol):
    name: str

    def inhibit(self) -> bool: ...
    def release(self) -> None: ...


class FreedesktopScreenSaver:
    name = "org.freedesktop.ScreenSaver"

    def __init__(self) -> None:
        self._cookie: int | None = None
        self._interface: QDBusInterface | None = None

    def _connect(self) -> QDBusInterface | None:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not (
            runtime and os.path.exists(f"{runtime}/bus")
        ):
            return None  # no session bus; never let libdbus "autolaunch" one
        bus = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, BUS_CONNECTION_NAME)
        if not bus.isConnected():
            return None
        names = bus.interface()
        if names is None or not names.isServiceRegistered(SERVICE).value():
            return None
        interface = QDBusInterface(SERVICE, PATH, INTERFACE, bus)
        interface.setTimeout(CALL_TIMEOUT_MS)
        return interface if interface.isValid() else None

    def inhibit(self) -> bool:
        from PySide6.QtDBus import QDBusMessage

        if self._cookie is not None:
            return True
        try:
            interface = self._interface or self._connect()
        except Exception as error:  # never let D-Bus trouble stop a show
            log.info("no session bus for the screensaver: %s", error)
            return False
        if interface is None:
            return False
        self._interface = interface
        reply = interface.call("Inhibit", APP_NAME, REASON)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log.info("screensaver Inhibit failed: %s", reply.errorMessage())
            return False
        self._cookie = int(reply.arguments()[0])
        log.info("screensaver inhibited (cookie %d)", self._cookie)
        return True

    def release(self) -> None:
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt

        cookie, self._cookie = self._cookie, None
        if cookie is None or self._interface is None:
            return
        # invokeMethod on the introspected interface marshals the cookie as D-Bus 'u' (uint32).
        done = QMetaObject.invokeMethod(
            self._interface, "UnInhibit", Qt.ConnectionType.DirectConnection, Q_ARG("uint", cookie)
        )
        if not done:
            log.info("screensaver UnInhibit could not be called; closing the connection releases it")
            self.close()
        else:
            log.info("screensaver released (cookie %d)", cookie)

    def close(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        self._interface = None
        QDBusConnection.disconnectFromBus(BUS_CONNECTION_NAME)


class XsetScreenSaver:
    """``xset`` for X sessions with no freedesktop service: off while inhibited, the old values after."""

    name = "xset"

    def __init__(self) -> None:
        self._restore: list[list[str]] | None = None

    @staticmethod
    def available() -> bool:
        from PySide6.QtGui import QGuiApplication

        return (
            QGuiApplication.platformName() == "xcb"
            and bool(os.environ.get("DISPLAY"))
            and shutil.which("xset") is not None
        )

    @staticmethod
    def _xset(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["xset", *args], capture_output=True, text=True, timeout=5, check=False)

    def inhibit(self) -> bool:
        if self._restore is not None:
            return True
        try:
            query = self._xset("q").stdout
            restore: list[list[str]] = []
            saver = re.search(r"timeout:\s*(\d+)\s+cycle:\s*(\d+)", query)
            if saver:
                restore.append(["s", saver.group(1), saver.group(2)])
            if "DPMS is Enabled" in query:
                restore.append(["+dpms"])
            self._xset("s", "off")
            self._xset("-dpms")
        except (OSError, subprocess.SubprocessError) as error:
            log.info("xset failed: %s", error)
            return False
        self._restore = restore
        log.info("X screensaver and DPMS off (xset)")
        return True

    def release(self) -> None:
        restore, self._restore = self._restore, None
        for args in restore or []:
            try:
                self._xset(*args)
            except (OSError, subprocess.SubprocessError) as error:
                log.info("xset %s failed: %s", " ".join(args), error)


class WindowsExecutionState:
    """UNTESTED: SetThreadExecutionState on the GUI thread (the state belongs to the calling thread)."""

    name = "SetThreadExecutionState"
    ES_CONTINUOUS = 0x80000000
    ES_SYSTEM_REQUIRED = 0x00000001
    ES_DISPLAY_REQUIRED = 0x00000002

    def __init__(self) -> None:
        self._on = False

    def _set(self, flags: int) -> bool:
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetThreadExecutionState.restype = ctypes.c_uint32
        kernel32.SetThreadExecutionState.argtypes = [ctypes.c_uint32]
        return bool(kernel32.SetThreadExecutionState(flags))  # 0 means it failed

    def inhibit(self) -> bool:
        if not self._on:
            self._on = self._set(self.ES_CONTINUOUS | self.ES_DISPLAY_REQUIRED | self.ES_SYSTEM_REQUIRED)
        return self._on

    def release(self) -> None:
        if self._on:
            self._set(self.ES_CONTINUOUS)
            self._on = False


class MacPowerAssertion:
    """UNTESTED: an IOKit power assertion that keeps the display awake."""

    name = "IOPMAssertion"
    K_CF_STRING_ENCODING_UTF8 = 0x08000100
    K_IOPM_ASSERTION_LEVEL_ON = 255

    def __init__(self) -> None:
        self._id: int | None = None

    def inhibit(self) -> bool:
        if self._id is not None:
            return True
        iokit = ctypes.cdll.LoadLibrary("/System/Library/Frameworks/IOKit.framework/IOKit")
        cf = ctypes.cdll.LoadLibrary("/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation")
        cf.CFStringCreateWithCString.restype = ctypes.c_void_p
        cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
        cf.CFRelease.argtypes = [ctypes.c_void_p]
        kind = cf.CFStringCreateWithCString(
            None, b"PreventUserIdleDisplaySleep", self.K_CF_STRING_ENCODING_UTF8
        )
        reason = cf.CFStringCreateWithCString(None, REASON.encode(), self.K_CF_STRING_ENCODING_UTF8)
        assertion = ctypes.c_uint32(0)
        iokit.IOPMAssertionCreateWithName.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint32,
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_uint32),
        ]
        result = iokit.IOPMAssertionCreateWithName(
            kind, self.K_IOPM_ASSERTION_LEVEL_ON, reason, ctypes.byref(assertion)
        )
        cf.CFRelease(kind)
        cf.CFRelease(reason)
        if result != 0:  # kIOReturnSuccess
            log.info("IOPMAssertionCreateWithName failed: %#x", result)
            return False
        self._id = assertion.value
        return True

    def release(self) -> None:
        if self._id is not None:
            iokit = ctypes.cdll.LoadLibrary("/System/Library/Frameworks/IOKit.framework/IOKit")
            iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
            iokit.IOPMAssertionRelease(self._id)
            self._id = None


class SleepInhibitor:
    """Holds the inhibition while :meth:`set_wanted` says so; safe to call as often as the state changes."""

    def __init__(self, backends: list[Backend] | None = None) -> None:
        self._backends = backends if backends is not None else _platform_backends()
        self._active: Backend | None = None

    @property
    def active(self) -> str | None:
        return None if self._active is None else self._active.name

    def set_wanted(self, wanted: bool) -> None:
        if wanted and self._active is None:
            for backend in self._backends:
                try:
                    if backend.inhibit():
                        self._active = backend
                        return
                except Exception as error:  # an unexpected platform failure must not stop the show
                    log.info("%s could not inhibit: %s", backend.name, error)
            log.info("nothing available to keep the display awake")
        elif not wanted and self._active is not None:
            active, self._active = self._active, None
            try:
                active.release()
            except Exception as error:
                log.info("%s could not release: %s", active.name, error)


def _platform_backends() -> list[Backend]:
    if sys.platform == "win32":
        return [WindowsExecutionState()]
    if sys.platform == "darwin":
        return [MacPowerAssertion()]
    backends: list[Backend] = [FreedesktopScreenSaver()]
    if XsetScreenSaver.available():
        backends.append(XsetScreenSaver())
    return backends
