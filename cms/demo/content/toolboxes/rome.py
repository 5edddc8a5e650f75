"""The Rome toolbox and its modules (see ``cms.demo.content.toolboxes``)."""

from cms.demo.content import Ref

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
    video,
)

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
