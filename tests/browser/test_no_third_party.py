"""Nothing anyone loads in the admin, its previews or GraphiQL contacts another origin.

An administrator, an editor, a panel member and a language reviewer each sign in and open the
screens they use; every request the browser makes to another origin than the app's is aborted
and recorded, and so is every resource the pages point at elsewhere (a lazy image not yet in
view, a stylesheet). Gravatar, which Wagtail calls for every avatar by default, would learn
from a hash of their email who sits on a panel or reviews a language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Comment, Locale, Workflow, WorkflowPage, WorkflowTask

from cms.core.factories import CityFactory
from cms.panels.factories import (
    ExpertPanelFactory,
    PanelMembershipFactory,
    PanelReviewTaskFactory,
    UserFactory,
)
from cms.panels.models import Constituency
from cms.translation.setup import ensure_language_review
from safe_spaces.factories import SafeSpaceFactory
from tests.browser.conftest import sign_in
from tests.browser.third_party import block_other_origins, origin
from tests.panels.conftest import member_user, submit
from tests.translation.conftest import (
    publish_in_editor,
    reviewer,
    submit_page,
    translate_strings,
    translated,
    translation_of,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "panel-member-password"  # noqa: S105 (UserFactory's)

# Resources a page loads by itself (links a person clicks are not in this list).
LOADED_RESOURCES = """() => {
    const urls = [];
    const loaded = "img[src], img[srcset], script[src], iframe[src], source[src], "
        + "source[srcset], video[src], video[poster], audio[src], embed[src], object[data], "
        + "input[type=image][src], "
        + "link[href]:is([rel~=stylesheet], [rel~=icon], [rel~=preload], [rel~=prefetch], "
        + "[rel~=preconnect], [rel~=dns-prefetch], [rel~=modulepreload], [rel~=manifest])";
    for (const element of document.querySelectorAll(loaded)) {
        for (const url of [element.src, element.href, element.poster, element.data]) {
            if (typeof url === "string" && url) urls.push(url);
        }
        for (const candidate of (element.srcset || "").split(",").filter(Boolean)) {
            urls.push(new URL(candidate.trim().split(/\\s+/)[0], document.baseURI).href);
        }
    }
    return urls;
}"""


@dataclass
class Visit:
    name: str
    url: str
    title: str  # what the page's title says once it has opened


@pytest.fixture
def world(client, module, django_user_model):
    """The module under its panel's review (with an editor's comment), a safe space, and the
    module's French translation under language review; one user per role."""
    admin = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password=PASSWORD
    )
    editor = UserFactory(username="editor", email="editor@example.org")
    editor.groups.add(Group.objects.get(name="Editors"))
    for codename in ("add_safespace", "change_safespace"):
        editor.user_permissions.add(Permission.objects.get(codename=codename))

    panel = ExpertPanelFactory(name="Luxembourg toolbox panel")
    panel.toolboxes = [module.get_parent().specific]
    panel.save()
    survivor = member_user("member-survivor", "Realname", "Surname")
    PanelMembershipFactory(panel=panel, user=survivor, constituency=Constituency.SURVIVOR)
    task = PanelReviewTaskFactory(name="Panel review", panel=panel, members=[])
    workflow = Workflow.objects.create(name="Toolbox panel review: Luxembourg")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=module.get_parent(), workflow=workflow)
    task_state = submit(module, editor, title="Revised title")
    Comment.objects.create(
        page=module, user=editor, text="Is this title clear?", contentpath="title"
    )

    space = SafeSpaceFactory(city=CityFactory(), name="Health centre Midi")

    fr = Locale.objects.get(language_code="fr")
    review = ensure_language_review(fr)
    fr_reviewer = reviewer("reviewer-fr", review)
    submit_page(client, admin, module, fr)
    translate_strings(translation_of(module, fr), lambda s: f"FR {s}")
    french = translated(module, fr)
    publish_in_editor(client, admin, french)
    client.logout()
    assert french.current_workflow_task_state.task.specific == review.task

    common = [
        Visit("dashboard", reverse("wagtailadmin_home"), "Dashboard"),
        Visit("account", reverse("wagtailadmin_account"), "Account"),
    ]
    admin_and_editor = [
        Visit(
            "page editor",
            reverse("wagtailadmin_pages:edit", args=[module.pk]),
            "Editing Module: Revised title",
        ),
        Visit(
            "workflow history",
            reverse("wagtailadmin_pages:workflow_history", args=[module.pk]),
            "Workflow history: Revised title",
        ),
        Visit(
            "history",
            reverse("wagtailadmin_pages:history", args=[module.pk]),
            "History: Revised title",
        ),
        Visit(
            "preview",
            reverse("wagtailadmin_pages:view_draft", args=[module.pk]),
            "Revised title · Equalcity",
        ),
        Visit(
            "snippet editor",
            reverse("wagtailsnippets_safe_spaces_safespace:edit", args=[space.pk]),
            "Editing: Health centre Midi",
        ),
    ]
    translation_editor = Visit(
        "translation editor",
        reverse("wagtailadmin_pages:edit", args=[french.pk]),
        "Translation of Responding to a disclosure into French",
    )
    review_screens = [
        Visit(
            "panel review",
            reverse("panels:review", args=[task_state.pk]),
            "Panel review: Revised title",
        ),
        Visit(
            "panel review preview",
            reverse("panels:review_preview", args=[task_state.pk]),
            "Revised title · Equalcity",
        ),
    ]
    administration = [
        Visit("users", reverse("wagtailusers_users:index"), "Users"),
        Visit("published page", module.url, "Responding to a disclosure · Equalcity"),
    ]
    return {
        "administrator": (
            admin,
            common + admin_and_editor + [translation_editor] + administration,
        ),
        "editor": (editor, common + admin_and_editor),
        "panel member": (survivor, common + review_screens),
        "language reviewer": (fr_reviewer, common + [translation_editor]),
    }


def reports(page) -> list[str]:
    """The addresses under the sidebar's Reports menu (none when the role has no report)."""
    page.goto("/admin/", wait_until="networkidle")
    menu = page.get_by_role("navigation", name="Main menu").get_by_role("button", name="Reports")
    if menu.count() == 0:
        return []
    menu.click()
    links = page.locator(".sidebar-sub-menu-panel:visible a")
    links.first.wait_for()
    return links.evaluate_all("links => links.map(link => link.getAttribute('href'))")


def elsewhere(page, own: str) -> list[str]:
    """Resources the page and its frames point at on another origin."""
    found = []
    for frame in page.frames:
        if frame.url.startswith(("about:", "data:")) or origin(frame.url) == own:
            found += [
                url
                for url in frame.evaluate(LOADED_RESOURCES)
                if not url.startswith(("data:", "blob:")) and origin(url) != own
            ]
        else:
            found.append(frame.url)
    return found


@pytest.mark.parametrize("role", ["administrator", "editor", "panel member", "language reviewer"])
def test_nothing_a_role_opens_is_fetched_from_another_origin(
    role, world, browser_page, live_server, settings
):
    from playwright.sync_api import expect

    user, visits = world[role]
    page = browser_page
    own = origin(live_server.url)
    blocked = block_other_origins(page.context, live_server.url)
    pointed: dict[str, list[str]] = {}

    sign_in(page, user.username, PASSWORD)
    for visit in visits:
        response = page.goto(visit.url, wait_until="networkidle")
        assert response.status == 200, (visit.name, response.status)
        assert page.url == live_server.url + visit.url, (visit.name, page.url)
        expect(page).to_have_title(re.compile(re.escape(visit.title)))
        if visit.name == "page editor":
            # The comments show their authors' avatars.
            page.locator("button[data-side-panel-toggle=comments]").click()
            comment = page.locator(".comment", has_text="Is this title clear?")
            expect(comment.locator("img.comment-header__avatar")).to_have_count(1)
            # The preview side panel renders the draft in a frame.
            page.locator("button[data-side-panel-toggle=preview]").click()
            preview = page.frame_locator("iframe#w-preview-iframe").locator("body")
            expect(preview).to_contain_text("Revised title")
            page.wait_for_load_state("networkidle")
        pointed[visit.name] = elsewhere(page, own)

    report_urls = reports(page)
    for url in report_urls:
        if url.endswith(".csv"):
            with page.expect_download() as download:
                page.evaluate("url => { window.location.href = url; }", url)
            assert download.value.suggested_filename.endswith(".csv")
        else:
            response = page.goto(url, wait_until="networkidle")
            assert response.status == 200, (url, response.status)
            pointed[url] = elsewhere(page, own)
    if role == "administrator":
        assert reverse("translation:report") in report_urls
        assert reverse("panels:audit_export") in report_urls

    settings.DEBUG = True  # GraphiQL is served in development only
    page.goto("/api/graphql/", wait_until="networkidle")
    expect(page.locator(".graphiql-container")).to_be_visible()
    pointed["GraphiQL"] = elsewhere(page, own)

    assert blocked == [], f"{role} made requests to other origins: {blocked}"
    assert {name: urls for name, urls in pointed.items() if urls} == {}
