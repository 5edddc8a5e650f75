"""The demo site's seeder: vocabularies, organisations, cities, pages, media and toolboxes,
then the listings, the panels and the translations, each created only when missing."""

import random
import uuid
from collections import Counter
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site, TranslatableMixin

from api.models import CityNotice, CitySettings
from cms.core.models import (
    Audience,
    City,
    ContentWarning,
    HomePage,
    PartnerOrganisation,
    SafetySettings,
)
from cms.demo.content import Ref, files, safety, stable_uuid, toolboxes, vocabularies
from cms.demo.content import safe_spaces as safe_space_data
from cms.demo.listings import ListingSeeder
from cms.demo.panels import PanelSeeder
from cms.demo.seeding import clean_streams, publish
from cms.demo.translation import TranslationSeeder
from safe_spaces.models import (
    ServiceCategory,
)
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage

WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


class DemoSeeder:
    """Creates the demo content that is missing; counts what it created and what it found."""

    def __init__(self, rng: random.Random, locale: Locale):
        self.rng = rng
        self.locale = locale
        self.created: Counter[str] = Counter()
        self.present: Counter[str] = Counter()
        self.refs: dict[tuple[str, str], Any] = {}

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

    def vocabulary(self, model: type[TranslatableMixin], rows: list[tuple[str, str, str]]) -> dict:
        terms = {}
        label = str(model._meta.verbose_name_plural)
        for code, name, description in rows:
            term = model.objects.filter(code=code, locale=self.locale).first()
            created = term is None
            if term is None:
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
            if organisation is None:
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
            if city is None:
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
        if home is None:
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
        if index is None:
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
        if page is None:
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
        if page is None:
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
            if image is None:
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
            if document is None:
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

    def link_cities_to_toolboxes(self, cities: dict[str, City], pages: dict) -> None:
        """Point each city at its toolbox, unless an editor already set one."""
        for slug, data in vocabularies.CITIES.items():
            city = cities[slug]
            if city.toolbox_id is None and data.get("toolbox") in pages:
                city.toolbox = pages[data["toolbox"]]
                city.full_clean()
                city.save(update_fields=["toolbox"])
                self.created["city-toolbox links"] += 1

    def safety(self, cities: dict[str, City]) -> None:
        """The site's notices when empty, and each partner city's settings when it has none:
        an editor's changes are kept."""
        site = SafetySettings.load()
        if not site.safety_notice and not site.privacy_notice:
            for name, value in safety.SITE.items():
                setattr(site, name, value)
            site.full_clean()
            site.save()
            self.created["site safety settings"] += 1
        for slug, data in safety.CITIES.items():
            own, created = CitySettings.objects.get_or_create(
                city=cities[slug], defaults={"quick_exit_url": data["quick_exit_url"]}
            )
            self._tally("city settings", created)
            if created:
                for locale, notices in data["notices"].items():
                    CityNotice.objects.create(settings=own, locale=locale, **notices)

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
        listings = ListingSeeder(self.locale, self._tally, self.refs)
        for data in safe_space_data.SAFE_SPACES:
            listings.safe_space(data, refs)
        for key, data in safe_space_data.HELPLINES.items():
            listings.helpline(key, data, refs)
        pages: dict[str, ToolboxPage] = {
            data["slug"]: self.toolbox(index, data, refs) for data in toolboxes.TOOLBOXES
        }
        self.link_cities_to_toolboxes(refs["cities"], pages)
        self.safety(refs["cities"])
        partner_cities = [refs["cities"][slug] for slug in vocabularies.PARTNER_CITY_SLUGS]
        PanelSeeder(self._tally).run(pages, partner_cities)
        TranslationSeeder(self._tally).run(pages)
