"""The demo helplines: the real national lines and invented city lines (see
``cms.demo.content.safe_spaces``)."""

# Helplines: key -> fields. ``city`` set means a city helpline.
HELPLINES: dict[str, dict] = {
    # Real national lines.
    "be-1712": {
        "name": "1712: violence, abuse and child abuse (Flanders and Brussels)",
        "scope": "national",
        "country": "BE",
        "number": "1712",
        "description": "Listens to anyone with a question about violence, abuse or child abuse, "
        "victims, witnesses and professionals alike, and says where to go next.",
        "hours_description": "Weekdays 9:00-17:00",
        "languages": ["nl"],
    },
    "be-ecoute-violences-conjugales": {
        "name": "Écoute violences conjugales",
        "scope": "national",
        "country": "BE",
        "number": "0800 30 030",
        "description": "The French-speaking helpline on violence between partners: listening, "
        "information and referral, anonymous and free.",
        "hours_description": "Day and night",
        "available_24_7": True,
        "languages": ["fr"],
    },
    "be-child-focus": {
        "name": "Child Focus: missing and sexually exploited children",
        "scope": "national",
        "country": "BE",
        "number": "116 000",
        "description": "Reports of missing children and of sexual exploitation of children.",
        "hours_description": "Day and night",
        "available_24_7": True,
        "languages": ["fr", "nl", "en"],
    },
    "lu-helpline-violence": {
        "name": "Helpline violence domestique",
        "scope": "national",
        "country": "LU",
        "number": "2060 1060",
        "description": "Luxembourg's helpline for victims and witnesses of domestic violence; "
        "it refers callers to the services that can help.",
        "hours_description": "Every day, 12:00-20:00",
        "languages": ["lb", "fr", "de", "en", "pt"],
    },
    "lu-kjt": {
        "name": "Kanner-Jugendtelefon",
        "scope": "national",
        "country": "LU",
        "number": "116 111",
        "description": "A line where children and young people can talk about anything, "
        "anonymously.",
        "hours_description": "See the service for today's hours",
        "languages": ["lb", "fr", "de", "en"],
    },
    "it-1522": {
        "name": "1522: anti-violence and stalking helpline",
        "scope": "national",
        "country": "IT",
        "number": "1522",
        "description": "Italy's public helpline for victims of violence and stalking; it "
        "connects callers with the anti-violence centre nearest to them.",
        "hours_description": "Day and night",
        "available_24_7": True,
        "languages": ["it", "en", "fr", "es", "ar"],
    },
    "it-114": {
        "name": "114 Emergenza Infanzia",
        "scope": "national",
        "country": "IT",
        "number": "114",
        "description": "For anyone who wants to report a child in danger.",
        "hours_description": "Day and night",
        "available_24_7": True,
        "languages": ["it"],
    },
    "se-kvinnofridslinjen": {
        "name": "Kvinnofridslinjen",
        "scope": "national",
        "country": "SE",
        "number": "020 50 50 50",
        "description": "Sweden's national helpline for women subjected to violence, and for "
        "people close to them. Interpreters can join the call.",
        "hours_description": "Day and night",
        "available_24_7": True,
        "languages": ["sv", "en"],
    },
    "se-victim-support": {
        "name": "Victim Support Sweden (Brottsofferjouren)",
        "scope": "national",
        "country": "SE",
        "number": "116 006",
        "description": "Support for victims of crime and witnesses, whether or not they report.",
        "hours_description": "Weekdays, see the service for hours",
        "languages": ["sv", "en"],
    },
    "se-bris": {
        "name": "BRIS: children's helpline",
        "scope": "national",
        "country": "SE",
        "number": "116 111",
        "description": "Children and young people under 18 can call, chat or write.",
        "hours_description": "Every day",
        "languages": ["sv"],
    },
    # City lines (invented, see the module docstring).
    "brussels-safe-space-line": {
        "name": "Brussels safe-space coordination line",
        "scope": "city",
        "city": "brussels",
        "country": "BE",
        "number": "+32 2 279 35 60",
        "description": "For staff of public services: how to receive an LGBTQI+ person safely "
        "and which safe space to refer to.",
        "hours_description": "Weekdays 9:00-16:00",
        "languages": ["fr", "nl", "en"],
    },
    "luxembourg-frontline-line": {
        "name": "Luxembourg frontline advice line",
        "scope": "city",
        "city": "luxembourg",
        "country": "LU",
        "number": "+352 47 96 29 90",
        "description": "Advice for frontline workers who support a woman facing violence: "
        "which service, which steps, which documents.",
        "hours_description": "Weekdays 8:30-16:30",
        "languages": ["lb", "fr", "de", "en"],
    },
    "rome-guardians-line": {
        "name": "Rome guardians' support line",
        "scope": "city",
        "city": "rome",
        "country": "IT",
        "number": "+39 06 6710 4480",
        "description": "For volunteer guardians and social workers of unaccompanied minors who "
        "need advice after a disclosure.",
        "hours_description": "Weekdays 10:00-18:00",
        "languages": ["it", "en"],
    },
    "gothenburg-parents-line": {
        "name": "Gothenburg parents' line",
        "scope": "city",
        "city": "gothenburg",
        "country": "SE",
        "number": "+46 31 390 06 50",
        "description": "Parents can ask about raising children in Sweden, worries at home and "
        "where to find support; interpreters can be booked.",
        "hours_description": "Mon-Thu 13:00-19:00",
        "languages": ["sv", "ar", "so", "ti", "prs"],
    },
}
