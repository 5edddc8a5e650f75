"""Trainee cities onboard themselves: a programme administrator invites a city's coordinator
with a link that works once and expires; the coordinator chooses a username and password,
joins the city's coordinators and sets up the city's widget key in the admin."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import CityRole, CoordinatorInvitation
from .roles import ensure_city_roles

INVITATION_VALID_FOR = datetime.timedelta(days=settings.COORDINATOR_INVITATION_DAYS)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(
    city: Any, email: str, by: Any, role: str = CityRole.Role.COORDINATOR
) -> tuple[CoordinatorInvitation, str]:
    """A new invitation and its token (shown once: only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    invitation = CoordinatorInvitation.objects.create(
        city=city,
        role=role,
        email=email,
        token_hash=token_hash(token),
        created_by=by,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    return invitation, token


def open_invitation(token: str) -> CoordinatorInvitation | None:
    """The invitation a token opens: unknown, used and expired ones alike are None."""
    if not token or len(token) > 100:
        return None
    invitation = (
        CoordinatorInvitation.objects.select_related("city")
        .filter(token_hash=token_hash(token), accepted_at__isnull=True)
        .first()
    )
    if invitation is None or invitation.expires_at <= timezone.now():
        return None
    return invitation


@transaction.atomic
def accept(invitation: CoordinatorInvitation, username: str, password: str) -> Any:
    """The coordinator's account, in the city's coordinators; the invitation is used up."""
    locked = CoordinatorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValueError("This invitation has been used already.")
    user = get_user_model().objects.create_user(
        username=username, email=invitation.email, password=password
    )
    user.groups.add(ensure_city_roles(invitation.city)[invitation.role])
    locked.accepted_by = user
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_by", "accepted_at"])
    return user


INVITE_EDITORS = "access.add_coordinatorinvitation"


def invitable(user: Any) -> tuple[Any, list[str]]:
    """The cities ``user`` may invite people to (a queryset of default-locale rows) and the
    roles: programme administrators every city, as coordinator or editor; a city's
    coordinator their cities, as editor only."""
    from wagtail.models import Locale

    from cms.core.models import City

    from .scope import city_scope, restrict

    cities = City.objects.filter(locale=Locale.get_default()).order_by("name")
    if user.is_superuser:
        return cities, [CityRole.Role.COORDINATOR, CityRole.Role.EDITOR]
    scope = city_scope(user, INVITE_EDITORS)
    if scope is None:  # a programme-wide grant: editors of any city
        return cities, [CityRole.Role.EDITOR]
    return restrict(cities, scope, ""), [CityRole.Role.EDITOR] if scope else []
