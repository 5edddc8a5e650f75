"""Demo safe spaces and helplines for ``manage.py seed_demo``: plain data, no database access.

The services are invented, but placed where such services are: coordinates are at
neighbourhood level inside each partner city, addresses are plausible and made up.

Phone numbers. The helplines marked *real* below are the national lines as they are known to
the public (112, Belgium's 1712 and 0800 30 030, Child Focus 116 000, Luxembourg's 2060 1060
and 116 111, Italy's 1522 and 114, Sweden's Kvinnofridslinjen, 116 006 and 116 111).
Gothenburg numbers lie in the 031-390 06 xx range that the Swedish regulator keeps for
fiction. Other numbers are invented in the right format for their country; each one passes
``normalise_phone_number`` (they are checked by ``full_clean`` at every seed).

Verification dates are fixed, absolute dates, so a re-run never changes a row. They were
chosen against late November 2026: entries with ``verify_by`` in 2025 or mid-2026 are overdue
(the dashboard lists them), two fall due in December 2026, the rest in 2027 or 2028. As time
passes more of them become overdue, which is what a real directory does too.
"""

from . import brussels, gothenburg, luxembourg, rome
from .common import HOURS
from .helplines import HELPLINES

SAFE_SPACES: list[dict] = [
    *brussels.SAFE_SPACES,
    *luxembourg.SAFE_SPACES,
    *rome.SAFE_SPACES,
    *gothenburg.SAFE_SPACES,
]

__all__ = ["HELPLINES", "HOURS", "SAFE_SPACES"]
