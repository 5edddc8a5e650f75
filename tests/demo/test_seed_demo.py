"""The demo and bulk seed commands: what they create, and that a re-run changes nothing.

``seed_demo`` takes a while, so it runs once per module (twice, to check the re-run) inside a
transaction that is rolled back when the module's tests are done.
"""

import datetime
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    Site,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowState,
)

from cms.core.models import Audience, City, ContentWarning, HomePage, PartnerOrganisation
from cms.panels.models import ExpertPanel, PanelMembership, PanelReview, PanelReviewTask
from safe_spaces.models import (
    Helpline,
    OpeningHours,
    SafeSpace,
    SafeSpacePhone,
    ScheduleException,
    ServiceCategory,
)
from tests.support import graphql
from toolbox_pages.blocks import BLOCK_REGISTRY
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage

COUNTED_MODELS = [
    Page,
    HomePage,
    ToolboxIndexPage,
    ToolboxPage,
    ModulePage,
    Site,
    Audience,
    ContentWarning,
    ServiceCategory,
    PartnerOrganisation,
    City,
    SafeSpace,
    SafeSpacePhone,
    OpeningHours,
    ScheduleException,
    Helpline,
    Revision,
    PageLogEntry,
    ModelLogEntry,
    User,
    Group,
    ExpertPanel,
    PanelMembership,
    PanelReviewTask,
    PanelReview,
    Workflow,
    WorkflowPage,
    WorkflowContentType,
    WorkflowState,
    TaskState,
]

# (south, north, west, east): a box a few kilometres around each partner city.
CITY_BOXES = {
    "brussels": (50.76, 50.92, 4.24, 4.48),
    "luxembourg": (49.55, 49.66, 6.03, 6.24),
    "rome": (41.79, 42.01, 12.37, 12.63),
    "gothenburg": (57.62, 57.83, 11.78, 12.12),
}


def snapshot() -> dict:
    """Row counts of every seeded model, and the latest revision of each page and snippet."""
    counts = {model._meta.label: model.objects.count() for model in COUNTED_MODELS}
    counts["images"] = get_image_model().objects.count()
    counts["documents"] = get_document_model().objects.count()
    counts["safe space categories"] = SafeSpace.categories.through.objects.count()
    counts["toolbox partners"] = ToolboxPage.partner_organisations.through.objects.count()
    latest = {
        "pages": dict(Page.objects.values_list("pk", "latest_revision_id")),
        "safe spaces": dict(SafeSpace.objects.values_list("pk", "latest_revision_id")),
        "helplines": dict(Helpline.objects.values_list("pk", "latest_revision_id")),
    }
    return {"counts": counts, "latest": latest}


@dataclass
class SeedRuns:
    after_first: dict
    after_second: dict
    second_output: str


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        after_first = snapshot()
        output = StringIO()
        call_command("seed_demo", stdout=output)
        yield SeedRuns(after_first, snapshot(), output.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db) -> SeedRuns:
    return seeded


def test_first_run_creates_four_toolboxes_each_with_four_to_eight_live_modules(demo):
    toolboxes = ToolboxPage.objects.live().filter(locale__language_code="en")
    assert toolboxes.count() == 4
    for toolbox in toolboxes:
        assert 4 <= toolbox.live_modules().count() <= 8, toolbox.title
        assert toolbox.lead_city.role == City.Role.PARTNER
        assert toolbox.partner_organisations.filter(name__contains="IOM").exists()
        assert toolbox.audiences.exists()
        assert toolbox.live_revision_id == toolbox.latest_revision_id is not None


def test_default_site_serves_the_english_home_page_instead_of_the_welcome_page(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "en"
    assert ToolboxIndexPage.objects.child_of(home).live().count() == 1
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_first_run_creates_forty_safe_spaces_over_the_four_partner_cities(demo):
    spaces = SafeSpace.objects.filter(live=True)
    assert spaces.count() >= 40
    for slug in CITY_BOXES:
        assert spaces.filter(city__slug=slug).count() >= 10, slug
    assert not spaces.exclude(city__role=City.Role.PARTNER).exists()
    assert not spaces.filter(regular_schedule__isnull=True).exists()
    assert ScheduleException.objects.exists()


def test_partner_and_trainee_cities_point_at_their_toolboxes(demo):
    english = City.objects.filter(locale__language_code="en", live=True)
    partners = english.filter(role=City.Role.PARTNER)
    assert partners.count() == 4
    for city in partners:
        assert city.toolbox.lead_city_id == city.pk
        assert city.emergency_numbers[0].value["number"] == "112"
    trainees = english.filter(role=City.Role.TRAINEE)
    assert trainees.count() >= 6
    assert not trainees.filter(toolbox__isnull=True).exists()


def test_every_body_block_type_is_used_by_a_module(demo):
    used = {block.block_type for module in ModulePage.objects.all() for block in module.body}
    assert used == set(BLOCK_REGISTRY)


def test_mindfulness_exercise_with_a_recording_carries_its_transcript(demo):
    exercises = [
        block.value
        for module in ModulePage.objects.filter(title__contains="social workers")
        for block in module.body
        if block.block_type == "exercise" and block.value["audio"]
    ]
    assert len(exercises) == 1
    assert exercises[0]["kind"] == "mindfulness"
    assert exercises[0]["transcript"].strip()


def test_safe_space_reference_reads_back_the_chosen_safe_space(demo):
    module = ModulePage.objects.get(slug="managing-a-safe-space")
    chosen = [
        block.value["safe_space"]
        for block in module.body
        if block.block_type == "safe_space_reference"
    ]
    assert chosen and all(isinstance(space, SafeSpace) for space in chosen)


def test_second_run_creates_and_changes_nothing(demo):
    assert demo.after_second["counts"] == demo.after_first["counts"]
    assert demo.after_second["latest"] == demo.after_first["latest"]
    assert "safe spaces: 0 created, 44 already present" in demo.second_output
    assert " 0 created" in demo.second_output
    assert "1 created" not in demo.second_output


def test_every_seeded_object_passes_full_clean(demo):
    models: list[type[Any]] = [
        Audience,
        ContentWarning,
        ServiceCategory,
        PartnerOrganisation,
        City,
        Helpline,
    ]
    for model in models:
        for instance in model.objects.all():
            instance.full_clean()
    for space in SafeSpace.objects.all():
        space.full_clean()
        for relation in ("phones", "regular_schedule", "schedule_exceptions"):
            for child in getattr(space, relation).all():
                child.full_clean()
    for page in Page.objects.filter(depth__gt=1).specific():
        page.full_clean()
        for name in ("body", "learning_objectives", "emergency_numbers"):
            if hasattr(page, name):
                page._meta.get_field(name).stream_block.clean(getattr(page, name))


def test_listings_include_confidential_closed_and_overdue_safe_spaces(demo):
    confidential = SafeSpace.objects.filter(confidential_location=True)
    assert confidential.count() >= 5
    for space in confidential:
        assert space.public_contact_phone or space.public_contact_email
    closed = SafeSpace.objects.filter(status=SafeSpace.Status.TEMPORARILY_CLOSED)
    assert closed.count() >= 3
    assert not closed.filter(alert="").exists()
    # Fixed dates in 2025: overdue on any day the suite runs.
    assert SafeSpace.objects.verification_overdue(datetime.date(2026, 1, 1)).count() >= 4
    assert SafeSpace.objects.verification_overdue(datetime.date.today()).count() >= 4
    assert SafeSpace.objects.filter(verify_by__year__gte=2027).count() >= 30


def test_every_safe_space_lies_inside_its_city(demo):
    for space in SafeSpace.objects.select_related("city"):
        south, north, west, east = CITY_BOXES[space.city.slug]
        assert south <= space.latitude <= north, space.name
        assert west <= space.longitude <= east, space.name


def test_seed_bulk_adds_live_synthetic_rows_once(demo):
    revisions = Revision.objects.count()
    call_command(
        "seed_bulk", safe_spaces=30, modules_per_toolbox=2, batch_size=8, stdout=StringIO()
    )
    synthetic = SafeSpace.objects.filter(name__startswith="Synthetic safe space ")
    assert synthetic.count() == 30
    assert synthetic.filter(live=True, live_revision__isnull=False).count() == 30
    assert ModulePage.objects.live().filter(slug__startswith="synthetic-module-").count() == 8
    assert Revision.objects.count() == revisions + 30 + 8
    space = synthetic.order_by("name").first()
    space.full_clean()
    assert space.latest_revision.as_object().phones.count() == space.phones.count() == 1
    for synthetic_space in synthetic.select_related("city"):
        south, north, west, east = CITY_BOXES[synthetic_space.city.slug]
        assert south <= synthetic_space.latitude <= north

    state = snapshot()
    call_command("seed_bulk", safe_spaces=30, modules_per_toolbox=2, stdout=StringIO())
    assert snapshot() == state

    call_command("seed_bulk", safe_spaces=35, modules_per_toolbox=2, stdout=StringIO())
    assert synthetic.count() == 35
    assert SafeSpace.objects.filter(name="Synthetic safe space 00001").get().pk == space.pk


def test_each_toolbox_has_a_panel_of_five_pseudonymous_members_and_its_workflow(demo):
    for toolbox in ToolboxPage.objects.filter(locale__language_code="en"):
        panel = ExpertPanel.objects.get(toolboxes=toolbox)
        seats = panel.memberships.select_related("user").order_by("sort_order")
        assert [seat.pseudonym for seat in seats] == [
            "Academic panel member 1",
            "Community representative panel member 1",
            "Survivor panel member 1",
            "Public institution panel member 1",
            "IOM panel member 1",
        ]
        assert all(seat.user.groups.filter(name="Panel members").exists() for seat in seats)
        assert not any(seat.user.has_usable_password() for seat in seats)
        task = PanelReviewTask.objects.get(panel=panel)
        assert (task.min_approvals, task.required_constituencies) == (3, ["survivor", "academic"])
        workflow = WorkflowPage.objects.get(page=toolbox).workflow
        assert list(workflow.tasks.specific()) == [task]
        for module in toolbox.get_children().specific():
            assert module.get_workflow() == workflow


def test_safe_spaces_go_to_the_verification_panel(demo):
    workflow = SafeSpace.get_default_workflow()
    task = workflow.tasks.specific().get()
    assert (workflow.name, task.min_approvals, task.sets_verified_on) == (
        "Safe space verification",
        1,
        True,
    )
    assert task.panel.memberships.count() == 4
    assert task.panel.cities.count() == 4


def test_one_module_is_left_with_a_review_in_progress(demo):
    task_state = TaskState.objects.get(status="in_progress")
    module = ModulePage.objects.get(pk=task_state.workflow_state.object_id)
    assert module.slug == "responding-and-referring"
    assert module.summary.startswith("What to say")  # the live version is unchanged
    assert "residence permit" in task_state.revision.as_object().summary
    review = PanelReview.objects.get(task_state=task_state)
    assert (review.task_state_id, review.pseudonym, review.decision) == (
        task_state.pk,
        "Academic panel member 1",
        "approve",
    )


def test_demo_panel_logins_are_printed_with_a_password_kept_owner_only(demo, tmp_path, settings):
    settings.DEBUG = True
    credentials = tmp_path / "demo-panel-members.txt"
    output = StringIO()

    call_command("ensure_demo_panel_members", credentials_file=str(credentials), stdout=output)

    password = credentials.read_text().strip()
    assert oct(credentials.stat().st_mode & 0o777) == "0o600"
    assert f"Password: {password}" in output.getvalue()
    assert "panel-luxembourg-survivor" in output.getvalue()
    assert "panel-luxembourg-academic" not in output.getvalue()  # already reviewed
    assert User.objects.get(username="panel-luxembourg-survivor").check_password(password)


REVIEW = "review { panel approvals constituencies }"


def test_every_live_toolbox_and_module_carries_its_panels_approval(demo):
    data = graphql.execute_data(f"{{ toolboxes {{ slug {REVIEW} modules {{ slug {REVIEW} }} }} }}")

    toolboxes = data["toolboxes"]
    modules = [module for toolbox in toolboxes for module in toolbox["modules"]]
    assert (len(toolboxes), len(modules)) == (4, 18)
    for item in [*toolboxes, *modules]:
        assert item["review"] is not None, item["slug"]
        assert item["review"]["approvals"] == 3
        assert {"SURVIVOR", "ACADEMIC"} <= set(item["review"]["constituencies"])
    luxembourg = next(
        t for t in toolboxes if t["slug"] == "violence-against-migrant-women-and-girls"
    )
    assert luxembourg["review"]["panel"] == "Luxembourg toolbox panel"


def test_every_listed_safe_space_carries_its_verification(demo):
    data = graphql.execute_data(
        f"{{ safeSpaces(first: 100) {{ totalCount edges {{ node {{ name {REVIEW} }} }} }} }}"
    )

    nodes = [edge["node"] for edge in data["safeSpaces"]["edges"]]
    assert data["safeSpaces"]["totalCount"] == len(nodes) == 44
    assert [node["name"] for node in nodes if node["review"] is None] == []
    assert {node["review"]["panel"] for node in nodes} == {"Safe space verification panel"}


def test_live_content_was_published_by_its_panel_through_real_reviews(demo):
    governed_live = (
        Page.objects.type(ToolboxPage, ModulePage).live().filter(locale__language_code="en").count()
        + SafeSpace.objects.filter(live=True, locale__language_code="en").count()
    )
    approvals = PanelReview.objects.filter(
        decision="approve", task_state__status="approved"
    ).values_list("task_state__revision_id", flat=True)
    live_revisions = {
        *Page.objects.type(ToolboxPage, ModulePage)
        .live()
        .filter(locale__language_code="en")
        .values_list("live_revision_id", flat=True),
        *SafeSpace.objects.filter(live=True, locale__language_code="en").values_list(
            "live_revision_id", flat=True
        ),
    }

    assert governed_live == 4 + 18 + 44
    assert live_revisions <= set(approvals)
    pseudonyms = set(PanelReview.objects.values_list("pseudonym", flat=True))
    assert pseudonyms and all(" panel member " in pseudonym for pseudonym in pseudonyms)


def test_demo_language_reviewer_logins_are_printed_with_the_members_password(
    demo, tmp_path, settings
):
    settings.DEBUG = True
    credentials = tmp_path / "demo-panel-members.txt"
    output = StringIO()

    call_command("ensure_demo_panel_members", credentials_file=str(credentials), stdout=output)

    password = credentials.read_text().strip()
    text = output.getvalue()
    assert text.endswith(
        "Demo language reviewers: 2, with the same password.\n"
        f"  {'reviewer-ar':<30} Arabic reviewer\n"
        f"  {'reviewer-fr':<30} French reviewer\n"
    )
    assert User.objects.get(username="reviewer-fr").check_password(password)


def test_demo_city_people_sign_in_to_their_own_city(demo, tmp_path, settings, client):
    settings.DEBUG = True
    credentials = tmp_path / "demo-city-people.txt"
    output = StringIO()

    call_command("ensure_demo_city_people", credentials_file=str(credentials), stdout=output)
    call_command("ensure_demo_city_people", credentials_file=str(credentials), stdout=StringIO())

    password = credentials.read_text().strip()
    printed = output.getvalue()
    assert f"Password: {password}" in printed
    for username, group in (
        ("demo-rome-editor", "Rome: city editors"),
        ("demo-brussels-verifier", "Brussels: city verifiers"),
        ("demo-gothenburg-coordinator", "Gothenburg: city coordinators"),
    ):
        assert f"{username}" in printed and group in printed
        user = User.objects.get(username=username)
        assert user.check_password(password)
        assert list(user.groups.values_list("name", flat=True)) == [group]
    verifier = User.objects.get(username="demo-brussels-verifier")
    assert (
        verifier.panel_memberships.filter(panel__name="Safe space verification panel").count() == 1
    )

    assert client.login(username="demo-rome-editor", password=password)
    listed = client.get("/admin/snippets/safe_spaces/safespace/").content.decode()
    rome = SafeSpace.objects.filter(city__slug="rome", locale__language_code="en").first()
    brussels = SafeSpace.objects.filter(city__slug="brussels", locale__language_code="en").first()
    assert rome.name in listed
    assert brussels.name not in listed


def test_the_partner_cities_have_their_quick_exit_and_notices_in_three_languages(demo):
    from api.locales import resolve_locale
    from api.models import CitySettings
    from api.public.cities import match_city
    from api.public.safety import safety_for
    from cms.core.models import SafetySettings

    owned = CitySettings.objects.select_related("city").prefetch_related("notices")

    assert sorted(own.city.slug for own in owned) == [
        "brussels",
        "gothenburg",
        "luxembourg",
        "rome",
    ]
    for own in owned:
        own.full_clean()
        assert own.quick_exit_url.startswith("https://"), own
        assert {notice.locale for notice in own.notices.all()} == {"en", "fr", "ar"}, own
        for notice in own.notices.all():
            assert notice.safety_notice and notice.privacy_notice, (own, notice.locale)
    assert SafetySettings.load().safety_notice and SafetySettings.load().privacy_notice
    arabic = resolve_locale("ar")
    served = safety_for(match_city("rome", arabic), arabic)
    assert served.quick_exit_url == "https://www.meteoam.it/it/roma"
    assert served.safety_notice is not None and served.safety_notice.locale == "ar"
    assert "1522" in served.safety_notice.html
