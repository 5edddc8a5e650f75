"""The references of StreamField bodies, loaded for a whole response: the images, documents,
page links, helplines and safe spaces the bodies refer to, only live and public ones; one
query per kind, whatever the number of pages."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Exists,
    OuterRef,
    QuerySet,
)
from django.db.models.functions import Left, Length
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    TranslatableMixin,
)

from api.locales import LocaleContext
from api.public import (
    attach_locale,
)
from api.public.cities import public_helplines
from api.public.pages import public_pages, public_url_path
from api.public.safe_spaces import public_safe_spaces
from api.public.shapes import safe_space_representation
from api.representations import (
    IMAGE_SIZES,
    ReferenceIds,
    References,
    document_representation,
    helpline_representation,
    image_representation,
)
from api.surrogate import note, object_key, page_key


def load_references(
    ids: ReferenceIds, context: LocaleContext, known: References | None = None
) -> References:
    """Load what ``ids`` names, one query per kind with anything to load; merge into ``known``.

    Only live, public targets are kept: a missing key means "don't link, don't show".
    """
    refs = known or References()
    ids = ids.without(refs)
    if ids.images:
        refs.images.update(_load_images(ids.images))
    if ids.documents:
        refs.documents.update(_load_documents(ids.documents))
    if ids.pages:
        refs.page_urls.update(_load_page_urls(ids.pages, context))
    if ids.helplines:
        refs.helplines.update(_load_helplines(ids.helplines, context))
    if ids.safe_spaces:
        refs.safe_spaces.update(_load_safe_spaces(ids.safe_spaces, context))
    refs.requested.update(ids.all_keys())
    return refs


def _load_images(ids: set[int]) -> dict[int, dict[str, Any]]:
    """Images with their renditions in every allowed size: one query once renditions exist."""
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    specs = list(IMAGE_SIZES.values())
    renditions = rendition_model.objects.filter(
        image_id__in=ids, filter_spec__in=specs
    ).select_related("image")
    images: dict[int, Any] = {}
    by_image: dict[int, dict[str, Any]] = {}
    for rendition in renditions:
        images[rendition.image_id] = rendition.image
        by_image.setdefault(rendition.image_id, {})[rendition.filter_spec] = rendition
    incomplete = {pk for pk in ids if len(by_image.get(pk, {})) < len(specs)}
    if incomplete:
        # First request after an upload: generate the missing sizes once.
        for image in image_model.objects.filter(pk__in=incomplete):
            images[image.pk] = image
            by_image[image.pk] = dict(image.get_renditions(*specs))
    return {pk: image_representation(images[pk], by_image[pk]) for pk in images if pk in by_image}


def _load_documents(ids: set[int]) -> dict[int, dict[str, Any]]:
    """Documents outside restricted collections."""
    restricted = Collection.objects.filter(
        Exists(CollectionViewRestriction.objects.filter(collection_id=OuterRef("pk")))
    )
    private = Exists(restricted.filter(path=Left(OuterRef("collection__path"), Length("path"))))
    documents = get_document_model().objects.filter(pk__in=ids).exclude(private)
    return {document.pk: document_representation(document) for document in documents}


def _load_page_urls(ids: set[int], context: LocaleContext) -> dict[int, str]:
    urls: dict[int, str] = {}
    note(*(page_key(pk) for pk in ids))
    pages = public_pages(Page, context, every_locale=True).filter(pk__in=ids)
    for page in pages.only("path", "url_path", "locale_id"):
        path = public_url_path(page, context)
        if path is not None:
            urls[page.pk] = path
    return urls


def _load_helplines(ids: set[Any], context: LocaleContext) -> dict[str, dict[str, Any]]:
    from safe_spaces.models import Helpline

    rows = _by_reference_one_query(public_helplines(context), Helpline, ids, context)
    return {pk: helpline_representation(row) for pk, row in rows.items()}


def _load_safe_spaces(ids: set[Any], context: LocaleContext) -> dict[str, dict[str, Any]]:
    from safe_spaces.models import SafeSpace

    rows = _by_reference_one_query(public_safe_spaces(context), SafeSpace, ids, context)
    return {pk: safe_space_representation(row) for pk, row in rows.items()}


def _by_reference_one_query(
    base: QuerySet, model: type[TranslatableMixin], ids: set[Any], context: LocaleContext
) -> dict[str, Any]:
    """Referenced snippets as served in the requested locale (or the default), keyed by the
    referenced pk as a string; one query.

    ``base`` is the snippet domain's public queryset: a reference whose family has no version
    there (a draft, an unpublished or a deleted snippet) resolves to nothing. Different
    language versions of one snippet may be referenced in one response: each reference is
    matched to its family by translation key.
    """
    valid = _valid_pks(model, ids)
    if not valid:
        return {}
    keys = model.objects.filter(pk__in=valid).values("translation_key")
    served = base.filter(translation_key__in=keys)
    # Every language version of the referenced families (a few rows, by the translation-key
    # index), each flagged when it is the version to serve. An OR of the referenced and the
    # served keys instead would make PostgreSQL scan the whole table.
    rows = list(
        model.objects.filter(translation_key__in=keys)
        .annotate(api_served=Exists(served.filter(pk=OuterRef("pk"))))
        .select_related(*_SNIPPET_RELATIONS.get(model.__name__, ()))
    )
    key_of = {row.pk: row.translation_key for row in rows}
    note(*(object_key(key) for key in key_of.values()))
    by_key = {row.translation_key: row for row in rows if row.api_served}
    attach_locale(list(by_key.values()), context)
    result: dict[str, Any] = {}
    for pk in valid:
        key = key_of.get(pk)
        if key is not None and key in by_key:
            result[str(pk)] = by_key[key]
    return result


_SNIPPET_RELATIONS: dict[str, tuple[str, ...]] = {}


def _valid_pks(model: type[TranslatableMixin], ids: set[Any]) -> list[Any]:
    field = model._meta.pk
    valid = []
    for value in ids:
        try:
            valid.append(field.to_python(value))
        except Exception:  # noqa: BLE001, S112 - a malformed stored id references nothing
            continue
    return valid
