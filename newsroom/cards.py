"""The publication's share card: the picture social networks show for a page without one of its own.

Made once from the publication's name and logo (1200 x 630, the size the
networks ask for), stored with the media under a name that follows the name
and logo, so every process finds the same file and a new name or logo makes a
new card. An uploaded card (the publisher identity's *share card*) replaces it.
"""

import hashlib
import io
import textwrap

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
PAPER, INK, RULE = (251, 250, 247), (19, 20, 24), (176, 38, 38)


def made_card(name, logo_path):
    """The name in storage of the card of ``name`` and the logo at ``logo_path`` (media or static)."""
    key = hashlib.sha256(f"{name}\n{logo_path}".encode()).hexdigest()[:16]
    stored = f"cards/{key}.png"
    if not default_storage.exists(stored):
        stored = default_storage.save(stored, ContentFile(_draw(name, _logo(logo_path))))
    return stored


def _logo(logo_path):
    """The logo as an image, from the media storage or the static files; None when there is none."""
    try:
        if default_storage.exists(logo_path):
            with default_storage.open(logo_path, "rb") as source:
                return Image.open(io.BytesIO(source.read())).convert("RGBA")
        found = finders.find(logo_path)
        return Image.open(found).convert("RGBA") if found else None
    except (OSError, ValueError):
        return None


def _draw(name, logo):
    card = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=RULE)
    top = 90
    if logo is not None:
        logo.thumbnail((900, 160))
        card.paste(logo, ((WIDTH - logo.width) // 2, top), logo)
        top += logo.height + 60
    font = ImageFont.load_default(size=84)
    lines = textwrap.wrap(name, width=22)[:3]
    for line in lines:
        draw.text((WIDTH / 2, top), line, fill=INK, font=font, anchor="mt")
        top += 100
    buffer = io.BytesIO()
    card.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
