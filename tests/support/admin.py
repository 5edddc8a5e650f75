"""Admin form helpers: the errors a form shows, and the data an unchanged editor form posts."""

from typing import Any

from django.http import HttpResponse
from django.utils.html import escape
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

EDITOR_FORM_ID = "w-editor-form"


def form_errors(response: Any) -> dict[str, list[str]]:
    """Every error of the admin form in ``response``, by field.

    Inline rows are keyed like their inputs: ``regular_schedule-0-closes_at``.
    """
    form = response.context["form"]
    errors = {field: list(messages) for field, messages in form.errors.items()}
    for name, formset in getattr(form, "formsets", {}).items():
        for index, child in enumerate(formset.forms):
            for field, messages in child.errors.items():
                errors[f"{name}-{index}-{field}"] = list(messages)
    return errors


def assert_form_error(response: HttpResponse, field: str, message: str) -> None:
    """The admin answered with its form again, showing ``message`` on ``field``."""
    assert response.status_code == 200
    assert message in form_errors(response).get(field, []), form_errors(response)
    assert escape(message) in response.content.decode()


def editor_form_data(html: str):
    """The data the admin editor form would submit unchanged, as a mutable QueryDict.

    ``querydict_from_html`` posts a ticked checkbox without a ``value`` attribute (how Django
    renders a True BooleanField) as "", which Django reads as unticked; it is posted as "on".
    """
    data = querydict_from_html(html, form_id=EDITOR_FORM_ID)
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"id": EDITOR_FORM_ID})
    for checkbox in form.find_all("input", type="checkbox", checked=True):
        if checkbox.get("name") and "value" not in checkbox.attrs:
            data[checkbox["name"]] = "on"
    return data
