"""Demo content for ``manage.py seed_demo``: plain data, no database access.

The data modules describe what the demo site holds; the command turns them into rows. An entry
refers to another seeded object with a :class:`Ref`, which the command resolves to its primary
key once that object exists. Every text is written for the demo: facts come from the project
brief, people are roles, never names.
"""

import uuid
from typing import NamedTuple


class Ref(NamedTuple):
    """A reference from one demo entry to another seeded object, by its stable key.

    ``kind`` is one of ``image``, ``document``, ``safe_space`` or ``helpline``; ``key`` is the
    key the object has in its data module.
    """

    kind: str
    key: str


# Fixed namespace for the UUIDs of seeded objects: the same key gives the same UUID in every
# database, so a re-run recognises what it created and a fresh demo is identical to the last.
SEED_NAMESPACE = uuid.UUID("6f1c2a7e-3b5d-5e8f-9a40-2c7d1e0b6a31")


def stable_uuid(kind: str, key: str) -> uuid.UUID:
    """The UUID of the seeded object of ``kind`` known by ``key`` (a slug, code or key)."""
    return uuid.uuid5(SEED_NAMESPACE, f"{kind}:{key}")
