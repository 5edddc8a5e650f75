"""Field and type suggestions ("Did you mean ...?") in GraphQL error messages."""

import importlib
from typing import Any


def hide_suggestions(*, hidden: bool) -> None:
    """Turn graphql-core's "Did you mean ...?" suggestions off (or back on) for the process.

    Suggestions name fields, arguments, types and enum values close to what a client typed,
    which lets anyone map a schema whose introspection is switched off. graphql-core 3.2 builds
    them in ``graphql.pyutils.did_you_mean``, which returns nothing when its module constant
    ``MAX_LENGTH`` is 0. ``import graphql.pyutils.did_you_mean as m`` binds the *function* of
    that name (the package re-exports it), so the module is fetched with ``importlib``.

    It can go once the lowest graphql-core this project allows passes ``hide_suggestions`` to
    every ``validate()`` and ``execute()`` call (graphql-core 3.2.14 has that keyword; the
    pin still allows 3.2.12) and the endpoint passes it there instead.
    """
    # The module, not the function of the same name that graphql.pyutils exports.
    module: Any = importlib.import_module("graphql.pyutils.did_you_mean")
    module.MAX_LENGTH = 0 if hidden else 5
