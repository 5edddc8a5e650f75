"""The demo site's home and toolbox index pages, and the images and documents the toolboxes
show (drawn and written by the seed command)."""

HOME_PAGE = {
    "title": "Equalcity",
    "slug": "equalcity",
    "introduction": (
        "Tools for cities and their partners to reach migrant victims of sexual and "
        "gender-based violence, and places where anyone can ask for help safely."
    ),
}

TOOLBOX_INDEX_PAGE = {
    "title": "Toolboxes",
    "slug": "toolboxes",
    "introduction": (
        "Four toolboxes, each piloted by a partner city with its partners and now used by "
        "trainee cities across Europe."
    ),
}

# key -> (title, description, drawing). ``drawing`` names a picture the seed command draws
# with Pillow; the description is the image's alt text.
IMAGES: dict[str, tuple[str, str, str]] = {
    "campaign-poster": (
        "Awareness campaign poster",
        "A poster with rainbow stripes around an open door and the words 'You are welcome here'.",
        "open_door",
    ),
    "family-table": (
        "Dialogue image: a family around a table",
        "Drawing of two adults and two children sitting around a kitchen table.",
        "family_table",
    ),
    "two-homes": (
        "Dialogue image: two homes",
        "Drawing of two houses far apart, joined by a dotted path.",
        "two_homes",
    ),
    "school-gate": (
        "Dialogue image: at the school gate",
        "Drawing of a parent holding a child's hand at a school gate.",
        "school_gate",
    ),
    "helping-hands": (
        "Dialogue image: reaching out",
        "Drawing of two open hands reaching towards each other.",
        "helping_hands",
    ),
    "closed-door": (
        "Dialogue image: a closed door",
        "Drawing of a closed front door with a small child sitting in front of it.",
        "closed_door",
    ),
}

# key -> document. ``kind`` is ``pdf`` (a one-page summary the seed command writes from
# ``lines``) or ``audio`` (a short silent recording standing in for the guided exercise).
DOCUMENTS: dict[str, dict] = {
    "brussels-best-practice-guide": {
        "title": "Safe spaces for LGBTQI+ people: best-practice guide (summary)",
        "file_name": "brussels-best-practice-guide.pdf",
        "kind": "pdf",
        "lines": [
            "1. Show that the service is safe: signs, forms, a private room.",
            "2. Name two trained contact persons.",
            "3. Never out anyone; record only what the help requires.",
            "4. Know where to refer, and go with the person if they wish.",
            "5. Keep the safe-space listing up to date.",
        ],
    },
    "luxembourg-support-services-annex": {
        "title": "Support services for migrant women and girls (annex)",
        "file_name": "luxembourg-support-services-annex.pdf",
        "kind": "pdf",
        "lines": [
            "Emergency: 112. Police: 113.",
            "Helpline violence domestique: 2060 1060, every day.",
            "Kanner-Jugendtelefon: 116 111, for children and young people.",
            "Counselling, shelters and legal advice: see the safe-space listings.",
        ],
    },
    "rome-guardians-manual": {
        "title": "Manual for volunteer legal guardians (summary)",
        "file_name": "rome-guardians-manual.pdf",
        "kind": "pdf",
        "lines": [
            "Write down facts: dates, what you saw and heard.",
            "Ask the guardians' support line for advice.",
            "Report to social services; in danger, call 112.",
            "Ask for the protected hearing room for any interview.",
            "Look after yourself: the mindfulness module is for you too.",
        ],
    },
    "rome-body-scan-audio": {
        "title": "Guided exercise: a short body scan (recording)",
        "file_name": "rome-body-scan.mp3",
        "kind": "audio",
        "lines": [],
    },
}
