"""The block builders of the demo toolboxes: each returns a ``(block name, value)`` pair (or a
value) in the raw form a StreamField stores."""

from cms.demo.content import Ref

from .pages import IMAGES


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
