"""Preview tokens: a draft, as the public APIs would serve it once published.

A token is made only in the admin's preview (``cms.frontend.previews``), for someone who may
edit or review the object. It names one revision of one object: its content type, the
object's primary key, the revision's and the object's language, signed with
``django.core.signing`` under a salt of its own (``SALT``) and valid for ``MAX_AGE`` seconds.

``load_preview`` answers the object as of that revision, or None: for a token that is
tampered with, expired, signed under another salt or key, names a revision of another object,
a deleted revision or object, or a model that has no preview. The caller can't tell these
apart, nor tell them from a token that was never made: a token reveals nothing about what
exists.

``served_preview`` hands the draft to the request's loaders like a published object of its
language (``api.public.loaders``), with the same rules (a confidential location withheld), so
that it has exactly the published shape. A draft is private: the answers that carry one are
``private, no-store`` and never kept by any cache (``api.graphql.privacy``,
``api.rest.widgets``).
"""

from __future__ import annotations

import copy
from typing import Any

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Revision

from api.locales import LocaleContext, UnknownLocale, resolve_locale
from api.public import attach_locale
from api.public.loaders import serve
from api.public.pages import keep_served, resolve_page_locale
from cms.core import db_router

SALT = "equalcity.api.preview"
MAX_AGE = 3600  # seconds: one hour at most
# Longer than any token this module makes; anything longer is not read at all.
MAX_TOKEN_LENGTH = 400
# The header REST clients send a token in.
HEADER = "X-Equalcity-Preview"


def preview_models() -> tuple[type[Any], ...]:
    """The models whose drafts can be previewed through the public APIs."""
    from safe_spaces.models import Helpline, SafeSpace
    from toolbox_pages.models import ModulePage, ToolboxPage

    return (ToolboxPage, ModulePage, SafeSpace, Helpline)


def _content_type_id(obj: Any) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj, for_concrete_model=False).pk


def make_token(obj: Any, revision: Revision) -> str:
    """A token for ``revision`` of ``obj`` (a model of ``preview_models``)."""
    if not isinstance(obj, preview_models()):
        raise ValueError(f"{type(obj).__name__} has no preview in the public APIs.")
    if revision.pk is None or str(revision.object_id) != str(obj.pk):
        raise ValueError("The revision is not a saved revision of this object.")
    payload = {
        "c": _content_type_id(obj),
        "o": str(obj.pk),
        "r": revision.pk,
        "l": obj.locale.language_code,
    }
    return signing.dumps(payload, salt=SALT, compress=False)


def _payload(token: Any) -> tuple[int, str, int, str] | None:
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_LENGTH:
        return None
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError):
        # BadSignature covers SignatureExpired; ValueError a signed value that isn't JSON.
        return None
    if not isinstance(payload, dict):
        return None
    content_type, object_id, revision, locale = (payload.get(k) for k in ("c", "o", "r", "l"))
    if not (
        isinstance(content_type, int)
        and isinstance(object_id, str)
        and isinstance(revision, int)
        and isinstance(locale, str)
    ):
        return None
    return content_type, object_id, revision, locale


def load_preview(token: Any) -> Any | None:
    """The object as of the token's revision, or None for any token that doesn't name one
    (see the module's rules). Two queries: the revision, the object."""
    payload = _payload(token)
    if payload is None:
        return None
    # A draft saved a moment ago may not have reached a replica yet: its editor must see it.
    db_router.read_primary()
    content_type_id, object_id, revision_id, locale = payload
    revision = (
        Revision.objects.filter(
            pk=revision_id, content_type_id=content_type_id, object_id=object_id
        )
        .select_related("content_type")
        .first()
    )
    if revision is None or revision.content_type.model_class() not in preview_models():
        return None
    try:
        obj = revision.as_object()
    except (ObjectDoesNotExist, KeyError, ValueError, TypeError):
        # The object is gone, or the revision's content no longer fits its model.
        return None
    obj.preview_revision_id = revision.pk
    obj.preview_language = locale
    return obj


def _context(obj: Any, *, pages: bool) -> LocaleContext | None:
    try:
        context = (resolve_page_locale if pages else resolve_locale)(obj.preview_language)
    except UnknownLocale:
        return None
    return context if context.requested.pk == obj.locale_id else None


def served_preview(obj: Any) -> Any | None:
    """The draft ``load_preview`` answered, served in its own language like a published
    object (its relations load through the request's loaders), or None when it can't be
    (a page outside the public site, a language no longer offered)."""
    from wagtail.models import Page

    from api.public.safe_space_parts import serve_preview_parts
    from api.public.safe_spaces import loaded_safe_spaces
    from safe_spaces.models import SafeSpace

    context = _context(obj, pages=isinstance(obj, Page))
    if context is None:
        return None
    if isinstance(obj, Page):
        kept = keep_served([obj], context)
        return serve(context, kept)[0] if kept else None
    if isinstance(obj, SafeSpace):
        (space,) = loaded_safe_spaces([copy.copy(obj)], context)
        serve(context, [space])
        serve_preview_parts(space)
        return space
    (helpline,) = attach_locale([obj], context)
    return serve(context, [helpline])[0]


def preview_for(token: Any) -> Any | None:
    """``load_preview`` then ``served_preview``: the served draft, or None."""
    obj = load_preview(token)
    return served_preview(obj) if obj is not None else None
