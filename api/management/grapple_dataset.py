"""The dataset the wagtail-grapple baseline is loaded with (``bench/grapple_site``): the rows
our benchmark's Q1 and Q2 read, exported from the benchmark's database in the stored form the
baseline's loader (``load_dataset``) takes, so that both sides serve the same data.
"""

from __future__ import annotations

import base64
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from api.locales import resolve_locale
from api.public import published
from api.public.safe_spaces import public_safe_spaces
from cms.core.models import Audience, City, PartnerOrganisation
from safe_spaces.models import ServiceCategory
from toolbox_pages.models import ToolboxPage

DATASET_FORMAT = 1

# The block kinds the baseline's module bodies have (bench/grapple_site/content/blocks.py).
# Blocks of other kinds are left out of its dataset; our Q1 selects no field of theirs but
# their id and type.
BLOCK_KINDS = frozenset(
    {
        "heading",
        "paragraph",
        "callout",
        "image",
        "exercise",
        "referral_pathway",
        "testimony_quote",
        "questions_answers",
    }
)


def q1_toolbox() -> ToolboxPage | None:
    """The toolbox our Q1 reads (``bench_api``): the first live one in tree order."""
    return ToolboxPage.objects.live().order_by("path").first()


def export_dataset(toolbox: ToolboxPage) -> dict[str, Any]:
    """What the baseline is loaded with: Q1's toolbox and its modules (those our APIs serve,
    bodies in their stored form, blocks of the baseline's kinds), the images they show, and
    every safe space our APIs serve in the default language, with its parts, cities and terms.

    Deterministic: the same database gives the same document, so the baseline's loader can
    tell from its digest that it holds it already.
    """
    context = resolve_locale(None)
    modules = list(toolbox.live_modules())
    image_ids: set[int] = set()
    exported_modules = []
    for module in modules:
        body = [block for block in module.body.raw_data if block["type"] in BLOCK_KINDS]
        image_ids.update(
            int(block["value"]["image"])
            for block in body
            if block["type"] == "image" and block["value"].get("image")
        )
        exported_modules.append(
            {
                "title": module.title,
                "slug": module.slug,
                "summary": module.summary,
                "duration_minutes": module.duration_minutes,
                "body": body,
            }
        )
    partners = published(PartnerOrganisation).filter(toolboxes=toolbox).order_by("name")
    spaces = (
        public_safe_spaces(context)
        .select_related("city")
        .prefetch_related("categories", "audiences", "phones", "regular_schedule")
        .order_by("pk")
    )
    exported_spaces = [_safe_space(space) for space in spaces.iterator(chunk_size=2000)]
    cities = {space["city"] for space in exported_spaces}
    return {
        "format": DATASET_FORMAT,
        "toolbox": {
            "title": toolbox.title,
            "slug": toolbox.slug,
            "summary": toolbox.summary,
            "focus": toolbox.focus,
            "partners": [partner.name for partner in partners],
            "modules": exported_modules,
        },
        "images": _images(image_ids),
        "cities": [
            {
                "slug": city.slug,
                "name": city.name,
                "country": city.country,
                "timezone": city.timezone,
            }
            for city in _cities(context, cities)
        ],
        "categories": _terms(ServiceCategory, context),
        "audiences": _terms(Audience, context),
        "safe_spaces": exported_spaces,
    }


def _images(ids: set[int]) -> dict[str, dict[str, Any]]:
    from wagtail.images import get_image_model

    images = {}
    for image in get_image_model().objects.filter(pk__in=ids).order_by("pk"):
        images[str(image.pk)] = {
            "title": image.title,
            "file_name": Path(image.file.name).name,
            "content": base64.b64encode(_image_bytes(image)).decode("ascii"),
        }
    return images


def _image_bytes(image) -> bytes:
    """The image's file, or a plain PNG of its size when the file is not on this machine.

    The benchmark's database may have been seeded from another checkout, whose media folder
    holds the files; a picture of the same size costs the baseline the same to resize.
    """
    try:
        with image.file.open("rb") as file:
            return file.read()
    except OSError:
        from PIL import Image as PillowImage

        buffer = io.BytesIO()
        PillowImage.new("RGB", (image.width, image.height), (200, 200, 200)).save(buffer, "PNG")
        return buffer.getvalue()


def _cities(context, slugs: set[str]):
    return published(City).filter(locale=context.requested, slug__in=slugs).order_by("slug")


def _terms(model, context) -> list[dict[str, str]]:
    return [
        {"code": code, "name": name}
        for code, name in published(model)
        .filter(locale=context.requested)
        .order_by("code")
        .values_list("code", "name")
    ]


_SAFE_SPACE_FIELDS = (
    "name",
    "operated_by",
    "description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "free_of_charge",
    "languages",
    "accessibility",
    "address_1",
    "postal_code",
    "locality",
    "latitude",
    "longitude",
    "confidential_location",
    "public_contact_name",
    "public_contact_phone",
    "public_contact_email",
    "status",
    "alert",
    "verified_on",
)


def _safe_space(space) -> dict[str, Any]:
    row: dict[str, Any] = {field: _plain(getattr(space, field)) for field in _SAFE_SPACE_FIELDS}
    row["translation_key"] = str(space.translation_key)
    row["city"] = space.city.slug
    row["categories"] = sorted(term.code for term in space.categories.all())
    row["audiences"] = sorted(term.code for term in space.audiences.all())
    row["phones"] = [
        {"number": phone.number, "type": phone.type, "description": phone.description}
        for phone in sorted(space.phones.all(), key=lambda phone: (phone.sort_order, phone.pk))
    ]
    row["opening_hours"] = [
        {
            "weekday": hours.weekday,
            "opens_at": _plain(hours.opens_at),
            "closes_at": _plain(hours.closes_at),
        }
        for hours in sorted(
            space.regular_schedule.all(), key=lambda hours: (hours.sort_order, hours.pk)
        )
    ]
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def write_dataset(dataset: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dataset, sort_keys=True, separators=(",", ":")))
