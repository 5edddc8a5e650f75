"""Small, deterministic files for the demo images and documents, built in memory.

The same call returns the same bytes on every run, so a fresh demo database always gets
identical media. The drawings are simple shapes: enough for editors to see an image set at
work in the admin and in the apps.
"""

import io

from PIL import Image, ImageDraw

SIZE = (480, 320)
INK = (40, 44, 52)
PAPER = (250, 247, 240)
RAINBOW = [(228, 3, 3), (255, 140, 0), (255, 237, 0), (0, 128, 38), (36, 64, 142), (115, 41, 130)]


def _person(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float, colour) -> None:
    head = int(14 * scale)
    draw.ellipse((x - head, y - 3 * head, x + head, y - head), fill=colour)
    draw.rounded_rectangle((x - head, y - head, x + head, y + 2 * head), radius=6, fill=colour)


def _house(draw: ImageDraw.ImageDraw, x: int, y: int, colour) -> None:
    draw.rectangle((x - 50, y - 40, x + 50, y + 40), fill=colour)
    draw.polygon([(x - 60, y - 40), (x, y - 90), (x + 60, y - 40)], fill=INK)
    draw.rectangle((x - 12, y, x + 12, y + 40), fill=PAPER)


def _open_door(draw: ImageDraw.ImageDraw) -> None:
    band = SIZE[1] // len(RAINBOW)
    for i, colour in enumerate(RAINBOW):
        draw.rectangle((0, i * band, 90, (i + 1) * band), fill=colour)
        draw.rectangle((SIZE[0] - 90, i * band, SIZE[0], (i + 1) * band), fill=colour)
    draw.rectangle((190, 60, 290, 280), outline=INK, width=6)
    draw.polygon([(190, 60), (240, 80), (240, 300), (190, 280)], fill=(200, 170, 120))
    draw.text((150, 20), "You are welcome here", fill=INK)


def _family_table(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((120, 190, 360, 210), fill=(150, 100, 60))
    for x, scale, colour in [
        (150, 1.2, (70, 110, 160)),
        (210, 0.8, (220, 120, 90)),
        (270, 0.8, (110, 160, 100)),
        (330, 1.2, (160, 90, 140)),
    ]:
        _person(draw, x, 170, scale, colour)


def _two_homes(draw: ImageDraw.ImageDraw) -> None:
    _house(draw, 100, 220, (200, 150, 90))
    _house(draw, 380, 220, (90, 140, 190))
    for x in range(160, 330, 20):
        draw.ellipse((x, 255, x + 6, 261), fill=INK)


def _school_gate(draw: ImageDraw.ImageDraw) -> None:
    for x in range(260, 460, 24):
        draw.rectangle((x, 140, x + 8, 280), fill=INK)
    draw.rectangle((260, 140, 460, 150), fill=INK)
    _person(draw, 150, 220, 1.3, (70, 110, 160))
    _person(draw, 200, 240, 0.8, (220, 120, 90))
    draw.line((168, 230, 190, 240), fill=INK, width=4)


def _helping_hands(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((60, 150, 220, 210), radius=30, fill=(220, 170, 130))
    draw.rounded_rectangle((260, 150, 420, 210), radius=30, fill=(150, 100, 70))
    for offset in range(4):
        draw.rounded_rectangle(
            (200, 120 + offset * 20, 240, 135 + offset * 20), radius=7, fill=(220, 170, 130)
        )
        draw.rounded_rectangle(
            (240, 125 + offset * 20, 280, 140 + offset * 20), radius=7, fill=(150, 100, 70)
        )


def _closed_door(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((170, 40, 310, 290), fill=(120, 80, 60), outline=INK, width=5)
    draw.ellipse((285, 160, 297, 172), fill=(230, 200, 80))
    _person(draw, 240, 290, 0.7, (110, 160, 100))


DRAWINGS = {
    "open_door": _open_door,
    "family_table": _family_table,
    "two_homes": _two_homes,
    "school_gate": _school_gate,
    "helping_hands": _helping_hands,
    "closed_door": _closed_door,
}


def png(drawing: str) -> bytes:
    """A PNG of one of the named drawings."""
    image = Image.new("RGB", SIZE, PAPER)
    DRAWINGS[drawing](ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _pdf_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page PDF showing ``title`` and ``lines`` in Helvetica (ASCII text only)."""
    text = [f"BT /F1 16 Tf 56 780 Td ({_pdf_text(title)}) Tj ET"]
    for number, line in enumerate(lines):
        text.append(f"BT /F1 11 Tf 56 {750 - 18 * number} Td ({_pdf_text(line)}) Tj ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def silent_mp3(seconds: int = 2) -> bytes:
    """MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz) whose audio data is silence.

    It stands in for the guided recording an editor would upload; players accept it.
    """
    header = bytes([0xFF, 0xFB, 0x90, 0x44])
    frame = header + bytes(417 - len(header))
    frames_per_second = 38
    return frame * (frames_per_second * seconds)
