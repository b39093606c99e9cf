"""The render room: geometry as plain numbers and the one painting function used by screen and export."""
