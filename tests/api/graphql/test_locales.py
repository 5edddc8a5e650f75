"""The locales query: every content language with a locale row, its native name and direction."""

import json

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.support import graphql

pytestmark = pytest.mark.django_db

LOCALES = "{ locales { code name nativeName direction isDefault } }"


def execute(query: str) -> dict:
    response = graphql.post_body(json.dumps({"query": query}))
    assert response.status_code == 200, response.content
    return response.json()


def test_locales_lists_every_content_language_default_first():
    locales = execute(LOCALES)["data"]["locales"]

    assert [locale["code"] for locale in locales] == [
        code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES
    ]
    assert locales[0] == {
        "code": "en",
        "name": "English",
        "nativeName": "English",
        "direction": "LTR",
        "isDefault": True,
    }
    assert [locale["code"] for locale in locales if locale["isDefault"]] == ["en"]


def test_locales_give_native_names_and_right_to_left_directions():
    by_code = {locale["code"]: locale for locale in execute(LOCALES)["data"]["locales"]}

    assert by_code["fr"]["nativeName"] == "français"
    assert by_code["lb"]["nativeName"] == "Lëtzebuergesch"
    assert (by_code["ar"]["direction"], by_code["fa"]["direction"]) == ("RTL", "RTL")
    assert by_code["prs"] == {
        "code": "prs",
        "name": "Dari",
        "nativeName": "دری",
        "direction": "RTL",
        "isDefault": False,
    }
    assert (by_code["ti"]["nativeName"], by_code["so"]["nativeName"]) == ("ትግርኛ", "Soomaali")
    assert by_code["uk"]["direction"] == "LTR"


def test_a_language_without_a_locale_row_is_not_listed():
    Locale.objects.filter(language_code="so").delete()

    codes = [locale["code"] for locale in execute(LOCALES)["data"]["locales"]]

    assert "so" not in codes and "ti" in codes


def test_locales_cost_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        execute(LOCALES)
