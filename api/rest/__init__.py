"""The REST API under /api/v1/: the HSDS 3.1 export of the safe spaces, and the endpoints
widgets and kiosks use. Every data endpoint needs a consumer key (``api.consumers``)."""
