"""The Brussels toolbox and its modules (see ``cms.demo.content.toolboxes``)."""

from .blocks import (
    callout,
    download,
    exercise,
    heading,
    helpline,
    image,
    ol,
    p,
    pathway,
    qa,
    safe_space,
    step,
    testimony,
    ul,
    video,
)
from .pages import IMAGES

BRUSSELS = {
    "slug": "safe-spaces-for-lgbtqi-people",
    "title": "Safe spaces for LGBTQI+ people",
    "lead_city": "brussels",
    "partners": ["iom", "rainbowhouse", "city-brussels"],
    "audiences": ["lgbtqi-persons", "public-service-staff", "frontline-workers"],
    "content_warnings": ["discrimination", "sexual-violence"],
    "sensitivity": "public",
    "cover_image": "campaign-poster",
    "cover_image_alt": IMAGES["campaign-poster"][1],
    "focus": "Safe spaces for LGBTQI+ people inside existing public services",
    "summary": (
        "How a public service can become a place where LGBTQI+ people with a migration "
        "background dare to ask for help: what a safe space is, how to run one, how to train "
        "staff and how to let people know it exists."
    ),
    "body": [
        heading("Why safe spaces"),
        (
            "paragraph",
            p(
                "Many LGBTQI+ people who arrive in Brussels have learned that being seen can be "
                "dangerous. When they face violence, at home, in a reception centre or in the "
                "street, they often tell no one, least of all an official.",
                "A safe space is not a new service. It is an existing desk, office or clinic "
                "whose staff have chosen to be a safe first contact, and who show it.",
            ),
        ),
        callout(
            "information",
            "How this toolbox was made",
            p(
                "The Brussels-Capital Region, RainbowHouse Brussels and IOM built it with an "
                "expert panel that included LGBTQI+ people with a migration background."
            ),
        ),
        testimony(
            "The sticker on the door told me I could say who I am. I did not have to test "
            "the person first.",
            "A young man, Brussels",
        ),
    ],
    "modules": [
        {
            "slug": "best-practice-guide",
            "title": "A best-practice guide to safe spaces",
            "summary": "What makes a service safe for LGBTQI+ newcomers, drawn from services "
            "that already do it.",
            "duration_minutes": 45,
            "audiences": ["public-service-staff", "frontline-workers"],
            "content_warnings": ["discrimination"],
            "learning_objectives": [
                "Describe what a safe space offers and what it does not.",
                "Name three signs that tell a visitor a service is safe for them.",
                "Recognise the specific risks LGBTQI+ migrants face in reception and at home.",
            ],
            "body": [
                heading("What a safe space is"),
                (
                    "paragraph",
                    p(
                        "A safe space is a place inside an existing service where a person can "
                        "say who they are and what happened without being judged, outed or "
                        "turned away. It has trained staff, a private place to talk and a clear "
                        "idea of where to refer someone next.",
                        "It does not replace specialised services. Its job is to receive, "
                        "listen, inform and accompany the person to the help they choose.",
                    ),
                ),
                heading("Signs that a service is safe", "h3"),
                (
                    "paragraph",
                    ul(
                        "Visible signs: a sticker, a poster, a rainbow flag at the desk.",
                        "Forms that let people give the name and pronouns they use.",
                        "A room where nobody else can hear the conversation.",
                        "Staff who do not ask about sexual orientation or gender identity "
                        "unless it matters for the help, and explain why when they do.",
                    ),
                ),
                callout(
                    "safety",
                    "Never out someone",
                    p(
                        "Do not share a person's sexual orientation or gender identity with "
                        "colleagues, family, interpreters or other residents without their "
                        "explicit consent. In some communities, being outed puts a life at risk."
                    ),
                ),
                testimony(
                    "At the social office they asked which name I wanted on my file. Nobody "
                    "had asked me that before.",
                    "A trans woman, Saint-Gilles",
                ),
                download(
                    "brussels-best-practice-guide",
                    "Best-practice guide (summary)",
                    "A printable summary of the guide for team meetings.",
                ),
            ],
        },
        {
            "slug": "managing-a-safe-space",
            "title": "Managing a safe space",
            "summary": "Day-to-day running: who does what, how to receive a visitor, how to "
            "refer and how to look after the team.",
            "duration_minutes": 60,
            "audiences": ["public-service-staff"],
            "content_warnings": ["sexual-violence", "discrimination"],
            "learning_objectives": [
                "Set up the roles and the room a safe space needs.",
                "Follow the referral pathway from first contact to specialised help.",
                "Plan regular checks of the safe-space listing.",
            ],
            "body": [
                heading("Roles and room"),
                (
                    "paragraph",
                    p(
                        "Name at least two contact persons, so the safe space does not close "
                        "when one is away. Agree on a room that can be reached without crossing "
                        "a waiting area, and on what to do if it is taken.",
                        "Keep the listing up to date: opening hours, languages and the name of "
                        "the service as visitors know it. A listing that is wrong once is not "
                        "trusted twice.",
                    ),
                ),
                pathway(
                    "From first contact to specialised help",
                    step(
                        "Receive and listen",
                        "The safe-space contact person",
                        "Offer the private room. Let the person lead; do not ask for details "
                        "of the violence.",
                    ),
                    step(
                        "Check immediate safety",
                        "The safe-space contact person",
                        "Ask whether they are safe tonight. In danger now, call 112 with "
                        "their agreement.",
                    ),
                    step(
                        "Offer options",
                        "Specialised services",
                        "Explain, in plain words, what the health, legal and housing services "
                        "can do. Give written contacts only if it is safe to carry them.",
                    ),
                    step(
                        "Accompany",
                        "A partner organisation",
                        "With the person's consent, call the service together or walk there "
                        "with them.",
                    ),
                ),
                safe_space(
                    "brussels-rainbowhouse-welcome-desk",
                    "Community support and accompaniment for LGBTQI+ newcomers.",
                ),
                safe_space(
                    "brussels-lgbtqi-emergency-housing",
                    "For someone who cannot go home tonight; the address is never given out.",
                ),
                qa(
                    "Questions teams ask",
                    (
                        "What if a colleague disapproves?",
                        p(
                            "The safe space is a commitment of the service, not of one person. "
                            "Raise it with management; the training module helps."
                        ),
                    ),
                    (
                        "Do we need to record the visit?",
                        p(
                            "Record only what the help requires, with the person's consent. "
                            "Never note sexual orientation or gender identity without a reason."
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "training-for-organisations",
            "title": "Training for organisations",
            "summary": "A half-day training for teams who want to open a safe space.",
            "duration_minutes": 210,
            "audiences": ["public-service-staff", "frontline-workers"],
            "content_warnings": ["discrimination"],
            "learning_objectives": [
                "Use inclusive language with LGBTQI+ visitors.",
                "Respond to a disclosure calmly and without judgement.",
                "Know whom to call for advice.",
            ],
            "body": [
                (
                    "paragraph",
                    p(
                        "The training is run by a trainer from an LGBTQI+ organisation together "
                        "with a member of the service's own staff. It works best with the whole "
                        "front-desk team, including security staff and receptionists.",
                    ),
                ),
                exercise(
                    "reflection",
                    "Words we use",
                    ol(
                        "Write down the words your service uses on its forms for family, "
                        "partner and gender.",
                        "In pairs, imagine filling in the form as a gay man who fled his "
                        "country, or as a non-binary teenager.",
                        "Note one change you could make next week.",
                    ),
                    20,
                ),
                exercise(
                    "role_play",
                    "At the front desk",
                    ol(
                        "One person plays a visitor who asks, hesitantly, whether they can "
                        "talk to someone in private.",
                        "The other plays the receptionist, who has a queue behind them.",
                        "Swap roles, then discuss: what helped the visitor feel safe?",
                    ),
                    30,
                ),
                helpline(
                    "brussels-safe-space-line",
                    "Staff can call for advice before or after receiving a visitor.",
                ),
            ],
        },
        {
            "slug": "awareness-campaign",
            "title": "An awareness campaign",
            "summary": "How to let LGBTQI+ newcomers know that a service is safe for them, "
            "without exposing anyone.",
            "duration_minutes": 30,
            "audiences": ["public-service-staff", "lgbtqi-persons"],
            "content_warnings": [],
            "learning_objectives": [
                "Choose where to show campaign materials so they reach people discreetly.",
                "Adapt the campaign materials to your service and languages.",
            ],
            "body": [
                image("campaign-poster", "The campaign poster, available in six languages."),
                (
                    "paragraph",
                    p(
                        "The campaign uses a simple message, 'You are welcome here', and a "
                        "door. It is meant for waiting rooms, toilets and the back of doors, "
                        "where someone can read it without being watched.",
                        "Print small cards with the safe space's opening hours but no word that "
                        "would give the holder away if a family member found it.",
                    ),
                ),
                video(
                    "brussels-awareness-campaign",
                    "You are welcome here: campaign film",
                    "Music. A door opens onto a bright waiting room. A voice says: 'Whoever you "
                    "are, whoever you love, you can ask for help here.' The name of the service "
                    "appears with its opening hours.",
                ),
                callout(
                    "warning",
                    "Think before you post",
                    p(
                        "Do not publish photos of visitors or of the safe-space room. Check "
                        "that campaign pictures cannot identify anyone."
                    ),
                ),
            ],
        },
    ],
}
