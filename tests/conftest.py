"""Fixtures shared by the whole suite: a real English content tree and an admin client."""

import pytest
from wagtail.models import Locale, Page, Site

from cms.core.models import HomePage
from toolbox_pages.models import ToolboxIndexPage


@pytest.fixture
def locale_en(db) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home_page(locale_en) -> HomePage:
    """The English home page, as the default site's root (replacing Wagtail's welcome page)."""
    root = Page.get_first_root_node()
    home = HomePage(title="Equalcity", slug="equalcity", locale=locale_en)
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Equalcity"},
    )
    return home


@pytest.fixture
def toolbox_index(home_page) -> ToolboxIndexPage:
    index = ToolboxIndexPage(title="Toolboxes", slug="toolboxes")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="correct-horse-battery"
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
