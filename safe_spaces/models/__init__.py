"""Safe-space listings and helplines, with field names from Open Referral HSDS 3.1.

HSDS calls a listing a *service* offered at a *location*; the names below follow its
``service``, ``location``, ``address``, ``phone`` and ``schedule`` schemas where they fit.
"""

from .helplines import Helpline, HelplineQuerySet
from .listings import VERIFICATION_DUE_WITHIN, SafeSpace, SafeSpaceQuerySet, ServiceCategory
from .parts import OpeningHours, SafeSpacePhone, ScheduleException, Weekday

__all__ = [
    "VERIFICATION_DUE_WITHIN",
    "Helpline",
    "HelplineQuerySet",
    "OpeningHours",
    "SafeSpace",
    "SafeSpacePhone",
    "SafeSpaceQuerySet",
    "ScheduleException",
    "ServiceCategory",
    "Weekday",
]
