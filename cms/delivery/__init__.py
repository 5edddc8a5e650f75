"""Delivery to clients that keep content: signed offline bundles, and the task queue that
builds them."""
