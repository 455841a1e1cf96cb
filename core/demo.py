"""Helpers for the demo loader (`manage.py load_demo_network`).

Every step is idempotent: it finds what it made last time by slug and only
creates what is missing, so the loader can run any number of times.
"""

import io
import math
import random
from datetime import date, timedelta

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
    """A demo illustration drawn with Pillow (no downloads), stored once by title: a
    schematic map of the region, its Major Trauma Centre linked to the Trauma Units
    and critical care units around it."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    width, height = size
    canvas = PILImage.new("RGB", size, (232, 237, 238))
    draw = ImageDraw.Draw(canvas)
    rng = random.Random(title)  # noqa: S311 - decoration, not security
    # The region: a rounded, irregular outline.
    centre = (width * 0.45, height * 0.5)
    outline = []
    for step in range(24):
        angle = step / 24 * 6.2832
        radius = min(width, height) * (0.40 + rng.uniform(-0.04, 0.05))
        outline.append(
            (centre[0] + radius * 1.5 * math.cos(angle), centre[1] + radius * math.sin(angle))
        )
    draw.polygon(outline, fill=(214, 232, 212), outline=(120, 160, 120), width=4)
    font = ImageFont.load_default(size=max(18, height // 30))
    small = ImageFont.load_default(size=max(14, height // 40))
    units = []
    for step in range(7):
        angle = step / 7 * 6.2832 + 0.4
        distance = min(width, height) * rng.uniform(0.22, 0.33)
        units.append(
            (centre[0] + distance * 1.5 * math.cos(angle), centre[1] + distance * math.sin(angle))
        )
    for x, y in units:
        draw.line([centre, (x, y)], fill=colour, width=5)
    for number, (x, y) in enumerate(units, start=1):
        node = (x - 16, y - 16, x + 16, y + 16)
        draw.ellipse(node, fill=(255, 255, 255), outline=colour, width=5)
        label_at = (x + 22, y - 10) if x >= centre[0] else (x - 22, y - 10)
        _label(draw, label_at, f"Trauma Unit {number}", small, right=x < centre[0])
    x, y = centre
    draw.ellipse((x - 34, y - 34, x + 34, y + 34), fill=colour)
    draw.text((x, y), "H", fill=(255, 255, 255), font=font, anchor="mm")
    _label(draw, (x - 110, y + 44), "Major Trauma Centre", font)
    draw.rectangle((0, height - 56, width, height), fill=(255, 255, 255))
    draw.text((24, height - 44), title, fill=(33, 43, 50), font=font)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())
    image = Image(title=title, file=ImageFile(buffer, name=f"{slug}.png"))
    image.save()
    return image


def _label(draw, at, text, font, right=False):
    """Dark text on a white box, so that lines never run through a label."""
    left, top, end, bottom = draw.textbbox(at, text, font=font, anchor="ra" if right else "la")
    draw.rounded_rectangle((left - 6, top - 4, end + 6, bottom + 4), radius=4, fill=(255, 255, 255))
    draw.text(at, text, fill=(33, 43, 50), font=font, anchor="ra" if right else "la")


def _easter_sunday(year):
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    la = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * la) // 433
    month = (h + la - 7 * m + 90) // 25
    return date(year, month, (h + la - 7 * m + 33 * month + 19) % 32)


def _last_monday(year, month):
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=day.weekday())


def _first_monday(year, month):
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def bank_holidays(year):
    """The bank holidays of England and Wales in ``year`` (substitute days included)."""
    easter = _easter_sunday(year)
    days = {
        easter - timedelta(days=2),  # Good Friday
        easter + timedelta(days=1),  # Easter Monday
        _first_monday(year, 5),  # Early May bank holiday
        _last_monday(year, 5),  # Spring bank holiday
        _last_monday(year, 8),  # Summer bank holiday
    }
    # New Year's Day, Christmas Day and Boxing Day move to the next weekdays when
    # they fall at a weekend.
    new_year = date(year, 1, 1)
    while new_year.weekday() >= 5:
        new_year += timedelta(days=1)
    days.add(new_year)
    for day in (date(year, 12, 25), date(year, 12, 26)):
        while day.weekday() >= 5 or day in days:
            day += timedelta(days=1)
        days.add(day)
    return days


def is_working_day(day):
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_day(day):
    """``day`` if it is a working day, else the next one: demo events and courses fall
    on weekdays that are not bank holidays, whatever day the demo is loaded."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def rich_text(*paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def page_by_slug(slug, model=Page):
    return model.objects.filter(slug=slug).first()
