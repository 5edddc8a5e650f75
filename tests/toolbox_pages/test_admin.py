"""Validation rules of toolboxes and modules as editors meet them in the page editor."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.core.factories import DocumentFactory, ImageFactory
from safe_spaces.factories import SafeSpaceFactory
from toolbox_pages.factories import ToolboxPageFactory
from toolbox_pages.models import ModulePage, ToolboxPage

pytestmark = pytest.mark.django_db


def add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def module_form_data(body) -> dict:
    return nested_form_data(
        {
            "title": "Listening to a disclosure",
            "slug": "listening",
            "summary": "What to say first.",
            "duration_minutes": "45",
            "learning_objectives": streamfield([]),
            "body": streamfield(body),
        }
    )


def test_testimony_without_consent_is_a_module_form_error(admin_client, toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    body = [("testimony_quote", {"quote": "Nobody believed me.", "attribution": "A woman, Rome"})]

    response = admin_client.post(add_url(ModulePage, toolbox), module_form_data(body))

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "A testimony can be published only when consent is recorded." in (
        response.content.decode()
    )
    assert ModulePage.objects.count() == 0


def test_testimony_with_consent_is_saved_from_the_module_form(admin_client, toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    body = [
        (
            "testimony_quote",
            {
                "quote": "Nobody believed me.",
                "attribution": "A woman, Rome",
                "consent_recorded": "1",
            },
        )
    ]

    response = admin_client.post(add_url(ModulePage, toolbox), module_form_data(body))

    module = ModulePage.objects.get(slug="listening")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[module.pk])
    assert module.body[0].value["quote"] == "Nobody believed me."


def test_exercise_with_audio_and_no_transcript_is_a_module_form_error(admin_client, toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    exercise = {
        "kind": "mindfulness",
        "title": "Three breaths",
        "instructions": rich_text("<p>Sit comfortably.</p>"),
        "duration_minutes": "5",
        "audio": str(DocumentFactory().pk),
        "transcript": "",
    }

    response = admin_client.post(
        add_url(ModulePage, toolbox), module_form_data([("exercise", exercise)])
    )

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "An exercise with an audio recording needs its transcript." in (
        response.content.decode()
    )
    assert ModulePage.objects.count() == 0


def test_safe_space_reference_is_kept_when_the_module_is_saved(admin_client, toolbox_index):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    space = SafeSpaceFactory(name="Law clinic")
    reference = {"safe_space": str(space.pk), "note": "Free first consultation."}

    response = admin_client.post(
        add_url(ModulePage, toolbox), module_form_data([("safe_space_reference", reference)])
    )

    assert response.status_code == 302
    module = ModulePage.objects.get(slug="listening")
    # The stored value is the safe space's primary key, and it reads back as the safe space,
    # from the page row and from its latest revision alike.
    assert module.body.raw_data[0]["value"]["safe_space"] == space.pk
    for body in (module.body, module.get_latest_revision_as_object().body):
        assert body[0].value["safe_space"] == space
        assert body[0].value["note"] == "Free first consultation."


@pytest.mark.parametrize(("minutes", "saved"), [("0", False), ("1", True), ("6001", False)])
def test_module_duration_bounds_in_the_module_form(admin_client, toolbox_index, minutes, saved):
    toolbox = ToolboxPageFactory(parent=toolbox_index)
    data = module_form_data([])
    data["duration_minutes"] = minutes

    response = admin_client.post(add_url(ModulePage, toolbox), data)

    assert ModulePage.objects.filter(slug="listening").exists() is saved
    if not saved:
        assert response.status_code == 200
        assert response.context["form"].errors["duration_minutes"] == [
            "Give a duration between 1 and 6000 minutes."
        ]


def toolbox_form_data(**overrides) -> dict:
    data = nested_form_data(
        {
            "title": "Safe spaces",
            "slug": "safe-spaces",
            "summary": "How a service becomes a safe space.",
            "focus": "Safe spaces for LGBTQI+ people",
            "cover_image": "",
            "cover_image_alt": "",
            "sensitivity": "public",
            "lead_city": "",
            "body": streamfield([]),
        }
    )
    data.update(overrides)
    return data


def test_cover_image_without_alt_text_is_a_toolbox_form_error(admin_client, toolbox_index):
    data = toolbox_form_data(cover_image=str(ImageFactory().pk), cover_image_alt="")

    response = admin_client.post(add_url(ToolboxPage, toolbox_index), data)

    assert response.status_code == 200
    assert response.context["form"].errors["cover_image_alt"] == [
        "Describe the cover image for readers who can't see it."
    ]
    assert "Describe the cover image for readers who can&#x27;t see it." in (
        response.content.decode()
    )
    assert ToolboxPage.objects.count() == 0


def test_cover_image_with_alt_text_is_saved_from_the_toolbox_form(admin_client, toolbox_index):
    image = ImageFactory()
    data = toolbox_form_data(cover_image=str(image.pk), cover_image_alt="A reception desk.")

    response = admin_client.post(add_url(ToolboxPage, toolbox_index), data)

    toolbox = ToolboxPage.objects.get(slug="safe-spaces")
    assert response.status_code == 302
    assert (toolbox.cover_image, toolbox.cover_image_alt) == (image, "A reception desk.")
