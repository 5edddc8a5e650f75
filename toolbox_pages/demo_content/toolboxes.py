"""Demo toolboxes and their modules, following what each partner city's toolbox held.

A body is a list of ``(block name, value)`` pairs in the blocks' raw form; chooser values are
:class:`Ref` objects the seed command resolves. Text is written for the demo in plain,
trauma-informed language: it names what happens, avoids graphic detail and always says where
help is. Testimonies are composites attributed to a role and a place, never to a person.
"""

from . import Ref

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


def p(*paragraphs: str) -> str:
    """Rich text made of plain paragraphs."""
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def heading(text: str, level: str = "h2") -> tuple[str, dict]:
    return ("heading", {"text": text, "level": level})


def callout(kind: str, title: str, text: str) -> tuple[str, dict]:
    return ("callout", {"kind": kind, "title": title, "text": text})


def exercise(
    kind: str, title: str, instructions: str, minutes: int, audio=None, transcript: str = ""
) -> tuple[str, dict]:
    return (
        "exercise",
        {
            "kind": kind,
            "title": title,
            "instructions": instructions,
            "duration_minutes": minutes,
            "audio": audio,
            "transcript": transcript,
        },
    )


def step(title: str, contact: str, how: str) -> dict:
    return {"title": title, "contact": contact, "how": how}


def pathway(title: str, *steps: dict) -> tuple[str, dict]:
    return ("referral_pathway", {"title": title, "steps": list(steps)})


def prompt(theme: str, question: str, notes: str, images: list[tuple[str, str]]) -> tuple:
    """A dialogue prompt; ``images`` holds (image key, caption) pairs from the image set."""
    return (
        "discussion_prompt",
        {
            "theme": theme,
            "prompt": question,
            "facilitator_notes": notes,
            "images": [
                {"image": Ref("image", key), "alt_text": IMAGES[key][1], "caption": caption}
                for key, caption in images
            ],
        },
    )


def testimony(quote: str, attribution: str) -> tuple[str, dict]:
    return (
        "testimony_quote",
        {"quote": quote, "attribution": attribution, "consent_recorded": True},
    )


def download(key: str, title: str, description: str = "") -> tuple[str, dict]:
    return (
        "document_download",
        {"document": Ref("document", key), "title": title, "description": description},
    )


def helpline(key: str, note: str = "") -> tuple[str, dict]:
    return ("helpline_reference", {"helpline": Ref("helpline", key), "note": note})


def safe_space(key: str, note: str = "") -> tuple[str, dict]:
    return ("safe_space_reference", {"safe_space": Ref("safe_space", key), "note": note})


def video(slug: str, title: str, transcript: str) -> tuple[str, dict]:
    return (
        "video_embed",
        {
            "url": f"https://video.equalcity.example/{slug}",
            "title": title,
            "transcript": transcript,
        },
    )


def image(key: str, caption: str = "") -> tuple[str, dict]:
    return ("image", {"image": Ref("image", key), "alt_text": IMAGES[key][1], "caption": caption})


def qa(title: str, *pairs: tuple[str, str]) -> tuple[str, dict]:
    return (
        "questions_answers",
        {"title": title, "items": [{"question": q, "answer": a} for q, a in pairs]},
    )


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

LUXEMBOURG = {
    "slug": "violence-against-migrant-women-and-girls",
    "title": "Violence against migrant women and girls",
    "lead_city": "luxembourg",
    "partners": ["iom", "fed", "city-luxembourg"],
    "audiences": ["frontline-workers", "police", "social-workers", "health-professionals"],
    "content_warnings": ["domestic-violence", "sexual-violence"],
    "sensitivity": "professionals",
    "focus": "Awareness and capacity to support migrant women and girls who face violence",
    "summary": (
        "For frontline workers in reception centres, police, social offices and health "
        "services: where the gaps are, which services exist, and how to recognise violence "
        "and respond."
    ),
    "body": [
        (
            "paragraph",
            p(
                "Migrant women and girls who face violence meet many professionals before they "
                "meet a specialist: a receptionist, a police officer, a nurse, a social worker. "
                "Each of them can open or close the door to help.",
                "This toolbox was built by the City of Luxembourg, Femmes en Détresse and IOM, "
                "and piloted with civil society, the police and the social offices.",
            ),
        ),
        callout(
            "information",
            "For professionals",
            p("The material is written for trained staff. It is not shown on public kiosks."),
        ),
        helpline("lu-helpline-violence", "The first number to give a woman who asks for help."),
    ],
    "modules": [
        {
            "slug": "mapping-needs-and-gaps",
            "title": "Mapping needs and gaps",
            "summary": "What women and professionals told us about the obstacles between a "
            "migrant woman and the help she needs.",
            "duration_minutes": 40,
            "audiences": ["frontline-workers", "social-workers"],
            "content_warnings": ["domestic-violence"],
            "learning_objectives": [
                "Name the main obstacles that keep migrant women from seeking help.",
                "Identify gaps in your own service's response.",
            ],
            "body": [
                heading("What we heard"),
                (
                    "paragraph",
                    p(
                        "Women described fear of losing their residence permit, of losing "
                        "their children, and of not being understood. Many did not know that "
                        "shelters and counselling are free and confidential.",
                        "Professionals described not knowing which service to call, having no "
                        "interpreter at hand and feeling unsure how to ask about violence.",
                    ),
                ),
                heading("Gaps we found", "h3"),
                (
                    "paragraph",
                    ul(
                        "Information about services exists mostly in French, German and "
                        "Luxembourgish.",
                        "Few services can book an interpreter at short notice.",
                        "Women whose permit depends on a spouse rarely know their rights.",
                    ),
                ),
                testimony(
                    "I thought if I spoke, they would send me back. Nobody told me the "
                    "opposite until the nurse did.",
                    "A woman, Luxembourg",
                ),
                qa(
                    "Using the mapping in your service",
                    (
                        "Can we repeat the mapping locally?",
                        p(
                            "Yes. The method is a short questionnaire for staff and group "
                            "conversations with women, held by a trusted organisation."
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "support-services-annex",
            "title": "Support services for migrant women and girls",
            "summary": "The annex: services a frontline worker can refer to, and how to reach "
            "them.",
            "duration_minutes": 20,
            "audiences": ["frontline-workers", "police", "social-workers"],
            "content_warnings": [],
            "learning_objectives": [
                "Find the right service for a woman's situation.",
                "Explain to her what the service will and will not do.",
            ],
            "body": [
                (
                    "paragraph",
                    p(
                        "Keep this list at hand. Check it with the safe-space listings, which "
                        "are verified regularly, before giving a number or an address."
                    ),
                ),
                safe_space("luxembourg-fed-counselling", "Counselling and safety planning."),
                safe_space(
                    "luxembourg-womens-shelter",
                    "Admission through the public contact line only.",
                ),
                safe_space("luxembourg-legal-desk-ville-haute", "Residence rights for victims."),
                helpline("lu-helpline-violence"),
                helpline("lu-kjt", "For girls who want to talk to someone first."),
                download(
                    "luxembourg-support-services-annex",
                    "Support services annex (printable)",
                    "The list of services on one page, for notice boards in staff rooms.",
                ),
            ],
        },
        {
            "slug": "recognising-violence",
            "title": "Training manual, part 1: recognising violence",
            "summary": "Forms of violence against women and girls, and the signs a frontline "
            "worker may notice.",
            "duration_minutes": 90,
            "audiences": ["frontline-workers", "police", "health-professionals"],
            "content_warnings": ["domestic-violence", "sexual-violence", "honour-based-violence"],
            "learning_objectives": [
                "Describe physical, sexual, psychological and economic violence.",
                "Recognise signs of coercive control.",
                "Understand how migration can increase a woman's dependence on an abuser.",
            ],
            "body": [
                callout(
                    "warning",
                    "Before the session",
                    p(
                        "This part discusses sexual and domestic violence. Tell participants "
                        "in advance, and say that they may step out at any time."
                    ),
                ),
                (
                    "paragraph",
                    p(
                        "Violence is not only blows. A partner who keeps a woman's passport, "
                        "controls all the money, forbids language classes or threatens to have "
                        "her deported is using violence too.",
                        "Signs are rarely certain: frequent missed appointments, a partner who "
                        "always answers for her, injuries explained vaguely. Notice them, and "
                        "create a moment to speak with her alone.",
                    ),
                ),
                exercise(
                    "group",
                    "Invisible violence",
                    ol(
                        "In small groups, read the three short situations handed out.",
                        "List every form of control you can find in each one.",
                        "Share with the whole group: which ones would your service notice?",
                    ),
                    30,
                ),
            ],
        },
        {
            "slug": "responding-and-referring",
            "title": "Training manual, part 2: responding and referring",
            "summary": "What to say, what not to say, and the steps from a disclosure to "
            "specialised support.",
            "duration_minutes": 90,
            "audiences": ["frontline-workers", "police", "social-workers"],
            "content_warnings": ["domestic-violence"],
            "learning_objectives": [
                "Respond to a disclosure in a way that supports the woman's choices.",
                "Follow the referral pathway, with an interpreter if needed.",
            ],
            "body": [
                callout(
                    "safety",
                    "Her safety first",
                    p(
                        "Never use a partner, relative or child as interpreter. Never send "
                        "letters about violence to a shared address."
                    ),
                ),
                pathway(
                    "From disclosure to specialised support",
                    step(
                        "Listen and believe",
                        "You",
                        "Thank her for telling you. Say that violence is never her fault.",
                    ),
                    step(
                        "Assess immediate danger",
                        "You, and the police if she agrees",
                        "Ask whether she is afraid to go home today. In danger now: call 113.",
                    ),
                    step(
                        "Refer",
                        "Helpline violence domestique or a counselling service",
                        "Call together if she wishes. Give the number only if she can keep it "
                        "safely.",
                    ),
                    step(
                        "Follow up",
                        "You",
                        "Agree on a safe way and time to contact her again.",
                    ),
                ),
                exercise(
                    "role_play",
                    "A disclosure at the counter",
                    ol(
                        "One person plays a woman who, while renewing a document, says she "
                        "cannot go home.",
                        "The other responds, following the pathway.",
                        "The observer notes what helped and what closed the conversation.",
                    ),
                    30,
                ),
                testimony(
                    "The police officer spoke to me with an interpreter on the phone, not with "
                    "my husband. That was the first time I could say everything.",
                    "A woman, Luxembourg",
                ),
            ],
        },
    ],
}

BODY_SCAN_TRANSCRIPT = (
    "Find a position that is comfortable for you, sitting or lying down. You can close your "
    "eyes, or look softly at a point on the floor. Notice your breath, without changing it. "
    "Now bring your attention to your feet: what do you feel there? Warmth, cold, pressure, "
    "nothing at all; all of it is fine. Slowly move your attention up to your legs, your "
    "belly, your chest, your shoulders, your face. If a part of your body feels "
    "uncomfortable, you can skip it and come back to your breath. When you are ready, open "
    "your eyes and look around the room. Name three things you can see."
)

ROME = {
    "slug": "mindfulness-for-unaccompanied-minors-and-their-carers",
    "title": "Mindfulness for unaccompanied minors and their carers",
    "lead_city": "rome",
    "partners": ["iom", "sapienza", "etna", "city-rome"],
    "audiences": [
        "legal-guardians",
        "social-workers",
        "cultural-mediators",
        "community-educators",
        "unaccompanied-minors",
    ],
    "content_warnings": ["sexual-violence", "child-abuse", "trafficking"],
    "sensitivity": "professionals",
    "focus": "Mindfulness-based training for those who care for unaccompanied minors",
    "summary": (
        "Four manuals: for social workers and community educators, for intercultural "
        "mediators, for volunteer legal guardians and for the children themselves. Each uses "
        "mindfulness to help adults and young people cope with the effects of violence."
    ),
    "body": [
        (
            "paragraph",
            p(
                "Many unaccompanied children who reach Rome have met violence on their journey. "
                "The adults around them, guardians, social workers, mediators, carry that "
                "weight too.",
                "The City of Rome, Sapienza University of Rome, NGO ETNA and IOM built four "
                "manuals that use mindfulness, a simple practice of attention to the present "
                "moment, to help both the adults and the children.",
            ),
        ),
        callout(
            "safety",
            "Mindfulness is not therapy",
            p(
                "The exercises support well-being. They do not treat trauma. A young person "
                "who is distressed needs a professional."
            ),
        ),
    ],
    "modules": [
        {
            "slug": "manual-for-social-workers-and-community-educators",
            "title": "Manual for social workers and community educators",
            "summary": "Recognising and responding to sexual and gender-based violence among "
            "unaccompanied minors, with a mindfulness module for the professional.",
            "duration_minutes": 180,
            "audiences": ["social-workers", "community-educators"],
            "content_warnings": ["sexual-violence", "child-abuse"],
            "learning_objectives": [
                "Recognise signs that a young person may have experienced violence.",
                "Refer a young person to specialised care with their guardian.",
                "Use a short mindfulness practice to manage your own stress.",
            ],
            "body": [
                heading("Recognising signs"),
                (
                    "paragraph",
                    p(
                        "Young people rarely speak about violence directly. Changes in sleep, "
                        "sudden anger, withdrawal, fear of certain places or people can all be "
                        "signs. So can nothing at all.",
                        "Your role is not to find out what happened, but to be an adult who can "
                        "be trusted, and to know where specialised help is.",
                    ),
                ),
                pathway(
                    "When a young person discloses violence",
                    step(
                        "Listen and believe",
                        "You",
                        "Stay calm. Do not ask for details or promise to keep a secret.",
                    ),
                    step(
                        "Inform the guardian",
                        "The young person's legal guardian",
                        "Tell the young person who you will inform and why.",
                    ),
                    step(
                        "Refer",
                        "Ethnopsychology consultation or the health clinic",
                        "The guardian or social worker asks for a first meeting.",
                    ),
                ),
                heading("Looking after yourself"),
                exercise(
                    "mindfulness",
                    "A short body scan",
                    ol(
                        "Sit or lie down comfortably.",
                        "Follow the recording, or read the transcript slowly.",
                        "Afterwards, note one word for how you feel.",
                    ),
                    10,
                    audio=Ref("document", "rome-body-scan-audio"),
                    transcript=BODY_SCAN_TRANSCRIPT,
                ),
            ],
        },
        {
            "slug": "manual-for-intercultural-mediators",
            "title": "Manual for intercultural mediators",
            "summary": "The mediator's place between a young person and services when violence "
            "is spoken about.",
            "duration_minutes": 120,
            "audiences": ["cultural-mediators"],
            "content_warnings": ["sexual-violence"],
            "learning_objectives": [
                "Translate words about violence and the body accurately and without judgement.",
                "Recognise your own reactions and take care of them.",
            ],
            "body": [
                (
                    "paragraph",
                    p(
                        "A mediator often hears a young person's story first, and in their own "
                        "language. Words for sexual violence may not exist, or may carry shame. "
                        "Agree with the professional beforehand how to handle them.",
                        "You may recognise parts of your own story. That is normal, and it is a "
                        "reason to take breaks and to talk with a supervisor.",
                    ),
                ),
                callout(
                    "information",
                    "Before a session",
                    p("Ask the professional for a short briefing and a debriefing afterwards."),
                ),
                exercise(
                    "reflection",
                    "Words that are hard to say",
                    ol(
                        "List words about the body and violence that are hard to translate.",
                        "For each, write how you would explain it neutrally.",
                        "Discuss with another mediator.",
                    ),
                    25,
                ),
                exercise(
                    "mindfulness",
                    "Three breaths between sessions",
                    ol(
                        "Put your feet flat on the floor.",
                        "Take three slow breaths, noticing the air going in and out.",
                        "Say to yourself: that story belongs to them; I can put it down now.",
                    ),
                    3,
                ),
                qa(
                    "Mediators ask",
                    (
                        "What if the young person asks me not to translate something?",
                        p(
                            "Explain gently that you are there to pass on everything they say, "
                            "and that they can choose not to say it."
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "manual-for-volunteer-legal-guardians",
            "title": "Manual for volunteer legal guardians",
            "summary": "A guardian's rights and duties when their ward may be a victim of "
            "violence or exploitation.",
            "duration_minutes": 150,
            "audiences": ["legal-guardians"],
            "content_warnings": ["child-abuse", "trafficking"],
            "learning_objectives": [
                "Know the protection a minor victim is entitled to.",
                "Coordinate with social services, health services and the police.",
            ],
            "body": [
                (
                    "paragraph",
                    p(
                        "As a volunteer guardian you represent the young person's interests. "
                        "If you suspect violence or exploitation, you have the right, and the "
                        "duty, to ask for protection and care on their behalf.",
                        "You do not have to do it alone. The social worker, the reception "
                        "centre and the guardians' support line are there to advise you.",
                    ),
                ),
                pathway(
                    "If you suspect exploitation",
                    step(
                        "Write down what you noticed",
                        "You",
                        "Facts only: dates, what you saw and heard.",
                    ),
                    step(
                        "Seek advice",
                        "Rome guardians' support line",
                        "Describe the situation without naming the young person at first.",
                    ),
                    step(
                        "Report",
                        "Social services and, where a child is in danger, the police",
                        "Ask for the protected hearing room for any interview.",
                    ),
                ),
                helpline("rome-guardians-line"),
                helpline("it-114", "To report a child in danger."),
                download(
                    "rome-guardians-manual",
                    "Manual for volunteer legal guardians (summary)",
                    "The key steps on two pages.",
                ),
            ],
        },
        {
            "slug": "mindfulness-for-young-people",
            "title": "Mindfulness for young people",
            "summary": "Short practices for unaccompanied minors, to calm down, sleep better and "
            "feel in charge of their bodies again.",
            "duration_minutes": 60,
            "audiences": ["unaccompanied-minors"],
            "content_warnings": [],
            "learning_objectives": [
                "Use a breathing practice when feeling overwhelmed.",
                "Know where to go when you want to talk to someone.",
            ],
            "body": [
                (
                    "paragraph",
                    p(
                        "These exercises are for you. You can do them alone or in a group, in "
                        "any language. There is no right or wrong way to do them.",
                    ),
                ),
                callout(
                    "safety",
                    "If something feels bad",
                    p(
                        "Stop the exercise whenever you want. Open your eyes, look around and "
                        "name what you see. Talk to an adult you trust."
                    ),
                ),
                exercise(
                    "mindfulness",
                    "Five, four, three, two, one",
                    ol(
                        "Name five things you can see.",
                        "Four things you can touch.",
                        "Three things you can hear.",
                        "Two things you can smell.",
                        "One slow breath.",
                    ),
                    5,
                ),
                exercise(
                    "mindfulness",
                    "Hands on the table",
                    ol(
                        "Put both hands flat on a table.",
                        "Feel its temperature and its surface.",
                        "Press gently, then let go. Do it three times.",
                    ),
                    3,
                ),
                video(
                    "rome-breathing-together",
                    "Breathing together",
                    "A group of young people sits in a circle. A facilitator says: 'Let's "
                    "breathe in together, and out. Once more.' The young people smile.",
                ),
                safe_space(
                    "rome-youth-centre-centocelle",
                    "A place to meet other young people and talk freely.",
                ),
            ],
        },
    ],
}

GOTHENBURG = {
    "slug": "dialogues-with-parents",
    "title": "Dialogues with parents",
    "lead_city": "gothenburg",
    "partners": ["iom", "city-gothenburg"],
    "audiences": ["parents", "frontline-workers", "community-educators"],
    "content_warnings": ["domestic-violence", "honour-based-violence", "child-abuse"],
    "sensitivity": "public",
    "focus": "Dialogues with parents on violence in the family and its impact on children",
    "summary": (
        "A series of dialogue sessions with parents in migrant communities, on parenthood "
        "and migration, children's rights, roles in the family, trust in society, domestic "
        "violence and honour-based violence. An image set opens each conversation."
    ),
    "body": [
        (
            "paragraph",
            p(
                "Parents want their children to be safe. The dialogues start from there: not "
                "from a lecture, but from questions parents answer together, in their own "
                "language, with a facilitator who knows the city's services.",
            ),
        ),
        video(
            "gothenburg-dialogues",
            "What parents said about the dialogues",
            "Parents speak in several languages, with subtitles. A father says the sessions "
            "helped him understand his children's school. A mother says she learned that "
            "social services can help a family, not only take children away.",
        ),
        helpline("gothenburg-parents-line"),
    ],
    "modules": [
        {
            "slug": "preparing-the-dialogues",
            "title": "Preparing and leading the dialogues",
            "summary": "How facilitators set up a series of sessions and keep them safe.",
            "duration_minutes": 60,
            "audiences": ["frontline-workers", "community-educators"],
            "content_warnings": [],
            "learning_objectives": [
                "Plan a series of six sessions with a group of parents.",
                "Set ground rules that make it safe to speak.",
            ],
            "body": [
                (
                    "paragraph",
                    p(
                        "Groups work best with eight to twelve parents who share a language, "
                        "meeting once a week at the same time. Offer childcare and something to "
                        "eat. Hold the sessions where parents already go.",
                        "Two facilitators lead each session: one from the community, one from "
                        "a city service. Each session opens with an image and a question.",
                    ),
                ),
                callout(
                    "information",
                    "Ground rules",
                    ul(
                        "What is said in the group stays in the group.",
                        "Nobody has to speak.",
                        "We talk about situations, not about people who are not here.",
                    ),
                ),
                qa(
                    "Facilitators ask",
                    (
                        "What if a parent discloses violence in the group?",
                        p(
                            "Thank them, and offer to talk after the session in private. Then "
                            "follow the referral pathway in the domestic violence session."
                        ),
                    ),
                    (
                        "What if a parent disagrees strongly?",
                        p(
                            "Disagreement is welcome. Bring the conversation back to what "
                            "children need."
                        ),
                    ),
                ),
            ],
        },
        {
            "slug": "parenthood-and-migration",
            "title": "Parenthood and migration",
            "summary": "How migration changes being a parent, and cultural awareness in a "
            "new country.",
            "duration_minutes": 90,
            "audiences": ["parents"],
            "content_warnings": [],
            "learning_objectives": [
                "Share experiences of raising children in a new country.",
                "Recognise differences and common ground between parenting traditions.",
            ],
            "body": [
                prompt(
                    "Parenthood and migration",
                    "What did you bring with you about being a parent, and what has changed "
                    "since you arrived?",
                    "Let each parent answer before discussing. Notice the strengths parents "
                    "describe, not only the difficulties.",
                    [
                        ("two-homes", "Two homes"),
                        ("family-table", "At the table"),
                    ],
                ),
                prompt(
                    "Cultural awareness",
                    "What surprised you about how children are raised here?",
                    "Ask what parents appreciate as well as what worries them.",
                    [("school-gate", "At the school gate")],
                ),
            ],
        },
        {
            "slug": "childrens-rights-and-roles-in-the-family",
            "title": "Children's rights and roles in the family",
            "summary": "What children are entitled to, and who does what at home.",
            "duration_minutes": 90,
            "audiences": ["parents"],
            "content_warnings": ["child-abuse"],
            "learning_objectives": [
                "Describe children's rights as Swedish law and the UN Convention set them out.",
                "Reflect on roles and decisions in the family.",
            ],
            "body": [
                (
                    "paragraph",
                    p(
                        "In Sweden it is against the law to hit a child, also at home and also "
                        "as punishment. Children have a right to be heard on matters that "
                        "concern them, in line with their age.",
                    ),
                ),
                prompt(
                    "Children's rights",
                    "When should a child have a say in a family decision? Give an example.",
                    "Link the answers to the right to be heard. Avoid judging individual families.",
                    [("school-gate", "")],
                ),
                prompt(
                    "Roles in the family",
                    "Who decides what in your family? Has that changed since you moved?",
                    "Invite both mothers and fathers to answer. Note changes in roles after "
                    "migration, for example when children translate for their parents.",
                    [("family-table", "")],
                ),
            ],
        },
        {
            "slug": "trust-in-society",
            "title": "Trust in society",
            "summary": "Who parents can turn to, and why many hesitate.",
            "duration_minutes": 75,
            "audiences": ["parents"],
            "content_warnings": [],
            "learning_objectives": [
                "Know which services help families and what they do.",
                "Discuss fears about social services and the police.",
            ],
            "body": [
                prompt(
                    "Trust in society",
                    "Who would you ask for help if you were worried about a child?",
                    "Many parents fear that social services take children away. Explain that "
                    "most of their work is support to families who stay together.",
                    [("helping-hands", "Reaching out")],
                ),
                safe_space(
                    "gothenburg-family-centre-angered",
                    "Where many of the dialogue groups meet.",
                ),
                helpline("gothenburg-parents-line"),
            ],
        },
        {
            "slug": "domestic-violence-and-children",
            "title": "Domestic violence and its impact on children",
            "summary": "What children live through when there is violence between adults at "
            "home, and where families can get help.",
            "duration_minutes": 90,
            "audiences": ["parents"],
            "content_warnings": ["domestic-violence", "child-abuse"],
            "learning_objectives": [
                "Understand that witnessing violence harms children.",
                "Know where a parent can turn for help.",
            ],
            "body": [
                callout(
                    "warning",
                    "A difficult session",
                    p(
                        "This session talks about violence at home. Some parents may live "
                        "with it. Remind the group that they may step out, and that a "
                        "facilitator is available afterwards."
                    ),
                ),
                prompt(
                    "Domestic violence",
                    "A child hears the adults shouting and fighting at night. What does the "
                    "child feel, and what does the child need?",
                    "Children are affected even when they are not hit and even when they seem "
                    "to be asleep. Keep the focus on what helps children.",
                    [("closed-door", "Behind the door")],
                ),
                pathway(
                    "If a parent says there is violence at home",
                    step(
                        "Listen in private",
                        "A facilitator",
                        "After the session, away from the group.",
                    ),
                    step(
                        "Give the national helpline",
                        "Kvinnofridslinjen",
                        "Free, day and night; interpreters can join the call.",
                    ),
                    step(
                        "Offer an appointment",
                        "Social services",
                        "The family centre can book it and go with the parent.",
                    ),
                ),
                helpline("se-kvinnofridslinjen"),
            ],
        },
        {
            "slug": "honour-based-violence",
            "title": "Honour-based violence",
            "summary": "Control and violence in the name of a family's honour: what it is and "
            "how to protect young people.",
            "duration_minutes": 90,
            "audiences": ["parents", "frontline-workers"],
            "content_warnings": ["honour-based-violence"],
            "learning_objectives": [
                "Describe honour-based control and violence.",
                "Know that support exists for young people and for parents under pressure.",
            ],
            "body": [
                (
                    "paragraph",
                    p(
                        "Honour-based violence is control or violence used to protect a "
                        "family's reputation: limiting whom a young person meets, forcing a "
                        "marriage, punishing a relationship. It affects girls and boys, and "
                        "LGBTQI+ young people especially.",
                        "Parents can be under strong pressure from relatives too. The session "
                        "gives space to talk about that pressure.",
                    ),
                ),
                prompt(
                    "Honour-based violence",
                    "What does a family's honour mean to you? Who decides what is honourable?",
                    "Facilitators from the community lead this prompt. Do not push anyone to "
                    "share their family's situation.",
                    [("helping-hands", ""), ("family-table", "")],
                ),
                testimony(
                    "I was afraid of what the relatives would say. In the group I heard other "
                    "fathers say the same, and that I could choose my daughter first.",
                    "A father, Gothenburg",
                ),
                safe_space(
                    "gothenburg-honour-violence-team", "Advice for young people and parents."
                ),
            ],
        },
    ],
}

TOOLBOXES = [BRUSSELS, LUXEMBOURG, ROME, GOTHENBURG]
