"""Demo vocabularies, partner organisations and cities.

Codes and slugs are the stable keys: the seed command finds an existing row by them and leaves
it untouched, so editors may rename or reword a term without a re-run undoing their change.
"""

# (code, name, description)
AUDIENCES: list[tuple[str, str, str]] = [
    (
        "lgbtqi-persons",
        "LGBTQI+ persons",
        "Lesbian, gay, bisexual, trans, intersex and queer people with a migration background.",
    ),
    (
        "migrant-women-and-girls",
        "Migrant women and girls",
        "Women and girls who are newly arrived, refugees, asylum seekers or from settled "
        "migrant communities.",
    ),
    (
        "unaccompanied-minors",
        "Unaccompanied minors",
        "Children who arrived without a parent or legal carer, on their way to adulthood.",
    ),
    ("parents", "Parents", "Mothers, fathers and carers in migrant communities."),
    (
        "frontline-workers",
        "Frontline workers",
        "Staff of reception centres, social offices, police and health services who meet "
        "victims first.",
    ),
    (
        "legal-guardians",
        "Legal guardians",
        "Volunteer and professional guardians appointed for unaccompanied children.",
    ),
    ("social-workers", "Social workers", "Social workers in public services and NGOs."),
    (
        "cultural-mediators",
        "Cultural mediators",
        "Intercultural mediators and interpreters who work between services and communities.",
    ),
    ("police", "Police officers", "Officers who receive reports and refer victims."),
    (
        "health-professionals",
        "Health professionals",
        "Doctors, nurses, midwives and psychologists.",
    ),
    (
        "community-educators",
        "Community educators",
        "Educators and youth workers in community centres and schools.",
    ),
    (
        "public-service-staff",
        "Public service staff",
        "Front-desk and case staff of city services who may host a safe space.",
    ),
]

# (code, name, description)
CONTENT_WARNINGS: list[tuple[str, str, str]] = [
    (
        "sexual-violence",
        "Sexual violence",
        "Describes rape, sexual assault or sexual exploitation.",
    ),
    (
        "domestic-violence",
        "Domestic violence",
        "Describes violence between partners or within a family.",
    ),
    ("child-abuse", "Child abuse", "Describes violence against or neglect of children."),
    (
        "honour-based-violence",
        "Honour-based violence",
        "Describes control, threats or violence justified by a family's honour.",
    ),
    ("self-harm", "Self-harm", "Mentions self-harm or thoughts of suicide."),
    (
        "discrimination",
        "Discrimination and hate",
        "Describes homophobia, transphobia, racism or other hostility.",
    ),
    (
        "trafficking",
        "Trafficking and exploitation",
        "Describes human trafficking or forced labour.",
    ),
]

# (code, name, description): HSDS taxonomy terms for safe spaces.
SERVICE_CATEGORIES: list[tuple[str, str, str]] = [
    ("health", "Health", "Health centres, hospitals, sexual assault care and family planning."),
    ("police", "Police", "Police stations and victim assistance units."),
    ("social-services", "Social services", "Public social welfare offices and case work."),
    (
        "housing-and-shelter",
        "Housing and shelter",
        "Emergency shelters and supported housing, often at a confidential address.",
    ),
    ("legal-aid", "Legal aid", "Free legal advice on residence, protection orders and rights."),
    ("counselling", "Counselling", "Psychological and psychosocial support."),
    ("community-centre", "Community centre", "Community and neighbourhood centres."),
    ("helpline", "Helpline", "Services reached first by phone or chat."),
    (
        "reception-centre",
        "Reception centre",
        "Centres that house and support applicants for international protection.",
    ),
    ("education", "Education", "Schools, language classes and youth education."),
]

# key -> fields. The key is what toolboxes, cities and safe spaces use to refer to it.
ORGANISATIONS: dict[str, dict] = {
    "iom": {
        "name": "International Organization for Migration (IOM)",
        "kind": "international",
        "website": "https://www.iom.int/",
        "description": (
            "The United Nations migration agency. Its Belgium and Luxembourg office leads "
            "Equalcity and supports the four partner cities and the trainee cities."
        ),
    },
    "rainbowhouse": {
        "name": "RainbowHouse Brussels",
        "kind": "ngo",
        "website": "https://rainbowhouse.be/",
        "description": (
            "An umbrella of LGBTQI+ associations in Brussels. It built the safe-space "
            "toolbox with the city and IOM."
        ),
    },
    "fed": {
        "name": "Femmes en Détresse A.S.B.L.",
        "kind": "ngo",
        "website": "https://fed.lu/",
        "description": (
            "A Luxembourg association that shelters and supports women and girls who face "
            "violence. It shaped the training for frontline workers."
        ),
    },
    "sapienza": {
        "name": "Sapienza University of Rome",
        "kind": "university",
        "website": "https://www.uniroma1.it/",
        "description": (
            "A public university in Rome. Its researchers designed and evaluated the "
            "mindfulness-based training of the Rome toolbox."
        ),
    },
    "etna": {
        "name": "NGO ETNA – Progetto di Etnopsicologia Analitica",
        "kind": "ngo",
        "website": "",
        "description": (
            "A Rome association working in ethnopsychology. It brought intercultural clinical "
            "practice with young migrants to the Rome manuals."
        ),
    },
    "city-brussels": {
        "name": "Brussels-Capital Region",
        "kind": "city",
        "website": "https://be.brussels/",
        "description": "The regional administration that piloted the safe-space toolbox.",
    },
    "city-luxembourg": {
        "name": "City of Luxembourg",
        "kind": "city",
        "website": "https://www.vdl.lu/",
        "description": (
            "The city administration that piloted the toolbox on violence against migrant "
            "women and girls."
        ),
    },
    "city-rome": {
        "name": "City of Rome",
        "kind": "city",
        "website": "https://www.comune.roma.it/",
        "description": (
            "The city administration (Roma Capitale) that piloted the mindfulness-based "
            "training for those who care for unaccompanied minors."
        ),
    },
    "city-gothenburg": {
        "name": "City of Gothenburg",
        "kind": "city",
        "website": "https://goteborg.se/",
        "description": (
            "The city administration that piloted the dialogues with parents in migrant "
            "communities."
        ),
    },
}

# slug -> fields. ``toolbox`` is the slug of the toolbox page the city leads or adopted.
# Emergency numbers: 112 everywhere, plus the national police numbers (Belgium 101,
# Luxembourg 113, Italy 113) and Sweden's non-emergency police line 114 14.
CITIES: dict[str, dict] = {
    "brussels": {
        "name": "Brussels",
        "country": "BE",
        "timezone": "Europe/Brussels",
        "role": "partner",
        "languages": ["fr", "nl", "en"],
        "toolbox": "safe-spaces-for-lgbtqi-people",
        "emergency_numbers": [
            ("Emergency (ambulance, fire, police)", "112"),
            ("Police", "101"),
        ],
    },
    "luxembourg": {
        "name": "Luxembourg",
        "country": "LU",
        "timezone": "Europe/Luxembourg",
        "role": "partner",
        "languages": ["lb", "fr", "de", "en", "pt"],
        "toolbox": "violence-against-migrant-women-and-girls",
        "emergency_numbers": [
            ("Emergency (ambulance, fire)", "112"),
            ("Police", "113"),
        ],
    },
    "rome": {
        "name": "Rome",
        "country": "IT",
        "timezone": "Europe/Rome",
        "role": "partner",
        "languages": ["it", "en"],
        "toolbox": "mindfulness-for-unaccompanied-minors-and-their-carers",
        "emergency_numbers": [
            ("Single emergency number", "112"),
            ("Police", "113"),
        ],
    },
    "gothenburg": {
        "name": "Gothenburg",
        "country": "SE",
        "timezone": "Europe/Stockholm",
        "role": "partner",
        "languages": ["sv", "en"],
        "toolbox": "dialogues-with-parents",
        "emergency_numbers": [
            ("Emergency (ambulance, fire, police)", "112"),
            ("Police, when it is not an emergency", "114 14"),
        ],
    },
    # Trainee cities: each adopted one of the four toolboxes.
    "antwerp": {
        "name": "Antwerp",
        "country": "BE",
        "timezone": "Europe/Brussels",
        "role": "trainee",
        "languages": ["nl", "en"],
        "toolbox": "safe-spaces-for-lgbtqi-people",
        "emergency_numbers": [("Emergency", "112"), ("Police", "101")],
    },
    "liege": {
        "name": "Liège",
        "country": "BE",
        "timezone": "Europe/Brussels",
        "role": "trainee",
        "languages": ["fr"],
        "toolbox": "violence-against-migrant-women-and-girls",
        "emergency_numbers": [("Emergency", "112"), ("Police", "101")],
    },
    "esch-sur-alzette": {
        "name": "Esch-sur-Alzette",
        "country": "LU",
        "timezone": "Europe/Luxembourg",
        "role": "trainee",
        "languages": ["lb", "fr", "de", "pt"],
        "toolbox": "violence-against-migrant-women-and-girls",
        "emergency_numbers": [("Emergency", "112"), ("Police", "113")],
    },
    "bologna": {
        "name": "Bologna",
        "country": "IT",
        "timezone": "Europe/Rome",
        "role": "trainee",
        "languages": ["it"],
        "toolbox": "mindfulness-for-unaccompanied-minors-and-their-carers",
        "emergency_numbers": [("Emergency", "112")],
    },
    "palermo": {
        "name": "Palermo",
        "country": "IT",
        "timezone": "Europe/Rome",
        "role": "trainee",
        "languages": ["it"],
        "toolbox": "mindfulness-for-unaccompanied-minors-and-their-carers",
        "emergency_numbers": [("Emergency", "112")],
    },
    "malmo": {
        "name": "Malmö",
        "country": "SE",
        "timezone": "Europe/Stockholm",
        "role": "trainee",
        "languages": ["sv"],
        "toolbox": "dialogues-with-parents",
        "emergency_numbers": [("Emergency", "112"), ("Police, non-emergency", "114 14")],
    },
    "ghent": {
        "name": "Ghent",
        "country": "BE",
        "timezone": "Europe/Brussels",
        "role": "trainee",
        "languages": ["nl"],
        "toolbox": "safe-spaces-for-lgbtqi-people",
        "emergency_numbers": [("Emergency", "112"), ("Police", "101")],
    },
    "lisbon": {
        "name": "Lisbon",
        "country": "PT",
        "timezone": "Europe/Lisbon",
        "role": "trainee",
        "languages": ["pt"],
        "toolbox": "dialogues-with-parents",
        "emergency_numbers": [("Emergency", "112")],
    },
}

PARTNER_CITY_SLUGS = ["brussels", "luxembourg", "rome", "gothenburg"]
