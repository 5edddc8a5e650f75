"""Serves frontend_stub/: the embeddable widgets, their frame and demo pages, the kiosk app."""
