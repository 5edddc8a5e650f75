"""Phone numbers are stored E.164 and served with the two forms readers dial: national and
international, in REST, GraphQL and the HSDS export alike."""

import pytest

from cms.core.factories import CityFactory
from cms.core.validators import phone_display_forms
from safe_spaces.factories import HelplineFactory
from tests.api.keys import make_key
from tests.api.rest.conftest import Api
from tests.support import graphql


@pytest.mark.parametrize(
    ("stored", "national", "international"),
    [
        ("+3225550123", "02 555 01 23", "+32 2 555 01 23"),
        ("+390612345678", "06 1234 5678", "+39 06 1234 5678"),
        ("+46313654000", "031-365 40 00", "+46 31 365 40 00"),
        ("1712", "1712", "1712"),
        ("112", "112", "112"),
        ("+999", "+999", "+999"),
        ("", "", ""),
        (None, "", ""),
    ],
)
def test_the_display_forms_of_a_stored_number(stored, national, international):
    assert phone_display_forms(stored) == (national, international)


@pytest.mark.django_db
def test_a_helpline_is_served_with_both_forms_in_rest_and_graphql(db):
    CityFactory(name="Brussels", slug="brussels", country="BE")
    HelplineFactory(name="Night line", number="+3225550123", country="BE")
    _, raw = make_key()

    rest = Api(raw).get("/api/v1/widgets/helplines", {"city": "brussels"}).json()
    served = graphql.data("{ helplines { number numberNational numberInternational } }")

    assert served["helplines"] == [
        {
            "number": "+3225550123",
            "numberNational": "02 555 01 23",
            "numberInternational": "+32 2 555 01 23",
        }
    ]
    assert [
        (line["number"], line["number_national"], line["number_international"])
        for line in rest["helplines"]
    ] == [("+3225550123", "02 555 01 23", "+32 2 555 01 23")]
