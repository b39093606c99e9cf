"""The screensaver is inhibited while the show is full screen, on a real private D-Bus session bus.

A minimal org.freedesktop.ScreenSaver service (QtDBus, in its own process) records every call with its
D-Bus signature; the real app runs under Xvfb on that bus. UnInhibit must carry the cookie as 'u'
(uint32), as the spec says: a signed int is refused by strict services.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from _x11 import RunningApp, wait_until

pytestmark = pytest.mark.e2e

SERVICE = r'''
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection, QDBusVirtualObject

XML = """<interface name="org.freedesktop.ScreenSaver">
<method name="Inhibit"><arg name="application_name" type="s" direction="in"/>
<arg name="reason_for_inhibit" type="s" direction="in"/><arg name="cookie" type="u" direction="out"/></method>
<method name="UnInhibit"><arg name="cookie" type="u" direction="in"/></method>
</interface>"""

class ScreenSaver(QDBusVirtualObject):
    cookie = 4000

    def handleMessage(self, message, connection):
        if message.interface() != "org.freedesktop.ScreenSaver":
            return False
        args = message.arguments()
        if message.member() == "Inhibit":
            ScreenSaver.cookie += 1
            reply = message.createReply()
            reply << ScreenSaver.cookie
            line = f"Inhibit {message.signature()} {args[0]} {ScreenSaver.cookie}"
        elif message.member() == "UnInhibit":
            reply = message.createReply()
            line = f"UnInhibit {message.signature()} {args[0] if args else '-'}"
        else:
            return False
        with open(sys.argv[1], "a") as log:
            log.write(line + "\n")
        connection.send(reply)
        return True

    def introspect(self, path):
        return XML

app = QCoreApplication([])
bus = QDBusConnection.sessionBus()
service = ScreenSaver()
ok = bus.registerVirtualObject("/org/freedesktop/ScreenSaver", service)
ok = ok and bus.registerService("org.freedesktop.ScreenSaver")
print("ready" if ok else "failed", flush=True)
app.exec()
'''


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        message = "needs dbus-daemon (Debian: dbus-daemon or dbus)"
        if os.environ.get("SLIDESHOW_REQUIRE_E2E"):
            pytest.fail(message)
        pytest.skip(message)
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    assert address, "dbus-daemon printed no address"
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)


@pytest.fixture
def screensaver(session_bus: str, tmp_path: Path) -> Iterator[Path]:
    calls = tmp_path / "calls.txt"
    calls.touch()
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": session_bus, "QT_QPA_PLATFORM": "offscreen"}
    service = subprocess.Popen(
        [sys.executable, "-c", SERVICE, str(calls)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert service.stdout is not None
    assert service.stdout.readline().strip() == "ready"
    yield calls
    service.terminate()
    service.wait(timeout=10)


def wait_for_lines(calls: Path, count: int, timeout: float = 10.0) -> list[str]:
    def enough() -> list[str] | None:
        lines = calls.read_text().splitlines()
        return lines if len(lines) >= count else None

    lines = wait_until(enough, lambda: f"{count} screensaver calls, got: {calls.read_text()!r}", timeout)
    assert isinstance(lines, list)
    return lines


def test_full_screen_inhibits_and_leaving_it_releases(
    display: str, screensaver: Path, tmp_path: Path, repo_root: Path
) -> None:
    app = RunningApp(display, ["slides.json", "--fullscreen"], repo_root)
    try:
        first = wait_for_lines(screensaver, 1)
        kind, signature, name, cookie = first[0].split()
        assert (kind, signature, name) == ("Inhibit", "ss", "slideshow")
        app.key("Escape")  # leaving full screen lets the display sleep again
        assert wait_for_lines(screensaver, 2)[1] == f"UnInhibit u {cookie}"
        app.key("f")
        again = wait_for_lines(screensaver, 3)[2].split()
        assert again[:2] == ["Inhibit", "ss"]
        app.key("q")  # the show ends
        assert app.wait_for_exit() == 0
        lines = wait_for_lines(screensaver, 4)
        assert lines[3] == f"UnInhibit u {again[3]}"
        assert len(lines) == 4
    finally:
        app.stop()


def test_kiosk_inhibits_while_running(
    display: str, screensaver: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    monkeypatch.setenv("SLIDESHOW_STATE_DIR", str(tmp_path))
    app = RunningApp(display, ["slides.json", "--kiosk"], repo_root)
    try:
        kind, signature, _name, cookie = wait_for_lines(screensaver, 1)[0].split()
        assert (kind, signature) == ("Inhibit", "ss")
        app.key("ctrl+shift+q")
        assert app.wait_for_exit() == 0
        assert wait_for_lines(screensaver, 2)[1] == f"UnInhibit u {cookie}"
    finally:
        app.stop()
