"""The Luxembourg toolbox and its modules (see ``cms.demo.content.toolboxes``)."""

from .blocks import (
    callout,
    download,
    exercise,
    heading,
    helpline,
    ol,
    p,
    pathway,
    qa,
    safe_space,
    step,
    testimony,
    ul,
)

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
