"""The exit codes a kiosk viewer tells its supervisor with: Qt-free, so both the supervisor and the Qt
windows (the viewer, the crash-loop message) import them from here."""

USER_QUIT = 17
"""The viewer's exit code for Ctrl+Shift+Q: the user ended the kiosk, do not restart."""
DECK_UNREADABLE = 18
"""The viewer's exit code when it cannot read its deck: wait for the deck, do not count a crash."""
