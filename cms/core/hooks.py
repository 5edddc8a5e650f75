"""The names of the hooks ``cms.core`` offers other apps (registered with ``wagtail.hooks``).

``EQUALCITY_MENU_HOOK``: a function returning the app's snippet viewsets for the one
"Equalcity" admin menu, for example::

    @hooks.register(EQUALCITY_MENU_HOOK)
    def equalcity_menu_items():
        return [SafeSpaceViewSet, HelplineViewSet]

The menu lists them by ``menu_order``. Apps import this module, never ``cms.core``'s admin.
"""

EQUALCITY_MENU_HOOK = "register_equalcity_menu_items"
