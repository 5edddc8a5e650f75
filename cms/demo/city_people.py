"""The demo's city people: a Rome city editor, a Brussels city verifier (seated on the
safe-space verification panel) and a Gothenburg coordinator, each in their city's role group."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Locale

from cms.access.models import CityRole
from cms.access.roles import ensure_city_roles
from cms.core.models import City
from cms.panels.models import Constituency, ExpertPanel, PanelMembership

from .panels import VERIFICATION_PANEL, demo_user


@dataclass(frozen=True)
class CityPerson:
    username: str
    city_slug: str
    role: str


CITY_PEOPLE = (
    CityPerson("demo-rome-editor", "rome", CityRole.Role.EDITOR),
    CityPerson("demo-brussels-verifier", "brussels", CityRole.Role.VERIFIER),
    CityPerson("demo-gothenburg-coordinator", "gothenburg", CityRole.Role.COORDINATOR),
)


def ensure_city_people() -> list[tuple[CityPerson, str]]:
    """Each demo city person (made when missing) in their city's role group, the verifier on
    the verification panel; with their group's name. Needs the seeded cities."""
    default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    people = []
    for person in CITY_PEOPLE:
        city = City.objects.get(slug=person.city_slug, locale=default)
        group = ensure_city_roles(city)[person.role]
        user, _ = demo_user(person.username, f"{city.name} {group.name.split(': ')[1]}", group)
        user.groups.add(group)
        if person.role == CityRole.Role.VERIFIER:
            panel = ExpertPanel.objects.filter(name=VERIFICATION_PANEL).first()
            if panel is not None and not panel.memberships.filter(user=user).exists():
                PanelMembership.objects.create(
                    panel=panel,
                    user=user,
                    constituency=Constituency.PUBLIC_INSTITUTION,
                    sort_order=panel.memberships.count(),
                )
        people.append((person, group.name))
    return people
