"""Compile the interface translations without GNU gettext: ``locale/*/LC_MESSAGES/*.po`` to ``.mo``.

Django's own ``compilemessages`` needs the gettext tools (``msgfmt``), which a fresh
machine may lack; polib writes the same binary catalogue from Python. The compiled
files are committed, so the site works from a fresh clone; ``make messages`` runs this.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

import polib


def compile_catalogues(locale_paths=None) -> list[Path]:
    """Write a ``.mo`` beside every ``.po`` under ``locale_paths``; return the files written."""
    written = []
    for locale_path in locale_paths or settings.LOCALE_PATHS:
        for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo with polib (no gettext tools needed)."

    def handle(self, *args, **options):
        for path in compile_catalogues():
            self.stdout.write(f"Compiled {path}")
