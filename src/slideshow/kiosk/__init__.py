"""Kiosk mode for weeks unattended: the supervising process, the viewer's heartbeat and saved position."""
