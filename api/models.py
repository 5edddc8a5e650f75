"""Consumer keys: how the platform knows and limits each city app, kiosk and widget; and
each city's own safety settings for them (quick exit, notices).

A key identifies a *consumer* (an app, a kiosk, a trainee city's website), never an end user.
It is stored hashed: the raw key is shown once, when it is created, and can't be read again.
Nothing about the people who use a consumer is stored: no IP address, no user agent.
"""

from __future__ import annotations

import hashlib
import secrets
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from cms.core.fields import JSONListField
from cms.core.models import DESCRIPTION_FEATURES as NOTICE_FEATURES

# A key reads "eqc_<prefix>_<secret>": the prefix finds the row, the secret proves the holder.
KEY_SCHEME = "eqc"
PREFIX_BYTES = 6  # 12 hex characters, shown in the admin to tell keys apart
SECRET_BYTES = 32  # 256 random bits
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})


def generate_key() -> tuple[str, str]:
    """A new random key and its lookup prefix: ``(prefix, raw_key)``."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    return prefix, f"{KEY_SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"


def hash_key(raw_key: str) -> str:
    """The stored form of a key: its SHA-256, in hex.

    A fast hash is enough here, unlike for passwords: the key carries 256 random bits, so no
    guessing or dictionary attack can work against a leaked hash, and a slow hash would only
    cost CPU on every API request.
    """
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def split_key(raw_key: str) -> str | None:
    """The lookup prefix of a well-formed key, or None."""
    scheme, _, rest = raw_key.partition("_")
    prefix, _, secret = rest.partition("_")
    if scheme != KEY_SCHEME or len(prefix) != PREFIX_BYTES * 2 or not secret:
        return None
    if any(ch not in "0123456789abcdef" for ch in prefix):
        return None
    return prefix


def normalise_origin(value: str) -> str:
    """A browser origin as browsers send it: ``scheme://host[:port]``, lower case, no path.

    ``https`` only, except for a local development host. Raises ValidationError.
    """
    text = value.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if (
        parts is None
        or parts.scheme.lower() not in ("https", "http")
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ValidationError(
            "“%(value)s” is not an origin: write scheme://host or scheme://host:port, "
            "for example https://www.esch.lu (no path).",
            code="invalid_origin",
            params={"value": text},
        )
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if scheme == "http" and host not in LOCAL_HOSTS:
        raise ValidationError(
            "“%(value)s” must use https:// (http:// is only for localhost).",
            code="insecure_origin",
            params={"value": text},
        )
    default_port = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" + (f":{port}" if port and port != default_port else "")


def validate_origins(values: list[str]) -> None:
    if not isinstance(values, list):
        raise ValidationError("Allowed origins must be a list.", code="invalid")
    for value in values:
        if not isinstance(value, str) or normalise_origin(value) != value:
            raise ValidationError(
                "“%(value)s” is not a normalised origin.", code="invalid", params={"value": value}
            )


def content_language_codes() -> list[str]:
    return [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]


def content_language_choices() -> list[tuple[str, str]]:
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


def validate_content_locales(values: list[str]) -> None:
    if not isinstance(values, list):
        raise ValidationError("Locales must be a list of language codes.", code="invalid")
    known = content_language_codes()
    unknown = [code for code in values if code not in known]
    if unknown:
        raise ValidationError(
            "Not a content language: %(codes)s.",
            code="unknown_locale",
            params={"codes": ", ".join(map(str, unknown))},
        )


class OriginsFormField(forms.CharField):
    """Origins typed one per line, stored as a list of normalised origins."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            lines = [str(item) for item in value]
        else:
            lines = (super().to_python(value) or "").replace(",", "\n").splitlines()
        origins: list[str] = []
        errors: list[ValidationError] = []
        for line in lines:
            if not line.strip():
                continue
            try:
                origin = normalise_origin(line)
            except ValidationError as error:
                errors.append(error)
                continue
            if origin not in origins:
                origins.append(origin)
        if errors:
            raise ValidationError(errors)
        return origins

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial or []) != self.to_python(data)
        except ValidationError:
            return True


class OriginsField(JSONListField):
    """Browser origins allowed to call the API with a key (CORS)."""

    default_validators = [validate_origins]
    form_class = OriginsFormField


class ContentLocalesFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        for name in ("encoder", "decoder", "max_length"):
            kwargs.pop(name, None)
        kwargs["choices"] = lambda: list(settings.WAGTAIL_CONTENT_LANGUAGES)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return list(value or [])

    def has_changed(self, initial, data):
        return sorted(initial or []) != sorted(data or [])


class ContentLocalesField(JSONListField):
    """A list of content language codes (``settings.WAGTAIL_CONTENT_LANGUAGES``)."""

    default_validators = [validate_content_locales]
    form_class = ContentLocalesFormField


class ConsumerKeyQuerySet(models.QuerySet):
    def active(self) -> ConsumerKeyQuerySet:
        return self.filter(revoked_at__isnull=True)


class ConsumerKey(models.Model):
    """A key for one consumer of the public API: a city app, a kiosk or a trainee city's widget.

    Administrators create one per consumer and give it to the consumer's developers, who send
    it as ``Authorization: Bearer <key>``. The key sets what the consumer may read (cities and
    languages), which websites may call the API with it from a browser (allowed origins) and
    how many requests a minute it may make. The key itself is shown once, at creation; a lost
    key is revoked and replaced.
    """

    class Kind(models.TextChoices):
        CITY_APP = "city_app", "City app"
        KIOSK = "kiosk", "Kiosk"
        WIDGET = "widget", "Widget on a trainee city's website"

    name = models.CharField(
        max_length=120,
        help_text="Who uses it, e.g. 'Gothenburg city app' or 'Esch-sur-Alzette website widget'.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.WIDGET)
    all_cities = models.BooleanField(
        "every city",
        default=False,
        help_text="Read every city's content. Leave unticked to limit the key to the cities below.",
    )
    cities = models.ManyToManyField(
        "core.City",
        blank=True,
        related_name="+",
        help_text="The cities whose safe spaces and helplines the key may read.",
    )
    all_locales = models.BooleanField(
        "every language",
        default=False,
        help_text="Read content in every language. Leave unticked to limit it to those below.",
    )
    locales = ContentLocalesField(
        "languages", help_text="The languages the key may ask for (?locale=...)."
    )
    allowed_origins = OriginsField(
        help_text=(
            "Websites that may call the API with this key from a browser, one per line, e.g. "
            "https://www.esch.lu. Leave empty for an app or kiosk that doesn't run in a browser."
        ),
    )
    requests_per_minute = models.PositiveIntegerField(
        default=600,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text="Requests above this number within a minute are refused (429).",
    )
    # A kiosk stands in one place: "nearest" counts from there, never from the browser.
    kiosk_latitude = models.FloatField(
        "latitude",
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Kiosks only: where the kiosk stands (e.g. 50.8467), for 'nearest first'.",
    )
    kiosk_longitude = models.FloatField(
        "longitude",
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Kiosks only: e.g. 4.3525.",
    )
    key_prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Updated at most once a minute.",
    )

    objects = ConsumerKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "consumer key"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def status(self) -> str:
        return "Revoked" if self.is_revoked else "Active"

    def set_new_key(self) -> str:
        """Give the key a new secret; returns the raw key, which is not kept anywhere."""
        self.key_prefix, raw_key = generate_key()
        self.key_hash = hash_key(raw_key)
        return raw_key

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def clean(self) -> None:
        super().clean()
        if not self.all_locales and not self.locales:
            raise ValidationError(
                {"locales": "Tick 'every language' or choose the languages the key may read."}
            )
        placed = (self.kiosk_latitude is not None, self.kiosk_longitude is not None)
        if any(placed) and (self.kind != self.Kind.KIOSK or not all(placed)):
            raise ValidationError(
                {"kiosk_latitude": "Only a kiosk has a place: give its latitude and longitude."}
            )


class CitySettings(ClusterableModel):
    """A city's own settings for its widgets and kiosks: the quick-exit target and the safety
    and privacy notices, in its languages, over the site's safety settings (what a city leaves
    empty falls back to the site's). The city's coordinators keep them, with the toolbox the
    city adopted (``api.city_settings_admin``).
    """

    city = models.OneToOneField(
        "core.City",
        on_delete=models.CASCADE,
        related_name="own_settings",
        help_text="The city whose widgets and kiosks show these.",
    )
    quick_exit_url = models.URLField(
        blank=True,
        help_text=(
            "Where the quick-exit button of this city's widgets and kiosks sends a reader: a "
            "neutral, everyday page that loads fast (https://). Empty: the site's."
        ),
    )

    class Meta:
        verbose_name = "city settings"
        verbose_name_plural = "city settings"

    def __str__(self) -> str:
        return f"Settings of {self.city}"

    def clean(self) -> None:
        super().clean()
        if self.quick_exit_url and not self.quick_exit_url.startswith("https://"):
            raise ValidationError({"quick_exit_url": "The quick-exit target must use https://."})


class CityNotice(Orderable):
    """The city's safety and privacy notices in one language; an empty one is the site's."""

    settings = ParentalKey(CitySettings, on_delete=models.CASCADE, related_name="notices")
    locale = models.CharField("language", max_length=20, choices=content_language_choices)
    safety_notice = RichTextField(
        features=NOTICE_FEATURES,
        blank=True,
        help_text="Shown on the start screen: how to leave quickly, how to clear the history.",
    )
    privacy_notice = RichTextField(
        features=NOTICE_FEATURES,
        blank=True,
        help_text="What the widgets and kiosks do not collect, in this city's words.",
    )

    panels = [FieldPanel("locale"), FieldPanel("safety_notice"), FieldPanel("privacy_notice")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "locale"], name="one_city_notice_per_language"
            )
        ]


# A model of this app kept in its own module (api/persisted_documents.py).
from api.persisted_documents import PersistedDocument  # noqa: E402, F401
