"""The quick-exit target every widget and kiosk reads: ``/api/v1/widgets/safety``."""

import pytest

from cms.core.models import SafetySettings

from .conftest import Api

pytestmark = pytest.mark.django_db

SAFETY = "/api/v1/widgets/safety"


def test_widgets_read_the_quick_exit_target_the_editors_set(api):
    settings = SafetySettings.load()
    settings.quick_exit_url = "https://weather.example.org/today"
    settings.save()

    response = api.get(SAFETY)

    assert response.status_code == 200
    assert response.json() == {"quick_exit_url": "https://weather.example.org/today"}
    assert response["Cache-Control"] == "private, max-age=60"


def test_the_quick_exit_target_needs_a_key():
    response = Api().get(SAFETY)

    assert response.status_code == 401
    assert response.json()["code"] == "key_required"
