"""Admin hooks of the API app: the log entry of a revoked consumer key."""

from wagtail import hooks


@hooks.register("register_log_actions")
def register_consumer_key_actions(actions):
    actions.register_action(
        "equalcity.consumer_key.revoke", "Revoke consumer key", "Consumer key revoked"
    )
