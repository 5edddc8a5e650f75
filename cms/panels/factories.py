"""Factories for expert panels, their members and the panel review task.

``ExpertPanelFactory()`` is an empty panel; ``PanelMembershipFactory(panel=..., constituency=...)``
gives it a member (a new user unless ``user=`` is given) with a generated pseudonym.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from cms.core.factories import ModelFactory

from .models import Constituency, ExpertPanel, PanelMembership, PanelReviewTask


class UserFactory(ModelFactory[User]):
    username = factory.Sequence(lambda n: f"member-{n}")
    first_name = factory.Sequence(lambda n: f"Given{n}")
    last_name = factory.Sequence(lambda n: f"Family{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("panel-member-password")

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]


class ExpertPanelFactory(ModelFactory[ExpertPanel]):
    name = factory.Sequence(lambda n: f"Toolbox panel {n}")
    description = "Reviews every revision of its toolbox before it is published."

    class Meta:
        model = ExpertPanel


class PanelMembershipFactory(ModelFactory[PanelMembership]):
    panel = factory.SubFactory(ExpertPanelFactory)
    user = factory.SubFactory(UserFactory)
    constituency = Constituency.ACADEMIC

    class Meta:
        model = PanelMembership


class PanelReviewTaskFactory(ModelFactory[PanelReviewTask]):
    name = factory.Sequence(lambda n: f"Panel review {n}")
    panel = factory.SubFactory(ExpertPanelFactory)
    min_approvals = 1
    required_constituencies = factory.LazyFunction(list)

    class Meta:
        model = PanelReviewTask
        skip_postgeneration_save = True

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        """``members=[constituency, ...]``: seats to add (one academic unless given)."""
        if create:
            for constituency in Constituency.values[:1] if extracted is None else extracted:
                PanelMembershipFactory(panel=self.panel, constituency=constituency)
