"""The safety settings of the demo: the site's quick exit and notices, and the partner cities'
own, in English, French and Arabic. Plain words: what to press, what is not kept."""

SITE = {
    "quick_exit_url": "https://www.wikipedia.org/",
    "safety_notice": (
        "<p>If someone may see your screen, press <b>Quick exit</b> or Escape twice: this page "
        "is replaced by another at once.</p><p>Afterwards, close this window. On a shared "
        "device, use a private window next time.</p>"
    ),
    "privacy_notice": (
        "<p>You don't need an account. We keep nothing about you: no name, no location, no "
        "searches, no cookies. Your position, if you share it, is used for one search and "
        "then forgotten.</p>"
    ),
}

# By city slug: the city's quick exit (its everyday weather page) and notices by language.
CITIES: dict[str, dict] = {
    "brussels": {
        "quick_exit_url": "https://www.meteo.be/fr/bruxelles",
        "notices": {
            "en": {
                "safety_notice": (
                    "<p>Press <b>Quick exit</b> or Escape twice to leave this page at once. In "
                    "danger now, call 112. Brussels' listening line for violence is free and "
                    "anonymous.</p>"
                ),
                "privacy_notice": (
                    "<p>The City of Brussels keeps nothing about you: no name, no location, no "
                    "searches.</p>"
                ),
            },
            "fr": {
                "safety_notice": (
                    "<p>Appuyez sur <b>Sortie rapide</b> ou deux fois sur Échap pour quitter "
                    "cette page tout de suite. En danger, appelez le 112. La ligne d'écoute "
                    "bruxelloise est gratuite et anonyme.</p>"
                ),
                "privacy_notice": (
                    "<p>La Ville de Bruxelles ne garde rien sur vous : ni nom, ni position, ni "
                    "recherches.</p>"
                ),
            },
            "ar": {
                "safety_notice": (
                    "<p>اضغط <b>خروج سريع</b> أو مفتاح Escape مرتين لمغادرة هذه الصفحة فورًا. "
                    "إذا كنت في خطر الآن، اتصل بالرقم 112.</p>"
                ),
                "privacy_notice": (
                    "<p>لا تحتفظ مدينة بروكسل بأي شيء عنك: لا اسم ولا موقع ولا بحث.</p>"
                ),
            },
        },
    },
    "luxembourg": {
        "quick_exit_url": "https://www.meteolux.lu/",
        "notices": {
            "en": {
                "safety_notice": (
                    "<p>Press <b>Quick exit</b> or Escape twice to leave at once. In danger now, "
                    "call 112 or the police on 113.</p>"
                ),
                "privacy_notice": "<p>Nothing about you is kept: no name, no location.</p>",
            },
            "fr": {
                "safety_notice": (
                    "<p>Appuyez sur <b>Sortie rapide</b> ou deux fois sur Échap pour partir tout "
                    "de suite. En danger, appelez le 112 ou la police au 113.</p>"
                ),
                "privacy_notice": "<p>Rien n'est gardé sur vous : ni nom, ni position.</p>",
            },
            "ar": {
                "safety_notice": (
                    "<p>اضغط <b>خروج سريع</b> أو Escape مرتين للمغادرة فورًا. إذا كنت في خطر، "
                    "اتصل بالرقم 112 أو بالشرطة على 113.</p>"
                ),
                "privacy_notice": "<p>لا يُحفظ أي شيء عنك: لا اسم ولا موقع.</p>",
            },
        },
    },
    "rome": {
        "quick_exit_url": "https://www.meteoam.it/it/roma",
        "notices": {
            "en": {
                "safety_notice": (
                    "<p>Press <b>Quick exit</b> or Escape twice to leave at once. In danger now, "
                    "call 112; the anti-violence line 1522 is free, day and night.</p>"
                ),
                "privacy_notice": "<p>Rome keeps nothing about you: no name, no location.</p>",
            },
            "fr": {
                "safety_notice": (
                    "<p>Appuyez sur <b>Sortie rapide</b> ou deux fois sur Échap pour partir tout "
                    "de suite. En danger, appelez le 112 ; la ligne 1522 est gratuite, jour et "
                    "nuit.</p>"
                ),
                "privacy_notice": "<p>Rome ne garde rien sur vous : ni nom, ni position.</p>",
            },
            "ar": {
                "safety_notice": (
                    "<p>اضغط <b>خروج سريع</b> أو Escape مرتين للمغادرة فورًا. في حالة الخطر اتصل "
                    "بالرقم 112؛ الخط 1522 مجاني ليلًا ونهارًا.</p>"
                ),
                "privacy_notice": "<p>لا تحتفظ روما بأي شيء عنك: لا اسم ولا موقع.</p>",
            },
        },
    },
    "gothenburg": {
        "quick_exit_url": "https://www.smhi.se/vader/prognoser/ortsprognoser/q/G%C3%B6teborg/2711537",
        "notices": {
            "en": {
                "safety_notice": (
                    "<p>Press <b>Quick exit</b> or Escape twice to leave at once. In danger now, "
                    "call 112. Kvinnofridslinjen, 020-50 50 50, is free and does not show on "
                    "the phone bill.</p>"
                ),
                "privacy_notice": (
                    "<p>Gothenburg keeps nothing about you: no name, no location.</p>"
                ),
            },
            "fr": {
                "safety_notice": (
                    "<p>Appuyez sur <b>Sortie rapide</b> ou deux fois sur Échap pour partir tout "
                    "de suite. En danger, appelez le 112.</p>"
                ),
                "privacy_notice": "<p>Göteborg ne garde rien sur vous : ni nom, ni position.</p>",
            },
            "ar": {
                "safety_notice": (
                    "<p>اضغط <b>خروج سريع</b> أو Escape مرتين للمغادرة فورًا. في حالة الخطر اتصل "
                    "بالرقم 112.</p>"
                ),
                "privacy_notice": "<p>لا تحتفظ غوتنبرغ بأي شيء عنك: لا اسم ولا موقع.</p>",
            },
        },
    },
}
