"""The Gothenburg toolbox and its modules (see ``cms.demo.content.toolboxes``)."""

from .blocks import (
    callout,
    helpline,
    p,
    pathway,
    prompt,
    qa,
    safe_space,
    step,
    testimony,
    ul,
    video,
)

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
