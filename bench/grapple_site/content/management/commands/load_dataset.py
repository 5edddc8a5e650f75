"""Load the benchmark's dataset (written by Equalcity's ``manage.py bench_grapple``).

The rows are replaced as a whole, in one transaction; a file already loaded (same SHA-256) is
skipped, so a second run costs a read of the file.
"""

import base64
import datetime
import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from content.models import (
    Audience,
    City,
    DatasetLoad,
    ModulePage,
    OpeningHours,
    PartnerOrganisation,
    SafeSpace,
    SafeSpacePhone,
    ServiceCategory,
    ToolboxPage,
)

FORMAT = 1
BATCH = 2000


class Command(BaseCommand):
    help = "Replace the content with the benchmark's dataset (skipped when loaded already)."

    def add_arguments(self, parser):
        parser.add_argument("dataset", type=Path)

    def handle(self, *args, **options):
        raw = options["dataset"].read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if DatasetLoad.objects.filter(digest=digest).exists():
            self.stdout.write(f"Dataset {digest[:12]} is loaded already.")
            return
        dataset = json.loads(raw)
        if dataset.get("format") != FORMAT:
            raise CommandError(
                f"Dataset format {dataset.get('format')!r}; this loader reads {FORMAT}."
            )
        with transaction.atomic():
            self._clear()
            self._toolbox(dataset)
            spaces = self._safe_spaces(dataset)
            DatasetLoad.objects.create(digest=digest)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded dataset {digest[:12]}: {len(dataset['toolbox']['modules'])} modules, "
                f"{spaces} safe spaces."
            )
        )

    def _clear(self) -> None:
        for toolbox in ToolboxPage.objects.all():
            toolbox.delete()
        SafeSpace.objects.all().delete()
        for model in (City, ServiceCategory, Audience, PartnerOrganisation, DatasetLoad):
            model.objects.all().delete()
        get_image_model().objects.all().delete()

    def _toolbox(self, dataset: dict) -> None:
        images = {}
        for key, image in dataset["images"].items():
            content = base64.b64decode(image["content"])
            created = get_image_model()(
                title=image["title"], file=ImageFile(io.BytesIO(content), name=image["file_name"])
            )
            created.save()
            images[key] = created.pk
        data = dataset["toolbox"]
        home = Page.objects.get(depth=2)
        toolbox = home.add_child(
            instance=ToolboxPage(
                title=data["title"], slug=data["slug"], summary=data["summary"], focus=data["focus"]
            )
        )
        toolbox.partner_organisations.set(
            PartnerOrganisation.objects.create(name=name) for name in data["partners"]
        )
        toolbox.save()
        for module in data["modules"]:
            for block in module["body"]:
                if block["type"] == "image":
                    block["value"]["image"] = images[str(block["value"]["image"])]
            toolbox.add_child(
                instance=ModulePage(
                    title=module["title"],
                    slug=module["slug"],
                    summary=module["summary"],
                    duration_minutes=module["duration_minutes"],
                    body=module["body"],
                )
            )

    def _safe_spaces(self, dataset: dict) -> int:
        locale = Locale.get_default()
        cities = {row["slug"]: City.objects.create(**row) for row in dataset["cities"]}
        categories = {
            row["code"]: ServiceCategory.objects.create(**row) for row in dataset["categories"]
        }
        audiences = {row["code"]: Audience.objects.create(**row) for row in dataset["audiences"]}
        rows = dataset["safe_spaces"]
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            spaces = SafeSpace.objects.bulk_create(
                SafeSpace(locale=locale, **_space_fields(row, cities)) for row in batch
            )
            SafeSpacePhone.objects.bulk_create(
                SafeSpacePhone(safe_space=space, sort_order=order, **phone)
                for space, row in zip(spaces, batch, strict=True)
                for order, phone in enumerate(row["phones"])
            )
            OpeningHours.objects.bulk_create(
                OpeningHours(
                    safe_space=space,
                    sort_order=order,
                    weekday=hours["weekday"],
                    opens_at=datetime.time.fromisoformat(hours["opens_at"]),
                    closes_at=datetime.time.fromisoformat(hours["closes_at"]),
                )
                for space, row in zip(spaces, batch, strict=True)
                for order, hours in enumerate(row["opening_hours"])
            )
            SafeSpace.categories.through.objects.bulk_create(
                SafeSpace.categories.through(
                    safespace_id=space.pk, servicecategory_id=categories[code].pk
                )
                for space, row in zip(spaces, batch, strict=True)
                for code in row["categories"]
            )
            SafeSpace.audiences.through.objects.bulk_create(
                SafeSpace.audiences.through(safespace_id=space.pk, audience_id=audiences[code].pk)
                for space, row in zip(spaces, batch, strict=True)
                for code in row["audiences"]
            )
        return len(rows)


def _space_fields(row: dict, cities: dict) -> dict:
    fields = {
        key: value
        for key, value in row.items()
        if key not in {"city", "categories", "audiences", "phones", "opening_hours"}
    }
    fields["city"] = cities[row["city"]]
    for key in ("latitude", "longitude"):
        if fields[key] is not None:
            fields[key] = Decimal(fields[key])
    if fields["verified_on"]:
        fields["verified_on"] = datetime.date.fromisoformat(fields["verified_on"])
    return fields
