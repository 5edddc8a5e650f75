"""``manage.py seed_demo``: the demo site editors and app developers try things on.

It creates the English home page and toolbox index, the vocabularies, partner organisations,
cities, safe spaces, helplines, images, documents and the four toolboxes with their modules,
all from the data modules in ``toolbox_pages/demo_content`` and ``safe_spaces/demo_content``;
then the expert panels, their pseudonymous demo members and workflows, and one module under
review (``cms/panels/demo.py``); then the language reviews and the demo translations
(``cms/translation/demo.py``).

Idempotent: an object that already exists (found by its slug, code, name or stable UUID) is
left exactly as it is, so a re-run creates no row, revision or log entry, and never undoes an
editor's change. Deterministic: keys give fixed UUIDs, and StreamField block ids are drawn from
``random.Random(--seed)``, so a fresh database always receives the same content.
"""

import datetime
import random
import uuid
from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import models, transaction
from wagtail.blocks import StreamBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms.core.models import Audience, City, ContentWarning, HomePage, PartnerOrganisation
from cms.panels.demo import PanelSeeder
from cms.translation.demo import TranslationSeeder
from safe_spaces import demo_content as safe_space_data
from safe_spaces.models import (
    Helpline,
    OpeningHours,
    SafeSpace,
    SafeSpacePhone,
    ScheduleException,
    ServiceCategory,
)
from toolbox_pages.demo_content import Ref, files, stable_uuid, toolboxes, vocabularies
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage

WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


def _time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def clean_streams(instance: models.Model, *field_names: str) -> None:
    """Run the block validation of StreamFields, which ``full_clean()`` does not do."""
    for name in field_names:
        field = instance._meta.get_field(name)
        try:
            field.stream_block.clean(getattr(instance, name))
        except StreamBlockValidationError as error:
            # The bare message says only "Validation error in StreamBlock"; name the block.
            raise ValidationError(f"{instance} {name}: {error.as_json_data()}") from error


def publish(instance) -> None:
    """Save a revision of a page or snippet and publish it, as an editor's publish would."""
    instance.save_revision().publish()


class DemoSeeder:
    """Creates the demo content that is missing; counts what it created and what it found."""

    def __init__(self, rng: random.Random, locale: Locale):
        self.rng = rng
        self.locale = locale
        self.created: Counter[str] = Counter()
        self.present: Counter[str] = Counter()
        self.refs: dict[tuple[str, str], object] = {}

    # --- helpers -----------------------------------------------------------------------------

    def _tally(self, label: str, created: bool) -> None:
        (self.created if created else self.present)[label] += 1

    def _block_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _resolve(self, value):
        """Replace :class:`Ref` values by primary keys, the raw form chooser blocks store."""
        if isinstance(value, Ref):
            return self.refs[(value.kind, value.key)].pk
        if isinstance(value, dict):
            return {key: self._list_items(self._resolve(item)) for key, item in value.items()}
        if isinstance(value, list):
            return [self._resolve(item) for item in value]
        return value

    def _list_items(self, value):
        # ListBlock items get ids too, so a fresh database gets identical block data.
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            return [{"type": "item", "value": item, "id": self._block_id()} for item in value]
        return value

    def stream(self, blocks: list[tuple[str, object]]) -> list[dict]:
        return [
            {"type": name, "value": self._resolve(value), "id": self._block_id()}
            for name, value in blocks
        ]

    # --- vocabularies, organisations, cities -------------------------------------------------

    def vocabulary(self, model: type[models.Model], rows: list[tuple[str, str, str]]) -> dict:
        terms = {}
        label = model._meta.verbose_name_plural
        for code, name, description in rows:
            term = model.objects.filter(code=code, locale=self.locale).first()
            created = term is None
            if created:
                term = model(
                    code=code,
                    name=name,
                    description=description,
                    locale=self.locale,
                    translation_key=stable_uuid(model._meta.label_lower, code),
                )
                term.full_clean()
                term.save()
            self._tally(label, created)
            terms[code] = term
        return terms

    def organisations(self) -> dict[str, PartnerOrganisation]:
        found = {}
        for key, data in vocabularies.ORGANISATIONS.items():
            organisation = PartnerOrganisation.objects.filter(
                models.Q(translation_key=stable_uuid("organisation", key))
                | models.Q(name=data["name"]),
                locale=self.locale,
            ).first()
            created = organisation is None
            if created:
                organisation = PartnerOrganisation(
                    locale=self.locale, translation_key=stable_uuid("organisation", key), **data
                )
                organisation.full_clean()
                organisation.save()
            self._tally("partner organisations", created)
            found[key] = organisation
        return found

    def cities(self) -> dict[str, City]:
        found = {}
        for slug, data in vocabularies.CITIES.items():
            city = City.objects.filter(slug=slug, locale=self.locale).first()
            created = city is None
            if created:
                city = City(
                    slug=slug,
                    locale=self.locale,
                    translation_key=stable_uuid("city", slug),
                    name=data["name"],
                    country=data["country"],
                    timezone=data["timezone"],
                    role=data["role"],
                    languages=data["languages"],
                    emergency_numbers=self.stream(
                        [
                            ("number", {"label": label, "number": number})
                            for label, number in data["emergency_numbers"]
                        ]
                    ),
                )
                city.full_clean()
                clean_streams(city, "emergency_numbers")
                city.save()
            self._tally("cities", created)
            found[slug] = city
        return found

    # --- pages -------------------------------------------------------------------------------

    def home_and_index(self) -> ToolboxIndexPage:
        root = Page.get_first_root_node()
        data = toolboxes.HOME_PAGE
        home = HomePage.objects.child_of(root).filter(slug=data["slug"]).first()
        created = home is None
        if created:
            home = HomePage(
                locale=self.locale,
                translation_key=stable_uuid("page", data["slug"]),
                **data,
            )
            root.add_child(instance=home)
            publish(home)
        self._tally("home pages", created)
        self.point_default_site_at(home)

        data = toolboxes.TOOLBOX_INDEX_PAGE
        index = ToolboxIndexPage.objects.child_of(home).filter(slug=data["slug"]).first()
        created = index is None
        if created:
            index = ToolboxIndexPage(
                translation_key=stable_uuid("page", f"{home.slug}/{data['slug']}"), **data
            )
            home.add_child(instance=index)
            publish(index)
        self._tally("toolbox indexes", created)
        return index

    def point_default_site_at(self, home: HomePage) -> None:
        """Make the home page the default site's root and drop Wagtail's untouched welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Equalcity",
            )
            site.full_clean()
            site.save()
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site.site_name or "Equalcity"
            site.full_clean()
            site.save()
        # Only the page Wagtail's migration creates: a plain Page, never edited, no children.
        welcome = (
            Page.objects.child_of(Page.get_first_root_node())
            .filter(
                title=WELCOME_PAGE_TITLE,
                content_type__app_label="wagtailcore",
                content_type__model="page",
                numchild=0,
            )
            .exclude(sites_rooted_here__isnull=False)
            .first()
        )
        if welcome is not None:
            welcome.delete()

    def toolbox(self, index: ToolboxIndexPage, data: dict, refs: dict) -> ToolboxPage:
        page = ToolboxPage.objects.child_of(index).filter(slug=data["slug"]).first()
        created = page is None
        if created:
            page = ToolboxPage(
                title=data["title"],
                slug=data["slug"],
                translation_key=stable_uuid("page", f"toolboxes/{data['slug']}"),
                summary=data["summary"],
                focus=data["focus"],
                sensitivity=data["sensitivity"],
                lead_city=refs["cities"][data["lead_city"]],
                cover_image=self.refs.get(("image", data.get("cover_image", ""))),
                cover_image_alt=data.get("cover_image_alt", ""),
                body=self.stream(data["body"]),
            )
            page.partner_organisations = [refs["organisations"][k] for k in data["partners"]]
            page.audiences = [refs["audiences"][code] for code in data["audiences"]]
            page.content_warnings = [refs["warnings"][c] for c in data["content_warnings"]]
            clean_streams(page, "body")
            index.add_child(instance=page)  # Page.save() runs full_clean()
            publish(page)
        self._tally("toolboxes", created)
        for module in data["modules"]:
            self.module(page, module, refs)
        return page

    def module(self, toolbox: ToolboxPage, data: dict, refs: dict) -> ModulePage:
        page = ModulePage.objects.child_of(toolbox).filter(slug=data["slug"]).first()
        created = page is None
        if created:
            page = ModulePage(
                title=data["title"],
                slug=data["slug"],
                translation_key=stable_uuid("page", f"toolboxes/{toolbox.slug}/{data['slug']}"),
                summary=data["summary"],
                duration_minutes=data["duration_minutes"],
                learning_objectives=self.stream(
                    [("objective", text) for text in data["learning_objectives"]]
                ),
                body=self.stream(data["body"]),
            )
            page.audiences = [refs["audiences"][code] for code in data["audiences"]]
            page.content_warnings = [refs["warnings"][c] for c in data["content_warnings"]]
            clean_streams(page, "learning_objectives", "body")
            toolbox.add_child(instance=page)
            publish(page)
        self._tally("modules", created)
        return page

    # --- media -------------------------------------------------------------------------------

    def images(self) -> None:
        image_model = get_image_model()
        for key, (title, description, drawing) in toolboxes.IMAGES.items():
            image = image_model.objects.filter(title=title).first()
            created = image is None
            if created:
                image = image_model(
                    title=title,
                    description=description,
                    file=ImageFile(ContentFile(files.png(drawing)), name=f"{key}.png"),
                )
                image.full_clean()
                image.save()
            self._tally("images", created)
            self.refs[("image", key)] = image

    def documents(self) -> None:
        document_model = get_document_model()
        for key, data in toolboxes.DOCUMENTS.items():
            document = document_model.objects.filter(title=data["title"]).first()
            created = document is None
            if created:
                content = (
                    files.pdf(data["title"], data["lines"])
                    if data["kind"] == "pdf"
                    else files.silent_mp3()
                )
                document = document_model(
                    title=data["title"], file=ContentFile(content, name=data["file_name"])
                )
                document.full_clean()
                document.save()
            self._tally("documents", created)
            self.refs[("document", key)] = document

    # --- safe spaces and helplines -------------------------------------------------------------

    def safe_space(self, data: dict, refs: dict) -> SafeSpace:
        # The translation key is the listing's public id: the same in every database.
        translation_key = stable_uuid("safe-space", data["key"])
        space = SafeSpace.objects.filter(
            translation_key=translation_key, locale=self.locale
        ).first()
        created = space is None
        if created:
            fields = {
                name: data[name]
                for name in (
                    "name",
                    "operated_by",
                    "description",
                    "languages",
                    "address_1",
                    "postal_code",
                    "locality",
                )
            }
            optional = {
                name: data[name]
                for name in (
                    "eligibility_description",
                    "minimum_age",
                    "maximum_age",
                    "fees_description",
                    "free_of_charge",
                    "interpretation_services",
                    "accessibility",
                    "application_process",
                    "transportation",
                    "confidential_location",
                    "public_contact_name",
                    "public_contact_phone",
                    "public_contact_email",
                    "email",
                    "status",
                    "alert",
                )
                if name in data
            }
            space = SafeSpace(
                translation_key=translation_key,
                locale=self.locale,
                city=refs["cities"][data["city"]],
                organization=refs["organisations"].get(data.get("organisation", "")),
                latitude=Decimal(str(data["latitude"])),
                longitude=Decimal(str(data["longitude"])),
                verified_on=_date(data["verified_on"]),
                verify_by=_date(data["verify_by"]),
                **fields,
                **optional,
            )
            space.categories = [refs["categories"][code] for code in data["categories"]]
            space.audiences = [refs["audiences"][code] for code in data["audiences"]]
            space.phones = [
                SafeSpacePhone(safe_space=space, number=number, type=kind, description=text)
                for number, kind, text in data["phones"]
            ]
            space.regular_schedule = [
                OpeningHours(
                    safe_space=space,
                    weekday=weekday,
                    opens_at=_time(opens),
                    closes_at=_time(closes),
                )
                for weekday, opens, closes in safe_space_data.HOURS[data["hours"]]
            ]
            space.schedule_exceptions = [
                ScheduleException(
                    safe_space=space,
                    valid_from=_date(start),
                    valid_to=_date(end),
                    closed=closed,
                    opens_at=_time(opens),
                    closes_at=_time(closes),
                    description=text,
                )
                for start, end, closed, opens, closes, text in data["exceptions"]
            ]
            space.full_clean()
            for relation in ("phones", "regular_schedule", "schedule_exceptions"):
                for order, child in enumerate(getattr(space, relation).all()):
                    child.sort_order = order
                    # The parent row doesn't exist yet; its key is checked when it is saved.
                    child.full_clean(exclude=["safe_space"])
            space.save()
            publish(space)
        self._tally("safe spaces", created)
        self.refs[("safe_space", data["key"])] = space
        return space

    def helpline(self, key: str, data: dict, refs: dict) -> Helpline:
        translation_key = stable_uuid("helpline", key)
        helpline = Helpline.objects.filter(
            translation_key=translation_key, locale=self.locale
        ).first()
        created = helpline is None
        if created:
            fields = {name: value for name, value in data.items() if name != "city"}
            helpline = Helpline(
                translation_key=translation_key,
                locale=self.locale,
                city=refs["cities"].get(data.get("city", "")),
                **fields,
            )
            helpline.full_clean()
            helpline.save()
            publish(helpline)
        self._tally("helplines", created)
        self.refs[("helpline", key)] = helpline
        return helpline

    # --- the whole site ----------------------------------------------------------------------

    def link_cities_to_toolboxes(self, cities: dict[str, City], pages: dict) -> None:
        """Point each city at its toolbox, unless an editor already set one."""
        for slug, data in vocabularies.CITIES.items():
            city = cities[slug]
            if city.toolbox_id is None and data.get("toolbox") in pages:
                city.toolbox = pages[data["toolbox"]]
                city.full_clean()
                city.save(update_fields=["toolbox"])
                self.created["city-toolbox links"] += 1

    def run(self) -> None:
        refs = {
            "audiences": self.vocabulary(Audience, vocabularies.AUDIENCES),
            "warnings": self.vocabulary(ContentWarning, vocabularies.CONTENT_WARNINGS),
            "categories": self.vocabulary(ServiceCategory, vocabularies.SERVICE_CATEGORIES),
            "organisations": self.organisations(),
            "cities": self.cities(),
        }
        index = self.home_and_index()
        self.images()
        self.documents()
        for data in safe_space_data.SAFE_SPACES:
            self.safe_space(data, refs)
        for key, data in safe_space_data.HELPLINES.items():
            self.helpline(key, data, refs)
        pages = {data["slug"]: self.toolbox(index, data, refs) for data in toolboxes.TOOLBOXES}
        self.link_cities_to_toolboxes(refs["cities"], pages)
        partner_cities = [refs["cities"][slug] for slug in vocabularies.PARTNER_CITY_SLUGS]
        PanelSeeder(self._tally).run(pages, partner_cities)
        TranslationSeeder(self._tally).run(pages)


class Command(BaseCommand):
    help = (
        "Create the demo content (toolboxes, modules, cities, safe spaces, helplines) and the "
        "expert panels with their workflows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Seed for the generated parts (StreamField block ids). Default: 2026.",
        )

    def handle(self, *args, seed: int, **options):
        seeder = DemoSeeder(random.Random(seed), Locale.objects.get(language_code="en"))
        with transaction.atomic():
            seeder.run()
        for label in sorted(set(seeder.created) | set(seeder.present)):
            self.stdout.write(
                self.style.SUCCESS(
                    f"{label}: {seeder.created[label]} created, "
                    f"{seeder.present[label]} already present"
                )
            )
