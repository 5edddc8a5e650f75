"""Admin hooks of the API app: consumer keys and the cities' safety settings in the Equalcity
menu, the log entry of a revoked key."""

from wagtail import hooks

from cms.core.hooks import EQUALCITY_MENU_HOOK

from .city_settings_admin import CitySettingsViewSet
from .viewsets import ConsumerKeyViewSet


@hooks.register("register_log_actions")
def register_consumer_key_actions(actions):
    actions.register_action(
        "equalcity.consumer_key.revoke", "Revoke consumer key", "Consumer key revoked"
    )


@hooks.register(EQUALCITY_MENU_HOOK)
def equalcity_menu_items():
    return [ConsumerKeyViewSet, CitySettingsViewSet]
