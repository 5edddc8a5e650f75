"""Demo panels for ``seed_demo``: one expert panel per toolbox with five pseudonymous members,
a safe-space verification panel, the workflows that send content to them, and one module whose
review is in progress.

Demo members get no usable password here (seeding stays deterministic and writes no secret);
``manage.py ensure_demo_panel_members`` gives them one and prints the logins.
Idempotent like the rest of ``seed_demo``: what exists is left as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Page,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from cms.core.models import City
from cms.panels import gate
from cms.panels.models import (
    Constituency,
    ExpertPanel,
    PanelMembership,
    PanelReview,
    PanelReviewTask,
)
from cms.panels.reviewing import record_review
from cms.panels.signal_handlers import review_emails_paused
from safe_spaces.models import SafeSpace
from toolbox_pages.models import ModulePage, ToolboxPage

PANEL_MEMBERS_GROUP = "Panel members"
DEMO_EMAIL_DOMAIN = "equalcity.example"

# The lead city's slug names each toolbox's panel and its demo members.
TOOLBOX_QUORUM = {
    "min_approvals": 3,
    "required_constituencies": [Constituency.SURVIVOR, Constituency.ACADEMIC],
}
VERIFICATION_PANEL = "Safe space verification panel"
VERIFICATION_WORKFLOW = "Safe space verification"

# The module left with a review in progress, the change under review, and who approved it.
REVIEW_IN_PROGRESS = {
    "toolbox": "violence-against-migrant-women-and-girls",
    "module": "responding-and-referring",
    "summary_addition": " Includes the new section on referring a woman who has no residence "
    "permit.",
    "approved_by": Constituency.ACADEMIC,
    "comment": "Accurate, and the new section answers a question frontline staff often ask.",
}


# What the demo members say when they approve the content that the demo brings live.
LIVE_APPROVAL_RATINGS: dict[str, int | None] = {
    "accuracy": 5,
    "cultural_sensitivity": 5,
    "trauma_informed_language": 4,
    "clarity": 4,
}
LIVE_APPROVAL_COMMENT = "Checked against the panel's guidelines: ready to publish."


def quorum_voters(task: PanelReviewTask) -> list[PanelMembership]:
    """The members whose approvals make the task's quorum: one from each required
    constituency first, then the others in seat order."""
    seats = list(task.panel.memberships.select_related("user").order_by("sort_order", "pk"))
    required = list(task.required_constituencies or [])
    first = [
        next(seat for seat in seats if seat.constituency == code)
        for code in required
        if any(seat.constituency == code for seat in seats)
    ]
    return [*first, *(seat for seat in seats if seat not in first)]


def publish_through_panel(obj) -> None:
    """Submit ``obj``'s latest revision to its panel workflow and approve it by demo members
    until each step's quorum is met: the last approval publishes it, as in the admin."""
    with review_emails_paused():
        workflow_state = obj.get_workflow().start(obj, user=None)
    while workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = workflow_state.current_task_state
        task = PanelReviewTask.objects.select_related("panel").get(pk=task_state.task_id)
        verified_on = getattr(obj, "verified_on", None)
        for seat in quorum_voters(task):
            task_state.refresh_from_db()
            if task_state.status != TaskState.STATUS_IN_PROGRESS:
                break
            record_review(
                task,
                task_state,
                seat.user,
                decision="approve",
                ratings=LIVE_APPROVAL_RATINGS,
                comment=LIVE_APPROVAL_COMMENT,
                verified_on=verified_on if isinstance(verified_on, datetime.date) else None,
            )
        workflow_state.refresh_from_db()


@dataclass(frozen=True)
class DemoMember:
    username: str
    panel: str
    constituency: str
    reviews_waiting: int


def demo_user(username: str, last_name: str, group: Group):
    """The demo account ``username`` (created in ``group``, with no usable password, when
    missing) and whether it was created. The language review demo uses it too."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = user_model(
        username=username,
        first_name="Demo",
        last_name=last_name,
        email=f"{username}@{DEMO_EMAIL_DOMAIN}",
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(group)
    return user, True


def toolbox_panel_name(city: City) -> str:
    return f"{city.name} toolbox panel"


def demo_username(city_slug: str, constituency: str) -> str:
    short = "institution" if constituency == Constituency.PUBLIC_INSTITUTION else constituency
    return f"panel-{city_slug}-{short}"


class PanelSeeder:
    def __init__(self, tally: Callable[[str, bool], None]):
        self.tally = tally

    # --- users and panels ------------------------------------------------------------------

    def members_group(self) -> Group:
        group, created = Group.objects.get_or_create(name=PANEL_MEMBERS_GROUP)
        if created:
            access_admin = Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
            group.permissions.add(access_admin)
        self.tally("groups", created)
        return group

    def user(self, username: str, last_name: str, group: Group):
        user, created = demo_user(username, last_name, group)
        self.tally("demo panel members", created)
        return user

    def panel(
        self, name: str, description: str, toolboxes: list[ToolboxPage], cities: list[City]
    ) -> ExpertPanel:
        panel = ExpertPanel.objects.filter(name=name).first()
        created = panel is None
        if panel is None:
            panel = ExpertPanel(name=name, description=description)
            panel.toolboxes = toolboxes
            panel.cities = cities
            panel.full_clean()
            panel.save()  # modelcluster writes the many-to-many rows here
        self.tally("expert panels", created)
        return panel

    def seat(self, panel: ExpertPanel, user, constituency: str) -> PanelMembership:
        membership = PanelMembership.objects.filter(panel=panel, user=user).first()
        created = membership is None
        if membership is None:
            # Seats in the order they are added, as the panel's editor lists them.
            position = PanelMembership.objects.filter(panel=panel).count()
            membership = PanelMembership(
                panel=panel, user=user, constituency=constituency, sort_order=position
            )
            membership.full_clean(exclude=["panel"])
            membership.save()
        self.tally("panel seats", created)
        return membership

    def task(self, name: str, panel: ExpertPanel, **rule) -> PanelReviewTask:
        task = PanelReviewTask.objects.filter(name=name).first()
        created = task is None
        if task is None:
            task = PanelReviewTask(name=name, panel=panel, **rule)
            task.full_clean()
            task.save()
        self.tally("panel review tasks", created)
        return task

    def workflow(self, name: str, task: PanelReviewTask) -> Workflow:
        workflow = Workflow.objects.filter(name=name).first()
        created = workflow is None
        if workflow is None:
            workflow = Workflow.objects.create(name=name, active=True)
            # Rows created directly: a workflow saved without its tasks would publish at once.
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        self.tally("workflows", created)
        return workflow

    # --- the whole demo --------------------------------------------------------------------

    def toolbox_panel(self, toolbox: ToolboxPage, group: Group) -> PanelReviewTask:
        city = toolbox.lead_city
        if city is None:
            raise ValueError(f"The demo toolbox {toolbox.slug!r} has no lead city.")
        panel = self.panel(
            toolbox_panel_name(city),
            f"Reviews every revision of the {city.name} toolbox, '{toolbox.title}', and of its "
            "modules before they are published.",
            toolboxes=[toolbox],
            cities=[city],
        )
        for constituency, label in Constituency.choices:
            user = self.user(demo_username(city.slug, constituency), f"{city.name} {label}", group)
            self.seat(panel, user, constituency)
        task = self.task(f"{panel.name} review", panel, **TOOLBOX_QUORUM)
        workflow = self.workflow(f"Toolbox panel review: {city.name}", task)
        assigned = WorkflowPage.objects.filter(page=toolbox).exists()
        if not assigned:
            WorkflowPage.objects.create(page=toolbox, workflow=workflow)
        self.tally("toolbox workflow assignments", not assigned)
        return task

    def verification_panel(self, cities: list[City], group: Group) -> PanelReviewTask:
        panel = self.panel(
            VERIFICATION_PANEL,
            "City reviewers who check safe-space listings with the services before they are "
            "published; their approval sets the listing's verified-on date.",
            toolboxes=[],
            cities=cities,
        )
        for city in cities:
            user = self.user(f"verifier-{city.slug}", f"{city.name} city reviewer", group)
            self.seat(panel, user, Constituency.PUBLIC_INSTITUTION)
        task = self.task(VERIFICATION_WORKFLOW, panel, min_approvals=1, sets_verified_on=True)
        workflow = self.workflow(VERIFICATION_WORKFLOW, task)
        content_type = ContentType.objects.get_for_model(SafeSpace)
        assigned = WorkflowContentType.objects.filter(content_type=content_type).exists()
        if not assigned:
            WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
        self.tally("snippet workflow assignments", not assigned)
        return task

    def review_in_progress(self, toolboxes: dict[str, ToolboxPage]) -> None:
        """Submit one module's revised summary to its panel, with one approval already in."""
        data = REVIEW_IN_PROGRESS
        toolbox = toolboxes.get(data["toolbox"])
        if toolbox is None:
            return
        module = ModulePage.objects.child_of(toolbox).filter(slug=data["module"]).first()
        if module is None:
            return
        # Every live module went through its panel once: the demo's review is the one that
        # carries its approval comment.
        started = PanelReview.objects.filter(
            object_id=str(module.pk), comment=data["comment"]
        ).exists()
        if not started:
            draft = module.get_latest_revision_as_object()
            draft.summary = draft.summary.rstrip() + data["summary_addition"]
            draft.full_clean()
            draft.save_revision(log_action=True)
            module = Page.objects.get(pk=module.pk).specific
            with review_emails_paused():
                workflow_state = module.get_workflow().start(module, user=None)
            task_state = workflow_state.current_task_state
            task = PanelReviewTask.objects.get(pk=task_state.task_id)
            approver = task.panel.memberships.get(constituency=data["approved_by"]).user
            record_review(
                task,
                task_state,
                approver,
                decision="approve",
                ratings={
                    "accuracy": 5,
                    "cultural_sensitivity": 4,
                    "trauma_informed_language": 5,
                    "clarity": 4,
                },
                comment=data["comment"],
            )
        self.tally("reviews in progress", not started)

    def approve_live(self, obj) -> None:
        """Bring ``obj``'s live revision through its panel (it was live before the panels
        existed). Content already approved, or under review, is left as it is."""
        approved = gate.refusal(obj, obj.live_revision) is None
        under_review = obj.workflow_states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
        if not approved and not under_review and obj.live_revision_id == obj.latest_revision_id:
            publish_through_panel(obj)
        self.tally("live content approved by its panel", not approved)

    def approve_live_content(self, toolboxes: dict[str, ToolboxPage]) -> None:
        for toolbox in toolboxes.values():
            for page in Page.objects.descendant_of(toolbox, inclusive=True).live().order_by("path"):
                self.approve_live(page.specific)
        source_spaces = SafeSpace.objects.filter(live=True).order_by("pk")
        for space in source_spaces:
            if gate.is_governed(space):
                self.approve_live(space)

    def run(self, toolboxes: dict[str, ToolboxPage], partner_cities: list[City]) -> None:
        group = self.members_group()
        for toolbox in toolboxes.values():
            self.toolbox_panel(toolbox, group)
        self.verification_panel(partner_cities, group)
        self.approve_live_content(toolboxes)
        self.review_in_progress(toolboxes)


def demo_members() -> list[DemoMember]:
    """The seeded demo members, panel by panel, with the number of reviews waiting for each."""
    rows = (
        PanelMembership.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
        .select_related("panel", "user")
        .order_by("panel__name", "sort_order", "pk")
    )
    members = []
    for row in rows:
        waiting = TaskState.objects.filter(
            task__panelreviewtask__panel=row.panel, status=TaskState.STATUS_IN_PROGRESS
        ).exclude(panel_reviews__user=row.user)
        members.append(
            DemoMember(
                row.user.get_username(),
                row.panel.name,
                row.get_constituency_display(),
                waiting.count(),
            )
        )
    return members
