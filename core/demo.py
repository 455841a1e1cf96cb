"""Helpers for the demo loader (`manage.py load_demo_network`).

Every step is idempotent: it finds what it made last time by slug and only
creates what is missing, so the loader can run any number of times.
"""

import io
import random

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Page


def ensure_child(parent, model, slug, **fields):
    """The child of ``parent`` with ``slug``, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_image(title, colour, size=(1200, 675)):
    """A demo image drawn with Pillow (no downloads), stored once by title."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    rng = random.Random(title)  # noqa: S311 - decoration, not security
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(40, 200)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=(255, 255, 255), width=6)
    draw.text((40, size[1] - 80), title, fill=(255, 255, 255))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())
    image = Image(title=title, file=ImageFile(buffer, name=f"{slug}.png"))
    image.save()
    return image


def rich_text(*paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def page_by_slug(slug, model=Page):
    return model.objects.filter(slug=slug).first()
