"""What the public APIs may read: one queryset helper per domain, and the locale rule they share.

Every public resolver (GraphQL and REST) starts from a helper in this package. The helpers
apply the live, public and locale rules once, so no resolver builds its own unfiltered queryset.
"""

from typing import Any, TypeVar

from django.db.models import (
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import DraftStateMixin, Locale, TranslatableMixin

from api.locales import LocaleContext

T = TypeVar("T")
# A translatable model instance the public API serves (Wagtail's mixin is untyped).
Served = TypeVar("Served", bound=TranslatableMixin)


def in_locale(queryset: QuerySet, context: LocaleContext) -> QuerySet:
    """Rows of the requested locale, plus default-locale rows that have no translation there.

    The caller has already applied its own visibility rules (live, public...) to ``queryset``:
    a translation that is not visible doesn't hide the default-locale row, so an object whose
    translation is still a draft is served in the default language (``is_fallback``), never
    silently dropped. One SQL query, whatever the number of rows.
    """
    if context.is_default:
        return queryset.filter(locale=context.requested)
    translated = queryset.filter(locale=context.requested).values("translation_key")
    return queryset.filter(
        Q(locale=context.requested)
        | (Q(locale=context.default) & ~Q(translation_key__in=translated))
    )


def not_expired_q() -> Q:
    """Rows whose ``expire_at`` (draft state's scheduled unpublishing) has not passed.

    ``publish_scheduled`` unpublishes an expired row only when it next runs; until then the
    row is still ``live``, and must not be served in the meantime.
    """
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def is_published(obj: Any) -> bool:
    """``published`` for one loaded row: live and not expired (pages and snippets with draft
    state; a row without draft state is always published)."""
    if not getattr(obj, "live", True):
        return False
    expire_at = getattr(obj, "expire_at", None)
    return expire_at is None or expire_at > timezone.now()


def published(model: type[Model]) -> QuerySet:
    """The rows of ``model`` readers may see: live and not expired ones, for a model with
    draft state.

    Cities, partner organisations and vocabulary terms have draft state so that their
    translations wait for language review: a row that is not live is a draft, never served.
    """
    manager = model._default_manager
    if issubclass(model, DraftStateMixin):
        return manager.filter(not_expired_q(), live=True)
    return manager.all()


def translated(
    model: type[Model],
    key_ref: str,
    field: str,
    context: LocaleContext,
    locale: Locale | None = None,
) -> Subquery:
    """``field`` of the live version, in the requested locale (or ``locale``), of the related
    row whose translation key is at ``key_ref``; NULL when there is none."""
    return Subquery(
        published(model)
        .filter(
            translation_key=OuterRef(key_ref),
            locale_id=(locale or context.requested).pk,
        )
        .order_by()
        .values(field)[:1]
    )


def served(model: type[Model], key_ref: str, field: str, context: LocaleContext) -> Any:
    """``field`` of a related translatable row as readers get it: its live version in the
    requested locale, else in the default locale; NULL when neither is live.

    The row a relation points to may be a translation still in review (wagtail-localize
    points a translated page at translated snippets), so it is never read directly.
    """
    requested = translated(model, key_ref, field, context)
    if context.is_default:
        return requested
    return Coalesce(requested, translated(model, key_ref, field, context, context.default))


def served_locale(model: type[Model], key_ref: str, context: LocaleContext) -> Any:
    """The locale id of the row ``served`` reads its fields from: with ``language_of``, what
    tells a client the language of a related text, in the same query as the text."""
    return served(model, key_ref, "locale_id", context)


def language_of(locale_id: int | None, context: LocaleContext) -> dict[str, Any]:
    """``locale`` (language code) and ``is_fallback`` of a served row, from its locale id.

    A served row is in the requested locale or, standing in for it, in the default one; no
    query. Clients mark a fallback's text with its own language and direction.
    """
    requested = locale_id == context.requested.pk
    locale = context.requested if requested else context.default
    return {"locale": locale.language_code, "is_fallback": not requested}


def serve_related(objects: list[T], field: str, context: LocaleContext, *, required: bool) -> None:
    """Replace each object's related translatable row ``field`` (loaded with
    ``select_related``) by the version readers get: the live one in the requested locale, else
    in the default locale. With none, an optional relation becomes None; a required one keeps
    the default locale's row, so a listing is never left without its city.

    The loaded row is kept when it is live and in the requested locale (no query); otherwise
    one query looks for the versions of every such row at once. That happens when a row is a
    translation still in review, or when an object points at another language's row (an
    English listing served as a fallback points at the English city).
    """
    pending = [
        obj
        for obj in objects
        if (related := getattr(obj, field)) is not None
        and (not getattr(related, "live", True) or related.locale_id != context.requested.pk)
    ]
    if pending:
        _replace_related(pending, field, context, required=required)
    # Each served row says its own language (``is_fallback``), like the objects themselves.
    attach_locale(
        [related for obj in objects if (related := getattr(obj, field)) is not None], context
    )


def _replace_related(
    pending: list[T], field: str, context: LocaleContext, *, required: bool
) -> None:
    model = type(getattr(pending[0], field))
    keys = {getattr(obj, field).translation_key for obj in pending}
    rank = {context.requested.pk: 0, context.default.pk: 1}
    best: dict[Any, tuple[int, Model]] = {}
    rows = model._default_manager.filter(translation_key__in=keys, locale_id__in=rank)
    for row in rows:
        if getattr(row, "live", True):
            order = rank[row.locale_id]
        elif required and row.locale_id == context.default.pk:
            order = 2  # no live version at all: the default locale's row, never a draft
        else:
            continue
        if row.translation_key not in best or order < best[row.translation_key][0]:
            best[row.translation_key] = (order, row)
    for obj in pending:
        choice = best.get(getattr(obj, field).translation_key)
        if choice is not None:
            setattr(obj, field, choice[1])
        elif not required:
            setattr(obj, field, None)


def attach_locale(objects: list[Served], context: LocaleContext) -> list[Served]:
    """Set each object's ``locale`` from the context (no query) and flag the fallbacks.

    The context stays on the object (``locale_context``) for the resolvers of its relations.
    """
    locales = {context.requested.pk: context.requested, context.default.pk: context.default}
    for obj in objects:
        obj.locale_context = context
        locale = locales.get(obj.locale_id)
        if locale is not None:
            obj.locale = locale
        obj.is_fallback = obj.locale_id != context.requested.pk
    return objects


class InvalidArgument(ValueError):
    """A public-API argument that can't be served; ``argument`` names it for the client."""

    def __init__(self, message: str, argument: str | None = None):
        super().__init__(message)
        self.argument = argument
