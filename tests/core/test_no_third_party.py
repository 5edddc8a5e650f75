"""The admin shows its own default avatar: no page of it asks Gravatar (or anyone else) for
one, which would tell a third party, by a hash of their email, who signs in."""

import re

import pytest
from django.urls import reverse
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
from wagtail.models import Comment

from tests.test_settings import PRODUCTION_ENV, _run

pytestmark = pytest.mark.django_db

DEFAULT_AVATAR = versioned_static("wagtailadmin/images/default-user-avatar.png")


def test_a_user_with_an_email_gets_the_local_default_avatar(admin_user):
    assert admin_user.email
    assert avatar_url(admin_user) == DEFAULT_AVATAR
    assert avatar_url(admin_user, size=25, gravatar_only=True) == DEFAULT_AVATAR


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("wagtailadmin_home", ()),
        ("wagtailadmin_account", ()),
        ("wagtailusers_users:index", ()),
        ("wagtailadmin_pages:edit", ("module",)),
        ("wagtailadmin_pages:history", ("module",)),
        ("wagtailadmin_pages:workflow_history", ("module",)),
    ],
)
def test_admin_pages_name_no_avatar_service(admin_client, admin_user, module, url_name, args):
    Comment.objects.create(page=module, user=admin_user, text="Clear?", contentpath="title")
    url = reverse(url_name, args=[module.pk for _ in args])

    response = admin_client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "gravatar" not in html.lower()
    # The sidebar's account menu (and, in the editor, the comment's author) carry the default.
    assert re.search(re.escape(DEFAULT_AVATAR), html)


@pytest.mark.parametrize("module", ["dev", "production"])
def test_wagtail_calls_no_third_party_service_in_any_environment(module):
    """No avatar service, no release check or "what's new" feed, no machine translator."""
    names = (
        "WAGTAIL_GRAVATAR_PROVIDER_URL",
        "WAGTAIL_ENABLE_UPDATE_CHECK",
        "WAGTAIL_ENABLE_WHATS_NEW_BANNER",
        "WAGTAILLOCALIZE_MACHINE_TRANSLATOR",
    )
    code = f"from cms.settings import {module} as s; print([getattr(s, n) for n in {names!r}])"

    result = _run(["-c", code], PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[None, False, False, None]"
