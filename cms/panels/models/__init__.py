"""Expert panels, their members, the panel review workflow task and the reviews members give.

A panel approves revisions before they go live. Its members are Wagtail users, but outside the
administrators they are known only by the pseudonym of their membership: every screen, log
entry, email and export that an editor can see names a member by pseudonym, never by name.
"""

from .panels import (
    PSEUDONYM_HELP,
    ConstituenciesField,
    ConstituenciesFormField,
    Constituency,
    ExpertPanel,
    PanelMembership,
    constituency_label,
    validate_constituencies,
)
from .reviews import (
    RATING_FIELDS,
    RATING_VALIDATORS,
    PanelReview,
    rating_field,
)
from .tasks import (
    PanelReviewTask,
)

__all__ = [
    "ConstituenciesField",
    "ConstituenciesFormField",
    "Constituency",
    "ExpertPanel",
    "PSEUDONYM_HELP",
    "PanelMembership",
    "PanelReview",
    "PanelReviewTask",
    "RATING_FIELDS",
    "RATING_VALIDATORS",
    "constituency_label",
    "rating_field",
    "validate_constituencies",
]
