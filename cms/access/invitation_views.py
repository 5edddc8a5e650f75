"""The invitation's two screens: the administrator's (invite) and the coordinator's (accept)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, password_validation
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from cms.core.models import City

from .invitations import INVITATION_VALID_FOR, accept, invitable, invite, open_invitation
from .models import CityRole

ROLE_LABELS: dict[str, str] = {
    CityRole.Role.COORDINATOR: "City coordinator",
    CityRole.Role.EDITOR: "City editor",
}


class InviteForm(forms.Form):
    city = forms.ModelChoiceField(queryset=City.objects.none())
    role = forms.ChoiceField(choices=[])
    email = forms.EmailField(help_text="Their address; send them the link yourself.")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cities, roles = invitable(user)
        city = self.fields["city"]
        role = self.fields["role"]
        assert isinstance(city, forms.ModelChoiceField)  # noqa: S101 (narrows the type)
        assert isinstance(role, forms.ChoiceField)  # noqa: S101
        city.queryset = cities
        role.choices = [(value, ROLE_LABELS[value]) for value in roles]


def invite_view(request: HttpRequest) -> HttpResponse:
    """Programme administrators invite a city's coordinator or editors; a coordinator their
    city's editors. The link is shown once."""
    cities, roles = invitable(request.user)
    if not roles or not cities.exists():
        raise PermissionDenied
    form = InviteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        invitation, token = invite(
            form.cleaned_data["city"],
            form.cleaned_data["email"],
            request.user,
            role=form.cleaned_data["role"],
        )
        link = request.build_absolute_uri(reverse("access_accept_invitation", args=[token]))
        return TemplateResponse(
            request,
            "access/invitation_made.html",
            {"invitation": invitation, "link": link, "header_title": "Invitation made"},
        )
    return TemplateResponse(
        request,
        "access/invite.html",
        {
            "form": form,
            "valid_days": INVITATION_VALID_FOR.days,
            "header_title": "Invite a city's people",
        },
    )


class AcceptForm(forms.Form):
    username = forms.RegexField(
        regex=r"^[\w.@+-]+$",
        max_length=150,
        help_text="Letters, digits and @ . + - _ only. Use a role, not your name, if you prefer.",
    )
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Password again", widget=forms.PasswordInput, strip=False)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken: choose another.")
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


@never_cache
@csrf_protect
def accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """The coordinator chooses a username and password; then the city's widget key."""
    invitation = open_invitation(token)
    if invitation is None:
        return TemplateResponse(request, "access/invitation_invalid.html", status=404)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept(invitation, form.cleaned_data["username"], form.cleaned_data["password1"])
        except ValueError:  # used by a request that raced this one
            return TemplateResponse(request, "access/invitation_invalid.html", status=404)
        except IntegrityError:  # the username was taken meanwhile
            form.add_error("username", "That username is taken: choose another.")
            return TemplateResponse(
                request, "access/invitation_accept.html", {"form": form, "invitation": invitation}
            )
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        if invitation.role == CityRole.Role.EDITOR:
            messages.success(request, f"Welcome. You edit {invitation.city.name}'s listings.")
            return redirect(reverse("wagtailsnippets_safe_spaces_safespace:list"))
        messages.success(
            request,
            f"Welcome. Set up {invitation.city.name}'s widget key: choose the languages and "
            "your website's address, then copy the embed code.",
        )
        return redirect(reverse("wagtailsnippets_api_consumerkey:add"))
    return TemplateResponse(
        request, "access/invitation_accept.html", {"form": form, "invitation": invitation}
    )
