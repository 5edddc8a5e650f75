"""The city a role group is bound to, and the log of confidential locations shown."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models


class CityRole(models.Model):
    """Binds a group to one city: its permissions count for that city's objects only.

    A group without a city role is programme-wide: its permissions count for every city.
    """

    class Role(models.TextChoices):
        EDITOR = "editor", "City editors"
        VERIFIER = "verifier", "City verifiers"
        COORDINATOR = "coordinator", "City coordinators"
        CONFIDENTIAL = "confidential", "Confidential locations"

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="city_role")
    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "city role"
        constraints = [
            models.UniqueConstraint(fields=["city", "role"], name="one_group_per_city_role")
        ]

    def __str__(self) -> str:
        return self.group.name


class ConfidentialAccess(models.Model):
    """One showing of a confidential location's address, coordinates and own phone lines in
    the admin: who, when, which listing and on which screen."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="confidential_accesses"
    )
    safe_space = models.ForeignKey(
        "safe_spaces.SafeSpace", on_delete=models.CASCADE, related_name="confidential_accesses"
    )
    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="+")
    shown_at = models.DateTimeField(auto_now_add=True, db_index=True)
    screen = models.CharField(max_length=40)

    class Meta:
        verbose_name = "confidential location shown"
        verbose_name_plural = "confidential locations shown"
        ordering = ["-shown_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} saw {self.safe_space} ({self.screen})"


class CoordinatorInvitation(models.Model):
    """An invitation for a city's coordinator (made by a programme administrator) or editor
    (also by the city's coordinator): a link that works once, until it expires. Only the hash
    of its token is kept."""

    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(
        max_length=20,
        choices=[
            (CityRole.Role.COORDINATOR, "City coordinator"),
            (CityRole.Role.EDITOR, "City editor"),
        ],
        default=CityRole.Role.COORDINATOR,
    )
    email = models.EmailField(help_text="Where the programme sends the link (not sent from here).")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "coordinator invitation"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.city}: {self.email}"
