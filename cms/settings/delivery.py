"""Delivery to apps and kiosks without a request of theirs to answer: delta sync and the
takedown feed (cms/delivery, api/public/sync.py); read into every settings module through
``base.py``."""

# Delta sync (api/public/sync.py): change records (tombstones) are kept this long, and older
# tokens are refused; a change younger than SYNC_SETTLE_SECONDS is sent again next time.
SYNC_TOMBSTONE_DAYS = 90
SYNC_SETTLE_SECONDS = 60
SYNC_PAGE_SIZE_DEFAULT, SYNC_PAGE_SIZE_MAX = 100, 500
# How often kiosks and widgets ask GET /api/v1/takedowns for what to remove at once.
TAKEDOWN_POLL_SECONDS = 30
# How long a takedown's request refreshes the edge caches itself (cms/delivery/takedowns.py)
# before leaving the rest of its URLs to the queued purge.
TAKEDOWN_EDGE_SECONDS = 5.0
