"""The admin screen of a city's people: each role with its people, and "remove from role"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from .invitations import invitable
from .people import managed_binding, people_of_cities, remove_from_role


def _may_manage(request: HttpRequest) -> None:
    cities, roles = invitable(request.user)
    if not roles or not cities.exists():
        raise PermissionDenied


def people_view(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    return TemplateResponse(
        request,
        "access/people.html",
        {"cities": people_of_cities(request.user), "header_title": "Your cities' people"},
    )


@require_POST
def remove_view(request: HttpRequest, binding_pk: str) -> HttpResponse:
    """404 for a role the user may not manage (another city's, or a role above theirs) and
    for a person who doesn't hold it."""
    _may_manage(request)
    binding = managed_binding(request.user, binding_pk)
    if binding is None:
        raise Http404("No such role in your cities.")
    person = remove_from_role(binding, request.POST.get("person"), request.user)
    if person is None:
        raise Http404("That person doesn't hold this role.")
    messages.success(request, f"{person.get_username()} is no longer in {binding.group.name}.")
    return redirect("access_city_people")
